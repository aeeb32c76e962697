"""``analyze``: read and code (events) the stored articles not yet analysed.

Incremental and resumable: an article's layers and its ``analyses`` row are
written in one transaction per batch, so re-running analyses only what is
missing (or what an older pipeline version read), and a killed run loses at most
the batch in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sitrep.events.extract import code_events
from sitrep.events.record import Event
from sitrep.model import Article
from sitrep.nlp.layers import LAYER_NAMES, Reading
from sitrep.nlp.read import Reader, read_doc
from sitrep.store.db import Store
from sitrep.store.events import save_events
from sitrep.store.reading import pending_article_ids, save_reading
from sitrep.store.verify import verify_pending
from sitrep.verify.run import verify_store

__all__ = ["AnalyzeSummary", "analyze"]


@dataclass(slots=True)
class AnalyzeSummary:
    pending: int = 0
    analysed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    words: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    version: str = ""
    verify: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "analysed": self.analysed,
            "skipped": dict(self.skipped),
            "words": self.words,
            "layers": dict(self.counts),
            "version": self.version,
            "verify": dict(self.verify),
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
        results: list[tuple[Article, Reading, list[Event]]] = []
        for article, doc in reader.parse_many(articles):
            if doc is None:
                results.append((article, Reading(), []))
                continue
            reading = read_doc(doc, article=article, kb=reader.kb)
            results.append((article, reading, code_events(doc, reading, article=article, kb=reader.kb)))
        with store.batch():
            for article, reading, events in results:
                reason = reader.skip_reason(article)
                if reason is not None:
                    key = reason.split(":")[0]
                    summary.skipped[key] = summary.skipped.get(key, 0) + 1
                n_words = len(article.text.split())
                save_reading(
                    store, article.id, reading, pipeline="read", version=reader.version, n_words=n_words
                )
                save_events(store, article.id, events)
                summary.counts["events"] = summary.counts.get("events", 0) + len(events)
                summary.analysed += 1
                summary.words += n_words if reason is None else 0
                for name in LAYER_NAMES:
                    summary.counts[name] = summary.counts.get(name, 0) + len(getattr(reading, name))
        if progress is not None:
            progress(len(articles))
    if verify_pending(store):
        summary.verify = verify_store(store, kb=reader.kb).to_dict()
    elif summary.analysed:  # only what the new articles can change
        summary.verify = verify_store(store, kb=reader.kb, new_ids=ids).to_dict()
    return summary
