"""Reading layers in the store: write one article's layers, read them back, find pending work.

Functions take an open :class:`~sitrep.store.db.Store`; writes belong inside
``with store.batch():`` so that an article's layers and its ``analyses`` row
commit together: a run killed mid-way leaves each article either fully
analysed or not at all, and the next ``analyze`` picks up exactly the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sitrep.nlp.layers import Entity, Mention, Quote, Reading, Role, Sentence, Timex
from sitrep.store.db import Store

__all__ = [
    "LAYER_TABLES",
    "analysis_errors",
    "delete_reading",
    "load_reading",
    "pending_article_ids",
    "save_reading",
]

LAYER_TABLES = ("sentences", "entities", "mentions", "roles", "timexes", "quotes")


def pending_article_ids(store: Store, *, version: str, limit: int | None = None) -> list[str]:
    """Ids of articles not yet analysed by this pipeline ``version`` (exact duplicates are one article)."""
    sql = (
        "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
        "WHERE n.article_id IS NULL OR n.version != ? ORDER BY a.rowid"
    )
    params: tuple[Any, ...] = (version,)
    if limit is not None:
        sql += " LIMIT ?"
        params = (version, limit)
    return [str(r[0]) for r in store.conn.execute(sql, params)]


def delete_reading(store: Store, article_id: str) -> None:
    for table in LAYER_TABLES:
        store.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    store.conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))


def save_reading(
    store: Store,
    article_id: str,
    reading: Reading,
    *,
    pipeline: str,
    version: str,
    n_words: int,
    error: str | None = None,
) -> None:
    """Replace the article's layers with ``reading`` and record the analysis (``error``: why it failed)."""
    delete_reading(store, article_id)
    conn = store.conn
    conn.executemany(
        'INSERT INTO sentences(article_id, seq, start, "end") VALUES (?, ?, ?, ?)',
        [(article_id, i, s.start, s.end) for i, s in enumerate(reading.sentences)],
    )
    conn.executemany(
        "INSERT INTO entities(article_id, id, name, label, country, sector, kb_id, variants) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, e.id, e.name, e.label, e.country, e.sector, e.kb_id, json.dumps(list(e.variants)))
            for e in reading.entities
        ],
    )
    conn.executemany(
        'INSERT INTO mentions(article_id, seq, start, "end", text, label, kind, entity_id) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, m.start, m.end, m.text, m.label, m.kind, m.entity)
            for i, m in enumerate(reading.mentions)
        ],
    )
    conn.executemany(
        'INSERT INTO roles(article_id, seq, person, role, country, org, start, "end", span, entity_id, '
        "role_text, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, r.person, r.role, r.country, r.org, r.start, r.end, r.span, r.entity,
             r.role_text, r.source)
            for i, r in enumerate(reading.roles)
        ],
    )
    conn.executemany(
        'INSERT INTO timexes(article_id, seq, start, "end", text, value, precision, relation, end_value, '
        "warning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, t.start, t.end, t.text, t.value, t.precision, t.relation, t.end_value, t.warning)
            for i, t in enumerate(reading.timexes)
        ],
    )
    conn.executemany(
        'INSERT INTO quotes(article_id, seq, start, "end", text, direct, speaker_entity, speaker_text, '
        "speaker_start, speaker_end, cue, cue_start, cue_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, q.start, q.end, q.text, int(q.direct), q.speaker, q.speaker_text,
             q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end)
            for i, q in enumerate(reading.quotes)
        ],
    )
    conn.execute(
        "INSERT INTO analyses(article_id, pipeline, version, analysed_at, n_sentences, n_words, error) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, pipeline, version, datetime.now(UTC).isoformat(timespec="seconds"),
         len(reading.sentences), n_words, error),
    )


def analysis_errors(store: Store) -> list[dict[str, str]]:
    """Articles whose last analysis failed: ``article_id``, ``version`` and ``error`` (why), oldest first."""
    rows = store.conn.execute(
        "SELECT article_id, version, error FROM analyses WHERE error IS NOT NULL ORDER BY analysed_at, article_id"
    )
    return [{"article_id": r[0], "version": r[1], "error": r[2]} for r in rows]


def load_reading(store: Store, article_id: str) -> Reading:
    """The stored layers of one article (empty lists when it was not analysed)."""
    conn = store.conn
    key = (article_id,)
    reading = Reading()
    reading.sentences = [
        Sentence(r["start"], r["end"])
        for r in conn.execute('SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY seq', key)
    ]
    reading.entities = [
        Entity(r["id"], r["name"], r["label"], r["country"], r["sector"], r["kb_id"],
               tuple(json.loads(r["variants"])))
        for r in conn.execute("SELECT * FROM entities WHERE article_id = ? ORDER BY rowid", key)
    ]
    reading.mentions = [
        Mention(r["start"], r["end"], r["text"], r["label"], r["kind"], r["entity_id"])
        for r in conn.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY seq", key)
    ]
    reading.roles = [
        Role(r["person"], r["role"], r["country"], r["org"], r["start"], r["end"], r["span"],
             r["entity_id"], r["role_text"], r["source"])
        for r in conn.execute("SELECT * FROM roles WHERE article_id = ? ORDER BY seq", key)
    ]
    reading.timexes = [
        Timex(r["start"], r["end"], r["text"], r["value"], r["precision"], r["relation"], r["end_value"],
              r["warning"])
        for r in conn.execute("SELECT * FROM timexes WHERE article_id = ? ORDER BY seq", key)
    ]
    reading.quotes = [
        Quote(r["start"], r["end"], r["text"], bool(r["direct"]), r["speaker_entity"], r["speaker_text"],
              r["speaker_start"], r["speaker_end"], r["cue"], r["cue_start"], r["cue_end"])
        for r in conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq", key)
    ]
    return reading


def iter_layer_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Every row of one layer table joined with its article's publication date and outlet (for export)."""
    if table not in LAYER_TABLES:
        raise ValueError(f"not a layer table: {table}")
    sql = (
        f"SELECT t.*, a.published AS published, a.outlet AS outlet FROM {table} t "
        "JOIN articles a ON a.id = t.article_id ORDER BY a.rowid, t.rowid"
    )
    for row in store.conn.execute(sql):
        yield dict(row)
