"""Who interacts with whom: the actor network and the dyad chart's weekly series."""

from __future__ import annotations

import json
from typing import Any

from sitrep.store.views.conn import ViewConn

_NETWORK_LABELS = ("PERSON", "ORG", "GPE", "NORP")

#: a date to the day (event dates may also be a year, a month, a week or a season: 2021, 2021-04, 2021-W15)
_DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"


def network(view: ViewConn, *, max_nodes: int = 60, min_weight: int = 1) -> dict[str, Any]:
    """Who appears with whom: nodes are actors, edges events between them when the events table has
    actors, else co-occurrence in the same article (``weight`` = articles, ``goldstein`` = None)."""
    return view.cached(
        ("network", max_nodes, min_weight), lambda: _network(view, max_nodes=max_nodes, min_weight=min_weight)
    )


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
        "SELECT source_actor AS source, target_actor AS target, count(*) AS events, avg(goldstein) AS goldstein "
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
        {
            "source": r["source"],
            "target": r["target"],
            "weight": int(r["events"]),
            "events": int(r["events"]),
            "goldstein": None if r["goldstein"] is None else round(float(r["goldstein"]), 2),
        }
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
