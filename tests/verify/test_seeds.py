"""Seed 003 (a rewrite with swapped facts whose original is absent) against the other seeds.

Skipped when ../shared is absent. Asserts facts only (names, countries), never seed text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest.batch import ingest
from sitrep.model import Article
from sitrep.store.db import Store
from sitrep.verify.affiliations import affiliation_conflicts
from sitrep.verify.rewrite_diff import diff_articles

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    with Store(tmp_path_factory.mktemp("seeds") / "seeds.db") as store:
        ingest([str(seeds_dir)], store)
        out: dict[str, Article] = {}
        for article in store.iter_articles():
            for src in store.article_sources(article.id):
                out[Path(src["source"]).name[:3]] = article
    return out


def test_no_seed_is_a_near_copy_of_003_so_the_diff_flags_nothing_high(seeds: dict[str, Article]) -> None:
    for key, article in seeds.items():
        if key == "003":
            continue
        diff = diff_articles(article, seeds["003"])
        assert diff.matched_share == 0.0, key
        assert [e for e in diff.edits if e.severity == "high"] == [], key


def test_003_ties_kuleba_to_russia_where_honest_seeds_say_ukraine(seeds: dict[str, Article]) -> None:
    for key in ("000", "001"):
        conflicts = affiliation_conflicts(seeds[key], seeds["003"])
        assert [(e.kind, e.copy.text.split()[0], e.copy.text.split()[-1]) for e in conflicts] == [
            ("affiliation_change", "Russian", "Kuleba")
        ], key
        assert all(e.severity == "medium" for e in conflicts)


def test_honest_seeds_do_not_conflict_with_each_other(seeds: dict[str, Article]) -> None:
    honest = [k for k in seeds if k != "003"]
    for a in honest:
        for b in honest:
            if a != b:
                assert affiliation_conflicts(seeds[a], seeds[b]) == [], (a, b)
