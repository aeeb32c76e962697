"""Resolvers for each kind of match of :mod:`sitrep.nlp.timex` (one function per pattern branch).

Each takes the match's groups, the :class:`Context` (text, publication date, reference time)
and the span, and returns a :class:`Found` or ``None`` when the match is not a date after all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitrep.nlp.timex_calendar import (
    last_weekday,
    next_weekday,
    safe_date,
    season_start,
    shift,
    unit_precision,
)
from sitrep.nlp.timex_context import Context, Found, Groups, day_found, norm, year_offset
from sitrep.nlp.timex_patterns import TimexVocab
from sitrep.nlp.timex_periods import (
    ago,
    duration,
    in_units,
    now,
    offset,
    ordinal_run,
    past_next,
    this_last_next,
    vague_for,
)

__all__ = ["dispatch"]

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_MONTH_SLACK_DAYS = 7  # a year-less day-month up to this far after publication stays in its year
_LOWER_WORD = re.compile(r"[ -](?!(?:of|on|to|for|in|at|by|and|or)\b)[a-z]{3,}")  # "the July cease-fire"


def dispatch(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    """The resolver of the branch that matched (see the branch list in timex_patterns)."""
    if g["iso"]:
        d = safe_date(int(g["iso"][:4]), int(g["iso"][5:7]), int(g["iso"][8:10]))
        return None if d is None else Found(start, end, d.isoformat(), "day", anchor=d)
    if g["ma"] or g["mb"]:
        return _day_month(g, ctx, signal, start, end)
    if g["mc"] and g["yc"]:
        return Found(start, end, f"{int(g['yc']):04d}-{_month(ctx.v, g['mc']):02d}", "month")
    if g["md"]:
        narrative = _narrative_year(g["ryd"], ctx, start)
        if ctx.pub is None and narrative is None:
            return Found(start, end, None, "month")
        year = narrative if narrative is not None else ctx.pub.year + year_offset(g["ryd"] or "")  # type: ignore[union-attr]
        return Found(start, end, f"{year:04d}-{_month(ctx.v, g['md']):02d}", "month")
    if g["me"]:
        return _relative_month(g["rme"] or "", _month(ctx.v, g["me"]), ctx.pub, start, end)
    if g["dec"]:
        digits = re.search(r"\d{4}", g["dec"])
        return None if digits is None else Found(start, end, digits.group()[:3], "decade")
    if g["yr1"]:
        return _year_range(g["yr1"], g["yr2"] or "", start, end)
    if g["yg"]:
        return _year(g["yg"], ctx, start, end)
    if g["rday"]:
        days = ctx.v.reference_day_words[norm(g["rday"])]
        return day_found(ctx.pub, days, start, end, is_anchor=True)
    if g["ana"]:
        if norm(g["ana"]) == "overnight" and ctx.word_after(end) in ("on", "into", "to", "before", "after"):
            return None  # "overnight into Friday": the day named next carries the date
        return day_found(ctx.ref, ctx.v.anaphoric_days[norm(g["ana"])], start, end, is_anchor=False)
    if g["idir"]:
        return past_next(g, ctx, start, end)
    if g["kunit"]:
        return this_last_next(g["ku"] or "", g["kunit"].lower(), ctx.pub, start, end)
    if g["kthe"]:
        unit = g["kthe"].split()[-1].lower()
        return this_last_next("this", unit, ctx.pub, start, end) if g["mod"] else None
    if g["yse"]:
        return this_last_next("this", g["yse"].split("-")[0].lower(), ctx.pub, start, end)
    if g["lu"]:
        return in_units(g, ctx, signal, start, end)
    if g["mu"]:
        return ago(g, ctx, start, end)
    if g["nu"]:
        return offset(g, ctx, start, end)
    if g["rec"]:
        unit = ctx.v.units[(g["recu"] or g["recw"] or "days").lower()]
        return Found(start, end, None, unit_precision(unit), "interval")
    if g["ordu"]:
        return ordinal_run(g, ctx, start, end)
    if g["vu"]:
        return vague_for(g, ctx, start, end)
    if g["pu"] or g["pbare"]:
        return duration(g, ctx, start, end)
    if g["sn"]:
        return _season(g, ctx, signal, start, end)
    if g["wd"]:
        return _weekday(g, ctx, signal, start, end)
    if g["mf"]:
        return _bare_month(g, ctx, signal, start, end)
    if g["now"]:
        return now(g["now"], ctx, start, end)
    return None


# --------------------------------------------------------------------------- calendar dates


def _month(v: TimexVocab, name: str) -> int:
    return v.months[name.rstrip(".").lower()]


def _day_month(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    v = ctx.v
    month = _month(v, g["ma"] or g["mb"] or "")
    day = int(re.sub(r"\D", "", g["da"] or g["db"] or ""))
    day2_raw = g["da2"] or g["db2"]
    year_raw = g["ya"] or g["yb"]
    rel = g["rya"] or g["ryb"]
    wd_raw = g["wda"] or g["wdb"]
    if safe_date(2000, month, day) is None:
        return None
    d: date | None
    if year_raw:
        d = safe_date(int(year_raw), month, day)
    elif ctx.pub is None:
        d = None
    elif rel:
        narrative = _narrative_year(rel, ctx, start)
        d = safe_date(narrative if narrative is not None else ctx.pub.year + year_offset(rel), month, day)
    else:
        d = _nearest_day_month(month, day, ctx.pub, tense=ctx.tense(start, signal))
    warning = None
    if d is not None and wd_raw:
        wd = v.weekdays[wd_raw.rstrip(".").lower()]
        if d.weekday() != wd:
            warning = f"weekday mismatch: {wd_raw.rstrip('.')!r} but {d.isoformat()} is a {_WEEKDAY_NAMES[d.weekday()]}"
    if day2_raw:
        day2 = int(re.sub(r"\D", "", day2_raw))
        d2 = None if d is None else safe_date(d.year, month, day2)
        if d is not None and (d2 is None or d2 <= d):
            return None
        return Found(start, end, _iso(d), "day", "interval", _iso(d2), warning)
    return Found(start, end, _iso(d), "day", warning=warning, anchor=d)


def _narrative_year(rel: str | None, ctx: Context, start: int) -> int | None:
    """ "of that year": the year of the last dated expression, when ``rel`` names one."""
    words = norm(rel or "").strip(", ").split()
    if words[:1] == ["of"]:
        words = words[1:]
    if " ".join(words) not in ctx.v.narrative_years:
        return None
    return ctx.narrative_year(start)


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _nearest_day_month(month: int, day: int, pub: date, *, tense: str) -> date | None:
    """The year-less day-month in the year its clause points to (see :meth:`Context.tense`)."""
    slack = timedelta(days=DAY_MONTH_SLACK_DAYS)
    candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := safe_date(y, month, day))]
    if tense == "future":
        candidates = [d for d in candidates if d >= pub - slack][:1]
    elif tense == "past":
        candidates = [d for d in candidates if d <= pub + slack][-1:]
    return min(candidates, key=lambda d: abs((d - pub).days), default=None)


def _relative_month(rel: str, month: int, pub: date | None, start: int, end: int) -> Found:
    if pub is None:
        return Found(start, end, None, "month")
    words = rel.lower().split()
    if "this" in words and len(words) == 1:
        year = pub.year
    elif "next" in words or "coming" in words:
        year = pub.year if month > pub.month else pub.year + 1
    else:  # last, past, this past
        year = pub.year if month < pub.month else pub.year - 1
    return Found(start, end, f"{year:04d}-{month:02d}", "month")


def _bare_month(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    before = ctx.word_before(start)
    attributive = before == "the" and _LOWER_WORD.match(ctx.text, end) is not None
    if not (g["mod"] or g["sig"] or attributive or before in ctx.v.month_triggers):
        return None
    month = _month(ctx.v, g["mf"] or "")
    if ctx.pub is None:
        return Found(start, end, None, "month")
    pub = ctx.pub
    tense = "future" if ctx.future_after(end) else ctx.tense(start, signal)
    if tense == "near":
        year = min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs((y - pub.year) * 12 + month - pub.month))
    elif tense == "future":
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return Found(start, end, f"{year:04d}-{month:02d}", "month")


def _year(raw: str, ctx: Context, start: int, end: int) -> Found | None:
    year = int(raw[-4:])
    lo, hi = ctx.v.year_range
    if not lo <= year <= hi or ctx.word_after(end) in ctx.v.not_year_followers:
        return None
    if ctx.word_before(start) in ctx.v.not_year_preceders:
        return None
    return Found(start, end, f"{year:04d}", "year")


def _year_range(first: str, second: str, start: int, end: int) -> Found | None:
    y1 = int(first)
    y2 = int(second) if len(second) == 4 else (y1 // 100) * 100 + int(second)
    if y2 <= y1:
        return None
    return Found(start, end, f"{y1:04d}", "year", "interval", f"{y2:04d}")


def _weekday(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    if ctx.word_before(start) in ctx.v.weekday_blockers:
        return None
    if ctx.pub is None:
        return Found(start, end, None, "day")
    wd = ctx.v.weekdays[(g["wd"] or "").lower()]
    rel = norm(g["wr"] or "")
    pub = ctx.pub
    if rel in ("last", "past", "this past"):
        d = last_weekday(pub, wd, strict=True)
    elif rel in ("next", "coming"):
        d = next_weekday(pub, wd, strict=True)
    elif rel == "this":
        d = pub - timedelta(days=pub.weekday()) + timedelta(days=wd)
    else:
        fronted = signal is None and ctx.fronted_future(start, end)  # "On Friday, Austin is due to chair ..."
        tense = "future" if rel == "this coming" or ctx.future_after(end) or fronted else ctx.tense(start, signal)
        after, before = next_weekday(pub, wd), last_weekday(pub, wd)
        if tense == "near":
            d = after if (after - pub) < (pub - before) else before
        else:
            d = after if tense == "future" else before
    return Found(start, end, d.isoformat(), "day", anchor=d)


def _season(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    code = ctx.v.seasons[(g["sn"] or "").lower()]
    if g["sy"]:
        return Found(start, end, f"{int(g['sy']):04d}-{code}", "season")
    rel = norm(g["sr"] or "")
    if not rel:  # "in the autumn", "by the summer": only when introduced, then by tense
        introduced = g["sig"] or g["mod"] or ctx.word_before(start) in ctx.v.month_triggers
        if not introduced or not ctx.text[start:end].lower().startswith("the"):
            return None
        rel = {"future": "next", "near": "near", "past": "last"}[ctx.tense(start, signal)]
    if ctx.pub is None:
        return Found(start, end, None, "season")
    first = ctx.v.season_months[code][0]
    pub = ctx.pub
    years = range(pub.year - 2, pub.year + 3)
    spans = [(y, season_start(y, first), shift(season_start(y, first), 3, "month")) for y in years]
    if rel == "near":
        year = min(spans, key=lambda span: abs((span[1] - pub).days))[0]
    elif rel in ("last", "past", "the previous"):
        year = max(y for y, _, e in spans if e <= pub)
    elif rel in ("next", "the coming", "the following"):
        year = min(y for y, s, _ in spans if s > pub)
    else:
        year = next((y for y, s, e in spans if s <= pub < e), pub.year)
    return Found(start, end, f"{year:04d}-{code}", "season")
