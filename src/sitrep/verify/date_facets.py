"""What a date expression says, for the date flags: which dates count, and the day they name.

:func:`explicit_date` (a day written with a weekday or a month name) and
:func:`interval_date` (a day counted from another: "four days earlier", whose
words are in ``data/verify_flags.json``) say which of the reading layer's
dates the flags compare; :func:`stamp_date` tells a wire dateline's or a
timestamp line's date (when the article was written) from an event's;
:func:`date_facets` gives what a date says even unresolved (the ISO day, the
month and day, the weekday) and :func:`compare_facets` compares two of them;
:func:`anchor_day` is the day an interval counts from.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from sitrep.dateline import dateline_after_date
from sitrep.nlp.layers import Timex
from sitrep.verify.lexicon import Lexicon, load_flag_words

__all__ = [
    "anchor_day",
    "compare_facets",
    "date_facets",
    "explicit_date",
    "interval_date",
    "stamp_date",
    "stamp_end",
]

_RELATIONS = frozenset({"point", "until", "since"})
_STAMP_TAIL = re.compile(r"[\s\d.:,]*(?:[AaPp]\.?[Mm]\.?|GMT|BST|UTC|CET|CEST|EST|EDT)?\s*")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@cache
def _interval_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = load_flag_words()
    return frozenset(raw["interval_units"]), frozenset(raw["interval_directions"])


def interval_date(timex: Timex, lexicon: Lexicon) -> bool:
    """A day written as a count of days or weeks from another ("four days earlier", "two days after"),
    resolved by the reading layer."""
    if timex.precision != "day" or timex.relation != "point" or not timex.value:
        return False
    units, directions = _interval_words()
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    counted = any(w.isdigit() or w in lexicon.number_words or w in {"a", "an"} for w in words)
    return counted and bool(units.intersection(words)) and bool(directions.intersection(words))


def explicit_date(timex: Timex, lexicon: Lexicon) -> bool:
    """A date of day precision written with a weekday or a month name (a point, or a limit: "by May 3")."""
    if timex.precision != "day" or timex.relation not in _RELATIONS:
        return False
    words = {w.casefold() for w in _WORD.findall(timex.text)}
    return bool(words & (lexicon.weekdays | lexicon.months))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def date_facets(timex: Timex, lexicon: Lexicon) -> dict[str, str]:
    """What a date expression says, comparable even when it could not be resolved to a day:
    ``ymd`` (the ISO day), ``md`` (month and day) and ``weekday``."""
    facets: dict[str, str] = {}
    if timex.value:
        try:
            day = dt.date.fromisoformat(timex.value[:10])
        except ValueError:
            day = None
        if day is not None:
            facets = {"ymd": day.isoformat(), "md": f"{day.month:02d}-{day.day:02d}",
                      "weekday": day.strftime("%A").casefold()}
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    for k, word in enumerate(words):
        if word in lexicon.weekdays:
            facets.setdefault("weekday", word)
        if word in _MONTHS:
            near = [w for w in words[max(0, k - 1):k + 2] if w.isdigit() and 1 <= int(w) <= 31]
            if near:
                facets.setdefault("md", f"{_MONTHS.index(word) + 1:02d}-{int(near[0]):02d}")
    return facets


def compare_facets(a: dict[str, str], b: dict[str, str]) -> bool | None:
    """True when two dates agree, False when they differ, None when they say nothing comparable."""
    shared = [k for k in ("ymd", "md", "weekday") if k in a and k in b]
    if not shared:
        return None
    return a[shared[0]] == b[shared[0]]


def stamp_end(text: str, timex: Timex) -> int | None:
    """Where a wire dateline ("MOSCOW, April 13 (Wire) -") or a timestamp line holding ``timex`` ends."""
    dateline_end = dateline_after_date(text, timex.start, timex.end)
    if dateline_end is not None:
        return dateline_end
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:timex.start], text[timex.end:line_end]
    return line_end if not before.strip() and _STAMP_TAIL.fullmatch(after) is not None else None


def stamp_date(text: str, timex: Timex) -> bool:
    """Whether a date is a wire dateline's ("MOSCOW, April 13 (Wire) -") or a timestamp line's: when the
    article was written, not when what it reports happened."""
    return stamp_end(text, timex) is not None


def anchor_day(timex: Timex, lexicon: Lexicon) -> str | None:
    """The day an interval date counts from ("four days earlier" than it), from its resolved value."""
    units, _ = _interval_words()
    words = [w.casefold() for w in _WORD.findall(timex.text)]
    counts = [float(w) if w.isdigit() else lexicon.number_words.get(w, 1.0 if w in {"a", "an"} else 0.0)
              for w in words]
    count = next((c for c in counts if c), 0.0)
    if not count or not timex.value:
        return None
    days = int(count) * (7 if any(w.startswith("week") for w in words if w in units) else 1)
    # the reading layer dates "X came two days after E" as E, two days before X (like "two days earlier")
    back = any(w in {"earlier", "before", "ago", "after"} for w in words)
    try:
        day = dt.date.fromisoformat(timex.value[:10])
    except ValueError:
        return None
    return (day + dt.timedelta(days=days if back else -days)).isoformat()
