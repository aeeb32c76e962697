"""HTML page -> main article text and page metadata.

Two extractors look at every page: trafilatura in precision mode (the backbone, with its metadata)
and readability-lxml. Their outputs are compared paragraph by paragraph through shared word
trigrams:

* When they picked different content altogether (under half of trafilatura's words occur in
  readability's text), trafilatura's default mode is run as a referee: readability's text wins only
  if the referee contains most of it, otherwise trafilatura's is kept.
* Otherwise trafilatura's paragraphs are kept, except unconfirmed ones *before the first* or *after
  the last* paragraph that readability also found (titles, decks, related-link lists, boilerplate
  at the edges). Unconfirmed paragraphs in the middle (embedded posts, quotes) stay.
* Paragraphs only readability found are added after the first confirmed one (trafilatura sometimes
  stops early or skips a block) when they read like prose: enough words, sentence punctuation at the
  end, few links, not inside a caption, figure, heading or an element whose class marks page furniture,
  and no boilerplate phrase (see ``sitrep/data/html_boilerplate.json``).

The returned text has one paragraph (or list item, heading, table row) per block, blocks separated by
a blank line (``"\\n\\n"``); the title is not part of it.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from charset_normalizer import from_bytes
from readability import Document

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_PROSE_END = re.compile(r"[.!?…:;\"'”’»)]\s*$")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_FURNITURE_TAGS = frozenset(["caption", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6"])
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})

_AGREE = 0.5  # share of trafilatura's words readability must also have for "same content"
_CONFIRM = 0.8  # share of readability's words the referee must have for readability to win
_COVERED = 0.5  # share of a paragraph's trigrams found in the other text for it to count as confirmed
_MIN_WORDS = 15  # words in a paragraph added from readability
_MAX_LINK_DENSITY = 0.3  # share of a paragraph's characters inside links


@dataclass(slots=True, frozen=True)
class HtmlExtract:
    """Main text and metadata of one HTML page."""

    text: str
    title: str | None
    published: str | None
    outlet: str | None
    author: str | None
    canonical_url: str | None
    language: str | None
    method: str


@dataclass(slots=True, frozen=True)
class _Para:
    text: str
    furniture: bool
    link_density: float


@dataclass(slots=True, frozen=True)
class _Boilerplate:
    classes: re.Pattern[str]
    phrases: re.Pattern[str]


@cache
def _boilerplate() -> _Boilerplate:
    raw = json.loads((files("sitrep") / "data" / "html_boilerplate.json").read_text(encoding="utf-8"))
    words = "|".join(re.escape(w) for w in raw["context_classes"])
    return _Boilerplate(
        classes=re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", re.IGNORECASE),
        phrases=re.compile("|".join(f"(?:{p})" for p in raw["phrases"]), re.IGNORECASE),
    )


def decode_html(data: bytes) -> str:
    """Text of an HTML page given as bytes: BOM, then <meta charset>, then UTF-8, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    candidates: list[str] = []
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        candidates.append(declared.group(1).decode("ascii", errors="ignore"))
    candidates.append("utf-8")
    for label in candidates:
        try:
            codec = codecs.lookup(label).name
            if codec == "iso8859-1":  # as browsers do: latin-1 labels mean windows-1252
                codec = "cp1252"
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    w = _words(text)
    if len(w) < n:
        return {tuple(w)} if w else set()
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def _covered(shingles: set[tuple[str, ...]], pool: set[tuple[str, ...]]) -> bool:
    return not shingles or sum(s in pool for s in shingles) >= _COVERED * len(shingles)


def _containment(part: str, whole: str) -> float:
    """Share of the words of ``part`` (as a multiset) that also occur in ``whole``."""
    a, b = Counter(_words(part)), Counter(_words(whole))
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 0.0


