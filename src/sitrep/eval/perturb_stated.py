"""Whether another article states the original fact a perturbation changed.

:func:`stated_elsewhere` looks for the original's changed words in a sentence
of other articles, with enough of the same context (names, numbers, content
words within six words of them; not office titles) to be the same fact, for a
count or a date one of them a name, a count of the same thing, a date or a
count only in an article published near the original's (:func:`same_time`).
The benchmark's cross-source recall is given over the copies whose original
fact is stated so, and :func:`support_filter` keeps the generator to sites
whose fact enough independence clusters state (the definitions in full are in
:mod:`sitrep.eval.perturb_flags`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sitrep.events.sentences import split_sentences
from sitrep.store.db import Store
from sitrep.store.verify import article_meta
from sitrep.verify.flags_quote import MIN_JACCARD, MIN_JACCARD_WORDS, quote_words
from sitrep.verify.independence import independent_groups
from sitrep.verify.lexicon import load_lexicon
from sitrep.verify.perturb import Keep, Perturbation
from sitrep.verify.perturb_sites import load_perturb_lexicon
from sitrep.verify.text import quote_ranges

__all__ = ["COUNT_DAYS", "MONTH_DAY_DAYS", "WEEKDAY_DAYS", "same_time", "stated_elsewhere", "support_filter"]

_WORD = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text))


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in _split(text)]


_WINDOW = 6  # words either side of the fact that make its context


@lru_cache(maxsize=1)
def _offices() -> frozenset[str]:
    return frozenset(w.casefold().rstrip(".") for w in load_perturb_lexicon()["office_words"])


def _terms(words: Iterable[str]) -> set[str]:
    """Names, numbers and content words (not function words, reporting verbs or office titles such as
    "Defence Minister", which say nothing about which fact it is), case-folded."""
    lex = load_lexicon()
    stop = lex.function_words | lex.reporting_verbs | _offices()
    out = set()
    for word in words:
        folded = word.casefold().rstrip(".,")
        if folded not in stop and (word[0].isupper() or word[0].isdigit() or len(folded) >= 4):
            out.add(folded)
    return out


def _names(words: Iterable[str]) -> set[str]:
    """The capitalised terms among ``words`` (who or where), case-folded."""
    return {w.casefold().rstrip(".,") for w in words if w[0].isupper()} & _terms(words)


def _around(text: str, start: int, end: int) -> list[str]:
    """Up to :data:`_WINDOW` words either side of ``text[start:end]`` (that span excluded)."""
    words = list(_WORD.finditer(text))
    before = [m.group() for m in words if m.end() <= start][-_WINDOW:]
    after = [m.group() for m in words if m.start() >= end][:_WINDOW]
    return [*before, *after]


def _context(text: str, start: int, end: int) -> set[str]:
    """Terms of up to :data:`_WINDOW` words either side of ``text[start:end]`` (that span excluded)."""
    return _terms(_around(text, start, end))


def _counted(text: str, end: int) -> str | None:
    """The thing a number ending at ``end`` counts: the first lower-case word of the next three after
    it ("two dozen", "10 Russian diplomats"), case-folded; for a unit of time the word after it as well
    ("two days of contacts" is not "two days after the call"); None when there is none."""
    words = list(_WORD.finditer(text, end))[:4]
    for k, m in enumerate(words[:3]):
        if m.group()[0].islower():
            unit = m.group().casefold()
            if unit in _time_units() and k + 1 < len(words):
                return f"{unit} {words[k + 1].group().casefold()}"
            return unit
    return None


@lru_cache(maxsize=1)
def _time_units() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_perturb_lexicon()["time_units"])


def _phrase(fact: str) -> re.Pattern[str]:
    words = fact.translate(_TYPOGRAPHY).split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


def stated_elsewhere(
    item: Perturbation, original: str, texts: Iterable[str], *, published: Sequence[str | None] | None = None
) -> bool:
    """Whether a sentence of one of ``texts`` states the fact of ``original`` that ``item`` changed.

    The sentence must contain the original's changed words and share at least
    two terms (names, numbers, content words; not office titles) with the
    original's context, six words either side of them (for a quote's speaker:
    three with the whole sentence, which must state most of the quoted words too); for a count or a date one of them a name,
    for a date no other count beside it than the original's ("three diplomats expelled on Thursday" is not "10
    diplomats expelled on Thursday") and the month not counted as context, and a count must count the same thing (the first lower-case word after it,
    or a synonym; for a unit of time the word after that too) in a text published within ``COUNT_DAYS``. For an actor reversal it must contain every name and a content
    word (the verb) of the original clause. A date is the same day only in a text published
    near the original (``published``: each text's publication date; :func:`same_time`). An internal
    contradiction counts when the earlier fact it contradicts is stated so.
    """
    if item.kind == "internal_contradiction":
        return _contradicted_fact_stated(item, original, texts, published=published)
    span = item.original
    fact_words = _WORD.findall(span.text)
    if not fact_words:
        return False
    if item.kind == "actor_reversal":
        names = {w.casefold() for w in fact_words if w[0].isupper()}
        verbs = _terms(w for w in fact_words if w[0].islower())
        return any(
            names <= (terms := _terms(_WORD.findall(sentence))) and bool(verbs & terms)
            for text in texts
            for sentence in _sentences(text)
        )
    context = _context(original, span.start, span.end) - _terms(fact_words)
    if item.kind == "date_change":  # the month of "March 26" is part of the date, not what it dates
        context -= _date_words()
    need = 2
    quoted: frozenset[str] = frozenset()
    if item.kind == "quote_speaker_change":  # the fact is who said these words: the whole sentence is context
        sentence = next((s for s in split_sentences(original) if s.start <= span.start < s.end), None)
        if sentence is not None:
            context = _terms(_WORD.findall(original[sentence.start : sentence.end])) - _terms(fact_words)
        need = 3
        quoted = _quotation(original, span.start, span.end)
    phrase = _phrase(span.text)
    # a count or a date is a fact about someone or somewhere: a shared name besides (not "said on Tuesday
    # that" about someone else), and a count counts the same thing ("two dozen" is not "two others")
    names = _names(_around(original, span.start, span.end)) if item.kind in _NAMED_KINDS else set()
    counts = _counts(_around(original, span.start, span.end)) if item.kind == "date_change" else set()
    if item.kind == "date_change":
        names -= _date_words()
    counted = _counted(original, span.end) if item.kind == "number_change" else None
    lexicon = load_lexicon()
    dates = list(published) if published is not None else None
    for k, text in enumerate(texts):
        if item.kind in _NAMED_KINDS and dates is not None and not same_time(
            span.text, item.article.published, dates[k], count=item.kind == "number_change"
        ):
            continue
        folded = text.translate(_TYPOGRAPHY)
        for s_start, s_end in _split(folded):
            for match in phrase.finditer(folded, s_start, s_end):
                sentence_text = folded[s_start:s_end]
                if item.kind == "quote_speaker_change":
                    near = _terms(_WORD.findall(sentence_text))
                    if not _says(sentence_text, quoted):
                        continue
                else:
                    near = _context(sentence_text, match.start() - s_start, match.end() - s_start)
                if len(near & context) < need:
                    continue
                around = _around(sentence_text, match.start() - s_start, match.end() - s_start)
                if names and not names & _names(around):
                    continue
                if counts and _counts(around) - counts:  # "three Russian diplomats" is not "10 Russian diplomats"
                    continue
                theirs = _counted(folded, match.end()) if counted else None
                if counted and not (theirs == counted or (theirs and " " not in counted
                                                          and lexicon.synonyms(theirs, counted))):
                    continue
                return True
    return False


def _counts(words: Sequence[str]) -> set[str]:
    """The counts among ``words`` (figures and number words; not years, nor the day of "March 30"), case-folded."""
    number_words = load_lexicon().number_words
    months = {m.casefold() for m in load_perturb_lexicon()["months"]}
    out = set()
    for k, word in enumerate(words):
        folded = word.casefold().rstrip(".,")
        figure = folded.replace(",", "")
        if figure.isdigit() and ((len(figure) == 4 and 1900 <= int(figure) <= 2100)
                                 or (k > 0 and words[k - 1].casefold() in months)):
            continue
        if figure.isdigit() or folded in number_words:
            out.add(folded)
    return out


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Month and weekday names, case-folded."""
    lex = load_perturb_lexicon()
    return frozenset(w.casefold() for w in [*lex["months"], *lex["weekdays"]])


def _quotation(text: str, start: int, end: int) -> frozenset[str]:
    """The content words of the quotation given to the speaker at ``text[start:end]``: the quoted span
    nearest to it (within :data:`_QUOTE_REACH` characters); empty when there is none."""
    gaps = [(max(q_start - end, start - q_end), q_start, q_end) for q_start, q_end in quote_ranges(text)]
    near = [g for g in gaps if g[0] <= _QUOTE_REACH]
    if not near:
        return frozenset()
    _, q_start, q_end = min(near)
    return quote_words(text[q_start:q_end])


def _says(sentence: str, quoted: frozenset[str]) -> bool:
    """Whether ``sentence`` states the quoted words: most of them (:data:`MIN_JACCARD`), at least
    :data:`MIN_JACCARD_WORDS` (all of a shorter quotation)."""
    if not quoted:
        return False
    shared = len(quoted & quote_words(sentence))
    return shared >= min(MIN_JACCARD_WORDS, len(quoted)) and shared >= MIN_JACCARD * len(quoted)


_QUOTE_REACH = 40  # characters between a speaker's name and the quotation given to them

#: Kinds whose changed fact must be stated near a name the original states near it too.
_NAMED_KINDS = frozenset({"number_change", "date_change"})


def _contradicted_fact_stated(
    item: Perturbation, original: str, texts: Iterable[str], *, published: Sequence[str | None] | None = None
) -> bool:
    """Whether the earlier fact an inserted sentence contradicts is stated by one of ``texts``
    (an inserted sentence without a contradicted span always counts)."""
    if item.contradicts is None:
        return True
    c = item.contradicts
    kind = "date_change" if c.text in load_perturb_lexicon()["weekdays"] else "number_change"
    return stated_elsewhere(replace(item, kind=kind, original=c), original, texts, published=published)


#: A weekday names a day of the week its article is published in: two articles can date the same day by a
#: weekday when published this close.
WEEKDAY_DAYS = 7
#: A day of a month without a year is the nearest such day: two articles published this close give one day.
MONTH_DAY_DAYS = 183
#: A count (troops deployed, soldiers killed, countries at a meeting) is the same fact only in articles
#: published this close: a recap or a timeline weeks later repeats it, the same words years later count
#: another gathering or another attack.
COUNT_DAYS = 42


def same_time(fact: str, published: str | None, other: str | None, *, count: bool = False) -> bool:
    """Whether a date written ``fact`` ("Tuesday", or the day of "April 13") in an article published on
    ``published`` can be the same day as in one published on ``other``, or with ``count`` whether a count
    ``fact`` can be the same fact (within :data:`COUNT_DAYS`); an unknown date fits any."""
    try:
        apart = abs((dt.date.fromisoformat(str(published)[:10]) - dt.date.fromisoformat(str(other)[:10])).days)
    except ValueError:
        return True
    if count:
        return apart <= COUNT_DAYS
    weekday = fact.strip().casefold() in {d.casefold() for d in load_perturb_lexicon()["weekdays"]}
    return apart <= (WEEKDAY_DAYS if weekday else MONTH_DAY_DAYS)


def support_filter(store_path: Path, originals: Mapping[str, str], *, min_clusters: int = 2) -> Keep:
    """A generator test: keep a site whose original fact :func:`stated_elsewhere` finds in at least
    ``min_clusters`` independence clusters of the analysed store at ``store_path`` other than the
    original's own (``originals``: article id -> text). Under the severity rule
    (:func:`sitrep.verify.flags.judge_severity`) two such clusters are what a cross-source flag needs
    to be ``high``."""
    with Store(store_path, readonly=True) as store:
        groups = independent_groups(store)
        by_cluster: dict[str, list[tuple[str, str | None]]] = {}
        for row in article_meta(store):
            by_cluster.setdefault(groups.get(row["id"], row["id"]), []).append((str(row["text"]), row["published"]))

    def keep(item: Perturbation) -> bool:
        own = groups.get(item.original_id, item.original_id)
        original = originals[item.original_id]
        found = 0
        for cluster, rows in by_cluster.items():
            if cluster != own and stated_elsewhere(item, original, [t for t, _ in rows],
                                                   published=[p for _, p in rows]):
                found += 1
                if found >= min_clusters:
                    return True
        return False

    return keep
