"""Incremental verification: adding articles updates stories, canonical events and flags as a full
recompute would, while recomputing only what the new articles can change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest, ingest_items
from sitrep.model import RawDoc
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import find_flags, list_canonical_events, list_stories
from sitrep.verify.run import verify

LATER = ("global_newsdesk_brussels.txt", "harbour_post_austin_taran.html", "kyiv_ledger_ramstein_umerov.txt")


def _state(store: Store) -> dict[str, Any]:
    return {
        "stories": sorted(tuple(sorted(s["article_ids"])) for s in list_stories(store)),
        "canonical": sorted(c["id"] for c in list_canonical_events(store)),
        "flags": sorted((f["id"], f["severity"]) for f in find_flags(store)),
    }


def test_adding_articles_verifies_incrementally_like_a_full_recompute(
    tmp_path: Path, examples_dir: Path, reader: Reader
) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    shutil.copytree(examples_dir / "articles", first)
    later.mkdir()
    for name in LATER:
        (first / name).rename(later / name)
    with Store(tmp_path / "s.db") as store:
        ingest([str(first), str(examples_dir / "feeds")], store)
        before = analyze(store, reader=reader)
        assert before.verify["recomputed"] == before.verify["articles"]  # the first run verifies everything
        assert not find_flags(store, min_severity="high")  # no rewrite yet, no high flag

        ingest([str(later)], store)
        after = analyze(store, reader=reader)
        assert after.analysed == len(LATER)
        assert 0 < after.verify["recomputed"] < after.verify["articles"]  # not everything was recomputed
        incremental = _state(store)

        full = verify(store, kb=reader.kb)
        assert incremental["stories"] == sorted(tuple(sorted(s["article_ids"])) for s in full.stories)
        assert incremental["canonical"] == sorted(c["id"] for c in full.canonical_events)
        assert incremental["flags"] == sorted((f.id, f.severity) for f in full.flags)
        rewrite = store.conn.execute(
            "SELECT article_id FROM article_sources WHERE source LIKE ?", ("%global_newsdesk_brussels.txt",)
        ).fetchone()[0]
        assert {f["article_id"] for f in find_flags(store, min_severity="high")} == {rewrite}


def test_a_copy_of_an_undated_story_is_verified_against_the_story_it_reports(
    tmp_path: Path, examples_dir: Path, reader: Reader
) -> None:
    """The explainer is undated: its copy used to make a story of its own with it, out of reach of the
    dated reports (the evidence of a changed count); now both join the reports' story, and adding the copy
    gives the flags a full recompute gives."""
    with Store(tmp_path / "s.db") as store:
        ingest([str(examples_dir / "articles"), str(examples_dir / "feeds")], store)
        analyze(store, reader=reader)
        original = store.conn.execute(
            "SELECT article_id FROM article_sources WHERE source LIKE ?", ("%eastern_dispatch_explainer.txt",)
        ).fetchone()[0]
        article = store.get_article(original, with_removed=False)
        assert article is not None and article.published is None
        changed = article.text.replace("deaths of four Ukrainian soldiers", "deaths of three Ukrainian soldiers")
        assert changed != article.text
        raw = RawDoc(source="test/explainer-copy", locator="", kind="text", text=changed,
                     meta={"url": "https://copy.example/explainer", "outlet": "Copy Desk", "title": article.title})
        ingest_items([raw], store, label="copy")
        copy = store.source_article(raw.source, raw.locator)
        assert copy is not None
        analyze(store, reader=reader)
        incremental = _state(store)
        full = verify(store, kb=reader.kb)
        assert incremental["flags"] == sorted((f.id, f.severity) for f in full.flags)
        assert incremental["stories"] == sorted(tuple(sorted(s["article_ids"])) for s in full.stories)
        story = next(s for s in full.stories if copy in s["article_ids"])
        assert original in story["article_ids"] and len(story["article_ids"]) > 2
        counts = [f for f in find_flags(store, article_id=copy, kind="number") if f["claim"] == "three"]
        assert [f["severity"] for f in counts] == ["high"]
        assert any(e.get("source") == "independent" for e in counts[0]["evidence"])
