"""WARC reader: one RawDoc (kind html) per ``response`` record with an HTML payload.

warcio reads plain and gzip-member-compressed WARCs. Damage is caught three
ways: warcio raising on an unparseable record, a record whose body ends before
its ``Content-Length`` (truncated file), and bytes left over after the last
record warcio could read (a truncated gzip member). Records read before the
damage are still yielded; the damage itself becomes one ``malformed_warc``
rejection for the file.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from sitrep.ingest.decode import codec_name
from sitrep.model import RawDoc, Rejection

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]  # warcio has no type hints
    """warcio writes a warning to stderr when a record is not followed by a blank line
    (a wrong Content-Length); a library must not print, so count it instead."""

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        empty_size = 0
        first_line = True
        while True:
            line: bytes = self.reader.readline()
            if not line:
                return None, empty_size
            if not line.rstrip() or first_line:
                empty_size += len(line)
                if line.rstrip():
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size


class _Counting:
    """A read-only stream wrapper that counts the bytes it has handed out."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count

    def drain(self) -> int:
        while self.read(_CHUNK):
            pass
        return self.count


def looks_like_warc(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file, gzip-compressed or not) starts a WARC record."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _drain(stream: Any) -> None:
    while stream.read(_CHUNK):
        pass


def iter_warc(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[RawDoc | Rejection]:
    """HTML response records of a WARC stream; locators are ``@<record offset>`` in the (compressed) file."""
    counted = _Counting(stream)
    damage: str | None = None
    try:
        iterator = _QuietArchiveIterator(counted)
        for record in iterator:
            offset: int = iterator.offset
            locator = f"@{offset}"
            if record.format != "warc":
                damage = f"the record at offset {offset} is not a WARC record ({record.format})"
                break
            if iterator.err_count:
                damage = f"the record before offset {offset} has a wrong Content-Length"
                break
            wanted = record.rec_type == "response" and record.http_headers is not None
            content_type = ""
            if wanted:
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                wanted = content_type.split(";")[0].strip() in _HTML_TYPES
            body = record.content_stream().read(max_bytes + 1) if wanted else b""
            _drain(record.raw_stream)
            if getattr(record.raw_stream, "limit", 0):
                damage = f"the record at offset {offset} is truncated"
                break
            if not wanted:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if len(body) > max_bytes:
                yield Rejection(
                    source,
                    locator,
                    "too_large",
                    f"{source}{locator}: the payload of {uri} is over the {max_bytes:,}-byte cap",
                )
                continue
            charset = None
            if "charset=" in content_type:
                charset = codec_name(content_type.split("charset=", 1)[1].split(";")[0])
            extra: dict[str, Any] = {}
            warc_date = record.rec_headers.get_header("WARC-Date")
            if warc_date:
                extra["warc_date"] = warc_date
            yield RawDoc(
                source,
                locator,
                "html",
                data=body,
                meta={"url": uri} if uri else {},
                extra=extra,
                charset=charset,
            )
        else:
            end: int = iterator.offset
            size = counted.drain()
            if iterator.err_count:
                damage = "the last record has a wrong Content-Length"
            elif end < size:
                damage = f"{size - end:,} bytes after offset {end:,} could not be read as a WARC record"
            elif size == 0:
                damage = "the file is empty"
    except Exception as exc:  # warcio raises many kinds of errors on damaged input
        log.debug("%s: WARC damaged", source, exc_info=True)
        damage = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    if damage is not None:
        yield Rejection(source, "", "malformed_warc", f"{source}: damaged WARC: {damage}")
