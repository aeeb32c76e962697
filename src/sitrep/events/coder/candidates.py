"""The candidate events of one sentence: the classifier's type, mode, status and trigger, plus further
trigger-lexicon hits on other words of the sentence that it finds likely (a sentence often reports a call
*and* a pledge).

A further trigger is typed on a word window around it and on its own clause (its predicate's subtree less the
clauses coordinated with it), the likelier reading winning. When the model says "no event", the sentence's
main verb (or the verb of a clause a main verb of saying reports) may still tell one; when the model's type has
no trigger word, the likeliest type that has one is taken. A verb coordinated with the main trigger and having
its own subject may add a second event of the same type, and so may one of another mode ("announced sanctions
and *expelled* 10 diplomats") or another time ("had massed 28 groups and was expected to *bring up* 25 more"). A
meeting named as the occasion of the sentence's act ("*after meeting* Kuleba on Tuesday, ...", "*during a call*
on Tuesday") is an event of its own; an event noun that is the object of a verb not performing it ("welcomed the
new *sanctions*") and a standing war in a side clause ("where forces have been *fighting* since 2014") are none.
Crossheads, headlines and link lines are no sentences. A candidate's type is then chosen on the parse (task D7,
:mod:`.type_choice`): an act to come takes its future type, an offer is an AGREE, a pledge of backing a SUPPORT, and
an earlier act named with its own time after "since" or "after" is added as a historical event. Task D8: a verb
coordinated with another verb is an act of its own when its own clause reads as its type above all else ("..., the
Kremlin said, and *promised* a thorough investigation"), in a sentence the model calls "no event" too when it is
joined to the main verb ("said the United States was watching the drills and *urged* China to show restraint").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitrep.events.classify import NONE, EventGuess
from sitrep.events.coder.consultations import consulted_party, staying_forces
from sitrep.events.coder.syntax import OBJECTS, VERB_POS, misread_clause_verb
from sitrep.events.coder.trigger_checks import (
    content_object,
    fact_warning,
    party_call,
    pressed_act,
    request_matter,
    side_durative,
    warning_clause,
)
from sitrep.events.coder.trigger_clauses import CLAUSE_HEADS, TriggerClauses
from sitrep.events.coder.type_choice import offer_word, own_time, past_marked, pledged_backing, to_come
from sitrep.events.lexicon import TriggerHit
from sitrep.events.status import EventStatus, detect_status
from sitrep.events.text import Token, token_index, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext

_ASKING = frozenset({"REQUEST", "REJECT"})  # types of the verbs whose matter is no act of its own
_CLAUSE_ACTS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl"})  # verbs telling an act of their own
_FRAGMENT_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


def _likeliest(probabilities: Mapping[str, float], event_type: str) -> float:
    """The probability of ``event_type`` when it is the likeliest reading ("no event" included), else 0."""
    p = probabilities.get(event_type, 0.0)
    return p if p >= max(probabilities.values()) else 0.0


@dataclass(slots=True, frozen=True)
class Candidate:
    """One event a sentence may state: its type, mode, status, trigger span and the classifier's confidence."""

    type: str
    mode: str | None
    status: EventStatus
    start: int  # trigger span, relative to the sentence
    end: int
    confidence: float
    rescued: bool = False  # the model said "no event"; the main verb's trigger word says otherwise
    past: bool = False  # an earlier act the sentence names as its time ("since the annexation of Crimea")


