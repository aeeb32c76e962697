"""Detection and roles of task D3: a clause whose subject the parser joined to the verb before, a subject of
coordinated country adjectives, interceptions of drones and missiles, refusals told only by "would not", trigger
phrases heading their own clause and types the model is sure of with no trigger word. Sentences are our own;
the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.options import CodingOptions
from sitrep.events.coder.rules import load_coding_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_d3_rules_and_options_are_packaged() -> None:
    rules = load_coding_rules().detection
    assert {"shoot down", "intercept", "downed"} <= rules.interception_verbs
    assert {"drone", "missile", "rocket"} <= rules.projectile_nouns
    assert "plane" not in rules.projectile_nouns  # shooting down aircraft is an attack on them
    assert {"aerial", "drone"} <= rules.raid_modes
    assert "would not" in rules.modal_refusals and "refused" not in rules.modal_refusals
    options = CodingOptions()
    assert options.dropped_subjects and options.shared_subjects and options.interceptions
    assert options.counterpart_refusals
    assert options.min_phrase_probability < options.min_clause_probability < options.min_untriggered_probability


# -- a clause whose subject the parser joined to the verb before ------------------------------------------
def test_clause_with_a_dropped_subject_is_another_partys_act(coder: Any) -> None:
    events = coder(
        "On Monday, Antony Blinken spoke with Dmytro Kuleba, and Lloyd Austin, who runs the Pentagon, held calls "
        "with his German and Polish counterparts."
    )
    calls = _of_type(events, "CONSULT")
    assert len(calls) == 3, [(e.span, _countries(e, "recipient")) for e in calls]
    held = [e for e in calls if e.span.startswith("held")]
    assert {frozenset(_countries(e, "recipient")) for e in held} == {frozenset({"DEU"}), frozenset({"POL"})}
    assert all(_countries(e, "actor") == {"USA"} for e in held)  # Austin alone, never Kuleba before the "and"


# -- coordinated country adjectives on one subject ----------------------------------------------------------
def test_subject_of_two_nationalities_is_one_party(coder: Any) -> None:
    talks = _of_type(coder("Greek and Turkish diplomats held talks in Ankara on Tuesday."), "CONSULT")
    assert talks and _countries(talks[0], "actor") == {"GRC", "TUR"} and not talks[0].recipient
    # two people named apart still meet as actor and recipient
    met = _of_type(coder("Lavrov and Kuleba met in Antalya on Thursday."), "CONSULT")
    assert met and _countries(met[0], "actor") == {"RUS"} and _countries(met[0], "recipient") == {"UKR"}


# -- interceptions ------------------------------------------------------------------------------------------
def test_drones_shot_down_are_their_owners_attack(coder: Any) -> None:
    events = coder(
        "Russia's defence ministry said on Sunday that air defences had destroyed 14 Ukrainian drones over the "
        "Bryansk region."
    )
    attack = _of_type(events, "ASSAULT")
    assert len(attack) == 1 and attack[0].mode == "drone"
    assert _countries(attack[0], "actor") == {"UKR"} and not attack[0].recipient


def test_aircraft_shot_down_are_the_target(coder: Any) -> None:
    attack = _of_type(coder("Ukraine's air force said it had shot down two Russian helicopters near Izium."), "ASSAULT")
    assert attack and _countries(attack[0], "actor") == {"UKR"} and _countries(attack[0], "recipient") == {"RUS"}


def test_interception_restates_the_raid_told_before(coder: Any) -> None:
    events = coder(
        "Russia fired dozens of missiles and drones at Ukrainian cities overnight, officials said. "
        "Ukraine's air force said it had shot down most of the missiles and drones."
    )
    assert len(_of_type(events, "ASSAULT")) == 1, [(e.span, e.sentence) for e in events]


# -- refusals told only by "would not" ----------------------------------------------------------------------
def test_would_not_without_a_counterpart_is_no_rejection(coder: Any) -> None:
    assert not _of_type(coder("Ukraine would not lower its guard, the minister added."), "REJECT")


# -- a trigger phrase heading its own clause; a type the model is sure of with no trigger word ------------
def test_proposal_coordinated_with_an_appeal_is_its_own_event(coder: Any) -> None:
    events = coder("On Tuesday Biden urged Putin to show restraint and proposed a summit.")
    assert _of_type(events, "REQUEST") and _of_type(events, "AGREE")


def test_diplomats_ordered_to_leave_are_expelled(coder: Any) -> None:
    expulsion = _of_type(coder("Poland ordered three Russian diplomats to leave the country on Thursday."), "SANCTION")
    assert expulsion and _countries(expulsion[0], "actor") == {"POL"}
    assert _countries(expulsion[0], "recipient") == {"RUS"}
