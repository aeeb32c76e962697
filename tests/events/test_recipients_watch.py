"""Recipients from who reports a deployment, whose border it is, the condition of a threat and the side a seizure
is aimed at (issue 4, round P4). Sentences are our own; the coding tests need the trained spaCy model and skip
without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_the_round_rules_are_versioned_data() -> None:
    rules = load_extract_rules()
    assert tuple(int(p) for p in rules.version.split(".")) >= (1, 10)
    assert "seize" in rules.seizure_verbs
    assert "town" in rules.seized_grounds
    assert {"if", "unless"} <= rules.condition_marks
    assert "THREATEN" in rules.condition_types
    assert "MOBILIZE" in rules.watched_types
    assert "estimate" in rules.watch_verbs


def test_its_borders_stand_for_the_state_named_before_them(coder: Any) -> None:
    text = (
        "The American president telephoned the Kremlin on Monday, while Kyiv estimated that 90,000 Russian "
        "soldiers had assembled near its borders."
    )
    (event,) = _of_type(coder(text), "MOBILIZE")
    assert _countries(event, "actor") == {"RUS"}
    assert _countries(event, "recipient") == {"UKR"}


def test_a_deployment_faces_the_other_state_that_reports_it(coder: Any) -> None:
    text = "Georgia's defence ministry says more than 5,000 Russian troops are stationed there."
    (event,) = _of_type(coder(text), "MOBILIZE")
    assert _countries(event, "actor") == {"RUS"}
    assert _countries(event, "recipient") == {"GEO"}


def test_a_deployment_to_the_actors_own_border_with_a_neighbour_faces_the_neighbour(coder: Any) -> None:
    (event,) = _of_type(coder("Pakistan moved troops to its border with Afghanistan."), "MOBILIZE")
    assert _countries(event, "actor") == {"PAK"}
    assert _countries(event, "recipient") == {"AFG"}


def test_the_party_of_a_threats_condition_receives_it(coder: Any) -> None:
    text = "Venezuela threatened to halt oil shipments if Colombia closed the border crossing."
    (event,) = _of_type(coder(text), "THREATEN")
    assert _countries(event, "actor") == {"VEN"}
    assert "COL" in _countries(event, "recipient")


def test_a_seizure_of_ground_is_aimed_at_the_adversary(coder: Any) -> None:
    text = (
        "Russian artillery shelled Ukrainian positions near Kharkiv on Monday. "
        "Russian troops seized the town on Tuesday."
    )
    (event,) = _of_type(coder(text), "COERCE")
    assert _countries(event, "actor") == {"RUS"}
    assert _countries(event, "recipient") == {"UKR"}
