"""Which format an input is: from its file name, its first bytes, or an HTTP content type.

The formats are ``text``, ``html``, ``json``, ``jsonl``, ``warc``, ``feed`` and
``gzip``; a known binary type (PDF, ZIP, images, other archives) sniffs as
``unsupported:<what>``, which the readers turn into a Rejection.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitrep.ingest.decode import detect_bom
from sitrep.ingest.warc import looks_like_warc

__all__ = ["EXTENSIONS", "SNIFF_BYTES", "STREAMED", "format_for_content_type", "format_for_name", "sniff_format"]

#: How many leading bytes are read to sniff a format.
SNIFF_BYTES = 1 << 16
#: File extension -> format.
EXTENSIONS: dict[str, str] = {
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
STREAMED = frozenset({"jsonl", "warc", "gzip"})
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
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
_JSON_TYPES = frozenset(
    {"application/json", "application/x-ndjson", "application/jsonl", "application/ld+json"}
)


def format_for_name(name: str) -> str | None:
    """The format a file name implies (``text``, ``html``, ``json``, ``jsonl``, ``warc``, ``feed``,
    ``gzip``), or None when only sniffing can tell."""
    lower = Path(name).name.lower()
    if lower.endswith((".warc.gz", ".warc.gzip")):
        return "warc"
    suffix = Path(lower).suffix
    if not suffix:
        return "text"
    return EXTENSIONS.get(suffix)


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


def format_for_content_type(content_type: str, body: bytes) -> str:
    """The format an HTTP ``content_type`` names, else the one ``body`` sniffs as."""
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
