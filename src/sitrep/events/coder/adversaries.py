"""Recipients of acts that name no target: the actor's adversary in the article (:func:`adversary_so_far`, else
the other of the article's two main states), for an attack or a seizure of ground with no named target; the
recipient an earlier event of the sentence implies; the own government of a domestic act (data:
``event_coding.json``, ``event_actors.json``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sitrep.events.coder.parties import not_actors
from sitrep.events.coder.recipient_base import RecipientBase, government
from sitrep.events.coder.syntax import OBJECTS, SUBJECTS, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.record import Event, EventActor


class AdversaryRecipients(RecipientBase):
    """The recipient finder's rules for acts aimed at no named party."""

    def context_recipients(self, event_type: str, actors: list[EventActor], earlier: list[Event]) -> list[EventActor]:
        """The recipient an act names only through its context: the last earlier event of the same sentence or
        the one before by the same parties, of the same polarity (cooperation or conflict), addresses it ("condemned
        the attack and *stood ready* to take further measures"); else, for a conflictual act, the party whose
        act against the actor the sentence or the one before told ("NATO accused Moscow ...; the Kremlin
        *rejected* the criticism"). None when no such event is that near."""
        onto = self.ctx.clf.ontology
        own = {a.country for a in actors}
        quad = onto.quad_class(event_type)
        hostile = quad in (3, 4)
        lo = self.ctx.previous_sentence.start if self.ctx.previous_sentence is not None else self.ctx.current_sentence.start
        near = [e for e in self.ctx.history if e.sentence_start >= lo] + earlier
        for event in reversed(near):
            parties = {a.country for a in event.actor}
            if (onto.quad_class(event.type) in (3, 4)) != hostile:
                continue
            if parties == own and event.recipient and onto.quad_class(event.type) in (quad, quad - 1 if hostile else quad):
                found = not_actors(list(event.recipient), actors, state=self.ctx.coding_rules.state_sectors)
                if found:
                    return found
            if (
                self.opts.context_replies
                and event_type in self.ctx.coding_rules.reply_types
                and onto.quad_class(event.type) == 3  # it answers words ("rejected that account"), not an act
                and {r.country for r in event.recipient} & own
                and not parties & own
            ):
                return [a for a in event.actor if a.country is not None]
        if self.opts.adversaries and event_type in self.ctx.rules.adversary_types and not self._open_addressee():
            return self.adversary(actors, earlier=earlier)
        if self.opts.own_governments and event_type in self.ctx.rules.domestic_types:
            return self.owngovernment(actors)
        return []

    def owngovernment(self, actors: list[EventActor]) -> list[EventActor]:
        """The government a domestic act that names no one is aimed at ("Greek workers walked off the job in a
        general strike", "opposition supporters rallied in Minsk"; data: ``domestic_types``): the actors' one
        state's, when they are not themselves of its state sectors (a government, an army)."""
        kb = self.ctx.resolver.kb
        states = {a.country for a in actors}
        if len(states) != 1 or any(a.sector in self.ctx.coding_rules.state_sectors for a in actors):
            return []
        code = next(iter(states))
        if code is None or code not in kb.countries:
            return []
        return [government(kb, code)]

    def _open_addressee(self) -> bool:
        """Whether the sentence aims at whoever does something ("warned that *anyone* who tried to interfere would
        face consequences"; data: ``open_addressees``): no one named, so no adversary either."""
        sentence = self.ctx.current_sentence
        span = self.ctx.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        words = self.ctx.rules.open_addressees
        return span is not None and any(t.lower_ in words and t.dep_ in SUBJECTS for t in span)

    def adversary(self, actors: list[EventActor], *, earlier: list[Event] | None = None) -> list[EventActor]:
        """The state an act with no named target is aimed at: for armed groups of one state that are not its own
        forces (data: ``insurgent_sectors``: "Russia-backed separatists briefly took control of the town"), that
        state's government; else :func:`adversary_so_far`, else the other of the article's two main states
        (:meth:`counterpart`)."""
        if self.opts.rebel_own_states:
            own = self.rebel_state(actors)
            if own is not None:
                return [government(self.ctx.resolver.kb, own)]
        found = adversary_so_far(self.ctx, actors, earlier=earlier)
        return self.counterpart(actors) if found is None else found

    def counterpart(self, actors: list[EventActor]) -> list[EventActor]:
        """The other of the article's two most named states, when the actor is one of them (a build-up in a story
        about Russia and Ukraine faces Ukraine; one by a third state, or one the story names no other state
        for, faces no one)."""
        return counterpart_of(self.ctx, actors)

    def seized_from(self, predicate: SpacyToken, actors: list[EventActor]) -> list[EventActor]:
        """Whom a seizure that names no target party or place is aimed at ("Russian troops *seized* it in the first
        days of the invasion", "Ukrainian forces had *retaken* 41 towns"; data: ``seizure_verbs``): the actor's
        adversary in the article (:meth:`adversary`)."""
        if not self.opts.seizure_adversaries or not actors:
            return []
        verbs = self.ctx.rules.seizure_verbs
        lemma = predicate.lemma_.lower()
        objects = [c for c in predicate.children if c.dep_ in OBJECTS]
        forms = {lemma} | {f"{lemma} {c.lemma_.lower()}" for c in objects}
        if not forms & verbs:
            return []
        grounds = self.ctx.rules.seized_grounds
        for obj in objects:
            if obj.pos_ == "NOUN" and obj.lower_ not in grounds and obj.lemma_.lower() not in grounds:
                return []  # "seized the car carrier Galaxy Leader": a ship or goods, taken from no side
            if obj.pos_ == "PROPN" and obj.ent_type_ not in ("GPE", "LOC"):
                return []  # "seized the MSC Aries": a named ship
        if self.opts.seized_holders:
            held = self._seized_holder(objects, actors)
            if held:
                return held  # "took control of the headquarters *of the Southern Military District*"
        return not_actors(self.adversary(actors), actors)

    def rebel_state(self, actors: list[EventActor]) -> str | None:
        """The one state whose insurgent groups (data: ``insurgent_sectors``) all the actors are, if they are."""
        states = {a.country for a in actors}
        if not actors or len(states) != 1 or any(a.sector not in self.ctx.rules.insurgent_sectors for a in actors):
            return None
        code = next(iter(states))
        return code if code is not None and code in self.ctx.resolver.kb.countries else None

    def _seized_holder(self, objects: list[SpacyToken], actors: list[EventActor]) -> list[EventActor]:
        """The party whose site is seized, named in the seized object's "of" phrases ("took control of the
        headquarters *of the Southern Military District*"): a body other than the actors themselves, even of the
        actor's own state and sector (a mutiny)."""
        names = {a.name for a in actors}
        for obj in objects:
            noun = obj
            for _ in range(3):
                after = next((n for p, n in prep_objects(noun) if p.lower_ == "of" and n.i > noun.i), None)
                if after is None:
                    break
                noun = after
                if noun.pos_ != "PROPN" and not self.ctx.resolver.mention_at(noun.idx):
                    continue
                found = [a for a in self.parties.phrase_actors(noun, "COERCE", None, set()) if a.name not in names]
                if found:
                    return found
        return []



