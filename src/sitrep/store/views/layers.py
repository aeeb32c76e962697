"""Reading layers across articles: actors, roles, quotes."""

from __future__ import annotations

from typing import Any

from sitrep.store.views.conn import Page, ViewConn, _count, _like_contains, dense


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
            a
            for a in everyone
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
        'SELECT r.article_id, r.seq, r.person, r.role, r.country, r.org, r.start, r."end", r.span, '
        "r.entity_id, r.role_text, r.source, a.published, a.outlet, a.title "
        f"FROM articles a JOIN roles r ON r.article_id = a.id{clause} "
        "ORDER BY a.published DESC, a.rowid DESC, r.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total)


def mentions(
    view: ViewConn,
    *,
    text: str | None = None,
    label: str | None = None,
    article: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Entity mentions (names, titles, metonyms, pronouns resolved to an entity), newest articles first."""
    if not view.has("mentions"):
        return Page([], 0)
    where: list[str] = []
    params: list[Any] = []
    if text:
        where.append("m.text LIKE ? ESCAPE '\\'")
        params.append(_like_contains(text))
    if label:
        where.append("m.label = ?")
        params.append(label.upper())
    if article:
        where.append("m.article_id = ?")
        params.append(article)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = _count(view, f"SELECT count(*) FROM mentions m{clause}", params)
    if offset >= total:  # nothing to fetch (the remembered count says so): skip the scan
        return Page([], total)
    # many matches: CROSS JOIN keeps the articles outside, walked newest first, instead of sorting every match
    join = "CROSS JOIN" if where and dense(view, total, "mentions") else "JOIN"
    rows = view.execute(
        'SELECT m.article_id, m.seq, m.start, m."end", m.text, m.label, m.kind, m.entity_id, '
        "a.published, a.outlet, a.title "
        f"FROM articles a {join} mentions m ON m.article_id = a.id{clause} "
        "ORDER BY a.published DESC, a.rowid DESC, m.seq LIMIT ? OFFSET ?",
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
        " LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity"
        if with_entities
        else ""
    )
    speaker_name = "e.name" if with_entities else "NULL"
    base = f"FROM articles a JOIN quotes q ON q.article_id = a.id{join_entities}{clause}"
    total = _count(view, f"SELECT count(*) {base}", params)
    rows = view.execute(
        'SELECT q.article_id, q.seq, q.start, q."end", q.text, q.direct, q.speaker_entity, q.speaker_text, '
        f"{speaker_name} AS speaker_name, q.cue, a.published, a.outlet, a.title "
        f"{base} ORDER BY a.published DESC, a.rowid DESC, q.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [dict(r) for r in rows]
    for item in items:
        item["direct"] = bool(item["direct"])
    return Page(items, total)
