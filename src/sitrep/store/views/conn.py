"""The read-only connection the views use: schema awareness, memoised totals, pages."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sitrep.errors import StoreError

T = TypeVar("T")

#: tables written by later stages; absent tables read as empty
LATER_TABLES = ("events", "canonical_events", "stories", "flags")
LAYER_TABLES = ("sentences", "mentions", "entities", "roles", "timexes", "quotes")


@dataclass(slots=True)
class Page:
    """One page of a list: the rows and how many rows match in all."""

    items: list[dict[str, Any]]
    total: int
    extra: dict[str, Any] = field(default_factory=dict)


class Memo:
    """Results of expensive whole-store queries (totals, aggregates), shared by a server's connections.

    Entries are valid for one store *fingerprint* (see :meth:`ViewConn.fingerprint`);
    when it changes (rows added, schema migrated) the memo starts empty again.
    Threads asking for the same entry at once compute it once: the others wait for it.
    """

    def __init__(self, *, max_entries: int = 1024) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._fingerprint: tuple[Any, ...] | None = None
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._computing: dict[Any, threading.Lock] = {}

    def _lookup(self, fingerprint: tuple[Any, ...], key: Any) -> tuple[bool, Any]:
        """(found, value), under the memo's lock."""
        if fingerprint != self._fingerprint:
            self._data.clear()
            self._fingerprint = fingerprint
        if key in self._data:
            self._data.move_to_end(key)
            return True, self._data[key]
        return False, None

    def get(self, fingerprint: tuple[Any, ...], key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            found, value = self._lookup(fingerprint, key)
            if found:
                return cast("T", value)
            entry_lock = self._computing.setdefault((fingerprint, key), threading.Lock())
        with entry_lock:  # one thread computes; the others wait here, then find its result
            try:
                with self._lock:
                    found, value = self._lookup(fingerprint, key)
                if not found:
                    value = compute()
                    with self._lock:
                        if fingerprint == self._fingerprint:
                            self._data[key] = value
                            if len(self._data) > self.max_entries:
                                self._data.popitem(last=False)  # least recently used
            finally:
                with self._lock:
                    self._computing.pop((fingerprint, key), None)
        return cast("T", value)


class ViewConn:
    """A read-only connection with the store's table and column names, refreshed when the schema changes.

    The schema is read from ``sqlite_master`` once, and again only when
    ``PRAGMA schema_version`` moves (a migration ran while the server was up).
    With a :class:`Memo`, whole-store totals and aggregates are computed once
    per store state and shared.
    """

    def __init__(self, conn: sqlite3.Connection, *, memo: Memo | None = None) -> None:
        self.conn = conn
        self.memo = memo
        self._version = -1
        self._tables: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._fingerprint_sql = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def refresh(self) -> None:
        version = int(self.conn.execute("PRAGMA schema_version").fetchone()[0])
        if version == self._version:
            return
        with self._lock:
            names = [
                str(r[0])
                for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            ]
            tables: dict[str, tuple[str, ...]] = {}
            for name in names:
                cols = self.conn.execute("SELECT name FROM pragma_table_xinfo(?)", (name,)).fetchall()
                tables[name] = tuple(str(c[0]) for c in cols)
            self._tables = tables
            self._version = version
            watched = [
                t
                for t in ("articles", "article_links", "rejections", "analyses", *LATER_TABLES)
                if t in tables
            ]
            self._fingerprint_sql = "SELECT " + ", ".join(f'(SELECT max(rowid) FROM "{t}")' for t in watched)

    def fingerprint(self) -> tuple[Any, ...]:
        """The schema version and the newest rowid of each watched table: changes whenever rows are added."""
        self.refresh()
        return (self._version, *tuple(self.conn.execute(self._fingerprint_sql).fetchone()))

    def cached(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, remembered in the memo for the current store state (computed each time without one)."""
        if self.memo is None:
            return compute()
        return self.memo.get(self.fingerprint(), key, compute)

    def has(self, table: str) -> bool:
        self.refresh()
        return table in self._tables

    def columns(self, table: str) -> tuple[str, ...]:
        self.refresh()
        return self._tables.get(table, ())

    def close(self) -> None:
        self.conn.close()


def open_readonly(path: str | Path, *, memo: Memo | None = None) -> ViewConn:
    """Open the store file read-only (``StoreError`` when it is missing or not a sitrep store)."""
    file = Path(path).resolve()
    if not file.is_file():
        raise StoreError(f"no database at {path}: run `sitrep ingest PATH --db {path}` first")
    try:
        conn = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA query_only = ON")
        view = ViewConn(conn, memo=memo)
        if not view.has("articles"):
            conn.close()
            raise StoreError(f"{path} is not a sitrep store (no articles table)")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from e
    return view


def _count(view: ViewConn, sql: str, params: Sequence[Any] = ()) -> int:
    """A count, remembered for the current store state (totals are whole-table scans at scale)."""
    return view.cached(("count", sql, tuple(params)), lambda: int(view.execute(sql, params).fetchone()[0]))


def dense(view: ViewConn, total: int, table: str) -> bool:
    """True when ``total`` matching rows are at least 1 in 50 of ``table``'s rows: then walking a list in
    its order finds a page of matches quickly, sooner than collecting and sorting every match."""
    return total * 50 >= _count(view, f'SELECT count(*) FROM "{table}"')


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(value: str) -> str:
    return _like_escape(value) + "%"


def _like_contains(value: str) -> str:
    return "%" + _like_escape(value) + "%"


def _decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-looking text values (lists and objects) decoded, so clients get structures, not strings."""
    for key, value in row.items():
        if isinstance(value, str) and value[:1] in ("[", "{"):
            with contextlib.suppress(ValueError):
                row[key] = json.loads(value)
    return row


def _json_or(value: Any, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default
