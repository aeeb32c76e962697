"""Wire datelines: the opening "KYIV, Oct 10 (Wire) - " of a story, which says where it was filed, when and by whom.

One grammar, used by every stage that meets a dateline (ingest dates a story by it, the entity rules type its place
and outlet, the event coder keeps its place out of the parties, verify does not count its date as a reported one)::

    PLACE [, REGION]{0,2} [, DATE] [(OUTLET)] DASH

* ``PLACE``: one to four upper-case words at the start of a line or sentence ("KYIV", "NEW YORK",
  "ST. PETERSBURG", "N'DJAMENA"); with ``loose=True`` (dating a plain-text dump, :mod:`sitrep.ingest.dates`) a
  place in any case ("Kyiv, Ukraine"), or none, when the date is there and the outlet named;
* ``REGION``: a title-case state or country ("Ukraine", "Calif.", "Costa Rica");
* ``DATE``: a month and day ("Oct 10", "October 10"), or the caller's own date pattern (``date=``);
* ``OUTLET``: the agency or paper in brackets ("(Reuters)", "(Atlas Daily)");
* ``DASH``: one or more hyphens or dashes.

:func:`match_dateline` reads the dateline that starts at an offset, :func:`dateline_after_date` the one a known
date stands in (a date the reader found), :func:`line_place` the upper-case place that opens a line before a comma
or a dash (a dateline's first part, even where the rest is missing). All offsets are character offsets into the
text given. The patterns are shapes, not word lists; the month names a caller needs come from its own data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["MONTH_DAY", "Dateline", "dateline_after_date", "line_place", "match_dateline"]

_PLACE_WORD = r"[A-Z][A-Z.'’-]+"
#: One to four upper-case words.
PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}"
#: A place in any case, with up to two further parts ("Washington, D.C."): only where an outlet is named.
_LOOSE_PLACE = r"[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ -]{1,30}?){0,2}"
_REGION = r"[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?"
#: A month (a capitalised word) and a day: the date of a dateline when the caller gives no pattern of its own.
MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b(?:,?\s+(?:19|20)\d\d\b)?"
_OUTLET = r"\((?P<outlet>[^()\n]{1,60})\)"
_DASH = r"[-–—]+"
_TAIL = rf"\s*(?:{_OUTLET})?\s*{_DASH}"
_MIN_PLACE = 3  # "UN - ..." or "AP - ..." is no dateline


class Dateline(NamedTuple):
    """A dateline's span (from its first word to the end of its dash) and its parts' spans (None where a part is
    missing)."""

    start: int
    end: int
    place: tuple[int, int] | None
    date: tuple[int, int] | None
    outlet: tuple[int, int] | None


@lru_cache(maxsize=8)
def _pattern(date: str, *, loose: bool) -> re.Pattern[str]:
    if loose:
        head = rf"\s*(?:(?P<place>{_LOOSE_PLACE}),\s*)?(?P<date>{date})?"
    else:
        head = rf"\s*(?P<place>{PLACE})(?:,\s*{_REGION}){{0,2}}(?:,\s*(?P<date>{date}))?"
    return re.compile(head + _TAIL)


def _span(m: re.Match[str], group: str) -> tuple[int, int] | None:
    return m.span(group) if m.group(group) is not None else None


def match_dateline(
    text: str, pos: int = 0, endpos: int | None = None, *, date: str = MONTH_DAY, loose: bool = False
) -> Dateline | None:
    """The dateline that starts at ``pos`` (leading whitespace allowed), or None.

    ``date`` is the regex of the date part (the default: :data:`MONTH_DAY`). ``loose`` lets the place be in any case
    or missing, as a plain-text dump's "Kyiv, April 2 (Reuters) -" or "April 2 (Reuters) -" are; the caller then
    asks for the date and the outlet it needs (a loose match may have neither).
    """
    m = _pattern(date, loose=loose).match(text, pos, len(text) if endpos is None else endpos)
    if m is None:
        return None
    place = _span(m, "place")
    if not loose and place is not None and place[1] - place[0] < _MIN_PLACE:
        return None
    start = pos + len(m.group(0)) - len(m.group(0).lstrip())
    return Dateline(start, m.end(), place, _span(m, "date"), _span(m, "outlet"))


_HEAD = re.compile(rf"[ \t]*(?:{PLACE})(?:,\s*{_REGION}){{0,2}},\s*")
_TAIL_RX = re.compile(_TAIL)


def dateline_after_date(text: str, start: int, end: int) -> int | None:
    """Where the dateline ends whose date is ``text[start:end]`` ("MOSCOW, *April 13* (Wire) -"), or None when
    the date stands in none: its line must open with the place before it and go on with the dash after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    tail = _TAIL_RX.match(text, end, len(text) if line_end < 0 else line_end)
    if tail is None or _HEAD.fullmatch(text, line_start, start) is None:
        return None
    return tail.end()


_LINE_PLACE = re.compile(rf"^[ \t]*(?P<place>{PLACE})(?=\s*(?:,|{_DASH}))", re.MULTILINE)


def line_place(text: str, pos: int = 0) -> re.Match[str] | None:
    """The next upper-case place (group ``place``) at or after ``pos`` that opens a line before a comma or a dash:
    a dateline's first part ("KYIV, ...", "NEW YORK - ..."), whether or not the rest of a dateline follows."""
    return _LINE_PLACE.search(text, pos)
