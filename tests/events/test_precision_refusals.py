"""Precision rules of task D9: triggers that tell no event of their own (a speech frame, an item of a list, what is
lacking or lost, the matter of an evaluation, a wish, a speaker's silence, an idiom, a description), a meeting told
again by the same people, and an attack that a relative clause blames on someone (sitrep.events.coder.refusals,
blamed_acts, separate_acts). Sentences are ours."""

from __future__ import annotations

from typing import Any


def _types(events: list[Any]) -> list[str]:
    return [e.type for e in events]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_a_speech_frame_is_no_meeting(coder: Any) -> None:
    events = coder(
        "Speaking at a naval base near Sevastopol on Friday, the Russian defence minister said the fleet was ready.",
        published="2021-05-14",
    )
    assert "CONSULT" not in _types(events)


def test_items_of_a_list_and_what_is_lacking_are_no_acts(coder: Any) -> None:
    events = coder(
        "The Canadian aid package unveiled on Monday includes armoured vehicles, rifles and 10,000 artillery shells.",
        published="2023-06-12",
    )
    assert "ASSAULT" not in _types(events)
    events = coder("The siege caused severe shortages of fuel and medicine in the city.", published="2023-06-12")
    assert "AID" not in _types(events)


def test_the_matter_of_an_evaluation_is_no_act(coder: Any) -> None:
    events = coder(
        "A Finnish diplomat said any Russian steps towards de-escalation would matter.", published="2021-04-23"
    )
    assert "RETREAT" not in _types(events)


def test_a_threat_judged_to_come_stays_a_threat(coder: Any) -> None:
    from sitrep.events.coder.refusals import judged_matter, load_precision_rules

    assert "THREATEN" in load_precision_rules().judged_types  # "a response would be inevitable": the threat itself
    assert callable(judged_matter)


def test_a_wish_is_no_request_but_asking_a_party_is(coder: Any) -> None:
    events = coder("The Georgian president said Tbilisi wanted calm relations with all its neighbours.", published="2022-03-02")
    assert "REQUEST" not in _types(events)


def test_a_speakers_silence_is_no_event(coder: Any) -> None:
    events = coder("The Dutch minister did not say whether The Hague would send more tanks to Kyiv.", published="2023-02-01")
    assert "AID" not in _types(events)
    events = coder("India declined to describe the strikes as an act of war.", published="2023-02-01")
    assert "REJECT" not in _types(events)


def test_an_idiom_and_a_description_are_no_acts(coder: Any) -> None:
    events = coder("In Warsaw, the Polish president struck a cautious tone.", published="2023-02-01")
    assert "ASSAULT" not in _types(events)
    events = coder(
        "Norway has sent Ukraine NASAMS launchers, which can hit aircraft 40 kilometres away.", published="2023-02-01"
    )
    assert "ASSAULT" not in _types(events)


def test_the_same_meeting_told_again_is_one_event(coder: Any) -> None:
    events = coder(
        "French President Emmanuel Macron spoke with Moldovan President Maia Sandu on Tuesday. "
        "The two leaders also discussed energy supplies for the coming winter.",
        published="2022-10-11",
    )
    assert _types(events).count("CONSULT") == 1


def test_an_attack_a_relative_clause_blames_is_the_attack(coder: Any) -> None:
    events = coder(
        "The minister raised the deaths of three Georgian border guards near the village of Ergneti on May 3, "
        "which Tbilisi has blamed on Russian troops.",
        published="2021-05-10",
    )
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and "ACCUSE" not in _types(events)
    assert attacks[0].claim and attacks[0].span == "deaths"
    assert _countries(attacks[0].actor) == {"RUS"} and _countries(attacks[0].recipient) == {"GEO"}
