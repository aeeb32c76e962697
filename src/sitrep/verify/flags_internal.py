"""``internal`` flags: an article that contradicts itself (``high`` only when independent sources back one side).

Three checks, each kept narrow so that honest articles stay clean:

* the same person given offices of two different countries in one article
  (``medium`` when the knowledge base says which one is wrong, which is then the
  claim; otherwise ``low`` on the later mention);
* the same count given as two different numbers: in two sentences of the
  article that say the same thing (:func:`sitrep.verify.flags_match.same_statement`),
  or for the same coded event (same event type, kind of quantity, actor and
  recipient countries and date, values clearly apart): ``low``, the claim is
  the later number;
* a weekday that disagrees with the date it stands next to ("Tuesday, April 15"
  when April 15 is a Thursday; the reading layer's timex warning): ``medium``,
  or by :func:`sitrep.verify.flags.judge_severity` when independent clusters
  give the same day for the same fact (:func:`sitrep.verify.flags_date.date_support`:
  they back the date, the weekday is the claim);
* a later sentence that names nothing the earlier one does not and counts the
  same thing with another value ("Officials later put the figure at 8,000
  troops" after "80,000 troops massed near the border"), judged against
  independent sources
  (:func:`~sitrep.verify.flags_restated.restated_counts`): flagged only when independent
  clusters of the story back one value and none gives the other; the unbacked
  value is the claim, and the severity follows
  :func:`sitrep.verify.flags.judge_severity` (``high`` with two backing clusters);
  the same for a later sentence dating what a person named in an earlier one
  did to another day ("Kuleba spoke on Friday" after "Kuleba said on Tuesday
  ..."; :func:`~sitrep.verify.flags_restated.restated_dates`).

Evidence is the article's own other passage (``"source": "same_article"``),
plus the independent passages backing the expected value.

The restated counts and dates are :mod:`sitrep.verify.flags_restated`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.kb import KnowledgeBase
from sitrep.nlp.layers import Timex
from sitrep.verify.consensus import RoleClaim
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_date import date_support
from sitrep.verify.flags_match import same_statement
from sitrep.verify.flags_numbers import counted_sentences, counts_agree, same_unit
from sitrep.verify.flags_restated import restated_counts, restated_dates, same_article
from sitrep.verify.flags_rewrite import merge_flags

__all__ = [
    "count_conflicts",
    "internal_flags",
    "quantity_conflicts",
    "role_conflicts",
    "weekday_conflicts",
]

_NUMBER_RATIO = 1.5
_QUOTED_SKIP = frozenset({"negated", "hypothetical", "future"})


def role_conflicts(claims: Sequence[RoleClaim], corpus: Corpus, *, kb: KnowledgeBase) -> list[Flag]:
    """One person given two countries' offices within one article."""
    by_person: dict[tuple[str, str], list[RoleClaim]] = {}
    for claim in claims:
        if claim.country:
            by_person.setdefault((claim.article_id, claim.person_key), []).append(claim)
    flags: list[Flag] = []
    for (article_id, person_key), found in by_person.items():
        if len({c.country for c in found}) < 2:
            continue
        found = sorted(found, key=lambda c: c.start)
        person = kb.persons.get(person_key) or kb.person(found[0].person)
        when = found[0].date
        known = {r.country for r in (person.roles_on(when) if person and when else [])} - {None}
        wrong = [c for c in found if known and c.country not in known]
        right = [c for c in found if c.country in known]
        if wrong and right:
            claim, other, severity = wrong[0], right[0], "medium"
        else:
            claim, other, severity = found[-1], found[0], "low"
        message = (
            f'this article gives {claim.person} an office of {claim.country} ("{claim.span}") '
            f'but elsewhere one of {other.country} ("{other.span}")'
            + ("; the knowledge base has " + ", ".join(sorted(str(k) for k in known)) if known else "")
        )
        flags.append(Flag(
            article_id, "internal", severity, claim.span, claim.start, claim.end, other.country,
            [same_article(article_id, other.span, other.start, other.end)], message,
            corpus.story(article_id),
        ))
    return flags


