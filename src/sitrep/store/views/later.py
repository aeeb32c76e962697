"""Lists of the later stages' tables (events, canonical events, stories, flags) with their filters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from sitrep.errors import UsageError
from sitrep.store.views.conn import LATER_TABLES, Page, ViewConn, _count, _decode_row, dense

#: for each later-stage table, its API filters and the SQL condition each adds; every ``?`` takes the
#: filter's value (country codes are upper-cased first, see :data:`_UPPER`)
TABLE_FILTERS: dict[str, dict[str, str]] = {
    "events": {
        "since": '"date_key" >= ?',
        "until": '"date_key" <= ?',
        "type": '"type" = ? COLLATE NOCASE',
        "actor": '("source_actor" = ? COLLATE NOCASE OR "target_actor" = ? COLLATE NOCASE)',
        "country": '("source_country" = ? OR "target_country" = ?)',
        "article": '"article_id" = ?',
        "status": '"status" = ?',
        "story": '"id" IN (SELECT j.value FROM canonical_events c, json_each(c.mention_ids) j WHERE c.story_id = ?)',
    },
    "canonical_events": {
        "since": '"date_key" >= ?',
        "until": '"date_key" <= ?',
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
#: an equality test on a column that has an index, in the filters' SQL above
_EQUALITY = re.compile(
    r'"(type|source_actor|target_actor|source_country|target_country|status|kind|severity)" ='
)

#: the order of each later-stage list: newest first (by ``date_key``, the first day of the period an
#: event's date names, so a week-precision date sorts among the days); flags most severe first
TABLE_ORDER: dict[str, str] = {
    "events": '"date_key" DESC, rowid',  # within a day, in the order stored (an article's in its order)
    "canonical_events": '"date_key" DESC, "n_independent" DESC, "id"',
    "stories": 'coalesce("last_date", "first_date") DESC, "n_articles" DESC, "id"',
    "flags": "CASE \"severity\" WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, "
    '"article_id", "start", "id"',
}
#: the tables a filter's SQL reads besides its own (absent ones make the filter match nothing)
_FILTER_NEEDS = {
    ("events", "story"): "canonical_events",
    ("canonical_events", "article"): "events",
    ("stories", "article"): "story_articles",
}


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
            raise UsageError(
                f"filter {name!r} does not apply to {table} (its filters: {', '.join(sorted(known))})"
            )
        needs = _FILTER_NEEDS.get((table, name))
        if needs is not None and not view.has(needs):
            return Page([], 0)
        sql = known[name]
        where.append(sql)
        params.extend([value.upper() if name in _UPPER else value] * sql.count("?"))
    if not view.has(table):
        return Page([], 0)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    order = TABLE_ORDER[table]
    if "date_key" not in view.columns(table):  # a store from before migration 6, opened read-only
        clause, order = clause.replace('"date_key"', '"date"'), order.replace('"date_key"', '"date"')
    total = _count(view, f'SELECT count(*) FROM "{table}"{clause}', params)
    if where and dense(view, total, table):
        # many rows match: walk the list's order and keep the first matches, rather than collect every
        # match through a filter's index and sort them all (a unary + keeps SQLite off those indexes)
        clause = _EQUALITY.sub(r'+"\1" =', clause)
    # the page's rowids first (from the ordering index alone), then only those rows: deep offsets stay cheap
    rows = view.execute(
        f'SELECT * FROM "{table}" WHERE rowid IN (SELECT rowid FROM "{table}"{clause} ORDER BY {order} '
        f"LIMIT ? OFFSET ?) ORDER BY {order}",
        [*params, limit, offset],
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
    return {
        str(r["id"]): {"outlet": r["outlet"], "title": r["title"], "published": r["published"]} for r in rows
    }


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
