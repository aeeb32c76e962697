"""JSON and JSON Lines readers: one RawDoc (or Rejection) per record.

A record's ``html`` field makes it an HTML document, else its ``text`` field a
plain-text one. ``url``, ``title``, ``published`` (or ``published_at`` /
``date``), ``outlet`` (or ``source`` / ``site_name`` when a string) and
``author`` go into ``meta``; every other field goes into ``extra`` verbatim.

JSON Lines are streamed with a bounded ``readline``: memory stays bounded by
the per-record cap whatever the file size, and a line over the cap is skipped
up to its newline without ever being held whole.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, Protocol

from sitrep.ingest.decode import DecodeError, decode_text
from sitrep.model import RawDoc, Rejection

log = logging.getLogger(__name__)

_META_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url",),
    "title": ("title",),
    "published": ("published", "published_at", "date"),
    "outlet": ("outlet", "source", "site_name"),
    "author": ("author",),
}
_DRAIN_CHUNK = 1 << 16


class LineReader(Protocol):
    def readline(self, size: int = ..., /) -> bytes: ...


def _meta_value(value: Any, *, strings_only: bool) -> str | None:
    """The meta form of a JSON value, or None when it does not fit in meta (it then goes to extra)."""
    if isinstance(value, str):
        return value
    if strings_only:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return None


def record_to_doc(record: Any, source: str, locator: str) -> RawDoc | Rejection:
    """One decoded JSON value → a RawDoc, or a Rejection saying what is missing."""
    where = f"{source}{locator}"
    if not isinstance(record, dict):
        return Rejection(
            source,
            locator,
            "malformed_record",
            f"{where}: the record is a JSON {type(record).__name__}, not an object",
        )
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        kind, body_key = "html", "html"
    elif isinstance(text, str) and text.strip():
        kind, body_key = "text", "text"
    elif isinstance(html, str) or isinstance(text, str):
        return Rejection(source, locator, "empty", f"{where}: the record's html/text field is empty")
    else:
        return Rejection(
            source, locator, "malformed_record", f"{where}: the record has no string `html` or `text` field"
        )
    meta: dict[str, str | None] = {}
    used = {body_key}
    for name, aliases in _META_ALIASES.items():
        for key in aliases:
            if key in record and record[key] is not None:
                value = _meta_value(record[key], strings_only=name == "outlet" and key != "outlet")
                if value is not None:
                    meta[name] = value
                    used.add(key)
                    break
    extra = {k: v for k, v in record.items() if k not in used}
    # Already-decoded HTML goes on as ``text`` (kind html): no bytes, so no encoding to re-guess.
    return RawDoc(source, locator, kind, text=record[body_key], meta=meta, extra=extra)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return decode_text(line).text
        except DecodeError as exc:
            raise ValueError(f"the line is not text: {exc.detail}") from None


def iter_jsonl(stream: LineReader, source: str, max_bytes: int) -> Iterator[RawDoc | Rejection]:
    """Records of a JSON Lines stream; locators are ``#<line number>`` (1-based); blank lines are skipped."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        locator = f"#{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            del line
            while True:
                chunk = stream.readline(_DRAIN_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield Rejection(
                source,
                locator,
                "too_large",
                f"{source}{locator}: the line is {size:,} bytes, over the {max_bytes:,}-byte cap",
            )
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            value = json.loads(_decode_line(line))
        except ValueError as exc:  # JSONDecodeError and undecodable bytes
            yield Rejection(source, locator, "malformed_json", f"{source}{locator}: {exc}")
            continue
        yield record_to_doc(value, source, locator)


def iter_json(data: bytes, source: str) -> Iterator[RawDoc | Rejection]:
    """Records of a whole JSON document: an object (locator ``""``) or a list of objects (``[i]``, 0-based).

    A document that turns out to be JSON Lines (``Extra data`` after the first
    value) is read as JSON Lines instead.
    """
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            log.debug("%s: more than one JSON value; reading it as JSON Lines", source)
            yield from iter_jsonl(_BytesLines(data), source, len(data) + 1)
            return
        yield Rejection(source, "", "malformed_json", f"{source}: {exc}")
        return
    except UnicodeDecodeError as exc:
        yield Rejection(source, "", "malformed_json", f"{source}: not UTF-8/16/32 JSON ({exc})")
        return
    if isinstance(value, list):
        if not value:
            yield Rejection(source, "", "empty", f"{source}: the JSON list is empty")
        for index, item in enumerate(value):
            yield record_to_doc(item, source, f"[{index}]")
    else:
        yield record_to_doc(value, source, "")


class _BytesLines:
    """``readline(size)`` over an in-memory bytes object."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def readline(self, size: int = -1, /) -> bytes:
        end = self._data.find(b"\n", self._pos)
        end = len(self._data) if end < 0 else end + 1
        if size >= 0:
            end = min(end, self._pos + size)
        line = self._data[self._pos : end]
        self._pos = end
        return line
