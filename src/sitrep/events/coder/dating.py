"""The date of an event: the date expression governing its trigger if the sentence has one, else the article's
news date with a lower confidence.

A date naming a thing ("the 2020 election"), in another relative clause ("which Moscow annexed in 2014"), in a
participle aside ("the peninsula, seized in 2014, ...") or after "since" does not date the event. A state told
in the present ("are deployed", "has massed") takes the publication week. A past-perfect reported act of a
material type with no time of its own ("confirmed on Wednesday that Washington *had sent* ...") happened before
the report and takes the reporting day's month (precision ``month``), never the day, while statements and
states (``reported_state_types``) keep the reporting day; a past act timed only by "since 2014" is a tally up to
the report, dated by the report's month. A dateline's date, "now" (data: ``present_timexes``) and a month or
year owning a noun ("last year's election") date no other event; a state dated only by a clause beside its own
("phoned Putin on April 13, while Kyiv estimated that troops had gathered") takes the publication week, while
the date of the statement reporting it is kept; a season is coded as its year.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import (
    RELATIVE,
    SUBJECTS,
    VERB_POS,
    governs,
    in_clause,
    relative_pronoun_clause,
)

if TYPE_CHECKING:
    from spacy.tokens import MorphAnalysis
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.candidates import Candidate
    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Sentence, Timex

_MATERIAL_QUADS = frozenset({2, 4})  # material cooperation and conflict: acts, not statements (said/accused/urged)
_FINE_PRECISIONS = frozenset({"day", "week"})


class EventDater:
    """Dates one article's events (:meth:`date_for`)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.timexes = sorted(ctx.reading.timexes, key=lambda t: t.start)
        self._timex_starts = [t.start for t in self.timexes]
        self._foreign: dict[tuple[int, int, int, int], bool] = {}  # _foreign_timex answers (asked per candidate)
        article = ctx.article
        self.published = article.published[:10] if article.published else None
        self.news_day = self._news_day()
        self.present_words = ctx.rules.present_timexes

    def _news_day(self) -> tuple[str, str] | None:
        """The day the article's lead places its news on (a day timex of the first sentence near publication)."""
        if not self.ctx.reading.sentences:
            return None
        first = self.ctx.reading.sentences[0]
        for timex in self.timexes:
            if timex.start >= first.end:
                break
            near = self.published is None or (timex.value and _days_between(timex.value, self.published) in range(8))
            if timex.value and timex.precision == "day" and timex.relation == "point" and near:
                return timex.value, "day"
        return None

    def date_for(self, sentence: Sentence, predicate: SpacyToken, cand: Candidate) -> tuple[str | None, str | None, bool]:
        """The event's date: the date expression of its clause; else, by the guide's rule, the publication
        week for a state told in the present ("are deployed", "has denied"), else the article's news day."""
        inside = [
            t
            for t in self._in_sentence(sentence)
            if sentence.start <= t.start < sentence.end and t.value and t.relation not in self.opts.skip_relations
            and not (self.opts.foreign_timexes and self._foreign_timex(t, predicate, trigger=sentence.start + cand.start))
            and not (self.opts.dateline_timexes and t.start < self.ctx.dateline_end(sentence))
            and not (self.opts.present_timexes and t.text.lower() in self.present_words)
        ]
        # whether the event is a state told in the present, and whether it was reported as done before the report:
        # each looked at on the parse only where the answer is used
        state: bool | None = None
        if inside:
            best = _governing_timex(inside, predicate, self.ctx, strict=self.opts.strict_timex)
            if best is not None and self.opts.ungoverned_states:
                state = self._state(predicate, cand)
                if state and _dates_other_clause(best, predicate, self.ctx):
                    best = None  # "Biden phoned Putin *on April 13*, while Kyiv estimated that troops had gathered"
            if best is not None and best.precision == "season" and self.opts.season_years and best.value:
                return best.value[:4], "year", True  # "in spring 2014": the guide dates by day, week, month or year
            if best is not None:
                if (
                    best.value
                    and best.precision == "day"
                    and self._earlier(predicate, cand)
                    and not governs(self.ctx.token_at(best.start), predicate)
                ):
                    return _coarser(best.value, best.precision), "month", False
                return best.value, best.precision, True
        if state is None:
            state = self._state(predicate, cand)
        if state and self.published:
            return _iso_week(self.published), "week", False
        day: tuple[str, str] | None = self.news_day or ((self.published, "day") if self.published else None)
        if day is None:
            return None, None, False
        if self.opts.earlier_reported and self._since_only(sentence, predicate):
            return _coarser(day[0], day[1]), "month", False
        return day[0], day[1], False

    def _in_sentence(self, sentence: Sentence) -> list[Timex]:
        """The date expressions starting inside ``sentence``, in text order."""
        starts = self._timex_starts
        return self.timexes[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]

    def _state(self, predicate: SpacyToken, cand: Candidate) -> bool:
        """Whether the event is a state told at the time of writing (a build-up, "are deployed", "has massed")."""
        return self.published is not None and (
            cand.type == "MOBILIZE" or (self.opts.present_states and _present_state(predicate))
        )

    def _earlier(self, predicate: SpacyToken, cand: Candidate) -> bool:
        """Whether a material act is reported in the past perfect ("confirmed that Washington *had sent* ..."):
        done before the report."""
        return (
            self.opts.earlier_reported
            and cand.type not in self.ctx.coding_rules.reported_state_types
            and self.ctx.clf.ontology.quad_class(cand.type) in _MATERIAL_QUADS
            and _reported_past_perfect(predicate)
        )

    def _foreign_timex(self, timex: Timex, predicate: SpacyToken, *, trigger: int) -> bool:
        key = (timex.start, timex.end, predicate.i, trigger)
        found = self._foreign.get(key)
        if found is None:
            found = self._foreign[key] = self._foreign_timex_uncached(timex, predicate, trigger=trigger)
        return found

    def _foreign_timex_uncached(self, timex: Timex, predicate: SpacyToken, *, trigger: int) -> bool:
        """Whether a date expression dates something other than the event: a year naming a thing ("the *2020*
        presidential election", "the *1936* Montreux Convention"), or a date in a relative clause ("Crimea,
        which Moscow annexed in 2014") or after "since" ("the largest since the annexation of Crimea in 2014")
        on its way up to the event's verb; a relative clause of a trigger noun dates it ("a package *that the
        Pentagon announced last week*")."""
        first = self.ctx.token_at(timex.start)
        last = self.ctx.token_at(max(timex.start, timex.end - 1))
        if self.opts.participle_timexes and _participle_aside(first, last, self.ctx.token_at(trigger), words=self.ctx.tokens):
            return True
        if (
            self.opts.possessive_timexes
            and timex.precision in ("month", "year")
            and last.i + 1 < len(self.ctx.doc)
            and self.ctx.tokens[last.i + 1].lower_ in ("'s", "’s")
        ):
            owner = last.head if last.head.i > last.i else None
            if owner is not None and owner.i != self.ctx.token_at(trigger).i:
                return True  # "interfering in *last year's* election": the date of the election, not of the act
        if timex.precision == "year" and first.i > 0 and last.i + 1 < len(self.ctx.doc):
            before, after = self.ctx.tokens[first.i - 1], self.ctx.tokens[last.i + 1]
            if before.pos_ == "DET" and after.pos_ in ("NOUN", "PROPN", "ADJ"):
                return True
        for token in (first, *first.ancestors):
            if token.i == predicate.i:
                return False
            if token.dep_ in ("relcl", "acl:relcl") and token.pos_ in VERB_POS and token.head.lower_ != "what":
                # ("launched *what it called* anti-terrorist measures on Tuesday": a free relative, not a clause of its own)
                return token.head.i != self.ctx.token_at(trigger).i
            if token.pos_ in VERB_POS and relative_pronoun_clause(token):
                # the same clause read as a conjunct ("drills ..., including in Crimea, *which* Moscow annexed in 2014")
                return True
            if any(c.dep_ in ("case", "prep", "mark") and c.lower_ == "since" for c in token.children):
                return True
        return False

    def _since_only(self, sentence: Sentence, predicate: SpacyToken) -> bool:
        """Whether the event's own clause is timed only by a "since" expression ("had provided Ukraine with
        over $2 billion ... *since 2014*"): a tally running up to the report, dated no finer than its month."""
        for timex in self.timexes:
            if sentence.start <= timex.start < sentence.end and timex.relation == "since":
                token = self.ctx.token_at(timex.start)
                if governs(token, predicate) and in_clause(token, predicate):
                    return True
        return False


