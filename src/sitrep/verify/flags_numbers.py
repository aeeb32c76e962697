"""Text ``number`` flags: a count that independent sources give otherwise in a sentence saying the same thing.

The event-based number flags (:mod:`sitrep.verify.flags_events`) see only the
quantities the event coder attached to an event. This check reads the numbers
of every sentence (digits, number words, "two dozen", "1.5 million"; not dates,
years or ordinals) with the thing they count (the next word, skipping
demonyms, country names and ``unit_skip`` words of ``data/verify_flags.json``),
and compares them with the sentences of other independent articles that say
the same thing (:func:`sitrep.verify.flags_match.matches`, same story or dates
within a week: the publication's, or the days a sentence names up to
``RECAP_DAYS`` before it, :func:`sitrep.verify.flags_match.sentence_days`), and
with every sentence of those articles that counts the same thing (of the same
country where both say whose: "10 Russian diplomats" is not "10 U.S.
diplomats") in the same local context (:func:`sitrep.verify.flags_match.same_local`:
a long sentence often says several things). Such a sentence *agrees* when it
gives the same count of the same thing (a synonym counts: troops/soldiers), or a close one (within
``APPROX_RATIO``) when either is approximate ("about", "more than"); it
*differs* when its one count of that thing is another value that the claim's
sentence does not give itself ("two dozen soldiers killed this year, including
four near Shumy" is not a count of four), other than as a count both sentences
give ("in the last three weeks Russia moved eight airborne formations" still
differs from "three airborne formations moved over three weeks"). The claim is the number's words;
severity as for the other cross-source kinds.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sitrep.nlp.layers import Reading
from sitrep.verify.consensus import dates_compatible
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_match import (
    LOCAL_STEM,
    DayIndex,
    Local,
    Statement,
    content_words,
    local_context,
    matches,
    names_in,
    same_local,
    sentence_days,
    sentence_spans,
    token_range,
)
from sitrep.verify.lexicon import Lexicon, load_flag_words
from sitrep.verify.tags import Tagged, tag_article

__all__ = [
    "APPROX_RATIO",
    "NUMBER_WINDOW_DAYS",
    "Count",
    "counted_sentences",
    "counts_agree",
    "counts_in",
    "number_text_flags",
    "same_unit",
]

APPROX_RATIO = 1.5
#: Articles of other stories published this close are read for the same count.
NUMBER_WINDOW_DAYS = 7


@dataclass(slots=True, frozen=True)
class Count:
    """A number in an article's text (``start``/``end``: its words), the thing it counts, and whether it is hedged."""

    start: int
    end: int
    value: float
    unit: str
    approximate: bool
    local: Local | None = None  # the words around it in its sentence
    country: str | None = None  # whose things it counts ("10 Russian diplomats": RUS)


@dataclass(slots=True, frozen=True)
class _Words:
    version: str
    approximators: tuple[tuple[str, ...], ...]
    unit_skip: frozenset[str]
    ordinal_suffixes: frozenset[str]


@cache
def _words() -> _Words:
    raw = load_flag_words()
    return _Words(
        str(raw["version"]),
        tuple(sorted((tuple(p.casefold().split()) for p in raw["approximators"]), key=len, reverse=True)),
        frozenset(w.casefold() for w in raw["unit_skip"]),
        frozenset(w.casefold() for w in raw["ordinal_suffixes"]),
    )


def _run_value(values: Sequence[float]) -> float:
    """The value of consecutive number tokens: "1.5 million" is already scaled, "two dozen" multiplies."""
    value = values[0]
    for later in values[1:]:
        if later > value:
            value *= later
    return value


def counts_in(tagged: Tagged, lo: int, hi: int) -> list[Count]:
    """The counts among tokens ``lo:hi`` of a tagged text."""
    words = _words()
    out: list[Count] = []
    k = lo
    while k < hi:
        if tagged.tags[k] != "num" or tagged.values[k] is None:
            k += 1
            continue
        j = k
        while j + 1 < hi and tagged.tags[j + 1] == "num" and tagged.values[j + 1] is not None:
            j += 1
        run = [float(v) for v in tagged.values[k:j + 1] if v is not None]
        unit, country = _unit(tagged, j + 1, hi, words)
        if unit is not None:
            before = tuple(t.norm for t in tagged.tokens[max(lo, k - 3):k])
            approximate = any(before[-len(p):] == p for p in words.approximators if len(p) <= len(before))
            start, end = tagged.tokens[k].start, tagged.tokens[j].end
            out.append(Count(start, end, _run_value(run), unit, approximate, country=country))
        k = j + 1
    return out


