"""Flags from the rewrite diff: a stored copy's fact edits against its stored original."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitrep.store.db import Store
from sitrep.store.verify import find_flags
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_rewrite import merge_flags, pick_originals

pytestmark = pytest.mark.issue(5)

Stored = tuple[str, list[dict[str, Any]], dict[str, Any]]

_FLAG_KIND = {
    "affiliation_swap": "affiliation",
    "actor_target_reversal": "reversal",
    "name_corruption": "corrupted_name",
    "date_change": "date",
    "number_change": "number",
}


def _changed_span(text: str, original: str, changed: str) -> tuple[int, int]:
    """Where the words that differ between ``original`` and ``changed`` sit in ``text``."""
    at = text.index(changed)
    lo = 0
    while lo < min(len(original), len(changed)) and original[lo] == changed[lo]:
        lo += 1
    hi = 0
    while hi < min(len(original), len(changed)) - lo and original[-1 - hi] == changed[-1 - hi]:
        hi += 1
    return at + lo, at + len(changed) - hi


@pytest.fixture(scope="module")
def rewrite_flags_stored(analysed_examples_db: Path, examples_dir: Path) -> Stored:
    manifest = json.loads((examples_dir / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest if e["file"] == "articles/global_newsdesk_brussels.txt")
    with Store(analysed_examples_db) as store:
        article_id = next(r[0] for r in store.conn.execute("SELECT article_id, source FROM article_sources")
                          if r[1].endswith("global_newsdesk_brussels.txt"))
        text = store.texts([article_id])[article_id]
        flags = find_flags(store, article_id=article_id)
    return text, flags, entry


def _independent(flag: dict[str, Any]) -> set[str]:
    return {e["article_id"] for e in flag["evidence"] if e["article_id"] and e.get("source") != "original"}


def test_every_fact_edit_of_the_rewrite_is_flagged_on_its_words_high_only_with_independent_evidence(
    rewrite_flags_stored: Stored,
) -> None:
    text, flags, entry = rewrite_flags_stored
    edits = [e for e in entry["edits"] if e["kind"] != "harmless"]
    assert len(edits) == 6
    severities = []
    for edit in edits:
        start, end = _changed_span(text, edit["original"], edit["changed"])
        hits = [f for f in flags if f["kind"] == _FLAG_KIND[edit["kind"]] and f["start"] < end and start < f["end"]]
        assert hits, edit
        # the claim is the changed words, not the whole sentence
        assert hits[0]["end"] - hits[0]["start"] <= len(edit["changed"])
        # the original is in the copy's own cluster: high needs an independent source besides it
        assert (hits[0]["severity"] == "high") == bool(_independent(hits[0])), hits[0]
        severities.append(hits[0]["severity"])
    assert severities.count("high") >= 5


_PAIR = [
    ("DW-1", "Dunmore Wire", "2021-04-20T08:00:00Z", "Kremlin names the date of the drills' end",
     "MOSCOW, April 20 (Dunmore Wire) - Russian Defence Minister Sergei Shoigu said on Tuesday that the army would "
     "finish its snap drills in the south of the country by May 1.\n\n"
     "About 12,000 troops and 300 tanks took part in the exercises on the Opuk range in Crimea, the ministry said.\n\n"
     "Western governments have asked Moscow to explain why the drills were held so close to the border."),
    ("RG-2", "Riverside Gazette", "2021-04-20T15:00:00Z", "Kremlin names the date of the drills' end",
     "Russian Defence Minister Sergei Shoigu said on Tuesday that the army would finish its snap drills in the "
     "south of the country by May 1.\n\n"
     "About 42,000 troops and 300 tanks took part in the exercises on the Opuk range in Crimea, the ministry said.\n\n"
     "Western governments have asked Moscow to explain why the drills were held so close to the border."),
]


def test_rewrite_flag_with_only_its_original_as_evidence_is_medium(feed_store: Any) -> None:
    feed = feed_store("pair", _PAIR)
    flags = feed.flags(article_id=feed.ids["Riverside Gazette"], kind="number")
    assert flags, "the rewrite's changed count is flagged"
    for flag in flags:
        assert any(e.get("source") == "original" for e in flag["evidence"]) and not _independent(flag)
        assert flag["severity"] == "medium"
        assert "no independent source was found" in flag["message"]
    assert not feed.flags(article_id=feed.ids["Dunmore Wire"], min_severity="high")


def test_harmless_rewording_in_the_rewrite_is_not_flagged(rewrite_flags_stored: Stored) -> None:
    text, flags, entry = rewrite_flags_stored
    for edit in (e for e in entry["edits"] if e["kind"] == "harmless"):
        start, end = _changed_span(text, edit["original"], edit["changed"])
        assert not [f for f in flags if f["start"] < end and start < f["end"] and f["end"] - f["start"] < 60], edit


def test_copies_of_the_wire_get_no_rewrite_flag(analysed_examples_db: Path) -> None:
    with Store(analysed_examples_db) as store:
        copies = {r[0] for r in store.conn.execute("SELECT article_id FROM article_links")}
        flagged = {f["article_id"] for f in find_flags(store) if any(
            e.get("source") == "original" for e in f["evidence"])}
        outlets = {r[0]: r[1] for r in store.conn.execute("SELECT id, outlet FROM articles")}
    assert {outlets[a] for a in flagged} == {"Global Newsdesk 24"}
    assert flagged <= copies


def test_pick_originals_prefers_the_article_that_copies_nothing() -> None:
    links = [
        {"article_id": "harbour", "other_id": "baltic", "kind": "copy"},
        {"article_id": "baltic", "other_id": "wire", "kind": "copy"},
        {"article_id": "harbour", "other_id": "wire", "kind": "copy"},
        {"article_id": "late", "other_id": "harbour", "kind": "rewrite"},
        {"article_id": "x", "other_id": "y", "kind": "unrelated"},
    ]
    published = {"wire": "2021-04-01", "baltic": "2021-04-01", "harbour": "2021-04-02", "late": "2021-04-03"}
    assert pick_originals(links, published) == {"harbour": "wire", "baltic": "wire", "late": "harbour"}


def test_merge_keeps_one_flag_with_both_evidence_and_the_higher_severity() -> None:
    cross = Flag("a", "number", "high", "They counted 8,000 troops.", 10, 36, "80,000",
                 [{"article_id": "b", "span": "80,000 troops", "start": 0, "end": 13}], "2 sources give 80,000")
    other = Flag("a", "date", "medium", "on Monday", 50, 59, "Tuesday", [], "")
    rewrite = Flag("a", "number", "medium", "8,000", 24, 29, "80,000",
                   [{"article_id": "o", "span": "80,000", "start": 5, "end": 11, "source": "original"}],
                   "the copy says 8,000")
    merged = merge_flags([cross, other], [rewrite])
    assert len(merged) == 2
    number = next(f for f in merged if f.kind == "number")
    assert (number.claim_start, number.claim_end, number.severity) == (24, 29, "high")
    assert [e["article_id"] for e in number.evidence] == ["o", "b"]
    assert "2 sources give 80,000" in number.message


def test_merge_raises_a_rewrite_flag_to_high_once_an_independent_cluster_backs_the_original() -> None:
    rewrite = Flag("copy", "number", "medium", "8,000", 24, 29, "80,000",
                   [{"article_id": "orig", "span": "80,000", "start": 5, "end": 11, "source": "original"}],
                   "the copy says 8,000")
    one = Flag("copy", "number", "medium", "8,000", 24, 29, "80,000",
               [{"article_id": "b", "span": "80,000 troops", "start": 0, "end": 13}], "1 source gives 80,000")
    groups = {"copy": "orig", "orig": "orig", "b": "b", "b2": "b"}
    (merged,) = merge_flags([one], [rewrite], groups=groups)
    assert merged.severity == "high"  # the original and one independent cluster
    (alone,) = merge_flags([], [rewrite], groups=groups)
    assert alone.severity == "medium"
    agreeing = replace(one, severity="low")  # an independent source agrees with the copy
    (disputed,) = merge_flags([agreeing], [rewrite], groups=groups)
    assert disputed.severity == "medium"


def test_judge_severity_is_the_one_rule() -> None:
    assert judge_severity(backing=2) == "high"
    assert judge_severity(backing=1) == "medium"
    assert judge_severity(backing=0, original=True) == "medium"  # only the copied original
    assert judge_severity(backing=1, original=True) == "high"
    assert judge_severity(backing=3, against=1) == "low"
    assert judge_severity(backing=3, cap="medium") == "medium"



_REVERSED = [
    ("SW-1", "Sound Wire", "2021-04-02T08:00:00Z", "Pentagon restates its aid to Kyiv",
     "WASHINGTON, April 2 (Sound Wire) - Defense Secretary Lloyd Austin spoke with his Ukrainian counterpart on "
     "Thursday and promised continued support.\n\n"
     "According to the Pentagon, Washington has provided Ukraine with more than $2 billion in security assistance "
     "since 2014.\n\n"
     "Officials said new deliveries of radar equipment were planned for the summer."),
    ("FP-2", "Fenland Post", "2021-04-02T16:00:00Z", "Pentagon restates its aid to Kyiv",
     "Defense Secretary Lloyd Austin spoke with his Ukrainian counterpart on Thursday and promised continued "
     "support.\n\n"
     "According to the Pentagon, Ukraine has provided Washington with more than $2 billion in security assistance "
     "since 2014.\n\n"
     "Officials said new deliveries of radar equipment were planned for the summer."),
    # two independent reports of the same order in other words and another story, published within weeks
    ("HC-3", "Highland Courier", "2021-03-31T10:00:00Z", "Austin calls Taran as fighting flares",
     "The call came as shelling intensified along the line of contact in the Donbas.\n\n"
     "The Pentagon chief noted that Washington had provided Ukraine with military aid worth more than $2 billion "
     "since 2014."),
    ("TL-4", "Timeline Ledger", "2021-04-23T10:00:00Z", "How the spring crisis unfolded",
     "In early April, U.S. officials stepped up their contacts with Kyiv as Russian forces gathered.\n\n"
     "On April 1, the Pentagon recalled that Washington had quietly provided Ukraine with over $2 billion in "
     "military assistance since 2014."),
]


def test_a_reversed_order_is_high_with_other_wordings_of_the_order_as_independent_evidence(
    feed_store: Any,
) -> None:
    """"Washington has provided Ukraine" reversed in a rewrite: the independent reports say "had (quietly)
    provided", in another story; their order is the original's."""
    feed = feed_store("reversed", _REVERSED)
    flags = feed.flags(article_id=feed.ids["Fenland Post"], kind="reversal")
    assert [f["severity"] for f in flags] == ["high"]
    assert _independent(flags[0]) == {feed.ids["Highland Courier"], feed.ids["Timeline Ledger"]}
    assert not feed.flags(article_id=feed.ids["Sound Wire"], min_severity="high")
