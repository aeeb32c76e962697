"""Internal contradictions judged by independent sources, through the real pipeline.

The small corpus below is written for this test. An article dates what a
spokesman said twice, to different days, in a sentence that also dates another
person's call; two independent reports give the spokesman's day. A timeline
published more than three weeks after a commander's briefing restates his count
with another value; two reports of the briefing give the first value.
"""

from __future__ import annotations

from typing import Any

import pytest

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

REPORTS = [
    ("RV-1", "Riverside Voice", "2021-04-14T17:00:00Z", "Kremlin cool on summit idea",
     "Kremlin spokesman Dmitry Peskov said on Wednesday that it was too early to discuss details of the summit "
     "Joe Biden had proposed to Vladimir Putin in their phone call on Tuesday.\n\n"
     "The Kremlin gave no date for any meeting.\n\n"
     "Peskov spoke on Monday, officials later said."),
    ("HL-2", "Highland Ledger", "2021-04-14T19:00:00Z", "Moscow says summit talk premature",
     "The Kremlin's spokesman, Dmitry Peskov, said on Wednesday it was premature to discuss the details of "
     "such a summit."),
    ("CS-3", "Coastal Standard", "2021-04-15T08:00:00Z", "Kremlin weighs U.S. offer",
     "Dmitry Peskov, the Kremlin spokesman, said on Wednesday that it was too early to discuss a summit."),
    ("FW-4", "Fenwick Wire", "2021-03-30T15:00:00Z", "Ukraine's army chief warns of buildup",
     "Colonel General Ruslan Khomchak told parliament on Tuesday that Russia had put 28 battalion tactical "
     "groups along the border."),
    ("MT-5", "Marsh Tribune", "2021-04-01T09:00:00Z", "Kyiv counts Russian units",
     "Ukraine's army chief, Ruslan Khomchak, told lawmakers this week that 28 battalion tactical groups were "
     "along the border with Russia."),
    ("NT-6", "Northgate Times", "2021-04-24T10:00:00Z", "How the spring crisis unfolded",
     "On March 30, Ukraine's army chief, Ruslan Khomchak, warned parliament that Russia had put 28 battalion "
     "tactical groups along the border.\n\n"
     "The warning was repeated in several capitals.\n\n"
     "Officials later put the figure at 25 battalion tactical groups."),
]


def test_a_restated_day_is_compared_with_the_day_the_sentence_gives_that_person(feed: Feed) -> None:
    flags = feed.flags(article_id=feed.ids["Riverside Voice"], min_severity="high", kind="internal")
    assert [(f["claim"], f["expected"]) for f in flags] == [("Monday", "Wednesday")]
    independent = {e["article_id"] for e in flags[0]["evidence"] if e["source"] == "independent"}
    assert independent == {feed.ids["Highland Ledger"], feed.ids["Coastal Standard"]}


def test_a_timeline_restating_a_count_weeks_later_is_judged_by_the_reports_of_that_day(feed: Feed) -> None:
    flags = feed.flags(article_id=feed.ids["Northgate Times"], min_severity="high", kind="internal")
    assert [(f["claim"], f["expected"]) for f in flags] == [("25", "28")]


def test_the_reports_get_no_high_flag(feed: Feed) -> None:
    honest = [feed.ids[o] for o in ("Highland Ledger", "Coastal Standard", "Fenwick Wire", "Marsh Tribune")]
    assert not [f for a in honest for f in feed.flags(article_id=a, min_severity="high")]
