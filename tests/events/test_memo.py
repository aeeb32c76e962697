"""The coder's per-sentence memos: remembered answers equal fresh ones, callers cannot spoil them, memory is bounded.

Runs over the sentences of the bundled example corpus (no parser needed).
"""

from __future__ import annotations

import pytest

from sitrep.eval.examples import load_examples
from sitrep.events.classify import EventClassifier, load_classifier
from sitrep.events.features import featurize
from sitrep.events.memo import Memo, clear_memos
from sitrep.events.quantities import find_quantities
from sitrep.events.sentences import split_sentences
from sitrep.events.status import FLAGS, detect_status, load_status_rules
from sitrep.events.text import tokenize


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Distinct sentences of the English example articles, and their first halves (the coder's windows)."""
    out: list[str] = []
    for key, article in load_examples().items():
        if key.endswith(".html") and "elbufer" in key:
            continue  # the German article
        out += [article.text[s.start : s.end] for s in split_sentences(article.text)]
    out = list(dict.fromkeys(out))
    return out + [s[: len(s) // 2] for s in out]


def test_memo_is_bounded_and_cleared() -> None:
    memo: Memo[str, int] = Memo(size=2)
    assert memo.put("a", 1) == 1 and memo.get("a") == 1
    memo.put("b", 2)
    memo.put("c", 3)  # full: emptied first
    assert dict(memo) == {"c": 3}
    clear_memos()
    assert len(memo) == 0


def test_tokens_are_fresh_lists_equal_to_a_cold_tokenization(sentences: list[str]) -> None:
    irregular = load_classifier().lexicon.irregular
    warm = [tokenize(s, irregular=irregular) for s in sentences[:200]]
    warm[0].clear()  # a caller spoiling its own list spoils nobody else's
    clear_memos()
    cold = [tokenize(s, irregular=irregular) for s in sentences[:200]]
    assert cold[1:] == warm[1:] and cold[0] and cold[0] == tokenize(sentences[0], irregular=irregular)
    # another mapping of irregular forms is another memo entry
    assert [t.stem for t in tokenize("They went.", irregular={"went": "go"})] == ["they", "go"]
    assert [t.stem for t in tokenize("They went.")] == ["they", "went"]


def test_classifier_answers_equal_a_fresh_classifiers(sentences: list[str]) -> None:
    clf = load_classifier()
    fresh = EventClassifier.load()  # its own memos, all empty
    for sentence in sentences[::7]:
        assert clf.classify(sentence) == fresh.classify(sentence)
        assert clf.classify(sentence, future_rule=False) == fresh.classify(sentence, future_rule=False)
        probs = clf.probabilities(sentence)
        assert probs == fresh.probabilities(sentence)
        probs.clear()  # the caller's copy
        assert clf.probabilities(sentence)


def test_status_flags_are_near_or_anywhere(sentences: list[str]) -> None:
    """``flag`` is ``near`` or ``anywhere``, as featurize uses them."""
    rules = load_status_rules()
    clf = load_classifier()
    checked = 0
    for sentence in sentences[:300]:
        tokens = tokenize(sentence, irregular=clf.lexicon.irregular)
        words = [t.lower for t in tokens]
        for hit in featurize(tokens, lexicon=clf.lexicon, status_rules=rules)[1]:
            for flag in FLAGS:
                near, anywhere = rules.near(flag, words, hit.first), rules.anywhere(flag, words)
                assert rules.flag(flag, words, hit.first) == (near or anywhere)
            checked += 1
    assert checked > 100
    status = detect_status(tokenize("Russia will not withdraw its troops."), 3)
    assert status.negated and status.future


def test_quantities_are_fresh_dicts() -> None:
    text = "Congress approved $61bn in aid after shelling killed four soldiers."
    first = find_quantities(text)
    assert first == {"money": {"amount": 61000000000, "currency": "USD"}, "killed": 4}
    first["money"]["amount"] = 0
    assert find_quantities(text)["money"]["amount"] == 61000000000
