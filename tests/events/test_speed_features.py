"""The classifier's fast feature path answers what the named features answer (no timing here).

The model's logits are taken over weight rows found by look-ups of a sentence's stems and stem pairs, in the
order of the sorted feature names, without building the names; they must equal the sum of the rows of
:func:`sitrep.events.features.sentence_features`'s names, added in that order, bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.events.classify import EventClassifier
from sitrep.events.features import sentence_features
from sitrep.events.text import tokenize


@pytest.fixture(scope="module")
def sentences(example_sentences: list[str]) -> list[str]:
    # and in Title Case, where capitals are no names
    return example_sentences + [sentence.title() for sentence in example_sentences[:200]]


def _named_logits(clf: EventClassifier, sentence: str) -> np.ndarray:
    lexicon = clf.lexicon
    tokens = tokenize(sentence, irregular=lexicon.irregular)
    names = sentence_features(
        tokens,
        lexicon.type_hits(tokens),
        status_rules=clf.status_rules,
        complement_markers=lexicon.complement_markers,
        anaphoric=lexicon.anaphoric,
    )
    rows = [row for row in map(clf.index.get, names) if row is not None]
    weights = clf.weights.astype(np.float64)
    return clf.bias.astype(np.float64) + np.add.reduce(weights.take(rows, axis=0), axis=0)


def test_feature_ranks_give_the_named_features_logits(classifier: EventClassifier, sentences: list[str]) -> None:
    assert len(sentences) > 500
    for sentence in sentences:
        fast = classifier._logits(classifier._analyse(sentence).ranks)
        assert np.array_equal(fast, _named_logits(classifier, sentence)), sentence


def test_every_model_feature_is_reachable(classifier: EventClassifier) -> None:
    """Each stem and stem-pair feature of the model is found by its words (none is named only)."""
    words = sum(name.startswith("w:") for name in classifier.index)
    pairs = sum(name.startswith("b:") for name in classifier.index)
    assert len(classifier._word_rank) == words
    assert len(classifier._bigram_rank) == pairs


def test_capitalised_words_trigger_only_in_headlines(classifier: EventClassifier) -> None:
    lexicon = classifier.lexicon

    def hits(text: str) -> list[tuple[str, int, int]]:
        return [(h.type, h.first, h.last) for h in lexicon.type_hits(tokenize(text, irregular=lexicon.irregular))]

    sentence = "Officials said the Attack Helicopter Unit was disbanded after the talks."
    headline = "Russian Forces Attack Kharkiv After Talks Collapse"
    assert not any(first == 3 for _, first, _ in hits(sentence))  # "Attack" inside a name
    assert any(first == 2 for _, first, _ in hits(headline))  # "Attack" in a Title Case headline
