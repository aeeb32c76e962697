"""Counts across the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitrep.store.views.conn import LATER_TABLES, LAYER_TABLES, ViewConn
from sitrep.store.views.layers import actors


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
        "schema_version": one("SELECT max(version) FROM schema_migrations")
        if view.has("schema_migrations")
        else None,
    }
    out["exact_duplicates"] = out["sources"] - out["articles"]
    for name, sql in groups.items():
        out[name] = {str(r["k"]): int(r["n"]) for r in view.execute(sql + " ORDER BY n DESC, k")}
    out["analysed"] = count("analyses")
    out["layers"] = {table: count(table) for table in LAYER_TABLES}
    out["actors"] = actors(view, limit=0).total  # the actor list's length (one grouping shared with it)
    for table in LATER_TABLES:
        out[table] = count(table)
    out["open_flags"] = (
        int(one("SELECT count(*) FROM flags WHERE status IS NULL OR status = 'open'"))
        if "status" in view.columns("flags")
        else out["flags"]
    )
    return out