class CandidateFinder:
    """Finds a sentence's candidate events (:meth:`candidates`) for one article."""

    # a further trigger that modifies a noun (participle or adjective: "entities *accused* of ...", "a wish to
    # *burn* bridges", "any *offensive* operation") describes that noun; it tells no event of its own
    _ADNOMINAL: frozenset[str] = frozenset({"acl", "amod"})

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.detection = ctx.coding_rules.detection
        self.clauses = TriggerClauses(ctx)

    def candidates(self, text: str, *, offset: int = 0) -> list[Candidate]:
        """The events a sentence states: the classifier's, plus further trigger-lexicon hits it finds likely; an
        act the parse tells as still to come takes its future type (:func:`~sitrep.events.coder.type_choice.to_come`)."""
        found = self._found(text, offset=offset)
        if self.opts.skip_fragments and is_fragment(text):
            return found
        tokens = tokenize(text, irregular=self.ctx.clf.lexicon.irregular)
        if self.opts.reported_futures:
            found = [self._future_form(cand, tokens, offset=offset) for cand in found]
        if self.opts.past_acts and len(found) < self.opts.max_events:
            found += self._past_acts(text, tokens, found, offset=offset)
        if self.opts.staying_forces and len(found) < self.opts.max_events:
            found += self._staying(text, tokens, found, offset=offset)
        return found

    def _words(self, text: str, *, offset: int) -> Iterator[SpacyToken]:
        """The parse's words of the sentence text that begins at ``offset``."""
        end = offset + len(text)
        return (word for word in self.ctx.token_at(offset).sent if offset <= word.idx < end)

    def _staying(self, text: str, tokens: list[Token], found: list[Candidate], *, offset: int) -> list[Candidate]:
        """Forces a clause tells will stay at a place ("heavy equipment ... would *remain* at the training ground
        until the exercise", task D10, :func:`~sitrep.events.coder.consultations.staying_forces`): a MOBILIZE to
        come, whatever else the sentence tells."""
        out: list[Candidate] = []
        for word in self._words(text, offset=offset):
            mode = staying_forces(word)
            if mode is None:
                continue
            start = word.idx - offset
            if any(c.start <= start < c.end for c in found):
                continue
            first = token_index(tokens, start)
            if first is None:
                continue
            # "said the equipment would remain": the backshifted "would" of a report, no condition
            status = detect_status(tokens, first, rules=self.ctx.clf.status_rules)
            reported = word.dep_ == "ccomp" and word.head.lemma_ in self.ctx.rules.reporting_verbs
            if reported and any(c.dep_ == "aux" and c.lower_ in ("would", "will") for c in word.children):
                status = EventStatus(future=True, claim=status.claim)  # "until the exercise" is no condition on it
            else:
                status = to_come(word, tokens=tokens, offset=offset, status_rules=self.ctx.clf.status_rules) or status
            if not status.future or status.negated or status.hypothetical:
                continue
            p = self.ctx.clf.probabilities(text, dense=self.opts.dense_windows).get("MOBILIZE", 0.0)
            self.ctx.separate_starts.add(word.idx)  # the stay is an act of its own beside the exercise it awaits
            out.append(Candidate("MOBILIZE", mode, status, start, start + len(word.text), max(p, self.opts.stay_confidence)))
        return out

    def _past_acts(self, text: str, tokens: list[Token], found: list[Candidate], *, offset: int) -> list[Candidate]:
        """Earlier acts a sentence names as the time of what it tells, after "since", "after" or "following" ("the
        largest *since the annexation* of Crimea", "*since the full-scale invasion began*", "*since Moscow annexed*
        Crimea"; data: "detection" ``past_act_types``, ``past_markers``): historical events, coded whatever the model
        makes of the sentence (with no date of the sentence's own: :mod:`.dating`)."""
        types = self.detection.past_act_types
        out: list[Candidate] = []
        for hit in self.ctx.clf.lexicon.type_hits(tokens):
            if hit.participant or hit.type not in types:
                continue
            span = (tokens[hit.first].start, tokens[hit.last - 1].end)
            if any(span[0] < c.end and c.start < span[1] for c in (*found, *out)):
                continue
            word = self.ctx.token_at(offset + span[0])
            if word.lower_ in self.detection.durative_triggers or not past_marked(word) or not own_time(word, self.ctx.reading.timexes):
                continue
            p = self.ctx.clf.probabilities(text, dense=self.opts.dense_windows).get(hit.type, 0.0)
            mode = self.ctx.clf.lexicon.mode_for(hit.type, tokens[hit.first : hit.last])
            mode = mode if mode in self.ctx.clf.ontology.modes_for(hit.type) else None
            out.append(Candidate(hit.type, mode, EventStatus(), span[0], span[1], max(p, self.opts.past_act_confidence), past=True))
        return out

    def _future_form(self, cand: Candidate, tokens: list[Token], *, offset: int) -> Candidate:
        """A candidate of a type with a future form (CONSULT, SUPPORT, AID, COOPERATE, RETREAT) that its verb tells
        as still to come, recoded as that form (AGREE, CONCEDE), a request that invites or proposes, an AGREE, and a
        pledge of backing, a SUPPORT; any other candidate as it is."""
        ontology = self.ctx.clf.ontology
        if cand.end <= cand.start or cand.status.negated:
            return cand
        word = self.ctx.token_at(offset + cand.start)
        if cand.type == "REQUEST" and offer_word(word):  # "invited Putin to meet him": an offer, to come
            return replace(cand, type="AGREE", mode=None, status=replace(cand.status, future=True))
        if cand.type == "AGREE" and self.opts.pledged_backing and pledged_backing(word, lexicon=self.ctx.clf.lexicon):
            return replace(cand, type="SUPPORT", mode=None, status=replace(cand.status, future=False))
        coded = ontology.future_type(cand.type)
        if coded == cand.type or cand.status.future:
            return cand
        status = to_come(word, tokens=tokens, offset=offset, status_rules=self.ctx.clf.status_rules)
        if status is None:
            return cand
        mode = cand.mode if cand.mode in ontology.modes_for(coded) else None
        return replace(cand, type=coded, mode=mode, status=status)

    def _found(self, text: str, *, offset: int) -> list[Candidate]:
        """The classifier's event of a sentence and the further trigger-lexicon hits it finds likely."""
        out: list[Candidate] = []
        if self.opts.skip_fragments and is_fragment(text):
            return out  # a crosshead, a headline or a "Read also" link restates the body
        guess = self.ctx.clf.classify(text)
        lexicon = self.ctx.clf.lexicon
        tokens = tokenize(text, irregular=lexicon.irregular)
        if guess.type is None:
            rescued = self._main_verb_guess(text, tokens, offset=offset) if self.opts.main_verb_rescue else None
            if rescued is None and self.opts.phone_calls:
                rescued = self._call_guess(text, tokens, offset=offset)
            if rescued is None and self.opts.consultations:
                rescued = self._consult_guess(text, tokens, offset=offset)
            if rescued is None:
                return out
            assert rescued.trigger is not None and rescued.type is not None
            start, end = rescued.trigger
            out.append(Candidate(rescued.type, rescued.mode, rescued.status, start, end, rescued.confidence, True))
            return out
        if guess.trigger is None and self.opts.require_trigger:
            # the model's type has no trigger word here: take the likeliest type that has one, if any
            guess = self._triggered_guess(text, tokens, offset=offset) or guess
            if guess.trigger is None and not (
                guess.confidence >= self.opts.min_untriggered_probability and self.clauses.main_verb_span(offset) is not None
            ):
                return out  # no trigger word at all: background, a dateline, a figure
        if self._misread_sense(guess, offset):
            # "warned the Rada that Russia had put 28 groups along the border": what the warning reports; "forces
            # press a new offensive": the offensive, no request
            assert guess.trigger is not None
            word = self.ctx.token_at(offset + guess.trigger[0])
            sense = self._reported_fact(text, tokens, word, offset=offset) or self._triggered_guess(
                text, tokens, offset=offset, skip=guess.type
            )
            if sense is None:
                return out
            guess = sense
        start, end = guess.trigger if guess.trigger else (self.clauses.main_verb_span(offset) or (0, 0))
        assert guess.type is not None
        out.append(Candidate(guess.type, guess.mode, guess.status, start, end, guess.confidence))
        if not self.opts.multi_event:
            return out
        seen_types = {guess.type, guess.best_type}
        first_words = tokens_in(tokens, start, end)
        type_modes: dict[str, list[str | None]] = {
            name: [lexicon.mode_for(name, first_words)] for name in seen_types if name is not None
        }
        type_times: dict[str, list[bool]] = {name: [guess.status.future] for name in seen_types if name is not None}
        hits = [
            hit
            for hit in lexicon.type_hits(tokens)
            if (
                hit.type not in seen_types
                or self.clauses.own_clause(tokens[hit.first].start + offset, start + offset)
                or self._other_mode(hit.type, lexicon.mode_for(hit.type, tokens[hit.first : hit.last]), type_modes)
                or self._other_time(hit, tokens, type_times)
            )
            and not hit.participant
            and not self._anaphoric(tokens, hit, offset=offset)
        ]
        taken = [(start, end)] if end > start else []
        type_starts: dict[str, list[int]] = {name: [start] for name in seen_types if name is not None}
        scored: list[tuple[float, TriggerHit, bool]] = []
        for hit in hits:
            if self._not_own_act(self.ctx.token_at(offset + tokens[hit.first].start)):
                continue  # refused below whatever its probability: not typed at all
            # type the trigger on its own stretch of the sentence ("... and *urged* Moscow to de-escalate")
            lo = max(0, hit.first - self.opts.window_before)
            hi = min(len(tokens), hit.last + self.opts.window_after)
            local = self.ctx.clf.probabilities(text[tokens[lo].start : tokens[hi - 1].end], dense=self.opts.dense_windows)
            p = local.get(hit.type, 0.0)
            clause = self.clauses.clause_context(offset, tokens[hit.first].start) if self.opts.clause_context else None
            own: dict[str, float] | None = None
            if clause is not None:
                # and on its own clause ("... and *urged NATO to consider further steps*"): the likelier reading wins
                own = self.ctx.clf.probabilities(clause, dense=self.opts.dense_windows)
                p = max(p, own.get(hit.type, 0.0))
                if own.get(NONE, 1.0) < self.ctx.clf.none_threshold:
                    local = own
            at = offset + tokens[hit.first].start
            if self.opts.phone_calls and self._party_call_hit(hit, at):
                scored.append((p, hit, False))  # "Biden *called* Putin and proposed a summit": a call, however typed
                continue
            if local.get(NONE, 0.0) >= self.ctx.clf.none_threshold:
                continue
            clause_verb = self.clauses.clause_verb(at)
            if p >= self.opts.min_extra_probability or (p >= self.opts.min_clause_probability and clause_verb):
                scored.append((p, hit, False))
            elif p >= self.opts.min_phrase_probability and clause_verb and hit.last - hit.first > 1:
                # a trigger phrase, not a word, heads its own clause ("... and *proposed a* summit"): likelier still
                scored.append((p, hit, False))
            elif self.opts.coordinated_acts and self._coordinated_act(hit, at, own=own):
                scored.append((p, hit, False))  # "..., and *promised* a thorough investigation": its clause's own act
            elif self.opts.occasion_events and self._occasion(at, hit):
                scored.append((p, hit, False))  # "*after meeting* Kuleba, Blinken said ...": the meeting is an event
            elif self.opts.reported_clauses and p >= self.opts.min_rescue_probability and self.clauses.reported_verb(at):
                # the verb of a clause a verb of saying reports tells its own event, as when the model says "no
                # event" (:meth:`_main_verb_guess`), and like such a rescue it is coded only with both parties
                scored.append((p, hit, True))
        scored.sort(key=lambda item: -item[0])
        for p, hit, reported in scored:
            if len(out) >= self.opts.max_events:
                break
            span = (tokens[hit.first].start, tokens[hit.last - 1].end)
            second = hit.type in seen_types
            # a second event of a type is told in a clause of its own, beside each earlier trigger of that type
            earlier = [offset + s for s in type_starts.get(hit.type, [start])]
            own_mode = lexicon.mode_for(hit.type, tokens[hit.first : hit.last])
            new_mode = second and (
                (self.ctx.token_at(offset + span[0]).pos_ in VERB_POS and self._other_mode(hit.type, own_mode, type_modes))
                or self._other_time(hit, tokens, type_times)
            )
            if any(span[0] < e and s < span[1] for s, e in taken) or (
                second and not new_mode and not any(self.clauses.own_clause(offset + span[0], at) for at in earlier)
            ):
                continue
            if self.opts.verbal_extras and self.ctx.token_at(offset + span[0]).pos_ not in VERB_POS:
                continue  # further events are told by verbs ("and *urged* Moscow"), not by nouns in passing
            status = self._status(tokens, hit)
            coded = hit.type
            if status.future and not status.negated:
                coded = self.ctx.clf.ontology.future_type(coded)
            seen_types.update({coded, hit.type})
            for name in {coded, hit.type}:
                type_starts.setdefault(name, []).append(span[0])
                type_modes.setdefault(name, []).append(own_mode)
                type_times.setdefault(name, []).append(status.future)
            lo = max(0, hit.first - self.opts.window_before)
            found = lexicon.mode_for(coded, tokens[lo : hit.last + self.opts.window_after])
            mode = found if found in self.ctx.clf.ontology.modes_for(coded) else None
            taken.append(span)
            if (
                new_mode
                or (second and any(self.clauses.separate_act_at(offset + span[0], at) for at in earlier))
                or (second and self.clauses.dropped_subject_clause(offset + span[0]))
                or (second and any(self.clauses.object_clause(offset + span[0], at) for at in earlier))
            ):
                self.ctx.separate_starts.add(offset + span[0])
            out.append(Candidate(coded, mode, status, span[0], span[1], p, reported))
        return out

    def _coordinated_act(self, hit: TriggerHit, at: int, *, own: Mapping[str, float] | None) -> bool:
        """Whether a trigger verb heads a clause coordinated with another verb ("Aliyev telephoned Putin ..., and
        *promised* a thorough investigation") whose own words the model reads as the trigger's type above all else,
        "no event" included, at ``min_coordinated_probability`` at least: an act of its own, however the words of
        the clause before it weigh on its word window."""
        if own is None or hit.participant:
            return False
        word = self.ctx.token_at(at)
        if word.pos_ != "VERB" or word.dep_ != "conj" or word.head.pos_ not in VERB_POS:
            return False
        if word.head.dep_ not in _CLAUSE_ACTS:
            return False  # "its demands include reconnecting ... and *reopening* a pipeline": what is named, no act
        return _likeliest(own, hit.type) >= self.opts.min_coordinated_probability

    def _not_own_act(self, word: SpacyToken) -> bool:
        """Whether a further trigger is refused on its word alone, asked before it is typed (to spare typing it):
        it describes a noun ("soldiers *backed* by tanks", "an *offensive* operation"), is what another act is
        about ("welcomed the new *sanctions*"), or is the standing war as background ("where forces have been
        *fighting* since 2014")."""
        return (
            (word.dep_ in self._ADNOMINAL and not misread_clause_verb(word))
            or (self.opts.content_objects and content_object(word, rules=self.detection))
            or (self.opts.side_duratives and side_durative(word, rules=self.detection))
            or (
                self.opts.request_matters
                and request_matter(word, rules=self.detection)
            )
            or (self.opts.fact_warnings and fact_warning(word))
            or (self.opts.pressed_acts and pressed_act(word, ctx=self.ctx))
        )

    def _misread_sense(self, guess: EventGuess, offset: int) -> bool:
        """Whether the model's type is the wrong sense of its trigger verb: a threat told by a warning that reports
        a fact (:func:`fact_warning`), a request told by a verb of pressing on with an act (:func:`pressed_act`), or
        the matter of a request the sentence makes (:func:`request_matter`)."""
        if guess.trigger is None:
            return False
        word = self.ctx.token_at(offset + guess.trigger[0])
        if self.opts.fact_warnings and guess.type == "THREATEN" and fact_warning(word):
            return True
        if self.opts.requested_mains and guess.type not in _ASKING and request_matter(word, rules=self.detection):
            return True  # "called on Moscow to *de-escalate*": what the request asks for, the request the act
        return self.opts.pressed_acts and guess.type == "REQUEST" and pressed_act(word, ctx=self.ctx)

    def _reported_fact(self, text: str, tokens: list[Token], warning: SpacyToken, *, offset: int) -> EventGuess | None:
        """The act a warning that reports a fact tells: the likeliest trigger of another type in the clause it
        reports, typed on that clause's own words ("warned that *Moscow's actions were deeply concerning*"); None
        when none is likely (``min_rescue_probability``) or the word is no warning."""
        clause = warning_clause(warning) if warning.lemma_.lower() in self.detection.fact_warning_verbs else None
        if clause is None:
            return None
        inside = {t.i for t in clause.subtree}
        hits = [
            hit
            for hit in self.ctx.clf.lexicon.type_hits(tokens)
            if not hit.participant
            and hit.type != "THREATEN"
            and self.ctx.token_at(offset + tokens[hit.first].start).i in inside
        ]
        words = self.clauses.clause_context(offset, clause.idx - offset) if hits else None
        if words is None:
            return None
        probs = self.ctx.clf.probabilities(words, dense=self.opts.dense_windows)
        hit = max(hits, key=lambda h: (probs.get(h.type, 0.0), -h.first))
        p = probs.get(hit.type, 0.0)
        return self._guess(hit, tokens, p=p, probs=probs) if p >= self.opts.min_rescue_probability else None

    def _other_mode(self, name: str, mode: str | None, type_modes: Mapping[str, list[str | None]]) -> bool:
        """Whether a second trigger of a type whose modes are separate acts names a mode no earlier trigger of that
        type named ("announced *sanctions* and *expelled* 10 diplomats": a sanction and an expulsion; the caller
        asks it of verbs only: "in retaliation for *sanctions*" names an earlier act)."""
        if not self.opts.mode_acts or mode is None or name not in self.detection.mode_act_types:
            return False  # a trigger with no mode of its own may restate the act in general words
        return mode not in type_modes.get(name, [mode])

    def _occasion(self, at: int, hit: TriggerHit) -> bool:
        """Whether a trigger names a meeting as the occasion of the sentence's act, with its counterpart or its
        day ("*after meeting* Kuleba on Tuesday, Blinken stressed ...", "urged Putin to de-escalate *during a
        call* on Tuesday"; data: "detection" ``occasion_markers``, ``occasion_event_types``)."""
        if hit.type not in self.detection.occasion_event_types:
            return False
        word = self.ctx.token_at(at)
        if word.pos_ not in ("NOUN", "VERB") or word.dep_ in ("ROOT", "compound"):
            return False
        markers = [c for c in word.children if c.dep_ in ("case", "mark") and c.i < word.i]
        if not any(m.lower_ in self.detection.occasion_markers for m in markers):
            return False
        return any(c.dep_ not in ("case", "mark", "det", "amod", "punct", "nmod:poss") for c in word.children)

    def _other_time(self, hit: TriggerHit, tokens: list[Token], type_times: Mapping[str, list[bool]]) -> bool:
        """Whether a second trigger of a material type tells a future act where the earlier ones of that type told
        done ones, or the reverse ("had assembled 28 groups near the border and was expected to *bring up* 25 more":
        what is there and what is to come are two events); a warning's content is no second warning."""
        if not self.opts.time_acts or hit.type not in type_times or hit.type not in self.detection.time_act_types:
            return False
        return self._status(tokens, hit).future not in type_times[hit.type]

    def _status(self, tokens: list[Token], hit: TriggerHit) -> EventStatus:
        """A further trigger's status; a trigger phrase that says its act is to come ("about 25 more *were
        expected*") is future."""
        rules = self.ctx.clf.status_rules
        status = detect_status(tokens, hit.first, rules=rules)
        if not status.future and any(t.lower in rules.words("future") for t in tokens[hit.first + 1 : hit.last]):
            return replace(status, future=True)
        return status

    def _anaphoric(self, tokens: list[Token], hit: TriggerHit, *, offset: int) -> bool:
        """Whether a trigger noun refers back to an event told before ("*this* attack", "*their* talks"); "that"
        before a verb is a relative pronoun ("an order *that* expelled 10 diplomats"), no reference back."""
        if hit.first == 0 or tokens[hit.first - 1].lower not in self.ctx.clf.lexicon.anaphoric:
            return False
        word = self.ctx.token_at(offset + tokens[hit.first].start)
        if word.pos_ in VERB_POS:
            return False
        return not (self.opts.agent_possessors and self._performed_own(word))

    def _performed_own(self, word: SpacyToken) -> bool:
        """Whether a trigger noun after a possessive is performed by its verb, the possessor being the agent: the
        object of a verb that performs it ("the leaders *affirmed their support*", "*voiced its concern*"; data:
        "detection" ``object_event_verbs``), not a back reference ("welcomed *their talks*")."""
        if word.dep_ not in OBJECTS or word.head.pos_ not in VERB_POS:
            return False
        if not any(c.dep_ in ("poss", "nmod:poss") and c.pos_ == "PRON" for c in word.children):
            return False
        return not content_object(word, rules=self.detection)

    def _triggered_guess(
        self, text: str, tokens: list[Token], *, offset: int = 0, skip: str | None = None
    ) -> EventGuess | None:
        """The sentence's likeliest type among those a trigger word of the sentence names (None: none likely);
        below the fallback probability, the type of a trigger that is the sentence's main verb. ``skip``: a type
        ruled out."""
        lexicon = self.ctx.clf.lexicon
        hits = [hit for hit in lexicon.type_hits(tokens) if not hit.participant and hit.type != skip]
        if not hits:
            return None
        probs = self.ctx.clf.probabilities(text)
        hit = max(hits, key=lambda h: (probs.get(h.type, 0.0), -h.first))
        p = probs.get(hit.type, 0.0)
        if p < self.opts.min_fallback_probability:
            main = [h for h in hits if self.clauses.main_verb(offset + tokens[h.first].start)] if self.opts.main_verb_fallback else []
            if not main:
                return None
            hit = max(main, key=lambda h: (probs.get(h.type, 0.0), -h.first))
            p = probs.get(hit.type, 0.0)
        return self._guess(hit, tokens, p=p, probs=probs)

    def _main_verb_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """An event the model judged no event, told by the sentence's main verb (or the verb of the clause a
        main verb of saying reports) when that verb is a trigger word of a type the model still finds
        likely (at least ``min_rescue_probability``): "Ukraine says Russia *has moved* tens of
        thousands of troops towards its borders". Coded only with an actor and a recipient."""
        found = [hit for hit in self.ctx.clf.lexicon.type_hits(tokens) if not hit.participant]
        hits = [hit for hit in found if self.clauses.main_verb(offset + tokens[hit.first].start)]
        joined = [
            hit for hit in found if self.opts.coordinated_acts and self._joined_main(offset + tokens[hit.first].start)
        ]
        if not hits and not joined:
            return None
        probs = self.ctx.clf.probabilities(text)
        scored = [(self._rescue_probability(hit, tokens, probs, offset=offset), hit) for hit in hits]
        scored += [(self._joined_probability(hit, tokens, offset=offset), hit) for hit in joined]
        p, hit = max(scored, key=lambda item: (item[0], -item[1].first))
        if p < self.opts.min_rescue_probability:
            return None
        return self._guess(hit, tokens, p=p, probs=probs)

    def _joined_main(self, at: int) -> bool:
        """Whether the word at ``at`` is a verb coordinated with the sentence's main verb, or with the verb of the
        clause a main verb of saying reports ("said the United States was watching the drills and *urged* China to
        show restraint")."""
        word = self.ctx.token_at(at)
        return word.pos_ == "VERB" and word.dep_ == "conj" and self.clauses.main_verb(word.head.idx)

    def _joined_probability(self, hit: TriggerHit, tokens: list[Token], *, offset: int) -> float:
        """How likely the type of a trigger verb coordinated with the main verb is on its own clause's words, when
        it is that clause's likeliest reading ("no event" included); else 0."""
        clause = self.clauses.clause_context(offset, tokens[hit.first].start)
        if clause is None:
            return 0.0
        return _likeliest(self.ctx.clf.probabilities(clause, dense=self.opts.dense_windows), hit.type)

    def _party_call_hit(self, hit: TriggerHit, at: int) -> bool:
        """Whether a one-word CONSULT trigger at ``at`` is a verb of calling with a party as its object, heading a
        clause ("Biden *called* Putin and proposed a summit")."""
        if hit.type != "CONSULT" or hit.last - hit.first != 1:
            return False
        token = self.ctx.token_at(at)
        if token.dep_ not in CLAUSE_HEADS:
            return False
        return party_call(token, rules=self.detection, naming_verbs=self.ctx.coding_rules.naming_verbs)

    def _call_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """A phone call the model judged no event, told by the main verb ("Blinken also *called* Pashinyan"): a verb
        of calling with a party as its object (:func:`~sitrep.events.coder.trigger_checks.party_call`). Coded, like
        any rescue, only with an actor and a recipient."""
        for hit in self.ctx.clf.lexicon.type_hits(tokens):
            at = offset + tokens[hit.first].start
            if not hit.participant and self.clauses.main_verb(at) and self._party_call_hit(hit, at):
                probs = self.ctx.clf.probabilities(text)
                guess = self._guess(hit, tokens, p=probs.get(hit.type, 0.0), probs=probs)
                return guess if guess.type != "CONSULT" else replace(guess, mode="phone")
        return None

    def _consult_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """A consultation the model judged no event (task D10), told by a clause verb of talking with a party ("we
        are *talking to our allies* about them") or by being "in *touch* with" one (:mod:`.consultations`): CONSULT,
        or AGREE when still to come; coded, like any rescue, only with an actor and a recipient."""
        for word in self._words(text, offset=offset):
            party = consulted_party(word)
            if party is None:
                continue
            verb = word if word.pos_ in VERB_POS else word.head.head
            if not (self.clauses.main_verb(verb.idx) or self._joined_main(verb.idx)):
                continue
            first = token_index(tokens, word.idx - offset)
            if first is None:
                continue
            status = detect_status(tokens, first, rules=self.ctx.clf.status_rules)
            if status.negated or status.hypothetical:
                continue
            probs = self.ctx.clf.probabilities(text)
            coded = self.ctx.clf.ontology.future_type("CONSULT") if status.future else "CONSULT"
            span = (word.idx - offset, party.idx + len(party.text) - offset)
            return EventGuess(coded, "CONSULT", None, probs.get("CONSULT", 0.0), probs.get(NONE, 0.0), status, "CONSULT", span)
        return None

    def _rescue_probability(
        self, hit: TriggerHit, tokens: list[Token], probs: Mapping[str, float], *, offset: int
    ) -> float:
        """How likely a main-verb trigger's type is: on the sentence, or, for the verb of a reported clause, on
        that clause alone ("He said *Russia had massed troops near Ukraine* ... and described Moscow's conduct
        as deeply concerning": the reported clause tells its own event, whatever else the sentence says)."""
        p = probs.get(hit.type, 0.0)
        at = offset + tokens[hit.first].start
        verb = self.ctx.token_at(at)
        if not self.opts.reported_clauses or (verb.dep_ != "ccomp" and not misread_clause_verb(verb)):
            return p
        clause = self.clauses.clause_context(offset, tokens[hit.first].start)
        if clause is None:
            return p
        own = self.ctx.clf.probabilities(clause, dense=self.opts.dense_windows)
        return max(p, own.get(hit.type, 0.0))

    def _guess(self, hit: TriggerHit, tokens: list[Token], *, p: float, probs: Mapping[str, float]) -> EventGuess:
        """The event a trigger word tells, with its status (a future event takes its type's future form) and mode."""
        status = detect_status(tokens, hit.first, rules=self.ctx.clf.status_rules)
        coded = hit.type
        if status.future and not status.negated:
            coded = self.ctx.clf.ontology.future_type(coded)
        found = self.ctx.clf.lexicon.mode_for(coded, tokens)
        mode = found if found in self.ctx.clf.ontology.modes_for(coded) else None
        span = (tokens[hit.first].start, tokens[hit.last - 1].end)
        return EventGuess(coded, hit.type, mode, p, probs.get(NONE, 0.0), status, hit.type, span)


def tokens_in(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The words of ``tokens`` inside the character span ``[start, end)`` of their sentence."""
    return [t for t in tokens if start <= t.start and t.end <= end]


def is_fragment(text: str) -> bool:
    """A line that is not a sentence: a crosshead or headline with no closing punctuation, or a link line."""
    stripped = text.strip()
    if stripped.lower().startswith(("read also", "read more", "see also", "related:")):
        return True
    return not _FRAGMENT_END.search(stripped) and len(stripped.split()) <= 12
