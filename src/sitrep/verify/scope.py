"""What an incremental verification must recompute when articles arrive.

New articles can change four things: the stories they join, the canonical
events and flags of those stories, the consensus on the people they name (an
affiliation flag on an older article may gain or lose evidence), and the
flags of their copies. :func:`incremental_scope` returns two sets of article
ids:

``recomputed``
    the articles whose flags are replaced: the new ones and their copies, the
    articles published within two story windows or ``EVIDENCE_WINDOW_DAYS`` of
    them (within which the cross-source checks read other stories' articles),
    every member of the stored stories those touch, and the articles that name
    the same people within the role-consensus window or undated;
``context``
    what is read to recompute them: everything any recomputed article reads
    as evidence, so that its flags come out as a full recompute's would: the
    articles published within ``EVIDENCE_WINDOW_DAYS`` of it, those naming the
    same people within the role-consensus window (at any date for an undated
    one: its claims fit every date) or undated, and then every member of their
    stories and their copies (the context is closed under stories and copies).

Stories with a member in the context are re-clustered and replaced whole.
An undated new article takes the dates of its dated copies; one with none has
no window, and the whole store is then verified again (``None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sitrep.store.db import Store
from sitrep.store.verify import articles_between, articles_naming, dated_articles, person_keys, story_mates
from sitrep.verify.consensus import ROLE_WINDOW_DAYS
from sitrep.verify.flags import NAME_WINDOW_DAYS
from sitrep.verify.flags_date import WINDOW_DAYS as DATE_WINDOW_DAYS
from sitrep.verify.flags_match import RECAP_DAYS
from sitrep.verify.flags_numbers import NUMBER_WINDOW_DAYS
from sitrep.verify.flags_quote import QUOTE_WINDOW_DAYS
from sitrep.verify.stories import WINDOW_DAYS

__all__ = ["EVIDENCE_WINDOW_DAYS", "Scope", "incremental_scope"]

#: The cross-source checks read articles of other stories published within this many days (names, counts, dates;
#: sentences placed in time by their own dates, from ``RECAP_DAYS`` before their article's to the day after, so
#: that two sentences within a window of each other lie at most that plus ``RECAP_DAYS + 1`` apart; restated
#: dates of the same person within ``RECAP_DAYS``; direct quotations).
EVIDENCE_WINDOW_DAYS = max(
    max(NAME_WINDOW_DAYS, DATE_WINDOW_DAYS, NUMBER_WINDOW_DAYS) + RECAP_DAYS + 1, QUOTE_WINDOW_DAYS
)
_EARLIEST, _LATEST = "0001-01-01", "9999-12-31"


@dataclass(slots=True, frozen=True)
class Scope:
    recomputed: frozenset[str]
    context: frozenset[str]


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()


def _with_copies(ids: Collection[str], groups: Mapping[str, str]) -> set[str]:
    heads = {groups.get(i, i) for i in ids}
    return set(ids) | {a for a, head in groups.items() if head in heads}


def incremental_scope(store: Store, new_ids: Collection[str], *, groups: Mapping[str, str]) -> Scope | None:
    """The articles to recompute and to read after ``new_ids`` arrived (None: verify everything)."""
    if not new_ids:
        return Scope(frozenset(), frozenset())
    seeds = _with_copies(new_ids, groups)
    dates = dated_articles(store, seeds)
    for article_id in [a for a in seeds if not dates.get(a)]:  # undated: the dates of its copies, if any
        mates = [d for a, d in dates.items() if d and groups.get(a, a) == groups.get(article_id, article_id)]
        if not mates:
            return None
        dates[article_id] = min(mates)
    recomputed = set(seeds)
    try:
        by_day: dict[str, set[str]] = {}
        for article_id, day in dates.items():
            by_day.setdefault(str(day)[:10], set()).add(article_id)
        for day, ids in sorted(by_day.items()):
            reach = max(2 * WINDOW_DAYS, EVIDENCE_WINDOW_DAYS)  # the articles that read the new ones as evidence
            recomputed |= articles_between(store, _shift(day, -reach), _shift(day, reach))
            people = person_keys(store, ids)
            if people:
                recomputed |= articles_naming(
                    store,
                    people,
                    since=_shift(day, -ROLE_WINDOW_DAYS),
                    until=_shift(day, ROLE_WINDOW_DAYS),
                    undated=True,
                )
    except ValueError:  # a publication date that is not ISO
        return None
    recomputed = story_mates(store, recomputed)
    try:
        evidence = _evidence(store, recomputed)
    except ValueError:
        return None
    context = _with_copies(story_mates(store, evidence), groups)
    return Scope(frozenset(recomputed), frozenset(context))


def _ranges(days: Collection[str], pad: int) -> list[tuple[str, str]]:
    """The days each within ``pad`` days of one of ``days``, as merged (first, last) ranges."""
    out: list[tuple[str, str]] = []
    for day in sorted(days):
        lo, hi = _shift(day, -pad), _shift(day, pad)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _evidence(store: Store, ids: Collection[str]) -> set[str]:
    """``ids`` and every article their flags read: same dates within the evidence window, same people
    within the role window (raises ValueError on a publication date that is not ISO)."""
    dates = dated_articles(store, ids)
    out = set(ids)
    days = {str(d)[:10] for d in dates.values() if d}
    for lo, hi in _ranges(days, EVIDENCE_WINDOW_DAYS):
        out |= articles_between(store, lo, hi)
    for lo, hi in _ranges(days, ROLE_WINDOW_DAYS):
        named = {a for a, d in dates.items() if d and lo <= str(d)[:10] <= hi}
        people = person_keys(store, named)
        if people:
            out |= articles_naming(store, people, since=lo, until=hi, undated=True)
    undated = [a for a, d in dates.items() if not d]
    people = person_keys(store, undated) if undated else set()
    if people:
        out |= articles_naming(store, people, since=_EARLIEST, until=_LATEST)
    return out
