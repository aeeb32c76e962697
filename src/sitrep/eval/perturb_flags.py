"""Score the STORED contradiction flags on the perturbation benchmark.

``python -m sitrep.eval.perturb_flags --seed 0 [--n-per-kind N] [--mode with-original|cross-source] [--json]``

The example corpus is ingested and analysed once into a base store. The
perturbed copies (:func:`sitrep.verify.perturb.generate`) then go through the
real pipeline in rounds, so that no two copies of the same original share a
store (they would link to each other):

``with-original`` (default)
    round *k* is a copy of the base store plus the *k*-th perturbed copy of
    every original, ingested as new articles (own outlet and url, the
    original's date), so ingest links each copy to its original as a near-copy
    (a wire story and its rewrite);
``cross-source``
    one round per copy: the base store without the copy's original and
    everything linked to it as a copy or rewrite, plus the copy, so that only
    independent sources can contradict it (like seed 003, whose original is
    absent).

Scoring, on the flags stored on each copy after ``analyze`` (read + code +
verify): a copy is *found* when a high-severity flag whose claim span overlaps
the perturbed span has one of the kinds :data:`ACCEPTED_FLAG_KINDS` accepts
(*any-kind*: any kind; *any-severity*: an accepted kind at any severity,
e.g. an internal contradiction without independent evidence, which is at most
medium). For an inserted contradicting sentence the earlier
statement it contradicts counts as the perturbed span too. Precision = high
flags overlapping the perturbed span / all high flags on copies (a flag on an
unperturbed word or on a background harmless edit is wrong). Harmless copies
flagged = share of harmless copies with any high flag. ``collateral`` counts
high flags that adding the copies created on other articles.

In ``cross-source`` mode recall is also given for the perturbations whose
original fact another article of the round's store states
(:func:`stated_elsewhere`): a sentence there contains the changed words of the
original and, within six words of them, at least two of the names, numbers or
content words (not office titles) found within six words of them in the
original, for a count or a date one of them a name, and a count counts the
same thing, a count of time the same interval ("two days of contacts" is not
"two days later"), in an article published within ``COUNT_DAYS`` of the
original's (a quote's speaker: three terms of the whole sentence; an actor
reversal: every name of the original clause and its verb); a date only in an
article published near the original's (:func:`same_time`), with no other count
beside it and its month not counted as context. An internal contradiction
counts when the earlier fact it contradicts is stated so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.eval.examples import EXAMPLES_DIR
from sitrep.eval.perturb_store import StoredCopy, add_copies, build_base, copy_store, map_span, remove_cluster
from sitrep.events.sentences import split_sentences
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import article_meta, find_flags
from sitrep.verify.flags_quote import MIN_JACCARD, MIN_JACCARD_WORDS, quote_words
from sitrep.verify.independence import independent_groups
from sitrep.verify.lexicon import load_lexicon
from sitrep.verify.perturb import KINDS, Keep, Perturbation, clean_examples, generate, site_counts
from sitrep.verify.perturb_sites import load_perturb_lexicon
from sitrep.verify.records import Span
from sitrep.verify.text import quote_ranges

__all__ = [
    "ACCEPTED_FLAG_KINDS",
    "MODES",
    "CopyResult",
    "copy_spans",
    "count_sites",
    "default_support",
    "run_benchmark",
    "same_time",
    "score_copy",
    "stated_elsewhere",
    "summarise",
    "support_filter",
]

#: Perturbation kind -> stored flag kinds that count as finding it (empty: a harmless rewrite, must not be flagged).
ACCEPTED_FLAG_KINDS: dict[str, tuple[str, ...]] = {
    "role_affiliation_swap": ("affiliation",),
    "actor_reversal": ("reversal",),
    "number_change": ("number", "date"),  # date: the count of an interval ("two days later")
    "date_change": ("date", "internal"),  # internal: a weekday changed next to its date ("Tuesday, April 1")
    "name_corruption": ("corrupted_name",),
    "internal_contradiction": ("internal", "number", "date"),
    "quote_speaker_change": ("quote_speaker",),
    "harmless_synonym": (),
    "harmless_clause_reorder": (),
    "harmless_reporting_verb": (),
    "harmless_quote_frame": (),
    "harmless_typography": (),
}
MODES = ("with-original", "cross-source")


@dataclass(slots=True)
class CopyResult:
    """How the stored flags of one perturbed copy scored."""

    id: str
    kind: str
    harmful: bool
    stored: bool = True  # False: ingest did not store the copy apart, or dropped the perturbed span
    found: bool = False  # kind-strict
    found_any_kind: bool = False
    found_any_severity: bool = False  # a flag of an accepted kind on the changed words, at any severity
    stated: bool | None = None  # cross-source: another article of the store states the original fact
    flags: list[dict[str, Any]] = field(default_factory=list)  # high flags with a verdict
    collateral: int = 0  # new high flags on other articles (the round's share, on its first copy)

    @property
    def correct(self) -> int:
        return sum(1 for f in self.flags if f["verdict"] == "correct")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "harmful": self.harmful,
            "stored": self.stored,
            "found": self.found,
            "found_any_kind": self.found_any_kind,
            "found_any_severity": self.found_any_severity,
            "stated": self.stated,
            "flags": self.flags,
        }


def _overlaps(a: Span, b: Span) -> bool:
    if a.start == a.end:
        return b.start <= a.start <= b.end
    return a.start < b.end and b.start < a.end


def _edit_span(item: Perturbation, index: int) -> Span:
    """Where edit ``index`` (0: the main one, then the background ones) sits in the copy's text."""
    edits = [(item.original.start, item.original.end, item.replacement)]
    edits += [(span.start, span.end, new) for span, new in item.background]
    start, _, new = edits[index]
    pos = start + sum(len(n) - (e - s) for i, (s, e, n) in enumerate(edits) if i != index and e <= start)
    return Span(pos, pos + len(new), new)


