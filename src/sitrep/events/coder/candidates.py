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
Crossheads, headlines and link lines are no sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from sitrep.events.classify import NONE, EventGuess
from sitrep.events.coder.syntax import (
    COORDINATED,
    OBJECTS,
    VERB_POS,
    dropped_subject,
    misread_clause_verb,
    misread_conjunct_verb,
    predicate_of,
    separate_act,
    subject_children,
)
from sitrep.events.coder.trigger_checks import (
    content_object,
    party_call,
    request_matter,
    side_durative,
)
from sitrep.events.lexicon import TriggerHit
from sitrep.events.status import EventStatus, detect_status
from sitrep.events.text import Token, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext

_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl", "xcomp"})
_OPENED_CLAUSES = COORDINATED | {"ccomp"}  # a clause "and" opens, however the parse labels it
_WORD_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_FRAGMENT_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


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


class CandidateFinder:
    """Finds a sentence's candidate events (:meth:`candidates`) for one article."""

    # a further trigger that modifies a noun (participle or adjective: "entities *accused* of ...", "a wish to
    # *burn* bridges", "any *offensive* operation") describes that noun; it tells no event of its own
    _ADNOMINAL: frozenset[str] = frozenset({"acl", "amod"})

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.detection = ctx.coding_rules.detection

    def candidates(self, text: str, *, offset: int = 0) -> list[Candidate]:
        """The events a sentence states: the classifier's, plus further trigger-lexicon hits it finds likely."""
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
                guess.confidence >= self.opts.min_untriggered_probability and self._main_verb_span(offset) is not None
            ):
                return out  # no trigger word at all: background, a dateline, a figure
        start, end = guess.trigger if guess.trigger else (self._main_verb_span(offset) or (0, 0))
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
                or self._own_clause(tokens[hit.first].start + offset, start + offset)
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
            clause = self._clause_context(offset, tokens[hit.first].start) if self.opts.clause_context else None
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
            clause_verb = self._clause_verb(at)
            if p >= self.opts.min_extra_probability or (p >= self.opts.min_clause_probability and clause_verb):
                scored.append((p, hit, False))
            elif p >= self.opts.min_phrase_probability and clause_verb and hit.last - hit.first > 1:
                # a trigger phrase, not a word, heads its own clause ("... and *proposed a* summit"): likelier still
                scored.append((p, hit, False))
            elif self.opts.occasion_events and self._occasion(at, hit):
                scored.append((p, hit, False))  # "*after meeting* Kuleba, Blinken said ...": the meeting is an event
            elif self.opts.reported_clauses and p >= self.opts.min_rescue_probability and self._reported_verb(at):
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
                second and not new_mode and not any(self._own_clause(offset + span[0], at) for at in earlier)
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
                or (second and any(self._separate_act_at(offset + span[0], at) for at in earlier))
                or (second and self._dropped_subject_clause(offset + span[0]))
                or (second and any(self._object_clause(offset + span[0], at) for at in earlier))
            ):
                self.ctx.separate_starts.add(offset + span[0])
            out.append(Candidate(coded, mode, status, span[0], span[1], p, reported))
        return out

    def _main_verb_span(self, offset: int) -> tuple[int, int] | None:
        """The sentence-relative span of the sentence's main verb, the trigger of an event the model is sure of
        though no trigger word names it ("the foreign ministry *ordered* five Polish diplomats to leave")."""
        sentence = self.ctx.current_sentence
        root = self.ctx.token_at(sentence.start).sent.root
        if root.lemma_.lower() in self.ctx.rules.reporting_verbs:
            # "Kuleba said Kyiv *would raise* the incident ...": the reported clause's verb
            root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in VERB_POS), root)
        if root.pos_ != "VERB" or not sentence.start <= root.idx < sentence.end:
            return None
        return root.idx - offset, root.idx - offset + len(root.text)

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
        )

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

    def _reported_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the verb of a clause the sentence's main verb of saying reports."""
        return self._main_verb(at) and self.ctx.token_at(at).dep_ != "ROOT"

    def _clause_context(self, offset: int, at: int) -> str | None:
        """The words of the clause a trigger at sentence-relative ``at`` stands in: its predicate's subtree less
        the clauses coordinated with it ("thanked the allies for their support and *urged NATO to consider
        further steps*"); None when that is under ``min_clause_words`` words (:mod:`.options`)."""
        token = self.ctx.token_at(offset + at)
        predicate = predicate_of(token)
        if misread_clause_verb(predicate):
            predicate = predicate.head  # "said Russia had *massed* troops ...": the clause hangs on "troops"
        dropped: set[int] = set()
        for child in predicate.children:
            if child.dep_ in COORDINATED and child.pos_ in VERB_POS and child.i != token.i:
                dropped.update(t.i for t in child.subtree)
            elif child.dep_ == "cc" and child.i > predicate.i:
                dropped.add(child.i)
        sentence = self.ctx.current_sentence
        kept = [
            t for t in predicate.subtree
            if t.i not in dropped and sentence.start <= t.idx < sentence.end and not t.is_punct
        ]
        if len(kept) < self.opts.min_clause_words:
            return None
        return _joined(kept)

    def _triggered_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """The sentence's likeliest type among those a trigger word of the sentence names (None: none likely);
        below the fallback probability, the type of a trigger that is the sentence's main verb."""
        lexicon = self.ctx.clf.lexicon
        hits = [hit for hit in lexicon.type_hits(tokens) if not hit.participant]
        if not hits:
            return None
        probs = self.ctx.clf.probabilities(text)
        hit = max(hits, key=lambda h: (probs.get(h.type, 0.0), -h.first))
        p = probs.get(hit.type, 0.0)
        if p < self.opts.min_fallback_probability:
            main = [h for h in hits if self._main_verb(offset + tokens[h.first].start)] if self.opts.main_verb_fallback else []
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
        lexicon = self.ctx.clf.lexicon
        hits = [
            hit for hit in lexicon.type_hits(tokens)
            if not hit.participant and self._main_verb(offset + tokens[hit.first].start)
        ]
        if not hits:
            return None
        probs = self.ctx.clf.probabilities(text)
        scored = [(self._rescue_probability(hit, tokens, probs, offset=offset), hit) for hit in hits]
        p, hit = max(scored, key=lambda item: (item[0], -item[1].first))
        if p < self.opts.min_rescue_probability:
            return None
        return self._guess(hit, tokens, p=p, probs=probs)

    def _party_call_hit(self, hit: TriggerHit, at: int) -> bool:
        """Whether a one-word CONSULT trigger at ``at`` is a verb of calling with a party as its object, heading a
        clause ("Biden *called* Putin and proposed a summit")."""
        if hit.type != "CONSULT" or hit.last - hit.first != 1:
            return False
        token = self.ctx.token_at(at)
        if token.dep_ not in _CLAUSE_HEADS:
            return False
        return party_call(token, rules=self.detection, naming_verbs=self.ctx.coding_rules.naming_verbs)

    def _call_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """A phone call the model judged no event, told by the main verb ("Blinken also *called* Pashinyan"): a verb
        of calling with a party as its object (:func:`~sitrep.events.coder.trigger_checks.party_call`). Coded, like
        any rescue, only with an actor and a recipient."""
        for hit in self.ctx.clf.lexicon.type_hits(tokens):
            at = offset + tokens[hit.first].start
            if not hit.participant and self._main_verb(at) and self._party_call_hit(hit, at):
                probs = self.ctx.clf.probabilities(text)
                guess = self._guess(hit, tokens, p=probs.get(hit.type, 0.0), probs=probs)
                return guess if guess.type != "CONSULT" else replace(guess, mode="phone")
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
        clause = self._clause_context(offset, tokens[hit.first].start)
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

    def _main_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the sentence's main verb, or the verb of the clause a main verb of
        saying reports ("Kyiv said Russia *had massed* troops")."""
        token = self.ctx.token_at(at)
        if token.pos_ != "VERB":
            return False
        if token.dep_ == "ROOT":
            return True
        if token.dep_ == "ccomp":
            return token.head.dep_ == "ROOT" and token.head.lemma_ in self.ctx.rules.reporting_verbs
        # the reported verb misread as a modifier of its object ("said Russia had *massed* troops": "troops" the
        # object of "said"), told by its own subject
        governor = token.head.head
        return misread_clause_verb(token) and governor.dep_ == "ROOT" and governor.lemma_ in self.ctx.rules.reporting_verbs

    def _clause_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is a verb heading a clause of its own: the sentence's main verb, a verb
        coordinated with another ("spoke with Aliyev and *urged* him"), or a clause it reports."""
        if self.opts.min_clause_probability >= self.opts.min_extra_probability:
            return False
        token = self.ctx.token_at(at)
        return token.pos_ == "VERB" and token.dep_ in _CLAUSE_HEADS

    def _own_clause(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` heads a clause coordinated with the main trigger's, with its own subject
        ("Blinken spoke with Kuleba, and Milley *held calls* with Gerasimov": a second event of the same type,
        told by another party), or states a separate act of the same subject (:meth:`_separate_act_at`)."""
        if not self.opts.same_type_clauses or at == main_at:
            return False
        token, main = self.ctx.token_at(at), self.ctx.token_at(main_at)
        if misread_conjunct_verb(token):
            return self._separate_act_at(at, main_at)
        if token.pos_ not in VERB_POS and self.opts.object_clauses:
            return self._object_clause(at, main_at)
        if token.pos_ not in VERB_POS or token.i == main.i:
            return False
        own = subject_children(token) if token.dep_ in COORDINATED else []
        if not own and self.opts.dropped_subjects:
            dropped = dropped_subject(token)  # "..., and Milley, who chairs the Joint Chiefs, *held calls* with ..."
            own = [dropped] if dropped is not None else []
        if own:
            return main not in own and predicate_of(main).i != token.i
        return self._separate_act_at(at, main_at)

    def _object_clause(self, at: int, main_at: int) -> bool:
        """Whether the noun trigger at ``at`` belongs to a coordinated clause with a subject of its own, not the main
        trigger's ("Macron said Paris would send missiles, and Pistorius *announced a package* worth ...": another
        party's act, never a restatement of the first)."""
        token, main = self.ctx.token_at(at), self.ctx.token_at(main_at)
        if token.pos_ in VERB_POS or not self.opts.object_clauses:
            return False
        verb = predicate_of(token)
        if verb.pos_ not in VERB_POS or verb.dep_ not in _OPENED_CLAUSES:
            return False
        opener = next((t for t in verb.subtree if not t.is_punct and not t.is_space), verb)
        if opener.pos_ != "CCONJ":
            return False  # "..., after Syrskyi ordered a *pullback*": a clause the parse joined, not one "and" opens
        own = subject_children(verb)
        return bool(own) and main not in own and predicate_of(main).i != verb.i

    def _dropped_subject_clause(self, at: int) -> bool:
        """Whether the verb at ``at`` heads a clause whose own subject the parser joined to the verb before ("...,
        and Milley, who chairs the Joint Chiefs, *held calls* with ..."): another party's act, never a restatement
        of the earlier one however its parties are coded."""
        if not self.opts.dropped_subjects:
            return False
        token = self.ctx.token_at(at)
        return dropped_subject(predicate_of(token)) is not None

    def _separate_act_at(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` and the main trigger's verb are coordinated acts of one subject, each on its
        own object ("expelled 10 diplomats, sanctioned 32 entities and *barred* banks from ..."); such a second
        event is never merged with the first as a restatement. A casualty or damage verb ("killing seven and
        *wounding* 22") tells the same attack's toll, not another act."""
        if not self.opts.separate_acts or at == main_at:
            return False
        token, main = self.ctx.token_at(at), predicate_of(self.ctx.token_at(main_at))
        if misread_conjunct_verb(token):
            # "will expel 10 diplomats and *bar* eight officials" with "bar" read as a noun joined to "diplomats"
            return token.head.head.i == main.i and token.lemma_.lower() not in self.ctx.clf.lexicon.consequence_verbs
        if token.pos_ not in VERB_POS or (token.dep_ in COORDINATED and subject_children(token)):
            return False
        consequences = self.ctx.clf.lexicon.consequence_verbs
        if token.lemma_.lower() in consequences or main.lemma_.lower() in consequences:
            return False
        return separate_act(token, main, lists=self.opts.listed_acts)


def tokens_in(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The words of ``tokens`` inside the character span ``[start, end)`` of their sentence."""
    return [t for t in tokens if start <= t.start and t.end <= end]


def _joined(tokens: list[SpacyToken]) -> str:
    """The words of a clause, a space wherever the text had one between two kept words ("On April 13, U.S.
    President ..." less its comma reads "On April 13 U.S. President ...", not "13U.S."), a dropped hyphen kept
    inside a word ("de-escalate")."""
    parts: list[str] = []
    for token, after in pairwise(tokens):
        parts.append(token.text)
        if token.whitespace_:
            parts.append(" ")
            continue
        if after.i == token.i + 1:
            continue  # neighbours: no word dropped between them (and no Span to build)
        between = token.doc[token.i + 1 : after.i]  # the dropped words
        if any(t.whitespace_ for t in between):
            parts.append(" ")
        elif len(between) == 1 and between[0].text in _WORD_HYPHENS:
            parts.append(between[0].text)
    if tokens:
        parts.append(tokens[-1].text)
    return "".join(parts)


def is_fragment(text: str) -> bool:
    """A line that is not a sentence: a crosshead or headline with no closing punctuation, or a link line."""
    stripped = text.strip()
    if stripped.lower().startswith(("read also", "read more", "see also", "related:")):
        return True
    return not _FRAGMENT_END.search(stripped) and len(stripped.split()) <= 12
