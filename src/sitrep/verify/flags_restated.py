"""``internal`` flags for a restated fact: a later sentence giving an earlier count or date another value,
judged by independent sources.

* :func:`restated_counts`: a later sentence that names nothing the earlier one
  does not and counts the same thing with another value ("Officials later put
  the figure at 8,000 troops" after "80,000 troops massed near the border");
* :func:`restated_dates`: a later sentence dating what a person named in an
  earlier one did to another day ("Kuleba spoke on Friday" after "Kuleba said
  on Tuesday ...").

Each is flagged only when independent clusters of the story back one value
and none gives the other; the unbacked value is the claim, and the severity
follows :func:`sitrep.verify.flags.judge_severity` (``high`` with two backing
clusters). Evidence is the article's own other passage (:func:`same_article`)
plus the independent passages backing the expected value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.nlp.layers import Reading, Timex
from sitrep.verify.corpus import Corpus
from sitrep.verify.date_facets import date_facets, explicit_date
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.flags_match import (
    RECAP_DAYS,
    DayIndex,
    Statement,
    content_words,
    names_in,
    sentence_days,
    sentence_spans,
    token_range,
)
from sitrep.verify.flags_numbers import Count, counted_sentences, counts_agree, same_unit
from sitrep.verify.lexicon import Lexicon
from sitrep.verify.tags import Tagged

__all__ = ["RESTATED_CONTEXT_WORDS", "RESTATED_REACH_DAYS", "restated_counts", "restated_dates", "same_article"]

#: Content words (besides the counted thing) an independent sentence shares with the article's sentence
#: for its count to back that sentence's count.
RESTATED_CONTEXT_WORDS = 2


def same_article(article_id: str, span: str, start: int, end: int) -> dict[str, Any]:
    """An evidence passage from the flagged article itself (``"source": "same_article"``)."""
    return {"article_id": article_id, "span": span, "start": start, "end": end, "source": "same_article"}


def restated_counts(corpus: Corpus, *, window_days: int = 7) -> list[Flag]:
    """A sentence restating an earlier count of the same thing with another value, judged by independent sources.

    Both counts are figures in digits, and the later sentence names no person,
    place or country the earlier one does not (a restatement, not a count of
    something else). A value is backed
    by an independent cluster of the same story (or dated within
    ``window_days``, or with a sentence about a day within ``window_days`` of
    one either sentence is about: :func:`sitrep.verify.flags_match.sentence_days`,
    a recap) with a sentence giving the same count of the same thing
    and sharing ``RESTATED_CONTEXT_WORDS`` content words with the article's
    sentence; it is contradicted when such a cluster gives that count anywhere.
    """
    texts, readings, lex = corpus.texts, corpus.readings, corpus.lexicon
    counted: dict[str, list[tuple[Statement, tuple[Count, ...]]]] = {}
    for article_id, reading in readings.items():
        if article_id in texts:
            counted[article_id] = counted_sentences(texts[article_id], reading, article_id, lexicon=lex,
                                                    tagged=corpus.tags(article_id))
    every = [(corpus.group(o), st, found) for o, items in counted.items() for st, found in items]
    days = {id(st): sentence_days(readings[st.article_id], st.start, st.end, corpus.published.get(st.article_id))
            for _, st, _ in every}
    by_day = DayIndex([days[id(st)] for _, st, _ in every])
    flags: list[Flag] = []
    for article_id, sentences in counted.items():
        group = corpus.group(article_id)
        related = [
            (corpus.group(o), st, found) for o, items in counted.items()
            if corpus.group(o) != group and corpus.related(article_id, o, window_days=window_days)
            for st, found in items
        ]
        taken = {id(st) for _, st, _ in related}
        text = texts[article_id]
        for i, (later, later_counts) in enumerate(sentences):
            mentioned = later.names | later.countries
            for earlier, earlier_counts in sentences[:i]:
                if not mentioned <= earlier.names | earlier.countries:
                    continue
                for count in later_counts:
                    same = [c for c in earlier_counts if same_unit(c.unit, count.unit, lex)]
                    if not _figure(text, count) or not all(_figure(text, c) for c in same):
                        continue
                    if len({c.value for c in same}) != 1 or any(
                        counts_agree(c, m) for c in same for m in later_counts if same_unit(m.unit, c.unit, lex)
                    ):
                        continue
                    near = by_day.near(days[id(earlier)] | days[id(later)], window_days=window_days)
                    others = related + [every[j] for j in sorted(near)
                                        if every[j][0] != group and id(every[j][1]) not in taken]
                    if not others:
                        continue
                    flag = _restated(article_id, text, (earlier, same[0]), (later, count), others, lex,
                                     corpus.story(article_id), texts)
                    if flag is not None:
                        flags.append(flag)
    return flags


def _figure(text: str, count: Count) -> bool:
    """A count written in digits ("8,000"), not a vague "several hundred" or "thousands"."""
    return any(ch.isdigit() for ch in text[count.start:count.end])


def _backing(
    statement: Statement, count: Count, others: Sequence[tuple[str, Statement, tuple[Count, ...]]], lexicon: Lexicon,
    *, context: bool,
) -> dict[str, Statement]:
    out: dict[str, Statement] = {}
    for group, other, found in others:
        if group in out:
            continue
        if not any(same_unit(c.unit, count.unit, lexicon) and counts_agree(c, count) for c in found):
            continue
        if context and len((statement.words & other.words) - {count.unit}) < RESTATED_CONTEXT_WORDS:
            continue
        out[group] = other
    return out


def _restated(
    article_id: str,
    text: str,
    first: tuple[Statement, Count],
    second: tuple[Statement, Count],
    others: Sequence[tuple[str, Statement, tuple[Count, ...]]],
    lexicon: Lexicon,
    story: str | None,
    texts: Mapping[str, str],
) -> Flag | None:
    backed = [_backing(st, c, others, lexicon, context=True) for st, c in (first, second)]
    stated = [_backing(st, c, others, lexicon, context=False) for st, c in (first, second)]
    if backed[0] and not stated[1]:
        (right, right_count), (_, wrong_count), backing = first, second, backed[0]
    elif backed[1] and not stated[0]:
        (right, right_count), (_, wrong_count), backing = second, first, backed[1]
    else:
        return None
    severity = judge_severity(backing=len(backing))
    claim = text[wrong_count.start:wrong_count.end]
    expected = text[right_count.start:right_count.end]
    evidence = [same_article(article_id, text[right.start:right.end], right.start, right.end)]
    evidence += [{"article_id": o.article_id, "span": texts[o.article_id][o.start:o.end], "start": o.start,
                  "end": o.end, "source": "independent"} for o in backing.values()]
    n = len(backing)
    message = (f"this article counts {claim} {wrong_count.unit} here but {expected} in another sentence saying "
               f"the same thing; {n} independent source{'s' if n != 1 else ''} give{'s' if n == 1 else ''} "
               f"{expected} and none {claim}")
    return Flag(article_id, "internal", severity, claim, wrong_count.start, wrong_count.end, expected, evidence,
                message, story)


#: An independent sentence dating what the same person did to the same calendar day speaks for or against a
#: restated date when its article is published within this many days of the article's (a timeline, a recap:
#: ``RECAP_DAYS``); one whose dates are not resolved to a calendar day only within the story window.
RESTATED_REACH_DAYS = RECAP_DAYS


@dataclass(slots=True, frozen=True)
class _DatedSentence:
    article_id: str
    start: int
    end: int
    people: frozenset[str]  # folded surnames of the persons the sentence names
    names: frozenset[str]  # every folded proper name and country code it names
    words: frozenset[str]
    dates: tuple[tuple[Timex, dict[str, str]], ...]  # one per day (a day named twice counts once)
    persons: tuple[tuple[str, int], ...] = ()  # (folded surname, start) of each person mention


def _day_key(facets: dict[str, str]) -> str:
    return next((f"{k}:{facets[k]}" for k in ("ymd", "md", "weekday") if k in facets), "")


def _dated_people(
    text: str, reading: Reading, article_id: str, lexicon: Lexicon, tagged: Tagged
) -> list[_DatedSentence]:
    timexes = [t for t in reading.timexes if explicit_date(t, lexicon) and t.relation == "point"]
    if not timexes:
        return []
    people = [m for m in reading.mentions if m.label == "PERSON" and m.text.split()]
    out: list[_DatedSentence] = []
    for start, end in sentence_spans(text, reading):
        days: dict[str, tuple[Timex, dict[str, str]]] = {}
        for t in timexes:
            if start <= t.start < end:
                facets = date_facets(t, lexicon)
                days.setdefault(_day_key(facets), (t, facets))
        persons = tuple((m.text.split()[-1].casefold(), m.start) for m in people if start <= m.start < end)
        if days and persons:
            names, countries, _ = names_in(tagged, *token_range(tagged, start, end))
            out.append(_DatedSentence(article_id, start, end, frozenset(p for p, _ in persons), names | countries,
                                      content_words(text[start:end], lexicon), tuple(days.values()), persons))
    return out


def _day_of(sentence: _DatedSentence, people: frozenset[str]) -> tuple[Timex, dict[str, str]] | None:
    """The one day ``sentence`` gives what ``people`` did: its only day, or for each of them the date that
    follows their first mention most closely (the nearest before it when none follows), when those agree."""
    if len(sentence.dates) == 1:
        return sentence.dates[0]
    picked: dict[str, tuple[Timex, dict[str, str]]] = {}
    for person in people:
        at = next((pos for name, pos in sentence.persons if name == person), None)
        if at is None:
            continue
        after = [d for d in sentence.dates if d[0].start > at]
        before = [d for d in sentence.dates if d[0].start < at]
        best = min(after, key=lambda d: d[0].start) if after else max(before, key=lambda d: d[0].start, default=None)
        if best is not None:
            picked[_day_key(best[1])] = best
    return next(iter(picked.values())) if len(picked) == 1 else None


def _same_day(a: dict[str, str], b: dict[str, str]) -> bool | None:
    shared = [k for k in ("ymd", "md", "weekday") if k in a and k in b]
    return a[shared[0]] == b[shared[0]] if shared else None


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(str(a)[:10]) - dt.date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return None


def restated_dates(corpus: Corpus, *, window_days: int = 7) -> list[Flag]:
    """A later sentence naming only people and names an earlier dated sentence names, dated to another day.

    The earlier sentence's day is the one it gives what those people did
    (the date following the person's name when it gives several). Judged as
    :func:`restated_counts`: a day is backed by an independent cluster with a
    sentence naming the same person on that day and sharing
    ``RESTATED_CONTEXT_WORDS`` content words with the article's sentence, and
    contradicted by one naming that person on the other day. Sentences of the
    same story or published within ``window_days`` are compared by weekday or
    day of the month when a date is not resolved; sentences published within
    ``RESTATED_REACH_DAYS`` only by calendar day. A copy never speaks where
    its cluster's original does.
    """
    texts, lex = corpus.texts, corpus.lexicon
    dated = {a: _dated_people(texts[a], r, a, lex, corpus.tags(a)) for a, r in corpus.readings.items() if a in texts}
    by_person: dict[str, list[tuple[str, _DatedSentence]]] = {}
    for other_id, items in dated.items():
        head = corpus.group(other_id)
        if head != other_id and head in dated:
            continue  # a copy never speaks for what its original says
        for d in items:
            for person in d.people:
                by_person.setdefault(person, []).append((head, d))
    flags: list[Flag] = []
    for article_id, sentences in dated.items():
        group = corpus.group(article_id)
        for i, later in enumerate(sentences):
            if len(later.dates) != 1:
                continue
            for earlier in sentences[:i]:
                if not later.names <= earlier.names:
                    continue
                first = _day_of(earlier, later.people)
                if first is None:
                    continue
                (t2, f2), (t1, f1) = later.dates[0], first
                if _same_day(f1, f2) is not False:
                    continue
                others = {
                    (id(d), g): (g, d, _comparable(article_id, d.article_id, corpus, window_days))
                    for person in later.people & earlier.people for g, d in by_person.get(person, ())
                    if g != group
                }
                candidates = [(g, d, full) for g, d, full in others.values() if full is not None]
                if not candidates:
                    continue
                flag = _restated_date(texts[article_id], (earlier, t1, f1), (later, t2, f2), candidates, corpus)
                if flag is not None:
                    flags.append(flag)
    return flags


def _comparable(a: str, b: str, corpus: Corpus, window_days: int) -> bool | None:
    """How article ``b``'s dates may be compared with ``a``'s: True in any form (same story, or published within
    ``window_days``), False by calendar day only (within ``RESTATED_REACH_DAYS``), None not at all."""
    if corpus.related(a, b, window_days=window_days):
        return True
    apart = _days_apart(corpus.published.get(a), corpus.published.get(b))
    return False if apart is not None and apart <= RESTATED_REACH_DAYS else None


def _agrees(facets: dict[str, str], other: dict[str, str], any_form: bool) -> bool:
    if not any_form and ("ymd" not in facets or "ymd" not in other):
        return False
    return bool(_same_day(facets, other))


def _day_backing(
    sentence: _DatedSentence,
    facets: dict[str, str],
    others: Sequence[tuple[str, _DatedSentence, bool]],
    *,
    context: bool,
) -> dict[str, _DatedSentence]:
    """The clusters naming one of the sentence's people on this day: with ``context``, on the day they give
    that person and sharing ``RESTATED_CONTEXT_WORDS`` with the sentence (backing); without, on any of
    their days (stating it at all)."""
    out: dict[str, _DatedSentence] = {}
    for group, other, any_form in others:
        if group in out or not sentence.people & other.people:
            continue
        if context:
            theirs = _day_of(other, sentence.people & other.people)
            if theirs is None or not _agrees(facets, theirs[1], any_form):
                continue
            if len(sentence.words & other.words) < RESTATED_CONTEXT_WORDS:
                continue
        elif not any(_agrees(facets, f, any_form) for _, f in other.dates):
            continue
        out[group] = other
    return out


def _restated_date(
    text: str,
    first: tuple[_DatedSentence, Timex, dict[str, str]],
    second: tuple[_DatedSentence, Timex, dict[str, str]],
    others: Sequence[tuple[str, _DatedSentence, bool]],
    corpus: Corpus,
) -> Flag | None:
    backed = [_day_backing(s, f, others, context=True) for s, _, f in (first, second)]
    stated = [_day_backing(s, f, others, context=False) for s, _, f in (first, second)]
    if backed[0] and not stated[1]:
        right, wrong, backing = first, second, backed[0]
    elif backed[1] and not stated[0]:
        right, wrong, backing = second, first, backed[1]
    else:
        return None
    sentence, timex, _ = right
    claim_timex = wrong[1]
    article_id = sentence.article_id
    evidence = [same_article(article_id, text[sentence.start:sentence.end], sentence.start, sentence.end)]
    evidence += [{"article_id": o.article_id, "span": corpus.texts[o.article_id][o.start:o.end], "start": o.start,
                  "end": o.end, "source": "independent"} for o in backing.values()]
    n = len(backing)
    message = (f'this article dates it "{claim_timex.text}" here but "{timex.text}" in another sentence about '
               f"the same people; {n} independent source{'s' if n != 1 else ''} give{'s' if n == 1 else ''} "
               f'"{timex.text}" and none "{claim_timex.text}"')
    return Flag(article_id, "internal", judge_severity(backing=n), claim_timex.text, claim_timex.start,
                claim_timex.end, timex.text, evidence, message, corpus.story(article_id))
