"""``date`` flags: a statement dated differently from how independent sources date the same statement.

A claim is an explicit date expression of the reading layer (a weekday, a day
of a month, a full date, also as a limit: "by May 3", "since April 1"; not
"now" or "today") resolved to a day, or an interval the reading layer resolved
to a day ("four days earlier", "two days after": :func:`interval_date`, whose
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
  (:func:`same_date_fact`: the same people and countries, the same country
  first in its clause, and ``DATE_LOCAL_SHARED`` shared terms besides them;
  a subject pronoun counts as the person it stands for,
  :func:`sitrep.verify.pronouns.resolve_pronouns`: "he had warned Putin
  during their call on Tuesday") agrees or differs the same way.

A sentence with several dates is compared through the date whose context is
closest to the claim's. An interval is ``high`` only when the date it counts
from is one an independent source gives too (the same day in the same context,
or beside ``ANCHOR_NAMES`` of the same names).

Severity by :func:`sitrep.verify.flags.judge_severity`: ``high`` with two or
more independent clusters giving one other day and none agreeing, ``medium``
with one, ``low`` when some agree but more differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.dateline import dateline_after_date
from sitrep.nlp.layers import Reading, Timex
from sitrep.verify.consensus import heads_only
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_match import (
    RECAP_DAYS,
    DayIndex,
    Local,
    Statement,
    content_words,
    local_context,
    matches,
    names_in,
    same_lead,
    sentence_spans,
    token_range,
)
from sitrep.verify.lexicon import Lexicon, load_flag_words
from sitrep.verify.pronouns import resolve_pronouns
from sitrep.verify.tags import TagCache

__all__ = [
    "ANCHOR_NAMES",
    "DATE_LOCAL_SHARED",
    "DATE_LOCAL_WINDOW",
    "WINDOW_DAYS",
    "date_facets",
    "date_flags",
    "date_support",
    "explicit_date",
    "interval_date",
    "same_date_fact",
    "stamp_date",
]

#: Sentences of different stories are compared when all their dates lie this close.
WINDOW_DAYS = 7
#: Words two dates' contexts share, besides the people and countries both name, to be the same fact.
DATE_LOCAL_SHARED = 2
#: Words each side of a date that make its context (a date often leads its clause: "said on Tuesday that ...").
DATE_LOCAL_WINDOW = 12
_RELATIONS = frozenset({"point", "until", "since"})
_STAMP_TAIL = re.compile(r"[\s\d.:,]*(?:[AaPp]\.?[Mm]\.?|GMT|BST|UTC|CET|CEST|EST|EDT)?\s*")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(slots=True, frozen=True)
class _Dated:
    article_id: str
    sentence: tuple[int, int]
    statement: Statement
    timexes: tuple[Timex, ...]
    facets: tuple[dict[str, str], ...]
    locals: tuple[Local, ...] = ()
    relative: tuple[bool, ...] = ()  # per date: an interval ("four days earlier"), compared as a claim only


@cache
def _interval_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = load_flag_words()
    return frozenset(raw["interval_units"]), frozenset(raw["interval_directions"])


@cache
def _short_words() -> frozenset[str]:
    """Short words that still tell which fact a date is of ("call", "talks": ``date_context_short_words``)."""
    return frozenset(load_flag_words()["date_context_short_words"])


@cache
def _synonyms() -> dict[str, str]:
    """Word -> the first word of its ``date_context_synonyms`` group ("telephone" -> "phone")."""
    return {word: group[0] for group in load_flag_words()["date_context_synonyms"] for word in group}


def interval_date(timex: Timex, lexicon: Lexicon) -> bool:
    """A day written as a count of days or weeks from another ("four days earlier", "two days after"),
    resolved by the reading layer."""
    if timex.precision != "day" or timex.relation != "point" or not timex.value:
        return False
    units, directions = _interval_words()
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    counted = any(w.isdigit() or w in lexicon.number_words or w in {"a", "an"} for w in words)
    return counted and bool(units.intersection(words)) and bool(directions.intersection(words))


def explicit_date(timex: Timex, lexicon: Lexicon) -> bool:
    """A date of day precision written with a weekday or a month name (a point, or a limit: "by May 3")."""
    if timex.precision != "day" or timex.relation not in _RELATIONS:
        return False
    words = {w.casefold() for w in _WORD.findall(timex.text)}
    return bool(words & (lexicon.weekdays | lexicon.months))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def date_facets(timex: Timex, lexicon: Lexicon) -> dict[str, str]:
    """What a date expression says, comparable even when it could not be resolved to a day:
    ``ymd`` (the ISO day), ``md`` (month and day) and ``weekday``."""
    facets: dict[str, str] = {}
    if timex.value:
        try:
            day = dt.date.fromisoformat(timex.value[:10])
        except ValueError:
            day = None
        if day is not None:
            facets = {"ymd": day.isoformat(), "md": f"{day.month:02d}-{day.day:02d}",
                      "weekday": day.strftime("%A").casefold()}
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    for k, word in enumerate(words):
        if word in lexicon.weekdays:
            facets.setdefault("weekday", word)
        if word in _MONTHS:
            near = [w for w in words[max(0, k - 1):k + 2] if w.isdigit() and 1 <= int(w) <= 31]
            if near:
                facets.setdefault("md", f"{_MONTHS.index(word) + 1:02d}-{int(near[0]):02d}")
    return facets


def _compare(a: dict[str, str], b: dict[str, str]) -> bool | None:
    """True when two dates agree, False when they differ, None when they say nothing comparable."""
    shared = [k for k in ("ymd", "md", "weekday") if k in a and k in b]
    if not shared:
        return None
    return a[shared[0]] == b[shared[0]]


def same_date_fact(a: Local, b: Local) -> bool:
    """Whether two dates' contexts make them the date of the same fact: the names and countries of the context
    naming fewer all in the other, the same country named first, and ``DATE_LOCAL_SHARED`` shared words
    with a name shared too (one more word without, one fewer with ``ANCHOR_NAMES`` proper names shared:
    "Ruslan Khomchak told parliament on Tuesday" and "Ruslan Khomchak, told parliament on Tuesday, March 30,
    that Russia was building up forces")."""
    fewer, more = sorted((a.names, b.names), key=len)
    if not fewer <= more or not same_lead(a, b):
        return False
    named = len({n for n in fewer if not n.isupper()}) >= ANCHOR_NAMES
    return len(a.words & b.words) >= DATE_LOCAL_SHARED + (not fewer) - named


def _stamp_end(text: str, timex: Timex) -> int | None:
    """Where a wire dateline ("MOSCOW, April 13 (Wire) -") or a timestamp line holding ``timex`` ends."""
    dateline_end = dateline_after_date(text, timex.start, timex.end)
    if dateline_end is not None:
        return dateline_end
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:timex.start], text[timex.end:line_end]
    return line_end if not before.strip() and _STAMP_TAIL.fullmatch(after) is not None else None


