"""Stories: articles about the same developing story.

Two articles are about the same story when their words (TF-IDF cosine over
title and text) and the people, bodies and places they name (Jaccard overlap
of resolved entities) are similar enough, and their publication dates lie
within a few days of each other (an undated article can join any story).
Stories are the connected groups of such pairs: a developing story may run
longer than the window as long as each day's reports link to the next. An
undated article joins the story of one article, so it never bridges two
stories: a dated copy of it, else the article most similar to it outside its
independence cluster (an undated wire story and its undated copies join that
story together rather than make a story of their own).
Deterministic: the same articles always give the same stories and ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.store.db import Store
from sitrep.store.reading import load_reading
from sitrep.store.verify import article_meta
from sitrep.verify.independence import independent_groups

__all__ = ["Story", "StoryDoc", "build_stories", "cluster_stories", "story_docs", "story_id", "story_similarity"]

_WORD = re.compile(r"[^\W\d_]{3,}")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})
WINDOW_DAYS = 4
THRESHOLD = 0.15


@dataclass(slots=True, frozen=True)
class StoryDoc:
    """What story grouping needs of one article."""

    article_id: str
    title: str
    text: str
    published: str | None
    entities: frozenset[str] = frozenset()


@dataclass(slots=True)
class Story:
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    article_ids: list[str] = field(default_factory=list)
    n_independent: int = 0

    @property
    def n_articles(self) -> int:
        return len(self.article_ids)

    def to_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "n_articles": self.n_articles,
            "n_independent": self.n_independent,
            "article_ids": list(self.article_ids),
        }


def story_id(article_ids: Sequence[str]) -> str:
    """Stable id from the member ids (the same members always give the same id)."""
    return "st_" + hashlib.sha1("|".join(sorted(article_ids)).encode()).hexdigest()[:16]


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _vectors(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    counts = [Counter(w.casefold() for w in _WORD.findall(f"{d.title}\n{d.title}\n{d.text}")) for d in docs]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    out: list[dict[str, float]] = []
    for c in counts:
        vec = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.items() if df[w] < n}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def story_similarity(a: Mapping[str, float], b: Mapping[str, float], ea: frozenset[str], eb: frozenset[str]) -> float:
    """Mean of the TF-IDF cosine and the entity Jaccard overlap."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    cosine = sum(v * large.get(w, 0.0) for w, v in small.items())
    union = ea | eb
    jaccard = len(ea & eb) / len(union) if union else 0.0
    return (cosine + jaccard) / 2


def cluster_stories(
    docs: Sequence[StoryDoc],
    groups: Mapping[str, str],
    *,
    window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
) -> list[Story]:
    """Group ``docs`` into stories (single link over similar pairs within the date window)."""
    vectors = _vectors(docs)
    days = [_day(d.published) for d in docs]
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        parent[max(ri, rj)] = min(ri, rj)

    def cluster(i: int) -> str:
        return groups.get(docs[i].article_id, docs[i].article_id)

    def similar(i: int, j: int) -> float:
        if cluster(i) == cluster(j):
            return 1.0
        return story_similarity(vectors[i], vectors[j], docs[i].entities, docs[j].entities)

    dated = [i for i in range(len(docs)) if days[i] is not None]
    for a, i in enumerate(dated):
        for j in dated[a + 1 :]:
            di, dj = days[i], days[j]
            if di is not None and dj is not None and abs((di - dj).days) <= window_days and similar(i, j) >= threshold:
                join(i, j)
    # undated articles join the story of one article, so they never bridge two stories: that of a dated
    # copy of theirs, else the article most similar to any undated member of their independence cluster
    # (a wire story and its undated copies move together instead of forming a story of their own)
    undated: dict[str, list[int]] = {}
    for i in range(len(docs)):
        if days[i] is None:
            undated.setdefault(cluster(i), []).append(i)
    for key, idx in undated.items():
        dated_mates = [j for j in dated if cluster(j) == key]
        if dated_mates:
            target: int | None = dated_mates[0]
        else:
            inside = set(idx)
            scored = [(max(similar(i, j) for i in idx), -j) for j in range(len(docs)) if j not in inside]
            best, neg_j = max(scored, default=(0.0, 0))
            target = -neg_j if best >= threshold else None
        for i in idx:
            join(i, idx[0] if target is None else target)
    members: dict[int, list[int]] = {}
    for i in range(len(docs)):
        members.setdefault(find(i), []).append(i)
    stories: list[Story] = []
    for idx in members.values():
        ids = [docs[i].article_id for i in idx]
        when = sorted(d.isoformat() for d in (days[i] for i in idx) if d is not None)
        head = min(idx, key=lambda i: (docs[i].published or "9999", docs[i].article_id))
        stories.append(
            Story(
                id=story_id(ids),
                title=docs[head].title,
                first_date=when[0] if when else None,
                last_date=when[-1] if when else None,
                article_ids=ids,
                n_independent=len({groups.get(a, a) for a in ids}),
            )
        )
    stories.sort(key=lambda s: (s.first_date or "9999", s.id))
    return stories


def story_docs(store: Store) -> list[StoryDoc]:
    """The articles of the store as :class:`StoryDoc` (entities from their reading layers)."""
    docs: list[StoryDoc] = []
    for row in article_meta(store):
        reading = load_reading(store, row["id"])
        keys = frozenset(e.kb_id or e.name.casefold() for e in reading.entities if e.label in _ENTITY_LABELS)
        docs.append(StoryDoc(row["id"], row["title"] or "", row["text"], row["published"], keys))
    return docs


def build_stories(store: Store, *, groups: Mapping[str, str] | None = None) -> list[Story]:
    """Stories over every stored article."""
    docs = story_docs(store)
    return cluster_stories(docs, groups if groups is not None else independent_groups(store))

