"""The year of year-less event dates (``on Thursday, April 1``), from the evidence a text gives.

:func:`main_cluster_end` finds the day that ends the main cluster of year-less
dates (the story's "now"); :func:`solve_year` gives their year: (a) ``July of
last year`` next to ``July 2020``, else (b) the one plausible year whose
calendar agrees with every weekday + day-month pair, else (c) the latest
explicit year when a full date of it lies close to the year-less dates. No
evidence, or evidence that conflicts, gives ``None`` (see
:mod:`sitrep.ingest.dates` for the whole order).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.ingest.date_mentions import DateMention, DateVocab, day_of_year, safe_date, weekday_warnings

__all__ = ["CLUSTER_GAP_DAYS", "NEAR_FULL_DATE_DAYS", "YEAR_WINDOW", "YearEvidence", "main_cluster_end", "solve_year"]

CLUSTER_GAP_DAYS = 45  # year-less dates further apart than this belong to different stories
NEAR_FULL_DATE_DAYS = 60  # an explicit full date this close to the year-less dates fixes their year
YEAR_WINDOW = 10  # plausible publication years: latest explicit year .. +10


@dataclass(slots=True)
class YearEvidence:
    """What a text says about the year of its year-less dates; ``warnings`` collects conflicts."""

    mentions: list[DateMention]
    rel_months: list[tuple[int, int]] = field(default_factory=list)  # ("July of last year") -> (7, -1)
    dateline: tuple[int, int] | None = None  # (month, day) of a year-less wire dateline
    dateline_weekday: int | None = None  # "WASHINGTON, April 1 (X) - ... said on Thursday"
    copyright_year: int | None = None
    warnings: list[str] = field(default_factory=list)


def main_cluster_end(dms: list[DateMention], dateline: tuple[int, int] | None) -> int | None:
    """Day of year that ends the main cluster of year-less event dates (the story's 'now')."""
    counts: dict[int, int] = {}
    first_pos: dict[int, int] = {}
    for men in dms:
        doy = day_of_year(men.month or 1, men.day or 1)
        if doy is None:
            continue
        # a weekday with the date marks news of the week, not background
        counts[doy] = counts.get(doy, 0) + (2 if men.weekday is not None else 1)
        first_pos.setdefault(doy, men.pos)
    if dateline is not None:
        return day_of_year(*dateline)
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


def solve_year(ev: YearEvidence, vocab: DateVocab, end_doy: int) -> int | None:
    """The year of the year-less dates whose main cluster ends on day ``end_doy``, else None (see the module
    docstring for the evidence order)."""
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

    def offset_of(m: DateMention) -> int:
        if m.explicit_offset:
            return m.offset
        doy = day_of_year(m.month or 1, m.day or 1) or 0
        return 0 if doy <= end_doy else -1

    weekday_dms = [m for m in ms if m.kind == "dm" and m.weekday is not None]
    if pinned:
        year = pinned.pop()
        for m in weekday_dms:
            d = safe_date(year + offset_of(m), m.month or 1, m.day or 1)
            if d is not None:
                ev.warnings.extend(weekday_warnings(m, d))
        return year
    lo = max(all_years) if all_years else vocab.min_year
    hi = min(lo + YEAR_WINDOW, vocab.max_year) if all_years else vocab.max_year
    if ev.copyright_year is not None:  # a page's copyright year: publication or at most a year later
        lo = max(lo, ev.copyright_year - 1)
        hi = min(hi, ev.copyright_year)
    candidates = set(range(lo, hi + 1))
    if ev.dateline is not None and ev.dateline_weekday is not None:
        candidates = {
            y for y in candidates if (d := safe_date(y, *ev.dateline)) and d.weekday() == ev.dateline_weekday
        }
    # (b) weekday + day-month pairs must agree with the calendar
    for m in weekday_dms:
        ok = set()
        for y in candidates:
            d = safe_date(y + offset_of(m), m.month or 1, m.day or 1)
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
        anchor = safe_date(lo, end.month, end.day)
        for m in ms:
            if m.kind == "full" and m.year == lo and anchor is not None:
                full = date(lo, m.month or 1, m.day or 1)
                if abs((full - anchor).days) <= NEAR_FULL_DATE_DAYS:
                    return lo
    return None


def _relative_months(ev: YearEvidence) -> list[tuple[int, int]]:
    dated = [(m.month, m.offset) for m in ev.mentions if m.kind == "dm" and m.explicit_offset and m.month]
    return [(mo, off) for mo, off in dated if mo is not None] + ev.rel_months
