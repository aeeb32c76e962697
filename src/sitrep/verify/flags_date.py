"""``date`` flags: a statement dated differently from how independent sources date the same statement.

A claim is an explicit date expression of the reading layer (a weekday, a day
of a month, a full date: not "now", "a day after" or "today") resolved to a
day. It is compared with sentences of other independent articles that say the
same thing (:func:`sitrep.verify.flags_match.matches`), of the same story or of
another whose dates lie within ``WINDOW_DAYS`` (story clusters split one
week's news finely). Such a sentence *agrees* when it gives the same day
(or the same date words), and *differs* when its one explicit date is another
day and none of the claim sentence's dates matches it. Severity as for the
other cross-source kinds: ``high`` with two or more independent clusters
giving one other day and none agreeing, ``medium`` with one, ``low`` when some
agree but more differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitrep.nlp.layers import Reading, Timex
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_match import Statement, content_words, matches, names_in, sentence_spans, token_range
from sitrep.verify.lexicon import Lexicon, load_lexicon
from sitrep.verify.tags import TagCache

__all__ = ["WINDOW_DAYS", "date_facets", "date_flags", "explicit_date"]

#: Sentences of different stories are compared when all their dates lie this close.
WINDOW_DAYS = 7
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(slots=True, frozen=True)
class _Dated:
    article_id: str
    sentence: tuple[int, int]
    statement: Statement
    timexes: tuple[Timex, ...]
    facets: tuple[dict[str, str], ...]


def explicit_date(timex: Timex, lexicon: Lexicon) -> bool:
    """A point date of day precision written with a weekday or a month name."""
    if timex.precision != "day" or timex.relation != "point":
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


def _dated_sentences(text: str, reading: Reading, article_id: str, lexicon: Lexicon, tags: TagCache) -> list[_Dated]:
    timexes = [t for t in reading.timexes if explicit_date(t, lexicon)]
    if not timexes:
        return []
    tagged = tags(article_id)
    out: list[_Dated] = []
    for start, end in sentence_spans(text, reading):
        inside = tuple(t for t in timexes if start <= t.start < end)
        facets = tuple(date_facets(t, lexicon) for t in inside)
        if inside and all(facets):
            words = content_words(text[start:end], lexicon)
            statement = Statement(article_id, start, end, words, *names_in(tagged, *token_range(tagged, start, end)))
            out.append(_Dated(article_id, (start, end), statement, inside, facets))
    return out


def date_flags(
    texts: Mapping[str, str],
    readings: Mapping[str, Reading],
    *,
    groups: Mapping[str, str],
    story_of: Mapping[str, str],
    lexicon: Lexicon | None = None,
    tags: TagCache | None = None,
) -> list[Flag]:
    """Dates that independent sources of the same story give as another day for the same statement
    (``tags``: the run's tagged texts)."""
    lex = lexicon or load_lexicon()
    tags = tags or TagCache(texts, lexicon=lex)
    by_story: dict[str, list[_Dated]] = {}
    for article_id, text in texts.items():
        story, reading = story_of.get(article_id), readings.get(article_id)
        if story is not None and reading is not None:
            by_story.setdefault(story, []).extend(_dated_sentences(text, reading, article_id, lex, tags))
    everything = [(story, item) for story, dated in by_story.items() for item in dated]
    statements = [d.statement for _, d in everything]
    flags: list[Flag] = []
    for i, others_at in matches(statements, groups=groups).items():
        story, item = everything[i]
        others = [everything[j][1] for j in others_at if everything[j][0] == story or _near(item, everything[j][1])]
        if others:
            flags.extend(_judge(item, others, texts=texts, groups=groups, story=story))
    return flags


def _near(a: _Dated, b: _Dated) -> bool:
    """Whether every resolved date of two sentences lies within ``WINDOW_DAYS`` of the other's (both resolved)."""
    days_a = [dt.date.fromisoformat(f["ymd"]) for f in a.facets if "ymd" in f]
    days_b = [dt.date.fromisoformat(f["ymd"]) for f in b.facets if "ymd" in f]
    if not days_a or not days_b:
        return False
    return all(abs((x - y).days) <= WINDOW_DAYS for x in days_a for y in days_b)


def _judge(
    item: _Dated, others: Sequence[_Dated], *, texts: Mapping[str, str], groups: Mapping[str, str], story: str
) -> list[Flag]:
    text = texts[item.article_id]
    flags: list[Flag] = []
    for timex, facets in zip(item.timexes, item.facets, strict=True):
        agree: set[str] = set()
        differ: dict[str, dict[str, _Dated]] = {}
        for other in others:
            other_group = groups.get(other.article_id, other.article_id)
            verdicts = [_compare(facets, f) for f in other.facets]
            if True in verdicts or timex.text.casefold() in {t.text.casefold() for t in other.timexes}:
                agree.add(other_group)
                continue
            # one day in the other sentence (however often named), matching none of this sentence's dates
            if False not in verdicts or any(_compare(other.facets[0], f) is False for f in other.facets[1:]):
                continue
            if any(_compare(f, g) for f in item.facets for g in other.facets):
                continue
            best = max(range(len(other.facets)), key=lambda k: len(other.facets[k]))
            differ.setdefault(_label(other.timexes[best], other.facets[best]), {}).setdefault(other_group, other)
        if not differ:
            continue
        expected = min(differ, key=lambda v: (-len(differ[v]), v))
        backing = {g: o for g, o in differ[expected].items() if g not in agree}
        n_exp = len(backing)
        if n_exp <= len(agree):
            continue
        severity = judge_severity(backing=n_exp, against=len(agree))
        evidence = []
        for other in backing.values():
            start, end = other.sentence
            evidence.append({"article_id": other.article_id, "span": texts[other.article_id][start:end],
                             "start": start, "end": end, "source": "independent"})
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
