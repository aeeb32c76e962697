"""``analyze``: read and code (events) the stored articles not yet analysed.

Incremental and resumable: an article's layers and its ``analyses`` row are
written in one transaction per batch, so re-running analyses only what is
missing (or what an older pipeline version read), and a killed run loses at most
the batch in flight.

With ``workers > 1`` each batch is read and coded by forked worker processes
that share the parent's loaded pipeline (copy-on-write: nothing is loaded
twice); the parent alone touches the store, so results are saved in the same
order and the same transactions as a single-process run.

An article that cannot be read or coded (a bug of ours that this text exposes)
does not stop the run: it is stored with no layers and its ``analyses`` row
carries the error (exception type, message and the line that raised), the
summary lists it under ``failed``, and the batch goes on. Re-running the same
pipeline version does not retry it; a new version (a fix) does.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sitrep.events.extract import code_events
from sitrep.events.record import Event
from sitrep.model import Article
from sitrep.nlp.layers import LAYER_NAMES, Reading
from sitrep.nlp.options import NerKind, ParserKind
from sitrep.nlp.read import PackedReading, Reader, pack_reading, read_doc, unpack_reading
from sitrep.store.db import Store
from sitrep.store.events import save_events
from sitrep.store.reading import pending_article_ids, save_reading
from sitrep.store.verify import verify_pending
from sitrep.verify.run import verify_store

__all__ = ["AnalyzeSummary", "ReadPool", "analyze", "auto_workers"]

#: Below this many pending articles a worker pool costs more than it saves.
POOL_MIN_ARTICLES = 64

#: Text of our own that runs every reading layer and the event coder once before a pool forks, so
#: that their one-off setup (compiled name patterns, word lists) is done once and shared, not per worker.
WARM_UP_TEXT = (
    "Defence Minister Jane Roe of Ruritania met U.S. Defense Secretary Lloyd Austin in Brussels on Thursday. "
    '"We will keep working together," Austin told reporters, the Pentagon said in a statement.'
)

_Result = tuple[Article, Reading, list[Event], str | None]  # the last part: why it failed
_PackedResult = tuple[Article, PackedReading, list[Event], str | None]  # what a worker sends back
_T = TypeVar("_T")
_P = TypeVar("_P")
_WORKER_READER: Reader | None = None  # set in the parent before forking the pool


@dataclass(slots=True)
class AnalyzeSummary:
    pending: int = 0
    analysed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    words: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    version: str = ""
    verify: dict[str, Any] = field(default_factory=dict)
    failed: list[dict[str, str]] = field(default_factory=list)  # article_id and error of each failure

    def to_dict(self) -> dict[str, Any]:
        return {
            "pending": self.pending,
            "analysed": self.analysed,
            "skipped": dict(self.skipped),
            "words": self.words,
            "layers": dict(self.counts),
            "version": self.version,
            "verify": dict(self.verify),
            "failed": [dict(f) for f in self.failed],
        }


def analyze(
    store: Store,
    *,
    reader: Reader | None = None,
    batch_size: int = 32,
    limit: int | None = None,
    workers: int = 1,
    progress: Callable[[int], object] | None = None,
    ner: NerKind = "default",
    parser: ParserKind = "default",
) -> AnalyzeSummary:
    """Read every stored article that this reader's version has not analysed yet.

    Without ``reader`` the default one is loaded with entity recogniser ``ner`` and
    ``parser`` (``"minilm"``: the accurate ones, see :func:`sitrep.nlp.pipeline.load_pipeline`).
    ``workers`` > 1 reads and codes in that many forked processes (where the
    platform forks; elsewhere, and for fewer than :data:`POOL_MIN_ARTICLES`
    pending articles, one process does it). The stored result is the same.
    """
    reader = reader or Reader.load(ner=ner, parser=parser)
    summary = AnalyzeSummary(version=reader.version)
    ids = pending_article_ids(store, version=reader.version, limit=limit)
    summary.pending = len(ids)
    with ReadPool(reader, workers=workers if len(ids) >= POOL_MIN_ARTICLES else 1) as pool:
        batch_size = max(batch_size, 8 * pool.workers) if pool.workers > 1 else batch_size
        for i in range(0, len(ids), batch_size):
            articles = [a for a in (store.get_article(x, with_removed=False) for x in ids[i : i + batch_size]) if a]
            _save_batch(store, reader, pool.read_and_code(articles), summary)
            if progress is not None:
                progress(len(articles))
    if verify_pending(store):
        summary.verify = verify_store(store, kb=reader.kb).to_dict()
    elif summary.analysed:  # only what the new articles can change
        summary.verify = verify_store(store, kb=reader.kb, new_ids=ids).to_dict()
    return summary


def auto_workers() -> int:
    """A worker count for this machine: its usable cores, at most 8 (:func:`analyze` uses one for a small job)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


