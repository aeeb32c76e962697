"""Whether independent sentences agree with a date or give another day for the same fact.

A :class:`Dated` is a sentence with its dates, their facets and local
contexts. :func:`compare_date` compares one of its dates with the sentences saying
the same thing and with the dates in the same local context
(:func:`same_date_fact`) among other sentences of its story or week: the
clusters that agree, and the clusters that give another day, by that day.
:func:`same_day_named` tells whether a date is corroborated well enough to
anchor the article's intervals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitrep.nlp.layers import Timex
from sitrep.verify.date_facets import compare_facets
from sitrep.verify.flags_match import Local, Statement, same_lead

__all__ = ["ANCHOR_NAMES", "DATE_LOCAL_SHARED", "Dated", "compare_date", "same_date_fact", "same_day_named"]

#: Words two dates' contexts share, besides the people and countries both name, to be the same fact.
DATE_LOCAL_SHARED = 2
#: Proper names (not countries) two dates' contexts share for an anchor to count as corroborated.
ANCHOR_NAMES = 2


@dataclass(slots=True, frozen=True)
class Dated:
    """A sentence with dates: its statement, its dates with their facets and local contexts."""

    article_id: str
    sentence: tuple[int, int]
    statement: Statement
    timexes: tuple[Timex, ...]
    facets: tuple[dict[str, str], ...]
    locals: tuple[Local, ...] = ()
    relative: tuple[bool, ...] = ()  # per date: an interval ("four days earlier"), compared as a claim only


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


def _overlap(a: Local, b: Local) -> int:
    return len(a.words & b.words) + len(a.names & b.names)


def compare_date(
    item: Dated, k: int, others: Sequence[Dated], near: Sequence[Dated], *, groups: Mapping[str, str]
) -> tuple[dict[str, Dated], dict[str, dict[str, Dated]]]:
    """Date ``k`` of ``item`` against the sentences saying the same thing (``others``) and the dates in the same
    local context among the other sentences of its story or week (``near``): the clusters that agree, and the
    clusters that give another day, by that day."""
    timex, facets = item.timexes[k], item.facets[k]
    agree: dict[str, Dated] = {}
    differ: dict[str, dict[str, Dated]] = {}
    for other in others:
        other_group = groups.get(other.article_id, other.article_id)
        verdicts = [compare_facets(facets, f) for f in other.facets]
        if True in verdicts or timex.text.casefold() in {t.text.casefold() for t in other.timexes}:
            agree.setdefault(other_group, other)
            continue
        if False not in verdicts or any(compare_facets(f, g) for f in item.facets for g in other.facets):
            continue
        if any(compare_facets(other.facets[0], f) is False for f in other.facets[1:]):
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
        verdicts = [compare_facets(facets, other.facets[m]) for m in same]
        if True in verdicts:
            agree.setdefault(other_group, other)
            continue
        if None in verdicts or len({_label(other.timexes[m], other.facets[m]) for m in same}) != 1:
            continue
        # the other day is given elsewhere in this sentence: the two sentences pair other dates
        if any(compare_facets(f, other.facets[same[0]]) for f in item.facets):
            continue
        differ.setdefault(_label(other.timexes[same[0]], other.facets[same[0]]), {}).setdefault(other_group, other)
    return agree, differ


def same_day_named(item: Dated, k: int, others: Sequence[Dated]) -> bool:
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


def _closest(mine: Local | None, other: Dated) -> int | None:
    """The date of ``other`` whose context shares the most with ``mine`` (None: no single one, or
    fewer than ``DATE_LOCAL_SHARED`` terms)."""
    if mine is None or len(other.locals) != len(other.facets):
        return None
    scores = sorted(((_overlap(mine, local), m) for m, local in enumerate(other.locals)), reverse=True)
    if scores[0][0] < DATE_LOCAL_SHARED or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def _label(timex: Timex, facets: dict[str, str]) -> str:
    if "ymd" in facets:
        return f"{facets['ymd']} ({facets['weekday'].capitalize()})"
    return timex.text
