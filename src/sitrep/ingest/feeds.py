"""RSS/Atom reader: one RawDoc per feed entry, through feedparser.

An entry's full content (``content:encoded`` in RSS, ``<content>`` in Atom)
is preferred to its summary. ``link`` becomes ``meta["url"]``, the entry's
``published`` (else ``updated``) string is kept exactly as the feed gave it,
and the feed's own title becomes ``meta["outlet"]``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from sitrep.model import RawDoc, Rejection

log = logging.getLogger(__name__)

_TEXT_TYPES = ("text/plain",)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _body(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """The entry's best body and its MIME type: full content first, then the summary."""
    for part in entry.get("content") or ():
        value = _str(part.get("value"))
        if value is not None:
            return value, str(part.get("type") or "text/html")
    summary = _str(entry.get("summary"))
    if summary is not None:
        detail = entry.get("summary_detail") or {}
        return summary, str(detail.get("type") or "text/html")
    return None


def iter_feed(
    data: bytes, source: str, max_bytes: int, *, base_url: str | None = None, content_type: str | None = None
) -> Iterator[RawDoc | Rejection]:
    """Entries of an RSS or Atom document; locators are ``[i]`` (0-based entry index)."""
    headers: dict[str, str] = {}
    if base_url:
        headers["content-location"] = base_url
    if content_type:
        headers["content-type"] = content_type
    try:
        # A BytesIO, never a str: feedparser fetches strings that look like URLs or paths.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None)
    except Exception as exc:  # feedparser should not raise, but it parses hostile input
        log.debug("%s: feedparser failed", source, exc_info=True)
        yield Rejection(source, "", "malformed_feed", f"{source}: the feed could not be parsed: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            cause = parsed.get("bozo_exception")
            yield Rejection(
                source,
                "",
                "malformed_feed",
                f"{source}: not a readable RSS/Atom feed ({type(cause).__name__}: {cause})",
            )
        else:
            yield Rejection(source, "", "empty", f"{source}: the feed has no entries")
        return
    if parsed.get("bozo"):
        log.info("%s: feed has problems but entries were read: %s", source, parsed.get("bozo_exception"))
    outlet = _str((parsed.get("feed") or {}).get("title"))
    encoding = _str(parsed.get("encoding"))
    for index, entry in enumerate(entries):
        locator = f"[{index}]"
        meta: dict[str, str | None] = {}
        for name, value in (
            ("url", _str(entry.get("link"))),
            ("title", _str(entry.get("title"))),
            ("published", _str(entry.get("published")) or _str(entry.get("updated"))),
            ("outlet", outlet),
            ("author", _str(entry.get("author"))),
        ):
            if value is not None:
                meta[name] = value
        body = _body(entry)
        if body is None:
            yield Rejection(
                source,
                locator,
                "empty",
                f"{source}{locator}: the feed entry {meta.get('title') or ''!r} has no content",
            )
            continue
        text, mime = body
        extra: dict[str, Any] = {}
        entry_id = _str(entry.get("id"))
        if entry_id is not None:
            extra["id"] = entry_id
        encoded = text.encode("utf-8")
        if len(encoded) > max_bytes:
            yield Rejection(
                source,
                locator,
                "too_large",
                f"{source}{locator}: the entry is {len(encoded):,} bytes, over the {max_bytes:,}-byte cap",
            )
        else:
            # The feed is already decoded: HTML goes on as text, so the extractor does not
            # re-guess an encoding for bytes we would have to invent.
            kind = "text" if mime in _TEXT_TYPES else "html"
            yield RawDoc(source, locator, kind, text=text, meta=meta, extra=extra, charset=encoding)
