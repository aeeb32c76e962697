"""``analyze``: run the reading stage (and later stages) on stored articles not yet analysed.

Incremental and resumable: an article's layers and its ``analyses`` row are
written in one transaction per batch, so re-running analyses only what is
missing (or what an older pipeline version read), and a killed run loses at most
the batch in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.reading import pending_article_ids, save_reading

__all__ = ["AnalyzeSummary", "analyze"]


@dataclass(slots=True)
class AnalyzeSummary:
    pending: int = 0
    analysed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    words: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "analysed": self.analysed,
            "skipped": dict(self.skipped),
            "words": self.words,
            "layers": dict(self.counts),
            "version": self.version,
        }


def analyze(
    store: Store,
    *,
    reader: Reader | None = None,
    batch_size: int = 32,
    limit: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> AnalyzeSummary:
    """Read every stored article that this reader's version has not analysed yet."""
    reader = reader or Reader.load()
    summary = AnalyzeSummary(version=reader.version)
    ids = pending_article_ids(store, version=reader.version, limit=limit)
    summary.pending = len(ids)
    for i in range(0, len(ids), batch_size):
        articles = [a for a in (store.get_article(x, with_removed=False) for x in ids[i : i + batch_size]) if a]
        readings = list(reader.read_many(articles))
        with store.batch():
            for article, reading in zip(articles, readings, strict=True):
                reason = reader.skip_reason(article)
                if reason is not None:
                    key = reason.split(":")[0]
                    summary.skipped[key] = summary.skipped.get(key, 0) + 1
                n_words = len(article.text.split())
                save_reading(
                    store, article.id, reading, pipeline="read", version=reader.version, n_words=n_words
                )
                summary.analysed += 1
                summary.words += n_words if reason is None else 0
                for name in ("sentences", "mentions", "entities", "roles", "timexes", "quotes"):
                    summary.counts[name] = summary.counts.get(name, 0) + len(getattr(reading, name))
        if progress is not None:
            progress(len(articles))
    return summary
