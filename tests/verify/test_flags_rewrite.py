"""Flags from the rewrite diff: a stored copy's fact edits against its stored original."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.store.db import Store
from sitrep.store.verify import find_flags
from sitrep.verify.flags import Flag
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


def test_every_fact_edit_of_the_rewrite_is_flagged_high_on_its_words(rewrite_flags_stored: Stored) -> None:
    text, flags, entry = rewrite_flags_stored
    edits = [e for e in entry["edits"] if e["kind"] != "harmless"]
    assert len(edits) == 6
    for edit in edits:
        start, end = _changed_span(text, edit["original"], edit["changed"])
        hits = [f for f in flags if f["severity"] == "high" and f["kind"] == _FLAG_KIND[edit["kind"]]
                and f["start"] < end and start < f["end"]]
        assert hits, edit
        # the claim is the changed words, not the whole sentence
        assert hits[0]["end"] - hits[0]["start"] <= len(edit["changed"])


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
