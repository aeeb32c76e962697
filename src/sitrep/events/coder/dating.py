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

Scope (task DT1; words in data/event_dating.json): "a day after X" dates X's clause only; a date after
publication dates no act told in the past ("repeated his offer of a summit this summer"), nor does the date of a
clause the event's verb reports ("told a news conference that the expulsions answered the decision on
Thursday"). A future act takes its planned "by"/"from" date ("agreed to start withdrawing by May 1"); a past act
done "by Saturday morning" takes that day; a state in the perfect passive "since Wednesday" starts then; an act
told as a habit ("has repeatedly denied", "have for months warned") has no date. A deployment told in the past
is an act on its day ("the Pentagon ordered 7,000 troops"), unless a force "had massed" or "gathered" (a state),
and one "moved over the past three weeks" is dated as the span ends. An undated act told in the past takes the
day the sentence before it in its paragraph was dated by; an undated act in an article whose lead names no day
takes the publication day (``publication_weeks``: the guide's publication week).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import TYPE_CHECKING

from sitrep.events.coder.date_rules import load_dating_rules
from sitrep.events.coder.date_scope import (
    dates_other_clause,
    just_before,
    own_clause,
    participle_aside,
    present_state,
    reported_past_perfect,
    starts_after,
    that_clause,
    told_past,
)
from sitrep.events.coder.syntax import (
    RELATIVE,
    SUBJECTS,
    VERB_POS,
    governs,
    in_clause,
    relative_pronoun_clause,
)

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.candidates import Candidate
    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Sentence, Timex

_MATERIAL_QUADS = frozenset({2, 4})  # material cooperation and conflict: acts, not statements (said/accused/urged)
_FINE_PRECISIONS = frozenset({"day", "week"})
_LEAD_SENTENCES = 3  # a dateline this early opens the lead (the lines before it are a teaser or a crosshead)
_PLANNED_PRECISIONS = frozenset({"day", "week", "month"})  # "by the autumn" is too vague a plan to date by


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
        self.present_words = ctx.rules.present_timexes
        self.rules = load_dating_rules()
        self.news_day = self._news_day()
        self._sentence_index = {s.start: k for k, s in enumerate(ctx.reading.sentences)}
        self._days: dict[int, tuple[str | None, str | None]] = {}  # a sentence's day, by its start (``context_dates``)

    def _news_day(self) -> tuple[str, str] | None:
        """The day the article's lead places its news on: a day timex near publication in the lead sentence (the
        first, or the first with a dateline among the first three), not one dating the clause after "after"."""
        if not self.ctx.reading.sentences:
            return None
        first = self.ctx.reading.sentences[0]
        for sentence in self.ctx.reading.sentences[: _LEAD_SENTENCES if self.opts.lead_datelines else 0]:
            if self.ctx.dateline_end(sentence) > sentence.start:
                first = sentence  # "WASHINGTON, April 1 (Wire) - ...": the lead, after a teaser line
                break
        for timex in self.timexes:
            if timex.start < first.start:
                continue
            if timex.start >= first.end:
                break
            near = self.published is None or (timex.value and _days_between(timex.value, self.published) in range(8))
            if timex.value and timex.precision == "day" and timex.relation == "point" and near and not self._anchor(timex):
                return timex.value, "day"  # (not "a day after Warsaw accused Minsk": the accusation's day)
        return None

    def date_for(self, sentence: Sentence, predicate: SpacyToken, cand: Candidate) -> tuple[str | None, str | None, bool]:
        """The event's date: the date expression of its clause; else, by the guide's rule, the publication
        week for a state told in the present ("are deployed", "has denied"); else (``context_dates``) for an act
        told in the past, the day the sentence before it in its paragraph dates its own acts by; else the
        article's news day."""
        date, precision, dated, news = self._date(sentence, predicate, cand)
        if dated and precision == "day":
            self._days[sentence.start] = (date, precision)
        elif news and self.opts.context_dates and told_past(predicate):
            before = self._day_before(sentence)
            if before is not None:
                self._days[sentence.start] = before
                return before[0], before[1], False
        return date, precision, dated

    def _day_before(self, sentence: Sentence) -> tuple[str | None, str | None] | None:
        """The day the sentence before ``sentence`` dated its acts by, when it stands in the same paragraph."""
        k = self._sentence_index.get(sentence.start)
        if not k:
            return None
        previous = self.ctx.reading.sentences[k - 1]
        if "\n" in self.ctx.article.text[previous.end : sentence.start]:
            return None  # a new paragraph
        return self._days.get(previous.start)

    def _date(self, sentence: Sentence, predicate: SpacyToken, cand: Candidate) -> tuple[str | None, str | None, bool, bool]:
        """:meth:`date_for`'s date, whether its clause dates it, and whether it fell back on the news day."""
        if self.opts.planned_dates and (cand.status.future or self._future_clause(predicate)):
            planned = self._planned(sentence, predicate)
            if planned is not None and planned.value:
                return planned.value, planned.precision, True, False
        if self.opts.done_by_dates and told_past(predicate):
            deadline = self._done_by(sentence, predicate)
            if deadline is not None and deadline.value:
                return deadline.value, deadline.precision, True, False
        if self.opts.since_states:
            start = self._state_start(sentence, predicate)
            if start is not None and start.value:
                return start.value, start.precision, True, False
        if self.opts.habitual_acts and self._habitual(sentence, predicate):
            return None, None, False, False  # "Moscow has repeatedly denied ...": a background habit, no dated event
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
                if state and not self._anchor(best) and dates_other_clause(best, predicate, self.ctx):
                    best = None  # "Biden phoned Putin *on April 13*, while Kyiv estimated that troops had gathered"
            if best is not None and self.opts.span_deployments and cand.type == "MOBILIZE" and best.relation == "interval" and best.end_value:
                return best.end_value, best.precision, True, False  # "moved two armies over the past three weeks": as it stands
            if best is not None and best.precision == "season" and self.opts.season_years and best.value:
                return best.value[:4], "year", True, False  # "in spring 2014": the guide dates by day, week, month or year
            if best is not None:
                if (
                    best.value
                    and best.precision == "day"
                    and self._earlier(predicate, cand)
                    and not governs(self.ctx.token_at(best.start), predicate)
                ):
                    return _coarser(best.value, best.precision), "month", False, False
                return best.value, best.precision, True, False
        if state is None:
            state = self._state(predicate, cand)
        if state and self.published:
            return _iso_week(self.published), "week", False, False
        day: tuple[str, str] | None = self.news_day
        if day is None and self.published:
            day = (_iso_week(self.published), "week") if self.opts.publication_weeks else (self.published, "day")
        if day is None:
            return None, None, False, False
        if self.opts.earlier_reported and self._since_only(sentence, predicate):
            return _coarser(day[0], day[1]), "month", False, False
        return day[0], day[1], False, True

    def _in_sentence(self, sentence: Sentence) -> list[Timex]:
        """The date expressions starting inside ``sentence``, in text order."""
        starts = self._timex_starts
        return self.timexes[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]

    def _state(self, predicate: SpacyToken, cand: Candidate) -> bool:
        """Whether the event is a state told at the time of writing (a build-up, "are deployed", "has massed")."""
        if self.published is None:
            return False
        if cand.type == "MOBILIZE" and not (
            self.opts.past_deployments
            and told_past(predicate)
            and not {predicate.lemma_.lower(), predicate.lower_} & self.rules.massing_verbs
        ):
            return True  # (a force "had gathered" or "had massed" still stands there at the report)
        return self.opts.present_states and present_state(predicate)

    def _earlier(self, predicate: SpacyToken, cand: Candidate) -> bool:
        """Whether a material act is reported in the past perfect ("confirmed that Washington *had sent* ..."):
        done before the report."""
        return (
            self.opts.earlier_reported
            and cand.type not in self.ctx.coding_rules.reported_state_types
            and self.ctx.clf.ontology.quad_class(cand.type) in _MATERIAL_QUADS
            and reported_past_perfect(predicate)
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
        if self.opts.future_timexes and self.published and told_past(predicate) and starts_after(timex, self.published):
            return True  # "repeated his offer of a summit *this summer*": the summit's date, not the offer's
        if self._anchor(timex):
            lo, hi = self._anchored_span(timex, first)  # "ordered a pullback, a day after Putin warned": the warning's date
            return not lo <= trigger < hi
        if self.opts.participle_timexes and participle_aside(first, last, self.ctx.token_at(trigger), words=self.ctx.tokens):
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
            if (
                self.opts.complement_timexes
                and (token.dep_ == "ccomp" or (token.dep_ in RELATIVE and that_clause(token)))
                and token.lemma_.lower() not in self.ctx.rules.reporting_verbs  # ("Russia is expelling ..., Lavrov *said on Friday*")
                and governs(token.head, predicate)
                and not governs(self.ctx.token_at(trigger), token)
            ):
                # "told a conference that the expulsions answered the U.S. decision *on Thursday*": the reported clause's date
                return True
            if token.dep_ in ("relcl", "acl:relcl") and token.pos_ in VERB_POS and token.head.lower_ != "what":
                # ("launched *what it called* anti-terrorist measures on Tuesday": a free relative, not a clause of its own)
                return token.head.i != self.ctx.token_at(trigger).i
            if token.pos_ in VERB_POS and relative_pronoun_clause(token):
                # the same clause read as a conjunct ("drills ..., including in Crimea, *which* Moscow annexed in 2014")
                return True
            if any(c.dep_ in ("case", "prep", "mark") and c.lower_ == "since" for c in token.children):
                return True
        return False

    def _anchor(self, timex: Timex) -> bool:
        """Whether a date expression ends on "after" or "before" and dates the clause it introduces (a trigger
        it is not foreign to lies in that clause: "came a day after Khomchak told lawmakers that ...")."""
        return self.opts.anchor_timexes and timex.text.split()[-1].lower() in self.rules.anchor_words

    def _anchored_span(self, timex: Timex, first: SpacyToken) -> tuple[int, int]:
        """The characters of the clause a date expression ending on "after" or "before" introduces ("It came *a
        day after* Austin assured Taran ..., and two days after ..."): the reading layer gives the date of that
        clause's event. It runs to the next date expression or the sentence's end; a fronted one ("A day after
        the talks, ...") to the next comma."""
        sent = first.sent
        end = sent.end_char
        following = next((t.start for t in self.timexes if timex.end <= t.start < end), None)
        if following is not None:
            end = following
        if not any(t.pos_ in VERB_POS for t in self.ctx.tokens[sent.start : first.i]):
            comma = self.ctx.article.text.find(",", timex.end, end)
            if comma >= 0:
                end = comma
        return timex.end, end

    def _habitual(self, sentence: Sentence, predicate: SpacyToken) -> bool:
        """Whether the event's verb is told as a habit or over an undated span ("has *repeatedly* denied", "have
        *for months* warned"): the guide's undated background, dated by nothing."""
        if predicate.pos_ not in VERB_POS:
            return False
        own = [
            t
            for t in self.timexes
            if sentence.start <= t.start < sentence.end and own_clause(self.ctx.token_at(t.start), predicate)
        ]
        if any(t.value and t.relation == "point" for t in own):
            return False  # "has repeatedly met him since Tuesday" ... a date of its own clause dates it
        if any(c.dep_ == "advmod" and c.lower_ in self.rules.habitual_adverbs for c in predicate.children):
            return True
        for timex in self.timexes:
            if (
                sentence.start <= timex.start < sentence.end
                and timex.value is None
                and len(words := timex.text.lower().split()) == 2
                and words[0] in self.rules.duration_openers
                and (own_clause(self.ctx.token_at(timex.start), predicate) or just_before(timex, predicate, text=self.ctx.article.text))
            ):  # "for months" (not "held in custody for two months": a term of its own), or just before the verb
                return True
        return False

    def _state_start(self, sentence: Sentence, predicate: SpacyToken) -> Timex | None:
        """The start of a state told in the perfect passive with "since" ("the corridor *had been blocked since
        December*", "*has been held* since Wednesday"): the day it began. A tally ("two dozen soldiers have been
        killed since January": a count) runs up to the report and keeps its other dates."""
        if predicate.pos_ not in VERB_POS or predicate.tag_ != "VBN":
            return None
        auxes = {c.lower_ for c in predicate.children if c.dep_ in ("aux", "aux:pass", "auxpass")}
        if "been" not in auxes or not auxes & {"has", "have", "had"}:
            return None
        if any(t.pos_ == "NUM" for c in predicate.children if c.dep_ in SUBJECTS for t in c.subtree):
            return None
        for timex in self.timexes:
            if (
                sentence.start <= timex.start < sentence.end
                and timex.relation == "since"
                and self._past(timex)
                and timex.precision in _PLANNED_PRECISIONS
                and own_clause(self.ctx.token_at(timex.start), predicate)
            ):
                return timex
        return None

    def _past(self, timex: Timex) -> bool:
        """Whether a date expression starts before publication ("since 2014"; not "from mid-June")."""
        value = timex.value or ""
        return not (self.published and value and value[:7] > self.published[:7])

    def _planned(self, sentence: Sentence, predicate: SpacyToken) -> Timex | None:
        """The planned date of a future act: a "from" or "by" date of its own clause ("agreed to start
        withdrawing troops *by May 1*", "would close the sea to warships *from late April*"), no season."""
        for timex in self.timexes:
            if not sentence.start <= timex.start < sentence.end or timex.relation not in ("since", "until"):
                continue
            if timex.precision not in _PLANNED_PRECISIONS or (self.published and (timex.value or "") < self.published[: len(timex.value or "")]):
                continue  # (a start or deadline before publication is no plan)
            if own_clause(self.ctx.token_at(timex.start), predicate):
                return timex
        return None

    def _done_by(self, sentence: Sentence, predicate: SpacyToken) -> Timex | None:
        """The past deadline an act told in the past was done by ("*By Saturday morning* Wagner fighters had taken
        control of the headquarters"): the best day a reader has for it."""
        for timex in self.timexes:
            if (
                sentence.start <= timex.start < sentence.end
                and timex.relation == "until"
                and timex.precision == "day"
                and timex.text.split()[0].lower() in self.rules.deadline_signals
                and self._past(timex)
                and not (self.published and (timex.value or "") > self.published[:10])
                and (own_clause(self.ctx.token_at(timex.start), predicate) or self._fronted(timex, sentence, predicate))
            ):
                return timex
        return None

    def _fronted(self, timex: Timex, sentence: Sentence, predicate: SpacyToken) -> bool:
        """Whether a date expression opens the sentence whose main verb is the event's ("*By Saturday*, fighters
        had taken ..."), however the parse hangs it."""
        opening = self.ctx.article.text[self.ctx.dateline_end(sentence) : timex.start]
        return not opening.strip() and predicate.head.i == predicate.i

    def _future_clause(self, predicate: SpacyToken) -> bool:
        """Whether the event's verb tells a planned act: a future auxiliary ("*would* close") or a "to"
        infinitive ("agreed *to start* withdrawing")."""
        words = self.rules.future_auxiliaries
        verb = predicate
        for _ in range(3):  # up through "to start *lifting*": the verbs an infinitive's complement hangs on
            if verb.pos_ not in VERB_POS:
                return False
            if any(c.dep_ == "aux" and c.lower_ in words for c in verb.children) or (
                verb.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children)
            ):
                return True
            if verb.dep_ != "xcomp":
                return False
            verb = verb.head
        return False

    def _since_only(self, sentence: Sentence, predicate: SpacyToken) -> bool:
        """Whether the event's own clause is timed only by a "since" expression ("had provided Ukraine with
        over $2 billion ... *since 2014*"): a tally running up to the report, dated no finer than its month."""
        for timex in self.timexes:
            if sentence.start <= timex.start < sentence.end and timex.relation == "since" and self._past(timex):
                token = self.ctx.token_at(timex.start)
                if governs(token, predicate) and in_clause(token, predicate):
                    return True
        return False


def _coarser(value: str, precision: str | None) -> str:
    """A day or week date as its month ("2024-04-24" -> "2024-04"); a month or year as it is."""
    if precision == "week":
        year, week = value[:4], value.split("W")[-1]
        return dt.date.fromisocalendar(int(year), int(week[:2]), 4).isoformat()[:7]
    return value[:7]


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


def _iso_week(day: str) -> str:
    year, week, _ = dt.date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def _days_between(earlier: str, later: str) -> int:
    try:
        return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return -1
