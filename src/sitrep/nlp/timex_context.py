"""The shared state of one :func:`sitrep.nlp.timex.find_timexes` call and small helpers.

:class:`Found` is a resolved expression before it becomes a :class:`~sitrep.nlp.layers.Timex`;
:class:`Context` holds the text, the publication date, the reference time (the last explicit
day-precision date) and decides whether a clause speaks of the past or the future.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.nlp.timex_patterns import TimexVocab

__all__ = ["Context", "Found", "Groups", "day_found", "norm", "period_start", "quantity", "year_offset"]

Groups = dict[str, str | None]

_FUTURE_SIGNALS = frozenset({"until", "till", "by", "from", "starting", "no later than", "ahead of"})
CONTEXT_CHARS = 120  # how far back a tense marker may stand from the expression
_WORD_BEFORE = re.compile(r"([\w'’-]+)[^\w\n]*$")
_PASSIVE = re.compile(r"\b(?:be|being)\s+$", re.IGNORECASE)  # "will be held in May" stays future
_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")


@dataclass(slots=True)
class Found:
    start: int
    end: int
    value: str | None
    precision: str
    relation: str = "point"
    end_value: str | None = None
    warning: str | None = None
    anchor: date | None = None  # a day that becomes the reference time for later expressions
    takes_signal: bool = True  # durations ("weeks of tension") are not governed by "from"/"since"


@dataclass(slots=True)
class Context:
    text: str
    pub: date | None
    ref: date | None
    bounds: list[int]
    v: TimexVocab
    last: tuple[int, str, str] | None = None  # (start, value, precision) of the last expression with a value

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.bounds, pos) - 1
        return self.bounds[i] if i >= 0 else 0

    def tense(self, pos: int, signal: str | None) -> str:
        """``future`` when the clause before ``pos`` ends on a future marker ("will", "due to"),
        ``near`` when only a signal such as "by" or "from" leans forward (take the nearest
        date), else ``past``."""
        lo = max(self.sentence_start(pos), pos - CONTEXT_CHARS)
        window = self.text[lo:pos]
        fut = [x.start() for x in self.v.future_rx.finditer(window)]
        if fut:
            past = [x.start() for x in self.v.past_rx.finditer(window) if not _PASSIVE.search(window, 0, x.start())]
            if not past or fut[-1] > past[-1]:
                return "future"
        return "near" if signal in _FUTURE_SIGNALS else "past"

    def future_after(self, end: int) -> bool:
        """Whether a future marker follows the expression ("Monday would be a non-working day")."""
        return self.v.future_after_rx.match(self.text, end) is not None

    def fronted_future(self, start: int, end: int) -> bool:
        """Whether an expression opening its sentence heads a clause whose first tense marker is a future one
        ("On Friday, Austin is due to chair ...": the coming Friday; "On Friday, Austin said ...": the last)."""
        lo = self.sentence_start(start)
        if self.text[lo:start].strip().lower() not in ("", "on"):
            return False
        i = bisect.bisect_right(self.bounds, start)
        hi = min(self.bounds[i] if i < len(self.bounds) else len(self.text), end + CONTEXT_CHARS)
        fut = self.v.future_rx.search(self.text, end, hi)
        past = self.v.past_rx.search(self.text, end, hi)
        return fut is not None and (past is None or fut.start() < past.start())

    def narrative_year(self, pos: int) -> int | None:
        """The year of the last dated expression before ``pos`` ("In 2020 ... November of that year")."""
        if self.last is None or self.last[0] >= pos or not self.last[1][:4].isdigit():
            return None
        return int(self.last[1][:4])

    def future(self, pos: int, signal: str | None) -> bool:
        return self.tense(pos, signal) != "past"

    def past_period(self, pos: int) -> bool:
        """Whether "in six weeks" before ``pos`` means the six weeks up to now (a past or ranking clause)."""
        lo = max(self.sentence_start(pos), pos - CONTEXT_CHARS)
        window = self.text[lo:pos]
        return bool(self.v.past_rx.search(window) or self.v.ranking_rx.search(window))

    def word_before(self, pos: int) -> str:
        m = _WORD_BEFORE.search(self.text, max(0, pos - 30), pos)
        return m.group(1).lower() if m else ""

    def word_after(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.text, pos)
        return m.group(1).lower() if m else ""


def norm(s: str) -> str:
    return " ".join(s.lower().split())


def year_offset(phrase: str) -> int:
    words = phrase.lower().split()
    if any(w in ("last", "previous", "past") for w in words):
        return -1
    return 1 if any(w in ("next", "following") for w in words) else 0


def quantity(v: TimexVocab, raw: str | None) -> float | None:
    """The number a count stands for (1 when absent); ``None`` for vague counts ("several")."""
    if raw is None:
        return 1.0
    key = norm(raw)
    if key in v.vague_numbers:
        return None
    if key in v.numbers:
        return v.numbers[key]
    try:
        return float(key)
    except ValueError:
        return None


def day_found(anchor: date | None, offset: int, start: int, end: int, *, is_anchor: bool) -> Found:
    d = None if anchor is None else anchor + timedelta(days=offset)
    return Found(start, end, None if d is None else d.isoformat(), "day", anchor=d if is_anchor else None)


def period_start(value: str | None) -> date | None:
    """First day of the period an ISO value names (``2021-W13``: its Monday; ``199``: 1990-01-01)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value)
    if re.fullmatch(r"\d{4}-W\d\d", value):
        return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    if re.fullmatch(r"\d{4}-\d\d", value):
        return date(int(value[:4]), int(value[5:]), 1)
    if re.fullmatch(r"\d{4}(?:-[A-Z]{2})?", value):
        return date(int(value[:4]), 1, 1)
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1)
    return None

