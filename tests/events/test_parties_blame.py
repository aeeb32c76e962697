"""Parties of issue 4, round P6: the party an article blames for an attack told without attacker, an insurgent
group's own state as the target of its seizure, the body whose site is seized, accusations of an act referred back
to, requests of a meeting, diplomatic posts and objects named before a trigger. Sentences are our own; the coding
tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event
from sitrep.kb import load_kb


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_the_round_rules_are_versioned_data() -> None:
    rules = load_extract_rules()
    assert tuple(int(p) for p in rules.version.split(".")) >= (1, 12)
    assert "REB" in rules.insurgent_sectors
    assert "escalation" in rules.conflict_event_nouns
    assert "ASSAULT" in rules.force_types and "ASSAULT" in rules.blamed_types
    assert {"blame", "blamed"} <= rules.blame_verbs
    assert "meeting" in rules.meeting_nouns and "meet" in rules.meeting_verbs
    assert "mission" in rules.posting_nouns


def test_the_knowledge_base_knows_the_round_additions() -> None:
    kb = load_kb()
    lai = kb.by_surname("Lai")
    assert lai and lai[0].country == "TWN"
    navalnaya = kb.person("Yulia Navalnaya")
    assert navalnaya is not None and navalnaya.country == "RUS"
    nato = kb.organisation("North Atlantic Treaty")
    assert nato is not None and nato.id == "NATO"


def test_an_unnamed_attacker_is_the_party_the_article_blames(coder: Any) -> None:
    text = (
        "Mortar fire killed two Georgian policemen near Khurvaleti on Sunday. "
        "The interior ministry in Tbilisi blamed the attack on Russia-backed separatists."
    )
    (attack,) = _of_type(coder(text), "ASSAULT")
    assert attack.actor and {(a.country, a.sector) for a in attack.actor} == {("GEO", "REB")}
    assert attack.claim  # the guide: the blamed party is the actor, and the event is the blamer's claim


def test_an_attacker_the_sentence_names_makes_no_claim(coder: Any) -> None:
    (attack,) = _of_type(coder("Russian artillery shelled the village of Shumy on Friday, killing two soldiers."), "ASSAULT")
    assert _countries(attack, "actor") == {"RUS"} and not attack.claim


def test_an_unnamed_attack_in_a_story_of_one_attacker_is_that_attackers(coder: Any) -> None:
    text = "Russia launched a wave of missiles at Ukrainian cities on Monday. Missiles hit a power station in Lviv."
    attacks = _of_type(coder(text), "ASSAULT")
    assert attacks and all(_countries(e, "actor") == {"RUS"} for e in attacks)


def test_an_insurgent_seizure_is_aimed_at_its_own_state(coder: Any) -> None:
    (event,) = _of_type(coder("Russia-backed separatists in eastern Ukraine seized the town in the spring of 2014."), "COERCE")
    assert _countries(event, "actor") == {"UKR"}
    assert _countries(event, "recipient") == {"UKR"}


def test_a_mutiny_seizes_the_site_of_the_body_named(coder: Any) -> None:
    text = "Mutinous Wagner units seized control of the compound of the Western Military District in Smolensk."
    (event,) = _of_type(coder(text), "COERCE")
    assert _countries(event, "recipient") == {"RUS"}


def test_the_subject_a_judgement_is_said_of_refers_back_to_the_attack(coder: Any) -> None:
    text = (
        "Moscow fired missiles at Kharkiv overnight. "
        "The French president said the strikes revealed the cruelty of the war."
    )
    (event,) = _of_type(coder(text), "ACCUSE")
    assert _countries(event, "actor") == {"FRA"}
    assert _countries(event, "recipient") == {"RUS"}


def test_an_escalation_refers_back_to_the_last_act_of_force(coder: Any) -> None:
    text = (
        "Iran launched drones at Israel on Saturday. Israel's foreign minister wrote to 30 countries asking for "
        "new sanctions. The UN chief condemned the dangerous escalation."
    )
    (event,) = _of_type(coder(text), "ACCUSE")
    assert _countries(event, "recipient") == {"IRN"}


def test_a_request_for_a_meeting_is_addressed_to_the_body_that_meets(coder: Any) -> None:
    text = "The Security Council convened in New York on Monday after Lebanon requested an urgent meeting."
    (event,) = _of_type(coder(text), "REQUEST")
    assert _countries(event, "actor") == {"LBN"}
    assert _countries(event, "recipient") == {"UN"}
    (treaty,) = _of_type(coder("Five allies asked for consultations under Article 4 of the North Atlantic Treaty."), "REQUEST")
    assert _countries(treaty, "recipient") == {"NATO"}


def test_the_body_a_post_is_accredited_to_does_not_act(coder: Any) -> None:
    (event,) = _of_type(coder("Iran's mission to the United Nations warned Washington to stay out of the conflict."), "THREATEN")
    assert _countries(event, "actor") == {"IRN"}
    assert _countries(event, "recipient") == {"USA"}


def test_an_object_named_before_the_trigger_is_no_actor(coder: Any) -> None:
    text = "Pashinyan telephoned French President Emmanuel Macron on Monday to apologise and offer his condolences."
    (event,) = _of_type(coder(text), "SUPPORT")
    assert _countries(event, "actor") == {"ARM"}
    assert _countries(event, "recipient") == {"FRA"}
