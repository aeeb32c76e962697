"""``quote_speaker`` flags across stories: a recap weeks later that gives a quotation to another person.

The reports are written for this test: two independent reports of one quotation,
a recap three weeks later in another story that gives the same words to another
official, and a report three months later that does the same (beyond the
quotation window: not compared).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from sitrep.verify.flags_quote import QUOTE_WINDOW_DAYS

FeedStore = Callable[[str, Sequence[Any]], tuple[Path, dict[str, str]]]  # the feed_store fixture
FlagsIn = Callable[..., list[dict[str, Any]]]  # the flags_in fixture

pytestmark = pytest.mark.issue(5)

_QUOTE = "We will not accept a new dividing line drawn across Europe by force"
_REPORTS = [
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


@pytest.fixture(scope="module")
def window_store(feed_store: FeedStore) -> tuple[Path, dict[str, str]]:
    return feed_store("quote_window", _REPORTS)


def test_a_recap_in_another_story_is_compared_with_the_quotations_weeks_before(
    window_store: tuple[Path, dict[str, str]], flags_in: FlagsIn
) -> None:
    db, ids = window_store
    flags = flags_in(db, kind="quote_speaker")
    assert [(f["article_id"], f["severity"], f["expected"]) for f in flags] == [
        (ids["Coastal Bulletin"], "high", "Jens Stoltenberg")
    ]
    assert "Blinken" in flags[0]["claim"]
    assert {e["article_id"] for e in flags[0]["evidence"]} == {ids["Riverside Wire"], ids["Highland Ledger"]}


def test_a_quotation_beyond_the_window_is_not_compared(window_store: tuple[Path, dict[str, str]], flags_in: FlagsIn) -> None:
    db, ids = window_store
    assert QUOTE_WINDOW_DAYS < 90
    assert ids["Autumn Gazette"] not in {f["article_id"] for f in flags_in(db)}
