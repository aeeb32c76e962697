"""The classifier's word windows answer what a fresh analysis of their text answers (no timing here).

A window of the sentence classified last ("... and *urged* Moscow to") takes its tokens from that sentence
(:func:`sitrep.events.text.slice_tokens`, :func:`~sitrep.events.text.window_span`) instead of tokenizing its text
again, and its stems' and stem pairs' weight rows from that sentence's; its tokens, trigger hits, model features
and probabilities must be those of the window's text analysed on its own, bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.events.classify import EventClassifier, _Parent
from sitrep.events.memo import clear_memos
from sitrep.events.quantities import find_quantities, may_state_figures
from sitrep.events.status import detect_status
from sitrep.events.text import slice_tokens, tokenize


@pytest.fixture(scope="module")
def sentences(example_sentences: list[str]) -> list[str]:
    return example_sentences


def _windows(sentence: str, classifier: EventClassifier) -> list[str]:
    tokens = tokenize(sentence, irregular=classifier.lexicon.irregular)
    out = []
    for lo in range(0, len(tokens), 3):
        for hi in (lo + 1, lo + 5, lo + 9, len(tokens)):
            if lo < hi <= len(tokens):
                out.append(sentence[tokens[lo].start : tokens[hi - 1].end])
    return out


def test_slices_are_the_tokens_of_their_text(classifier: EventClassifier, sentences: list[str]) -> None:
    irregular = classifier.lexicon.irregular
    checked = 0
    for sentence in sentences[:400]:
        tokens = tokenize(sentence, irregular=irregular)
        for window in _windows(sentence, classifier):
            found = slice_tokens(tokens, sentence, window)
            assert found == tuple(tokenize(window, irregular=irregular)), window
            checked += 1
        # a stretch cut inside a word is no window: it is tokenized as it is
        if len(sentence) > 12 and sentence[5].isalpha() and sentence[4].isalpha():
            assert slice_tokens(tokens, sentence, sentence[5:12]) is None
    assert checked > 1000


def test_window_analysis_equals_a_fresh_one(classifier: EventClassifier, sentences: list[str]) -> None:
    for sentence in sentences[:150]:
        clear_memos()
        classifier.classify(sentence)  # the sentence the windows are taken from
        windows = _windows(sentence, classifier)
        sliced = [classifier._analyse(window) for window in windows]
        sliced_probs = [classifier.probabilities(window) for window in windows]
        for window, analysis, probs in zip(windows, sliced, sliced_probs, strict=True):
            clear_memos()
            classifier._parent = _Parent("")  # nothing to slice from
            fresh = classifier._analyse(window)
            assert analysis.tokens == fresh.tokens, window
            assert analysis.words == fresh.words and analysis.pairs == fresh.pairs, window
            assert analysis.hits == fresh.hits, window
            assert np.array_equal(analysis.ranks, fresh.ranks), window
            assert probs == classifier.probabilities(window), window


def test_fresh_hits_are_the_remembered_ones(classifier: EventClassifier, sentences: list[str]) -> None:
    lexicon = classifier.lexicon
    for sentence in sentences[:300] + [s.title() for s in sentences[:100]]:
        tokens = tokenize(sentence, irregular=lexicon.irregular)
        assert list(lexicon.find_hits(tokens)) == lexicon.type_hits(tokens), sentence
        for hit in lexicon.find_hits(tokens):
            detect_status(tokens, hit.first, rules=classifier.status_rules)  # a status for every trigger


def test_no_figure_without_digit_or_number_word(sentences: list[str]) -> None:
    assert any(not may_state_figures(sentence) for sentence in sentences)
    for sentence in sentences:
        if not may_state_figures(sentence):
            assert find_quantities(sentence) == {}, sentence
    assert may_state_figures("Shelling killed four soldiers.")
    assert may_state_figures("Kyiv asked for €50bn in aid.")
    assert not may_state_figures("The ministers met in Brussels and agreed on new sanctions.")
