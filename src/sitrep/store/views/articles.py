"""Articles: lists, one article with its layers, full-text search, outlets."""

from __future__ import annotations

from typing import Any

from sitrep.store.views.conn import LAYER_TABLES, Page, ViewConn, _count, _json_or, _like_prefix, dense
from sitrep.store.views.later import list_rows
from sitrep.store.views.layers import actors

_ARTICLE_LIST_COLUMNS = (
    "a.id, a.title, a.outlet, a.published, a.published_from, a.language, a.n_chars, a.duplicate_of, "
    "a.similarity, a.url, a.byline"
)


#: a search matching more articles than this lists the newest stored first, not by relevance
RANK_LIMIT = 10_000
#: a text filter probes the index row by row only for the first pages
_PROBE_ROWS = 500


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
    if joins and offset + limit <= _PROBE_ROWS and dense(view, total, "articles"):
        # words found in many articles: walk the newest articles and test each against the index,
        # rather than collect every match and sort them all
        joins = ""
        clause = clause.replace(
            "articles_fts MATCH ?",
            "EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = a.rowid)",
        )
    rows = view.execute(
        f"SELECT {_ARTICLE_LIST_COLUMNS}, "
        "(SELECT count(*) FROM article_sources s WHERE s.article_id = a.id) AS n_sources "
        f"FROM articles a{joins}{clause} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [dict(r) for r in rows]
    _mark_analysed(view, items)
    return Page(items, total)


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


def article_text(view: ViewConn, article_id: str) -> dict[str, Any] | None:
    """One article's id, text, outlet, title and publication date (or None)."""
    resolved = _resolve_id(view, article_id)
    if resolved is None:
        return None
    row = view.execute(
        "SELECT id, text, outlet, title, published FROM articles WHERE id = ?", (resolved,)
    ).fetchone()
    return None if row is None else dict(row)


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
            'SELECT seq, start, "end", reason, text FROM removed_spans WHERE article_id = ? ORDER BY seq',
            by_id,
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
            dict(r)
            for r in view.execute(
                f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
            )
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
        return Page([], 0, {"actors": [], "order": "rank"})
    total = _count(view, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,))
    # ranking scores every match: past RANK_LIMIT matches, the newest stored come first instead
    order = "rank" if total <= RANK_LIMIT else "newest"
    rows = view.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.language, "
        "snippet(articles_fts, 1, char(2), char(3), ' … ', 16) AS snip "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        f"WHERE articles_fts MATCH ? ORDER BY {'rank' if order == 'rank' else 'articles_fts.rowid DESC'} "
        "LIMIT ? OFFSET ?",
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
    return Page(items, total, {"actors": found_actors, "order": order})


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
