"""Sentences of independent articles that say the same thing, found through an index of their words.

The cross-source ``date`` and text ``number`` flags compare a sentence with
the sentences of other independent articles that state the same thing: at
least ``MIN_SHARED`` content words in common (date words and numbers left out)
and at least ``MIN_SHARE`` of the smaller sentence's content words, the same
countries (one more is allowed unless it is the first the sentence names: who
acts), and the names of the sentence naming fewer all named in the other
("Warsaw expelled three Russian diplomats" is not "The United States expelled
10 Russian diplomats", however many words they share). An
inverted index of content words keeps this linear in practice: only sentences
sharing a word that is not too common are compared.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitrep.nlp.layers import Reading
from sitrep.verify.lexicon import Lexicon
from sitrep.verify.tags import Tagged

__all__ = [
    "MIN_SHARE",
    "MIN_SHARED",
    "Statement",
    "content_words",
    "matches",
    "names_in",
    "same_statement",
    "sentence_spans",
    "token_range",
]

MIN_SHARED = 5
MIN_SHARE = 0.5
#: Words in more sentences than this are not used to find candidates (they are still counted).
MAX_POSTINGS = 500
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_LEADING = re.compile(r"(?:\s|[,;:]\s|[\"”’)]\s)+")


@dataclass(slots=True, frozen=True)
class Statement:
    """One sentence of one article (``start``/``end`` offsets), its content words and what it names."""

    article_id: str
    start: int
    end: int
    words: frozenset[str]
    names: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    lead: str | None = None  # the first country the sentence names (often who acts)


def sentence_spans(text: str, reading: Reading) -> list[tuple[int, int]]:
    """The reading's sentences that hold a word, without surrounding blanks or a stray leading mark."""
    out: list[tuple[int, int]] = []
    for s in reading.sentences:
        start, end = s.start, s.end
        lead = _LEADING.match(text, start, end)
        if lead:
            start = lead.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if _WORD.search(text, start, end):
            out.append((start, end))
    return out


def content_words(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Folded words of three letters or more, without function words, weekdays, months and numbers."""
    skip = lexicon.function_words | lexicon.weekdays | lexicon.months
    words = (w.casefold() for w in _WORD.findall(text))
    return frozenset(
        w for w in words if len(w) > 2 and w not in skip and not w.isdigit() and w not in lexicon.number_words
    )


def names_in(tagged: Tagged, lo: int, hi: int) -> tuple[frozenset[str], frozenset[str], str | None]:
    """The folded proper names, the country codes and the first country code among tokens ``lo:hi``."""
    names = frozenset(tagged.tokens[k].norm for k in range(lo, hi) if tagged.tags[k] == "name")
    codes = [str(tagged.codes[k]) for k in range(lo, hi) if tagged.tags[k] == "country" and tagged.codes[k]]
    return names, frozenset(codes), codes[0] if codes else None


def _countries_match(a: Statement, b: Statement) -> bool:
    """The same countries, or one more in one sentence that is not the first it names."""
    if a.countries == b.countries:
        return True
    fewer, more = sorted((a, b), key=lambda s: len(s.countries))
    extra = more.countries - fewer.countries
    return fewer.countries <= more.countries and len(extra) == 1 and more.lead not in extra


def token_range(tagged: Tagged, start: int, end: int) -> tuple[int, int]:
    """The token indices of a tagged text that lie in characters ``start:end``."""
    starts = [t.start for t in tagged.tokens]
    return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)


def same_statement(a: Statement, b: Statement) -> bool:
    shared = len(a.words & b.words)
    if shared < MIN_SHARED or shared < MIN_SHARE * min(len(a.words), len(b.words)):
        return False
    fewer, more = sorted((a.names, b.names), key=len)
    return _countries_match(a, b) and fewer <= more


def matches(statements: Sequence[Statement], *, groups: Mapping[str, str]) -> dict[int, list[int]]:
    """Index -> indices of the statements of *other* independence clusters that say the same thing."""
    postings: dict[str, list[int]] = {}
    for i, statement in enumerate(statements):
        for word in statement.words:
            postings.setdefault(word, []).append(i)
    out: dict[int, list[int]] = {}
    for i, statement in enumerate(statements):
        group = groups.get(statement.article_id, statement.article_id)
        counts: Counter[int] = Counter()
        for word in statement.words:
            hits = postings[word]
            if len(hits) <= MAX_POSTINGS:
                counts.update(hits)
        found = [
            j for j in counts
            if j != i
            and groups.get(statements[j].article_id, statements[j].article_id) != group
            and same_statement(statement, statements[j])
        ]
        if found:
            out[i] = sorted(found)
    return out
