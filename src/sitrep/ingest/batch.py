"""Ingest a pile of inputs into a store, in batches, idempotently.

Each input goes: reader -> :func:`~sitrep.ingest.build.build_article` ->
exact-duplicate check (content id) -> near-copy check (MinHash LSH) -> store.
One transaction per batch: a run killed mid-batch loses that batch only, and
running again skips what is stored (same source, same bytes) and redoes the
rest, so it ends with exactly the rows of an uninterrupted run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sitrep.ingest import dedup
from sitrep.ingest.build import BuildOptions, build_article, raw_sha256
from sitrep.ingest.options import ReadOptions
from sitrep.ingest.sources import iter_inputs
from sitrep.model import Article, RawDoc, Rejection
from sitrep.store.db import Store

log = logging.getLogger(__name__)

MAX_LISTED_REJECTIONS = 50


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run read, stored, linked and rejected."""

    inputs: int = 0
    new_articles: int = 0
    unchanged: int = 0
    exact_duplicates: int = 0
    near_copies: int = 0
    rejected: int = 0
    rejections_by_code: Counter[str] = field(default_factory=Counter)
    rejections: list[dict[str, str]] = field(default_factory=list)
    removed_by_reason: Counter[str] = field(default_factory=Counter)
    published_from: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    links: Counter[str] = field(default_factory=Counter)

    @property
    def accepted(self) -> int:
        """Inputs that are in the store after this run (new, unchanged or duplicates)."""
        return self.new_articles + self.unchanged + self.exact_duplicates

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "accepted": self.accepted,
            "new_articles": self.new_articles,
            "unchanged": self.unchanged,
            "exact_duplicates": self.exact_duplicates,
            "near_copies": self.near_copies,
            "rejected": self.rejected,
            "rejections_by_code": dict(self.rejections_by_code),
            "rejections": self.rejections,
            "removed_lines_by_reason": dict(self.removed_by_reason),
            "published_from": dict(self.published_from),
            "languages": dict(self.languages),
            "links": dict(self.links),
        }


def ingest(
    args: Sequence[str],
    store: Store,
    *,
    read_options: ReadOptions | None = None,
    build_options: BuildOptions | None = None,
    batch_size: int = 100,
    stdin: BinaryIO | None = None,
    progress: Callable[[int], object] | None = None,
) -> IngestSummary:
    """Read every input named in ``args`` into ``store``; never raises for bad input."""
    summary = IngestSummary()
    run_id = store.start_run(args)
    items = iter_inputs(args, options=read_options or ReadOptions(), stdin=stdin)
    for chunk in _chunks(items, batch_size):
        with store.batch():
            for item in chunk:
                _ingest_one(item, store, summary, build_options)
        if progress is not None:
            progress(len(chunk))
    store.finish_run(run_id, summary.to_dict())
    return summary


def ingest_items(
    items: Iterable[RawDoc | Rejection],
    store: Store,
    *,
    label: str,
    build_options: BuildOptions | None = None,
) -> IngestSummary:
    """Store already-read inputs (e.g. records posted to the HTTP API) as one batch and one run.

    The same per-input step as :func:`ingest`: the same input stored again changes nothing.
    """
    summary = IngestSummary()
    run_id = store.start_run([label])
    with store.batch():
        for item in items:
            _ingest_one(item, store, summary, build_options)
    store.finish_run(run_id, summary.to_dict())
    return summary


