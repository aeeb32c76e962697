"""Resolvers for periods counted from publication or from the reference time.

``last month``, ``over the past 1.5 months``, ``in roughly six weeks``, ``three weeks ago``,
``two days later``, ``two days of talks``, ``for several months``, ``now``.
"""

from __future__ import annotations

from datetime import date

from sitrep.nlp.timex_calendar import format_value, shift, unit_precision
from sitrep.nlp.timex_context import Context, Found, Groups, norm, period_start, quantity, year_offset

__all__ = ["ago", "duration", "in_units", "now", "offset", "ordinal_run", "past_next", "this_last_next", "vague_for"]


def this_last_next(rel: str, unit: str, pub: date | None, start: int, end: int) -> Found:
    precision = "week" if unit == "weekend" else unit
    if pub is None:
        return Found(start, end, None, precision)
    step = year_offset(rel) if norm(rel) not in ("coming",) else 1
    base = "week" if unit == "weekend" else unit
    d = shift(pub, step * (10 if base == "decade" else 1), "year" if base == "decade" else base)
    return Found(start, end, format_value(d, precision), precision)


def past_next(g: Groups, ctx: Context, start: int, end: int) -> Found:
    unit = ctx.v.units[(g["iu"] or "").lower()]
    precision = unit_precision(unit if unit != "decade" else "year")
    plural = (g["iu"] or "").lower().endswith("s")
    n = quantity(ctx.v, g["iq"]) if g["iq"] or not plural else None
    direction = norm(g["idir"] or "")
    anchor = ctx.ref if direction in ("following", "preceding") else ctx.pub
    if direction in ("following", "preceding") and not g["iq"] and not plural and not g["ipre"]:
        step = 1 if direction == "following" else -1  # "the following month": a point
        value = None if anchor is None else format_value(shift(anchor, step, unit), precision)
        return Found(start, end, value, precision)
    if n is None or anchor is None:
        return Found(start, end, None, precision, "interval")
    if direction in ("next", "coming", "following"):
        a, b = anchor, shift(anchor, n, unit)
    else:
        a, b = shift(anchor, -n, unit), anchor
    return Found(start, end, format_value(a, precision), precision, "interval", format_value(b, precision))


def in_units(g: Groups, ctx: Context, signal: str | None, start: int, end: int) -> Found | None:
    if ctx.word_after(end) == "of":
        return None
    unit = ctx.v.units[(g["lu"] or "").lower()]
    precision = unit_precision(unit if unit != "decade" else "year")
    n = quantity(ctx.v, g["ln"])
    past_period = ctx.past_period(start)
    bound = norm(g["lq"] or "")
    open_start = bound in ("more than", "over", "at least", "just over") or (unit == "hour" and bound in ctx.v.bound_qualifiers)
    if open_start and not ctx.future(start, signal):
        # "in more than two decades", "in less than 24 hours": how long, not when
        return Found(start, end, None, "decade" if unit == "decade" else precision, "interval")
    if norm(g["ln"] or "") in ("a", "an") and not (g["lq"] or past_period or g["ltime"]):
        return None  # "20 pins in a day", "days in a year": a rate, not a date
    future = bool(g["ltime"]) or ctx.future(start, signal) or not past_period
    if n is None or ctx.pub is None:
        return Found(start, end, None, precision, "point" if future else "interval")
    if future:
        return Found(start, end, format_value(shift(ctx.pub, n, unit), precision), precision)
    a = shift(ctx.pub, -n, unit)
    return Found(start, end, format_value(a, precision), precision, "interval", format_value(ctx.pub, precision))


def ago(g: Groups, ctx: Context, start: int, end: int) -> Found:
    unit = ctx.v.units[(g["mu"] or "").lower()]
    precision = unit_precision(unit if unit != "decade" else "year")
    n = quantity(ctx.v, g["mn"])
    if n is None or ctx.pub is None:
        return Found(start, end, None, precision)
    return Found(start, end, format_value(shift(ctx.pub, -n, unit), precision), precision)


def offset(g: Groups, ctx: Context, start: int, end: int) -> Found:
    """``two days later`` (reference + 2), ``four days earlier`` (- 4), ``X came a day after E`` (E = - 1)."""
    unit = ctx.v.units[(g["nu"] or "").lower()]
    precision = unit_precision(unit if unit != "decade" else "year")
    n = quantity(ctx.v, g["nn"])
    bounded = g["nq"] is not None and norm(g["nq"]) in ctx.v.bound_qualifiers
    if n is None or bounded:
        return Found(start, end, None, precision, "interval")
    ref = ctx.ref
    # "opened in 2018, four years after ...": a year or month count counts from the sentence's own date
    last = ctx.last
    if unit in ("year", "month", "decade") and last is not None and last[0] >= ctx.sentence_start(start) and last[2] in ("year", "month"):
        ref = period_start(last[1])
    if ref is None:
        return Found(start, end, None, precision)
    sign = 1 if norm(g["nd"] or "") in ("later", "before") else -1
    return Found(start, end, format_value(shift(ref, sign * n, unit), precision), precision)


def ordinal_run(g: Groups, ctx: Context, start: int, end: int) -> Found:
    """``for a third day``: the run of days up to the reference day (the last dated day, else publication)."""
    unit = (g["ordu"] or "day").lower()
    n = ctx.v.ordinals[norm(g["ordn"] or "")]
    ref = ctx.ref or ctx.pub
    if ref is None:
        return Found(start, end, None, unit, "interval", takes_signal=False)
    first = shift(ref, -(n - 1), unit)
    return Found(start, end, format_value(first, unit), unit, "interval", format_value(ref, unit), takes_signal=False)


def vague_for(g: Groups, ctx: Context, start: int, end: int) -> Found:
    """``for months``, ``for weeks``: a stretch of unknown extent."""
    unit = ctx.v.units[(g["vu"] or "").lower()]
    return Found(start, end, None, unit_precision(unit), "interval", takes_signal=False)


def duration(g: Groups, ctx: Context, start: int, end: int) -> Found | None:
    """``two days of talks`` (ending at publication), ``for several months``, ``weeks of tension``."""
    raw_unit = (g["pu"] or g["pbare"] or "").lower()
    unit = ctx.v.units[raw_unit]
    precision = unit_precision(unit if unit != "decade" else "year")
    of = g["pof"] is not None or g["pbare"] is not None
    by = norm(g["sig"] or "") == "by" and g["pn"] is not None  # "extended by a year": an amount of time
    if not (of or g["pfor"] or by):
        return None
    if of and ctx.text.startswith("age", end + 4):
        return None
    if g["pfor"] and ctx.word_after(end).endswith("ing"):  # "ambitions for one day joining NATO"
        return None
    n = None if g["pbare"] else quantity(ctx.v, g["pn"])
    if n is None or n < 2 or unit not in ("day", "week") or not of or g["pq"] or ctx.pub is None:
        return Found(start, end, None, precision, "interval", takes_signal=False)
    a = shift(ctx.pub, -(n - 1), unit)
    end_value = format_value(ctx.pub, precision)
    return Found(start, end, format_value(a, precision), precision, "interval", end_value, takes_signal=False)


def now(raw: str, ctx: Context, start: int, end: int) -> Found | None:
    key = norm(raw)
    if key == "so far" and ctx.word_after(end) in ("as", "from", "away", "removed", "so"):
        return None
    if key == "so far":  # up to now, from an unknown start
        return Found(start, end, None, "day", "until")
    value = None if ctx.pub is None else ctx.pub.isoformat()
    return Found(start, end, value, "day")
