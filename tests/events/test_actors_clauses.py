"""Parties and places read within the sentence itself (issue 4, round 3): a subject shared with the verb a clause
hangs on, places and modifiers that are no actors, a verb of a list read as a noun, an addressee of its own, and
acts spread over several places. Sentences are our own; the coding tests need the trained spaCy model and skip
without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


# -- a subjectless clause acts for the subject of the verb it hangs on ------------------------------------
def test_ordered_troops_to_return_is_the_orderers_act(coder: Any) -> None:
    text = "The Belarusian defence minister on Friday ordered units taking part in drills near Poland to return to their barracks."
    (event,) = _of_type(coder(text), "RETREAT")
    assert _countries(event, "actor") == {"BLR"}  # not Poland, named only where the drills were


def test_a_finite_verb_after_a_for_clause_joins_the_main_clause(coder: Any) -> None:
    # "urged" is coordinated with "thanked", not with "visiting": Blinken does not urge anyone
    (event,) = _of_type(coder("Kuleba thanked Blinken for visiting Kyiv and urged partners to send more artillery shells."), "REQUEST")
    assert _countries(event, "actor") == {"UKR"}


# -- places and objects' modifiers are no actors -------------------------------------------------------
def test_a_border_named_before_a_withdrawal_is_no_actor(coder: Any) -> None:
    text = "Belarus's defence minister has ordered troops sent to the Polish border for snap drills to return to their bases."
    (event,) = _of_type(coder(text), "RETREAT")
    assert _countries(event, "actor") == {"BLR"}


def test_the_modifier_of_an_object_is_no_actor(coder: Any) -> None:
    (event,) = _of_type(coder("Some waved Belarusian flags, chanted slogans against Poland and marched to the embassy."), "PROTEST")
    assert "BLR" not in _countries(event, "actor")


# -- an addressee of its own ----------------------------------------------------------------------------
def test_an_urged_addressee_inherits_no_earlier_object(coder: Any) -> None:
    text = "The Lithuanian president called Lukashenko a dictator and urged allies to send more troops to the region."
    (event,) = _of_type(coder(text), "REQUEST")
    assert _countries(event, "actor") == {"LTU"}
    assert "BLR" not in _countries(event, "recipient")


# -- a verb of a list read as a noun --------------------------------------------------------------------
def test_a_second_verb_read_as_a_noun_is_its_own_act(coder: Any) -> None:
    text = "Moscow will expel five Polish diplomats and bar seven Polish officials from entering Russia, the ministry said."
    events = _of_type(coder(text), "SANCTION")
    assert sorted(e.span for e in events) == ["bar", "expel"]
    assert all(_countries(e, "actor") == {"RUS"} and _countries(e, "recipient") == {"POL"} for e in events)


# -- one place or several -------------------------------------------------------------------------------
def test_an_act_spread_over_several_places_has_no_one_place(coder: Any) -> None:
    (spread,) = _of_type(coder("Ukraine says Russia has massed troops near the border and in Crimea."), "MOBILIZE")
    assert spread.location is None
    (one,) = _of_type(coder("Ukraine says Russia has massed troops in Crimea."), "MOBILIZE")
    assert one.location is not None and one.location.name == "Crimea"
