"""``date`` flags: a statement dated differently from how independent sources date the same statement.

A claim is an explicit date expression of the reading layer (a weekday, a day
of a month, a full date, also as a limit: "by May 3", "since April 1"; not
"now" or "today") resolved to a day, or an interval the reading layer resolved
to a day ("four days earlier", "two days after":
:func:`~sitrep.verify.date_facets.interval_date`, whose
words are in ``data/verify_flags.json``; a claim only, never evidence). It is
compared with the explicit dates independent articles give the same thing,
found two ways:

* sentences of other independent articles that say the same thing
  (:func:`sitrep.verify.flags_match.matches`), of the same story or of another
  whose dates lie within ``WINDOW_DAYS`` (story clusters split one week's news
  finely): such a sentence *agrees* when it gives the same day (or the same
  date words), and *differs* when its one explicit date is another day and
  none of the claim sentence's dates matches it;
* the date's own context, as for counts (a long sentence often says several
  things): every explicit date of another independent article of the same
  story, published within ``WINDOW_DAYS``, or whose sentence names a day within
  ``WINDOW_DAYS`` of one this sentence names (up to ``RECAP_DAYS`` before the
  publication: a timeline, a recap), whose surrounding words
  (:func:`sitrep.verify.flags_match.local_context`) make it the same fact
  (:func:`~sitrep.verify.date_verdicts.same_date_fact`: the same people and countries, the same country
  first in its clause, and ``date_verdicts.DATE_LOCAL_SHARED`` shared terms besides them;
  a subject pronoun counts as the person it stands for,
  :func:`sitrep.verify.pronouns.resolve_pronouns`: "he had warned Putin
  during their call on Tuesday") agrees or differs the same way.

A sentence with several dates is compared through the date whose context is
closest to the claim's. An interval is ``high`` only when the date it counts
from is one an independent source gives too (the same day in the same context,
or beside ``date_verdicts.ANCHOR_NAMES`` of the same names).

Severity by :func:`sitrep.verify.flags.judge_severity`: ``high`` with two or
more independent clusters giving one other day and none agreeing, ``medium``
with one, ``low`` when some agree but more differ.

The parts: :mod:`sitrep.verify.date_facets` says what a date expression says,
:mod:`sitrep.verify.date_verdicts` compares a date with independent sentences;
this module finds the dated sentences and their candidates and judges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from sitrep.nlp.layers import Reading, Timex
from sitrep.verify.consensus import heads_only
from sitrep.verify.corpus import Corpus
from sitrep.verify.date_facets import anchor_day, date_facets, explicit_date, interval_date, stamp_end
from sitrep.verify.date_verdicts import Dated, compare_date, same_day_named
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_match import (
    RECAP_DAYS,
    DayIndex,
    Statement,
    content_words,
    local_context,
    matches,
    names_in,
    sentence_spans,
    token_range,
)
from sitrep.verify.lexicon import Lexicon, load_flag_words
from sitrep.verify.pronouns import resolve_pronouns
from sitrep.verify.tags import TagCache

__all__ = ["DATE_LOCAL_WINDOW", "WINDOW_DAYS", "date_flags", "date_support"]

#: Sentences of different stories are compared when all their dates lie this close.
WINDOW_DAYS = 7
#: Words each side of a date that make its context (a date often leads its clause: "said on Tuesday that ...").
DATE_LOCAL_WINDOW = 12


@cache
def _short_words() -> frozenset[str]:
    """Short words that still tell which fact a date is of ("call", "talks": ``date_context_short_words``)."""
    return frozenset(load_flag_words()["date_context_short_words"])


@cache
def _synonyms() -> dict[str, str]:
    """Word -> the first word of its ``date_context_synonyms`` group ("telephone" -> "phone")."""
    return {word: group[0] for group in load_flag_words()["date_context_synonyms"] for word in group}


def _dated_sentences(
    text: str, reading: Reading, article_id: str, lexicon: Lexicon, tags: TagCache, *, intervals: bool = False
) -> tuple[list[Dated], list[Dated]]:
    """The sentences with explicit dates, and (``intervals``) those with an interval date, which then count
    among their dates; one pass over the article for both lists."""
    explicit = [(t, stamp_end(text, t)) for t in reading.timexes if explicit_date(t, lexicon)]
    stamps = [end for _, end in explicit if end is not None]
    timexes = [t for t, end in explicit if end is None]
    spans = {(t.start, t.end) for t in timexes}
    relative = [t for t in reading.timexes if intervals and (t.start, t.end) not in spans and interval_date(t, lexicon)]
    if not timexes and not relative:
        return [], []
    tagged = tags(article_id)
    resolved = resolve_pronouns(text, reading)  # "he had warned Putin during their call on Tuesday": Biden
    relative_ids = {id(t) for t in relative}
    both = sorted([*timexes, *relative], key=lambda t: t.start)
    dated: list[Dated] = []
    claims: list[Dated] = []

    def item(chosen: tuple[Timex, ...], sentence: tuple[int, int], hi: int, statement: Statement) -> Dated | None:
        facets = tuple(date_facets(t, lexicon) for t in chosen)
        if not chosen or not all(facets):
            return None
        # a date's context starts after a dateline opening its sentence
        body = max([sentence[0], *(e for e in stamps if sentence[0] <= e <= chosen[0].start)])
        first = token_range(tagged, body, sentence[1])[0]
        locals_ = tuple(
            local_context(tagged, *token_range(tagged, t.start, t.end), sentence=(first, hi), lexicon=lexicon,
                          window=DATE_LOCAL_WINDOW, short=_short_words(), synonyms=_synonyms(), resolved=resolved)
            for t in chosen
        )
        return Dated(article_id, sentence, statement, chosen, facets, locals_,
                      tuple(id(t) in relative_ids for t in chosen))

    for start, end in sentence_spans(text, reading):
        inside = tuple(t for t in both if start <= t.start < end)
        if not inside:
            continue
        lo, hi = token_range(tagged, start, end)
        statement = Statement(article_id, start, end, content_words(text[start:end], lexicon),
                              *names_in(tagged, lo, hi))
        mine = item(tuple(t for t in inside if id(t) not in relative_ids), (start, end), hi, statement)
        if mine is not None:
            dated.append(mine)
        claim = item(inside, (start, end), hi, statement) if any(id(t) in relative_ids for t in inside) else None
        if claim is not None:
            claims.append(claim)
    return dated, claims


def _candidates(corpus: Corpus, *, intervals: bool = True) -> Iterator[tuple[Dated, list[Dated], list[Dated]]]:
    """Each dated sentence with the independent sentences saying the same thing and those of its story or week
    to compare its dates' contexts with (a copy left out where its cluster's original speaks). Only explicit
    dates are evidence; ``intervals``: the sentences with an interval date come as claims too."""
    published = corpus.published
    dated: list[Dated] = []
    claims: list[Dated] = []
    for article_id, text in corpus.texts.items():
        reading = corpus.readings.get(article_id)
        if reading is not None:
            mine, theirs = _dated_sentences(text, reading, article_id, corpus.lexicon, corpus.tags,
                                            intervals=intervals)
            dated.extend(mine)
            claims.extend(theirs)
    by_article: dict[str, list[int]] = {}
    for i, item in enumerate(dated):
        by_article.setdefault(item.article_id, []).append(i)
    nearby = corpus.related_articles({*by_article, *(c.article_id for c in claims)}, window_days=WINDOW_DAYS)
    everything = [*dated, *claims]
    sentence_level = matches([d.statement for d in everything], groups=corpus.groups)
    by_day = DayIndex([_days(d, published.get(d.article_id)) for d in dated])
    for i, item in enumerate(everything):
        story = corpus.story(item.article_id)
        group = corpus.group(item.article_id)
        others = [dated[j] for j in sentence_level.get(i, []) if j < len(dated)
                  and ((story is not None and corpus.story(dated[j].article_id) == story) or _near(item, dated[j]))]
        taken = {id(o) for o in others}
        # the sentences of the story or week, and those of other independent articles dated near this one
        related = {j for other_id in nearby.get(item.article_id, ()) for j in by_article.get(other_id, ())}
        related |= by_day.near(_days(item, published.get(item.article_id)), window_days=WINDOW_DAYS)
        near = [dated[j] for j in sorted(related)
                if corpus.group(dated[j].article_id) != group and id(dated[j]) not in taken]
        if not others and not near:
            continue
        # a copy never speaks for what its original says, in either list
        kept = {id(d) for d in heads_only([*others, *near], group=lambda d: corpus.group(d.article_id),
                                          article=lambda d: d.article_id)}
        others, near = [d for d in others if id(d) in kept], [d for d in near if id(d) in kept]
        yield item, others, near


def date_flags(corpus: Corpus) -> list[Flag]:
    """Dates that independent sources of the same story (or week) give as another day for the same statement
    or the same fact."""
    groups = corpus.groups
    flags: list[Flag] = []
    corroborated: dict[str, set[str]] = {}  # article -> the days of its explicit dates an independent source gives
    for item, others, near in _candidates(corpus):
        if not any(item.relative):  # the explicit sentences come first
            for k, facets in enumerate(item.facets):
                if "ymd" in facets and (compare_date(item, k, others, near, groups=groups)[0]
                                        or same_day_named(item, k, [*others, *near])):
                    corroborated.setdefault(item.article_id, set()).add(facets["ymd"])
        flags.extend(_judge(item, others, near, texts=corpus.texts, groups=groups, story=corpus.story(item.article_id),
                            anchors=corroborated.get(item.article_id, set()), lexicon=corpus.lexicon))
    return flags


def date_support(corpus: Corpus) -> dict[tuple[str, int], tuple[list[dict[str, Any]], int]]:
    """(article id, date start) -> the passages of the independent clusters that give the same day for the same
    statement or fact (one per cluster), and how many clusters give another day."""
    out: dict[tuple[str, int], tuple[list[dict[str, Any]], int]] = {}
    for item, others, near in _candidates(corpus, intervals=False):
        for k, timex in enumerate(item.timexes):
            agree, differ = compare_date(item, k, others, near, groups=corpus.groups)
            against = {g for by_group in differ.values() for g in by_group} - set(agree)
            if agree:
                out[(item.article_id, timex.start)] = ([_passage(o, corpus.texts) for o in agree.values()], len(against))
    return out


def _days(item: Dated, published: str | None) -> frozenset[dt.date]:
    """The days a dated sentence is about: its article's publication and its own dates from
    ``RECAP_DAYS`` before that to the day after (nothing for an undated article)."""
    try:
        day = dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        day = None
    if day is None:
        return frozenset()
    named = (dt.date.fromisoformat(f["ymd"]) for f in item.facets if "ymd" in f)
    return frozenset({day, *(d for d in named if -RECAP_DAYS <= (d - day).days <= 1)})


def _near(a: Dated, b: Dated) -> bool:
    """Whether every resolved date of two sentences lies within ``WINDOW_DAYS`` of the other's (both resolved)."""
    days_a = [dt.date.fromisoformat(f["ymd"]) for f in a.facets if "ymd" in f]
    days_b = [dt.date.fromisoformat(f["ymd"]) for f in b.facets if "ymd" in f]
    if not days_a or not days_b:
        return False
    return all(abs((x - y).days) <= WINDOW_DAYS for x in days_a for y in days_b)


