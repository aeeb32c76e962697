"""Consensus across independent sources: who holds which office for which country, and merged events.

Role consensus
    Every role claim ("Ukrainian Foreign Minister Dmytro Kuleba" -> Kuleba,
    Foreign Minister, UKR) is keyed by the person (their knowledge-base id when
    known, so spelling variants merge). A value (country, or office) is
    supported by the independence clusters that claim it: a wire story and its
    copies count once. The consensus is the value with most clusters;
    disagreement is kept (every value with its clusters), never averaged away.

Canonical events
    Event mentions from different articles of the same story merge when they
    have the same type, compatible actor and recipient countries and dates
    within a few days of each other; each canonical event lists its mentions
    and counts the articles and the independent sources behind it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sitrep.kb import KnowledgeBase
from sitrep.kb.names import person_key
from sitrep.nlp.layers import Reading

__all__ = [
    "CanonicalEvent",
    "RoleClaim",
    "RoleConsensus",
    "canonical_events",
    "date_bounds",
    "dates_compatible",
    "heads_only",
    "related_articles",
    "role_claims",
    "role_consensus",
    "supporting_groups",
]

T = TypeVar("T")
ROLE_WINDOW_DAYS = 365
EVENT_WINDOW_DAYS = 3
_SKIP_STATUS = frozenset({"negated", "hypothetical"})


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO day, week (``2021-W13``), month or year covers; None when unknown."""
    if not value:
        return None
    text = value.strip()[:10]
    try:
        if "-W" in text:
            year, week = text.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week[:2]), 1)
            return first, first + dt.timedelta(days=6)
        parts = text.split("-")
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1), dt.date(int(parts[0]), 12, 31)
        if len(parts) == 2:
            yy, mm = int(parts[0]), int(parts[1])
            nxt = dt.date(yy + (mm == 12), mm % 12 + 1, 1)
            return dt.date(yy, mm, 1), nxt - dt.timedelta(days=1)
        day = dt.date.fromisoformat(text)
        return day, day
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None, *, window_days: int) -> bool:
    """Whether two (possibly partial) dates lie within ``window_days``; an unknown date fits any."""
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return True
    gap = dt.timedelta(days=window_days)
    return ba[0] - gap <= bb[1] and bb[0] - gap <= ba[1]


def related_articles(
    articles: Iterable[str],
    *,
    story_of: Mapping[str, str],
    published: Mapping[str, str | None],
    window_days: int,
) -> dict[str, list[str]]:
    """Article -> the other ``articles`` of its story or published within ``window_days`` of it."""
    ids = sorted(set(articles))
    by_story: dict[str, list[str]] = {}
    dated: list[tuple[dt.date, str]] = []
    for article_id in ids:
        story = story_of.get(article_id)
        if story is not None:
            by_story.setdefault(story, []).append(article_id)
        bounds = date_bounds(published.get(article_id))
        if bounds is not None:
            dated.append((bounds[0], article_id))
    dated.sort()
    days = [d for d, _ in dated]
    gap = dt.timedelta(days=window_days)
    out: dict[str, list[str]] = {}
    for article_id in ids:
        found = set(by_story.get(story_of.get(article_id, ""), []))
        bounds = date_bounds(published.get(article_id))
        if bounds is not None:
            lo, hi = bisect.bisect_left(days, bounds[0] - gap), bisect.bisect_right(days, bounds[1] + gap)
            found.update(a for _, a in dated[lo:hi])
        found.discard(article_id)
        out[article_id] = sorted(found)
    return out



# -- roles -----------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class RoleClaim:
    """One article's claim that ``person`` holds ``role`` for ``country`` (with its evidence span)."""

    article_id: str
    group: str
    person_key: str
    person: str
    role: str
    country: str | None
    span: str
    start: int
    end: int
    date: str | None

    def evidence(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "span": self.span, "start": self.start, "end": self.end}


@dataclass(slots=True)
class RoleConsensus:
    """Every country (and office) claimed for one person, with the independent clusters behind each."""

    person_key: str
    person: str
    countries: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)

    @property
    def country(self) -> str | None:
        return _best(self.countries)

    @property
    def role(self) -> str | None:
        return _best(self.roles)

    @property
    def disputed(self) -> bool:
        return len(self.countries) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_key": self.person_key,
            "person": self.person,
            "country": self.country,
            "role": self.role,
            "countries": {k: list(v) for k, v in self.countries.items()},
            "roles": {k: list(v) for k, v in self.roles.items()},
        }


def _best(values: Mapping[str, Sequence[str]]) -> str | None:
    if not values:
        return None
    return min(values, key=lambda v: (-len(values[v]), v))


def claim_key(name: str, kb_id: str | None, kb: KnowledgeBase) -> str:
    """The key that merges a person's spelling variants: knowledge-base id, else the folded name."""
    if kb_id and kb_id in kb.persons:
        return kb_id
    known = kb.person(name)
    return known.id if known is not None else person_key(name)


def role_claims(
    readings: Mapping[str, Reading],
    *,
    groups: Mapping[str, str],
    published: Mapping[str, str | None],
    kb: KnowledgeBase,
) -> list[RoleClaim]:
    """Every role claim with a country, one per article, person and country (the first span kept)."""
    out: list[RoleClaim] = []
    for article_id, reading in readings.items():
        kb_ids = {e.id: e.kb_id for e in reading.entities}
        seen: set[tuple[str, str]] = set()
        for role in reading.roles:
            if not role.country:
                continue
            key = claim_key(role.person, kb_ids.get(role.entity or ""), kb)
            if (key, role.country) in seen:
                continue
            seen.add((key, role.country))
            out.append(
                RoleClaim(
                    article_id, groups.get(article_id, article_id), key, role.person, role.role, role.country,
                    role.span, role.start, role.end, published.get(article_id),
                )
            )
    return out


