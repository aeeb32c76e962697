"""The OpenAPI 3.1 document of the HTTP API, written by hand so the promised shapes are explicit.

Every path the app serves under ``/api`` appears here (a test checks this
against the app's routes). Objects allow extra properties: new keys may be
added, existing keys keep their meaning.
"""

from __future__ import annotations

from typing import Any

from sitrep import __version__
from sitrep.store.views import TABLE_FILTERS

__all__ = ["openapi_document"]

_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_NINT = {"type": ["integer", "null"]}
_NUM = {"type": ["number", "null"]}
_BOOL = {"type": "boolean"}


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": True}
    if required:
        out["required"] = required
    return out


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(item: dict[str, Any], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {
        "items": {"type": "array", "items": item},
        "total": _INT,
        "limit": _INT,
        "offset": _INT,
        "next": {"type": ["string", "null"], "description": "relative link to the next page, null on the last"},
        "previous": {"type": ["string", "null"]},
        **(extra or {}),
    }
    return _obj(props, ["items", "total", "limit", "offset", "next"])


def _param(name: str, description: str, *, schema: dict[str, Any] | None = None, required: bool = False,
           where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema or _STR}


_PAGING = [
    _param("limit", "page size (1-500, default 50)", schema={"type": "integer", "minimum": 1, "maximum": 500}),
    _param("offset", "rows to skip (default 0)", schema={"type": "integer", "minimum": 0}),
]
_DATE = {"type": "string", "format": "date"}
_SINCE = _param("since", "first date, YYYY-MM-DD (inclusive)", schema=_DATE)
_UNTIL = _param("until", "last date, YYYY-MM-DD (inclusive)", schema=_DATE)
_ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
}


def _get(summary: str, schema: dict[str, Any], params: list[dict[str, Any]], *, tag: str,
         errors: dict[str, Any] | None = None, paged: bool = True) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "tags": [tag],
            "parameters": params + (_PAGING if paged else []),
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                **_ERRORS,
                **(errors or {}),
            },
        }
    }


def _later_row(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description + " Columns are those of the stage's table; JSON columns arrive decoded.",
        "additionalProperties": True,
    }


