"""Calendar arithmetic for :mod:`sitrep.nlp.timex`: shifting dates by units and writing ISO values.

Values follow the :class:`~sitrep.nlp.layers.Timex` conventions: ``2021-04-01`` (day),
``2021-W13`` (ISO week), ``2021-03`` (month), ``2021-SU`` (season), ``2021`` (year) and
``199`` (decade, TimeML style: the 1990s).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "add_months",
    "format_value",
    "last_weekday",
    "next_weekday",
    "safe_date",
    "season_start",
    "shift",
    "unit_precision",
]

_DAYS_PER = {"day": 1.0, "week": 7.0, "fortnight": 14.0, "month": 30.44, "year": 365.25, "decade": 3652.5}


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or ``None`` when that day does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, the day clipped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, amount: float, unit: str) -> date:
    """``d`` moved by ``amount`` ``unit``s (negative: back). Whole months and years are calendar steps."""
    if unit in ("month", "year", "decade") and float(amount).is_integer():
        months = int(amount) * {"month": 1, "year": 12, "decade": 120}[unit]
        return add_months(d, months)
    if unit == "hour":
        return d
    return d + timedelta(days=round(amount * _DAYS_PER.get(unit, 1.0)))


def unit_precision(unit: str) -> str:
    """The precision a span counted in ``unit`` is reported at (hours and days: day)."""
    return {"hour": "day", "fortnight": "week"}.get(unit, unit)


def format_value(d: date, precision: str) -> str:
    """ISO value of the ``precision``-sized period holding ``d``."""
    if precision == "day":
        return d.isoformat()
    if precision == "week":
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "decade":
        return f"{d.year // 10:03d}"
    return f"{d.year:04d}"


def last_weekday(anchor: date, weekday: int, *, strict: bool = False) -> date:
    """The latest ``weekday`` on or before ``anchor`` (strictly before when ``strict``)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return anchor - timedelta(days=back)


def next_weekday(anchor: date, weekday: int, *, strict: bool = False) -> date:
    """The earliest ``weekday`` on or after ``anchor`` (strictly after when ``strict``)."""
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return anchor + timedelta(days=ahead)


def season_start(year: int, first_month: int) -> date:
    """First day of a season whose first month is ``first_month`` (winter starts in December)."""
    return date(year - 1 if first_month == 12 else year, first_month, 1)
