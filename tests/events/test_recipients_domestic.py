"""Parties of domestic acts and of threats (issue 4, round P3): a protesting body the text gives no state is the
people of the place it names, and its own government receives when no one else is named; a threat that names no
target is aimed at the actor's adversary in the article, unless it is aimed at "anyone who ...". Sentences are our
own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert found, [(e.type, e.span) for e in events]
    return found[0]


def _parties(event: Event, side: str) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in getattr(event, side)}


def test_the_rules_are_packaged_data() -> None:
    rules = load_extract_rules()
    assert tuple(int(part) for part in rules.version.split(".")) >= (1, 9)
    assert "PROTEST" in rules.domestic_types
    assert "THREATEN" in rules.adversary_types and "anyone" in rules.open_addressees


def test_protesters_of_no_named_state_are_the_places_people_facing_their_government(coder: Any) -> None:
    event = _of_type(coder("Thousands of protesters gathered in central Minsk on Sunday."), "PROTEST")
    assert {a.country for a in event.actor} == {"BLR"}
    assert _parties(event, "recipient") == {("BLR", "GOV")}


def test_a_strike_by_a_known_body_keeps_its_sector(coder: Any) -> None:
    event = _of_type(coder("Dock workers walked off the job in Lisbon to protest against pension cuts."), "PROTEST")
    assert _parties(event, "actor") == {("PRT", "LAB")}
    assert _parties(event, "recipient") == {("PRT", "GOV")}


def test_a_threat_with_no_named_target_is_aimed_at_the_adversary(coder: Any) -> None:
    text = "Russian troops shelled Ukrainian positions near Bakhmut on Monday. The Kremlin warned that further strikes would follow."
    event = _of_type(coder(text), "THREATEN")
    assert {a.country for a in event.actor} == {"RUS"}
    assert {a.country for a in event.recipient} == {"UKR"}


def test_a_threat_to_anyone_who_acts_names_no_recipient(coder: Any) -> None:
    text = (
        "Russian troops shelled Ukrainian positions near Bakhmut on Monday. "
        "The Kremlin warned that anyone who interfered would regret it."
    )
    event = _of_type(coder(text), "THREATEN")
    assert event.recipient == ()
