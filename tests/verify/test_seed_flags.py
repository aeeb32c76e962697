"""The seeds: 003 (a rewrite whose original is not in ../shared) is flagged from the other seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import find_flags
from sitrep.verify.run import verify_store

pytestmark = pytest.mark.issue(5)


def test_seed_003_kuleba_flagged_and_other_seeds_clean(seeds_dir: Path, tmp_path: Path, reader: Reader) -> None:
    with Store(tmp_path / "seeds.db") as store:
        ingest([str(seeds_dir)], store)
        analyze(store, reader=reader)
        summary = verify_store(store)
        by_file = {Path(r[1]).name: r[0] for r in store.conn.execute("SELECT article_id, source FROM article_sources")}
        high = find_flags(store, min_severity="high")
    seed_003 = next(v for k, v in by_file.items() if k.startswith("003"))
    assert summary.articles == len(by_file)
    kuleba = [f for f in high if f["article_id"] == seed_003 and f["kind"] == "affiliation" and "Kuleba" in f["claim"]]
    assert kuleba and kuleba[0]["expected"] == "UKR"
    sources = {e["article_id"] for e in kuleba[0]["evidence"] if e["article_id"]}
    assert len(sources) >= 2 and seed_003 not in sources
    assert {f["article_id"] for f in high} == {seed_003}
