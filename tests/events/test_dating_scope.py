"""Which date expression dates which event (issue 4, task DT1; examples/truth/EVENTS_GUIDE.md, "Dates and places"):
"a day after X" dates X only, a future act takes its planned date, a deployment told in the past is an act on its
day, a habit has no date, a state held "since Monday" starts on Monday, a date after publication dates no past act,
a reported clause's date is not the report's, an undated past act takes the day of the sentence before it, "by
Tuesday" dates what was done by then, "over the past three weeks" leaves a build-up as it stands, and a fronted
"On Friday" before "is due to" is the coming Friday. Sentences are our own (published Thursday 2021-04-15); the
coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.record import Event


def _date(events: list[Event], event_type: str) -> tuple[str | None, str | None]:
    (event,) = [e for e in events if e.type == event_type]
    return event.date, event.date_precision


def test_a_day_after_dates_the_clause_it_introduces_only(coder: Any) -> None:
    events = coder("Belarus expelled two Polish diplomats, a day after Warsaw accused Minsk of spying.")
    assert _date(events, "SANCTION") == ("2021-04-15", "day")
    assert _date(events, "ACCUSE") == ("2021-04-14", "day")


def test_a_future_act_takes_its_planned_date(coder: Any) -> None:
    events = coder("EU foreign ministers agreed on Thursday to start lifting the sanctions by May 10.")
    assert _date(events, "AGREE") == ("2021-04-15", "day")
    assert _date(events, "CONCEDE") == ("2021-05-10", "day")
    assert _date(coder("Turkey said it would close the Bosphorus to foreign warships from early May."), "COERCE") == (
        "2021-05",
        "month",
    )


def test_a_deployment_told_in_the_past_is_an_act_on_its_day(coder: Any) -> None:
    lead = "Poland's defence minister spoke with his Lithuanian counterpart on Thursday."
    assert _date(coder(f"{lead} The Pentagon ordered 3,000 more troops to Poland."), "MOBILIZE") == ("2021-04-15", "day")
    text = f"{lead} Lithuania's army chief said the Belarusian army had deployed 20 battalions to the border."
    assert _date(coder(text), "MOBILIZE") == ("2021-04-15", "day")


def test_a_force_that_had_massed_still_stands_at_the_report(coder: Any) -> None:
    text = "The Lithuanian army chief said 20 Belarusian battalions had massed near the border."
    assert _date(coder(text), "MOBILIZE") == ("2021-W15", "week")


def test_a_habit_has_no_date(coder: Any) -> None:
    assert _date(coder("Minsk has repeatedly denied that its troops crossed the border."), "REJECT") == (None, None)
    assert _date(coder("Moscow has long accused Kyiv of provocations."), "ACCUSE") == (None, None)


def test_a_state_held_since_a_day_starts_on_that_day(coder: Any) -> None:
    text = "The ousted president has been detained at his residence by the presidential guard since Monday."
    assert _date(coder(text), "COERCE") == ("2021-04-12", "day")


def test_a_later_date_does_not_date_a_past_act(coder: Any) -> None:
    events = coder("The chancellor repeated her offer of talks with Lukashenko this summer.")
    assert _date(events, "AGREE") == ("2021-04-15", "day")  # not 2021 (the summer of the talks)


def test_a_reported_clause_date_does_not_date_the_report(coder: Any) -> None:
    text = (
        "Poland expelled five Belarusian diplomats on Thursday. Lavrov told a joint news conference with his "
        "Belarusian counterpart in Moscow that the expulsions answered the Polish decision on Wednesday to close "
        "the border."
    )
    assert _date(coder(text), "CONSULT") == ("2021-04-15", "day")


def test_an_undated_past_act_takes_the_day_of_the_sentence_before(coder: Any) -> None:
    text = "Poland's president spoke with the Lithuanian president on Tuesday. He also called the Latvian prime minister."
    assert [(e.date, e.date_precision) for e in coder(text) if e.type == "CONSULT"] == [("2021-04-13", "day")] * 2


def test_done_by_a_past_deadline(coder: Any) -> None:
    assert _date(coder("By Tuesday morning rebel fighters had seized the airport."), "COERCE") == ("2021-04-13", "day")


def test_a_build_up_over_past_weeks_is_dated_as_it_stands(coder: Any) -> None:
    text = "Belarus has moved three brigades to its western border over the past three weeks."
    assert _date(coder(text), "MOBILIZE") == ("2021-W15", "week")


def test_a_fronted_weekday_before_due_to_is_the_coming_one(coder: Any) -> None:
    assert _date(coder("On Friday, the foreign ministers are due to meet in Brussels."), "AGREE") == ("2021-04-16", "day")