def copy_spans(item: Perturbation) -> tuple[list[Span], list[Span]]:
    """(spans that count as the perturbed fact, spans of the background harmless edits), in the copy's text."""
    target = [item.copy]
    if item.contradicts is not None:
        c = item.contradicts
        start = c.start + sum(
            len(new) - (span.end - span.start) for span, new in item.background if span.end <= c.start
        )
        target.append(Span(start, start + len(c.text), item.article.text[start : start + len(c.text)]))
    return target, [_edit_span(item, i) for i in range(1, len(item.background) + 1)]


def score_copy(item: Perturbation, stored: StoredCopy, flags: Sequence[Mapping[str, Any]]) -> CopyResult:
    """Score the high-severity ``flags`` stored on ``stored`` (the ingested copy of ``item``)."""
    result = CopyResult(item.id, item.kind, item.harmful)
    target, background = copy_spans(item)
    mapped = [map_span(s, item.article.text, stored.text) for s in target] if stored.article_id else [None]
    if mapped[0] is None:
        result.stored = False
        return result
    truth = [s for s in mapped if s is not None]
    noise = [s for s in (map_span(b, item.article.text, stored.text) for b in background) if s is not None]
    if not item.harmful:
        noise, truth = [*truth, *noise], []
    for flag in flags:
        claim = Span(int(flag["start"]), int(flag["end"]), str(flag["claim"]))
        if flag["kind"] in ACCEPTED_FLAG_KINDS[item.kind] and any(_overlaps(claim, s) for s in truth):
            result.found_any_severity = True
        if flag["severity"] != "high":
            continue
        if any(_overlaps(claim, s) for s in truth):
            verdict = "correct"
        elif any(_overlaps(claim, s) for s in noise):
            verdict = "harmless_edit"
        else:
            verdict = "unperturbed"
        result.flags.append(
            {"kind": flag["kind"], "start": claim.start, "end": claim.end, "claim": claim.text, "verdict": verdict}
        )
    correct = [f for f in result.flags if f["verdict"] == "correct"]
    result.found_any_kind = bool(correct)
    result.found = any(f["kind"] in ACCEPTED_FLAG_KINDS[item.kind] for f in correct)
    return result


# -- is the original fact stated by another article? ----------------------------------------------------

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


# -- running the rounds ----------------------------------------------------------------------------------

Progress = Callable[[str], object]


def _high_keys(store: Store, *, exclude: Collection[str] = ()) -> set[tuple[str, str, int, int]]:
    return {
        (f["article_id"], f["kind"], int(f["start"]), int(f["end"]))
        for f in find_flags(store, min_severity="high")
        if f["article_id"] not in exclude
    }