def _paragraphs(summary_html: str) -> list[_Para]:
    """Block-level paragraphs of readability's summary, with the context they sit in."""
    classes = _boilerplate().classes
    out: list[_Para] = []
    buf: list[str] = []
    linked = [0]

    def flush(furniture: bool) -> None:
        text = _SPACE.sub(" ", "".join(buf)).strip()
        if text:
            out.append(_Para(text, furniture, linked[0] / len(text)))
        buf.clear()
        linked[0] = 0

    def walk(el: Any, furniture: bool, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag and tag not in _SKIP_TAGS:
            block = tag in _BLOCK_TAGS
            inner = furniture or tag in _FURNITURE_TAGS
            inner = inner or bool(classes.search(f"{el.get('class') or ''} {el.get('id') or ''}"))
            link = in_link or tag == "a"
            if block:
                flush(furniture)
            if el.text:
                buf.append(el.text)
                linked[0] += len(el.text.strip()) if link else 0
            for child in el:
                walk(child, inner, link)
            if block:
                flush(inner)
        if el.tail:
            buf.append(el.tail)
            linked[0] += len(el.tail.strip()) if in_link else 0

    walk(lxml.html.fragment_fromstring(summary_html, create_parent="div"), False, False)
    flush(False)
    return out


def _is_prose(p: _Para) -> bool:
    return (
        not p.furniture
        and p.link_density <= _MAX_LINK_DENSITY
        and len(_WORD.findall(p.text)) >= _MIN_WORDS
        and _PROSE_END.search(p.text) is not None
        and _boilerplate().phrases.search(p.text) is None
    )


def _merge(lines: list[str], paras: list[_Para]) -> tuple[list[str], bool]:
    """Trim ``lines`` to what readability confirms at the edges, add what it missed; and if changed."""
    r_pool = set().union(*(_shingles(p.text) for p in paras))
    confirmed = [i for i, line in enumerate(lines) if _covered(_shingles(line), r_pool)]
    if not confirmed:
        return lines, False
    first, last = confirmed[0], confirmed[-1]
    kept = lines[first : last + 1]
    kept_shingles = [_shingles(line) for line in kept]
    t_pool = set().union(*kept_shingles)
    inserts: dict[int, list[str]] = {}
    anchor: int | None = None  # index in ``kept`` of the last readability paragraph trafilatura has
    seen: set[str] = set()
    for p in paras:
        shingles = _shingles(p.text)
        if _covered(shingles, t_pool):
            anchor = max(range(len(kept)), key=lambda i: len(shingles & kept_shingles[i]))
        elif anchor is not None and p.text not in seen and _is_prose(p):
            inserts.setdefault(anchor, []).append(p.text)
        seen.add(p.text)
    merged = [x for i, line in enumerate(kept) for x in (line, *inserts.get(i, ()))]
    return merged, bool(inserts) or len(kept) < len(lines)


def _combine(lines: list[str], paras: list[_Para], referee: Callable[[], str]) -> tuple[list[str], str]:
    t_text, r_text = "\n".join(lines), "\n".join(p.text for p in paras)
    if not paras:
        return (lines, "trafilatura") if lines else (_split(referee()), "trafilatura-default")
    if _containment(t_text, r_text) < _AGREE:
        ref = referee()
        if ref and _containment(r_text, ref) >= _CONFIRM:
            return [p.text for p in paras], "readability"
        if lines:
            return lines, "trafilatura"
        return _split(ref), "trafilatura-default"
    merged, changed = _merge(lines, paras)
    return merged, "trafilatura+readability" if changed else "trafilatura"


def _split(text: str | None) -> list[str]:
    return [s for line in (text or "").splitlines() if (s := _SPACE.sub(" ", line).strip())]


def _trafilatura(tree: Any, url: str | None, *, precision: bool, metadata: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            fast=True,
            favor_precision=precision,
            include_comments=False,
            with_metadata=metadata,
        )
    except Exception as exc:  # a third-party extractor must not take the ingest down
        log.debug("trafilatura failed on %s: %r", url, exc)
        return None


def _readability(html: str) -> list[_Para]:
    try:
        return _paragraphs(Document(html).summary(html_partial=True))
    except Exception as exc:  # readability raises on empty or odd documents
        log.debug("readability failed: %r", exc)
        return []


def _first(values: Iterable[Any]) -> str | None:
    for v in values:
        if isinstance(v, str) and (s := _SPACE.sub(" ", v).strip()):
            return s
    return None


def _canonical(tree: Any, url: str | None) -> str | None:
    hrefs = [
        *tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"),
        *tree.xpath("//meta[@property='og:url']/@content"),
    ]
    for href in hrefs:
        full = urljoin(url, str(href).strip()) if url else str(href).strip()
        parts = urlsplit(full)
        if parts.scheme in ("http", "https") and parts.netloc:
            return full
    return None


def _drop_title(paragraphs: list[str], titles: Iterable[str | None]) -> list[str]:
    """Leave out a leading headline: a first paragraph whose words are those of the title."""
    heads = [w for t in titles if t and (w := _words(t))]
    while paragraphs and any(
        (w := _words(paragraphs[0])) == h or (len(w) >= 3 and h[: len(w)] == w) for h in heads
    ):
        paragraphs = paragraphs[1:]
    return paragraphs


def _language(tree: Any) -> str | None:
    value = _first(
        [
            tree.get("lang"),
            tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
            *tree.xpath(
                "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
            ),
            *tree.xpath("//meta[@property='og:locale']/@content"),
        ]
    )
    if value is None:
        return None
    tag = value.split(",")[0].strip()
    return tag.split("-")[0].split("_")[0].lower() if _LANG.match(tag) else None


def _parse(html: str | bytes) -> tuple[str, Any]:
    text = decode_html(html) if isinstance(html, bytes) else html
    text = _XML_DECL.sub("", text.replace("\x00", ""), count=1)
    if not text.strip():
        raise ValueError("the HTML is empty")
    try:
        tree = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError on documents with no elements at all
        raise ValueError(f"the HTML cannot be parsed: {exc}") from None
    return text, tree


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract:
    """Main article text and metadata of one HTML page; ``ValueError`` when it has no text at all."""
    text, tree = _parse(html)
    canonical, language = _canonical(tree, url), _language(tree)
    doc = _trafilatura(tree, url, precision=True, metadata=True)
    meta = doc
    if meta is None:
        try:
            meta = trafilatura.extract_metadata(tree, default_url=url)
        except Exception as exc:
            log.debug("trafilatura metadata failed on %s: %r", url, exc)

    def referee() -> str:
        ref = _trafilatura(tree, url, precision=False, metadata=False)
        return str(ref.text or "") if ref is not None else ""

    lines = _split(doc.text if doc is not None else None)
    paragraphs, method = _combine(lines, _readability(text), referee)
    page_titles = tree.xpath("//title/text()")
    title = _first([getattr(meta, "title", None), *page_titles])
    titles = [title, *page_titles, *tree.xpath("//meta[@property='og:title']/@content")]
    body = "\n\n".join(_drop_title(paragraphs, titles))
    if not _WORD.search(body):
        raise ValueError("no article text could be extracted from the HTML")
    date = _first([getattr(meta, "date", None)])
    return HtmlExtract(
        text=body,
        title=title,
        published=date if date and _DATE.match(date) else None,
        outlet=_first([getattr(meta, "sitename", None)]),
        author=_first([getattr(meta, "author", None)]),
        canonical_url=canonical,
        language=language,
        method=method,
    )