def _schemas() -> dict[str, Any]:
    span = {"start": _INT, "end": _INT}
    return {
        "Error": _obj(
            {"error": _obj({"code": _STR, "message": _STR}, ["code", "message"])}, ["error"]
        ),
        "ArticleSummary": _obj(
            {
                "id": _STR, "title": _NSTR, "outlet": _NSTR, "published": _NSTR, "published_from": _NSTR,
                "language": _NSTR, "n_chars": _INT, "duplicate_of": _NSTR, "similarity": _NUM, "url": _NSTR,
                "byline": _NSTR, "n_sources": _INT, "analysed": _BOOL,
            },
            ["id", "title", "outlet", "published"],
        ),
        "Article": _obj(
            {
                "id": _STR, "text": _STR, "title": _NSTR, "outlet": _NSTR, "published": _NSTR,
                "published_from": _NSTR, "byline": _NSTR, "url": _NSTR, "language": _NSTR, "kind": _STR,
                "source": _STR, "locator": _STR, "wire_credits": {"type": "array", "items": _STR},
                "duplicate_of": _NSTR, "similarity": _NUM, "warnings": {"type": "array", "items": _STR},
                "extra": {"type": "object"},
                "sources": {"type": "array", "items": _obj({"source": _STR, "locator": _STR, "raw_sha256": _NSTR})},
                "links": {"type": "array", "items": _ref("Link")},
                "removed": {"type": "array", "items": _obj(
                    {"seq": _INT, **span, "reason": _STR, "text": _STR},
                )},
                "layers": _obj({
                    "sentences": {"type": "array", "items": _obj(span)},
                    "mentions": {"type": "array", "items": _obj(
                        {"seq": _INT, **span, "text": _STR, "label": _STR, "kind": _STR, "entity_id": _NSTR})},
                    "entities": {"type": "array", "items": _obj(
                        {"id": _STR, "name": _STR, "label": _STR, "country": _NSTR, "sector": _NSTR,
                         "kb_id": _NSTR, "variants": {"type": "array", "items": _STR}})},
                    "roles": {"type": "array", "items": _ref("Role")},
                    "timexes": {"type": "array", "items": _obj(
                        {"seq": _INT, **span, "text": _STR, "value": _NSTR, "precision": _STR, "relation": _STR,
                         "end_value": _NSTR, "warning": _NSTR})},
                    "quotes": {"type": "array", "items": _ref("Quote")},
                }),
                "analysis": {"type": ["object", "null"]},
                "events": {"type": "array", "items": _ref("Event")},
                "flags": {"type": "array", "items": _ref("Flag")},
            },
            ["id", "text", "sources", "links", "removed", "layers", "events", "flags"],
        ),
        "Link": _obj(
            {"kind": {"enum": ["copy", "partial_copy", "rewrite"]}, "similarity": _NUM, "containment": _NUM,
             "paragraph_overlap": _NUM,
             "other_role": {"enum": ["original", "copy"], "description": "what the other article is to this one"},
             "other_id": _STR, "other_title": _NSTR, "other_outlet": _NSTR, "other_published": _NSTR},
        ),
        "SearchHit": _obj(
            {"id": _STR, "title": _NSTR, "outlet": _NSTR, "published": _NSTR, "language": _NSTR, "snippet": _STR,
             "snippet_parts": {"type": "array", "items": _obj({"text": _STR, "match": _BOOL})}},
        ),
        "Actor": _obj(
            {"key": _STR, "kb_id": _NSTR, "name": _STR, "label": _STR, "country": _NSTR, "sector": _NSTR,
             "articles": _INT,
             "roles": {"type": "array", "items": _obj({"role": _STR, "country": _NSTR, "org": _NSTR, "n": _INT})}},
        ),
        "Role": _obj(
            {"article_id": _STR, "seq": _INT, "person": _STR, "role": _STR, "country": _NSTR, "org": _NSTR,
             "start": _INT, "end": _INT, "span": _STR, "entity_id": _NSTR, "role_text": _STR, "source": _STR,
             "published": _NSTR, "outlet": _NSTR, "title": _NSTR},
        ),
        "Mention": _obj(
            {"article_id": _STR, "seq": _INT, "start": _INT, "end": _INT, "text": _STR, "label": _STR,
             "kind": _STR, "entity_id": _NSTR, "published": _NSTR, "outlet": _NSTR, "title": _NSTR},
        ),
        "Quote": _obj(
            {"article_id": _STR, "seq": _INT, "start": _INT, "end": _INT, "text": _STR, "direct": _BOOL,
             "speaker_entity": _NSTR, "speaker_text": _NSTR, "speaker_name": _NSTR, "cue": _NSTR,
             "published": _NSTR, "outlet": _NSTR, "title": _NSTR},
        ),
        "Event": _later_row(
            "A coded event (PLOVER type, CAMEO code, Goldstein score, quad class) in one article: actor and "
            "recipient lists, source/target actor and country, date, location, quantities, the sentence and "
            "span with character offsets, confidence and status."
        ),
        "CanonicalEvent": _later_row(
            "One real-world event merged from its reports (`mention_ids` are event ids); `evidence` lists each "
            "mention's {event_id, article_id, span, start, end, sentence, outlet, title, published}."
        ),
        "Story": _later_row("A developing story: articles about the same story, with first and last dates."),
        "Flag": _later_row(
            "A claim (`claim`, `start`, `end` in the flagged article) that independent sources contradict; "
            "`expected` is their consensus and `evidence` lists their passages "
            "({article_id, span, start, end, outlet, title, published}, or {source: \"kb\", span})."
        ),
        "Network": _obj(
            {
                "basis": {"enum": ["events", "co-occurrence", "none"]},
                "nodes": {"type": "array", "items": _obj(
                    {"key": _STR, "name": _STR, "label": _NSTR, "country": _NSTR, "articles": _INT, "events": _INT})},
                "edges": {"type": "array", "items": _obj(
                    {"source": _STR, "target": _STR, "weight": _INT, "events": _INT,
                     "goldstein": {"type": ["number", "null"], "description": "mean Goldstein score, -10..+10"}})},
            },
            ["basis", "nodes", "edges"],
        ),
        "Dyad": _obj(
            {"a": _STR, "b": _STR, "basis": _STR, "weeks": {"type": "array", "items": _obj(
                {"week": _STR, "events": _INT, "goldstein": {"type": "number"},
                 "by_quad": {"type": "object", "additionalProperties": _INT}})}},
            ["a", "b", "weeks"],
        ),
        "Stats": _obj({"articles": _INT, "sources": _INT, "outlets": _INT, "events": _INT, "flags": _INT}),
        "IngestSummary": _obj(
            {"inputs": _INT, "accepted": _INT, "new_articles": _INT, "rejected": _INT, "source": _STR,
             "article_ids": {"type": "array", "items": _STR}},
        ),
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of every ``/api`` endpoint."""
    not_found = {"404": {"$ref": "#/components/responses/NotFound"}}
    later = {
        "events": ("Coded events, newest first", "Event", sorted(TABLE_FILTERS["events"])),
        "canonical-events": ("Canonical (merged) events, newest first, each with its evidence", "CanonicalEvent",
                             sorted(TABLE_FILTERS["canonical_events"])),
        "stories": ("Stories, newest first", "Story", sorted(TABLE_FILTERS["stories"])),
        "flags": ("Flagged claims, most severe first, each with its evidence", "Flag", sorted(TABLE_FILTERS["flags"])),
    }
    filter_help = {
        "since": "first date, YYYY-MM-DD", "until": "last date, YYYY-MM-DD",
        "actor": "actor name (either side, any case)", "country": "country code (either side)",
        "type": "event type (PLOVER, e.g. ASSAULT)", "story": "story id", "article": "article id",
        "status": "status (events: asserted, negated, future, hypothetical, claim; flags: open, ...)",
        "kind": "flag kind (affiliation, corrupted_name, number, reversal, ...)", "severity": "high, medium or low",
    }
    paths: dict[str, Any] = {
        "/api/articles": _get(
            "Articles, newest first", _list_of(_ref("ArticleSummary")),
            [_SINCE, _UNTIL, _param("outlet", "outlet name (case-insensitive)"),
             _param("source", "source path or URL prefix"), _param("language", "ISO 639-1 code"),
             _param("q", "full-text words, all required")],
            tag="articles",
        ),
        "/api/articles/{article_id}": _get(
            "One article with text, sources, links, removed spans, reading layers, events and flags",
            _ref("Article"), [_param("article_id", "article id or a unique prefix of 6+ characters",
                                     required=True, where="path")],
            tag="articles", errors=not_found, paged=False,
        ),
        "/api/articles/{article_id}/diff": _get(
            "The rewrite diff of this article against another: aligned sentences, and each edit with its "
            "kind, whether it changes a fact, its severity and both spans",
            _obj({"original_id": _STR, "copy_id": _STR, "matched_share": {"type": "number"},
                  "fact_edits": _INT, "summary": {"type": "object"}, "pairs": {"type": "array"},
                  "edits": {"type": "array"}, "original": {"type": "object"}, "copy": {"type": "object"}}),
            [_param("article_id", "the copy's id (or unique prefix)", required=True, where="path"),
             _param("against", "the original's id (or unique prefix)", required=True)],
            tag="articles", errors=not_found, paged=False,
        ),
        "/api/search": _get(
            "Full-text search with highlighted snippets (and actors whose name matches)",
            _list_of(_ref("SearchHit"), {"actors": {"type": "array", "items": _ref("Actor")},
                                         "order": {"type": "string", "enum": ["rank", "newest"],
                                                   "description": "rank (relevance), or newest stored first "
                                                   "when more than 10,000 articles match"}}),
            [_param("q", "words to find (all required)", required=True)], tag="articles",
        ),
        "/api/outlets": _get("Outlets with their article counts",
                             _list_of(_obj({"outlet": _STR, "articles": _INT})), [], tag="articles", paged=False),
        "/api/actors": _get(
            "Actors across articles (entities grouped by knowledge-base id, else name)", _list_of(_ref("Actor")),
            [_param("q", "name contains, or exact kb id"), _param("country", "ISO 3166 alpha-3"),
             _param("label", "PERSON, ORG, GPE, NORP, ...")], tag="reading",
        ),
        "/api/roles": _get(
            "Who holds which office, with evidence", _list_of(_ref("Role")),
            [_param("person", "name contains"), _param("country", "ISO 3166 alpha-3"),
             _param("article", "article id")], tag="reading",
        ),
        "/api/mentions": _get(
            "Entity mentions (names, titles, metonyms, pronouns) with the entity each resolves to",
            _list_of(_ref("Mention")),
            [_param("text", "mention text contains"), _param("label", "PERSON, ORG, GPE, NORP, ..."),
             _param("article", "article id")], tag="reading",
        ),
        "/api/quotes": _get(
            "Reported speech with speakers", _list_of(_ref("Quote")),
            [_param("speaker", "speaker name contains"), _param("article", "article id"),
             _param("direct", "true for direct quotes only, false for indirect", schema=_BOOL)],
            tag="reading",
        ),
        "/api/network": _get(
            "Actor network: events between actors when coded, else co-occurrence in articles", _ref("Network"),
            [_param("max_nodes", "most actors (2-300, default 60)", schema=_INT),
             _param("min_weight", "least articles/events per edge (default 1)", schema=_INT)],
            tag="views", paged=False,
        ),
        "/api/dyad": _get(
            "Events per week between two countries by quad class, with the Goldstein sum", _ref("Dyad"),
            [_param("a", "country code", required=True), _param("b", "country code", required=True)],
            tag="views", paged=False,
        ),
        "/api/stats": _get("Counts across the store", _ref("Stats"), [], tag="views", paged=False),
        "/api/openapi.json": _get("This document", {"type": "object"}, [], tag="views", paged=False),
        "/api/ingest": {
            "post": {
                "summary": "Add articles (only when the server has an ingest token)",
                "tags": ["ingest"],
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": True,
                    "description": "JSON record(s) with `text` or `html` (+ url, title, published, outlet, "
                    "author), JSON Lines, HTML, a feed, or plain text; chosen by Content-Type, else sniffed.",
                    "content": {t: {"schema": {"type": "string"}} for t in (
                        "application/json", "application/x-ndjson", "text/plain", "text/html")},
                },
                "responses": {
                    "200": {"description": "read; nothing new", "content": {"application/json": {
                        "schema": _ref("IngestSummary")}}},
                    "201": {"description": "new articles stored", "content": {"application/json": {
                        "schema": _ref("IngestSummary")}}},
                    **{str(code): {"$ref": "#/components/responses/Error"} for code in (400, 401, 403, 413, 415, 422)},
                },
            }
        },
    }
    for path, (summary, schema, names) in later.items():
        paths[f"/api/{path}"] = _get(
            summary + " (an empty list until its stage has run)", _list_of(_ref(schema)),
            [_param(n, filter_help[n], schema=_DATE if n in ("since", "until") else None) for n in names],
            tag="events",
        )
    error = {"content": {"application/json": {"schema": _ref("Error")}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": __version__,
            "description": "Read-only JSON over a sitrep store. Lists share one shape (items, total, limit, "
            "offset, next); every error is {\"error\": {\"code\", \"message\"}} with its HTTP status. "
            "New keys may appear; existing keys keep their meaning.",
        },
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "responses": {
                "BadRequest": {"description": "a bad parameter or filter", **error},
                "NotFound": {"description": "no such id", **error},
                "Error": {"description": "an error", **error},
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
