"""Independence clusters, stories, role consensus and canonical events on the example corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.store.db import Store
from sitrep.store.verify import list_canonical_events, list_stories
from sitrep.verify.independence import independent_groups
from sitrep.verify.run import verify

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def example_store(analysed_examples_db: Path) -> Path:
    return analysed_examples_db


def _ids_by_source(store: Store) -> dict[str, str]:
    rows = store.conn.execute("SELECT article_id, source, locator FROM article_sources")
    out = {}
    for article_id, source, locator in rows:
        name = Path(source).name
        out[name + locator] = article_id
    return out


def test_copies_and_rewrites_count_once(example_store: Path) -> None:
    with Store(example_store) as store:
        groups = independent_groups(store)
        ids = _ids_by_source(store)
    rewrite, original = ids["global_newsdesk_brussels.txt"], ids["capitol_brief_blinken_brussels.html"]
    assert groups[rewrite] == groups[original] == original
    wire = [v for k, v in ids.items() if k.startswith("wire.jsonl")]
    copies = [ids["harbour_post_austin_taran.html"], ids["baltic_observer_austin_taran.txt"]]
    assert len({groups[c] for c in copies}) == 1 and groups[copies[0]] in wire
    # honest originals on the same story stay separate sources
    assert groups[ids["kyiv_ledger_milley_calls.html"]] != groups[ids["capitol_brief_biden_zelensky.txt"]]
    assert len(set(groups.values())) == len(groups) - 4


def test_role_consensus_keeps_disagreement_and_ignores_the_rewrite(example_store: Path) -> None:
    with Store(example_store) as store:
        result = verify(store)
        ids = _ids_by_source(store)
    kuleba = result.consensus["dmytro_kuleba"]
    assert kuleba["country"] == "UKR"
    # the rewrite's RUS claim is kept as a disagreement, backed only by the rewrite's own cluster
    assert kuleba["countries"]["RUS"] == [ids["capitol_brief_blinken_brussels.html"]]
    assert len(kuleba["countries"]["UKR"]) >= 5
    assert result.consensus["jens_stoltenberg"]["country"] == "NATO"


def test_stories_group_the_april_2021_reports_and_keep_2024_apart(example_store: Path) -> None:
    with Store(example_store) as store:
        stories = list_stories(store)
        ids = _ids_by_source(store)
        canonical = list_canonical_events(store)
    story_of = {a: s["id"] for s in stories for a in s["article_ids"]}
    assert sum(s["n_articles"] for s in stories) == len(ids) - 1  # the exact duplicate is one article
    assert story_of[ids["global_newsdesk_brussels.txt"]] == story_of[ids["capitol_brief_blinken_brussels.html"]]
    assert story_of[ids["kyiv_ledger.xml[0]"]] == story_of[ids["capitol_brief_blinken_brussels.html"]]
    assert story_of[ids["kyiv_ledger_ramstein_umerov.txt"]] != story_of[ids["capitol_brief_blinken_brussels.html"]]
    for s in stories:
        assert s["id"].startswith("st_") and s["n_independent"] <= s["n_articles"]
        if s["first_date"] and s["last_date"]:
            assert s["first_date"][:4] == s["last_date"][:4]
    # the Shumy deaths are one canonical event reported by several independent sources
    shumy = [c for c in canonical if c["type"] == "ASSAULT" and c["date"] == "2021-03-26"]
    assert shumy and max(c["n_independent"] for c in shumy) >= 3
    assert all(c["n_independent"] <= c["n_articles"] <= c["n_mentions"] for c in canonical)
