"""Stores for the flag benchmark: one analysed base store, copied per round, with perturbed copies added.

The base store is the example corpus ingested and analysed once. A round is a
copy of it (SQLite backup API) to which perturbed copies are added through the
real ingest path (:func:`~sitrep.ingest.batch.ingest_items`: cleaning,
metadata, near-copy links) and then :func:`~sitrep.analyze.analyze` (only the
new articles are read; verification recomputes stories, consensus and flags).
:func:`remove_cluster` takes an article and everything linked to it as a copy
or rewrite out of a store, for the cross-source case where a copy's original
is not at hand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest, ingest_items
from sitrep.model import RawDoc
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.verify.perturb import Perturbation
from sitrep.verify.records import Span
from sitrep.verify.run import verify_store

__all__ = [
    "StoredCopy",
    "add_copies",
    "build_base",
    "copy_store",
    "map_span",
    "remove_cluster",
]

BENCH_SOURCE = "sitrep-bench"


@dataclass(slots=True, frozen=True)
class StoredCopy:
    """Where a perturbed copy landed: its stored id and text (``None`` when ingest did not store it apart)."""

    perturbation_id: str
    article_id: str | None
    text: str


def build_base(path: Path, *, examples: Path, reader: Reader) -> Path:
    """Ingest and analyse the example corpus into a new store at ``path``."""
    with Store(path) as store:
        ingest([str(examples / "articles"), str(examples / "feeds")], store)
        analyze(store, reader=reader)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of the SQLite store ``source`` at ``target`` (WAL included)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _cluster(store: Store, article_id: str) -> set[str]:
    """``article_id`` and every article reachable from it through copy links or ``duplicate_of``."""
    edges: dict[str, set[str]] = {}
    rows = store.conn.execute("SELECT article_id, other_id FROM article_links").fetchall()
    rows += store.conn.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
    for a, b in rows:
        edges.setdefault(str(a), set()).add(str(b))
        edges.setdefault(str(b), set()).add(str(a))
    seen = {article_id}
    todo = [article_id]
    while todo:
        for other in edges.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def remove_cluster(store: Store, article_id: str, *, reader: Reader) -> set[str]:
    """Delete ``article_id``, its copies and rewrites (and what it copies) from ``store``, then re-verify.

    Every table with an ``article_id`` or ``other_id`` column loses those
    articles' rows; verification is recomputed so that stories, consensus and
    flags no longer see them. Returns the removed ids.
    """
    ids = sorted(_cluster(store, article_id))
    marks = ", ".join("?" for _ in ids)
    tables = [
        str(r[0])
        for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'articles'")
    ]
    store.conn.execute("PRAGMA foreign_keys = OFF")
    with store.batch():
        for table in tables:
            columns = {str(r[1]) for r in store.conn.execute(f"PRAGMA table_info('{table}')")}
            for column in sorted(columns & {"article_id", "other_id"}):
                store.conn.execute(f'DELETE FROM "{table}" WHERE "{column}" IN ({marks})', ids)
        store.conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
    store.conn.execute("PRAGMA foreign_keys = ON")
    verify_store(store, kb=reader.kb)
    return set(ids)


def add_copies(store: Store, copies: Sequence[Perturbation], *, reader: Reader, label: str) -> list[StoredCopy]:
    """Ingest ``copies`` as new articles (own outlet and url, the original's date), then analyse them."""
    items = [
        RawDoc(
            source=f"{BENCH_SOURCE}/{item.id}",
            locator="",
            kind="text",
            text=item.article.text,
            meta={
                "url": f"https://bench.sitrep.invalid/{item.id}",
                "outlet": f"Bench Copy {item.id}",
                "title": item.article.title,
                "published": item.article.published,
            },
        )
        for item in copies
    ]
    before = {str(r[0]) for r in store.conn.execute("SELECT id FROM articles")}
    ingest_items(items, store, label=label)
    analyze(store, reader=reader)
    out: list[StoredCopy] = []
    for item, raw in zip(copies, items, strict=True):
        stored_id = store.source_article(raw.source, raw.locator)
        if stored_id is None or stored_id in before:
            out.append(StoredCopy(item.id, None, ""))
            continue
        article = store.get_article(stored_id, with_removed=False)
        out.append(StoredCopy(item.id, stored_id, article.text if article else ""))
    return out


def map_span(span: Span, source: str, target: str) -> Span | None:
    """``span`` of ``source`` located in ``target`` (ingest may drop whole lines); ``None`` if it was dropped."""
    if source == target:
        return span
    blocks = SequenceMatcher(None, source, target, autojunk=False).get_matching_blocks()

    def where(pos: int) -> int | None:
        for a, b, size in blocks:
            if a <= pos < a + size:
                return b + pos - a
        return None

    if span.start == span.end:
        start = where(span.start)
        return None if start is None else Span(start, start, "")
    start, last = where(span.start), where(span.end - 1)
    if start is None or last is None:
        return None
    return Span(start, last + 1, target[start : last + 1])
