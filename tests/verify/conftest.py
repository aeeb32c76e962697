"""Shared fixtures of the verification tests: a store analysed from reports written for a test.

A test module that writes one corpus names it ``REPORTS`` and takes the ``feed``
fixture: the reports analysed into a store of the module's own, with the outlet
-> article id table and the stored flags (``feed.ids``, ``feed.flags(**where)``).
A module with several corpora builds each with ``feed_store(name, reports)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import find_flags

#: (key, outlet, published, title, text) of one report written for a test.
Report = tuple[str, str, str, str, str]


class Feed(NamedTuple):
    """A store analysed from reports written for a test (unpacks as ``db, ids``)."""

    db: Path
    ids: dict[str, str]  # outlet -> article id

    def flags(self, **where: Any) -> list[dict[str, Any]]:
        """The flags stored (``where``: find_flags' filters)."""
        with Store(self.db) as store:
            return find_flags(store, **where)


FeedStore = Callable[[str, Sequence[Report]], Feed]


@pytest.fixture(scope="session")
def feed_store(tmp_path_factory: pytest.TempPathFactory, reader: Reader) -> FeedStore:
    """``feed_store(name, reports)``: the reports as a JSONL feed, ingested and analysed into a new store."""

    def build(name: str, reports: Sequence[Report]) -> Feed:
        folder = tmp_path_factory.mktemp(name)
        feed = folder / "reports.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for key, outlet, published, title, text in reports:
                slug = title.lower().replace(" ", "-").replace("'", "")
                record = {"id": key, "outlet": outlet, "url": f"https://{key.lower()}.example/{slug}",
                          "published": published, "title": title, "text": text}
                out.write(json.dumps(record) + "\n")
        db = folder / f"{name}.db"
        with Store(db) as store:
            ingest([str(feed)], store)
            analyze(store, reader=reader)
            ids = {r[1]: r[0] for r in store.conn.execute("SELECT id, outlet FROM articles")}
        return Feed(db, ids)

    return build


@pytest.fixture(scope="module")
def feed(request: pytest.FixtureRequest, feed_store: FeedStore) -> Feed:
    """The test module's ``REPORTS``, analysed into a store named after the module (built once per module)."""
    module = request.module
    return feed_store(module.__name__.rsplit(".", 1)[-1], module.REPORTS)

