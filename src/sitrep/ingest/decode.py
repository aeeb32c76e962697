"""Turning input bytes into text, or saying clearly why they cannot be.

The order is fixed: a byte-order mark wins; then binary content is refused
(NUL bytes, or more than 10% control characters other than tab, newline,
carriage return and form feed); then a charset the source declared; then
strict UTF-8; then charset_normalizer's best guess, accepted only when it is
coherent (low "chaos", some language coherence); and as a last step a mostly
ASCII text with a few stray high bytes is read as Windows-1252. Anything else
is refused as ``undecodable``: random bytes must never become an article of
mojibake.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

import charset_normalizer

log = logging.getLogger(__name__)

#: Largest share of control characters a text may have before it counts as binary.
MAX_CONTROL_RATIO = 0.10
#: Largest "chaos" (mess ratio) of a charset_normalizer guess we accept.
MAX_CHAOS = 0.10
#: Smallest language coherence of a charset_normalizer guess we accept.
MIN_COHERENCE = 0.20
#: A text whose non-ASCII bytes are at most this share is read as cp1252 as a last resort.
MAX_NON_ASCII_FALLBACK = 0.20
#: Largest share of garbage characters (controls, private use, U+FFFD) in a decoded text.
MAX_GARBAGE_RATIO = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f") + b"\x7f"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_GARBAGE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff\ue000-\uf8ff]")


class DecodeError(ValueError):
    """Bytes that cannot become text; ``code`` is a rejection code: ``binary``, ``undecodable``, ``empty``."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(slots=True, frozen=True)
class Decoded:
    """Decoded text and the codec (Python's canonical name) that produced it."""

    text: str
    charset: str


def detect_bom(data: bytes) -> tuple[str, int] | None:
    """The codec a byte-order mark at the start of ``data`` names, and the mark's length."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def codec_name(label: str | None) -> str | None:
    """Python's canonical name for a charset label (``"Windows-1251"`` → ``"cp1251"``), or None if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary rather than text, or None when it does not."""
    if not data:
        return None
    if b"\x00" in data:
        return "it contains NUL bytes"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls / len(data) > MAX_CONTROL_RATIO:
        return f"{controls / len(data):.0%} of its bytes are control characters"
    return None


def _garbage_ratio(text: str) -> float:
    if not text:
        return 0.0
    return (len(text) - len(_GARBAGE.sub("", text))) / len(text)


def _finish(text: str, charset: str) -> Decoded:
    if not text.strip():
        raise DecodeError("empty", "the text is empty or only whitespace")
    ratio = _garbage_ratio(text)
    if ratio > MAX_GARBAGE_RATIO:
        raise DecodeError(
            "undecodable", f"decoded as {charset}, {ratio:.0%} of the characters are control or invalid"
        )
    return Decoded(text, charset)


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, with the codec used; raises :class:`DecodeError`.

    ``declared`` is a charset the source itself gave (an HTTP ``Content-Type``
    parameter, say); it is tried after the BOM and binary checks and ignored
    when the bytes are not valid in it.
    """
    if not data.strip():
        raise DecodeError("empty", "the input is empty or only whitespace")
    bom = detect_bom(data)
    if bom is not None:
        codec, skip = bom
        try:
            return _finish(data[skip:].decode(codec), codec)
        except UnicodeDecodeError as exc:
            raise DecodeError("undecodable", f"it starts with a {codec} byte-order mark but {exc}") from None
    reason = binary_reason(data)
    if reason is not None:
        raise DecodeError("binary", reason)
    declared_codec = codec_name(declared)
    if declared_codec is not None:
        try:
            return _finish(data.decode(declared_codec), declared_codec)
        except UnicodeDecodeError:
            log.debug("bytes are not valid %s as declared; detecting", declared_codec)
        except DecodeError as exc:
            log.debug("declared charset %s gives garbage (%s); detecting", declared_codec, exc.detail)
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        chaos, coherence = float(best.chaos), float(best.coherence)
        guessed = codec_name(str(best.encoding))
        if guessed is not None and chaos <= MAX_CHAOS and coherence >= MIN_COHERENCE:
            try:
                return _finish(data.decode(guessed), guessed)
            except (UnicodeDecodeError, DecodeError) as exc:
                log.debug("charset guess %s rejected: %s", guessed, exc)
        else:
            log.debug(
                "charset guess %s rejected (chaos %.2f, coherence %.2f)", best.encoding, chaos, coherence
            )
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    if non_ascii / len(data) <= MAX_NON_ASCII_FALLBACK:
        for codec in ("cp1252", "iso8859-1"):
            try:
                return _finish(data.decode(codec), codec)
            except (UnicodeDecodeError, DecodeError):
                continue
    raise DecodeError("undecodable", "not valid UTF-8 and no coherent charset could be detected")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text (see :func:`decode_text`); raises :class:`DecodeError`, a ValueError."""
    return decode_text(data).text
