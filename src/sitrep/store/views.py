"""Read-only views of the store for the HTTP API, the web pages and the static report.

Every function takes a :class:`ViewConn` (a read-only SQLite connection plus
what it knows about the schema) and returns plain JSON-ready dicts; the web
layer adds pagination links and never writes SQL itself. Queries are
parametrised; the only names put into SQL text are table and column names
checked against the live schema.

Tables of later stages (``events``, ``canonical_events``, ``stories``,
``flags``; migrations 4 and 5) may be absent in an older store: their views
then return no rows. Each has a fixed set of filters (see :data:`TABLE_FILTERS`);
canonical events carry their evidence (the articles of their mentions) and
flags their evidence passages with each article's outlet, title and date.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sitrep.errors import StoreError, UsageError

__all__ = [
    "LATER_TABLES",
    "TABLE_FILTERS",
    "TABLE_ORDER",
    "Memo",
    "Page",
    "ViewConn",
    "actors",
    "article_detail",
    "article_ids_for_source",
    "dyad",
    "dyad_pairs",
    "list_articles",
    "list_rows",
    "network",
    "open_readonly",
    "outlets",
    "quotes",
    "roles",
    "search",
    "stats",
]

T = TypeVar("T")

#: tables written by later stages; absent tables read as empty
LATER_TABLES = ("events", "canonical_events", "stories", "flags")
LAYER_TABLES = ("sentences", "mentions", "entities", "roles", "timexes", "quotes")

#: for each later-stage table, its API filters and the SQL condition each adds; every ``?`` takes the
#: filter's value (country codes are upper-cased first, see :data:`_UPPER`)
TABLE_FILTERS: dict[str, dict[str, str]] = {
    "events": {
        "since": '"date" >= ?',
        "until": '"date" <= ?',
        "type": '"type" = ? COLLATE NOCASE',
        "actor": '("source_actor" = ? COLLATE NOCASE OR "target_actor" = ? COLLATE NOCASE)',
        "country": '("source_country" = ? OR "target_country" = ?)',
        "article": '"article_id" = ?',
        "status": '"status" = ?',
        "story": '"id" IN (SELECT j.value FROM canonical_events c, json_each(c.mention_ids) j WHERE c.story_id = ?)',
    },
    "canonical_events": {
        "since": '"date" >= ?',
        "until": '"date" <= ?',
        "type": '"type" = ? COLLATE NOCASE',
        "country": '("source_country" = ? OR "target_country" = ?)',
        "story": '"story_id" = ?',
        "article": "EXISTS (SELECT 1 FROM json_each(canonical_events.mention_ids) j "
        "JOIN events e ON e.id = j.value WHERE e.article_id = ?)",
    },
    "stories": {
        "since": 'coalesce("last_date", "first_date") >= ?',
        "until": 'coalesce("first_date", "last_date") <= ?',
        "article": '"id" IN (SELECT story_id FROM story_articles WHERE article_id = ?)',
    },
    "flags": {
        "article": '"article_id" = ?',
        "story": '"story_id" = ?',
        "kind": '"kind" = ?',
        "severity": '"severity" = ?',
        "status": '"status" = ?',
    },
}
_UPPER = {"country"}
#: a date to the day (event dates may also be a year, a month, a week or a season: 2021, 2021-04, 2021-W15)
_DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"
#: the order of each later-stage list: newest first; flags most severe first
TABLE_ORDER: dict[str, str] = {
    "events": '"date" DESC, "article_id", "seq"',
    "canonical_events": '"date" DESC, "n_independent" DESC, "id"',
    "stories": 'coalesce("last_date", "first_date") DESC, "n_articles" DESC, "id"',
    "flags": "CASE \"severity\" WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, "
    '"article_id", "start", "id"',
}
#: the tables a filter's SQL reads besides its own (absent ones make the filter match nothing)
_FILTER_NEEDS = {("events", "story"): "canonical_events", ("canonical_events", "article"): "events",
                 ("stories", "article"): "story_articles"}
_NETWORK_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_ARTICLE_LIST_COLUMNS = (
    "a.id, a.title, a.outlet, a.published, a.published_from, a.language, a.n_chars, a.duplicate_of, "
    "a.similarity, a.url, a.byline"
)


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
    """

    def __init__(self, *, max_entries: int = 1024) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._fingerprint: tuple[Any, ...] | None = None
        self._data: OrderedDict[Any, Any] = OrderedDict()

    def get(self, fingerprint: tuple[Any, ...], key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            if fingerprint != self._fingerprint:
                self._data.clear()
                self._fingerprint = fingerprint
            if key in self._data:
                self._data.move_to_end(key)
                return cast("T", self._data[key])
        value = compute()
        with self._lock:
            if fingerprint == self._fingerprint:
                self._data[key] = value
                if len(self._data) > self.max_entries:
                    self._data.popitem(last=False)  # least recently used
        return value


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
                cols = self.conn.execute("SELECT name FROM pragma_table_info(?)", (name,)).fetchall()
                tables[name] = tuple(str(c[0]) for c in cols)
            self._tables = tables
            self._version = version
            watched = [t for t in ("articles", "article_links", "rejections", "analyses", *LATER_TABLES) if t in tables]
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


# --------------------------------------------------------------------------- articles


def _fts_query(q: str) -> str:
    """``q`` as a safe FTS5 query: each word quoted, so user input is never FTS syntax."""
    words = [w.replace('"', "") for w in q.split()]
    return " ".join(f'"{w}"' for w in words if w)


def list_articles(
    view: ViewConn,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    source: str | None = None,
    language: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Articles, newest first, with optional date range, outlet, source prefix, language and text filters."""
    where: list[str] = []
    params: list[Any] = []
    joins = ""
    if q:
        fts = _fts_query(q)
        if not fts:
            return Page([], 0)
        joins = " JOIN articles_fts f ON f.rowid = a.rowid"
        where.append("articles_fts MATCH ?")
        params.append(fts)
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if language:
        where.append("a.language = ?")
        params.append(language)
    if source:
        where.append(
            "EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND s.source LIKE ? ESCAPE '\\')"
        )
        params.append(_like_prefix(source))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = _count(view, f"SELECT count(*) FROM articles a{joins}{clause}", params)
    rows = view.execute(
        f"SELECT {_ARTICLE_LIST_COLUMNS}, "
        "(SELECT count(*) FROM article_sources s WHERE s.article_id = a.id) AS n_sources "
        f"FROM articles a{joins}{clause} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [dict(r) for r in rows]
    _mark_analysed(view, items)
    return Page(items, total)


def _count(view: ViewConn, sql: str, params: Sequence[Any] = ()) -> int:
    """A count, remembered for the current store state (totals are whole-table scans at scale)."""
    return view.cached(("count", sql, tuple(params)), lambda: int(view.execute(sql, params).fetchone()[0]))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(value: str) -> str:
    return _like_escape(value) + "%"


def _like_contains(value: str) -> str:
    return "%" + _like_escape(value) + "%"


def _mark_analysed(view: ViewConn, items: list[dict[str, Any]]) -> None:
    analysed: set[str] = set()
    if view.has("analyses") and items:
        marks = ",".join("?" * len(items))
        analysed = {
            str(r[0])
            for r in view.execute(
                f"SELECT article_id FROM analyses WHERE article_id IN ({marks})", [i["id"] for i in items]
            )
        }
    for item in items:
        item["analysed"] = item["id"] in analysed


def _resolve_id(view: ViewConn, article_id: str) -> str | None:
    row = view.execute("SELECT id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is not None:
        return str(row[0])
    if len(article_id) < 6 or not all(c in "0123456789abcdef" for c in article_id):
        return None
    rows = view.execute("SELECT id FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def article_detail(view: ViewConn, article_id: str) -> dict[str, Any] | None:
    """One article with text, metadata, sources, links, removed spans and every layer present (or None)."""
    resolved = _resolve_id(view, article_id)
    if resolved is None:
        return None
    row = view.execute("SELECT * FROM articles WHERE id = ?", (resolved,)).fetchone()
    out = {k: row[k] for k in row.keys() if k != "rowid"}  # noqa: SIM118  (sqlite3.Row has no __iter__ of keys)
    for key in ("wire_credits", "warnings", "extra"):
        out[key] = _json_or(out.get(key), [] if key != "extra" else {})
    by_id = (resolved,)
    out["sources"] = [
        dict(r)
        for r in view.execute(
            "SELECT source, locator, raw_sha256 FROM article_sources WHERE article_id = ? ORDER BY source, locator",
            by_id,
        )
    ]
    out["links"] = [
        dict(r)
        for r in view.execute(
            "SELECT l.kind, l.similarity, l.containment, l.paragraph_overlap, "
            "CASE WHEN l.article_id = ? THEN 'original' ELSE 'copy' END AS other_role, "
            "o.id AS other_id, o.title AS other_title, o.outlet AS other_outlet, o.published AS other_published "
            "FROM article_links l JOIN articles o "
            "ON o.id = CASE WHEN l.article_id = ? THEN l.other_id ELSE l.article_id END "
            "WHERE l.article_id = ? OR l.other_id = ? ORDER BY l.similarity DESC",
            (resolved, resolved, resolved, resolved),
        )
    ]
    out["removed"] = [
        dict(r)
        for r in view.execute(
            'SELECT seq, start, "end", reason, text FROM removed_spans WHERE article_id = ? ORDER BY seq', by_id
        )
    ]
    out["layers"] = _layers(view, resolved)
    out["analysis"] = None
    if view.has("analyses"):
        analysis = view.execute("SELECT * FROM analyses WHERE article_id = ?", by_id).fetchone()
        out["analysis"] = None if analysis is None else dict(analysis)
    out["events"] = list_rows(view, "events", filters={"article": resolved}, limit=1000).items
    out["flags"] = _flags_for(view, resolved)
    return out


def _layers(view: ViewConn, article_id: str) -> dict[str, list[dict[str, Any]]]:
    layers: dict[str, list[dict[str, Any]]] = {}
    for table in LAYER_TABLES:
        if not view.has(table):
            continue
        order = "rowid" if table == "entities" else "seq"
        rows = [
            dict(r) for r in view.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,))
        ]
        for row in rows:
            row.pop("article_id", None)
            if table == "entities":
                row["variants"] = _json_or(row.get("variants"), [])
            if table == "quotes":
                row["direct"] = bool(row["direct"])
        layers[table] = rows
    return layers


def _flags_for(view: ViewConn, article_id: str) -> list[dict[str, Any]]:
    return list_rows(view, "flags", filters={"article": article_id}, limit=1000).items


def article_ids_for_source(view: ViewConn, source: str) -> list[str]:
    """Ids of the articles stored from one source (in locator order)."""
    rows = view.execute(
        "SELECT article_id FROM article_sources WHERE source = ? ORDER BY locator", (source,)
    ).fetchall()
    return list(dict.fromkeys(str(r[0]) for r in rows))


def outlets(view: ViewConn) -> list[dict[str, Any]]:
    return view.cached(("outlets",), lambda: _outlets(view))


def _outlets(view: ViewConn) -> list[dict[str, Any]]:
    rows = view.execute(
        "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY articles DESC, outlet"
    )
    return [dict(r) for r in rows]


# --------------------------------------------------------------------------- search


def search(view: ViewConn, q: str, *, limit: int = 20, offset: int = 0) -> Page:
    """Full-text search over titles and texts (words ANDed), with highlighted snippets; plus matching actors."""
    fts = _fts_query(q)
    if not fts:
        return Page([], 0, {"actors": []})
    total = _count(view, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,))
    rows = view.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.language, "
        "snippet(articles_fts, 1, char(2), char(3), ' … ', 16) AS snip "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (fts, limit, offset),
    ).fetchall()
    items = []
    for r in rows:
        item = dict(r)
        parts = _snippet_parts(str(item.pop("snip") or ""))
        item["snippet"] = "".join(p["text"] for p in parts)
        item["snippet_parts"] = parts
        items.append(item)
    found_actors = actors(view, q=q, limit=10).items if view.has("entities") else []
    return Page(items, total, {"actors": found_actors})


def _snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """Split an FTS snippet marked with \\x02 ... \\x03 into plain and matched parts."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(snippet.split("\x02")):
        if i == 0:
            if chunk:
                parts.append({"text": chunk, "match": False})
            continue
        hit, _, rest = chunk.partition("\x03")
        if hit:
            parts.append({"text": hit, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


# --------------------------------------------------------------------------- reading layers


def actors(
    view: ViewConn,
    *,
    q: str | None = None,
    country: str | None = None,
    label: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Actors across articles: entities grouped by knowledge-base id (else name), most articles first.

    ``q`` matches a part of the name (any case) or the exact kb id. The grouping
    runs once per store state (see :class:`Memo`); filters and pages apply to it.
    """
    if not view.has("entities"):
        return Page([], 0)
    everyone = view.cached(("actors",), lambda: _all_actors(view))
    if q or country or label:
        needle = (q or "").casefold()
        wanted_country = country.upper() if country else None
        wanted_label = label.upper() if label else None
        everyone = [
            a for a in everyone
            if (not needle or needle in a["name"].casefold() or a["kb_id"] == q)
            and (wanted_country is None or a["country"] == wanted_country)
            and (wanted_label is None or a["label"] == wanted_label)
        ]
    return Page(everyone[offset : offset + limit], len(everyone))


def _all_actors(view: ViewConn) -> list[dict[str, Any]]:
    key = "coalesce(e.kb_id, e.label || ':' || e.name)"
    rows = view.execute(
        f"SELECT {key} AS key, max(e.kb_id) AS kb_id, min(e.name) AS name, e.label AS label, "
        "max(e.country) AS country, max(e.sector) AS sector, count(DISTINCT e.article_id) AS articles "
        "FROM entities e GROUP BY key, e.label ORDER BY articles DESC, name"
    ).fetchall()
    actors_list = [dict(r) for r in rows]
    roles_by_key: dict[str, list[dict[str, Any]]] = {}
    if view.has("roles"):
        for r in view.execute(
            f"SELECT {key} AS key, r.role AS role, r.country AS country, r.org AS org, count(*) AS n "
            "FROM roles r JOIN entities e ON e.article_id = r.article_id AND e.id = r.entity_id "
            "GROUP BY key, r.role, r.country, r.org ORDER BY key, n DESC"
        ):
            found = roles_by_key.setdefault(r["key"], [])
            if len(found) < 5:
                found.append({"role": r["role"], "country": r["country"], "org": r["org"], "n": r["n"]})
    for actor in actors_list:
        actor["roles"] = roles_by_key.get(actor["key"], [])
    return actors_list


def roles(
    view: ViewConn,
    *,
    person: str | None = None,
    country: str | None = None,
    article: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Who holds which office, with the evidence span and article."""
    if not view.has("roles"):
        return Page([], 0)
    where: list[str] = []
    params: list[Any] = []
    if person:
        where.append("r.person LIKE ? ESCAPE '\\'")
        params.append(_like_contains(person))
    if country:
        where.append("r.country = ?")
        params.append(country.upper())
    if article:
        where.append("r.article_id = ?")
        params.append(article)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = _count(view, f"SELECT count(*) FROM roles r{clause}", params)
    rows = view.execute(
        "SELECT r.article_id, r.seq, r.person, r.role, r.country, r.org, r.start, r.\"end\", r.span, "
        "r.entity_id, r.role_text, r.source, a.published, a.outlet, a.title "
        f"FROM articles a JOIN roles r ON r.article_id = a.id{clause} "
        "ORDER BY a.published DESC, a.rowid DESC, r.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total)


def quotes(
    view: ViewConn,
    *,
    speaker: str | None = None,
    article: str | None = None,
    direct: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Reported speech with its speaker (resolved entity name when known), newest articles first."""
    if not view.has("quotes"):
        return Page([], 0)
    where: list[str] = []
    params: list[Any] = []
    with_entities = view.has("entities")
    if speaker:
        pattern = _like_contains(speaker)
        if with_entities:
            where.append("(q.speaker_text LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')")
            params.extend([pattern, pattern])
        else:
            where.append("q.speaker_text LIKE ? ESCAPE '\\'")
            params.append(pattern)
    if article:
        where.append("q.article_id = ?")
        params.append(article)
    if direct is not None:
        where.append("q.direct = ?")
        params.append(int(direct))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    join_entities = (
        " LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity" if with_entities else ""
    )
    speaker_name = "e.name" if with_entities else "NULL"
    base = f"FROM articles a JOIN quotes q ON q.article_id = a.id{join_entities}{clause}"
    total = _count(view, f"SELECT count(*) {base}", params)
    rows = view.execute(
        "SELECT q.article_id, q.seq, q.start, q.\"end\", q.text, q.direct, q.speaker_entity, q.speaker_text, "
        f"{speaker_name} AS speaker_name, q.cue, a.published, a.outlet, a.title "
        f"{base} ORDER BY a.published DESC, a.rowid DESC, q.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [dict(r) for r in rows]
    for item in items:
        item["direct"] = bool(item["direct"])
    return Page(items, total)


# --------------------------------------------------------------------------- later stages


def filter_names(table: str) -> list[str]:
    """The filters a later-stage table's list accepts."""
    return sorted(TABLE_FILTERS.get(table, {}))


def list_rows(
    view: ViewConn,
    table: str,
    *,
    filters: dict[str, str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Rows of a later-stage table (events, canonical_events, stories, flags) in :data:`TABLE_ORDER`.

    An absent table gives an empty page. A filter the table does not have
    raises ``UsageError`` (the API answers 400). JSON columns arrive decoded;
    canonical events and flags gain their evidence's article metadata.
    """
    if table not in LATER_TABLES:
        raise UsageError(f"not a later-stage table: {table}")
    known = TABLE_FILTERS[table]
    where: list[str] = []
    params: list[Any] = []
    for name, value in (filters or {}).items():
        if name not in known:
            raise UsageError(f"filter {name!r} does not apply to {table} (its filters: {', '.join(sorted(known))})")
        needs = _FILTER_NEEDS.get((table, name))
        if needs is not None and not view.has(needs):
            return Page([], 0)
        sql = known[name]
        where.append(sql)
        params.extend([value.upper() if name in _UPPER else value] * sql.count("?"))
    if not view.has(table):
        return Page([], 0)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = _count(view, f'SELECT count(*) FROM "{table}"{clause}', params)
    rows = view.execute(
        f'SELECT * FROM "{table}"{clause} ORDER BY {TABLE_ORDER[table]} LIMIT ? OFFSET ?', [*params, limit, offset]
    ).fetchall()
    items = [_decode_row(dict(r)) for r in rows]
    if table == "canonical_events":
        _add_mention_evidence(view, items)
    elif table == "flags":
        _add_flag_sources(view, items)
    return Page(items, total)


def _article_meta(view: ViewConn, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """outlet, title and published date of each article id (one query)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = view.execute(
        "SELECT id, outlet, title, published FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),),
    )
    return {str(r["id"]): {"outlet": r["outlet"], "title": r["title"], "published": r["published"]} for r in rows}


def _add_mention_evidence(view: ViewConn, items: list[dict[str, Any]]) -> None:
    """Each canonical event's ``evidence``: its mentions' article, span and offsets, with the article's metadata."""
    mention_ids = [m for item in items for m in item.get("mention_ids") or [] if isinstance(m, str)]
    found: dict[str, dict[str, Any]] = {}
    if mention_ids and view.has("events"):
        rows = view.execute(
            'SELECT e.id AS event_id, e.article_id, e.span, e.start, e."end", e.sentence, a.outlet, a.title, '
            "a.published FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(mention_ids))),),
        )
        found = {str(r["event_id"]): dict(r) for r in rows}
    for item in items:
        item["evidence"] = [found[m] for m in item.get("mention_ids") or [] if m in found]


def _add_flag_sources(view: ViewConn, items: list[dict[str, Any]]) -> None:
    """The flagged article's outlet and title, and the same for each evidence passage's article."""
    ids = [str(i.get("article_id") or "") for i in items]
    for item in items:
        evidence = item.get("evidence")
        if isinstance(evidence, list):
            ids += [str(e.get("article_id") or "") for e in evidence if isinstance(e, dict)]
    meta = _article_meta(view, ids)
    for item in items:
        own = meta.get(str(item.get("article_id")), {})
        item["outlet"], item["title"] = own.get("outlet"), own.get("title")
        evidence = item.get("evidence")
        if not isinstance(evidence, list):
            item["evidence"] = []
            continue
        for entry in evidence:
            if isinstance(entry, dict) and entry.get("article_id"):
                entry.update(meta.get(str(entry["article_id"]), {}))


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


# --------------------------------------------------------------------------- network and dyads


def network(view: ViewConn, *, max_nodes: int = 60, min_weight: int = 1) -> dict[str, Any]:
    """Who appears with whom: nodes are actors, edges events between them when the events table has
    actors, else co-occurrence in the same article (``weight`` = articles, ``goldstein`` = None)."""
    return view.cached(("network", max_nodes, min_weight), lambda: _network(view, max_nodes=max_nodes, min_weight=min_weight))


def _network(view: ViewConn, *, max_nodes: int = 60, min_weight: int = 1) -> dict[str, Any]:
    """Who appears with whom: nodes are actors, edges events between them when the events table has
    actors, else co-occurrence in the same article (``weight`` = articles, ``goldstein`` = None)."""
    if view.has("events"):
        found = _event_network(view, max_nodes=max_nodes, min_weight=min_weight)
        if found["edges"]:
            return found
    if not view.has("entities"):
        return {"nodes": [], "edges": [], "basis": "none"}
    labels = ",".join("?" * len(_NETWORK_LABELS))
    key = "coalesce(e.kb_id, e.label || ':' || e.name)"
    top = view.execute(
        f"SELECT {key} AS key, min(e.name) AS name, e.label AS label, max(e.country) AS country, "
        f"count(DISTINCT e.article_id) AS articles FROM entities e WHERE e.label IN ({labels}) "
        "GROUP BY key, e.label ORDER BY articles DESC, name LIMIT ?",
        [*_NETWORK_LABELS, max_nodes],
    ).fetchall()
    nodes = [dict(r) for r in top]
    keys = [n["key"] for n in nodes]
    if not keys:
        return {"nodes": [], "edges": [], "basis": "co-occurrence"}
    marks = ",".join("?" * len(keys))
    pairs = (
        f"SELECT DISTINCT e.article_id AS article_id, {key} AS key FROM entities e "
        f"WHERE e.label IN ({labels}) AND {key} IN ({marks})"
    )
    edges = view.execute(
        f"SELECT a.key AS source, b.key AS target, count(*) AS weight FROM ({pairs}) a "
        f"JOIN ({pairs}) b ON a.article_id = b.article_id AND a.key < b.key "
        "GROUP BY a.key, b.key HAVING weight >= ? ORDER BY weight DESC LIMIT 400",
        [*_NETWORK_LABELS, *keys, *_NETWORK_LABELS, *keys, min_weight],
    ).fetchall()
    return {
        "nodes": nodes,
        "edges": [{**dict(r), "goldstein": None, "events": 0} for r in edges],
        "basis": "co-occurrence",
    }


def _event_network(view: ViewConn, *, max_nodes: int, min_weight: int) -> dict[str, Any]:
    """Actors linked by the events between them (source actor to target actor, self-loops left out):
    ``weight`` = events, ``goldstein`` = their mean Goldstein score; each node's country is the one its
    events give most often."""
    rows = view.execute(
        'SELECT source_actor AS source, target_actor AS target, count(*) AS events, avg(goldstein) AS goldstein '
        "FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL AND source_actor != target_actor "
        "GROUP BY source, target HAVING events >= ? ORDER BY events DESC, source, target LIMIT 400",
        (min_weight,),
    ).fetchall()
    degree: dict[str, int] = {}
    for r in rows:
        degree[r["source"]] = degree.get(r["source"], 0) + int(r["events"])
        degree[r["target"]] = degree.get(r["target"], 0) + int(r["events"])
    keep = sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes]
    kept = set(keep)
    countries: dict[str, str] = {}
    if keep:
        for r in view.execute(
            "SELECT name, country, count(*) AS n FROM ("
            "SELECT source_actor AS name, source_country AS country FROM events WHERE source_country IS NOT NULL "
            "UNION ALL SELECT target_actor, target_country FROM events WHERE target_country IS NOT NULL) "
            "WHERE name IN (SELECT value FROM json_each(?)) GROUP BY name, country ORDER BY n",
            (json.dumps(keep),),
        ):
            countries[str(r["name"])] = str(r["country"])  # the most frequent comes last
    nodes = [
        {"key": k, "name": k, "label": None, "country": countries.get(k), "events": degree[k]} for k in keep
    ]
    edges = [
        {"source": r["source"], "target": r["target"], "weight": int(r["events"]), "events": int(r["events"]),
         "goldstein": None if r["goldstein"] is None else round(float(r["goldstein"]), 2)}
        for r in rows
        if r["source"] in kept and r["target"] in kept
    ]
    return {"nodes": nodes, "edges": edges, "basis": "events"}


def dyad(view: ViewConn, a: str, b: str) -> dict[str, Any]:
    """Events per ISO week between countries ``a`` and ``b`` (both directions) by quad class, with the
    Goldstein sum (events dated to less than a day's precision in a week are left out)."""
    return view.cached(("dyad", a.upper(), b.upper()), lambda: _dyad(view, a, b))


def _dyad(view: ViewConn, a: str, b: str) -> dict[str, Any]:
    """Events per ISO week between countries ``a`` and ``b`` (both directions) by quad class, with the
    Goldstein sum (events dated to less than a day's precision in a week are left out)."""
    out: dict[str, Any] = {"a": a.upper(), "b": b.upper(), "weeks": [], "basis": "none"}
    if not view.has("events"):
        return out
    rows = view.execute(
        "SELECT strftime('%Y-W%W', date) AS week, quad_class AS quad, count(*) AS n, "
        "sum(coalesce(goldstein, 0)) AS g FROM events "
        "WHERE ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?)) "
        f"AND date GLOB '{_DAY_GLOB}*' GROUP BY week, quad ORDER BY week",
        (a.upper(), b.upper(), b.upper(), a.upper()),
    ).fetchall()
    weeks: dict[str, dict[str, Any]] = {}
    for r in rows:
        week = weeks.setdefault(r["week"], {"week": r["week"], "by_quad": {}, "events": 0, "goldstein": 0.0})
        week["by_quad"][str(r["quad"])] = int(r["n"])
        week["events"] += int(r["n"])
        week["goldstein"] += float(r["g"] or 0)
    out["weeks"] = list(weeks.values())
    out["basis"] = "events"
    return out


def dyad_pairs(view: ViewConn, *, limit: int = 20) -> list[tuple[str, str]]:
    """The country pairs with the most events between them (either direction), most first."""
    if not view.has("events"):
        return []
    rows = view.execute(
        "SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b, count(*) AS n "
        "FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country != target_country GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?",
        (limit,),
    ).fetchall()
    return [(str(r["a"]), str(r["b"])) for r in rows]


# --------------------------------------------------------------------------- statistics


def stats(view: ViewConn) -> dict[str, Any]:
    """Counts across the store, including zero for every later-stage table not yet present."""
    return view.cached(("stats",), lambda: _stats(view))


def _stats(view: ViewConn) -> dict[str, Any]:
    """Counts across the store, including zero for every later-stage table not yet present."""

    def one(sql: str, params: Sequence[Any] = ()) -> Any:
        row = view.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def count(table: str) -> int:
        return int(one(f'SELECT count(*) FROM "{table}"')) if view.has(table) else 0

    groups = {
        "languages": "SELECT coalesce(language, 'unknown') AS k, count(*) AS n FROM articles GROUP BY k",
        "published_from": "SELECT coalesce(published_from, 'none') AS k, count(*) AS n FROM articles GROUP BY k",
        "links": "SELECT kind AS k, count(*) AS n FROM article_links GROUP BY k",
        "rejections": "SELECT code AS k, count(*) AS n FROM rejections GROUP BY k",
    }
    out: dict[str, Any] = {
        "articles": count("articles"),
        "sources": count("article_sources"),
        "near_copies": int(one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")),
        "outlets": int(one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL")),
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "schema_version": one("SELECT max(version) FROM schema_migrations") if view.has("schema_migrations") else None,
    }
    out["exact_duplicates"] = out["sources"] - out["articles"]
    for name, sql in groups.items():
        out[name] = {str(r["k"]): int(r["n"]) for r in view.execute(sql + " ORDER BY n DESC, k")}
    out["analysed"] = count("analyses")
    out["layers"] = {table: count(table) for table in LAYER_TABLES}
    out["actors"] = (
        int(one("SELECT count(DISTINCT coalesce(kb_id, label || ':' || name)) FROM entities"))
        if view.has("entities")
        else 0
    )
    for table in LATER_TABLES:
        out[table] = count(table)
    out["open_flags"] = (
        int(one("SELECT count(*) FROM flags WHERE status IS NULL OR status = 'open'"))
        if "status" in view.columns("flags")
        else out["flags"]
    )
    return out
