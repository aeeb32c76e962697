"""Input readers: turn command-line arguments into RawDocs (or Rejections).

:func:`iter_inputs` takes arguments as a user types them: files, folders
(walked recursively in sorted order, hidden entries skipped), glob patterns,
``-`` for standard input, and http(s) URLs. The format comes from the file
extension, else from sniffing the first bytes. Bad input never raises: every
unreadable file, record or URL becomes a :class:`~sitrep.model.Rejection`
naming it and the cause, and iteration goes on.

Memory stays bounded: a file over ``max_bytes`` is refused from its size
without being read, standard input and URLs are read at most ``max_bytes + 1``
bytes, and JSON Lines and WARC files (which may be far larger than one
article) are streamed record by record with the cap applied to each record.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, Protocol, cast

from sitrep.errors import FetchError
from sitrep.ingest.decode import DecodeError, binary_reason, codec_name, decode_text, detect_bom
from sitrep.ingest.feeds import iter_feed
from sitrep.ingest.jsonrecords import iter_json, iter_jsonl
from sitrep.ingest.warc import iter_warc, looks_like_warc
from sitrep.model import RawDoc, Rejection

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

    from sitrep.ingest.fetch import Fetcher

log = logging.getLogger(__name__)

Item = RawDoc | Rejection


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


#: How many leading bytes are read to sniff a format.
SNIFF_BYTES = 1 << 16
_BUFFER = 1 << 16

_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".gz": "gzip",
}
#: Formats read record by record from a stream, so the file-size cap does not apply.
_STREAMED = frozenset({"jsonl", "warc", "gzip"})
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]")
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
_JSON_TYPES = frozenset(
    {"application/json", "application/x-ndjson", "application/jsonl", "application/ld+json"}
)
#: WHATWG: these labels mean windows-1252 in HTML.
_HTML_LATIN1 = frozenset({"iso8859-1", "ascii", "latin-1"})


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How inputs are read.

    ``max_bytes`` caps one article: a whole text/HTML/JSON/feed file, a fetched
    URL, one JSON Lines record or one WARC payload. ``timeout`` bounds each
    network operation of a URL fetch. ``allow_private`` lets URLs reach
    private, loopback and link-local addresses.
    """

    allow_private: bool = False
    max_bytes: int = 20_000_000
    timeout: float = 15.0


_DEFAULT_OPTIONS = ReadOptions()


def iter_inputs(
    args: Sequence[str], *, options: ReadOptions = _DEFAULT_OPTIONS, stdin: BinaryIO | None = None
) -> Iterator[RawDoc | Rejection]:
    """Every document found in ``args``, in order; problems become Rejections, never exceptions."""
    fetcher: Fetcher | None = None
    try:
        for arg in args:
            if arg == "-":
                stream: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer
                yield from _read_stream("-", stream, None, None, options)
            elif _URL.match(arg):
                if arg.split(":", 1)[0].lower() not in ("http", "https"):
                    yield Rejection(arg, "", "unsupported", f"{arg}: only http and https URLs can be read")
                    continue
                if fetcher is None:
                    from sitrep.ingest.fetch import Fetcher  # httpx is only imported when a URL is given

                    fetcher = Fetcher(
                        timeout=options.timeout,
                        max_bytes=options.max_bytes,
                        allow_private=options.allow_private,
                    )
                yield from iter_url(arg, fetcher, options)
            else:
                yield from _iter_path_arg(arg, options)
    finally:
        if fetcher is not None:
            fetcher.close()


# --------------------------------------------------------------------------- paths


