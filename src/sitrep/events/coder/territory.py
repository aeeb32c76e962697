"""Recipients from places: the state of a place an act is aimed at or a deployment is at, the state a
withdrawal leaves, and the owner of a border a deployment is near ("near Ukraine's borders", "*its* border
with Pakistan")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.events.coder.recipient_base import RecipientBase, government
from sitrep.events.coder.syntax import (
    NAME_PARTS,
    OBJECTS,
    RELATIVE,
    RELATIVE_PRONOUNS,
    conjuncts,
    of_object,
    prep_objects,
    proper_name,
    subject_children,
)
from sitrep.events.geo import load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.record import EventActor, Place
    from sitrep.nlp.layers import Mention, Sentence


class TerritoryRecipients(RecipientBase):
    """The recipient finder's rules for places, borders and territory."""

    def facing(self, location: Place | None, actors: list[EventActor]) -> list[EventActor]:
        """The state a deployment faces: the country of the place it is at, when that is not the actor's own."""
        if location is None or location.country is None or location.country in {a.country for a in actors}:
            return []
        kb = self.ctx.resolver.kb
        return [government(kb, location.country)] if location.country in kb.countries else []

    def target_place(self, trigger: SpacyToken, predicate: SpacyToken) -> Place | None:
        """The place an act is aimed at: a place name heading, or named in, the trigger's or its verb's object
        or its object after a target preposition (data: ``place_target_preps``)."""
        gazetteer = load_gazetteer()
        preps = self.ctx.coding_rules.place_target_preps
        for owner in (trigger, predicate) if trigger is not predicate else (predicate,):
            nouns = [c for c in owner.children if c.dep_ in OBJECTS and c.i > owner.i]
            subjects = subject_children(owner)
            if owner.dep_ in RELATIVE and any(
                c.lower_ in RELATIVE_PRONOUNS
                and (c.dep_ in OBJECTS or (c in subjects and len(subjects) > 1) or (c.dep_ == "mark" and subjects))
                for c in owner.children
            ):
                nouns.append(owner.head)  # "Crimea, *which* Russia seized in 2014"
            nouns += [noun for prep, noun in prep_objects(owner) if prep.lower_ in preps and noun.i > owner.i]
            if owner.i == trigger.i and trigger.pos_ == "NOUN" and self.opts.noun_agents:
                theme = of_object(trigger)  # "the 2014 annexation *of Crimea*", "the shelling *of Kharkiv*"
                nouns += [theme] if theme is not None else []
            for noun in (n for head in nouns for n in conjuncts(head)):
                names = [noun] + [
                    c for c in noun.children if c.dep_ in NAME_PARTS | {"nmod", "appos"} and c.pos_ == "PROPN"
                ]
                for name in names:
                    if name.pos_ != "PROPN" or self.ctx.attributed(name.idx):
                        continue
                    place = gazetteer.lookup(proper_name(name))
                    if place is not None and place.country is not None:
                        return place
        return None

    def origin_state(self, trigger: SpacyToken, predicate: SpacyToken, actors: list[EventActor]) -> list[EventActor]:
        """The state a withdrawal leaves: the country of the place named after an origin preposition ("withdrew its
        troops *from southern Lebanon*", "the withdrawal of its troops *from Cambodia*", "pulled *out of* Kuwait
        City") or as the object of a verb of leaving ("*left* Afghanistan"); none when that is the actor's own."""
        rules = self.ctx.rules
        owners = [trigger, predicate] if trigger is not predicate else [predicate]
        nouns: list[SpacyToken] = []
        for owner in owners:
            objects = [c for c in owner.children if c.dep_ in OBJECTS and c.i > owner.i]
            theme = of_object(owner) if owner.pos_ == "NOUN" else None
            if owner.lemma_.lower() in rules.origin_verbs:
                nouns.extend(objects)
            for holder in [owner, *objects, *([theme] if theme is not None else [])]:
                for prep, noun in prep_objects(holder):
                    before = self.ctx.tokens[prep.i - 1].lower_ if prep.i > 0 else ""
                    words = {prep.lower_, f"{before} {prep.lower_}"}
                    if noun.i > holder.i and words & rules.origin_preps:
                        nouns.append(noun)
        own = {a.country for a in actors}
        kb = self.ctx.resolver.kb
        gazetteer = load_gazetteer()
        for noun in nouns:
            # the place itself, not a place that qualifies it ("leaving *positions* in Crimea")
            place = gazetteer.lookup(proper_name(noun)) if noun.pos_ == "PROPN" else None
            if place is None or place.country is None:
                continue
            if place.country in own or place.country not in kb.countries:
                return []
            return [government(kb, place.country)]
        return []

    def border_owner(self, sentence: Sentence, actors: list[EventActor]) -> list[EventActor]:
        """The state whose border a deployment is near ("near Ukraine's borders", "along the Ukrainian
        border", "towards its frontier"); none when it is the actor's own border."""
        text = self.ctx.article.text[sentence.start : sentence.end]
        own = {a.country for a in actors}
        kb = self.ctx.resolver.kb
        for found in self.ctx.coding_rules.border.finditer(text):
            owner = found.group("owner")
            code: str | None
            if owner.lower() in self.ctx.coding_rules.pronoun_owners:
                code = (
                    self._state_before(sentence, sentence.start + found.start(), skip=own)
                    if self.opts.near_pronoun_owners
                    else None
                ) or self.ctx.first_state(sentence)
            else:
                code = kb.country(owner.split()[-1]) or kb.country(owner)
            if code is None:
                continue
            if code in own and self.opts.shared_borders:
                # "moved troops to *its border with Pakistan*": the state across the actor's own border
                other = self._state_across(sentence, sentence.start + found.end())
                if other is not None and other not in own:
                    return [government(kb, other)]
            if code in own or code not in kb.countries:
                return []
            return [government(kb, code)]
        return []

    def _mention_state(self, mention: Mention) -> str | None:
        """The country a state, capital or government mention stands for, if any."""
        if mention.label not in ("GPE", "ORG", "NORP"):
            return None
        resolver = self.ctx.resolver
        entity = resolver.entities.get(mention.entity) if mention.entity else None
        code = entity.country if entity is not None else resolver.kb.country(mention.text)
        return code if code is not None and code in resolver.kb.countries else None

    def _state_before(self, sentence: Sentence, offset: int, *, skip: set[str | None]) -> str | None:
        """What "its" at ``offset`` stands for: the nearest state named before it as a noun phrase of its own
        ("*Kyiv* estimated that 80,000 Russian troops had gathered near *its* borders"), not as a word qualifying
        another noun ("*Russian* troops") or as a force, and not one of ``skip`` (the actors' states: "Ukraine says
        *Russia* has moved troops to *its* border")."""
        for mention in reversed(self.ctx.resolver.mentions_in(sentence.start, offset)):
            head = self.ctx.mention_head(mention)
            if head.dep_ in ("amod", "compound", "nmod:poss", "poss") and head.head.i > head.i:
                continue
            if self.ctx.resolver.military_head(head.text):
                continue  # "Russian *troops* had gathered near its borders": a force has no border
            code = self._mention_state(mention)
            if code is not None and code not in skip:
                return code
        return None

    def _state_across(self, sentence: Sentence, offset: int) -> str | None:
        """The state named in a "with" phrase right after a border ("its border *with Pakistan*")."""
        rest = self.ctx.article.text[offset : sentence.end]
        match = re.match(r"\s+with\s+(?:the\s+)?", rest)
        if match is None:
            return None
        mention = self.ctx.resolver.mention_at(offset + match.end())
        return self._mention_state(mention) if mention is not None else None
