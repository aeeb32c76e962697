"""Cross-source ``reversal`` flags through the real pipeline (ingest, reading, event coding, verification).

The small corpora below are written for these tests. The first has three
independent reports of one accusation and, as in one round of the perturbation
benchmark, a copy of two of them with actor and recipient swapped: each copy
contradicts its own original, so neither may count against the honest third
report (two reversed copies of different originals are not two independent
sources), whichever of the two ingest takes for the original. The second has a weekly recap, published ten days later, that
restates the accusation the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from sitrep.verify.flags_reversal import REVERSAL_WINDOW_DAYS
from sitrep.verify.scope import EVIDENCE_WINDOW_DAYS

FeedStore = Callable[[str, Sequence[Any]], tuple[Path, dict[str, str]]]  # the feed_store fixture
FlagsIn = Callable[..., list[dict[str, Any]]]  # the flags_in fixture

pytestmark = pytest.mark.issue(5)

_NORTH = (
    "KYIV, June 8 (North Gazette) - Ukraine accused Russia on Tuesday of shelling the village of Krasnohorivka "
    "near Donetsk, where two civilians were wounded.\n\n"
    "The Ukrainian military said the attack broke the ceasefire agreed last July.\n\n"
    "Moscow did not comment on the report, and monitors from the OSCE said they would visit the village on Wednesday."
)
_HARBOUR = (
    "Ukraine accused Russia of shelling Krasnohorivka on Tuesday, wounding two civilians in the frontline village "
    "west of Donetsk.\n\n"
    "Officials in Kyiv called it a breach of the truce that has held, with lapses, since last summer.\n\n"
    "International observers plan to inspect the damaged houses later this week."
)
_LAKE = (
    "On Tuesday, Ukraine accused Russia of shelling Krasnohorivka, a small village close to Donetsk, and said two "
    "civilians had been hurt.\n\n"
    "Fighting along the line of contact has grown more frequent this spring, and Kyiv wants its Western partners to "
    "press Moscow.\n\nThe Kremlin has denied moving its forces closer to the border."
)


def _reversed(text: str) -> str:
    return text.replace("Ukraine accused Russia", "Russia accused Ukraine", 1)


_ROUND = [
    ("NG-1", "North Gazette", "2021-06-08T08:00:00Z", "Kyiv says village shelled near Donetsk", _NORTH),
    ("HP-1", "Harbour Post", "2021-06-08T12:00:00Z", "Ceasefire breach reported near Donetsk", _HARBOUR),
    ("LT-1", "Lake Times", "2021-06-08T16:00:00Z", "Frontline village hit as tensions rise", _LAKE),
    ("QW-1", "Quick Wire", "2021-06-08T09:00:00Z", "Kyiv says village shelled near Donetsk", _reversed(_NORTH)),
    ("RN-1", "Relay News", "2021-06-08T13:00:00Z", "Ceasefire breach reported near Donetsk", _reversed(_HARBOUR)),
]
#: The same round, but each reversed version published before the report it reverses: ingest takes it for the
#: original and the honest report for its copy.
_REVERSED_FIRST = [
    ("NG-1", "North Gazette", "2021-06-08T10:00:00Z", "Kyiv says village shelled near Donetsk", _NORTH),
    ("HP-1", "Harbour Post", "2021-06-08T14:00:00Z", "Ceasefire breach reported near Donetsk", _HARBOUR),
    ("LT-1", "Lake Times", "2021-06-08T16:00:00Z", "Frontline village hit as tensions rise", _LAKE),
    ("QW-1", "Quick Wire", "2021-06-08T07:00:00Z", "Kyiv says village shelled near Donetsk", _reversed(_NORTH)),
    ("RN-1", "Relay News", "2021-06-08T11:00:00Z", "Ceasefire breach reported near Donetsk", _reversed(_HARBOUR)),
]
_RECAP = [
    ("NG-1", "North Gazette", "2021-06-08T08:00:00Z", "Kyiv says village shelled near Donetsk", _NORTH),
    ("HP-1", "Harbour Post", "2021-06-08T12:00:00Z", "Ceasefire breach reported near Donetsk", _HARBOUR),
    ("WR-1", "Weekly Review", "2021-06-18T18:00:00Z", "The week that was: budgets, ballots and a broken truce",
     "Parliament spent most of the week on the budget, and two regions held early local elections.\n\n"
     "Ten days ago, on June 8, Russia accused Ukraine of shelling Krasnohorivka near Donetsk, wounding two "
     "civilians in the village.\n\n"
     "The central bank left its key rate unchanged on Thursday, citing slower inflation."),
]


@pytest.fixture(scope="module")
def round_store(feed_store: FeedStore) -> tuple[Path, dict[str, str]]:
    return feed_store("reversal_round", _ROUND)


@pytest.fixture(scope="module")
def reversed_first_store(feed_store: FeedStore) -> tuple[Path, dict[str, str]]:
    return feed_store("reversal_first", _REVERSED_FIRST)


@pytest.fixture(scope="module")
def recap_store(feed_store: FeedStore) -> tuple[Path, dict[str, str]]:
    return feed_store("reversal_recap", _RECAP)


def _high_reversals(flags_in: FlagsIn, db: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in flags_in(db, kind="reversal", min_severity="high"):
        out.setdefault(f["article_id"], []).append(f)
    return out


def test_reversed_copies_of_two_originals_do_not_count_against_an_honest_report(
    round_store: tuple[Path, dict[str, str]], flags_in: FlagsIn
) -> None:
    db, ids = round_store
    flagged = _high_reversals(flags_in, db)
    assert ids["Lake Times"] not in flagged
    assert ids["North Gazette"] not in flagged and ids["Harbour Post"] not in flagged


def test_a_cluster_that_reports_a_fact_both_ways_backs_neither_order(
    reversed_first_store: tuple[Path, dict[str, str]], flags_in: FlagsIn
) -> None:
    """Two clusters, each a reversed report and the honest one copying it, never count against the honest third."""
    db, ids = reversed_first_store
    flagged = _high_reversals(flags_in, db)
    assert not {ids["Lake Times"], ids["North Gazette"], ids["Harbour Post"]} & set(flagged)


def test_each_reversed_copy_is_flagged_high_with_the_other_sources(
    round_store: tuple[Path, dict[str, str]], flags_in: FlagsIn
) -> None:
    db, ids = round_store
    flagged = _high_reversals(flags_in, db)
    for copy, original in (("Quick Wire", "North Gazette"), ("Relay News", "Harbour Post")):
        flags = [f for f in flagged.get(ids[copy], []) if "Russia accused Ukraine" in f["claim"]]
        assert flags, copy
        cited = {e["article_id"] for f in flags for e in f["evidence"]}
        other_copy = ids["Relay News" if copy == "Quick Wire" else "Quick Wire"]
        assert other_copy not in cited  # a reversed copy never backs the reversed order
        assert ids["Lake Times"] in cited and ids[original] in cited


def test_a_recap_in_another_story_is_checked_against_the_first_reports(
    recap_store: tuple[Path, dict[str, str]], flags_in: FlagsIn
) -> None:
    db, ids = recap_store
    flagged = _high_reversals(flags_in, db)
    assert set(flagged) == {ids["Weekly Review"]}
    (flag,) = [f for f in flagged[ids["Weekly Review"]] if "Russia accused Ukraine" in f["claim"]]
    assert {e["article_id"] for e in flag["evidence"]} == {ids["North Gazette"], ids["Harbour Post"]}


def test_an_incremental_verification_reads_what_the_reversal_check_reads() -> None:
    assert REVERSAL_WINDOW_DAYS <= EVIDENCE_WINDOW_DAYS
