"""``verify_store``: stories, consensus, canonical events and contradiction flags for a whole store.

This first version recomputes everything from the stored articles, links,
reading layers and events on each call (a full recompute, not incremental):
it takes well under a second per hundred articles, and ``analyze`` calls it
once at the end of a run. Results replace the previous ones in one
transaction; analysts' flag statuses are kept for flags found again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitrep.kb import KnowledgeBase, load_kb
from sitrep.nlp.layers import Reading
from sitrep.store.db import Store
from sitrep.store.events import event_records
from sitrep.store.reading import load_reading
from sitrep.store.verify import article_meta, save_verification
from sitrep.verify.consensus import canonical_events, role_claims, role_consensus
from sitrep.verify.flags import Flag, affiliation_flags, name_flags, number_flags, reversal_flags, sort_flags
from sitrep.verify.independence import independent_groups
from sitrep.verify.stories import StoryDoc, cluster_stories

__all__ = ["VerifyResult", "VerifySummary", "verify", "verify_store"]

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})


@dataclass(slots=True)
class VerifySummary:
    articles: int = 0
    independent: int = 0
    stories: int = 0
    canonical_events: int = 0
    disputed_people: int = 0
    flags: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "independent": self.independent,
            "stories": self.stories,
            "canonical_events": self.canonical_events,
            "disputed_people": self.disputed_people,
            "flags": dict(self.flags),
            "severities": dict(self.severities),
        }


@dataclass(slots=True)
class VerifyResult:
    """Everything one verification computed (what :func:`verify_store` saves)."""

    groups: dict[str, str]
    stories: list[dict[str, Any]]
    canonical_events: list[dict[str, Any]]
    consensus: dict[str, dict[str, Any]]
    flags: list[Flag]
    summary: VerifySummary


def verify(store: Store, *, kb: KnowledgeBase | None = None) -> VerifyResult:
    """Compute stories, role consensus, canonical events and flags from the stored layers (no writes)."""
    kb = kb or load_kb()
    groups = independent_groups(store)
    texts: dict[str, str] = {}
    published: dict[str, str | None] = {}
    readings: dict[str, Reading] = {}
    docs: list[StoryDoc] = []
    for row in article_meta(store):
        article_id = row["id"]
        texts[article_id] = row["text"]
        published[article_id] = row["published"]
        reading = load_reading(store, article_id)
        readings[article_id] = reading
        keys = frozenset(e.kb_id or e.name.casefold() for e in reading.entities if e.label in _ENTITY_LABELS)
        docs.append(StoryDoc(article_id, row["title"] or "", row["text"], row["published"], keys))
    stories = cluster_stories(docs, groups)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    members = {s.id: list(s.article_ids) for s in stories}
    events = list(event_records(store))

    claims = role_claims(readings, groups=groups, published=published, kb=kb)
    consensus = role_consensus(claims)
    merged = canonical_events(events, groups=groups, story_of=story_of, published=published)
    flags = sort_flags([
        *affiliation_flags(claims, kb=kb, story_of=story_of),
        *name_flags(texts, readings, groups=groups, stories=members, kb=kb),
        *number_flags(events, groups=groups, story_of=story_of, published=published),
        *reversal_flags(events, groups=groups, story_of=story_of, published=published),
    ])
    summary = VerifySummary(
        articles=len(texts),
        independent=len(set(groups.values())),
        stories=len(stories),
        canonical_events=len(merged),
        disputed_people=sum(1 for c in consensus.values() if c.disputed),
        flags=dict(sorted(Counter(f.kind for f in flags).items())),
        severities=dict(sorted(Counter(f.severity for f in flags).items())),
    )
    return VerifyResult(
        groups=groups,
        stories=[s.to_row() for s in stories],
        canonical_events=[c.to_row() for c in merged],
        consensus={k: v.to_dict() for k, v in consensus.items()},
        flags=flags,
        summary=summary,
    )


def verify_store(store: Store, *, kb: KnowledgeBase | None = None) -> VerifySummary:
    """Recompute and save stories, canonical events and flags for the whole store (full recompute)."""
    result = verify(store, kb=kb)
    with store.batch():
        save_verification(
            store,
            stories=result.stories,
            canonical_events=result.canonical_events,
            flags=[f.to_row() for f in result.flags],
        )
    return result.summary