def role_consensus(claims: Iterable[RoleClaim]) -> dict[str, RoleConsensus]:
    """Person key -> every country and office claimed, each with its supporting independent clusters."""
    out: dict[str, RoleConsensus] = {}
    for c in claims:
        entry = out.setdefault(c.person_key, RoleConsensus(c.person_key, c.person))
        if c.country:
            groups = entry.countries.setdefault(c.country, [])
            if c.group not in groups:
                groups.append(c.group)
        groups = entry.roles.setdefault(c.role, [])
        if c.group not in groups:
            groups.append(c.group)
    return out


def supporting_groups(
    claims: Iterable[RoleClaim], *, exclude_group: str, date: str | None, window_days: int = ROLE_WINDOW_DAYS
) -> dict[str, dict[str, RoleClaim]]:
    """Country -> {cluster -> its first claim}, from clusters other than ``exclude_group`` near ``date``."""
    usable = [c for c in claims if c.group != exclude_group and c.country is not None]
    out: dict[str, dict[str, RoleClaim]] = {}
    for c in heads_only(usable, group=lambda c: c.group, article=lambda c: c.article_id):
        if dates_compatible(c.date, date, window_days=window_days):
            out.setdefault(str(c.country), {}).setdefault(c.group, c)
    return out


def heads_only(items: Sequence[T], *, group: Callable[[T], str], article: Callable[[T], str]) -> list[T]:
    """Drop a cluster's copies where its original (the article the cluster is named after) speaks itself.

    A copy or rewrite never counts for what it copied, and what it changed has
    no independent support either; it speaks for its cluster only on what the
    original does not address.
    """
    speaking = {group(x) for x in items if article(x) == group(x)}
    return [x for x in items if group(x) not in speaking or article(x) == group(x)]


# -- canonical events ------------------------------------------------------------------------------


@dataclass(slots=True)
class CanonicalEvent:
    """Event mentions from several articles that report the same event."""

    story_id: str | None
    type: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    groups: Mapping[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        ids = "|".join(sorted(str(m["id"]) for m in self.mentions))
        return "ce_" + hashlib.sha1(ids.encode()).hexdigest()[:16]

    @property
    def source_country(self) -> str | None:
        return self._side("source_country")

    @property
    def target_country(self) -> str | None:
        return self._side("target_country")

    @property
    def date(self) -> str | None:
        dates = Counter(str(m["_date"]) for m in self.mentions if m["_date"])
        if not dates:
            return None
        return min(dates, key=lambda d: (-dates[d], -len(d), d))

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(str(m["article_id"]) for m in self.mentions))

    @property
    def independent(self) -> list[str]:
        return list(dict.fromkeys(self.groups.get(a, a) for a in self.article_ids))

    def _side(self, key: str) -> str | None:
        votes: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.get(key):
                votes.setdefault(str(m[key]), set()).add(self.groups.get(m["article_id"], m["article_id"]))
        return min(votes, key=lambda v: (-len(votes[v]), v)) if votes else None

    def to_row(self) -> dict[str, Any]:
        first = self.mentions[0]
        return {
            "id": self.id,
            "story_id": self.story_id,
            "type": self.type,
            "date": self.date,
            "source_country": self.source_country,
            "target_country": self.target_country,
            "quad_class": first.get("quad"),
            "goldstein": first.get("goldstein"),
            "n_mentions": len(self.mentions),
            "n_articles": len(self.article_ids),
            "n_independent": len(self.independent),
            "mention_ids": [m["id"] for m in self.mentions],
        }


def _sides_match(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    equal = 0
    for key in ("source_country", "target_country"):
        x, y = a.get(key), b.get(key)
        if x and y:
            if x != y:
                return False
            equal += 1
    return equal > 0


def event_date(event: Mapping[str, Any], published: Mapping[str, str | None]) -> str | None:
    """The event's own date, else its article's publication day."""
    own = event.get("date")
    if own:
        return str(own)
    day = published.get(str(event["article_id"]))
    return day[:10] if day else None


def canonical_events(
    events: Iterable[Mapping[str, Any]],
    *,
    groups: Mapping[str, str],
    story_of: Mapping[str, str],
    published: Mapping[str, str | None],
    window_days: int = EVENT_WINDOW_DAYS,
) -> list[CanonicalEvent]:
    """Merge event mentions (``event_records`` dicts) that report the same event within a story."""
    records = []
    for e in events:
        if e.get("status") in _SKIP_STATUS:
            continue
        record = dict(e)
        record["_date"] = event_date(e, published)
        records.append(record)
    records.sort(key=lambda r: ((date_bounds(r["_date"]) or (dt.date.max,))[0], str(r["article_id"]), r.get("seq", 0)))
    out: list[CanonicalEvent] = []
    by_key: dict[tuple[str | None, str], list[CanonicalEvent]] = {}
    for r in records:
        story = story_of.get(str(r["article_id"]))
        candidates = [
            c
            for c in by_key.get((story, str(r["type"])), [])
            if _sides_match(c.mentions[0], r)
            and dates_compatible(c.mentions[0]["_date"], r["_date"], window_days=window_days)
        ]
        if candidates:
            max(candidates, key=lambda c: len(c.mentions)).mentions.append(r)
            continue
        canonical = CanonicalEvent(story, str(r["type"]), [r], groups)
        by_key.setdefault((story, str(r["type"])), []).append(canonical)
        out.append(canonical)
    return out
