"""Date expressions normalised against the article's publication date (the ``timexes`` layer).

:func:`find_timexes` scans the text once with the pattern of :mod:`sitrep.nlp.timex_patterns`
and resolves each match, in text order, with :mod:`sitrep.nlp.timex_resolve`.

What is found and how it is resolved:

* **Absolute**: ``27 March 2021``, ``April 1, 2021``, ``2021-04-01``, ``July 2020``, ``spring 2014``
  (season ``2014-SP``; winter ``2021-WI`` runs December 2020 to February 2021), ``1936``, ``the
  1990s`` (decade ``199``), ``2014-2016`` (interval). They resolve without a publication date.
* **Relative to publication**: day-months without a year (``the March 26 events``), bare months
  after a preposition or modifier (``in May``, ``planned for September``; never the verb "may"
  or "a march": names must be capitalised and introduced), weekdays (``on Tuesday``), ``last
  month``, ``this week``, ``July of last year``, ``last July``, ``last summer``, ``yesterday``,
  ``now``, ``so far``, ``three weeks ago``. A past-tense clause picks the most recent such date
  not after publication (a day-month may lie up to a week after it, for late publication
  dates); a future clause (``will``, ``due to``, ``planned for``, or the signals ``by``,
  ``until``, ``from``; ``future_markers`` in the data file) picks the next one.
* **Periods up to publication**: ``over the past 1.5 months``, ``in roughly six weeks``, ``in less
  than a month`` (in a past clause) and ``the next two weeks`` are intervals: ``value`` is the
  start and ``end_value`` the end, both at the unit's precision. ``two days of talks`` ends at
  publication. In a future clause ``in two weeks`` is a point two weeks on.
* **Relative to the reference time** (the last explicit day-precision date before it, else the
  publication date): ``the same day``, ``hours later``, ``two days later``, ``four days
  earlier``. ``X came a day after E`` dates the event E, so ``N days after`` is the reference
  minus N and ``N days before`` plus N. These never become the reference themselves.
* **Vague**: ``recent weeks``, ``the coming months``, ``weeks of tension``, ``for several
  months`` and offsets with a bound (``more than ten weeks after``) are intervals whose ``value``
  is ``None``: their extent is unknown. A bare count (``three years``) that is not tied to
  anything by ``for``/``of``/``ago``/``in``/``after`` is not a date and is skipped, as are
  ages, clock times and sums of money.

Relations: ``since``/``from``/``after`` give ``since`` (``end_value`` is the publication day when
the start lies before it), ``until``/``by``/``before`` give ``until``; the signal word is part of
the span. ``from A to B`` and ``between A and B`` merge into one interval. A possessive
(``Tuesday's call``, ``last summer's ceasefire``) is a plain point. A weekday that disagrees with
its date keeps the date and sets ``warning``. Without a publication date every relative value
is ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sitrep.nlp.layers import Sentence, Timex
from sitrep.nlp.timex_context import Context, Found, period_start
from sitrep.nlp.timex_patterns import TimexVocab, vocab
from sitrep.nlp.timex_resolve import dispatch

__all__ = ["find_timexes", "timex_version"]

_WORD = re.compile(r"(?<![\w$€£@#/.-])(?<!\d,)\w+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'‘(•A-Z0-9])|\n")


def timex_version() -> int:
    """Version of the vocabulary data file (``sitrep/data/timex.json``) in use."""
    return vocab().version


def find_timexes(
    text: str, *, published: str | None, sentences: Sequence[Sentence] | None = None
) -> list[Timex]:
    """Every date expression in ``text``, resolved against ``published`` (ISO date or ``None``).

    ``sentences`` (the ``sentences`` layer) bound the clause that decides past or future
    reading; without them a light splitter is used.
    """
    v = vocab()
    pub = _parse_published(published)
    if sentences:
        bounds = sorted({0, *(s.start for s in sentences)})
    else:
        bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    ctx = Context(text, pub, pub, bounds, v)
    found: list[tuple[Found, str | None]] = []
    taken = 0
    for word in _WORD.finditer(text):
        pos = word.start()
        token = word.group()
        if pos < taken or not (token[0].isdigit() or token.lower() in v.first_words):
            continue
        m = v.scan.match(text, pos)
        try:
            resolved = None if m is None else _resolve(m, ctx)
        except (ValueError, OverflowError):  # a date outside datetime's range ("3000 years ago")
            resolved = None
        if m is None or resolved is None:
            continue
        taken = m.end()
        if resolved[0].anchor is not None:
            ctx.ref = resolved[0].anchor
        if resolved[0].value is not None and re.match(r"\d{4}", resolved[0].value):
            ctx.last = (resolved[0].start, resolved[0].value, resolved[0].precision)
        found.append(resolved)
    return [
        Timex(
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            value=f.value,
            precision=f.precision,
            relation=f.relation,
            end_value=f.end_value,
            warning=f.warning,
        )
        for f in _merge_ranges(found, text, v)
    ]


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _resolve(m: re.Match[str], ctx: Context) -> tuple[Found, str | None] | None:
    """The match resolved, and its signal word ("since", "by", ...) when one governs it."""
    g = m.groupdict()
    possessive = ctx.text.startswith(("'s", "’s"), m.end())
    sig = " ".join(g["sig"].lower().split()) if g["sig"] else None
    signal = None if possessive else sig
    core = m.start()
    if g["sig"]:
        core = m.end("sig")
        while core < m.end() and ctx.text[core].isspace():
            core += 1
    item = dispatch(g, ctx, signal, core, m.end())
    if item is None:
        return None
    if signal is None or not item.takes_signal:
        return item, None
    item.start = m.start()
    relation = ctx.v.signals.get(signal, "since")
    if item.relation == "point" or item.value is None:
        item.relation = relation
        item.anchor = None
        item.end_value = None
        start = period_start(item.value)
        if relation == "since" and ctx.pub and start and start <= ctx.pub and not ctx.future(m.start(), signal):
            item.end_value = ctx.pub.isoformat()
    return item, sig


def _merge_ranges(found: list[tuple[Found, str | None]], text: str, v: TimexVocab) -> list[Found]:
    """``from A to B`` / ``between A and B`` / ``A - B`` become one interval from A to B."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        item, sig = found[i]
        if i + 1 < len(found):
            nxt = found[i + 1][0]
            gap = text[item.end : nxt.start]
            between = text[max(0, item.start - 8) : item.start].lower().rstrip().endswith("between")
            opener = sig == "from" or between
            joined = v.range_joiner_rx.fullmatch(gap) is not None and (gap.strip() != "and" or between)
            joined = joined or (not gap.strip() and found[i + 1][1] in ("until", "till", "through"))
            if opener and joined:
                start = item.start - (len("between ") if between and sig is None else 0)
                out.append(
                    Found(
                        max(0, start),
                        nxt.end,
                        item.value,
                        item.precision,
                        "interval",
                        nxt.end_value or nxt.value,
                        item.warning or nxt.warning,
                    )
                )
                i += 2
                continue
        out.append(item)
        i += 1
    return out