class ReadPool:
    """Reads and codes articles in ``workers`` forked processes (one process: in this one).

    The workers are forked after the reader is loaded, so they share its
    pipeline and knowledge base copy-on-write and load nothing; each keeps its
    matrix products to one thread (a worker per core). Readings come back packed
    as tuples (:func:`sitrep.nlp.read.pack_reading`: cheaper to pickle), in input
    order. Where the platform cannot fork, it reads in this process.
    """

    def __init__(self, reader: Reader, *, workers: int = 1) -> None:
        self.reader = reader
        forks = "fork" in multiprocessing.get_all_start_methods()
        self.workers = max(1, workers) if forks else 1
        self._pool: Any = None

    def __enter__(self) -> ReadPool:
        global _WORKER_READER
        if self.workers > 1:
            warm_up = Article(id="warm-up", source="sitrep:warm-up", text=WARM_UP_TEXT, published="2021-04-01")
            _read_and_code(self.reader, [warm_up])
            _WORKER_READER = self.reader
            self._pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=_worker_init)
        return self

    def __exit__(self, *exc: object) -> None:
        global _WORKER_READER
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
            _WORKER_READER = None

    def read_and_code(self, articles: Sequence[Article]) -> list[_Result]:
        """Each article with its reading and its events, in input order."""
        return self._map(_worker_read_and_code, _read_and_code, _unpack_result, articles)

    def read(self, articles: Sequence[Article]) -> list[Reading]:
        """Each article's reading (no event coding), in input order.

        A skipped article gets an empty reading, and so does one whose reading raises (the others go on).
        """
        return self._map(_worker_read, _read, unpack_reading, articles)

    def _map(
        self,
        worker: Callable[[list[Article]], list[_P]],
        local: Callable[[Reader, Sequence[Article]], list[_T]],
        unpack: Callable[[_P], _T],
        articles: Sequence[Article],
    ) -> list[_T]:
        """``local`` in this process, or ``worker`` over the pool on strided shares (its results
        ``unpack``-ed), in input order."""
        if self._pool is None or len(articles) < 2:
            return local(self.reader, articles)
        n = self.workers
        done: list[list[_P]] = self._pool.map(worker, [list(articles[k::n]) for k in range(n)])
        return [unpack(done[i % n][i // n]) for i in range(len(articles))]  # undo the striding


def _read(reader: Reader, articles: Sequence[Article]) -> list[Reading]:
    """Each article's reading; one whose reading raises gets an empty one, the others go on."""
    return [reading for _, reading, _, _ in _read_and_code(reader, articles, code=False)]


def _worker_init() -> None:
    from sitrep.nlp.speedups import blas_threads

    blas_threads(1)


def _worker_read(articles: list[Article]) -> list[PackedReading]:
    assert _WORKER_READER is not None, "the pool is forked after the reader is set"
    return [pack_reading(reading) for reading in _read(_WORKER_READER, articles)]


def _read_and_code(reader: Reader, articles: Sequence[Article], *, code: bool = True) -> list[_Result]:
    """Each article's reading and events (none unless ``code``); one that raises gets empty layers and its
    error, the others go on."""
    try:
        parsed = list(reader.parse_many(articles))
    except Exception as e:  # the parser failed on some text of the batch: find which, one at a time
        if len(articles) == 1:
            return [(articles[0], Reading(), [], _describe_error(e))]
        return [result for article in articles for result in _read_and_code(reader, [article], code=code)]
    results: list[_Result] = []
    for article, doc in parsed:
        if doc is None:
            results.append((article, Reading(), [], None))
            continue
        try:
            reading = read_doc(doc, article=article, kb=reader.kb)
            events = code_events(doc, reading, article=article, kb=reader.kb) if code else []
        except Exception as e:
            results.append((article, Reading(), [], _describe_error(e)))
            continue
        results.append((article, reading, events, None))
    return results


def _describe_error(error: BaseException) -> str:
    """``Type: message (at module.py:line in function)``: what a bug report about this article needs."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    lines = str(error).strip().splitlines()
    message = f": {lines[0][:300]}" if lines else ""
    return f"{type(error).__name__}{message}{where}"


def _worker_read_and_code(articles: list[Article]) -> list[_PackedResult]:
    assert _WORKER_READER is not None, "the pool is forked after the reader is set"
    return [(a, pack_reading(r), events, error) for a, r, events, error in _read_and_code(_WORKER_READER, articles)]


def _unpack_result(packed: _PackedResult) -> _Result:
    article, reading, events, error = packed
    return article, unpack_reading(reading), events, error


def _save_batch(store: Store, reader: Reader, results: Sequence[_Result], summary: AnalyzeSummary) -> None:
    with store.batch():
        for article, reading, events, error in results:
            reason = reader.skip_reason(article)
            if error is not None:
                reason = "failed"
                summary.failed.append({"article_id": article.id, "error": error})
            if reason is not None:
                key = reason.split(":")[0]
                summary.skipped[key] = summary.skipped.get(key, 0) + 1
            n_words = len(article.text.split())
            save_reading(
                store, article.id, reading, pipeline="read", version=reader.version, n_words=n_words, error=error
            )
            save_events(store, article.id, events)
            summary.counts["events"] = summary.counts.get("events", 0) + len(events)
            summary.analysed += 1
            summary.words += n_words if reason is None else 0
            for name in LAYER_NAMES:
                summary.counts[name] = summary.counts.get(name, 0) + len(getattr(reading, name))
