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

A sentence often says several things; :class:`Local` is the context of one
value (a count, a date) instead: the content words of ``LOCAL_MIN_LETTERS``
letters or more (cut to ``LOCAL_STEM`` letters), names and countries within
``LOCAL_WINDOW`` words of it in its sentence. Two values are about the same
thing (:func:`same_local`) when their contexts share ``LOCAL_SHARED`` terms
besides the counted thing and the names and countries of the context naming
fewer are all in the other ("expelled 10 Russian diplomats" in a long sentence
about a phone call and a summit is the same fact as "The United States expelled
10 Russian diplomats").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sitrep.nlp.layers import Reading
from sitrep.verify.lexicon import Lexicon, load_flag_words
from sitrep.verify.tags import Tagged

__all__ = [
    "LOCAL_MIN_LETTERS",
    "LOCAL_SHARED",
    "LOCAL_STEM",
    "LOCAL_WINDOW",
    "MIN_SHARE",
    "MIN_SHARED",
    "RECAP_DAYS",
    "DayIndex",
    "Local",
    "Statement",
    "content_words",
    "local_context",
    "matches",
    "names_in",
    "same_lead",
    "same_local",
    "same_statement",
    "sentence_days",
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


LOCAL_WINDOW = 8
LOCAL_SHARED = 2
#: Shorter words ("has", "near", "than", "were") say nothing about what a value is about.
LOCAL_MIN_LETTERS = 5
#: Words are compared on their first letters only ("estimated"/"estimate", "borders"/"border").
LOCAL_STEM = 6


@dataclass(slots=True, frozen=True)
class Local:
    """The context of one value: content words and names (folded) and country codes near it."""

    words: frozenset[str]
    names: frozenset[str]
    lead: str | None = None  # the first country named in its clause (often who acts: :func:`same_lead`)


def local_context(
    tagged: Tagged,
    lo: int,
    hi: int,
    *,
    sentence: tuple[int, int],
    lexicon: Lexicon,
    window: int = LOCAL_WINDOW,
    short: frozenset[str] = frozenset(),
    synonyms: Mapping[str, str] | None = None,
    resolved: Mapping[int, frozenset[str]] | None = None,
) -> Local:
    """The :class:`Local` context of tokens ``lo:hi`` (the value) within the token range ``sentence``.

    ``short``: words under ``LOCAL_MIN_LETTERS`` letters that count all the same ("call", "talks");
    ``synonyms``: folded word -> the word its synonyms are counted as ("telephone" -> "phone");
    ``resolved``: start offset of a pronoun -> the name words of the person it stands for
    (:func:`sitrep.verify.pronouns.resolve_pronouns`), names of the context where the pronoun is in it."""
    skip = lexicon.function_words | lexicon.weekdays | lexicon.months
    before = _words_from(tagged, range(lo - 1, sentence[0] - 1, -1), window)
    after = _words_from(tagged, range(hi, sentence[1]), window)
    words: set[str] = set()
    names: set[str] = set()
    lead = _lead(tagged, lo, hi, sentence)
    for k in (*before, *after):
        token, tag = tagged.tokens[k], tagged.tags[k]
        if resolved and token.start in resolved:
            names.update(resolved[token.start])
        elif tag == "country" and tagged.codes[k]:
            names.add(str(tagged.codes[k]))
        elif tag == "name":
            names.add(token.norm)
        elif token.kind == "word" and tag == "word" and token.norm not in skip and (
            len(token.norm) >= LOCAL_MIN_LETTERS or token.norm in short
        ):
            word = synonyms.get(token.norm, token.norm) if synonyms else token.norm
            words.add(word[:LOCAL_STEM])
    return Local(frozenset(words), frozenset(names), lead)


_CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "(", ")"})


def _lead(tagged: Tagged, lo: int, hi: int, sentence: tuple[int, int]) -> str | None:
    """The first country named in the clause of tokens ``lo:hi`` (between punctuation marks), or else in the
    clause after it."""
    first = lo
    while first > sentence[0] and tagged.tokens[first - 1].text not in _CLAUSE_MARKS:
        first -= 1
    last = hi
    while last < sentence[1] and tagged.tokens[last].text not in _CLAUSE_MARKS:
        last += 1
    later = last + 1  # a fronted date ("On April 16, Russia retaliated"): the clause it introduces
    while later < sentence[1] and tagged.tokens[later].text not in _CLAUSE_MARKS:
        later += 1
    for k in (*range(first, lo), *range(hi, min(later, sentence[1]))):
        if tagged.tags[k] == "country" and tagged.codes[k]:
            return str(tagged.codes[k])
    return None


