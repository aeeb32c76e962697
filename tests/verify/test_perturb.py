"""The seeded perturbation benchmark: generator truth, JSONL export, and the rewrite diff's figures on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.perturb import score
from sitrep.model import Article
from sitrep.verify.perturb import KINDS, Perturbation, clean_examples, generate, main


@pytest.fixture(scope="module")
def originals() -> dict[str, Article]:
    return clean_examples()


@pytest.fixture(scope="module")
def bench(originals: dict[str, Article]) -> list[Perturbation]:
    return generate(originals, seed=0, n_per_kind=12, background=2)


def test_clean_examples_are_english_originals_only(originals: dict[str, Article]) -> None:
    assert "articles/global_newsdesk_brussels.txt" not in originals  # a rewrite
    assert "articles/harbour_post_austin_taran.html" not in originals  # a syndicated copy
    assert "articles/elbufer_zeitung_videogipfel.html" not in originals  # German
    assert len({a.id for a in originals.values()}) == len(originals)


def test_generation_is_seeded(originals: dict[str, Article], bench: list[Perturbation]) -> None:
    again = generate(originals, seed=0, n_per_kind=12, background=2)
    assert [p.to_dict() for p in again] == [p.to_dict() for p in bench]
    other = generate(originals, seed=1, n_per_kind=12, background=2)
    assert [p.article.text for p in other] != [p.article.text for p in bench]


def test_every_kind_is_generated_with_consistent_truth(
    originals: dict[str, Article], bench: list[Perturbation]
) -> None:
    kinds = {p.kind for p in bench}
    assert kinds == set(KINDS)
    for item in bench:
        original = originals[item.article_key].text
        assert original[item.original.start : item.original.end] == item.original.text
        assert item.article.text[item.copy.start : item.copy.end] == item.copy.text
        assert item.article.text != original
        assert item.copy.text and item.copy.text in item.replacement
        assert item.harmful == (item.severity == "high") == bool(item.expected_kinds)
        assert item.article.duplicate_of == item.original_id
        if item.kind != "harmless_typography":  # typography alone keeps the normalised text, hence the id
            assert item.article.id != item.original_id
        if item.kind == "internal_contradiction":
            assert item.contradicts is not None and item.contradicts.text in item.article.text
            assert item.original.start == item.original.end  # an inserted sentence


def test_harmless_rewrites_stay_outside_quotations_unless_typographic(bench: list[Perturbation]) -> None:
    synonyms = [p for p in bench if p.kind == "harmless_synonym"]
    assert synonyms
    for item in synonyms:
        before = item.article.text[: item.copy.start]
        assert (before.count('"') + before.count("“") - before.count("”")) % 2 == 0


def test_jsonl_export_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "bench.jsonl"
    assert main(["--seed", "0", "--n-per-kind", "2", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= len(KINDS)
    for line in lines:
        data = json.loads(line)
        assert Perturbation.from_dict(data).to_dict() == data


def test_rewrite_diff_meets_the_issue_targets_on_the_benchmark(
    originals: dict[str, Article], bench: list[Perturbation]
) -> None:
    result = score(bench, originals)
    assert result["recall"] >= 0.9
    assert result["precision"] >= 0.9
    assert result["harmless_flagged_high"] <= 0.05
    for row in result["per_kind"]:
        if "recall" in row:
            assert row["recall"] >= 0.9, row
