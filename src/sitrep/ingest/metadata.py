"""Article metadata from a plain-text dump: publication date, title, outlet, wire credits, byline.

:func:`infer_metadata` works on the cleaned body text plus the cleaner's hints (the title line and
the removed lines with their reasons: ``byline``, ``credit``, ``metadata``, ``promo``, ``legal``...).
Caller metadata (``given``: ``published``, ``title``, ``outlet``, ``author``) always wins. The date
logic lives in :mod:`sitrep.ingest.dates`; agency names in ``sitrep/data/wire_agencies.json`` and
known outlet domains in ``sitrep/data/outlets.json``.

The function is pure and robust to junk: handed a whole raw dump without hints it still finds
stamps, credits and bylines in the lines themselves, and it ignores text after an end-of-article
credit (``With reporting by ...``, ``SOURCE:AFP``) when it infers dates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.ingest.dates import infer_published

__all__ = ["InferredMeta", "infer_metadata"]

_DATA = Path(__file__).resolve().parent.parent / "data"
STAMP_REASONS = frozenset({"metadata", "date", "dateline", "timestamp", "byline", "credit", "reading_time"})
CREDIT_LINE_MAX_CHARS = 160
BYLINE_MAX_CHARS = 100
BYLINE_SCAN_LINES = 3
END_CREDIT_FROM = 0.4  # an end credit sits in the last 60% of the text
_DASH_CREDIT_RX = re.compile(r"^\s*[—–-]{1,2}\s*(?P<rest>[^—–-].*)$")
_PAREN_RX = re.compile(r"\(?\s*([^()]+?)\s*\)?")
_COPYRIGHT_START_RX = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_OUTLET_HINT_RX = re.compile(
    r"['’]s |published|from|cookies|funded|supported|Get the|Disclaimer|©|\(c\)|opyright", re.IGNORECASE
)
_PICTURE_CREDIT_RX = re.compile(r"^(?:photo|image|picture|video|illustration|graphic|cover)\b", re.IGNORECASE)
_GENERIC_BYLINES = frozenset(
    {
        "staff",
        "staff writer",
        "staff reporter",
        "our correspondent",
        "news desk",
        "web desk",
        "editorial staff",
    }
)
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "da", "al", "bin", "and", "&"})


@dataclass(slots=True, frozen=True)
class InferredMeta:
    published: str | None
    published_from: str | None
    title: str | None
    outlet: str | None
    wire_credits: tuple[str, ...]
    byline: str | None
    warnings: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class _Agencies:
    exact: dict[str, str]  # case-sensitive alias -> canonical name (all-caps and short aliases)
    folded: dict[str, str]  # lower-cased alias -> canonical name
    any_rx: re.Pattern[str]  # any alias as a whole word
    generic_rx: re.Pattern[str]  # "Xyz News Agency"
    credit_rx: re.Pattern[str]  # a credit line: prefix + rest
    domains: dict[str, str]


@lru_cache(maxsize=1)
def _agencies() -> _Agencies:
    raw: dict[str, Any] = json.loads((_DATA / "wire_agencies.json").read_text(encoding="utf-8"))
    outlets: dict[str, Any] = json.loads((_DATA / "outlets.json").read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for agency in raw["agencies"]:
        for alias in [agency["name"], *agency["aliases"]]:
            if alias.isupper() or len(alias) <= 4:
                exact[alias] = agency["name"]
            else:
                folded[alias.lower()] = agency["name"]
    names = sorted([*exact, *folded], key=len, reverse=True)
    any_rx = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE
    )
    suffixes = "|".join(re.escape(s) for s in raw["generic_suffixes"])
    generic_rx = re.compile(rf"^(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}\s+(?:{suffixes})$")
    prefixes = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(raw["credit_prefixes"], key=len, reverse=True)
    )
    credit_rx = re.compile(
        rf"^[\s•*(\[—–-]*(?P<prefix>{prefixes})\b\s*[:\-–—]?\s*(?P<rest>.+?)[)\].]*$", re.IGNORECASE
    )
    return _Agencies(exact, folded, any_rx, generic_rx, credit_rx, dict(outlets["domains"]))


def _agency(piece: str, ag: _Agencies) -> str | None:
    """Canonical agency name for one credit item, or None."""
    s = re.sub(r"^(?:the|and)\s+", "", piece.strip(" .:;()[]—–-"), flags=re.IGNORECASE)
    if not s:
        return None
    if s in ag.exact:
        return ag.exact[s]
    if s.lower() in ag.folded:
        return ag.folded[s.lower()]
    if ag.generic_rx.match(s):
        return s
    return None


def _agencies_in(rest: str, ag: _Agencies, *, strict: bool) -> list[str]:
    """Agencies named in the text after a credit prefix: "Reuters, AFP, and TASS".

    ``strict`` demands that every item is an agency (for weak prefixes like ``Source``); otherwise
    items that are not agencies (reporters' names) are skipped.
    """
    pieces = [p for p in re.split(r"\s*(?:,|;|/|&|\+|\band\b)\s*", rest) if p.strip()]
    found: list[str] = []
    for piece in pieces:
        name = _agency(piece, ag)
        if name is None and not strict:
            # "Reuters correspondents", "AFP reporters": a known alias as a whole word, not a
            # reporter's name ("Reporting by Max Hunder in Kyiv")
            for m in ag.any_rx.finditer(piece):
                name = _agency(m.group(), ag)
                if name is not None:
                    break
        if name is None and strict:
            return []
        if name is not None:
            found.append(name)
    return found


def _credits_from_line(line: str, ag: _Agencies, *, removed_credit: bool) -> list[str]:
    s = line.strip()
    if not s or len(s) > CREDIT_LINE_MAX_CHARS or _PICTURE_CREDIT_RX.match(s):
        return []
    m = ag.credit_rx.match(s)
    if m:
        prefix = m.group("prefix").lower()
        strong = any(word in prefix for word in ("report", "material", "files", "compiled", "input"))
        return _agencies_in(m.group("rest"), ag, strict=not strong)
    dash = _DASH_CREDIT_RX.match(s)
    if dash:
        return _agencies_in(dash.group("rest"), ag, strict=True)
    if removed_credit:
        return _agencies_in(s, ag, strict=False)
    paren = _PAREN_RX.fullmatch(s)
    return _agencies_in(paren.group(1), ag, strict=True) if paren and len(s) <= 40 else []


def _wire_credits(lines: list[str], removed: Sequence[tuple[str, str]], ag: _Agencies) -> list[str]:
    found: list[str] = []
    for line, reason in removed:
        if reason == "credit":
            found.extend(_credits_from_line(line, ag, removed_credit=True))
    for i, line in enumerate(lines):
        if i < BYLINE_SCAN_LINES:
            dl = re.match(r"^[^()\n]{0,80}?\((?P<agency>[^()\n]{2,40})\)\s*[-–—]+\s", line)
            if dl:
                name = _agency(dl.group("agency"), ag)
                if name is not None:
                    found.append(name)
                    continue
        found.extend(_credits_from_line(line, ag, removed_credit=False))
    return list(dict.fromkeys(found))


def credit_lines(lines: Iterable[str]) -> list[str]:
    """The lines that are wire-credit lines ("With reporting by ...", "SOURCE: AFP")."""
    ag = _agencies()
    return [line.strip() for line in lines if _credits_from_line(line, ag, removed_credit=False)]


def _end_credit_offset(text: str, ag: _Agencies) -> int | None:
    """Offset of the first end-of-article credit line, if any, in the last part of the text."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if pos >= len(text) * END_CREDIT_FROM and _credits_from_line(line, ag, removed_credit=False):
            return pos
        pos += len(line)
    return None


_BYLINE_RX = re.compile(
    r"^\s*(?:by|written\s+by|words\s+by|author:?|reporting\s+by:?)\s+"
    r"(?P<name>[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|van|von|der|da|al|bin|and|&|,)){0,12})",
    re.IGNORECASE,
)


_NAME_OUTLET_RX = re.compile(
    r"^(?P<name>[A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]+){1,3}), "
    r"(?P<outlet>(?:The )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3})$"
)


def _header_lines(lines: list[str], removed: Sequence[tuple[str, str]]) -> list[str]:
    """Byline-reason removals, then the short lines before the first paragraph."""
    head = [line for line, reason in removed if reason == "byline"]
    for line in lines[:6]:
        if len(line.strip()) > BYLINE_MAX_CHARS:
            break
        head.append(line)
    return head


def _byline_outlet(lines: list[str], removed: Sequence[tuple[str, str]]) -> str | None:
    """'Olena Marchenko, Kyiv Ledger' under a headline names the outlet."""
    for line in _header_lines(lines, removed):
        m = _NAME_OUTLET_RX.match(line.strip())
        if m:
            return m.group("outlet")
    return None


def _byline(lines: list[str], removed: Sequence[tuple[str, str]], ag: _Agencies) -> str | None:
    candidates = _header_lines(lines, removed)
    for line in candidates:
        m = _BYLINE_RX.match(line.strip())
        if not m or not m.group("name")[0].isupper():
            continue
        name = re.split(r"\s*(?:\||•|·|—|–|\s-\s)\s*", m.group("name"))[0]
        parts = [p.strip() for p in name.split(",")]
        kept = [p for p in parts if p and _agency(p, ag) is None and not re.search(r"\d", p)]
        name = ", ".join(kept).strip(" ,&")
        name = re.sub(r"\s+(?:and|&)$", "", name)
        if name.lower() in _GENERIC_BYLINES:
            return None
        if name and all(w[0].isupper() or w in _NAME_PARTICLES for w in name.replace(",", " ").split()):
            return name
    for line in candidates:
        m = _NAME_OUTLET_RX.match(line.strip())
        if m and _agency(m.group("outlet"), ag) is None:
            return m.group("name")
    return None


_SERVICE_RX = re.compile(
    r"^(?P<name>[A-Z][\w/&.'’-]*(?:\s+[A-Z][\w/&.'’-]*){0,3}['’]s(?:\s+[A-Z][\w-]*){1,3}\s+(?:Service|Desk|Bureau))$"
)
_COPYRIGHT_RX = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>[A-Z][\w&.'’/ -]{1,60}?)\s*(?:[.,]?\s*all rights reserved.*|\.)?$",
    re.IGNORECASE,
)
_ORIGIN_RX = re.compile(
    r"^(?:this (?:article|story) (?:was )?(?:originally |first )?(?:published|appeared) (?:by|on|in|at)|"
    r"originally published (?:by|on|in|at)|first published (?:by|on|in|at))"
    r"\s+(?P<name>[A-Z][\w&.'’/ -]{1,60}?)\.?$",
    re.IGNORECASE,
)


_SELF_MENTION_RXS = tuple(
    re.compile(p)
    for p in (
        r"^(?:More|Latest|Most read) (?:from|on) (?P<name>[A-Z][\w&'’ -]{1,40}?)$",
        r"^(?P<name>(?:The )?[A-Z][\w&'’-]*(?: [A-Z0-9][\w&'’-]*){0,4})"
        r" (?:uses cookies|is funded by|is supported by)",
        r"^Get the (?P<name>[A-Z][\w&'’-]*(?: [A-Z0-9][\w&'’-]*){0,4}) (?:morning|evening|daily|weekly) ",
        r"^Disclaimer: (?P<name>[A-Z][\w&'’-]*(?: [A-Z0-9][\w&'’-]*){0,4}) (?:aggregates|is not)",
    )
)
_CORPORATE_RX = re.compile(
    r"(?:\s+(?:Media|Group|Publishing|Holdings|Communications|News))*"
    r"(?:,?\s+(?:LLC|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|plc|PLC|GmbH|AG|S\.A\.))+$"
)
COPYRIGHT_YEAR_RX = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)\b", re.I
)


