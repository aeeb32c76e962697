"""One HTML or plain-text document from bytes: its charset, or the Rejection saying why it is unreadable.

:func:`html_doc` keeps the bytes as read and names the charset a BOM, the
transport or a ``<meta charset>`` declares (the extractor detects it when none
does); :func:`text_doc` decodes plain text (:func:`sitrep.ingest.decode.decode_text`).
"""

from __future__ import annotations

import re

from sitrep.ingest.decode import DecodeError, binary_reason, codec_name, decode_text, detect_bom
from sitrep.ingest.formats import SNIFF_BYTES
from sitrep.model import RawDoc, Rejection

__all__ = ["Item", "html_charset", "html_doc", "text_doc"]

#: What a reader yields: a document, or the Rejection that says why there is none.
Item = RawDoc | Rejection

_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
#: WHATWG: these labels mean windows-1252 in HTML.
_HTML_LATIN1 = frozenset({"iso8859-1", "ascii", "latin-1"})


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
