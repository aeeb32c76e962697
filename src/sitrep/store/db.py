"""The SQLite store: the only module (with ``migrations``) that writes SQL.

``Store(path)`` opens or creates a database file in WAL mode and applies any
pending migration. Writes happen inside ``with store.batch():`` — one
transaction per batch, so a run killed mid-batch loses only that batch, and
every write is keyed by content so that running the same input again writes
nothing new.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.model import Article, Rejection, Removal
from sitrep.store.migrations import apply_migrations

ARTICLE_COLUMNS = (
    "id",
    "source",
    "locator",
    "kind",
    "url",
    "outlet",
    "title",
    "published",
    "published_from",
    "byline",
    "language",
    "wire_credits",
    "duplicate_of",
    "similarity",
    "raw_sha256",
    "warnings",
    "extra",
    "text",
)
# tables whose rows are the store's content: re-ingesting the same input leaves them unchanged
CONTENT_TABLES = (
    "articles",
    "article_sources",
    "removed_spans",
    "article_links",
    "minhash_bands",
    "rejections",
    "sentences",
    "entities",
    "mentions",
    "roles",
    "timexes",
    "quotes",
    "events",
)
_JSON_COLUMNS = {"wire_credits", "warnings", "extra"}


class Store:
    """A sitrep database file (``":memory:"`` for a throw-away one)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                if self.path != ":memory:":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute("PRAGMA foreign_keys = ON")
                apply_migrations(self.conn)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """One transaction: everything written inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def migrations(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        return [dict(r) for r in rows]

    # -- articles ----------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def source_article(self, source: str, locator: str) -> str | None:
        """The id of the article already stored for this source and locator, if any."""
        row = self.conn.execute(
            "SELECT article_id FROM article_sources WHERE source = ? AND locator = ?", (source, locator)
        ).fetchone()
        return None if row is None else str(row[0])

    def source_digest(self, source: str, locator: str) -> str | None:
        """The raw SHA-256 recorded when this source and locator were stored, if they were."""
        row = self.conn.execute(
            "SELECT raw_sha256 FROM article_sources WHERE source = ? AND locator = ?", (source, locator)
        ).fetchone()
        return None if row is None else row[0]

    def add_article(self, article: Article) -> bool:
        """Insert an article with its removed spans; False when its id was already stored."""
        values = []
        for col in ARTICLE_COLUMNS:
            value = getattr(article, col)
            if col in _JSON_COLUMNS:
                value = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
            values.append(value)
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}, n_chars) "
            f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}, ?)",
            (*values, len(article.text)),
        )
        if cur.rowcount == 0:
            return False
        self.conn.executemany(
            'INSERT OR IGNORE INTO removed_spans(article_id, seq, start, "end", reason, text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(article.id, i, r.start, r.end, r.reason, r.text) for i, r in enumerate(article.removed)],
        )
        return True

    def add_source(self, article_id: str, source: str, locator: str, raw_sha256: str | None) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO article_sources(source, locator, article_id, raw_sha256) VALUES (?, ?, ?, ?)",
            (source, locator, article_id, raw_sha256),
        )
        self.conn.execute("DELETE FROM rejections WHERE source = ? AND locator = ?", (source, locator))

    def set_duplicate(self, article_id: str, *, duplicate_of: str, similarity: float) -> None:
        self.conn.execute(
            "UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
            (duplicate_of, similarity, article_id),
        )

    def get_article(self, article_id: str, *, with_removed: bool = True) -> Article | None:
        """The article with this id, or with an id starting with it (at least 6 characters)."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6:
            rows = self.conn.execute(
                "SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id.replace("%", "") + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        article = _row_to_article(row)
        if with_removed:
            spans = self.conn.execute(
                'SELECT start, "end", text, reason FROM removed_spans WHERE article_id = ? ORDER BY seq',
                (article.id,),
            )
            article.removed = tuple(Removal(r[0], r[1], r[2], r[3]) for r in spans)
        return article

    def iter_articles(self, *, order: str = "rowid") -> Iterator[Article]:
        """Every stored article (without removed spans), streamed."""
        column = {"rowid": "rowid", "published": "published, rowid"}[order]
        for row in self.conn.execute(f"SELECT * FROM articles ORDER BY {column}"):
            yield _row_to_article(row)

    def list_articles(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, published, outlet, title, language, duplicate_of, similarity, n_chars, source "
            "FROM articles ORDER BY rowid LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [dict(r) for r in rows]

    def article_sources(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT source, locator, raw_sha256 FROM article_sources WHERE article_id = ? "
            "ORDER BY source, locator",
            (article_id,),
        )
        return [dict(r) for r in rows]

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (SQLite FTS5 syntax; plain words are ANDed)."""
        sql = (
            "SELECT a.id, a.published, a.outlet, a.title, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # not valid FTS5 syntax: search for the words as a phrase-free token list
            words = " ".join('"' + w.replace('"', "") + '"' for w in query.split())
            rows = self.conn.execute(sql, (words, limit)).fetchall() if words else []
        return [dict(r) for r in rows]

    # -- near-copies -------------------------------------------------------------------------------

    def lsh_candidates(self, bands: Sequence[int], *, min_shared: int = 1) -> list[str]:
        """Ids of stored articles sharing at least ``min_shared`` LSH band hashes, most shared first."""
        if not bands:
            return []
        # one indexed point lookup per band (a row-value IN list would scan the whole table)
        lookups = " UNION ALL ".join(
            "SELECT article_id FROM minhash_bands WHERE band = ? AND hash = ?" for _ in bands
        )
        params: list[int] = []
        for band, value in enumerate(bands):
            params.extend((band, value))
        rows = self.conn.execute(
            f"SELECT article_id, count(*) AS n FROM ({lookups}) "
            "GROUP BY article_id HAVING n >= ? ORDER BY n DESC, article_id",
            (*params, min_shared),
        )
        return [str(r[0]) for r in rows]

    def add_bands(self, article_id: str, bands: Sequence[int]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands(band, hash, article_id) VALUES (?, ?, ?)",
            [(band, value, article_id) for band, value in enumerate(bands)],
        )

    def add_link(
        self,
        article_id: str,
        other_id: str,
        *,
        kind: str,
        similarity: float,
        containment: float,
        paragraph_overlap: float,
    ) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO article_links"
            "(article_id, other_id, kind, similarity, containment, paragraph_overlap) VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, other_id, kind, similarity, containment, paragraph_overlap),
        )

    def links(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT article_id, other_id, kind, similarity, containment, paragraph_overlap FROM article_links "
            "WHERE article_id = ? OR other_id = ? ORDER BY similarity DESC",
            (article_id, article_id),
        )
        return [dict(r) for r in rows]

    def article_heads(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles by id without their text (metadata only), for quick decisions."""
        out: dict[str, Article] = {}
        for article_id in ids:
            row = self.conn.execute(
                f"SELECT {', '.join(c for c in ARTICLE_COLUMNS if c != 'text')}, '' AS text "
                "FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            if row is not None:
                out[article_id] = _row_to_article(row)
        return out

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for article_id in ids:
            row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is not None:
                out[article_id] = str(row[0])
        return out

    # -- rejections and runs -----------------------------------------------------------------------

    def add_rejection(self, rejection: Rejection) -> None:
        self.conn.execute(
            "INSERT INTO rejections(source, locator, code, detail) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source, locator) DO UPDATE SET code = excluded.code, detail = excluded.detail",
            (rejection.source, rejection.locator, rejection.code, rejection.detail),
        )

    def rejections(self) -> list[Rejection]:
        rows = self.conn.execute(
            "SELECT source, locator, code, detail FROM rejections ORDER BY source, locator"
        )
        return [Rejection(r[0], r[1], r[2], r[3]) for r in rows]

    def start_run(self, args: Sequence[str]) -> int:
        cur = self.conn.execute(
            "INSERT INTO ingest_runs(started_at, args) VALUES (?, ?)",
            (_now(), json.dumps(list(args), ensure_ascii=False)),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?",
            (_now(), json.dumps(summary, ensure_ascii=False), run_id),
        )

    # -- statistics --------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        one = self._scalar
        by_language = self.conn.execute(
            "SELECT coalesce(language, 'unknown') AS k, count(*) AS n FROM articles GROUP BY k ORDER BY n DESC"
        )
        by_from = self.conn.execute(
            "SELECT coalesce(published_from, 'none') AS k, count(*) AS n FROM articles GROUP BY k ORDER BY n DESC"
        )
        by_code = self.conn.execute(
            "SELECT code AS k, count(*) AS n FROM rejections GROUP BY k ORDER BY n DESC"
        )
        by_link = self.conn.execute(
            "SELECT kind AS k, count(*) AS n FROM article_links GROUP BY k ORDER BY n DESC"
        )
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "sources": one("SELECT count(*) FROM article_sources"),
            "exact_duplicates": one("SELECT count(*) FROM article_sources")
            - one("SELECT count(*) FROM articles"),
            "near_copies": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "links": {r["k"]: r["n"] for r in by_link},
            "rejections": {r["k"]: r["n"] for r in by_code},
            "languages": {r["k"]: r["n"] for r in by_language},
            "published_from": {r["k"]: r["n"] for r in by_from},
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
            "first_published": one("SELECT min(published) FROM articles"),
            "last_published": one("SELECT max(published) FROM articles"),
            "runs": one("SELECT count(*) FROM ingest_runs"),
            "schema_version": one("SELECT max(version) FROM schema_migrations"),
        }

    def table_rows(self, table: str) -> list[tuple[Any, ...]]:
        """All rows of one content table in a stable order (used to compare two stores)."""
        if table not in CONTENT_TABLES:
            raise StoreError(f"not a content table: {table}")
        return [tuple(r) for r in self.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]

    def _scalar(self, sql: str) -> Any:
        row = self.conn.execute(sql).fetchone()
        return None if row is None else row[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row_to_article(row: sqlite3.Row) -> Article:
    data = {col: row[col] for col in ARTICLE_COLUMNS}
    for col in _JSON_COLUMNS:
        data[col] = json.loads(data[col]) if data[col] else None
    return Article.from_dict(data)
