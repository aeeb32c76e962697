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

The parts: :mod:`sitrep.ingest.date_mentions` finds the dated phrases of a
text, :mod:`sitrep.ingest.date_stamps` reads stamps (caller dates, date lines,
URLs), :mod:`sitrep.ingest.date_years` solves the year of year-less dates; this
module weighs the evidence in the order above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.dateline import match_dateline
from sitrep.ingest.date_mentions import (
    WEEKDAY_NAMES,
    DateMention,
    DateVocab,
    date_vocab,
    day_of_year,
    find_mentions,
    mention_date,
    safe_date,
    weekday_warnings,
)
from sitrep.ingest.date_stamps import parse_date_string, stamp_from_lines, url_date
from sitrep.ingest.date_years import YearEvidence, main_cluster_end, solve_year

__all__ = ["DateInference", "infer_published", "parse_date_string"]

WIRE_DATELINE_LINES = 4  # a wire dateline opens one of the first body lines (after a standfirst)
_LEDE_WEEKDAY_RX = re.compile(
    r"\b(?:on|late|early)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(slots=True, frozen=True)
class DateInference:
    published: str | None
    published_from: str | None
    warnings: tuple[str, ...] = ()


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
    vocab = date_vocab()
    warnings: list[str] = []
    if given:
        d, warns = parse_date_string(given)
        warnings.extend(warns)
        if d is not None:
            return DateInference(d.isoformat(), "metadata", tuple(warnings))
        warnings.append(f"unreadable published date {given!r}")
    lines = stamp_lines if stamp_lines is not None else [(ln, False) for ln in text.splitlines()]
    stamp, warns = stamp_from_lines(lines, vocab)
    warnings.extend(warns)
    if stamp is not None:
        return DateInference(stamp.isoformat(), "dateline", tuple(warnings))
    from_url = url_date(url)
    body = text[:body_end] if body_end is not None else text
    result = _infer_from_body(body, vocab, warnings, copyright_year, from_url)
    if result[1] != "dateline" and from_url is not None:
        return DateInference(from_url.isoformat(), "metadata", tuple(warnings))
    return DateInference(result[0], result[1], tuple(warnings))


def _wire_dateline(body: str, vocab: DateVocab) -> tuple[DateMention | None, int | None]:
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
        ms = [x for x in find_mentions(line[slice(*found.date)], vocab) if x.kind in ("full", "dm")]
        if ms:
            lede = re.split(r"(?<=[a-z]{2}[.!?])\s", line[found.end :], maxsplit=1)[0]
            wd = _LEDE_WEEKDAY_RX.search(lede)
            return ms[0], (WEEKDAY_NAMES.index(wd.group(1)) if wd else None)
    return None, None


def _infer_from_body(
    body: str, vocab: DateVocab, warnings: list[str], copyright_year: int | None, from_url: date | None
) -> tuple[str | None, str | None]:
    ev = YearEvidence(find_mentions(body, vocab), _month_relatives(body, vocab), copyright_year=copyright_year)
    wire, ev.dateline_weekday = _wire_dateline(body, vocab)
    fulls: list[date] = []
    for m in ev.mentions:
        d = mention_date(m) if m.kind == "full" else None
        if d is not None:
            warnings.extend(weekday_warnings(m, d))
            if not m.future:
                fulls.append(d)
    if wire is not None:
        wire_date = mention_date(wire)
        if wire_date is not None:
            return wire_date.isoformat(), "dateline"
        ev.dateline = (wire.month or 1, wire.day or 1)
        if from_url is not None:  # the URL's date fixes the dateline's year
            for year in (from_url.year, from_url.year - 1):
                d = safe_date(year, *ev.dateline)
                if d is not None and timedelta(0) <= from_url - d <= timedelta(days=7):
                    return d.isoformat(), "dateline"
    dms = [m for m in ev.mentions if m.kind == "dm" and not m.future and not m.explicit_offset]
    end_doy = main_cluster_end(dms, ev.dateline)
    if end_doy is None:  # no year-less event dates: the latest explicit full date, if any
        result = (max(fulls).isoformat(), "inferred") if fulls else (None, None)
        warnings.extend(ev.warnings)
        return result
    solved = solve_year(ev, vocab, end_doy)
    warnings.extend(ev.warnings)
    if solved is None:
        return None, None
    year = solved
    end = date(2000, 1, 1) + timedelta(days=end_doy - 1)
    end_date = safe_date(year, end.month, end.day)
    if end_date is None:
        return None, None
    if ev.dateline is not None:
        return end_date.isoformat(), "dateline"
    candidates = [end_date]
    for m in dms:
        if m.yesterday:
            doy = day_of_year(m.month or 1, m.day or 1) or 0
            d = safe_date(year if doy <= end_doy else year - 1, m.month or 1, m.day or 1)
            if d is not None:
                candidates.append(d + timedelta(days=1))
    if fulls and max(fulls).year > year:
        warnings.append(f"explicit date {max(fulls).isoformat()} is later than the inferred year {year}")
        return None, None
    candidates.extend(fulls)
    return max(candidates).isoformat(), "inferred"


def _month_relatives(body: str, vocab: DateVocab) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if " year" not in body:
        return out
    for m in vocab.rel_month_rx.finditer(body):
        mon = (m.group("m") or m.group("m2") or "").rstrip(".").lower()
        rel = (m.group("rel") or m.group("rel2") or "").lower()
        if mon in vocab.months:
            out.append((vocab.months[mon], 0 if rel == "this" else -1))
    return out