def _passage(other: Dated, texts: Mapping[str, str]) -> dict[str, Any]:
    start, end = other.sentence
    return {"article_id": other.article_id, "span": texts[other.article_id][start:end], "start": start, "end": end,
            "source": "independent"}


def _judge(
    item: Dated, others: Sequence[Dated], near: Sequence[Dated], *, texts: Mapping[str, str],
    groups: Mapping[str, str], story: str | None, anchors: set[str] | None = None, lexicon: Lexicon | None = None,
) -> list[Flag]:
    """Each date of ``item`` against the independent sentences and dates
    :func:`~sitrep.verify.date_verdicts.compare_date` compares it with.

    An interval counts from another date of the article: it is ``high`` only when that date is one an
    independent source gives too (``anchors``), for a changed anchor shifts every interval counted from it."""
    text = texts[item.article_id]
    flags: list[Flag] = []
    for k, (timex, facets) in enumerate(zip(item.timexes, item.facets, strict=True)):
        if any(item.relative) and not item.relative[k]:
            continue  # an interval's sentence: its explicit dates are judged with the explicit sentences
        agree, differ = compare_date(item, k, others, near, groups=groups)
        if not differ:
            continue
        expected = min(differ, key=lambda v: (-len(differ[v]), v))
        backing = {g: o for g, o in differ[expected].items() if g not in agree}
        n_exp = len(backing)
        if n_exp <= len(agree):
            continue
        anchored = not item.relative or not item.relative[k] or (
            lexicon is not None and anchor_day(timex, lexicon) in (anchors or set()))
        severity = judge_severity(backing=n_exp, against=len(agree), cap="high" if anchored else "medium")
        evidence = [_passage(other, texts) for other in backing.values()]
        sources = f"{n_exp} independent source{'s' if n_exp != 1 else ''}"
        message = (
            f'this article dates it "{timex.text}"{_resolved(facets)}; {sources} reporting the same '
            f"statement give{'s' if n_exp == 1 else ''} {expected}"
            + (f" ({len(agree)} agree with this article)" if agree else "")
        )
        flags.append(Flag(item.article_id, "date", severity, text[timex.start:timex.end], timex.start, timex.end,
                          expected, evidence, message, story))
    return flags


def _resolved(facets: dict[str, str]) -> str:
    return f" ({facets['ymd']})" if "ymd" in facets else ""