def _drop(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _round(
    base: Path, target: Path, batch: Sequence[Perturbation], *, reader: Reader, label: str,
    known: Collection[tuple[str, str, int, int]] = (),
) -> tuple[list[tuple[Perturbation, StoredCopy, list[dict[str, Any]]]], int]:
    """Copy ``base`` to ``target``, add ``batch``, return each copy's stored flags and the collateral count
    (new high flags on other articles that neither ``base`` nor ``known``, the full base store's, has)."""
    with Store(base, readonly=True) as store:
        before = _high_keys(store) | set(known)
    copy_store(base, target)
    with Store(target) as store:
        stored = add_copies(store, batch, reader=reader, label=label)
        copy_ids = {s.article_id for s in stored if s.article_id}
        collateral = len(_high_keys(store, exclude=copy_ids) - before)
        out = [
            (item, sc, find_flags(store, article_id=sc.article_id) if sc.article_id else [])
            for item, sc in zip(batch, stored, strict=True)
        ]
    _drop(target)
    return out, collateral


def _groups(items: Sequence[Perturbation]) -> dict[str, list[Perturbation]]:
    groups: dict[str, list[Perturbation]] = {}
    for item in items:
        groups.setdefault(item.original_id, []).append(item)
    return groups


def _with_original(
    items: Sequence[Perturbation], base: Path, tmp: Path, *, reader: Reader, progress: Progress | None
) -> tuple[list[CopyResult], int]:
    groups = list(_groups(items).values())
    results: list[CopyResult] = []
    collateral = 0
    for k in range(max((len(g) for g in groups), default=0)):
        batch = [g[k] for g in groups if len(g) > k]
        scored, extra = _round(base, tmp / "round.db", batch, reader=reader, label=f"perturbation round {k}")
        collateral += extra
        results.extend(score_copy(item, sc, flags) for item, sc, flags in scored)
        if progress is not None:
            progress(f"round {k + 1}: {len(batch)} copies")
    return results, collateral


def _cross_source(
    items: Sequence[Perturbation],
    originals: Mapping[str, str],
    base: Path,
    tmp: Path,
    *,
    reader: Reader,
    progress: Progress | None,
) -> tuple[list[CopyResult], int]:
    results: list[CopyResult] = []
    collateral = 0
    minus = tmp / "minus.db"
    with Store(base, readonly=True) as store:
        known = _high_keys(store)  # removing a cluster can lower a flag that adding the copy raises back
    for original_id, group in _groups(items).items():
        copy_store(base, minus)
        with Store(minus) as store:
            remove_cluster(store, original_id, reader=reader)
            rows = store.conn.execute("SELECT text, published FROM articles").fetchall()
            texts, dates = [str(r[0]) for r in rows], [r[1] for r in rows]
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for item in group:
            scored, extra = _round(minus, tmp / "round.db", [item], reader=reader, label=f"perturbation {item.id}",
                                   known=known)
            collateral += extra
            for one, sc, flags in scored:
                result = score_copy(one, sc, flags)
                result.stated = (stated_elsewhere(one, originals[one.original_id], texts, published=dates)
                                 if one.harmful else None)
                results.append(result)
        _drop(minus)
        if progress is not None:
            progress(f"original {original_id}: {len(group)} copies")
    return results, collateral


def run_benchmark(
    *,
    seed: int,
    n_per_kind: int,
    mode: str = "with-original",
    background: int = 2,
    kinds: Sequence[str] = KINDS,
    examples: Path | None = None,
    reader: Reader | None = None,
    workdir: Path | None = None,
    base_store: Path | None = None,
    progress: Progress | None = None,
    min_support: int | None = None,
) -> dict[str, Any]:
    """Generate the benchmark, run it through ingest + analyze in rounds, and score the stored flags.

    ``base_store``: an already analysed store of the example corpus (read with
    ``reader``) to start from instead of building one; it is copied, never written.
    ``min_support``: fact-changing sites are chosen among those whose original
    fact at least this many independence clusters other than the original's
    state (:func:`support_filter`). By default what a ``high`` flag needs under
    the severity rule: 2 in ``cross-source`` mode, 1 ``with-original`` (the
    original counts as one supporting source); 0 takes every site, as the
    generator did before the severity rule.
    """
    if min_support is None:
        min_support = default_support(mode)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    started = time.perf_counter()
    reader = reader or Reader.load()
    examples = examples or EXAMPLES_DIR
    originals = clean_examples(examples)
    texts = {a.id: a.text for a in originals.values()}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-", dir=workdir) as name:
        tmp = Path(name)
        base = tmp / "base.db"
        if base_store is not None:
            copy_store(base_store, base)
        else:
            build_base(base, examples=examples, reader=reader)
        base_done = time.perf_counter()
        if progress is not None:
            progress(f"base store built in {base_done - started:.1f} s")
        keep = support_filter(base, texts, min_clusters=min_support) if min_support > 0 else None
        items = generate(originals, seed=seed, n_per_kind=n_per_kind, kinds=kinds, background=background, keep=keep)
        if mode == "with-original":
            results, collateral = _with_original(items, base, tmp, reader=reader, progress=progress)
        else:
            results, collateral = _cross_source(items, texts, base, tmp, reader=reader, progress=progress)
    out = summarise(results, mode=mode)
    out["collateral_high_flags"] = collateral
    out["config"] = {"seed": seed, "n_per_kind": n_per_kind, "mode": mode, "background": background,
                     "min_support": min_support}
    out["seconds"] = {
        "base": round(base_done - started, 1),
        "rounds": round(time.perf_counter() - base_done, 1),
        "total": round(time.perf_counter() - started, 1),
    }
    return out


def default_support(mode: str) -> int:
    """Independent clusters a site's original fact needs for a ``high`` flag in ``mode``."""
    return 2 if mode == "cross-source" else 1


def count_sites(
    *, seed: int, kinds: Sequence[str] = KINDS, examples: Path | None = None, min_support: int = 2,
    reader: Reader | None = None, base_store: Path | None = None,
) -> dict[str, dict[str, int]]:
    """Kind -> {"sites": all the finders return, "supported": those :func:`support_filter` keeps}."""
    examples = examples or EXAMPLES_DIR
    originals = clean_examples(examples)
    texts = {a.id: a.text for a in originals.values()}
    with tempfile.TemporaryDirectory(prefix="sitrep-sites-") as name:
        base = Path(name) / "base.db"
        if base_store is not None:
            copy_store(base_store, base)
        else:
            build_base(base, examples=examples, reader=reader or Reader.load())
        keep = support_filter(base, texts, min_clusters=min_support) if min_support > 0 else None
        counts = site_counts(originals, seed=seed, kinds=kinds, keep=keep)
    return {kind: {"sites": n, "supported": kept} for kind, (n, kept) in counts.items()}


# -- figures ---------------------------------------------------------------------------------------------


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _miss(result: CopyResult) -> str:
    got = ", ".join(f"{f['kind']}:{f['claim']!r}({f['verdict']})" for f in result.flags) or "no high flag"
    return f"{result.id}: {got}"


def _figures(rows: Sequence[CopyResult], *, harmful: bool, cross: bool) -> dict[str, Any]:
    scored = [r for r in rows if r.stored]
    flags = [f for r in scored for f in r.flags]
    out: dict[str, Any] = {"n": len(scored), "lost": len(rows) - len(scored), "high_flags": len(flags)}
    if harmful:
        out["recall"] = _ratio(sum(r.found for r in scored), len(scored))
        out["recall_any_kind"] = _ratio(sum(r.found_any_kind for r in scored), len(scored))
        out["recall_any_severity"] = _ratio(sum(r.found_any_severity for r in scored), len(scored))
        out["precision"] = _ratio(sum(f["verdict"] == "correct" for f in flags), len(flags))
        if cross:
            stated = [r for r in scored if r.stated]
            out["n_stated"] = len(stated)
            out["recall_stated"] = _ratio(sum(r.found for r in stated), len(stated))
            out["recall_stated_any_kind"] = _ratio(sum(r.found_any_kind for r in stated), len(stated))
    else:
        out["flagged"] = _ratio(sum(bool(r.flags) for r in scored), len(scored))
    out["misses"] = [_miss(r) for r in scored if (not r.found if harmful else r.flags)][:10]
    return out


def summarise(results: Sequence[CopyResult], *, mode: str = "with-original") -> dict[str, Any]:
    """Per-kind and overall figures over scored copies (see the module docstring for the definitions)."""
    cross = mode == "cross-source"
    per_kind: dict[str, list[CopyResult]] = {}
    for result in results:
        per_kind.setdefault(result.kind, []).append(result)
    harmful = [r for r in results if r.harmful]
    harmless = [r for r in results if not r.harmful]
    overall = _figures(harmful, harmful=True, cross=cross)
    flags = [f for r in results if r.stored for f in r.flags]
    strict = sum(
        f["verdict"] == "correct" and f["kind"] in ACCEPTED_FLAG_KINDS[r.kind]
        for r in results
        if r.stored
        for f in r.flags
    )
    out: dict[str, Any] = {
        "mode": mode,
        "n": len(results),
        "lost": sum(not r.stored for r in results),
        "recall": overall["recall"],
        "recall_any_kind": overall["recall_any_kind"],
        "recall_any_severity": overall["recall_any_severity"],
        "precision": _ratio(sum(f["verdict"] == "correct" for f in flags), len(flags)),
        "precision_kind_strict": _ratio(strict, len(flags)),
        "harmless_flagged": _figures(harmless, harmful=False, cross=cross)["flagged"],
        "high_flags": len(flags),
        "wrong_flags": {
            "on_harmless_edits": sum(f["verdict"] == "harmless_edit" for f in flags),
            "on_unperturbed_words": sum(f["verdict"] == "unperturbed" for f in flags),
        },
        "per_kind": [
            {"kind": kind, "harmful": rows[0].harmful, **_figures(rows, harmful=rows[0].harmful, cross=cross)}
            for kind, rows in sorted(per_kind.items(), key=lambda kv: (not kv[1][0].harmful, kv[0]))
        ],
        "copies": [r.to_dict() for r in results],
    }
    if cross:
        out["n_stated"] = overall["n_stated"]
        out["recall_stated"] = overall["recall_stated"]
        out["recall_stated_any_kind"] = overall["recall_stated_any_kind"]
    return out


def _cell(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else f"{value:.3f}"


def format_table(result: Mapping[str, Any]) -> str:
    """The per-kind table and the overall line, as ``python -m sitrep.eval.perturb`` prints them."""
    cross = result["mode"] == "cross-source"
    head = f"{'kind':28s} {'n':>4s} {'recall':>7s} {'any-kind':>8s} {'any-sev.':>8s} {'prec.':>6s} {'flagged':>8s}"
    lines = [head + (f" {'stated':>6s} {'rec|st':>7s}" if cross else "")]
    for row in result["per_kind"]:
        line = (
            f"{row['kind']:28s} {row['n']:4d} {_cell(row, 'recall'):>7s} {_cell(row, 'recall_any_kind'):>8s} "
            f"{_cell(row, 'recall_any_severity'):>8s} {_cell(row, 'precision'):>6s} {_cell(row, 'flagged'):>8s}"
        )
        if cross and row["harmful"]:
            line += f" {row['n_stated']:6d} {_cell(row, 'recall_stated'):>7s}"
        lines.append(line)
    wrong = result["wrong_flags"]
    lines.append(
        f"overall ({result['mode']}): recall {result['recall']}, any-kind recall {result['recall_any_kind']}, "
        f"any-severity recall {result['recall_any_severity']}, "
        f"precision {result['precision']} (kind-strict {result['precision_kind_strict']}), "
        f"harmless flagged {result['harmless_flagged']}, n={result['n']} (lost {result['lost']})"
    )
    lines.append(
        f"high flags on copies {result['high_flags']} (wrong: {wrong['on_harmless_edits']} on harmless edits, "
        f"{wrong['on_unperturbed_words']} on unperturbed words); new high flags on other articles "
        f"{result.get('collateral_high_flags', 0)}"
    )
    if cross:
        lines.append(
            f"original fact stated by another article: {result['n_stated']} copies, recall "
            f"{result['recall_stated']} (any kind {result['recall_stated_any_kind']})"
        )
    if "seconds" in result:
        s = result["seconds"]
        lines.append(f"time: base store {s['base']} s, rounds {s['rounds']} s, total {s['total']} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.eval.perturb_flags", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-per-kind", type=int, default=30)
    parser.add_argument("--mode", choices=MODES, default="with-original")
    parser.add_argument("--background", type=int, default=2, help="extra harmless rewrites per copy")
    parser.add_argument(
        "--min-support", type=int, default=None,
        help="use only sites whose original fact this many independent clusters state "
        "(default: what a high flag needs, 2 cross-source, 1 with the original)",
    )
    parser.add_argument("--any-site", action="store_true", help="every site, as before the severity rule (--min-support 0)")
    parser.add_argument("--sites", action="store_true", help="print the sites per kind (all / kept) and exit")
    parser.add_argument("--kinds", default=None, help="comma-separated perturbation kinds (default: all)")
    parser.add_argument("--examples", type=Path, default=None, help="example corpus folder (default: bundled)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed and wrongly flagged copies")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    kinds = tuple(args.kinds.split(",")) if args.kinds else KINDS
    unknown = [k for k in kinds if k not in ACCEPTED_FLAG_KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)} (known: {', '.join(KINDS)})")

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    min_support = 0 if args.any_site else args.min_support or default_support(args.mode)
    if args.sites:
        print(json.dumps(count_sites(seed=args.seed, kinds=kinds, examples=args.examples, min_support=min_support)))
        return 0
    result = run_benchmark(
        min_support=min_support,
        seed=args.seed,
        n_per_kind=args.n_per_kind,
        mode=args.mode,
        background=args.background,
        kinds=kinds,
        examples=args.examples,
        progress=None if args.quiet or args.json else progress,
    )
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(format_table(result))
    if args.misses:
        for row in result["per_kind"]:
            for miss in row["misses"]:
                print(f"  {row['kind']}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