def _words_from(tagged: Tagged, indices: range, count: int) -> list[int]:
    out: list[int] = []
    for k in indices:
        if len(out) == count:
            break
        if tagged.tokens[k].kind != "punct":
            out.append(k)
    return out


def same_lead(a: Local, b: Local) -> bool:
    """Whether two contexts' clauses name the same country first, or one none ("The United States expelled 10
    Russian diplomats" is not "Russia retaliated by expelling 10 U.S. diplomats")."""
    return a.lead is None or b.lead is None or a.lead == b.lead


def same_local(a: Local, b: Local, *, ignore: frozenset[str] = frozenset()) -> bool:
    """Whether two values' contexts make them the same fact (see the module docstring)."""
    fewer, more = sorted((a.names, b.names), key=len)
    if not fewer <= more:
        return False
    shared = ((a.words & b.words) | (a.names & b.names)) - ignore
    return len(shared) >= LOCAL_SHARED


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


#: A sentence's own dates up to this many days before its article's publication (and up to the day after it)
#: place it in time too (a recap: "On April 13 ... two days later Washington expelled 10 diplomats", published
#: a week later; a timeline, published five weeks later): independent sentences near those days are read as
#: well as those published near the article.
RECAP_DAYS = 40


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def sentence_days(reading: Reading, start: int, end: int, published: str | None) -> frozenset[dt.date]:
    """When a sentence of an article published on ``published`` is about: that day, and the days its
    dates name from ``RECAP_DAYS`` before it to the day after (nothing when undated): a day, the days of a
    week ("last week"), the days of a part of a month ("since late March": :func:`_timex_days`)."""
    day = _day(published)
    if day is None:
        return frozenset()
    days = {day}
    for timex in reading.timexes:
        if start <= timex.start < end:
            days.update(named for named in _timex_days(timex.text, timex.value, timex.precision)
                        if -RECAP_DAYS <= (named - day).days <= 1)
    return frozenset(days)


def _timex_days(text: str, value: str | None, precision: str) -> list[dt.date]:
    """The days a date expression names: its day, the seven days of its week, or the days of the part of
    its month that its words name (``month_parts`` of ``data/verify_flags.json``: "late March"); a whole
    month or year names no days (too wide to place a sentence)."""
    if value is None:
        return []
    if precision == "day":
        named = _day(value)
        return [named] if named is not None else []
    if precision == "week":
        try:
            monday = dt.date.fromisoformat(f"{value}-1")
        except ValueError:
            return []
        return [monday + dt.timedelta(days=k) for k in range(7)]
    if precision == "month":
        words = {w.casefold() for w in _WORD.findall(text)}
        part = next((span for word, span in _month_parts().items() if word in words), None)
        try:
            first = dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            return []
        if part is None:
            return []
        return [d for k in range(part[0], part[1] + 1)
                if (d := first + dt.timedelta(days=k - 1)).month == first.month]
    return []


@cache
def _month_parts() -> dict[str, tuple[int, int]]:
    raw = load_flag_words()
    return {str(word).casefold(): (int(span[0]), int(span[1])) for word, span in raw["month_parts"].items()}


class DayIndex:
    """Items (sentences) by the days they are about, to find those about days near given ones."""

    def __init__(self, days_of: Sequence[frozenset[dt.date]]) -> None:
        pairs = sorted((d, i) for i, days in enumerate(days_of) for d in days)
        self._days = [d for d, _ in pairs]
        self._items = [i for _, i in pairs]

    def near(self, days: frozenset[dt.date], *, window_days: int) -> set[int]:
        """The items about a day within ``window_days`` of one of ``days``."""
        gap = dt.timedelta(days=window_days)
        out: set[int] = set()
        for day in days:
            lo = bisect.bisect_left(self._days, day - gap)
            hi = bisect.bisect_right(self._days, day + gap)
            out.update(self._items[lo:hi])
        return out
