"""The news entity gold (tests/data/ner_news) and its scorer."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from sitrep.eval.examples import load_examples
from sitrep.eval.ner_news import GOLD_DIR, NEWS_SETS, load_gold, main, match_entities, score_news
from sitrep.eval.nlp import score_spans

# Held-out set 3: offsets and format are checked here, but no test scores a model on it.
HELD_OUT = GOLD_DIR.parent / "blind_reading3"
GOLD_COUNTS = {
    "blind_reading": {"PER": 123, "ORG": 82, "LOC": 205},
    "blind_reading2": {"PER": 134, "ORG": 68, "LOC": 233},
    "blind_reading3": {"PER": 130, "ORG": 83, "LOC": 207},
}


@pytest.fixture(scope="module")
def texts() -> dict[str, dict[str, str]]:
    return {d.name: {k: a.text for k, a in load_examples(d).items()} for d in (*NEWS_SETS, HELD_OUT)}


def test_gold_offsets_hold_their_surface_text(texts: dict[str, dict[str, str]]) -> None:
    assert set(texts) == set(GOLD_COUNTS)
    for name, by_key in texts.items():
        counts: Counter[str] = Counter()
        gold = load_gold(GOLD_DIR / f"{name}.jsonl", by_key)
        assert {g.article for g in gold} == set(by_key)  # every English article of the set is annotated
        for g in gold:
            assert by_key[g.article][g.start:g.end] == g.text
            counts[g.type] += 1
        spans = sorted((g.article, g.start, g.end) for g in gold)
        assert all(a[0] != b[0] or a[2] <= b[1] for a, b in pairwise(spans))  # no overlaps
        assert counts == GOLD_COUNTS[name], name


def test_load_gold_rejects_a_wrong_offset(tmp_path: Path, texts: dict[str, dict[str, str]]) -> None:
    key = "articles/atlas_daily_kursk_incursion.txt"
    path = tmp_path / "blind_reading.jsonl"
    path.write_text(json.dumps({"article": key, "text": "Kursk", "type": "LOC", "start": 0, "end": 5}) + "\n")
    with pytest.raises(ValueError, match="is not at 0-5"):
        load_gold(path, texts["blind_reading"])


def test_match_entities_sorts_errors_into_kinds() -> None:
    gold = [(0, 10, "PER"), (20, 26, "LOC"), (30, 40, "ORG"), (50, 55, "LOC")]
    predicted = [(0, 10, "PER"), (20, 26, "ORG"), (34, 40, "ORG"), (60, 64, "PER")]
    assert match_entities(gold, predicted) == [
        ("type", (20, 26, "LOC"), (20, 26, "ORG")),
        ("boundary", (30, 40, "ORG"), (34, 40, "ORG")),
        ("missed", (50, 55, "LOC"), None),
        ("spurious", None, (60, 64, "PER")),
    ]


def test_score_spans_counts_exact_matches_per_type_and_micro() -> None:
    gold = {(0, 0, 10, "PER"), (0, 20, 26, "LOC"), (1, 20, 26, "LOC"), (1, 30, 40, "ORG")}
    pred = {(0, 0, 10, "PER"), (0, 20, 26, "ORG"), (1, 20, 26, "LOC")}  # one wrong type, one missed
    table = score_spans(gold, pred)
    assert table["PER"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 1, "pred": 1}
    assert table["LOC"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "gold": 2, "pred": 1}
    assert table["ORG"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "gold": 1, "pred": 1}
    assert table["micro"] == {"p": 0.6667, "r": 0.5, "f1": 0.5714, "gold": 4, "pred": 3}


def test_shipped_model_on_one_news_article() -> None:
    key = "articles/ridgeline_wire_invasion_day.txt"
    result = score_news([NEWS_SETS[1]], articles=[key], errors=True)
    micro = result["scores"]["micro"]
    assert result["articles"] == 1 and micro["gold"] == 87
    assert micro["f1"] >= 0.80  # 0.857 with the interim model and rules
    assert result["scores"]["LOC"]["f1"] >= 0.85
    assert all(e["article"] == key for e in result["errors"])


def test_cli_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--examples", str(NEWS_SETS[1])]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "ner=cnn" in out