def adversary_so_far(
    ctx: ArticleContext, actors: list[EventActor], *, earlier: list[Event] | None = None
) -> list[EventActor] | None:
    """The state an act with no named target is aimed at ("Ukrainian troops struggle to hold back *Russian
    attacks*"): the one the actor's state most often acts against in the article's conflictual events so far,
    or that most often acts against it; its own state, when the article's conflictual events so far are mostly
    between bodies of that state, none of them insurgents (a mutiny: "the mercenaries *shot down* several
    aircraft"; ``earlier``, the events of the sentence coded before this one, count only as such a fight).
    ``[]`` for an actor of several states or none, or a tie; ``None`` when the article has told no conflictual
    event between the actor's state and another yet (the caller may fall back on the article's two main
    states)."""
    own = {a.country for a in actors if a.country is not None}
    if len(own) != 1:
        return []
    onto = ctx.clf.ontology
    kb = ctx.resolver.kb
    counts: Counter[str] = Counter()
    told = len(ctx.history)
    for n, event in enumerate([*ctx.history, *(earlier or [])]):
        if onto.quad_class(event.type) not in (3, 4):
            continue
        acting = {a.country for a in event.actor if a.country is not None}
        receiving = {r.country for r in event.recipient if r.country is not None}
        if not acting or not receiving:
            continue
        if n >= told and not acting == receiving == own:
            continue  # the sentence's own earlier acts count only as a fight within the state ("accused ... of striking")
        if acting & receiving:
            rebels = any(a.sector in ctx.rules.insurgent_sectors for a in (*event.actor, *event.recipient))
            if ctx.opts.own_state_conflicts and acting == receiving == own and not rebels:
                counts[next(iter(own))] += 1  # a mutiny: the state's own bodies fight each other (not its insurgents)
            continue
        if acting == own:
            counts.update(receiving)
        elif own <= receiving and len(acting) == 1:
            counts.update(acting)
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return []
    code = ranked[0][0]
    if code not in kb.countries:
        return []
    return [government(kb, code)]


def counterpart_of(ctx: ArticleContext, actors: list[EventActor]) -> list[EventActor]:
    """The other of the article's two most named states, when the actor is one of them (see
    :meth:`AdversaryRecipients.counterpart`)."""
    main = ctx.article_states()
    own = {a.country for a in actors if a.country is not None}
    others = [code for code in main if code not in own]
    if len(main) < 2 or not own or not own <= set(main) or len(others) != 1:
        return []
    return [government(ctx.resolver.kb, others[0])]


def article_adversary(ctx: ArticleContext, actors: list[EventActor]) -> list[EventActor]:
    """The state an act with no named target is aimed at: :func:`adversary_so_far`, else the other of the article's
    two main states (:func:`counterpart_of`)."""
    found = adversary_so_far(ctx, actors)
    return counterpart_of(ctx, actors) if found is None else found
