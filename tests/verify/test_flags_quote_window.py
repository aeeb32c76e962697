"""``quote_speaker`` flags across stories: a recap weeks later that gives a quotation to another person.

The reports are written for this test: two independent reports of one quotation,
a recap three weeks later in another story that gives the same words to another
official, and a report three months later that does the same (beyond the
quotation window: not compared).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.verify.flags_quote import QUOTE_WINDOW_DAYS

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

_QUOTE = "We will not accept a new dividing line drawn across Europe by force"
REPORTS = [
    ("RW-1", "Riverside Wire", "2021-04-14T09:00:00Z", "NATO chief rejects Russian pressure on Ukraine",
     "NATO Secretary-General Jens Stoltenberg rejected Russian pressure on Ukraine after a meeting of allied ministers.\n\n"
     f'"{_QUOTE}," Stoltenberg told reporters at the alliance headquarters.\n\n'
     "Ministers agreed to keep the situation under close review."),
    ("HL-2", "Highland Ledger", "2021-04-14T13:00:00Z", "Alliance ministers meet as troops gather near Ukraine",
     "Allied foreign and defence ministers met in Brussels on Wednesday as Russian troops gathered near Ukraine.\n\n"
     f'Speaking after the session, Jens Stoltenberg said: "{_QUOTE}."\n\n'
     "Diplomats said no new sanctions were discussed."),
    ("CB-3", "Coastal Bulletin", "2021-05-05T08:00:00Z", "Russian drills end in Crimea, landing ships return to port",
     "Russian landing ships returned to their home ports in the Black Sea on Tuesday after drills in Crimea ended.\n\n"
     f'Western officials remain wary. "{_QUOTE}," U.S. Secretary of State Antony Blinken said three weeks ago.\n\n'
     "Satellite images show some equipment was left near the border."),
    ("AG-4", "Autumn Gazette", "2021-07-20T08:00:00Z", "Summer exercises begin near the Baltic coast",
     "Allied troops began summer exercises near the Baltic coast on Monday.\n\n"
     f'"{_QUOTE}," U.S. Secretary of State Antony Blinken said in the spring.\n\n'
     "The exercises will last two weeks."),
]


def test_a_recap_in_another_story_is_compared_with_the_quotations_weeks_before(feed: Feed) -> None:
    flags = feed.flags(kind="quote_speaker")
    assert [(f["article_id"], f["severity"], f["expected"]) for f in flags] == [
        (feed.ids["Coastal Bulletin"], "high", "Jens Stoltenberg")
    ]
    assert "Blinken" in flags[0]["claim"]
    assert {e["article_id"] for e in flags[0]["evidence"]} == {feed.ids["Riverside Wire"], feed.ids["Highland Ledger"]}


def test_a_quotation_beyond_the_window_is_not_compared(feed: Feed) -> None:
    assert QUOTE_WINDOW_DAYS < 90
    assert feed.ids["Autumn Gazette"] not in {f["article_id"] for f in feed.flags()}
