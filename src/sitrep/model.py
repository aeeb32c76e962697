"""The central records that flow through sitrep's stages.

``RawDoc`` is what a reader yields (bytes or text plus any metadata the source
gave); ``build_article`` in :mod:`sitrep.ingest.build` turns it into an
``Article`` or a ``Rejection``. An ``Article``'s ``text`` never changes after
cleaning: every later annotation (sentences, mentions, events, flags) points
into it with character offsets and lives in a named layer of ``article.layers``.
``removed`` spans point into the *raw* decoded input instead, so a reader can
see exactly what cleaning dropped and why.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class RawDoc:
    """One unit of input as a reader found it.

    ``source`` is the path or URL exactly as the user gave it (or the file found
    under a folder they gave); ``locator`` says where inside it (``""`` for a
    whole file, ``"#3"`` for the third JSONL line, ``"@1234"`` for a WARC record
    offset). ``kind`` is ``"text"`` for a plain-text dump or ``"html"``.
    ``meta`` holds metadata the source itself provided (``url``, ``title``,
    ``published``, ``outlet``, ``author``) and ``extra`` every other field of a
    JSON record, kept verbatim.
    """

    source: str
    locator: str
    kind: str
    data: bytes | None = None
    text: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    charset: str | None = None


@dataclass(slots=True, frozen=True)
class Removal:
    """A span of the raw input that cleaning removed, with the reason."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input that could not become an article, and why (see ``errors.REJECTION_CODES``)."""

    source: str
    locator: str
    code: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Article:
    """One news article: clean text plus metadata and offset-anchored layers."""

    id: str
    source: str
    text: str
    locator: str = ""
    kind: str = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    byline: str | None = None
    language: str | None = None
    wire_credits: tuple[str, ...] = ()
    duplicate_of: str | None = None
    similarity: float | None = None
    raw_sha256: str | None = None
    removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    layers: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``Article.from_dict(a.to_dict()) == a``."""
        out = asdict(self)
        out["wire_credits"] = list(self.wire_credits)
        out["warnings"] = list(self.warnings)
        out["removed"] = [r.to_dict() for r in self.removed]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        values = dict(data)
        values["wire_credits"] = tuple(values.get("wire_credits") or ())
        values["warnings"] = tuple(values.get("warnings") or ())
        values["removed"] = tuple(Removal(**r) for r in values.get("removed") or ())
        values["extra"] = dict(values.get("extra") or {})
        values["layers"] = dict(values.get("layers") or {})
        return cls(**values)


_WS = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "}
)


def normalise_text(text: str) -> str:
    """The form used for exact-duplicate detection: NFKC, folded case, plain quotes, one space."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WS.sub(" ", folded).strip()


def article_id(text: str) -> str:
    """Content-hash id: the same normalised text always gets the same id (16 hex digits)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
