"""The shared P/R/F1 helper, in each variant the scorers in sitrep.eval use."""

from __future__ import annotations

import json

import pytest

from sitrep.eval.cleaning import load_example_pairs, score_files
from sitrep.eval.examples import EXAMPLES_DIR
from sitrep.eval.nlp import score_spans
from sitrep.eval.scoring import SHORT_KEYS, prf


def test_default_rounds_to_four_places_with_long_keys() -> None:
    # quotes, events_gold, roles: F1 from the unrounded P and R, then rounded
    assert prf(2, 3, 7) == {"precision": 0.6667, "recall": 0.2857, "f1": 0.4}
    assert prf(1, 3, 3) == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert list(prf(1, 2, 3)) == ["precision", "recall", "f1"]


def test_empty_sides_score_zero_by_default() -> None:
    assert prf(0, 0, 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 4, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_empty_one_scores_nothing_to_find_as_perfect() -> None:
    # timex (seed truth gives no prediction count) and cleaning (files with no kept lines)
    assert prf(0, 0, 0, empty=1.0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 0, 4, empty=1.0) == {"precision": 1.0, "recall": 0.0, "f1": 0.0}
    assert prf(3, 0, 4, empty=1.0) == {"precision": 1.0, "recall": 0.75, "f1": 0.8571}


def test_unrounded_figures() -> None:
    # cleaning keeps full floats
    got = prf(2, 3, 7, empty=1.0, digits=None)
    assert got == {"precision": 2 / 3, "recall": 2 / 7, "f1": 2 * (2 / 3) * (2 / 7) / (2 / 3 + 2 / 7)}


def test_short_keys() -> None:
    # events_gsr and nlp name the figures p, r, f1; callers pass tp + fp and tp + fn
    tp, fp, fn = 5, 3, 2
    assert prf(tp, tp + fp, tp + fn, keys=SHORT_KEYS) == {"p": 0.625, "r": 0.7143, "f1": 0.6667}


@pytest.mark.parametrize("bad", [("a", "b"), ()])
def test_keys_must_be_three(bad: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        prf(1, 1, 1, keys=bad)  # type: ignore[arg-type]


def test_nlp_spans_keep_counts_after_the_figures() -> None:
    gold = {(1, 0, 5, "PER"), (1, 10, 15, "LOC"), (2, 0, 3, "ORG")}
    pred = {(1, 0, 5, "PER"), (1, 10, 15, "ORG")}
    table = score_spans(gold, pred)
    assert table["PER"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 1, "pred": 1}
    assert table["LOC"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "gold": 1, "pred": 0}
    assert table["micro"] == {"p": 0.5, "r": 0.3333, "f1": 0.4, "gold": 3, "pred": 2}


def test_cleaning_examples_micro_figures_match_the_helper() -> None:
    result = score_files(load_example_pairs(EXAMPLES_DIR))
    tot = {k: sum(f[k] for f in result["files"].values()) for k in ("tp", "pred", "true")}
    micro = prf(tot["tp"], tot["pred"], tot["true"], empty=1.0, digits=None)
    assert {k: result[k] for k in micro} == micro
    assert json.dumps(micro)  # plain floats
