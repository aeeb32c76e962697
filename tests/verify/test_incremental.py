"""Incremental verification: adding articles updates stories, canonical events and flags as a full
recompute would, while recomputing only what the new articles can change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest
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
