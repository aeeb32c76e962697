"""Read documents out of a byte stream or an in-memory input, within the size cap.

:func:`read_stream` sniffs the format from the first bytes when the name did
not give it, streams JSON Lines, WARC and gzip record by record (the cap
applies to each record), and reads any other input whole, at most
``max_bytes + 1`` bytes; :func:`docs_from_bytes` turns a complete input of a
known format into its documents. Damage and oversize become Rejections.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Protocol, cast

from sitrep.ingest.documents import Item, html_doc, text_doc
from sitrep.ingest.feeds import iter_feed
from sitrep.ingest.formats import SNIFF_BYTES, STREAMED, sniff_format
from sitrep.ingest.jsonrecords import iter_json, iter_jsonl
from sitrep.ingest.options import ReadOptions
from sitrep.ingest.warc import iter_warc, looks_like_warc
from sitrep.model import Rejection

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["Readable", "docs_from_bytes", "read_gzip", "read_stream", "too_large"]

log = logging.getLogger(__name__)


class Readable(Protocol):
    """What the readers read from: a binary file, standard input, a gzip stream."""

    def read(self, size: int = ..., /) -> bytes: ...


_BUFFER = 1 << 16


class _PrefixedRaw(io.RawIOBase):
    """Bytes already read (``head``) followed by the rest of ``stream``, as one raw stream."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head = head
        self._pos = 0
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def _read_exactly(stream: Readable, size: int) -> bytes:
    """Up to ``size`` bytes: keeps reading through short reads (pipes, gzip) until EOF."""
    parts: list[bytes] = []
    total = 0
    while total < size:
        chunk = stream.read(size - total)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def read_stream(
    source: str, stream: Readable, fmt: str | None, size: int | None, options: ReadOptions
) -> Iterator[Item]:
    """Read one document (or a stream of records) from ``stream``; ``size`` is known for regular files."""
    head = _read_exactly(stream, SNIFF_BYTES)
    if fmt is None:
        fmt = sniff_format(head)
        log.debug("%s: sniffed format %s", source, fmt)
    if fmt.startswith("unsupported:"):
        yield Rejection(source, "", "unsupported", f"{source}: {fmt.split(':', 1)[1]} is not supported")
        return
    if fmt in STREAMED:
        buffered = io.BufferedReader(_PrefixedRaw(head, stream), buffer_size=_BUFFER)
        if fmt == "warc":
            if not looks_like_warc(head):
                yield Rejection(source, "", "malformed_warc", f"{source}: not a WARC file (no WARC/ header)")
                return
            yield from iter_warc(buffered, source, options.max_bytes)
        elif fmt == "jsonl":
            yield from iter_jsonl(buffered, source, options.max_bytes)
        else:
            yield from read_gzip(source, buffered, None, options)
        return
    if size is not None and size > options.max_bytes:
        yield too_large(source, "", size, options)
        return
    data = head
    if len(head) == SNIFF_BYTES:  # a shorter head means the stream has ended
        data += _read_exactly(stream, options.max_bytes + 1 - len(head))
    if len(data) > options.max_bytes:
        yield too_large(source, "", None, options)
        return
    yield from docs_from_bytes(data, fmt, source, options)


def read_gzip(source: str, stream: Readable, inner: str | None, options: ReadOptions) -> Iterator[Item]:
    """Gunzip ``stream`` and read what is inside (format ``inner``, else sniffed); damage → undecodable."""
    unzipped = gzip.GzipFile(fileobj=cast("IO[bytes]", stream), mode="rb")  # GzipFile only calls read()
    try:
        yield from read_stream(source, unzipped, inner, None, options)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(source, "", "undecodable", f"{source}: damaged gzip data ({exc})")


def too_large(source: str, locator: str, size: int | None, options: ReadOptions) -> Rejection:
    """The Rejection of an input over the ``max_bytes`` cap (``size``: its size when known)."""
    what = f"{size:,} bytes" if size is not None else "larger than that"
    return Rejection(
        source, locator, "too_large", f"{source}{locator}: {what}, over the {options.max_bytes:,}-byte cap"
    )


def docs_from_bytes(
    data: bytes,
    fmt: str,
    source: str,
    options: ReadOptions,
    *,
    declared: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Item]:
    """Documents in a complete in-memory input of format ``fmt``."""
    meta: dict[str, str | None] = {"url": url} if url else {}
    if fmt == "html":
        yield html_doc(data, source, declared=declared, meta=meta)
    elif fmt == "json":
        yield from iter_json(data, source)
    elif fmt == "jsonl":
        yield from iter_jsonl(io.BytesIO(data), source, options.max_bytes)
    elif fmt == "feed":
        yield from iter_feed(data, source, options.max_bytes, base_url=url, content_type=content_type)
    elif fmt == "warc":
        yield from iter_warc(io.BytesIO(data), source, options.max_bytes)
    elif fmt == "gzip":
        yield from read_gzip(source, io.BytesIO(data), None, options)
    else:
        yield text_doc(data, source, declared=declared, meta=meta)
