"""Coded events in the store: write one article's events, read them back for export and views.

Like the reading layers, an article's events are replaced whole inside the
caller's ``store.batch()`` transaction, so re-analysing never duplicates them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sitrep.events.record import Event
from sitrep.store.db import Store

__all__ = ["EVENT_COLUMNS", "actor_summary", "delete_events", "event_records", "find_events", "save_events"]

_COLUMNS = (
    "id", "article_id", "seq", "type", "mode", "context", "cameo", "goldstein", "quad_class", "actor",
    "recipient", "source_actor", "source_country", "target_actor", "target_country", "date",
    "date_precision", "location", "location_name", "location_country", "lat", "lon", "quantities",
    "sentence", "sentence_start", "sentence_end", "span", "start", "end", "confidence", "negated", "future",
    "hypothetical", "claim", "status",
)

# export columns (name, type) as in sitrep.store.export
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"),
    ("article_id", "str"),
    ("type", "str"),
    ("mode", "str"),
    ("context", "list"),
    ("cameo", "str"),
    ("goldstein", "float"),
    ("quad", "int"),
    ("actor", "json"),
    ("recipient", "json"),
    ("date", "str"),
    ("date_precision", "str"),
    ("location", "json"),
    ("quantities", "json"),
    ("sentence", "str"),
    ("span", "str"),
    ("start", "int"),
    ("end", "int"),
    ("confidence", "float"),
    ("negated", "int"),
    ("future", "int"),
    ("hypothetical", "int"),
    ("claim", "int"),
    ("status", "str"),
    ("published", "str"),
    ("outlet", "str"),
)


def _status(event: Event) -> str:
    for name in ("negated", "hypothetical", "future", "claim"):
        if getattr(event, name):
            return name
    return "asserted"


def delete_events(store: Store, article_id: str) -> None:
    store.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))


def save_events(store: Store, article_id: str, events: Sequence[Event]) -> None:
    """Replace the article's events with ``events``."""
    delete_events(store, article_id)
    rows = []
    seen: set[str] = set()
    for seq, e in enumerate(events):
        if e.id in seen:  # one trigger coded twice: keep the first
            continue
        seen.add(e.id)
        first_actor = e.actor[0] if e.actor else None
        first_recipient = e.recipient[0] if e.recipient else None
        place = e.location
        rows.append((
            e.id, article_id, seq, e.type, e.mode, json.dumps(list(e.context)), e.cameo, e.goldstein, e.quad,
            json.dumps([a.to_dict() for a in e.actor], ensure_ascii=False),
            json.dumps([a.to_dict() for a in e.recipient], ensure_ascii=False),
            first_actor.name if first_actor else None, first_actor.country if first_actor else None,
            first_recipient.name if first_recipient else None,
            first_recipient.country if first_recipient else None,
            e.date, e.date_precision,
            json.dumps(place.to_dict(), ensure_ascii=False) if place else None,
            place.name if place else None, place.country if place else None,
            place.lat if place else None, place.lon if place else None,
            json.dumps(e.quantities, ensure_ascii=False), e.sentence, e.sentence_start, e.sentence_end,
            e.span, e.start, e.end, e.confidence, int(e.negated), int(e.future), int(e.hypothetical),
            int(e.claim), _status(e),
        ))
    cols = ", ".join(f'"{c}"' for c in _COLUMNS)
    marks = ", ".join("?" for _ in _COLUMNS)
    store.conn.executemany(f"INSERT INTO events({cols}) VALUES ({marks})", rows)


def _decode(row: Any) -> dict[str, Any]:
    """A stored event row as an export record: JSON columns decoded, ``quad_class`` named ``quad``."""
    record = dict(row)
    for key in ("context", "actor", "recipient", "quantities"):
        record[key] = json.loads(record[key])
    record["location"] = json.loads(record["location"]) if record["location"] else None
    record["quad"] = record.pop("quad_class")
    return record


def event_records(store: Store, *, article_id: str | None = None) -> Iterator[dict[str, Any]]:
    """Export records of stored events, in article then sentence order."""
    sql = (
        "SELECT e.*, a.published AS published, a.outlet AS outlet, a.url AS url FROM events e "
        "JOIN articles a ON a.id = e.article_id"
    )
    params: tuple[Any, ...] = ()
    if article_id is not None:
        sql += " WHERE e.article_id = ?"
        params = (article_id,)
    sql += " ORDER BY a.rowid, e.seq"
    for row in store.conn.execute(sql, params):
        yield _decode(row)


def find_events(
    store: Store,
    *,
    type: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Stored events matching the filters (country/actor match either side), newest first."""
    where, params = [], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if country:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params += [country.upper(), country.upper()]
    if actor:
        where.append("(e.actor LIKE ? OR e.recipient LIKE ?)")
        params += [f"%{actor}%", f"%{actor}%"]
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until + "\uffff")
    sql = (
        "SELECT e.*, a.published AS published, a.outlet AS outlet, a.url AS url FROM events e "
        "JOIN articles a ON a.id = e.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.date DESC, a.rowid, e.seq LIMIT ?"
    )
    return [_decode(row) for row in store.conn.execute(sql, (*params, limit))]


def actor_summary(store: Store, *, limit: int = 100) -> list[dict[str, Any]]:
    """Entities across articles: name, label, country, sector, articles naming them, events they are in."""
    rows = store.conn.execute(
        "SELECT name, label, country, sector, count(DISTINCT article_id) AS articles FROM entities "
        "WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP') GROUP BY name, label, country, sector "
        "ORDER BY articles DESC, name LIMIT ?",
        (limit,),
    )
    out = [dict(r) for r in rows]
    counts: dict[str, int] = {}
    for (name,) in store.conn.execute(
        "SELECT source_actor FROM events WHERE source_actor IS NOT NULL UNION ALL "
        "SELECT target_actor FROM events WHERE target_actor IS NOT NULL"
    ):
        counts[name] = counts.get(name, 0) + 1
    for r in out:
        r["events"] = counts.get(r["name"], 0)
    return out
