"""The main job (`sitrep run`) on the bundled examples and on the real seeds, checked against truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.ingest.batch import ingest
from sitrep.model import Article
from sitrep.store.db import Store


def _locator(entry: dict[str, Any]) -> str:
    if entry["record"] is None:
        return ""
    if entry["file"].endswith(".jsonl"):
        return f"#{entry['record'] + 1}"
    return f"[{entry['record']}]"


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Store:
    store = Store(tmp_path_factory.mktemp("main") / "sitrep.db")
    summary = ingest([str(examples_dir / "articles"), str(examples_dir / "feeds")], store)
    assert summary.rejected == 0
    return store


@pytest.fixture(scope="module")
def manifest(examples_dir: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((examples_dir / "manifest.json").read_text(encoding="utf-8"))
    return data


def _article_for(store: Store, examples_dir: Path, entry: dict[str, Any]) -> Article:
    source = str(examples_dir / entry["file"])
    article_id = store.source_article(source, _locator(entry))
    assert article_id is not None, f"{entry['file']} {_locator(entry)} not stored"
    article = store.get_article(article_id)
    assert article is not None
    return article


def test_main_job_stores_every_example_once(examples_store: Store, manifest: list[dict[str, Any]]) -> None:
    stats = examples_store.stats()
    duplicates = [e for e in manifest if e["relation"] and e["relation"]["kind"] == "exact_duplicate"]
    assert stats["sources"] == len(manifest)
    assert stats["articles"] == len(manifest) - len(duplicates)


def test_main_job_links_copies_to_their_original(
    examples_store: Store, examples_dir: Path, manifest: list[dict[str, Any]]
) -> None:
    by_key = {(e["file"], e["record"]): e for e in manifest}
    checked = 0
    for entry in manifest:
        relation = entry["relation"]
        if not relation:
            continue
        file, _, record = relation["of"].partition("#")
        original = _article_for(examples_store, examples_dir, by_key[(file, int(record) if record else None)])
        copy = _article_for(examples_store, examples_dir, entry)
        if relation["kind"] == "exact_duplicate":
            assert copy.id == original.id
        else:
            assert copy.duplicate_of == original.id, entry["file"]
            assert copy.similarity is not None and 0.3 <= copy.similarity < 1.0
            kinds = {
                link["kind"] for link in examples_store.links(copy.id) if link["other_id"] == original.id
            }
            assert kinds, f"{entry['file']} has no link to {relation['of']}"
        checked += 1
    assert checked >= 4


def test_main_job_dates_languages_credits(
    examples_store: Store, examples_dir: Path, manifest: list[dict[str, Any]]
) -> None:
    dates_right = 0
    for entry in manifest:
        article = _article_for(examples_store, examples_dir, entry)
        assert article.language == entry["language"], entry["file"]
        if (article.published, article.published_from) == (
            entry["published_expected"],
            entry["published_expected_from"],
        ):
            dates_right += 1
        assert set(entry["wire_credits"]) <= set(article.wire_credits), entry["file"]
    assert dates_right / len(manifest) >= 0.9


def test_main_job_on_seeds_reads_all_five(tmp_path: Path, seeds_dir: Path) -> None:
    with Store(tmp_path / "seeds.db") as store:
        summary = ingest([str(seeds_dir)], store)
        assert summary.new_articles == 5
        assert summary.rejected == 0
        records = {Path(a.source).name[:3]: a for a in store.iter_articles()}
    assert records["004"].published == "2024-06-26"
    assert records["004"].wire_credits == ("AFP",)
    assert set(records["001"].wire_credits) == {"Reuters", "AFP", "TASS"}
    assert records["000"].published == "2021-04-01"
    assert records["003"].published is None  # only "On Tuesday": no single date is supported
    assert all(a.language == "en" for a in records.values())
