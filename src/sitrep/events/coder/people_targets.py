"""Recipients and actors of acts against people: the actor's own people as the target of an act against unnamed
people or a body that names no state ("police *detained dozens of people*", "opened fire *on villagers*"), and
the state holding people arrested by no named agent (data: ``custody_words``, ``domestic_targets``, the knowledge
base's generic bodies)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.adversaries import AdversaryRecipients
from sitrep.events.coder.parties import VICTIM_SUBJECT_TYPES
from sitrep.events.coder.places import named_states
from sitrep.events.coder.recipient_base import government
from sitrep.events.coder.syntax import OBJECTS, VERB_POS, prep_objects
from sitrep.events.record import EventActor

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.record import Place


class PeopleTargets(AdversaryRecipients):
    """The recipient finder's rules for acts against people (a seizure aimed at none falls back on the adversary)."""

    def custody(self, trigger: SpacyToken, event_type: str) -> bool:
        """Whether a trigger names an arrest or a detention (data: ``custody_words``)."""
        return event_type in VICTIM_SUBJECT_TYPES and trigger.lemma_.lower() in self.ctx.coding_rules.custody_words

    def custodian(self, location: Place | None, recipients: list[EventActor]) -> list[EventActor]:
        """Who holds people arrested by no named agent ("Navalny *was arrested* when he flew back to Russia",
        "400 people were detained in Russian cities"): the state where it happened, else the one state of those
        held; none when that is unknown."""
        kb = self.ctx.resolver.kb
        held = {r.country for r in recipients}
        code = location.country if location is not None and location.country in kb.countries else None
        if code is None and len(held) == 1:
            code = next(iter(held))
        if code is None or code not in kb.countries:
            return []
        return [government(kb, code)]

    def own_people(self, predicate: SpacyToken, actors: list[EventActor], location: Place | None) -> list[EventActor]:
        """The actor's own people as the target of an act against unnamed people of no other state ("police
        *detained dozens of people*", "soldiers had *arrested several ministers*"; data: ``domestic_targets``), or
        against a body that names no state ("attacked *rebel positions*", "opened fire *on villagers*", "used tear
        gas to disperse *opposition supporters*": the knowledge base's generic bodies, with their sector); a body's
        state is the actor's, else, for an actor of no state, the place's. A seizure aimed at none of these is
        aimed at the actor's adversary (:meth:`seized_from`)."""
        found = self._own_people(predicate, actors, location)
        return found or self.seized_from(predicate, actors)

    def _own_people(self, predicate: SpacyToken, actors: list[EventActor], location: Place | None) -> list[EventActor]:
        kb = self.ctx.resolver.kb
        own = {a.country for a in actors if a.country in kb.countries}
        abroad = self._abroad(own) if location is None and self.opts.abroad_people else None
        if abroad is not None:
            # "A Russian missile tore through the building in Mykolaiv, *killing at least seven people*": the people
            # of the state where the sentence places the act, not the attacker's own
            own = {abroad}
        elif len(own) != 1 or (location is not None and location.country not in own | {None}):
            if not (self.opts.body_targets and not own and location is not None and location.country in kb.countries):
                return []
            own = {location.country}
        code = next(iter(own))
        for noun in self._target_nouns(predicate):
            sector = self._body_sector(noun) if self.opts.body_targets else None
            if sector is None and noun.pos_ == "NOUN" and noun.lemma_.lower() in self.ctx.coding_rules.domestic_targets:
                sector = "CVL"
            if sector is not None:
                return [EventActor(kb.countries[code].name, code, sector, None)]
        return []

    def _abroad(self, own: set[str]) -> str | None:
        """The one state of the places the current sentence names (not in an attribution), when the actors are of
        one other state; ``None`` otherwise."""
        sentence = self.ctx.current_sentence
        states = named_states(self.ctx, sentence)
        if len(own) != 1 or len(states) != 1 or states & own:
            return None
        return next(iter(states))

    def _target_nouns(self, predicate: SpacyToken) -> list[SpacyToken]:
        """The nouns an act against people may aim at: the verb's objects (and their "of" nouns: "dozens *of*
        people"), with, for :attr:`body_targets`, its nouns after a target preposition ("opened fire *on*
        villagers") and the objects of its purpose clause ("used tear gas *to disperse* supporters")."""
        verbs = [predicate]
        if self.opts.body_targets:
            verbs += [
                c for c in predicate.children
                if c.dep_ in ("advcl", "xcomp") and c.pos_ in VERB_POS and any(m.lower_ == "to" for m in c.children)
            ]
        heads = [c for verb in verbs for c in verb.children if c.dep_ in OBJECTS | {"nsubj:pass", "nsubjpass"}]
        if self.opts.body_targets:
            preps = self.ctx.rules.body_target_preps
            heads += [noun for prep, noun in prep_objects(predicate) if prep.lower_ in preps and noun.i > predicate.i]
        return [n for obj in heads for n in (obj, *(noun for prep, noun in prep_objects(obj) if prep.lower_ == "of"))]

    def _body_sector(self, noun: SpacyToken) -> str | None:
        """The sector of a body a noun phrase names with no state of its own ("opposition supporters" OPP,
        "*rebel* positions" REB, "villagers" CVL; the knowledge base's generic bodies); ``None`` for another noun
        or one a name qualifies."""
        if noun.pos_ != "NOUN":
            return None
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod:poss", "poss") and c.i < noun.i]
        if any(m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP", "ORG") for m in mods):
            return None  # "*Ukrainian* positions": a named party's, found elsewhere
        kb = self.ctx.resolver.kb
        words = [m for m in mods if m.pos_ == "NOUN"]
        phrases = [f"{m.text} {noun.text}" for m in words] + [noun.text] + [m.text + "s" for m in words]
        for phrase in phrases:
            body = kb.generic_body(phrase.lower())
            if body is not None:
                return None if body[1] in self.ctx.rules.body_skip_sectors else body[1]
        return None
