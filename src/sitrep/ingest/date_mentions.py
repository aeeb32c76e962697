"""Dates written in a text: the date vocabulary and every dated phrase (a full date, a day and month, a month and
year, a bare year).

:func:`find_mentions` returns one :class:`DateMention` per dated phrase, with
its weekday, whether the text marks it as a plan (``will meet on``, ``by May
5``), a year offset it states (``July 27 last year``) and whether
``yesterday`` stands beside it. The words come from
``sitrep/data/date_words.json`` (:func:`date_vocab`, compiled once).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "WEEKDAY_NAMES",
    "DateMention",
    "DateVocab",
    "date_vocab",
    "day_of_year",
    "find_mentions",
    "mention_date",
    "safe_date",
    "weekday_warnings",
]

_DATA = Path(__file__).resolve().parent.parent / "data"
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_YEAR_DEADLINE_RX = re.compile(r"\b(?:by|until|till|before)\s+$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class DateVocab:
    """The date words of ``date_words.json`` and the patterns compiled from them."""

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
def date_vocab() -> DateVocab:
    """The date vocabulary, loaded and compiled once."""
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
    return DateVocab(
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


@dataclass(slots=True)
class DateMention:
    """One dated phrase: ``kind`` is ``full`` (day, month, year), ``dm`` (day and month), ``my`` (month and
    year) or ``year``; ``pos`` is where it starts in the text."""

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


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of_year(month: int, day: int) -> int | None:
    """The day of the year in a leap year (so February 29 has a place); None for no such day."""
    d = safe_date(2000, month, day)  # a leap year, so February 29 has a place
    return None if d is None else d.timetuple().tm_yday


def _sentence_before(text: str, pos: int, width: int = 80) -> str:
    ctx = text[max(0, pos - width) : pos]
    cut = max(ctx.rfind(". "), ctx.rfind("! "), ctx.rfind("? "), ctx.rfind("\n"), ctx.rfind("; "))
    return ctx[cut + 1 :] if cut >= 0 else ctx


def find_mentions(text: str, vocab: DateVocab) -> list[DateMention]:
    """Every dated phrase of ``text`` in text order, with its plan, offset and ``yesterday`` marks."""
    out: list[DateMention] = []
    for m in vocab.date_rx.finditer(text):
        g = m.groupdict()
        wd = vocab.weekdays.get(g["wd"].rstrip(".").lower()) if g["wd"] else None
        if g["y5"]:
            out.append(DateMention(m.start("y5"), "year", int(g["y5"]), None, None, None, m.group()))
            continue
        if g["y3"]:
            year, month, day = int(g["y3"]), int(g["n3"]), int(g["d3"])
        elif g["m4"]:
            month = vocab.months[g["m4"].rstrip(".").lower()]
            out.append(DateMention(m.start(), "my", int(g["y4"]), month, None, None, m.group()))
            continue
        else:
            mon = g["m1"] or g["m2"]
            month = vocab.months[mon.rstrip(".").lower()]
            day = int(g["d1"] or g["d2"])
            year_s = g["y1"] or g["y2"]
            if not year_s:
                if day_of_year(month, day) is None:
                    continue
                men = DateMention(m.start(), "dm", None, month, day, wd, m.group())
                rel = vocab.rel_year_after_rx.match(text, m.end())
                if rel:
                    word = rel.group("rel").lower()
                    men.offset = {"last": -1, "previous": -1, "past": -1, "this": 0}.get(word, 1)
                    men.explicit_offset = True
                    men.future = men.offset > 0
                out.append(men)
                continue
            year = int(year_s)
        if safe_date(year, month, day) is None:
            continue
        out.append(DateMention(m.start(), "full", year, month, day, wd, m.group()))
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


def mention_date(men: DateMention) -> date | None:
    """The date a mention gives, when it gives a full one."""
    if men.year is None or men.month is None or men.day is None:
        return None
    return safe_date(men.year, men.month, men.day)


def weekday_warnings(men: DateMention, d: date) -> list[str]:
    """A warning when the weekday written with a mention is not the weekday of its date ``d``."""
    if men.weekday is not None and d.weekday() != men.weekday:
        name = WEEKDAY_NAMES[d.weekday()]
        return [f"weekday mismatch: {men.text.strip()!r} but {d.isoformat()} is a {name}"]
    return []
