"""Dates of states and of acts told beside other dated acts (issue 4, round D2; examples/truth/EVENTS_GUIDE.md,
"Dates and places"): a state current at publication takes the publication week unless the sentence dates the
statement reporting it; a dateline's date and "now" date no event; a season is coded as its year; "last year's
election" dates the election only. Sentences are our own (published Thursday 2021-04-15); the coding tests need
the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.record import Event


def _one(events: list[Event], event_type: str) -> Event:
    (event,) = [e for e in events if e.type == event_type]
    return event


def test_troops_now_massed_take_the_publication_week(coder: Any) -> None:
    event = _one(coder("Kyiv says more than 50,000 Belarusian troops are now massed near the border."), "MOBILIZE")
    assert (event.date, event.date_precision) == ("2021-W15", "week")


def test_a_dateline_date_does_not_date_a_state(coder: Any) -> None:
    text = "MINSK, April 15 (Wire) - Belarus has moved three brigades to its western border, the defence ministry said."
    event = _one(coder(text), "MOBILIZE")
    assert (event.date, event.date_precision) == ("2021-W15", "week")


def test_a_call_date_does_not_date_an_estimate_beside_it(coder: Any) -> None:
    text = (
        "Poland's president phoned the Lithuanian president on April 13, while Vilnius estimated that "
        "30,000 Belarusian troops had gathered near its border."
    )
    events = coder(text)
    assert (_one(events, "CONSULT").date, _one(events, "CONSULT").date_precision) == ("2021-04-13", "day")
    assert (_one(events, "MOBILIZE").date, _one(events, "MOBILIZE").date_precision) == ("2021-W15", "week")


def test_a_dated_statement_dates_the_state_it_reports(coder: Any) -> None:
    text = "Lithuania's army chief told lawmakers on Tuesday that Belarus had assembled 12 battalions near the border."
    event = _one(coder(text), "MOBILIZE")
    assert (event.date, event.date_precision) == ("2021-04-13", "day")


def test_a_season_is_coded_as_its_year(coder: Any) -> None:
    event = _one(coder("Clashes between Armenian and Azerbaijani troops erupted along the border in spring 2016."), "ASSAULT")
    assert (event.date, event.date_precision) == ("2016", "year")


def test_last_years_election_does_not_date_the_accusation(coder: Any) -> None:
    text = "Washington expelled ten Russian diplomats on Thursday, accusing Moscow of meddling in last year's election."
    event = _one(coder(text), "ACCUSE")
    assert (event.date, event.date_precision) == ("2021-04-15", "day")
