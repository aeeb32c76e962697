"""Actors of accusations told by a naming or by the accused's act, and of a state body named with no state (issue 4,
round P5): the one who names a thing as something accuses the thing's party, the speaker of a reported act of
the accused accuses its subject, and "the foreign ministry" acting with no state named is of the state that acted
last. Sentences are our own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_judgement_word_lists_are_versioned_data() -> None:
    rules = load_extract_rules()
    assert tuple(int(p) for p in rules.version.split(".")) >= (1, 11)
    assert {"call", "describe"} <= rules.judging_verbs
    assert "violate" in rules.accused_act_verbs


def test_the_one_who_describes_an_act_accuses_its_owner(coder: Any) -> None:
    text = (
        "The Polish foreign minister said Minsk had moved troops to the frontier and described Belarus's behaviour as"
        " deeply concerning. Lithuania's president called the Belarusian manoeuvres a provocation."
    )
    events = _of_type(coder(text), "ACCUSE")
    assert events
    first = [e for e in events if e.sentence.startswith("The Polish")]
    assert first
    assert all(_countries(e, "actor") == {"POL"} and _countries(e, "recipient") == {"BLR"} for e in first)
    named = [e for e in events if e.sentence.startswith("Lithuania")]
    assert named
    assert all(_countries(e, "actor") == {"LTU"} and _countries(e, "recipient") == {"BLR"} for e in named)


def test_a_reported_act_of_the_accused_is_the_speakers_accusation(coder: Any) -> None:
    text = '"Moscow is weaponising energy supplies," the Lithuanian prime minister told reporters in Vilnius on Monday.'
    (event,) = _of_type(coder(text), "ACCUSE")
    assert _countries(event, "actor") == {"LTU"}
    assert _countries(event, "recipient") == {"RUS"}


def test_a_state_body_named_with_no_state_is_of_the_state_that_acted_last(coder: Any) -> None:
    text = (
        "Hungary expelled two Slovak diplomats on Tuesday. "
        "Later that day, the foreign ministry ordered three Slovak diplomats to leave the country."
    )
    events = [e for e in _of_type(coder(text), "SANCTION") if e.sentence.startswith("Later")]
    assert events
    assert all(_countries(e, "actor") == {"HUN"} for e in events)