def _iter_path_arg(arg: str, options: ReadOptions) -> Iterator[Item]:
    try:
        st = Path(arg).stat()
    except FileNotFoundError:
        if any(char in arg for char in "*?["):
            yield from _iter_glob(arg, options)
        else:
            yield Rejection(arg, "", "not_found", f"{arg}: no such file or folder")
        return
    except PermissionError as exc:
        yield Rejection(arg, "", "permission", f"{arg}: permission denied ({exc.strerror})")
        return
    except OSError as exc:
        yield Rejection(arg, "", "not_found", f"{arg}: cannot be reached ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _iter_folder(arg, options)
    else:
        yield from _read_file(arg, st, options)


def _iter_glob(pattern: str, options: ReadOptions) -> Iterator[Item]:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207  (Path.glob takes no absolute patterns)
    if not matches:
        yield Rejection(pattern, "", "not_found", f"{pattern}: no file matches the pattern")
        return
    seen: set[str] = set()
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _iter_folder(match, options, seen)
        elif match not in seen:
            seen.add(match)
            yield from _iter_path_arg(match, options)


def _list_folder(folder: str) -> list[os.DirEntry[str]] | Rejection:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except PermissionError as exc:
        return Rejection(folder, "", "permission", f"{folder}: folder cannot be read ({exc.strerror})")
    except OSError as exc:
        return Rejection(folder, "", "not_found", f"{folder}: folder cannot be read ({exc.strerror or exc})")


def walk_files(top: str) -> Iterator[str | Rejection]:
    """Files under ``top``, depth-first in name order (a folder's contents come where its name sorts),
    skipping hidden entries and not following symlinked folders. A folder that cannot be listed
    becomes a Rejection and the walk goes on."""
    listed = _list_folder(top)
    if isinstance(listed, Rejection):
        yield listed
        return
    stack = [iter(listed)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if not is_dir:
            yield entry.path
            continue
        listed = _list_folder(entry.path)
        if isinstance(listed, Rejection):
            yield listed
        else:
            stack.append(iter(listed))


def _iter_folder(top: str, options: ReadOptions, seen: set[str] | None = None) -> Iterator[Item]:
    anything = False
    for found in walk_files(top):
        anything = True
        if isinstance(found, Rejection):
            yield found
        elif seen is None or found not in seen:
            if seen is not None:
                seen.add(found)
            yield from _iter_path_arg(found, options)
    if not anything and seen is None:
        yield Rejection(top, "", "empty", f"{top}: the folder has no (non-hidden) files")


def format_for_name(name: str) -> str | None:
    """The format a file name implies (``text``, ``html``, ``json``, ``jsonl``, ``warc``, ``feed``,
    ``gzip``), or None when only sniffing can tell."""
    lower = Path(name).name.lower()
    if lower.endswith((".warc.gz", ".warc.gzip")):
        return "warc"
    suffix = Path(lower).suffix
    if not suffix:
        return "text"
    return _EXTENSIONS.get(suffix)


def _read_file(source: str, st: os.stat_result, options: ReadOptions) -> Iterator[Item]:
    fmt = format_for_name(source)
    regular = stat.S_ISREG(st.st_mode)
    if regular and fmt is not None and fmt not in _STREAMED and st.st_size > options.max_bytes:
        yield _too_large(source, "", st.st_size, options)
        return
    try:
        handle = Path(source).open("rb")  # noqa: SIM115  (closed in the finally below)
    except PermissionError as exc:
        yield Rejection(source, "", "permission", f"{source}: permission denied ({exc.strerror})")
        return
    except OSError as exc:
        yield Rejection(source, "", "not_found", f"{source}: cannot be opened ({exc.strerror or exc})")
        return
    try:
        if fmt == "gzip":
            inner = _EXTENSIONS.get(Path(source[: -len(".gz")]).suffix.lower())
            yield from _read_gzip(source, handle, inner, options)
        else:
            yield from _read_stream(source, handle, fmt, st.st_size if regular else None, options)
    except OSError as exc:  # an I/O error in the middle of a read
        yield Rejection(source, "", "unsupported", f"{source}: read error ({exc.strerror or exc})")
    finally:
        handle.close()


# --------------------------------------------------------------------------- streams


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


def sniff_format(head: bytes) -> str:
    """The format of a document from its first bytes: ``gzip``, ``warc``, ``json``, ``jsonl``,
    ``feed``, ``html``, ``text``, or ``unsupported:<what>`` for a known binary type."""
    if head.startswith(b"\x1f\x8b"):
        return "warc" if looks_like_warc(head) else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"unsupported:{what}"
    bom = detect_bom(head)
    sample = (head[bom[1] :].decode(bom[0], errors="ignore") if bom else head.decode("latin-1")).lstrip()
    lowered = sample[:SNIFF_BYTES].lower()
    if lowered.startswith("["):
        return "json"
    if lowered.startswith("{"):
        first, newline, _rest = sample.partition("\n")
        if not newline:
            return "jsonl"
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "json"
        except ValueError:
            return "json"
    if lowered.startswith("<"):
        feed_at = _FEED_ROOT.search(lowered)
        html_at = lowered.find("<html")
        if feed_at is not None and (html_at < 0 or feed_at.start() < html_at):
            return "feed"
        if html_at < 0 and lowered.startswith("<?xml") and "<!doctype html" not in lowered:
            return "unsupported:an XML document that is neither a feed nor XHTML"
        return "html"
    return "text"


def _read_stream(
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
    if fmt in _STREAMED:
        buffered = io.BufferedReader(_PrefixedRaw(head, stream), buffer_size=_BUFFER)
        if fmt == "warc":
            if not looks_like_warc(head):
                yield Rejection(source, "", "malformed_warc", f"{source}: not a WARC file (no WARC/ header)")
                return
            yield from iter_warc(buffered, source, options.max_bytes)
        elif fmt == "jsonl":
            yield from iter_jsonl(buffered, source, options.max_bytes)
        else:
            yield from _read_gzip(source, buffered, None, options)
        return
    if size is not None and size > options.max_bytes:
        yield _too_large(source, "", size, options)
        return
    data = head
    if len(head) == SNIFF_BYTES:  # a shorter head means the stream has ended
        data += _read_exactly(stream, options.max_bytes + 1 - len(head))
    if len(data) > options.max_bytes:
        yield _too_large(source, "", None, options)
        return
    yield from docs_from_bytes(data, fmt, source, options)


def _read_gzip(source: str, stream: Readable, inner: str | None, options: ReadOptions) -> Iterator[Item]:
    """Gunzip ``stream`` and read what is inside (format ``inner``, else sniffed); damage → undecodable."""
    unzipped = gzip.GzipFile(fileobj=cast("IO[bytes]", stream), mode="rb")  # GzipFile only calls read()
    try:
        yield from _read_stream(source, unzipped, inner, None, options)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(source, "", "undecodable", f"{source}: damaged gzip data ({exc})")


def _too_large(source: str, locator: str, size: int | None, options: ReadOptions) -> Rejection:
    what = f"{size:,} bytes" if size is not None else "larger than that"
    return Rejection(
        source, locator, "too_large", f"{source}{locator}: {what}, over the {options.max_bytes:,}-byte cap"
    )


# --------------------------------------------------------------------------- documents


def html_charset(data: bytes) -> str | None:
    """The charset an HTML document's ``<meta charset>`` (or http-equiv) declares in its first 4 KiB."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    codec = codec_name(match.group(1).decode("ascii", "ignore"))
    return "cp1252" if codec in _HTML_LATIN1 else codec


def html_doc(
    data: bytes,
    source: str,
    locator: str = "",
    *,
    declared: str | None = None,
    meta: dict[str, str | None] | None = None,
) -> Item:
    """An HTML RawDoc with the bytes as read; ``charset`` is the one a BOM, the transport (``declared``)
    or a ``<meta charset>`` names, in that order, else None (the extractor detects it)."""
    if not data.strip():
        return Rejection(source, locator, "empty", f"{source}{locator}: the HTML is empty")
    charset: str | None
    bom = detect_bom(data)
    if bom is not None:
        # Python codecs that consume the mark: the data is left exactly as read.
        charset = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(bom[0], "utf-32")
    else:
        reason = binary_reason(data[:SNIFF_BYTES])
        if reason is not None:
            return Rejection(source, locator, "binary", f"{source}{locator}: not HTML, {reason}")
        declared_codec = codec_name(declared)
        charset = ("cp1252" if declared_codec in _HTML_LATIN1 else declared_codec) or html_charset(data)
    return RawDoc(source, locator, "html", data=data, meta=dict(meta or {}), charset=charset)


def text_doc(
    data: bytes,
    source: str,
    locator: str = "",
    *,
    declared: str | None = None,
    meta: dict[str, str | None] | None = None,
) -> Item:
    """A plain-text RawDoc with decoded ``text`` and its ``charset``, or the decoding Rejection."""
    try:
        decoded = decode_text(data, declared)
    except DecodeError as exc:
        return Rejection(source, locator, exc.code, f"{source}{locator}: {exc.detail}")
    return RawDoc(source, locator, "text", text=decoded.text, meta=dict(meta or {}), charset=decoded.charset)


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
        yield from _read_gzip(source, io.BytesIO(data), None, options)
    else:
        yield text_doc(data, source, declared=declared, meta=meta)


# --------------------------------------------------------------------------- URLs


def _format_for_content_type(content_type: str, body: bytes) -> str:
    if content_type in _HTML_TYPES:
        return "html"
    if content_type == "text/plain":
        return "text"
    if content_type in _FEED_TYPES:
        return "feed"
    if content_type in _JSON_TYPES:
        return "jsonl" if content_type in ("application/x-ndjson", "application/jsonl") else "json"
    if content_type.startswith(("image/", "audio/", "video/", "font/")) or content_type in (
        "application/pdf",
        "application/zip",
        "application/octet-stream",
    ):
        return f"unsupported:content type {content_type}"
    return sniff_format(body[:SNIFF_BYTES])


def iter_url(url: str, fetcher: Fetcher, options: ReadOptions) -> Iterator[Item]:
    """Documents at an http(s) URL: one page (html or text/plain), or the records of a feed or JSON."""
    try:
        fetched = fetcher.fetch(url)
    except FetchError as exc:
        yield Rejection(url, "", exc.code, exc.detail)
        return
    fmt = _format_for_content_type(fetched.content_type, fetched.body)
    if fmt.startswith("unsupported:"):
        yield Rejection(url, "", "unsupported", f"{url}: {fmt.split(':', 1)[1]} is not supported")
        return
    yield from docs_from_bytes(
        fetched.body,
        fmt,
        url,
        options,
        declared=fetched.charset,
        url=fetched.url,
        content_type=fetched.content_type,
    )
