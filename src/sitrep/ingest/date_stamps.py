"""Date stamps: a caller-given date, a standalone date line of the dump, a date in the URL.

:func:`parse_date_string` reads a date as a caller gives it (ISO 8601, RFC 822,
``June 26, 2024``); :func:`stamp_from_lines` finds the first standalone date
stamp among a dump's lines (``Published: 2024-06-26 10:00``, `` date
2024-06-26 WORLD``); :func:`url_date` reads ``/2024/06/26/`` in a URL path.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from sitrep.ingest.date_mentions import (
    WEEKDAY_NAMES,
    DateVocab,
    date_vocab,
    find_mentions,
    mention_date,
    safe_date,
    weekday_warnings,
)

__all__ = ["ISO_LINE_MAX_WORDS", "STAMP_MAX_CHARS", "parse_date_string", "stamp_from_lines", "url_date"]

STAMP_MAX_CHARS = 100  # longer lines are prose, not date stamps
ISO_LINE_MAX_WORDS = 6  # " date 2024-06-26 WORLD" is metadata; a sentence with an ISO date is not
_TIME_TAIL_RX = re.compile(
    r"(?:\s*(?:,|\||at|-|–|—)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?[A-Z]{2,5}\)?|[+-]\d{2}:?\d{2})?)\s*$",
    re.IGNORECASE,
)
_NUMERIC_DATE_RX = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_ISO_IN_LINE_RX = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def parse_date_string(value: str) -> tuple[date | None, list[str]]:
    """Parse a caller-given date: ISO 8601 (any time zone), RFC 822, or a written full date."""
    s = value.strip()
    warnings: list[str] = []
    if not s:
        return None, warnings
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", s)
    if iso:
        d = safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        if d is not None:
            return d, warnings
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d", s):
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError):
            dt = None
        if dt is not None:
            wd = re.match(r"^([A-Za-z]{3}),", s)
            if wd and wd[1].lower() != dt.strftime("%a").lower():
                warnings.append(f"weekday mismatch: {s!r} is a {WEEKDAY_NAMES[dt.weekday()]}")
            return dt.date(), warnings
    d, more = _parse_stamp_line(s, date_vocab())
    return d, warnings + more


def _parse_stamp_line(line: str, vocab: DateVocab) -> tuple[date | None, list[str]]:
    """A line that is nothing but a (labelled) full date, possibly followed by a time of day."""
    s = vocab.stamp_label_rx.sub("", line.strip(), count=1)
    s = _TIME_TAIL_RX.sub("", s).strip(" |,")
    m = _NUMERIC_DATE_RX.fullmatch(s)
    if m:  # 26.06.2024; 06/26/2024 only when the order is unambiguous
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        d = safe_date(y, b, a) if a > 12 or "." in s else (safe_date(y, a, b) if b > 12 else None)
        return d, []
    found = vocab.date_rx.fullmatch(s)
    if not found:
        return None, []
    ms = find_mentions(s, vocab)
    if len(ms) != 1 or ms[0].kind != "full" or ms[0].year is None:
        return None, []
    d = mention_date(ms[0])
    return (d, weekday_warnings(ms[0], d)) if d is not None else (None, [])


def stamp_from_lines(lines: list[tuple[str, bool]], vocab: DateVocab) -> tuple[date | None, list[str]]:
    """First standalone date stamp; ``lines`` are (line, is_metadata_removal)."""
    found: list[tuple[bool, date]] = []
    warnings: list[str] = []
    for line, is_meta in lines:
        s = line.strip()
        if not s or len(s) > STAMP_MAX_CHARS:
            continue
        d, warns = _parse_stamp_line(s, vocab)
        if d is None and (is_meta or len(s.split()) <= ISO_LINE_MAX_WORDS):
            iso = _ISO_IN_LINE_RX.search(s)
            if iso:
                d = safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        if d is None and is_meta:
            fulls = [m for m in find_mentions(s, vocab) if m.kind == "full"]
            d = mention_date(fulls[0]) if fulls else None
        if d is not None and vocab.min_year <= d.year <= vocab.max_year:
            found.append((bool(vocab.update_label_rx.search(s)), d))
            warnings.extend(warns)
    if not found:
        return None, warnings
    published = [d for upd, d in found if not upd]
    best = published[0] if published else found[0][1]
    if len(set(published)) > 1:
        warnings.append("several date stamps: " + ", ".join(sorted({d.isoformat() for d in published})))
    return best, warnings


def url_date(url: str | None) -> date | None:
    """The date a URL path holds (``/2024/06/26/``, ``-20240626``), else None."""
    if not url:
        return None
    path = urlsplit(url).path
    m = re.search(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|-|$)", path) or re.search(
        r"[/_-]((?:19|20)\d\d)([01]\d)([0-3]\d)(?:/|-|_|\.|$)", path
    )
    return safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None
