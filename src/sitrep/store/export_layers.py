"""Export records for the reading layers: roles, quotes, mentions, dates, entities.

Every record carries the ``article_id`` and the character offsets (``start``,
``end``) of its evidence in that article's clean text, plus the words
themselves, so each answer can be checked against its passage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sitrep.store.db import Store
from sitrep.store.reading import iter_layer_rows

__all__ = ["LAYER_EXPORTS", "layer_records"]

_COMMON = (("article_id", "str"), ("published", "str"), ("outlet", "str"))

# export name -> (table, columns); columns are (name, type) as in sitrep.store.export
LAYER_EXPORTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "roles": (
        "roles",
        (
            ("person", "str"),
            ("role", "str"),
            ("country", "str"),
            ("org", "str"),
            *_COMMON,
            ("span", "str"),
            ("start", "int"),
            ("end", "int"),
            ("role_text", "str"),
            ("entity_id", "str"),
            ("source", "str"),
        ),
    ),
    "quotes": (
        "quotes",
        (
            ("speaker", "str"),
            ("speaker_entity", "str"),
            ("speaker_text", "str"),
            ("cue", "str"),
            ("direct", "int"),
            ("text", "str"),
            *_COMMON,
            ("start", "int"),
            ("end", "int"),
            ("speaker_start", "int"),
            ("speaker_end", "int"),
            ("cue_start", "int"),
            ("cue_end", "int"),
        ),
    ),
    "mentions": (
        "mentions",
        (
            ("text", "str"),
            ("label", "str"),
            ("kind", "str"),
            ("entity_id", "str"),
            *_COMMON,
            ("start", "int"),
            ("end", "int"),
        ),
    ),
    "dates": (
        "timexes",
        (
            ("text", "str"),
            ("value", "str"),
            ("precision", "str"),
            ("relation", "str"),
            ("end_value", "str"),
            ("warning", "str"),
            *_COMMON,
            ("start", "int"),
            ("end", "int"),
        ),
    ),
    "entities": (
        "entities",
        (
            ("id", "str"),
            ("name", "str"),
            ("label", "str"),
            ("country", "str"),
            ("sector", "str"),
            ("kb_id", "str"),
            ("variants", "list"),
            *_COMMON,
        ),
    ),
}


def layer_records(store: Store, name: str) -> Iterator[dict[str, Any]]:
    """Flat export records of one layer (``name`` a key of :data:`LAYER_EXPORTS`)."""
    table, _columns = LAYER_EXPORTS[name]
    speakers: dict[tuple[str, str], str] = {}
    if name == "quotes":
        for row in iter_layer_rows(store, "entities"):
            speakers[(row["article_id"], row["id"])] = row["name"]
    for row in iter_layer_rows(store, table):
        if name == "entities":
            row["variants"] = json.loads(row["variants"] or "[]")
        if name == "quotes":
            row["speaker"] = speakers.get((row["article_id"], row["speaker_entity"] or ""))
            if row["speaker"] is None:
                row["speaker"] = row["speaker_text"]
        yield row