def _values(event: Mapping[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in (event.get("quantities") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[str(key)] = float(value)
    return out


def _number_span(sentence: str, offset: int, value: float) -> tuple[int, int] | None:
    forms = {f"{value:,.0f}", f"{value:.0f}"} if value == int(value) else {f"{value:,}", str(value)}
    for form in sorted(forms, key=len, reverse=True):
        match = re.search(r"(?<![\d,.])" + re.escape(form) + r"(?![\d]|[,.]\d)", sentence)
        if match:
            return offset + match.start(), offset + match.end()
    return None


def _close(a: float, b: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high == low or (low > 0 and high / low < _NUMBER_RATIO)


def quantity_conflicts(events: Sequence[Mapping[str, Any]], corpus: Corpus) -> list[Flag]:
    """The same event quantity given twice in one article with clearly different values."""
    seen: dict[tuple[Any, ...], tuple[Mapping[str, Any], float]] = {}
    flags: list[Flag] = []
    ordered = sorted(events, key=lambda e: (str(e["article_id"]), int(e.get("sentence_start") or 0)))
    for event in ordered:
        if event.get("status") in _QUOTED_SKIP or not event.get("date"):
            continue
        article_id = str(event["article_id"])
        for key, value in _values(event).items():
            ident = (article_id, event.get("type"), key, event.get("source_country"), event.get("target_country"),
                     event.get("date"))
            if ident not in seen:
                seen[ident] = (event, value)
                continue
            first, first_value = seen[ident]
            if _close(first_value, value) or first.get("sentence_start") == event.get("sentence_start"):
                continue
            text = corpus.texts.get(article_id, "")
            start, end = int(event["sentence_start"]), int(event["sentence_end"])
            span = _number_span(text[start:end], start, value) or (start, end)
            f_start, f_end = int(first["sentence_start"]), int(first["sentence_end"])
            label = key.split(":")[0]
            message = (f"this article gives {label} as {value:,.0f} here but as {first_value:,.0f} "
                       f"earlier, for the same {str(event.get('type')).lower()} event")
            flags.append(Flag(
                article_id, "internal", "low", text[span[0]:span[1]], span[0], span[1], f"{first_value:,.0f}",
                [same_article(article_id, text[f_start:f_end], f_start, f_end)], message,
                corpus.story(article_id),
            ))
    return flags


def count_conflicts(corpus: Corpus) -> list[Flag]:
    """Two sentences of one article that say the same thing but count the same thing differently."""
    lex = corpus.lexicon
    flags: list[Flag] = []
    for article_id, reading in corpus.readings.items():
        text = corpus.texts.get(article_id, "")
        counted = counted_sentences(text, reading, article_id, lexicon=lex, tagged=corpus.tags(article_id))
        for i, (later, later_counts) in enumerate(counted):
            for earlier, earlier_counts in counted[:i]:
                if not same_statement(earlier, later):
                    continue
                for count in later_counts:
                    same = [c for c in earlier_counts if same_unit(c.unit, count.unit, lex)]
                    mine = [c for c in later_counts if same_unit(c.unit, count.unit, lex)]
                    if len({c.value for c in same}) != 1 or any(counts_agree(c, m) for c in same for m in mine):
                        continue
                    first = same[0]
                    message = (f"this article counts {text[count.start:count.end]} {count.unit} here but "
                               f"{text[first.start:first.end]} in an earlier sentence saying the same thing")
                    flags.append(Flag(
                        article_id, "internal", "low", text[count.start:count.end], count.start, count.end,
                        text[first.start:first.end],
                        [same_article(article_id, text[earlier.start:earlier.end], earlier.start, earlier.end)],
                        message, corpus.story(article_id),
                    ))
    return flags


def _weekday_mismatch(timex: Timex) -> bool:
    """Whether the reading layer warned that the weekday next to this dated expression is not its date's."""
    return bool(timex.value and timex.warning and timex.warning.startswith("weekday mismatch"))


def weekday_conflicts(
    corpus: Corpus, *, support: Mapping[tuple[str, int], tuple[list[dict[str, Any]], int]] | None = None
) -> list[Flag]:
    """A weekday next to a date that falls on another weekday (the reading layer's timex warning).

    ``support`` (:func:`sitrep.verify.flags_date.date_support`) says which independent clusters give the same
    day for the same fact: they back the date, so the weekday is the claim, and the severity follows
    :func:`sitrep.verify.flags.judge_severity` (``medium`` without them)."""
    flags: list[Flag] = []
    for article_id, reading in corpus.readings.items():
        text = corpus.texts.get(article_id, "")
        for timex in reading.timexes:
            if timex.value is None or not _weekday_mismatch(timex):
                continue
            try:
                weekday = dt.date.fromisoformat(timex.value[:10]).strftime("%A")
            except ValueError:
                continue
            message = f'"{timex.text}" does not hold: {timex.value[:10]} is a {weekday}'
            backing, against = (support or {}).get((article_id, timex.start), ([], 0))
            severity = "medium"
            if backing:
                severity = judge_severity(backing=len(backing), against=against)
                message += (f"; {len(backing)} independent source{'s' if len(backing) != 1 else ''} "
                            f"give{'s' if len(backing) == 1 else ''} {timex.value[:10]} ({weekday})")
            flags.append(Flag(
                article_id, "internal", severity, text[timex.start:timex.end], timex.start, timex.end, weekday,
                list(backing), message, corpus.story(article_id),
            ))
    return flags


def internal_flags(
    claims: Sequence[RoleClaim], events: Sequence[Mapping[str, Any]], corpus: Corpus, *, kb: KnowledgeBase
) -> list[Flag]:
    """Every internal contradiction: offices, quantities, restated counts and dates, and weekdays."""
    support = None  # the day's independent backing, which only a weekday mismatch consults
    if any(_weekday_mismatch(t) for r in corpus.readings.values() for t in r.timexes):
        support = date_support(corpus)
    counts = merge_flags(quantity_conflicts(events, corpus), count_conflicts(corpus))
    counts = merge_flags(counts, restated_counts(corpus), groups=corpus.groups)
    counts += restated_dates(corpus)
    return [
        *role_conflicts(claims, corpus, kb=kb),
        *counts,
        *weekday_conflicts(corpus, support=support),
    ]
