"""Verification results in the store: stories, canonical events and contradiction flags.

The verify stage (:mod:`sitrep.verify.run`) reads the articles, their links,
reading layers and events, and writes its results here as plain row dicts
(the records' ``to_row()``), replacing the previous results inside the
caller's ``store.batch()``. A flag's ``status`` set by an analyst survives a
recompute when the same flag (same id) is found again.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from sitrep.store.db import Store

__all__ = [
    "article_meta",
    "articles_between",
    "articles_naming",
    "dated_articles",
    "find_flags",
    "link_rows",
    "list_canonical_events",
    "list_stories",
    "person_keys",
    "save_verification",
    "story_mates",
    "verification_counts",
]

_STORY_COLUMNS = ("id", "title", "first_date", "last_date", "n_articles", "n_independent", "article_ids")
_CANONICAL_COLUMNS = (
    "id", "story_id", "type", "date", "source_country", "target_country", "quad_class", "goldstein",
    "n_mentions", "n_articles", "n_independent", "mention_ids",
)
_FLAG_COLUMNS = (
    "id", "article_id", "story_id", "kind", "severity", "claim", "start", "end", "expected", "evidence",
    "message", "status",
)
_JSON = {"article_ids", "mention_ids", "evidence"}
_SEVERITY_ORDER = "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"


def article_meta(store: Store, *, ids: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """Each article's id, title, outlet, published date, wire credits, duplicate_of and text, in rowid order
    (every article, or those in ``ids``)."""
    sql = "SELECT id, title, outlet, published, wire_credits, duplicate_of, language, text FROM articles"
    params: tuple[Any, ...] = ()
    if ids is not None:
        sql += " WHERE id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(sorted(ids)),)
    for row in store.conn.execute(sql + " ORDER BY rowid", params):
        record = dict(row)
        record["wire_credits"] = json.loads(record["wire_credits"] or "[]")
        yield record


def link_rows(store: Store) -> list[dict[str, Any]]:
    """Every near-copy link (``article_id`` is the later article, ``other_id`` the earlier)."""
    rows = store.conn.execute(
        "SELECT article_id, other_id, kind, similarity FROM article_links ORDER BY article_id, other_id"
    )
    return [dict(r) for r in rows]


def _insert(store: Store, table: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    values = [
        tuple(json.dumps(r[c], ensure_ascii=False) if c in _JSON else r[c] for c in columns) for r in rows
    ]
    store.conn.executemany(f"INSERT OR REPLACE INTO {table}({cols}) VALUES ({marks})", values)


def save_verification(
    store: Store,
    *,
    stories: Sequence[Mapping[str, Any]],
    canonical_events: Sequence[Mapping[str, Any]],
    flags: Sequence[Mapping[str, Any]],
    scope: tuple[Collection[str], Collection[str]] | None = None,
) -> None:
    """Replace the stories, canonical events and flags (keeping the status of flags found again).

    Without ``scope`` everything is replaced. With ``scope = (recomputed, context)`` (article ids; the
    recomputed articles are among the context) only what those results cover is: the stories with a
    member in the context and their canonical events, and the flags on the recomputed articles.
    """
    conn = store.conn
    statuses = {str(r[0]): str(r[1]) for r in conn.execute("SELECT id, status FROM flags WHERE status != 'open'")}
    if scope is None:
        for table in ("story_articles", "stories", "canonical_events", "flags"):
            conn.execute(f"DELETE FROM {table}")
    else:
        recomputed, context = (json.dumps(sorted(ids)) for ids in scope)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _old_stories(id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM _old_stories")
        conn.execute(
            "INSERT OR IGNORE INTO _old_stories SELECT story_id FROM story_articles "
            "WHERE article_id IN (SELECT value FROM json_each(?))",
            (context,),
        )
        conn.execute("DELETE FROM canonical_events WHERE story_id IN (SELECT id FROM _old_stories)")
        conn.execute("DELETE FROM story_articles WHERE story_id IN (SELECT id FROM _old_stories)")
        conn.execute("DELETE FROM stories WHERE id IN (SELECT id FROM _old_stories)")
        conn.execute("DELETE FROM flags WHERE article_id IN (SELECT value FROM json_each(?))", (recomputed,))
    _insert(store, "stories", _STORY_COLUMNS, stories)
    conn.executemany(
        "INSERT OR IGNORE INTO story_articles(story_id, article_id) VALUES (?, ?)",
        [(s["id"], a) for s in stories for a in s["article_ids"]],
    )
    _insert(store, "canonical_events", _CANONICAL_COLUMNS, canonical_events)
    _insert(store, "flags", _FLAG_COLUMNS, [{**f, "status": statuses.get(str(f["id"]), "open")} for f in flags])


def _decode(row: Any) -> dict[str, Any]:
    record = dict(row)
    for key in _JSON:
        if key in record and isinstance(record[key], str):
            record[key] = json.loads(record[key])
    return record


def find_flags(
    store: Store, *, article_id: str | None = None, min_severity: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Stored flags, most severe first, with evidence decoded."""
    where: list[str] = []
    params: list[Any] = []
    if article_id is not None:
        where.append("article_id = ?")
        params.append(article_id)
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    if min_severity is not None:
        allowed = {"high": ("high",), "medium": ("high", "medium")}.get(min_severity, ("high", "medium", "low"))
        where.append(f"severity IN ({', '.join('?' for _ in allowed)})")
        params.extend(allowed)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    sql = f'SELECT * FROM flags{clause} ORDER BY {_SEVERITY_ORDER}, article_id, start, "end", kind'
    return [_decode(r) for r in store.conn.execute(sql, params)]


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Stored stories, newest first."""
    rows = store.conn.execute("SELECT * FROM stories ORDER BY coalesce(last_date, '') DESC, id")
    return [_decode(r) for r in rows]


def list_canonical_events(store: Store, *, story_id: str | None = None) -> list[dict[str, Any]]:
    """Stored canonical events (of one story when given), by date."""
    sql = "SELECT * FROM canonical_events"
    params: tuple[Any, ...] = ()
    if story_id is not None:
        sql += " WHERE story_id = ?"
        params = (story_id,)
    sql += " ORDER BY coalesce(date, ''), id"
    return [_decode(r) for r in store.conn.execute(sql, params)]


def verify_pending(store: Store) -> bool:
    """True when articles were analysed but the verify tables were never computed (e.g. an older store)."""
    analysed = store.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
    stories = store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    return bool(analysed) and not stories


def dated_articles(store: Store, ids: Collection[str]) -> dict[str, str | None]:
    """Publication date (or None) of each of ``ids``."""
    rows = store.conn.execute(
        "SELECT id, published FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),)
    )
    return {str(r[0]): r[1] for r in rows}


def articles_between(store: Store, since: str, until: str) -> set[str]:
    """Articles published from ``since`` to ``until`` (ISO dates, inclusive)."""
    rows = store.conn.execute(
        "SELECT id FROM articles WHERE published >= ? AND substr(published, 1, 10) <= ?", (since, until)
    )
    return {str(r[0]) for r in rows}


def story_mates(store: Store, ids: Collection[str]) -> set[str]:
    """Every article of the stored stories that hold any of ``ids`` (``ids`` included)."""
    rows = store.conn.execute(
        "SELECT DISTINCT m.article_id FROM story_articles s JOIN story_articles m ON m.story_id = s.story_id "
        "WHERE s.article_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    return {str(r[0]) for r in rows} | set(ids)


def person_keys(store: Store, ids: Collection[str]) -> set[str]:
    """Knowledge-base id (else lower-cased name) of every person the articles ``ids`` name."""
    rows = store.conn.execute(
        "SELECT DISTINCT coalesce(kb_id, lower(name)) FROM entities WHERE label = 'PERSON' "
        "AND article_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    return {str(r[0]) for r in rows}


def articles_naming(
    store: Store, keys: Collection[str], *, since: str, until: str, undated: bool = False
) -> set[str]:
    """Articles published from ``since`` to ``until`` that name any of the persons ``keys``.

    ``undated`` adds the articles without a publication date that name them (an undated
    article fits every date).
    """
    dated = "a.published >= ? AND substr(a.published, 1, 10) <= ?"
    where = f"({dated} OR a.published IS NULL OR a.published = '')" if undated else dated
    rows = store.conn.execute(
        "SELECT DISTINCT e.article_id FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.label = 'PERSON' AND coalesce(e.kb_id, lower(e.name)) IN (SELECT value FROM json_each(?)) "
        f"AND {where}",
        (json.dumps(sorted(keys)), since, until),
    )
    return {str(r[0]) for r in rows}


def verification_counts(store: Store) -> dict[str, Any]:
    """How many articles, stories and canonical events the store holds, and its flags by kind and by severity."""
    one = store.conn.execute
    return {
        "articles": int(one("SELECT count(*) FROM articles").fetchone()[0]),
        "stories": int(one("SELECT count(*) FROM stories").fetchone()[0]),
        "canonical_events": int(one("SELECT count(*) FROM canonical_events").fetchone()[0]),
        "flags": {str(r[0]): int(r[1]) for r in one("SELECT kind, count(*) FROM flags GROUP BY kind ORDER BY kind")},
        "severities": {
            str(r[0]): int(r[1]) for r in one("SELECT severity, count(*) FROM flags GROUP BY severity ORDER BY severity")
        },
    }