def _unit(tagged: Tagged, k: int, hi: int, words: _Words) -> tuple[str | None, str | None]:
    """The counted word after token ``k`` and the country of a demonym before it ("Russian diplomats")."""
    if k < hi and tagged.tokens[k].norm in words.ordinal_suffixes:
        return None, None
    country: str | None = None
    for j in range(k, min(k + 4, hi)):
        token = tagged.tokens[j]
        if tagged.tags[j] == "country":
            country = country or (str(tagged.codes[j]) if tagged.codes[j] else None)
            continue
        if token.norm in words.unit_skip:
            continue
        return (token.norm, country) if token.kind == "word" and tagged.tags[j] == "word" else (None, None)
    return None, None


@dataclass(slots=True, frozen=True)
class _Counted:
    article_id: str
    story: str | None
    statement: Statement
    counts: tuple[Count, ...]
    days: frozenset[dt.date] = frozenset()  # when it is about (:func:`sitrep.verify.flags_match.sentence_days`)
    values: frozenset[float] = frozenset()  # every number of the sentence, counting something or not


def counted_sentences(
    text: str, reading: Reading, article_id: str, *, lexicon: Lexicon, tagged: Tagged | None = None
) -> list[tuple[Statement, tuple[Count, ...]]]:
    """Each sentence of an article that counts something, with its counts (``tagged``: the text, already tagged)."""
    if not reading.sentences:
        return []
    tagged = tagged or tag_article(text, lexicon=lexicon)
    starts = [t.start for t in tagged.tokens]
    out: list[tuple[Statement, tuple[Count, ...]]] = []
    for start, end in sentence_spans(text, reading):
        lo, hi = token_range(tagged, start, end)
        found = [
            replace(c, local=local_context(tagged, bisect.bisect_left(starts, c.start, lo, hi),
                                           bisect.bisect_left(starts, c.end, lo, hi), sentence=(lo, hi),
                                           lexicon=lexicon))
            for c in counts_in(tagged, lo, hi)
        ]
        if found:
            words = content_words(text[start:end], lexicon)
            out.append((Statement(article_id, start, end, words, *names_in(tagged, lo, hi)), tuple(found)))
    return out


