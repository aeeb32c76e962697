"""Cross-source ``date`` flags on a date's own context and on intervals, and weekday slips backed by
independent sources, through the real pipeline.

The small corpus below is written for this test: two independent reports of a
retaliatory expulsion and of the measures it answered, a third that dates the
measures with an interval ("Two days earlier") that lands on another day, a
fourth that dates the announcement to another weekday (and counts an interval
from it), and a fifth whose weekday disagrees with its own date.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.nlp.layers import Timex
from sitrep.verify.date_facets import interval_date, stamp_date
from sitrep.verify.lexicon import load_lexicon

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

REPORTS = [
    ("NC-9", "Northern Courier", "2021-04-17T09:00:00Z", "Moscow orders ten American diplomats out",
     "MOSCOW, April 17 (Northern Courier) - Russia will expel ten American diplomats, Foreign Minister Sergei Lavrov "
     "announced on Friday, in retaliation for the sanctions and expulsions ordered by Washington on Thursday.\n\n"
     "The United States expelled ten Russian diplomats on Thursday and imposed sanctions on dozens of companies.\n\n"
     "Lavrov said Moscow would also add several serving U.S. officials to a list of people barred from Russia."),
    ("HG-4", "Harbour Gazette", "2021-04-17T12:00:00Z", "Lavrov answers Washington with expulsions",
     "Sergei Lavrov announced on Friday that ten American diplomats must leave Russia, calling the step a reply to "
     "the measures Washington took against Moscow.\n\n"
     "On Thursday the United States expelled ten Russian diplomats and imposed sanctions on dozens of companies "
     "over election interference and hacking.\n\n"
     "The Russian minister also advised the U.S. ambassador to return home for consultations."),
    ("LT-8", "Lakeside Times", "2021-04-18T10:00:00Z", "Tit-for-tat expulsions deepen the rift",
     "Relations between Moscow and Washington sank further this week after a string of moves on both sides.\n\n"
     "Sergei Lavrov announced on Friday that ten American diplomats must leave Russia, after the measures "
     "taken against Moscow by Washington.\n\n"
     "Two days earlier the United States expelled ten Russian diplomats and imposed sanctions on dozens of companies.\n\n"
     "Analysts expect the embassies to shrink further."),
    ("MW-2", "Midland Weekly", "2021-04-18T18:00:00Z", "Diplomats pack their bags in Moscow and Washington",
     "Sergei Lavrov announced on Wednesday that ten American diplomats must leave Russia, after the measures "
     "taken against Moscow by Washington.\n\n"
     "A day earlier the United States expelled ten Russian diplomats and imposed sanctions on dozens of companies.\n\n"
     "Both embassies were already short of staff."),
    ("EP-5", "Eastfield Post", "2021-04-18T15:00:00Z", "Washington punishes Moscow over hacking",
     "The United States expelled ten Russian diplomats on Tuesday, April 15, and imposed sanctions on dozens of "
     "companies over election interference and hacking.\n\n"
     "Moscow promised a response and later barred several serving U.S. officials from entering the country."),
]


def test_an_interval_landing_on_another_day_is_flagged_high(feed: Feed) -> None:
    flags = [f for f in feed.flags(kind="date") if f["claim"] == "Two days earlier"]
    assert [(f["article_id"], f["severity"]) for f in flags] == [(feed.ids["Lakeside Times"], "high")]
    assert flags[0]["expected"].startswith("2021-04-15")
    assert {feed.ids["Northern Courier"], feed.ids["Harbour Gazette"]} <= {e["article_id"] for e in flags[0]["evidence"]}


def test_a_misdated_statement_is_flagged_and_its_interval_is_not_high(feed: Feed) -> None:
    """"A day earlier" than a wrong Wednesday lands on a wrong day too: the error is the Wednesday's."""
    flags = {f["claim"]: f for f in feed.flags(kind="date", article_id=feed.ids["Midland Weekly"])}
    assert flags["Wednesday"]["expected"].startswith(("2021-04-16", "Friday"))
    assert flags["Wednesday"]["severity"] != "low"
    assert flags.get("A day earlier", {}).get("severity") != "high"


def test_a_weekday_slip_backed_by_independent_dates_is_high(feed: Feed) -> None:
    flags = feed.flags(kind="internal")
    assert [(f["article_id"], f["severity"], f["claim"], f["expected"]) for f in flags] == [
        (feed.ids["Eastfield Post"], "high", "Tuesday, April 15", "Thursday")
    ]
    assert {e["article_id"] for e in flags[0]["evidence"]} == {feed.ids["Northern Courier"], feed.ids["Harbour Gazette"]}


def test_the_agreeing_reports_get_no_flag(feed: Feed) -> None:
    flagged = {f["article_id"] for f in feed.flags()}
    assert feed.ids["Northern Courier"] not in flagged and feed.ids["Harbour Gazette"] not in flagged


def test_datelines_and_intervals_are_told_apart() -> None:
    lexicon = load_lexicon()
    text = "MOSCOW, April 17 (Northern Courier) - Lavrov spoke on Friday.\nSaturday 17 April 2021 10.30 BST\n"
    dateline = Timex(8, 16, "April 17", "2021-04-17", "day")
    weekday = Timex(text.index("Friday"), text.index("Friday") + 6, "Friday", "2021-04-16", "day")
    stamp_at = text.index("Saturday")
    stamp = Timex(stamp_at, stamp_at + 22, "Saturday 17 April 2021", "2021-04-17", "day")
    assert stamp_date(text, dateline) and stamp_date(text, stamp) and not stamp_date(text, weekday)
    assert interval_date(Timex(0, 16, "Two days earlier", "2021-04-15", "day"), lexicon)
    assert interval_date(Timex(0, 11, "a day after", "2021-04-15", "day"), lexicon)
    assert not interval_date(Timex(0, 6, "Friday", "2021-04-16", "day"), lexicon)
    assert not interval_date(Timex(0, 9, "this week", "2021-W15", "week"), lexicon)
