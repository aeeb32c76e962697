"""Session 12's reading speed-ups find exactly what the scans they replace found (no timings here).

* :mod:`sitrep.nlp.entities_scan`: the knowledge-base name patterns as a trie (shared prefixes factored
  out) match the same spans as the longest-first alternation of every name, on the example articles and
  on every name of the base in awkward contexts (upper/lower case, double spaces, curly apostrophes,
  possessives, cut-off names);
* :mod:`sitrep.nlp.entities`: the capitalised-word index and the substring search for a name's other
  occurrences give what ``_WORD.finditer`` and ``re.finditer`` gave;
* :class:`sitrep.nlp.read.Reader` gives each parse its text (:func:`sitrep.nlp.memo.remember_text`).
"""

from __future__ import annotations

import random
import re

import pytest

from sitrep.eval.examples import load_examples
from sitrep.kb import KnowledgeBase
from sitrep.nlp import entities, entities_scan
from sitrep.nlp.memo import doc_text
from sitrep.nlp.read import Reader

_CONTEXTS = ("", " ", "  ", "'s", "’s", "s", ".", ",", " and ", "-", "x", "\n", "The ", "the ", "in ", "U.", "A")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The English example articles' texts, once each."""
    unique = {a.id: a for a in load_examples().values() if Reader.skip_reason(a) is None}
    return [a.text for a in unique.values()]


def _plain_patterns(kb: KnowledgeBase) -> tuple[dict[str, re.Pattern[str]], list[str]]:
    """The name patterns as they were built before the trie: one alternation, longest name first."""
    alt, first = entities_scan._alternation, entities_scan._first_chars
    persons = [name for name, _ in kb.person_names()]
    orgs = [n[4:] if n.lower().startswith("the ") else n for n, _ in kb.organisation_names()]
    countries = [term for term, _, _ in kb.country_terms()]
    bodies = list(kb.generic_bodies)
    patterns = {
        "persons": re.compile(rf"(?<![\w]){first(persons)}(?:{alt(persons)})(?![\w])"),
        "organisations": re.compile(rf"(?<![\w]){first(orgs)}(?:{alt(orgs)})(?![\w])"),
        "countries": re.compile(rf"(?<![\w.]){first(countries)}(?:{alt(countries)})(?:['’]s)?(?![\w])"),
        "bodies": re.compile(rf"{first(bodies)}(?<![\w])(?P<b>{alt(bodies)})(?![\w])", re.IGNORECASE),
    }
    return patterns, [n for n in (*persons, *orgs, *countries, *bodies) if n]


def _awkward_texts(names: list[str], n: int) -> list[str]:
    rng = random.Random(12)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(8):
            name = rng.choice(names)
            pick = rng.random()
            if pick < 0.2:
                name = name.upper()
            elif pick < 0.35:
                name = name.lower()
            elif pick < 0.45:
                name = name.replace(" ", "  ")
            elif pick < 0.55:
                name = name.replace("'", "’")
            elif pick < 0.65:
                name = name[: rng.randint(1, len(name))]
            parts.append(rng.choice(_CONTEXTS) + name + rng.choice(_CONTEXTS))
        out.append("".join(parts))
    return out


def test_trie_name_patterns_match_what_the_plain_alternation_matched(kb: KnowledgeBase, texts: list[str]) -> None:
    plain, names = _plain_patterns(kb)
    trie = entities_scan.kb_patterns(kb)
    for text in [*texts, *_awkward_texts(names, 1500)]:
        for name, pattern in plain.items():
            fast = getattr(trie, name)
            assert fast.pattern != pattern.pattern
            want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == want, (name, text[:200])


def test_trie_keeps_the_plain_alternation_where_it_cannot_be_sure() -> None:
    assert entities_scan._trie(["a\tb", "ab"]) == entities_scan._alternation(["a\tb", "ab"])
    assert entities_scan._trie(["Zürich"], ignorecase=True) == entities_scan._alternation(["Zürich"])
    assert re.fullmatch(entities_scan._trie(["O'Neil", "O’Brien"]), "O’Neil")


def test_capitalised_words_are_the_capitalised_words_of_the_full_scan(texts: list[str]) -> None:
    rng = random.Random(3)
    alphabet = "aAbZz09_'’-. \n,²½Éé ßİıſKΣσЖж中–—"
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for text in [*texts, *noise]:
        every = entities._words(text)
        want = [(word, starts) for word, starts in every.items() if word[:1].isupper()]
        assert list(entities._capitalised_words(text).items()) == want, text


def test_occurrences_are_those_of_the_word_bounded_pattern(texts: list[str]) -> None:
    rng = random.Random(4)
    alphabet = "ab A_1²é.- 'ß中\n"
    cases = [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))),
              "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))) for _ in range(20000)]
    cases += [(text, surface) for text in texts[:10] for surface in ("Russia", "the alliance", "U.S.", "Kyiv", "a")]
    for text, surface in cases:
        want = [m.span() for m in re.finditer(rf"(?<![\w]){re.escape(surface)}(?![\w])", text)]
        assert entities._occurrences(text, surface) == want, (text, surface)


def test_the_reader_gives_each_parse_its_text(reader: Reader) -> None:
    articles = [a for a in load_examples().values() if Reader.skip_reason(a) is None][:3]
    for article, doc in reader.parse_many(articles):
        assert doc is not None
        assert doc_text(doc) == doc.text == article.text