def _outlet_votes(candidates: list[str]) -> list[str]:
    """Outlet names the page states about itself, in order of appearance."""
    found: list[str] = []
    for line in candidates:
        s = line.strip().lstrip("•* ").strip()
        if not s or len(s) > 160 or not _OUTLET_HINT_RX.search(s):
            continue
        m = _SERVICE_RX.match(s) or _ORIGIN_RX.match(s)
        if m is None:
            for rx in _SELF_MENTION_RXS:
                m = rx.match(s)
                if m:
                    break
        if m is not None:
            found.append(m.group("name").strip())
        elif _COPYRIGHT_START_RX.match(s):
            c = _COPYRIGHT_RX.match(s.split("|")[0].split(". ")[0].strip())
            if c:
                found.append(_CORPORATE_RX.sub("", c.group("name").strip(" .,")))
    return [f for f in found if f]


def _pick_outlet(votes: list[str], masthead: list[str]) -> str | None:
    """The most-stated name; ``masthead`` lines (page tops) break ties and drop a leading 'The'."""
    if not votes:
        return None

    def key(name: str) -> str:
        return re.sub(r"^the\s+", "", name.lower())

    tops = {key(m.strip()) for m in masthead}
    counts: dict[str, int] = {}
    for v in votes:
        counts[key(v)] = counts.get(key(v), 0) + 1 + (key(v) in tops)
    best = max(counts, key=lambda k: counts[k])
    forms = [v for v in votes if key(v) == best]
    bare = [f for f in forms if not f.lower().startswith("the ")]
    tops_bare = any(key(m.strip()) == best and not m.strip().lower().startswith("the ") for m in masthead)
    return bare[0] if bare else (re.sub(r"^The\s+", "", forms[0]) if tops_bare else forms[0])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def _outlet(
    lines: list[str], removed: Sequence[tuple[str, str]], url: str | None, ag: _Agencies
) -> str | None:
    host = _host(url)
    if host:
        parts = host.split(".")
        for i in range(len(parts) - 1):
            known = ag.domains.get(".".join(parts[i:]))
            if known:
                return known
    votes = _outlet_votes([line for line, _ in removed] + [line for line in lines if len(line) <= 160])
    masthead = [line for line, _ in removed[:3]] + lines[:3]
    byline_outlet = _byline_outlet(lines, removed)
    if byline_outlet:
        votes.append(byline_outlet)
    return _pick_outlet(votes, masthead) or host


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def infer_metadata(
    text: str,
    *,
    title: str | None = None,
    removed: Sequence[tuple[str, str]] = (),
    given: Mapping[str, str | None] | None = None,
    url: str | None = None,
) -> InferredMeta:
    """Infer an article's metadata from its body ``text`` and the cleaner's hints.

    Args:
        text: the cleaned body (a raw dump works too, less precisely).
        title: the title line the cleaner found, if any; no title line means no title.
        removed: (line text, reason) pairs for the lines the cleaner dropped.
        given: caller metadata (``published``, ``title``, ``outlet``, ``author``); wins over inference.
        url: the article's URL, for the outlet (known domains) and a ``/YYYY/MM/DD/`` path date.

    Returns:
        An :class:`InferredMeta`; unknown fields are ``None`` (or empty), never guesses.
    """
    given = given or {}
    ag = _agencies()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    stamp_lines = [(line, True) for line, reason in removed if reason in STAMP_REASONS]
    stamp_lines += [(line, False) for line in lines]
    copyright_years = [
        int(m.group(1))
        for line in [*(ln for ln, _ in removed), *lines]
        if (m := COPYRIGHT_YEAR_RX.search(line))
    ]
    outlet = _clean(given.get("outlet")) or _outlet(lines, removed, url, ag)
    credits = [c for c in _wire_credits(lines, removed, ag) if outlet is None or c.lower() != outlet.lower()]
    dates = infer_published(
        text,
        given=_clean(given.get("published")),
        stamp_lines=stamp_lines,
        url=url,
        body_end=_end_credit_offset(text, ag),
        copyright_year=max(copyright_years) if copyright_years else None,
    )
    return InferredMeta(
        published=dates.published,
        published_from=dates.published_from,
        title=_clean(given.get("title")) or _clean(title),
        outlet=outlet,
        wire_credits=tuple(credits),
        byline=_clean(given.get("author")) or _byline(lines, removed, ag),
        warnings=dates.warnings,
    )
