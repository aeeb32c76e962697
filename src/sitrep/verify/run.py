"""``verify_store``: stories, consensus, canonical events and contradiction flags for a whole store.

This first version recomputes everything from the stored articles, links,
reading layers and events on each call (a full recompute, not incremental):
it takes well under a second per hundred articles, and ``analyze`` calls it
once at the end of a run. Results replace the previous ones in one
transaction; analysts' flag statuses are kept for flags found again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sitrep.kb import KnowledgeBase, load_kb
from sitrep.nlp.layers import Reading
from sitrep.store.db import Store
from sitrep.store.events import event_records
from sitrep.store.reading import load_reading
from sitrep.store.verify import article_meta, link_rows, save_verification, verification_counts
from sitrep.verify.consensus import canonical_events, role_claims, role_consensus
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, affiliation_flags, name_flags, sort_flags
from sitrep.verify.flags_date import date_flags
from sitrep.verify.flags_events import number_flags, reversal_flags
from sitrep.verify.flags_internal import internal_flags
from sitrep.verify.flags_numbers import number_text_flags
from sitrep.verify.flags_quote import quote_speaker_flags
from sitrep.verify.flags_rewrite import merge_flags, rewrite_flags
from sitrep.verify.independence import independent_groups
from sitrep.verify.scope import incremental_scope
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
    recomputed: int = 0  # articles whose flags were recomputed (all of them in a full verification)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "independent": self.independent,
            "stories": self.stories,
            "canonical_events": self.canonical_events,
            "disputed_people": self.disputed_people,
            "flags": dict(self.flags),
            "severities": dict(self.severities),
            "recomputed": self.recomputed,
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


def verify(
    store: Store,
    *,
    kb: KnowledgeBase | None = None,
    context: Collection[str] | None = None,
    groups: dict[str, str] | None = None,
) -> VerifyResult:
    """Compute stories, role consensus, canonical events and flags from the stored layers (no writes),
    over the whole store or over the articles in ``context`` only (see :mod:`sitrep.verify.scope`);
    ``groups`` are the store's independence clusters when the caller already has them."""
    kb = kb or load_kb()
    groups = independent_groups(store) if groups is None else groups
    texts: dict[str, str] = {}
    published: dict[str, str | None] = {}
    outlets: dict[str, str | None] = {}
    readings: dict[str, Reading] = {}
    docs: list[StoryDoc] = []
    for row in article_meta(store, ids=context):
        article_id = row["id"]
        texts[article_id] = row["text"]
        published[article_id] = row["published"]
        outlets[article_id] = row["outlet"]
        reading = load_reading(store, article_id)
        readings[article_id] = reading
        keys = frozenset(e.kb_id or e.name.casefold() for e in reading.entities if e.label in _ENTITY_LABELS)
        docs.append(StoryDoc(article_id, row["title"] or "", row["text"], row["published"], keys))
    stories = cluster_stories(docs, groups)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    events = (
        list(event_records(store))
        if context is None
        else [e for a in texts for e in event_records(store, article_id=a)]
    )

    corpus = Corpus.build(
        texts=texts, readings=readings, published=published, groups=groups, story_of=story_of, outlets=outlets
    )
    claims = role_claims(readings, groups=groups, published=published, kb=kb)
    consensus = role_consensus(claims)
    merged = canonical_events(events, groups=groups, story_of=story_of, published=published)
    numbers = merge_flags(number_flags(events, corpus), number_text_flags(corpus), groups=groups)
    cross = [
        *affiliation_flags(claims, corpus, kb=kb),
        *name_flags(corpus, kb=kb),
        *numbers,
        *reversal_flags(events, corpus),
        *date_flags(corpus),
        *quote_speaker_flags(corpus),
        *internal_flags(claims, events, corpus, kb=kb),
    ]
    copied = rewrite_flags(link_rows(store), corpus)
    flags = sort_flags(merge_flags(cross, copied, groups=groups))
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


def verify_store(
    store: Store, *, kb: KnowledgeBase | None = None, new_ids: Collection[str] | None = None
) -> VerifySummary:
    """Recompute and save stories, canonical events and flags.

    Without ``new_ids`` the whole store is verified again. With the ids of newly
    analysed articles only what they can change is (see :mod:`sitrep.verify.scope`):
    the summary then counts the whole store's results and says how many
    articles were recomputed.
    """
    groups = independent_groups(store)
    scope = None if new_ids is None else incremental_scope(store, new_ids, groups=groups)
    result = verify(store, kb=kb, groups=groups, context=None if scope is None else scope.context)
    with store.batch():
        save_verification(
            store,
            stories=result.stories,
            canonical_events=result.canonical_events,
            flags=[f.to_row() for f in result.flags if scope is None or f.article_id in scope.recomputed],
            scope=None if scope is None else (scope.recomputed, scope.context),
        )
    summary = result.summary
    if scope is None:
        summary.recomputed = summary.articles
        return summary
    counts = verification_counts(store)  # the whole store's results, not only the recomputed part
    summary.articles = counts["articles"]
    summary.independent = len(set(groups.values()))
    summary.stories = counts["stories"]
    summary.canonical_events = counts["canonical_events"]
    summary.flags = counts["flags"]
    summary.severities = counts["severities"]
    summary.recomputed = len(scope.recomputed)
    return summary