def _chunks(items: Iterable[RawDoc | Rejection], size: int) -> Iterable[list[RawDoc | Rejection]]:
    chunk: list[RawDoc | Rejection] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ingest_one(
    item: RawDoc | Rejection, store: Store, summary: IngestSummary, options: BuildOptions | None
) -> None:
    summary.inputs += 1
    if isinstance(item, Rejection):
        _reject(item, store, summary)
        return
    digest = raw_sha256(item)
    if store.source_digest(item.source, item.locator) == digest:
        summary.unchanged += 1
        return
    try:
        result = build_article(item, options=options)
    except Exception as e:  # a bug in a stage must not cost the batch: record it and go on
        log.exception("could not build an article from %s%s", item.source, item.locator)
        result = Rejection(
            item.source, item.locator, "unsupported", f"internal error: {type(e).__name__}: {e}"
        )
    if isinstance(result, Rejection):
        _reject(result, store, summary)
        return
    for removal in result.removed:
        summary.removed_by_reason[removal.reason] += 1
    if store.has_article(result.id):
        store.add_source(result.id, item.source, item.locator, digest)
        summary.exact_duplicates += 1
        return
    _link_near_copies(result, store, summary)
    store.add_source(result.id, item.source, item.locator, digest)
    summary.new_articles += 1
    summary.published_from[result.published_from or "none"] += 1
    summary.languages[result.language or "unknown"] += 1


def _link_near_copies(article: Article, store: Store, summary: IngestSummary) -> None:
    """Find stored articles this one copies (or that copy it); store it with the links.

    The direction of each link (which is the copy, which the original) comes
    from :func:`is_original`; ``duplicate_of`` of the copy points at its most
    similar original.
    """
    shingle_set = dedup.shingles(article.text)
    bands = dedup.band_hashes(dedup.signature(shingle_set))
    candidates = store.lsh_candidates(bands, min_shared=dedup.MIN_SHARED_BANDS)
    heads = store.article_heads(candidates)
    mine: list[tuple[str, dedup.Overlap, str]] = []  # this article copies them
    theirs: list[tuple[str, dedup.Overlap, str]] = []  # they copy this article
    for other_id, other_text in store.texts(candidates).items():
        overlap = dedup.compare(article.text, other_text, text_shingles=shingle_set)
        kind = overlap.kind
        if kind is None:
            continue
        other = heads[other_id]
        if is_original(article, other):
            theirs.append((other_id, overlap, kind))
        else:
            mine.append((other_id, overlap, kind))
    if mine:
        other_id, overlap, _ = max(mine, key=lambda m: (max(m[1].jaccard, m[1].containment), m[0]))
        article.duplicate_of = other_id
        article.similarity = overlap.jaccard
        summary.near_copies += 1
    store.add_article(article)
    for other_id, overlap, kind in mine:
        store.add_link(
            article.id,
            other_id,
            kind=kind,
            similarity=overlap.jaccard,
            containment=overlap.containment,
            paragraph_overlap=overlap.paragraph_overlap,
        )
        summary.links[kind] += 1
    for other_id, overlap, kind in theirs:
        store.add_link(
            other_id,
            article.id,
            kind=kind,
            similarity=overlap.jaccard,
            containment=overlap.containment,
            paragraph_overlap=overlap.paragraph_overlap,
        )
        summary.links[kind] += 1
        current = heads[other_id].duplicate_of
        if current is None:
            summary.near_copies += 1
        if current is None or _more_original(article, current, store):
            store.set_duplicate(other_id, duplicate_of=article.id, similarity=overlap.jaccard)
    store.add_bands(article.id, bands)


def _more_original(article: Article, current_id: str, store: Store) -> bool:
    current = store.article_heads([current_id]).get(current_id)
    return current is None or is_original(article, current)


def is_original(new: Article, stored: Article) -> bool:
    """Whether ``new`` is the original that the already stored article copies.

    Earlier publication date wins; on a tie or a missing date, the article whose
    outlet the other credits as its wire source ("With reporting by ...") is
    the original; otherwise the article stored first is.
    """
    if new.published and stored.published and new.published != stored.published:
        return new.published < stored.published
    credits_new = {c.casefold() for c in new.wire_credits}
    credits_stored = {c.casefold() for c in stored.wire_credits}
    return bool(
        new.outlet
        and new.outlet.casefold() in credits_stored
        and not (stored.outlet and stored.outlet.casefold() in credits_new)
    )


def _reject(rejection: Rejection, store: Store, summary: IngestSummary) -> None:
    store.add_rejection(rejection)
    summary.rejected += 1
    summary.rejections_by_code[rejection.code] += 1
    if len(summary.rejections) < MAX_LISTED_REJECTIONS:
        summary.rejections.append(rejection.to_dict())