def stamp_date(text: str, timex: Timex) -> bool:
    """Whether a date is a wire dateline's ("MOSCOW, April 13 (Wire) -") or a timestamp line's: when the
    article was written, not when what it reports happened."""
    return _stamp_end(text, timex) is not None


def _overlap(a: Local, b: Local) -> int:
    return len(a.words & b.words) + len(a.names & b.names)


def _dated_sentences(
    text: str, reading: Reading, article_id: str, lexicon: Lexicon, tags: TagCache, *, intervals: bool = False
) -> tuple[list[_Dated], list[_Dated]]:
    """The sentences with explicit dates, and (``intervals``) those with an interval date, which then count
    among their dates; one pass over the article for both lists."""
    explicit = [(t, _stamp_end(text, t)) for t in reading.timexes if explicit_date(t, lexicon)]
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
    dated: list[_Dated] = []
    claims: list[_Dated] = []

    def item(chosen: tuple[Timex, ...], sentence: tuple[int, int], hi: int, statement: Statement) -> _Dated | None:
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
        return _Dated(article_id, sentence, statement, chosen, facets, locals_,
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


def _candidates(corpus: Corpus, *, intervals: bool = True) -> Iterator[tuple[_Dated, list[_Dated], list[_Dated]]]:
    """Each dated sentence with the independent sentences saying the same thing and those of its story or week
    to compare its dates' contexts with (a copy left out where its cluster's original speaks). Only explicit
    dates are evidence; ``intervals``: the sentences with an interval date come as claims too."""
    published = corpus.published
    dated: list[_Dated] = []
    claims: list[_Dated] = []
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
                if "ymd" in facets and (_verdicts(item, k, others, near, groups=groups)[0]
                                        or _same_day_named(item, k, [*others, *near])):
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
            agree, differ = _verdicts(item, k, others, near, groups=corpus.groups)
            against = {g for by_group in differ.values() for g in by_group} - set(agree)
            if agree:
                out[(item.article_id, timex.start)] = ([_passage(o, corpus.texts) for o in agree.values()], len(against))
    return out


def _days(item: _Dated, published: str | None) -> frozenset[dt.date]:
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


def _near(a: _Dated, b: _Dated) -> bool:
    """Whether every resolved date of two sentences lies within ``WINDOW_DAYS`` of the other's (both resolved)."""
    days_a = [dt.date.fromisoformat(f["ymd"]) for f in a.facets if "ymd" in f]
    days_b = [dt.date.fromisoformat(f["ymd"]) for f in b.facets if "ymd" in f]
    if not days_a or not days_b:
        return False
    return all(abs((x - y).days) <= WINDOW_DAYS for x in days_a for y in days_b)


def _passage(other: _Dated, texts: Mapping[str, str]) -> dict[str, Any]:
    start, end = other.sentence
    return {"article_id": other.article_id, "span": texts[other.article_id][start:end], "start": start, "end": end,
            "source": "independent"}


def _verdicts(
    item: _Dated, k: int, others: Sequence[_Dated], near: Sequence[_Dated], *, groups: Mapping[str, str]
) -> tuple[dict[str, _Dated], dict[str, dict[str, _Dated]]]:
    """Date ``k`` of ``item`` against the sentences saying the same thing (``others``) and the dates in the same
    local context among the other sentences of its story or week (``near``): the clusters that agree, and the
    clusters that give another day, by that day."""
    timex, facets = item.timexes[k], item.facets[k]
    agree: dict[str, _Dated] = {}
    differ: dict[str, dict[str, _Dated]] = {}
    for other in others:
        other_group = groups.get(other.article_id, other.article_id)
        verdicts = [_compare(facets, f) for f in other.facets]
        if True in verdicts or timex.text.casefold() in {t.text.casefold() for t in other.timexes}:
            agree.setdefault(other_group, other)
            continue
        if False not in verdicts or any(_compare(f, g) for f in item.facets for g in other.facets):
            continue
        if any(_compare(other.facets[0], f) is False for f in other.facets[1:]):
            # several days in the other sentence: the one whose context is clearly this date's (an
            # interval dates another event than its sentence's: "ordered troops back, a day after Putin warned")
            interval = bool(item.relative) and item.relative[k]
            best = None if interval else _closest(item.locals[k] if item.locals else None, other)
            if best is None or verdicts[best] is not False:
                continue
        else:  # one day in the other sentence (however often named), matching none of this sentence's dates
            best = max(range(len(other.facets)), key=lambda m: len(other.facets[m]))
        # a sentence with several dates: the other's day is that of the date whose context is closest to its own
        if item.locals and other.locals and any(
            _overlap(o, other.locals[best]) > _overlap(item.locals[k], other.locals[best]) for o in item.locals
        ):
            continue
        differ.setdefault(_label(other.timexes[best], other.facets[best]), {}).setdefault(other_group, other)
    mine = item.locals[k] if item.locals else None
    for other in near:
        if mine is None:
            break
        # the other's dates whose context is this date's, unless another date of this sentence fits them better
        same = [m for m in range(len(other.timexes)) if other.locals and same_date_fact(mine, other.locals[m])
                and all(_overlap(mine, other.locals[m]) >= _overlap(o, other.locals[m]) for o in item.locals)]
        if not same:
            continue
        other_group = groups.get(other.article_id, other.article_id)
        verdicts = [_compare(facets, other.facets[m]) for m in same]
        if True in verdicts:
            agree.setdefault(other_group, other)
            continue
        if None in verdicts or len({_label(other.timexes[m], other.facets[m]) for m in same}) != 1:
            continue
        # the other day is given elsewhere in this sentence: the two sentences pair other dates
        if any(_compare(f, other.facets[same[0]]) for f in item.facets):
            continue
        differ.setdefault(_label(other.timexes[same[0]], other.facets[same[0]]), {}).setdefault(other_group, other)
    return agree, differ


#: Proper names (not countries) two dates' contexts share for an anchor to count as corroborated.
ANCHOR_NAMES = 2


def _same_day_named(item: _Dated, k: int, others: Sequence[_Dated]) -> bool:
    """Whether an independent sentence gives date ``k`` of ``item`` the same day near ``ANCHOR_NAMES`` of the
    same proper names ("Ruslan Khomchak told parliament on Tuesday, March 30" and "On March 30, Ruslan
    Khomchak warned parliament"): enough to anchor the article's intervals, never to contradict a date."""
    if not item.locals:
        return False
    day = item.facets[k].get("ymd")
    names = {n for n in item.locals[k].names if not n.isupper()}
    return any(
        other.facets[m].get("ymd") == day and len(names & other.locals[m].names) >= ANCHOR_NAMES
        for other in others if other.locals
        for m in range(len(other.facets))
    )


def _closest(mine: Local | None, other: _Dated) -> int | None:
    """The date of ``other`` whose context shares the most with ``mine`` (None: no single one, or
    fewer than ``DATE_LOCAL_SHARED`` terms)."""
    if mine is None or len(other.locals) != len(other.facets):
        return None
    scores = sorted(((_overlap(mine, local), m) for m, local in enumerate(other.locals)), reverse=True)
    if scores[0][0] < DATE_LOCAL_SHARED or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def _anchor(timex: Timex, lexicon: Lexicon) -> str | None:
    """The day an interval date counts from ("four days earlier" than it), from its resolved value."""
    units, _ = _interval_words()
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    counts = [float(w) if w.isdigit() else lexicon.number_words.get(w, 1.0 if w in {"a", "an"} else 0.0)
              for w in words]
    count = next((c for c in counts if c), 0.0)
    if not count or not timex.value:
        return None
    days = int(count) * (7 if any(w.startswith("week") for w in words if w in units) else 1)
    # the reading layer dates "X came two days after E" as E, two days before X (like "two days earlier")
    back = any(w in {"earlier", "before", "ago", "after"} for w in words)
    try:
        day = dt.date.fromisoformat(timex.value[:10])
    except ValueError:
        return None
    return (day + dt.timedelta(days=days if back else -days)).isoformat()


def _judge(
    item: _Dated, others: Sequence[_Dated], near: Sequence[_Dated], *, texts: Mapping[str, str],
    groups: Mapping[str, str], story: str | None, anchors: set[str] | None = None, lexicon: Lexicon | None = None,
) -> list[Flag]:
    """Each date of ``item`` against the independent sentences and dates :func:`_verdicts` compares it with.

    An interval counts from another date of the article: it is ``high`` only when that date is one an
    independent source gives too (``anchors``), for a changed anchor shifts every interval counted from it."""
    text = texts[item.article_id]
    flags: list[Flag] = []
    for k, (timex, facets) in enumerate(zip(item.timexes, item.facets, strict=True)):
        if any(item.relative) and not item.relative[k]:
            continue  # an interval's sentence: its explicit dates are judged with the explicit sentences
        agree, differ = _verdicts(item, k, others, near, groups=groups)
        if not differ:
            continue
        expected = min(differ, key=lambda v: (-len(differ[v]), v))
        backing = {g: o for g, o in differ[expected].items() if g not in agree}
        n_exp = len(backing)
        if n_exp <= len(agree):
            continue
        anchored = not item.relative or not item.relative[k] or (
            lexicon is not None and _anchor(timex, lexicon) in (anchors or set()))
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


def _label(timex: Timex, facets: dict[str, str]) -> str:
    if "ymd" in facets:
        return f"{facets['ymd']} ({facets['weekday'].capitalize()})"
    return timex.text


def _resolved(facets: dict[str, str]) -> str:
    return f" ({facets['ymd']})" if "ymd" in facets else ""
