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
from typing import Any

import pytest

from sitrep.verify.flags_reversal import REVERSAL_WINDOW_DAYS
from sitrep.verify.scope import EVIDENCE_WINDOW_DAYS

Feed = Any  # conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags
FeedStore = Callable[[str, Sequence[Any]], Feed]  # the feed_store fixture

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


def _round(*hours: int) -> list[tuple[str, str, str, str, str]]:
    """The five reports of June 8, published at ``hours`` o'clock (North, Harbour, Lake, Quick, Relay)."""
    north, harbour = "Kyiv says village shelled near Donetsk", "Ceasefire breach reported near Donetsk"
    reports = [
        ("NG-1", "North Gazette", north, _NORTH),
        ("HP-1", "Harbour Post", harbour, _HARBOUR),
        ("LT-1", "Lake Times", "Frontline village hit as tensions rise", _LAKE),
        ("QW-1", "Quick Wire", north, _reversed(_NORTH)),
        ("RN-1", "Relay News", harbour, _reversed(_HARBOUR)),
    ]
    return [(key, outlet, f"2021-06-08T{hour:02d}:00:00Z", title, text)
            for (key, outlet, title, text), hour in zip(reports, hours, strict=True)]


_ROUND = _round(8, 12, 16, 9, 13)
#: The same round, but each reversed version published before the report it reverses: ingest takes it for the
#: original and the honest report for its copy.
_REVERSED_FIRST = _round(10, 14, 16, 7, 11)
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
def round_store(feed_store: FeedStore) -> Feed:
    return feed_store("reversal_round", _ROUND)


@pytest.fixture(scope="module")
def reversed_first_store(feed_store: FeedStore) -> Feed:
    return feed_store("reversal_first", _REVERSED_FIRST)


@pytest.fixture(scope="module")
def recap_store(feed_store: FeedStore) -> Feed:
    return feed_store("reversal_recap", _RECAP)


def _high_reversals(feed: Feed) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in feed.flags(kind="reversal", min_severity="high"):
        out.setdefault(f["article_id"], []).append(f)
    return out


def test_reversed_copies_of_two_originals_do_not_count_against_an_honest_report(round_store: Feed) -> None:
    ids = round_store.ids
    flagged = _high_reversals(round_store)
    assert ids["Lake Times"] not in flagged
    assert ids["North Gazette"] not in flagged and ids["Harbour Post"] not in flagged


def test_a_cluster_that_reports_a_fact_both_ways_backs_neither_order(reversed_first_store: Feed) -> None:
    """Two clusters, each a reversed report and the honest one copying it, never count against the honest third."""
    ids = reversed_first_store.ids
    flagged = _high_reversals(reversed_first_store)
    assert not {ids["Lake Times"], ids["North Gazette"], ids["Harbour Post"]} & set(flagged)


def test_each_reversed_copy_is_flagged_high_with_the_other_sources(round_store: Feed) -> None:
    ids = round_store.ids
    flagged = _high_reversals(round_store)
    for copy, original in (("Quick Wire", "North Gazette"), ("Relay News", "Harbour Post")):
        flags = [f for f in flagged.get(ids[copy], []) if "Russia accused Ukraine" in f["claim"]]
        assert flags, copy
        cited = {e["article_id"] for f in flags for e in f["evidence"]}
        other_copy = ids["Relay News" if copy == "Quick Wire" else "Quick Wire"]
        assert other_copy not in cited  # a reversed copy never backs the reversed order
        assert ids["Lake Times"] in cited and ids[original] in cited


def test_a_recap_in_another_story_is_checked_against_the_first_reports(recap_store: Feed) -> None:
    ids = recap_store.ids
    flagged = _high_reversals(recap_store)
    assert set(flagged) == {ids["Weekly Review"]}
    (flag,) = [f for f in flagged[ids["Weekly Review"]] if "Russia accused Ukraine" in f["claim"]]
    assert {e["article_id"] for e in flag["evidence"]} == {ids["North Gazette"], ids["Harbour Post"]}


def test_an_incremental_verification_reads_what_the_reversal_check_reads() -> None:
    assert REVERSAL_WINDOW_DAYS <= EVIDENCE_WINDOW_DAYS


_REPLY = [
    ("WP-1", "Warsaw Post", "2021-11-15T09:00:00Z", "Poland expels Belarusian diplomats over border crisis",
     "WARSAW, Nov 15 (Warsaw Post) - Poland expelled five Belarusian diplomats on Monday over the migrant crisis on "
     "the border, the foreign ministry said.\n\nThousands of people remain camped in the forest near the crossing."),
    ("VR-1", "Vistula Radio", "2021-11-15T11:00:00Z", "Five Belarusian diplomats told to leave Poland",
     "Poland on Monday expelled five Belarusian diplomats, blaming Minsk for the migrant crisis on the border.\n\n"
     "The envoys were given three days to leave the country."),
    ("MN-1", "Minsk Notes", "2021-11-16T10:00:00Z", "Belarus answers Warsaw's expulsions",
     "MINSK, Nov 16 (Minsk Notes) - Belarus expelled five Polish diplomats on Tuesday in retaliation for the "
     "expulsions over the migrant crisis on the border, its foreign ministry said.\n\n"
     "The ministry said the Polish envoys had three days to leave."),
]


@pytest.fixture(scope="module")
def reply_store(feed_store: FeedStore) -> Feed:
    return feed_store("reversal_reply", _REPLY)


def test_an_answer_to_the_reverse_act_is_no_reversal(reply_store: Feed) -> None:
    """"Belarus expelled five Polish diplomats in retaliation": a fact of its own, not Poland's expulsion told the
    wrong way round."""
    assert reply_store.flags(kind="reversal") == []


def test_reply_cues() -> None:
    from sitrep.verify.flags_reversal import answers_reverse_act

    assert answers_reverse_act("Moscow hit back at Washington, expelling ten U.S. diplomats.")
    assert answers_reverse_act("It ordered them out in response to\nthe sanctions.")
    assert not answers_reverse_act("Russia expelled ten U.S. diplomats on Friday.")
    assert not answers_reverse_act("The response of the ministry was swift.")
