"""``POST /api/ingest``: add articles over HTTP, only with the configured token.

The body is JSON (one record or a list, as ``sitrep ingest`` reads ``.json``),
JSON Lines, HTML, an RSS/Atom feed or plain text, chosen by ``Content-Type``
(else sniffed). The token is compared in constant time; the body is read up to
the size limit and refused with 413 past it. Writes go through one writer
connection, one request at a time.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sitrep.ingest import batch
from sitrep.ingest.formats import SNIFF_BYTES, sniff_format
from sitrep.ingest.options import ReadOptions
from sitrep.ingest.streams import docs_from_bytes
from sitrep.model import RawDoc, Rejection
from sitrep.store import views
from sitrep.store.db import Store
from sitrep.web.errors import ApiError

__all__ = ["IngestGate", "ingest_endpoint"]

_FORMATS = {
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
}


class IngestGate:
    """The token, the size limit and the single writer connection of one app."""

    def __init__(self, db: Path, *, token: str | None, max_body: int) -> None:
        self.db = db
        self.token = token
        self.max_body = max_body
        self._lock = threading.Lock()
        self._store: Store | None = None

    def check_token(self, request: Request) -> None:
        if not self.token:
            raise ApiError(403, "this server is read-only: start it with --ingest-token-env VAR", code="read_only")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(401, "send the ingest token as 'Authorization: Bearer TOKEN'", code="unauthorized")
        if not hmac.compare_digest(given.strip().encode("utf-8"), self.token.encode("utf-8")):
            raise ApiError(401, "wrong ingest token", code="unauthorized")

    def write(self, items: Iterable[RawDoc | Rejection], *, label: str) -> batch.IngestSummary:
        with self._lock:
            if self._store is None:
                self._store = Store(self.db)
            # one request is one batch; the per-item step is the same one `sitrep ingest` uses
            return batch.ingest_items(items, self._store, label=label)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body is {int(declared):,} bytes, over the {limit:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the body is over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _format(request: Request, body: bytes) -> str:
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    fmt = _FORMATS.get(content_type) or sniff_format(body[:SNIFF_BYTES])
    if fmt.startswith("unsupported:") or fmt in ("warc", "gzip"):
        raise ApiError(415, f"cannot ingest this body ({content_type or 'no content type'}): send JSON, "
                       "JSON Lines, HTML, a feed or plain text")
    return fmt


async def ingest_endpoint(request: Request) -> Response:
    gate: IngestGate = request.app.state.ingest
    gate.check_token(request)
    body = await _read_body(request, gate.max_body)
    if not body.strip():
        raise ApiError(400, "the body is empty", code="empty_body")
    fmt = _format(request, body)
    source = f"api:ingest/{hashlib.sha256(body).hexdigest()[:16]}"
    options = ReadOptions(max_bytes=gate.max_body)

    def write() -> dict[str, Any]:
        summary = gate.write(docs_from_bytes(body, fmt, source, options), label=source)
        out = summary.to_dict()
        out["source"] = source
        out["article_ids"] = views.article_ids_for_source(request.app.state.pool.get(), source)
        return out

    result = await run_in_threadpool(write)
    if result["accepted"] == 0:
        first = result["rejections"][0]["detail"] if result["rejections"] else "nothing could be read"
        return JSONResponse({"error": {"code": "rejected", "message": first}, "summary": result}, status_code=422)
    return JSONResponse(result, status_code=201 if result["new_articles"] else 200)