def same_unit(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether two counted things are the same (the same word or synonyms: troops/soldiers)."""
    return a == b or lexicon.synonyms(a, b)


def _same_thing(a: Count, b: Count, lexicon: Lexicon) -> bool:
    """The same counted word (or a synonym) of the same country where both say whose ("10 Russian diplomats"
    is not "10 U.S. diplomats")."""
    return same_unit(a.unit, b.unit, lexicon) and (a.country is None or b.country is None or a.country == b.country)


def counts_agree(a: Count, b: Count) -> bool:
    """The same value, or close values (within ``APPROX_RATIO``) when either is approximate."""
    if a.value == b.value:
        return True
    low, high = sorted((abs(a.value), abs(b.value)))
    return (a.approximate or b.approximate) and low > 0 and high / low < APPROX_RATIO


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def number_text_flags(corpus: Corpus, *, window_days: int = NUMBER_WINDOW_DAYS) -> list[Flag]:
    """Counts that independent sources give as another value in a sentence saying the same thing."""
    lex, published = corpus.lexicon, corpus.published
    counted: list[_Counted] = []
    for article_id, text in corpus.texts.items():
        reading = corpus.readings.get(article_id)
        if reading is not None:
            story = corpus.story(article_id)
            tagged = corpus.tags(article_id)
            counted.extend(_Counted(article_id, story, st, found,
                                    sentence_days(reading, st.start, st.end, published.get(article_id)),
                                    _numbers(tagged, *token_range(tagged, st.start, st.end)))
                           for st, found in counted_sentences(text, reading, article_id, lexicon=lex,
                                                              tagged=tagged))
    statements = [c.statement for c in counted]
    by_article: dict[str, list[int]] = {}
    for i, item in enumerate(counted):
        by_article.setdefault(item.article_id, []).append(i)
    nearby = corpus.related_articles(by_article, window_days=window_days)
    sentence_level = matches(statements, groups=corpus.groups)
    by_day = DayIndex([c.days for c in counted])
    flags: list[Flag] = []
    for i, item in enumerate(counted):
        group = corpus.group(item.article_id)
        same_time = by_day.near(item.days, window_days=window_days)
        others = [
            counted[j] for j in sentence_level.get(i, [])
            if (item.story is not None and counted[j].story == item.story)
            or _near(published.get(item.article_id), published.get(counted[j].article_id), window_days)
            or j in same_time
        ]
        taken = {id(o) for o in others}
        related = {j for other_id in nearby.get(item.article_id, ()) for j in by_article[other_id]}
        near = [counted[j] for j in sorted(related | same_time)
                if corpus.group(counted[j].article_id) != group and id(counted[j]) not in taken]
        if others or near:
            flags.extend(_judge(item, others, near, corpus=corpus))
    return flags


def _numbers(tagged: Tagged, lo: int, hi: int) -> frozenset[float]:
    return frozenset(float(v) for k in range(lo, hi) if tagged.tags[k] == "num" and (v := tagged.values[k]) is not None)


def _near(a: str | None, b: str | None, window_days: int) -> bool:
    return a is not None and b is not None and dates_compatible(a, b, window_days=window_days)


def _locally_same(a: Count, b: Count) -> bool:
    return a.local is not None and b.local is not None and same_local(
        a.local, b.local, ignore=frozenset({a.unit[:LOCAL_STEM], b.unit[:LOCAL_STEM]}))


def _judge(item: _Counted, others: Sequence[_Counted], story: Sequence[_Counted], *, corpus: Corpus) -> list[Flag]:
    """Each count of ``item`` against the sentences saying the same thing (``others``) and the counts in the
    same local context among the other sentences of its story (``story``)."""
    texts, lexicon = corpus.texts, corpus.lexicon
    text = texts[item.article_id]
    flags: list[Flag] = []
    for count in item.counts:
        agree: set[str] = set()
        differ: dict[float, dict[str, tuple[_Counted, Count]]] = {}
        pairs = [(o, [c for c in o.counts if _same_thing(c, count, lexicon)]) for o in others]
        pairs += [(o, [c for c in o.counts if _same_thing(c, count, lexicon) and _locally_same(count, c)])
                  for o in story]
        for other, same in pairs:
            if not same:
                continue
            group = corpus.group(other.article_id)
            if any(counts_agree(count, c) for c in same):
                agree.add(group)
                continue
            if len({c.value for c in same}) != 1:
                continue
            theirs = same[0]
            # the other value is given elsewhere in this sentence: the two sentences pair other counts
            # ("two dozen soldiers killed this year, including four who died near Shumy" is not "four soldiers")
            if _given_elsewhere(theirs.value, item, other, lexicon) or any(
                counts_agree(mine, theirs) for mine in item.counts if same_unit(mine.unit, theirs.unit, lexicon)
            ):
                continue
            differ.setdefault(theirs.value, {}).setdefault(group, (other, theirs))
        flag = _flag(item, count, agree, differ, text=text, texts=texts)
        if flag is not None:
            flags.append(flag)
    return flags


def _given_elsewhere(value: float, item: _Counted, other: _Counted, lexicon: Lexicon) -> bool:
    """Whether ``item``'s sentence gives ``value`` itself, other than as a count that ``other``'s sentence
    gives too ("in the last three weeks Russia deployed eight airborne formations" does not give the "three
    airborne formations" of "three airborne formations moved over three weeks": its three counts weeks, as
    theirs does)."""
    if value not in item.values:
        return False
    mine = [c for c in item.counts if c.value == value]
    return not mine or any(
        not any(c.value == value and same_unit(c.unit, m.unit, lexicon) for c in other.counts) for m in mine
    )


def _flag(
    item: _Counted,
    count: Count,
    agree: set[str],
    differ: dict[float, dict[str, tuple[_Counted, Count]]],
    *,
    text: str,
    texts: Mapping[str, str],
) -> Flag | None:
    if not differ:
        return None
    expected = min(differ, key=lambda v: (-len(differ[v]), v))
    backing = {g: v for g, v in differ[expected].items() if g not in agree}
    n_exp = len(backing)
    if n_exp <= len(agree):
        return None
    severity = judge_severity(backing=n_exp, against=len(agree))
    evidence: list[dict[str, Any]] = []
    for other, _ in backing.values():
        start, end = other.statement.start, other.statement.end
        evidence.append({"article_id": other.article_id, "span": texts[other.article_id][start:end], "start": start,
                         "end": end, "source": "independent"})
    words = text[count.start:count.end]
    sources = f"{n_exp} independent source{'s' if n_exp != 1 else ''}"
    message = (
        f'this article counts {words} {count.unit}; {sources} saying the same thing give{"s" if n_exp == 1 else ""} '
        f"{_fmt(expected)}" + (f" ({len(agree)} agree with this article)" if agree else "")
    )
    return Flag(item.article_id, "number", severity, words, count.start, count.end, _fmt(expected), evidence,
                message, item.story)
