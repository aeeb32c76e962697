"""Resolvers for periods counted from publication or from the reference time.

``last month``, ``over the past 1.5 months``, ``in roughly six weeks``, ``three weeks ago``,
``two days later``, ``two days of talks``, ``for several months``, ``now``.
"""

from __future__ import annotations

from datetime import date

from sitrep.nlp.timex_calendar import format_value, shift, unit_precision
from sitrep.nlp.timex_context import Context, Found, Groups, norm, quantity, year_offset

__all__ = ["ago", "duration", "in_units", "now", "offset", "past_next", "this_last_next"]


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
    if ctx.ref is None:
        return Found(start, end, None, precision)
    sign = 1 if norm(g["nd"] or "") in ("later", "before") else -1
    return Found(start, end, format_value(shift(ctx.ref, sign * n, unit), precision), precision)


def duration(g: Groups, ctx: Context, start: int, end: int) -> Found | None:
    """``two days of talks`` (ending at publication), ``for several months``, ``weeks of tension``."""
    raw_unit = (g["pu"] or g["pbare"] or "").lower()
    unit = ctx.v.units[raw_unit]
    precision = unit_precision(unit if unit != "decade" else "year")
    of = g["pof"] is not None or g["pbare"] is not None
    if not (of or g["pfor"]):
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
    value = None if ctx.pub is None else ctx.pub.isoformat()
    return Found(start, end, value, "day", "until" if key == "so far" else "point")