def _participle_aside(first: SpacyToken, last: SpacyToken, trigger: SpacyToken, *, words: list[SpacyToken]) -> bool:
    """Whether tokens ``first``..``last`` stand in a participle phrase set off by commas that does not hold the
    trigger ("accused Moscow of shelling the town and noted that the peninsula*, seized by Russia in 2014,* is
    still Ukrainian"): the phrase tells its own, earlier act (found on the words, as the parse often breaks there)."""
    doc = words  # the doc's tokens, built once (``doc[i]`` builds a new Token each time)
    sent = first.sent  # a Span rebuilt from the sentence boundaries on every access: take it once
    start, end = sent.start, sent.end
    lo = first.i
    while lo > start and doc[lo - 1].text != ",":
        lo -= 1
    hi = last.i
    while hi + 1 < end and doc[hi + 1].text != ",":
        hi += 1
    if lo == start or hi + 1 >= end or lo <= trigger.i <= hi:
        return False
    opener = next((t for t in doc[lo : hi + 1] if t.pos_ != "ADV"), None)
    return opener is not None and opener.tag_ == "VBN"


def _reported_past_perfect(predicate: SpacyToken) -> bool:
    """Whether the event's verb heads a reported clause in the past perfect ("confirmed that Washington *had
    sent* ...", "said the talks had been cancelled"): told as done before the report."""
    if predicate.pos_ not in VERB_POS:
        return False
    reported = predicate.dep_ == "ccomp" and predicate.head.pos_ in VERB_POS
    # "confirmed on Wednesday that Washington had sent ...", misread as an adverbial clause of "confirmed"
    reported = reported or (
        predicate.dep_ == "advcl"
        and predicate.head.pos_ in VERB_POS
        and any(t.lower_ == "that" for t in predicate.subtree if t.i < predicate.i)
    )
    # "confirmed on Wednesday that Washington had sent ...", misread as a relative clause of "Wednesday"
    misread = predicate.dep_ in RELATIVE and any(c.dep_ == "mark" for c in predicate.children)
    if not (reported or misread):
        return False
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "auxpass") and c.i < predicate.i]
    return predicate.tag_ == "VBN" and any(a.lower_ == "had" for a in auxes)


