"""Which further trigger words of a sentence tell an event of their own (task D1): the object of a verb that
does not perform it, a standing war in a side clause, a second act of another mode or time, a meeting named
as the occasion of the sentence's act. Sentences are our own; the coding tests need the trained spaCy model
and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_coding_rules
from sitrep.events.record import Event


def _types(events: list[Event]) -> list[str]:
    return sorted(e.type for e in events)


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_detection_rules_are_packaged() -> None:
    rules = load_coding_rules().detection
    assert {"voice", "impose", "hold"} <= rules.object_event_verbs
    assert "welcome" not in rules.object_event_verbs
    assert "fighting" in rules.durative_triggers
    assert {"SANCTION", "COERCE"} <= rules.mode_act_types
    assert "MOBILIZE" in rules.time_act_types and "THREATEN" not in rules.time_act_types
    assert "CONSULT" in rules.occasion_event_types and "after" in rules.occasion_markers


# -- what another act is about is no event of its own ----------------------------------------------------
def test_welcomed_sanctions_are_a_welcome_not_a_sanction(coder: Any) -> None:
    events = coder("Lithuania welcomed the new EU sanctions on Belarus.")
    assert _types(events) == ["SUPPORT"]


def test_a_package_someone_is_urged_to_pass_is_no_aid(coder: Any) -> None:
    events = coder("The Polish president praised Norway and urged Congress to pass the aid package.")
    assert "AID" not in _types(events)
    assert _types(events) == ["REQUEST", "SUPPORT"]


# -- a standing war told in a side clause ----------------------------------------------------------------
def test_fighting_in_a_relative_clause_is_background(coder: Any) -> None:
    events = coder("The Finnish minister visited Kyiv, whose army has been fighting Russian troops for two years.")
    assert _types(events) == ["CONSULT"]
    assert _countries(events[0], "actor") == {"FIN"} and _countries(events[0], "recipient") == {"UKR"}


# -- a second act of one type: another mode, another time --------------------------------------------------
def test_sanctions_and_an_expulsion_are_two_acts(coder: Any) -> None:
    events = _of_type(coder("Norway imposed sanctions on Moscow and expelled three Russian diplomats on Thursday."), "SANCTION")
    assert sorted(e.span for e in events) == ["expelled", "imposed"]
    assert len({e.id for e in events}) == 2


def test_troops_in_place_and_troops_to_come_are_two_deployments(coder: Any) -> None:
    events = _of_type(coder("Minsk has stationed 12 battalions near the frontier, and about 20 more were expected."), "MOBILIZE")
    assert len(events) == 2
    assert sorted(e.future for e in events) == [False, True]
    assert all(_countries(e, "actor") == {"BLR"} for e in events)


# -- a meeting named as the occasion of the sentence's act -------------------------------------------------
def test_a_meeting_after_which_someone_spoke_is_a_meeting(coder: Any) -> None:
    text = "After meeting the Polish foreign minister on Monday, the Lithuanian president said the alliance stood united."
    events = _of_type(coder(text), "CONSULT")
    assert len(events) == 1
    assert _countries(events[0], "actor") == {"LTU"} and _countries(events[0], "recipient") == {"POL"}


def test_a_call_during_which_someone_urged_is_a_call(coder: Any) -> None:
    events = coder("The Czech president urged Moscow to withdraw its troops during a call with Putin on Friday.")
    assert _types(events) == ["CONSULT", "REQUEST"]
    call = _of_type(events, "CONSULT")[0]
    assert call.span == "call"
    assert _countries(call, "actor") == {"CZE"} and _countries(call, "recipient") == {"RUS"}
