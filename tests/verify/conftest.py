"""Shared fixtures of the verification tests: a store analysed from reports written for a test."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import find_flags

#: (key, outlet, published, title, text) of one report written for a test.
Report = tuple[str, str, str, str, str]
FeedStore = Callable[[str, Sequence[Report]], tuple[Path, dict[str, str]]]


@pytest.fixture(scope="session")
def feed_store(tmp_path_factory: pytest.TempPathFactory, reader: Reader) -> FeedStore:
    """``feed_store(name, reports)``: the reports as a JSONL feed, ingested and analysed into a new store;
    returns the store's path and outlet -> article id."""

    def build(name: str, reports: Sequence[Report]) -> tuple[Path, dict[str, str]]:
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
        return db, ids

    return build


@pytest.fixture(scope="session")
def flags_in() -> Callable[..., list[dict[str, Any]]]:
    """``flags_in(db, **where)``: the flags stored in a store (``where``: find_flags' filters)."""

    def flags(db: Path, **where: Any) -> list[dict[str, Any]]:
        with Store(db) as store:
            return find_flags(store, **where)

    return flags