def _coarser(value: str, precision: str | None) -> str:
    """A day or week date as its month ("2024-04-24" -> "2024-04"); a month or year as it is."""
    if precision == "week":
        year, week = value[:4], value.split("W")[-1]
        return dt.date.fromisocalendar(int(year), int(week[:2]), 4).isoformat()[:7]
    return value[:7]


_BESIDE = frozenset({"advcl", "acl", "relcl", "acl:relcl"})


def _dates_other_clause(timex: Timex, predicate: SpacyToken, ctx: ArticleContext) -> bool:
    """Whether a date expression dates a clause beside the event's rather than the event or the statement
    reporting it: its verb is reached from the event's verb only through an adverbial, participle or relative
    clause ("Biden phoned Putin *on April 13*, while Kyiv estimated that troops had gathered", "made his call *on
    Friday*, as Ukraine sounded the alarm over units gathering"), or not at all; a reporting verb's date ("told
    lawmakers *on Tuesday* that Russia had assembled ...") and a date below the event's verb are its own."""
    token = ctx.token_at(timex.start)
    verb = next((a for a in (token, *token.ancestors) if a.pos_ in VERB_POS), None)
    if verb is None or verb.i == predicate.i or any(a.i == predicate.i for a in token.ancestors):
        return False
    if verb.lemma_.lower() in ctx.rules.reporting_verbs:
        return False  # "..., the Pentagon *said on Thursday*": the statement's date
    above = {a.i for a in predicate.ancestors}
    if verb.dep_ in _BESIDE and verb.head.dep_ in SUBJECTS and verb.head.head.i in above:
        return False  # "the declaration *adopted on Tuesday* said ...": the statement's date
    link = predicate
    while link.i != verb.i:
        if link.dep_ in _BESIDE and not any(c.dep_ == "mark" and c.lower_ == "that" for c in link.children):
            return True  # (a "that" clause misread as a relative or adverbial one completes its verb)
        if link.head.i == link.i:
            return True  # the date's verb is no ancestor of the event's: another branch of the sentence
        link = link.head
    return False


def _governing_timex(timexes: list[Timex], predicate: SpacyToken, ctx: ArticleContext, *, strict: bool = False) -> Timex | None:
    """The date expression attached to the event's clause; else the nearest point (``strict``: only a
    nearby day or week; a year or season elsewhere in the sentence dates something else: "not seen since 2014")."""
    lo, hi = predicate.left_edge.idx, predicate.right_edge.idx + len(predicate.right_edge)
    for timex in timexes:
        token = ctx.token_at(timex.start)
        governed = token.head.i == predicate.i or any(a.i == predicate.i for a in token.ancestors)
        if governed and lo <= timex.start < hi:
            return timex
    points = [t for t in timexes if t.relation == "point"] or timexes
    if strict:
        points = [t for t in points if t.precision in _FINE_PRECISIONS]
        if not points:
            return None
    return min(points, key=lambda t: abs(t.start - predicate.idx))


def _present_state(predicate: SpacyToken) -> bool:
    """Whether a clause tells a state at the time of writing: present tense or present perfect ("are deployed",
    "has massed", "says"), or governed by a present-tense verb of saying."""
    for token in (predicate, predicate.head) if predicate.dep_ in ("ccomp", "xcomp") else (predicate,):
        tenses = set(_tenses(token))
        auxes = [c for c in token.children if c.dep_ in ("aux", "aux:pass", "auxpass", "cop")]
        aux_tenses = {t for a in auxes for t in _tenses(a)}
        if auxes:
            if "Past" in aux_tenses or any(a.lower_ in ("will", "would", "could", "may", "might") for a in auxes):
                return False
            if "Pres" in aux_tenses:
                return True
        if "Pres" in tenses and token.tag_ != "VBG":
            return True
        if "Past" in tenses:
            return False
    return False


_TENSES: dict[MorphAnalysis, tuple[str, ...]] = {}  # per morphological analysis (equal when their keys are), its "Tense"


def _tenses(token: SpacyToken) -> tuple[str, ...]:
    """A token's "Tense" values (``token.morph.get("Tense")``, looked up once per analysis)."""
    morph = token.morph
    found = _TENSES.get(morph)
    if found is None:
        found = _TENSES[morph] = tuple(morph.get("Tense", []))
    return found


def _iso_week(day: str) -> str:
    year, week, _ = dt.date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def _days_between(earlier: str, later: str) -> int:
    try:
        return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return -1
