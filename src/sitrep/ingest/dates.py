"""Publication dates for plain-text dumps: caller metadata, date stamps, wire datelines, inference.

:func:`infer_published` returns ``(published, published_from, warnings)`` where ``published`` is
``YYYY-MM-DD`` or ``None`` and ``published_from`` says where it came from:

``metadata``
    the caller gave a date (ISO 8601 with or without time zone, RFC 822 like an RSS ``pubDate``,
    ``June 26, 2024``) or the URL path holds one (``/2024/06/26/``). A date-time keeps the calendar
    date it states in its own time zone (no conversion to UTC).
``dateline``
    the dump holds an explicit stamp: a standalone date line (``June 26, 2024``, ``Published:
    2024-06-26 10:00``), a short metadata line with an ISO date (`` date 2024-06-26 WORLD``), or a
    wire dateline opening the body (``KYIV, April 2 (Reuters) -``), whose missing year is inferred
    as below (no year, no date).
``inferred``
    from dated events in the text. Year-less dates (``on Thursday, April 1``) get their year from
    (a) ``July of last year`` next to ``July 2020`` (so 2021), else (b) weekday + day-month pairs
    whose calendar agrees with exactly one year of the plausible window (the latest explicit year
    in the text up to ten years on), else (c) an explicit full date of that latest year lying
    close to the year-less dates. The date is the end of the main cluster of year-less event
    dates, or a later explicit full date, never a date the text marks as a plan (``will meet on``,
    ``by May 5``). No year evidence, or evidence that conflicts, gives ``None``.

Weekdays that disagree with their date become warnings, never silent fixes. Everything here is
pure and precompiled; vocabulary lives in ``sitrep/data/date_words.json``.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.dateline import match_dateline

__all__ = ["DateInference", "infer_published", "parse_date_string"]

_DATA = Path(__file__).resolve().parent.parent / "data"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLUSTER_GAP_DAYS = 45  # year-less dates further apart than this belong to different stories
NEAR_FULL_DATE_DAYS = 60  # an explicit full date this close to the year-less dates fixes their year
WIRE_DATELINE_LINES = 4  # a wire dateline opens one of the first body lines (after a standfirst)
YEAR_WINDOW = 10  # plausible publication years: latest explicit year .. +10
STAMP_MAX_CHARS = 100  # longer lines are prose, not date stamps
ISO_LINE_MAX_WORDS = 6  # " date 2024-06-26 WORLD" is metadata; a sentence with an ISO date is not
_LEDE_WEEKDAY_RX = re.compile(
    r"\b(?:on|late|early)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_TIME_TAIL_RX = re.compile(
    r"(?:\s*(?:,|\||at|-|–|—)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?[A-Z]{2,5}\)?|[+-]\d{2}:?\d{2})?)\s*$",
    re.IGNORECASE,
)
_NUMERIC_DATE_RX = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_ISO_IN_LINE_RX = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")
_YEAR_DEADLINE_RX = re.compile(r"\b(?:by|until|till|before)\s+$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class DateInference:
    published: str | None
    published_from: str | None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    min_year: int
    max_year: int
    date_rx: re.Pattern[str]
    rel_month_rx: re.Pattern[str]
    rel_year_after_rx: re.Pattern[str]
    future_clause_rx: re.Pattern[str]
    future_immediate_rx: re.Pattern[str]
    stamp_label_rx: re.Pattern[str]
    update_label_rx: re.Pattern[str]
    wire_date: str  # the regex of a wire dateline's date (sitrep.dateline reads the rest)


def _alternation(words: list[str]) -> str:
    forms: set[str] = set()
    for word in words:
        forms.update({word.capitalize(), word.upper()})
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw: dict[str, Any] = json.loads((_DATA / "date_words.json").read_text(encoding="utf-8"))
    months: dict[str, int] = raw["months"]
    weekdays: dict[str, int] = raw["weekdays"]
    mon = rf"(?:{_alternation(list(months))})\.?"
    wd = rf"(?:{_alternation(list(weekdays))})\.?"
    year = r"(?:19|20)\d\d(?![\d,.]\d)"
    date_rx = re.compile(
        rf"(?<![\w$.,/-])(?=[A-Z0-9t])(?:(?P<wd>{wd}),?\s+(?:the\s+)?\(?)?(?:"
        rf"(?P<m1>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y1>{year}))?"
        rf"|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{mon})(?:,?\s+(?P<y2>{year}))?"
        rf"|(?P<y3>(?:19|20)\d\d)-(?P<n3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
        rf"|(?P<m4>{mon}),?\s+(?:of\s+)?(?P<y4>{year})"
        rf"|(?P<y5>{year})"
        r")"
    )
    rel_month_rx = re.compile(
        rf"\b(?=[A-Z])(?P<m>{mon})\s+(?:of\s+)?(?P<rel>last|this|previous|past)\s+year\b"
        rf"|\b(?=[lt])(?P<rel2>last|this)\s+year['’]s\s+(?P<m2>{mon})"
    )
    rel_year_after_rx = re.compile(r",?\s+(?:of\s+)?(?P<rel>last|this|previous|past|next)\s+year\b")

    def words_rx(words: list[str], tail: str) -> re.Pattern[str]:
        alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"\b(?:{alts}){tail}", re.IGNORECASE)

    labels = list(raw["stamp_labels"])
    wire_date = (
        rf"(?:{wd},?\s+)?(?:{mon}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?"
        rf"|\d{{1,2}}\s+{mon}(?:\s+(?:19|20)\d\d)?)"
    )
    return _Vocab(
        months=months,
        weekdays=weekdays,
        min_year=int(raw["year_range"][0]),
        max_year=int(raw["year_range"][1]),
        date_rx=date_rx,
        rel_month_rx=rel_month_rx,
        rel_year_after_rx=rel_year_after_rx,
        future_clause_rx=words_rx(list(raw["future_clause_markers"]), r"\b"),
        future_immediate_rx=words_rx(list(raw["future_immediate_markers"]), r"\s+(?:on\s+|the\s+)?$"),
        stamp_label_rx=re.compile(
            r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True)) + r")\b[\s:]*",
            re.IGNORECASE,
        ),
        update_label_rx=words_rx(list(raw["update_labels"]), r"\b"),
        wire_date=wire_date,
    )


# --------------------------------------------------------------------------- mentions


@dataclass(slots=True)
class _Mention:
    pos: int
    kind: str  # full | dm | my | year
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    text: str
    future: bool = False
    offset: int = 0  # year offset relative to the publication year ("July 27 last year" -> -1)
    explicit_offset: bool = False
    yesterday: bool = False


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _doy(month: int, day: int) -> int | None:
    d = _safe_date(2000, month, day)  # a leap year, so February 29 has a place
    return None if d is None else d.timetuple().tm_yday


def _sentence_before(text: str, pos: int, width: int = 80) -> str:
    ctx = text[max(0, pos - width) : pos]
    cut = max(ctx.rfind(". "), ctx.rfind("! "), ctx.rfind("? "), ctx.rfind("\n"), ctx.rfind("; "))
    return ctx[cut + 1 :] if cut >= 0 else ctx


def _mentions(text: str, vocab: _Vocab) -> list[_Mention]:
    out: list[_Mention] = []
    for m in vocab.date_rx.finditer(text):
        g = m.groupdict()
        wd = vocab.weekdays.get(g["wd"].rstrip(".").lower()) if g["wd"] else None
        if g["y5"]:
            out.append(_Mention(m.start("y5"), "year", int(g["y5"]), None, None, None, m.group()))
            continue
        if g["y3"]:
            year, month, day = int(g["y3"]), int(g["n3"]), int(g["d3"])
        elif g["m4"]:
            month = vocab.months[g["m4"].rstrip(".").lower()]
            out.append(_Mention(m.start(), "my", int(g["y4"]), month, None, None, m.group()))
            continue
        else:
            mon = g["m1"] or g["m2"]
            month = vocab.months[mon.rstrip(".").lower()]
            day = int(g["d1"] or g["d2"])
            year_s = g["y1"] or g["y2"]
            if not year_s:
                if _doy(month, day) is None:
                    continue
                men = _Mention(m.start(), "dm", None, month, day, wd, m.group())
                rel = vocab.rel_year_after_rx.match(text, m.end())
                if rel:
                    word = rel.group("rel").lower()
                    men.offset = {"last": -1, "previous": -1, "past": -1, "this": 0}.get(word, 1)
                    men.explicit_offset = True
                    men.future = men.offset > 0
                out.append(men)
                continue
            year = int(year_s)
        if _safe_date(year, month, day) is None:
            continue
        out.append(_Mention(m.start(), "full", year, month, day, wd, m.group()))
    for men in out:
        before = _sentence_before(text, men.pos)
        if men.kind == "year":
            men.future = men.future or bool(_YEAR_DEADLINE_RX.search(before))
        else:
            immediate = vocab.future_immediate_rx.search(before)
            men.future = men.future or bool(immediate or vocab.future_clause_rx.search(before))
        near = text[max(0, men.pos - 25) : men.pos + len(men.text) + 25].lower()
        men.yesterday = "yesterday" in near
    return out


# --------------------------------------------------------------------------- stamps


def parse_date_string(value: str) -> tuple[date | None, list[str]]:
    """Parse a caller-given date: ISO 8601 (any time zone), RFC 822, or a written full date."""
    s = value.strip()
    warnings: list[str] = []
    if not s:
        return None, warnings
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", s)
    if iso:
        d = _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
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
                warnings.append(f"weekday mismatch: {s!r} is a {_WEEKDAY_NAMES[dt.weekday()]}")
            return dt.date(), warnings
    d, more = _parse_stamp_line(s, _vocab())
    return d, warnings + more


def _parse_stamp_line(line: str, vocab: _Vocab) -> tuple[date | None, list[str]]:
    """A line that is nothing but a (labelled) full date, possibly followed by a time of day."""
    s = vocab.stamp_label_rx.sub("", line.strip(), count=1)
    s = _TIME_TAIL_RX.sub("", s).strip(" |,")
    m = _NUMERIC_DATE_RX.fullmatch(s)
    if m:  # 26.06.2024; 06/26/2024 only when the order is unambiguous
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        d = _safe_date(y, b, a) if a > 12 or "." in s else (_safe_date(y, a, b) if b > 12 else None)
        return d, []
    found = vocab.date_rx.fullmatch(s)
    if not found:
        return None, []
    ms = _mentions(s, vocab)
    if len(ms) != 1 or ms[0].kind != "full" or ms[0].year is None:
        return None, []
    d = _mention_date(ms[0])
    return (d, _weekday_warnings(ms[0], d)) if d is not None else (None, [])


def _mention_date(men: _Mention) -> date | None:
    if men.year is None or men.month is None or men.day is None:
        return None
    return _safe_date(men.year, men.month, men.day)


def _weekday_warnings(men: _Mention, d: date) -> list[str]:
    if men.weekday is not None and d.weekday() != men.weekday:
        name = _WEEKDAY_NAMES[d.weekday()]
        return [f"weekday mismatch: {men.text.strip()!r} but {d.isoformat()} is a {name}"]
    return []


def _stamp_from_lines(lines: list[tuple[str, bool]], vocab: _Vocab) -> tuple[date | None, list[str]]:
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
                d = _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        if d is None and is_meta:
            fulls = [m for m in _mentions(s, vocab) if m.kind == "full"]
            d = _mention_date(fulls[0]) if fulls else None
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


def _url_date(url: str | None) -> date | None:
    if not url:
        return None
    path = urlsplit(url).path
    m = re.search(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|-|$)", path) or re.search(
        r"[/_-]((?:19|20)\d\d)([01]\d)([0-3]\d)(?:/|-|_|\.|$)", path
    )
    return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


# --------------------------------------------------------------------------- year solving


@dataclass(slots=True)
class _Evidence:
    mentions: list[_Mention]
    rel_months: list[tuple[int, int]] = field(default_factory=list)  # ("July of last year") -> (7, -1)
    dateline: tuple[int, int] | None = None  # (month, day) of a year-less wire dateline
    dateline_weekday: int | None = None  # "WASHINGTON, April 1 (X) - ... said on Thursday"
    copyright_year: int | None = None
    warnings: list[str] = field(default_factory=list)


def _main_cluster_end(dms: list[_Mention], dateline: tuple[int, int] | None) -> int | None:
    """Day of year that ends the main cluster of year-less event dates (the story's 'now')."""
    counts: dict[int, int] = {}
    first_pos: dict[int, int] = {}
    for men in dms:
        doy = _doy(men.month or 1, men.day or 1)
        if doy is None:
            continue
        # a weekday with the date marks news of the week, not background
        counts[doy] = counts.get(doy, 0) + (2 if men.weekday is not None else 1)
        first_pos.setdefault(doy, men.pos)
    if dateline is not None:
        return _doy(*dateline)
    if not counts:
        return None
    days = sorted(counts)
    # break the circular calendar at its largest gap, then split at gaps > CLUSTER_GAP_DAYS
    gaps = [(days[(i + 1) % len(days)] - days[i]) % 366 or 366 for i in range(len(days))]
    start = (max(range(len(days)), key=lambda i: gaps[i]) + 1) % len(days)
    order = days[start:] + days[:start]
    clusters: list[list[int]] = [[order[0]]]
    for prev, cur in itertools.pairwise(order):
        if (cur - prev) % 366 > CLUSTER_GAP_DAYS:
            clusters.append([])
        clusters[-1].append(cur)
    best = max(clusters, key=lambda c: (sum(counts[d] for d in c), -min(first_pos[d] for d in c)))
    return best[-1]


def _solve_year(ev: _Evidence, vocab: _Vocab, end_doy: int) -> int | None:
    ms = [m for m in ev.mentions if not m.future]
    dated_years = [m.year for m in ms if m.kind in ("full", "my") and m.year]
    all_years = dated_years + [m.year for m in ms if m.kind == "year" and m.year]
    all_years = [y for y in all_years if vocab.min_year <= y <= vocab.max_year]
    # (a) "July of last year" + "July 2020"  ->  2021
    pinned: set[int] = set()
    for month, offset in _relative_months(ev):
        same = [m.year for m in ms if m.kind in ("full", "my") and m.month == month and m.year]
        if same:
            pinned.add(max(same) - offset)
    if len(pinned) > 1:
        ev.warnings.append("conflicting year evidence: " + ", ".join(map(str, sorted(pinned))))
        return None

    def offset_of(m: _Mention) -> int:
        if m.explicit_offset:
            return m.offset
        doy = _doy(m.month or 1, m.day or 1) or 0
        return 0 if doy <= end_doy else -1

    weekday_dms = [m for m in ms if m.kind == "dm" and m.weekday is not None]
    if pinned:
        year = pinned.pop()
        for m in weekday_dms:
            d = _safe_date(year + offset_of(m), m.month or 1, m.day or 1)
            if d is not None:
                ev.warnings.extend(_weekday_warnings(m, d))
        return year
    lo = max(all_years) if all_years else vocab.min_year
    hi = min(lo + YEAR_WINDOW, vocab.max_year) if all_years else vocab.max_year
    if ev.copyright_year is not None:  # a page's copyright year: publication or at most a year later
        lo = max(lo, ev.copyright_year - 1)
        hi = min(hi, ev.copyright_year)
    candidates = set(range(lo, hi + 1))
    if ev.dateline is not None and ev.dateline_weekday is not None:
        candidates = {
            y for y in candidates if (d := _safe_date(y, *ev.dateline)) and d.weekday() == ev.dateline_weekday
        }
    # (b) weekday + day-month pairs must agree with the calendar
    for m in weekday_dms:
        ok = set()
        for y in candidates:
            d = _safe_date(y + offset_of(m), m.month or 1, m.day or 1)
            if d is not None and d.weekday() == m.weekday:
                ok.add(y)
        candidates &= ok
    if not candidates:
        if weekday_dms:
            ev.warnings.append("weekdays agree with no plausible year")
        return None
    if len(candidates) == 1:
        return candidates.pop()
    # (c) an explicit full date of the latest year, close to the year-less dates, sets their year
    if lo in candidates and lo in dated_years:
        end = date(2000, 1, 1) + timedelta(days=end_doy - 1)
        anchor = _safe_date(lo, end.month, end.day)
        for m in ms:
            if m.kind == "full" and m.year == lo and anchor is not None:
                full = date(lo, m.month or 1, m.day or 1)
                if abs((full - anchor).days) <= NEAR_FULL_DATE_DAYS:
                    return lo
    return None


def _relative_months(ev: _Evidence) -> list[tuple[int, int]]:
    dated = [(m.month, m.offset) for m in ev.mentions if m.kind == "dm" and m.explicit_offset and m.month]
    return [(mo, off) for mo, off in dated if mo is not None] + ev.rel_months


# --------------------------------------------------------------------------- entry point


def infer_published(
    text: str,
    *,
    given: str | None = None,
    stamp_lines: list[tuple[str, bool]] | None = None,
    url: str | None = None,
    body_end: int | None = None,
    copyright_year: int | None = None,
) -> DateInference:
    """Infer the publication date; see the module docstring for the evidence order.

    ``stamp_lines`` are the lines to search for standalone date stamps as (line, is_metadata)
    pairs; by default the lines of ``text``. ``body_end`` cuts trailer text (after an end credit)
    off the inference; ``copyright_year`` (from a ``© 2021 ...`` line) bounds the year.
    """
    vocab = _vocab()
    warnings: list[str] = []
    if given:
        d, warns = parse_date_string(given)
        warnings.extend(warns)
        if d is not None:
            return DateInference(d.isoformat(), "metadata", tuple(warnings))
        warnings.append(f"unreadable published date {given!r}")
    lines = stamp_lines if stamp_lines is not None else [(ln, False) for ln in text.splitlines()]
    stamp, warns = _stamp_from_lines(lines, vocab)
    warnings.extend(warns)
    if stamp is not None:
        return DateInference(stamp.isoformat(), "dateline", tuple(warnings))
    from_url = _url_date(url)
    body = text[:body_end] if body_end is not None else text
    result = _infer_from_body(body, vocab, warnings, copyright_year, from_url)
    if result[1] != "dateline" and from_url is not None:
        return DateInference(from_url.isoformat(), "metadata", tuple(warnings))
    return DateInference(result[0], result[1], tuple(warnings))


def _wire_dateline(body: str, vocab: _Vocab) -> tuple[_Mention | None, int | None]:
    """The (month, day[, year]) of a wire dateline opening the body, and the lede's weekday.

    Wire ledes name the weekday of the dateline itself ("WASHINGTON, April 1 (Reuters) - ...
    spoke by telephone on Thursday"), so the first weekday in the lede's first sentence is taken
    as the dateline's weekday.
    """
    for line in [ln for ln in body.splitlines() if ln.strip()][:WIRE_DATELINE_LINES]:
        found = match_dateline(line, date=vocab.wire_date, loose=True)
        if found is None or found.date is None:
            continue
        city = line[slice(*found.place)] if found.place else ""
        if found.outlet is None and not (city and city.split(",")[0].isupper()):
            continue
        ms = [x for x in _mentions(line[slice(*found.date)], vocab) if x.kind in ("full", "dm")]
        if ms:
            lede = re.split(r"(?<=[a-z]{2}[.!?])\s", line[found.end :], maxsplit=1)[0]
            wd = _LEDE_WEEKDAY_RX.search(lede)
            return ms[0], (_WEEKDAY_NAMES.index(wd.group(1)) if wd else None)
    return None, None


def _infer_from_body(
    body: str, vocab: _Vocab, warnings: list[str], copyright_year: int | None, from_url: date | None
) -> tuple[str | None, str | None]:
    ev = _Evidence(_mentions(body, vocab), _month_relatives(body, vocab), copyright_year=copyright_year)
    wire, ev.dateline_weekday = _wire_dateline(body, vocab)
    fulls: list[date] = []
    for m in ev.mentions:
        d = _mention_date(m) if m.kind == "full" else None
        if d is not None:
            warnings.extend(_weekday_warnings(m, d))
            if not m.future:
                fulls.append(d)
    if wire is not None:
        wire_date = _mention_date(wire)
        if wire_date is not None:
            return wire_date.isoformat(), "dateline"
        ev.dateline = (wire.month or 1, wire.day or 1)
        if from_url is not None:  # the URL's date fixes the dateline's year
            for year in (from_url.year, from_url.year - 1):
                d = _safe_date(year, *ev.dateline)
                if d is not None and timedelta(0) <= from_url - d <= timedelta(days=7):
                    return d.isoformat(), "dateline"
    dms = [m for m in ev.mentions if m.kind == "dm" and not m.future and not m.explicit_offset]
    end_doy = _main_cluster_end(dms, ev.dateline)
    if end_doy is None:  # no year-less event dates: the latest explicit full date, if any
        result = (max(fulls).isoformat(), "inferred") if fulls else (None, None)
        warnings.extend(ev.warnings)
        return result
    solved = _solve_year(ev, vocab, end_doy)
    warnings.extend(ev.warnings)
    if solved is None:
        return None, None
    year = solved
    end = date(2000, 1, 1) + timedelta(days=end_doy - 1)
    end_date = _safe_date(year, end.month, end.day)
    if end_date is None:
        return None, None
    if ev.dateline is not None:
        return end_date.isoformat(), "dateline"
    candidates = [end_date]
    for m in dms:
        if m.yesterday:
            doy = _doy(m.month or 1, m.day or 1) or 0
            d = _safe_date(year if doy <= end_doy else year - 1, m.month or 1, m.day or 1)
            if d is not None:
                candidates.append(d + timedelta(days=1))
    if fulls and max(fulls).year > year:
        warnings.append(f"explicit date {max(fulls).isoformat()} is later than the inferred year {year}")
        return None, None
    candidates.extend(fulls)
    return max(candidates).isoformat(), "inferred"


def _month_relatives(body: str, vocab: _Vocab) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if " year" not in body:
        return out
    for m in vocab.rel_month_rx.finditer(body):
        mon = (m.group("m") or m.group("m2") or "").rstrip(".").lower()
        rel = (m.group("rel") or m.group("rel2") or "").lower()
        if mon in vocab.months:
            out.append((vocab.months[mon], 0 if rel == "this" else -1))
    return out
