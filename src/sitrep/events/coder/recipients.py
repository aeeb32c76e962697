"""The recipient of an event: the object side of its trigger.

The recipient is the direct object, or the object of "against", "with", "to", "on", ... (data:
``recipient_preps``), with the parties the text lists after it; the passive subject of an act done to it; the
party the clause addresses through the verb it hangs on ("called *Kuleba* to express support"); the backed
party of a backer's act; the actor of the earlier event an object refers back to ("condemned *the attack*");
else the first party named after the trigger, up to a phrase that is the event's context ("*amid* reports of
...") and past sources, audiences and phrases of exclusion. Rules (data: ``event_coding.json``) add the owner
of a border a deployment is near, the other of the article's two main states, the state of a place attacked,
the actor's own people for arrests of unnamed people, the recipient an earlier event of the sentence implies
and, for an attack or a seizure of ground with no named target, the actor's adversary in the article; a threat
also reaches the party of its condition ("if the United States attacked"), and a deployment with no recipient faces
the other state that reports it ("Kyiv says ... troops are deployed there"; data: ``event_actors.json``). A name
in another act's clause (:mod:`sitrep.events.coder.clauses`) is no recipient.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from sitrep.events.actors import PLACE_LABELS
from sitrep.events.coder.clauses import other_clause
from sitrep.events.coder.parties import TITLE_GAP, VICTIM_SUBJECT_TYPES, dedupe, not_actors
from sitrep.events.coder.syntax import (
    NAME_PARTS,
    OBJECTS,
    RELATIVE,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    UD_OBLIQUE,
    VERB_POS,
    agent_of,
    conjuncts,
    misread_clause_verb,
    object_controller,
    of_object,
    own_addressee,
    prep_objects,
    proper_name,
    reported_object_subject,
    reporter_of,
    subject_children,
    subject_of,
)
from sitrep.events.geo import load_gazetteer
from sitrep.events.record import EventActor
from sitrep.events.text import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.parties import EventFrame, PartyReader
    from sitrep.events.record import Event, Place
    from sitrep.kb import KnowledgeBase
    from sitrep.nlp.layers import Mention, Sentence


class RecipientFinder:
    """Finds the recipients of one article's events (:meth:`recipients_for`) and the rules' recipients."""

    def __init__(self, ctx: ArticleContext, parties: PartyReader) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.parties = parties

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
        return [_government(kb, code)]

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
            return self.adversary(actors)
        if self.opts.own_governments and event_type in self.ctx.rules.domestic_types:
            return self.own_government(actors)
        return []

    def own_government(self, actors: list[EventActor]) -> list[EventActor]:
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
        return [_government(kb, code)]

    def _open_addressee(self) -> bool:
        """Whether the sentence aims at whoever does something ("warned that *anyone* who tried to interfere would
        face consequences"; data: ``open_addressees``): no one named, so no adversary either."""
        sentence = self.ctx.current_sentence
        span = self.ctx.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        words = self.ctx.rules.open_addressees
        return span is not None and any(t.lower_ in words and t.dep_ in SUBJECTS for t in span)

    def adversary(self, actors: list[EventActor]) -> list[EventActor]:
        """The state an act with no named target is aimed at (:func:`adversary_so_far`), else the other of the
        article's two main states (:meth:`counterpart`)."""
        found = adversary_so_far(self.ctx, actors)
        return self.counterpart(actors) if found is None else found

    def _referred_actors(
        self, trigger: SpacyToken, predicate: SpacyToken, actors: list[EventActor], *, generic: bool
    ) -> list[EventActor]:
        """The parties of the earlier event the trigger's object refers back to ("condemned *the attack*": the
        attacker), when the object is a trigger noun after a determiner (``generic``: a noun naming an event of
        any type, "welcomed *the decision*"); none when that is the actor itself."""
        own = {a.country for a in actors}
        owners = (trigger, predicate) if trigger is not predicate else (predicate,)
        objects = [child for owner in owners for child in owner.children if child.dep_ in OBJECTS and child.pos_ == "NOUN"]
        if self.opts.referring_phrases:
            # "deeply shocked *by the attacks*", "voiced concern *over the buildup*"
            objects += [
                noun
                for owner in owners
                for prep, noun in prep_objects(owner)
                if prep.lower_ in self.ctx.rules.referring_preps and noun.pos_ == "NOUN" and noun.i > trigger.i
            ]
        for obj in objects:
            found = self._referred_by(obj, own, generic=generic)
            if found is not None:
                return found
        return []

    def _referred_by(self, obj: SpacyToken, own: set[str | None], *, generic: bool) -> list[EventActor] | None:
        """The parties of the earlier event a noun after a determiner refers back to (see :meth:`_referred_actors`);
        ``None`` when the noun refers to no event."""
        lexicon = self.ctx.clf.lexicon
        if not any(c.dep_ in ("det", "nmod:poss", "poss") and c.lower_ in lexicon.anaphoric for c in obj.children):
            return None
        wanted: set[str] | None = None
        if generic:
            if obj.lower_ not in self.ctx.coding_rules.event_nouns:
                return None
        else:
            tokens = tokenize(obj.text, irregular=lexicon.irregular)
            wanted = {hit.type for hit in lexicon.type_hits(tokens) if not hit.participant}
            if not wanted:
                return None
        for event in reversed(self.ctx.history):
            if wanted is not None and event.type not in wanted:
                continue
            parties = [a for a in event.actor if a.country is not None]
            if parties and not {a.country for a in parties} <= own:
                return parties
            if parties:
                return []
        return None

    def facing(self, location: Place | None, actors: list[EventActor]) -> list[EventActor]:
        """The state a deployment faces: the country of the place it is at, when that is not the actor's own."""
        if location is None or location.country is None or location.country in {a.country for a in actors}:
            return []
        kb = self.ctx.resolver.kb
        return [_government(kb, location.country)] if location.country in kb.countries else []

    def own_people(self, predicate: SpacyToken, actors: list[EventActor], location: Place | None) -> list[EventActor]:
        """The actor's own people as the target of an act against unnamed people of no other state ("police
        *detained dozens of people*", "soldiers had *arrested several ministers*"; data: ``domestic_targets``), or
        against a body that names no state ("attacked *rebel positions*", "opened fire *on villagers*", "used tear
        gas to disperse *opposition supporters*": the knowledge base's generic bodies, with their sector); a body's
        state is the actor's, else, for an actor of no state, the place's. A seizure aimed at none of these is
        aimed at the actor's adversary (:meth:`seized_from`)."""
        found = self._own_people(predicate, actors, location)
        return found or self.seized_from(predicate, actors)

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
        return not_actors(self.adversary(actors), actors)

    def _own_people(self, predicate: SpacyToken, actors: list[EventActor], location: Place | None) -> list[EventActor]:
        kb = self.ctx.resolver.kb
        own = {a.country for a in actors if a.country in kb.countries}
        if len(own) != 1 or (location is not None and location.country not in own | {None}):
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
            return [_government(kb, place.country)]
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
                    return [_government(kb, other)]
            if code in own or code not in kb.countries:
                return []
            return [_government(kb, code)]
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

    def counterpart(self, actors: list[EventActor]) -> list[EventActor]:
        """The other of the article's two most named states, when the actor is one of them (a build-up in a story
        about Russia and Ukraine faces Ukraine; one by a third state, or one the story names no other state
        for, faces no one)."""
        main = self.ctx.article_states()
        own = {a.country for a in actors if a.country is not None}
        others = [code for code in main if code not in own]
        if len(main) < 2 or not own or not own <= set(main) or len(others) != 1:
            return []
        return [_government(self.ctx.resolver.kb, others[0])]

    def recipients_for(
        self, frame: EventFrame, *, exclude: set[int], actors: list[EventActor] | None = None
    ) -> tuple[list[EventActor], set[int]]:
        """The event's recipients (see :meth:`_recipients`), with the parties the text lists after the last
        of them when the parse lost the coordination ("talks with the Polish prime minister *and the Czech
        president*"); the mentions at ``exclude`` (the actors') are no recipients."""
        found, used = self._recipients(frame, exclude=exclude, actors=actors)
        if found and self.opts.listed_recipients:
            fresh = [offset for offset in used - exclude if offset > frame.trigger.idx]
            if fresh:
                listed = self._listed_after(max(fresh), frame.sentence, frame.event_type, frame.date, used)
                found = dedupe(found + listed)
        if self.opts.condition_parties and frame.event_type in self.ctx.rules.condition_types:
            found = dedupe(found + not_actors(self._condition_parties(frame, used), actors or []))
        if not found and self.opts.watchers and frame.event_type in self.ctx.rules.watched_types:
            found = self._watcher(frame, actors or [], used)
        return found, used

    def _condition_parties(self, frame: EventFrame, used: set[int]) -> list[EventActor]:
        """The parties of the condition clauses after a threat's trigger ("threatened to close the strait *if the
        United States attacked*", "aid was at risk *unless Bazoum was returned* to power"; data: ``condition_marks``):
        the subject of each clause's verb, active or passive."""
        out: list[EventActor] = []
        marks = self.ctx.rules.condition_marks
        for token in self.ctx.tokens[frame.trigger.i :]:
            if token.idx >= frame.sentence.end:
                break
            if token.lower_ not in marks or token.dep_ != "mark" or token.head.pos_ not in VERB_POS | {"ADJ"}:
                continue
            subject = subject_of(token.head)
            if subject is None or subject[0].i < token.i:
                continue
            head = self.parties.antecedent(subject[0])
            out.extend(self.parties.phrase_actors(head, frame.event_type, frame.date, used))
        return dedupe(out)

    def _watcher(self, frame: EventFrame, actors: list[EventActor], used: set[int]) -> list[EventActor]:
        """The state of the speaker who reports a deployment, when that is not the actor's ("*Kyiv says* more than
        80,000 Russian troops are deployed there", "*Khomchak told* parliament that 28 battalion tactical groups were
        in place"; data: ``watched_types``, ``watch_verbs``): the side that watches it faces it."""
        token = frame.predicate
        for _ in range(3):
            head = token.head
            if head.i == token.i or token.dep_ not in ("ccomp", "parataxis", "conj"):
                return []
            if head.lemma_.lower() in self.ctx.rules.watch_verbs and head.pos_ in VERB_POS:
                speaker = subject_of(head)
                if speaker is None or speaker[1]:
                    return []
                found = self.parties.phrase_actors(
                    self.parties.role_holder(self.parties.antecedent(speaker[0])) or self.parties.antecedent(speaker[0]),
                    frame.event_type,
                    frame.date,
                    set(used),
                )
                own = {a.country for a in actors}
                states = {a.country for a in found}
                kb = self.ctx.resolver.kb
                if len(states) != 1 or states & own or not own:
                    return []
                code = next(iter(states))
                return [_government(kb, code)] if code in kb.countries else []
            token = head
        return []

    def _listed_after(
        self, offset: int, sentence: Sentence, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The parties listed after the mention at ``offset``: a chain of names joined by commas and ending with
        "and" ("with Macron, Scholz *and* Sunak"; title words between are allowed), none past a break."""
        mention = self.ctx.resolver.mention_at(offset)
        if mention is None:
            return []
        edge, chain, out = mention.end, [], []
        for later in self.ctx.resolver.mentions_in(mention.end, sentence.end):
            if later.start < edge or self.ctx.title_qualifier(later) or later.start in used:
                if later.start in used:
                    break
                continue
            gap = self.ctx.article.text[edge : later.start]
            joined = re.fullmatch(r"\s*(,\s*)?(and\s+)?" + TITLE_GAP.pattern, gap)
            if joined is None or not (joined.group(1) or joined.group(2)):
                break
            actor = self.parties.code(later, date=date, event_type=event_type)
            if actor is None:
                break
            chain.append((later.start, actor))
            if joined.group(2):
                for start, listed in chain:
                    used.add(start)
                    out.append(listed)
                chain = []
            edge = later.end
        return out

    def _recipients(
        self, frame: EventFrame, *, exclude: set[int], actors: list[EventActor] | None = None
    ) -> tuple[list[EventActor], set[int]]:
        trigger, predicate, sentence = frame.trigger, frame.predicate, frame.sentence
        event_type, date = frame.event_type, frame.date
        used: set[int] = set(exclude)
        if event_type in self.ctx.coding_rules.no_recipient_types:
            if self.opts.retreat_origins and event_type in self.ctx.rules.origin_types:
                return self.origin_state(trigger, predicate, actors or []), used
            return [], used
        subject = subject_of(predicate)
        if subject is not None and subject[1] and (
            agent_of(predicate) is not None
            or event_type in VICTIM_SUBJECT_TYPES
        ):
            # the passive subject undergoes the act ("soldiers were killed by ...", "four soldiers were killed")
            found = self.parties.phrase_actors(subject[0], event_type, date, used)
            if found:
                return found, used
        heads: list[SpacyToken] = []
        cases: dict[int, SpacyToken] = {}
        preps = self.ctx.rules.recipient_preps
        for owner in (trigger, predicate) if trigger is not predicate else (predicate,):
            # a noun trigger's verb: the objects before the trigger only carry a party ("launched missiles *against*
            # Ukraine in one of the heaviest strikes"); themselves they are the verb's ("briefed *Austin* on the fighting")
            after = trigger.i if owner == trigger else min(trigger.i, owner.i + 1)
            objects = [child for child in owner.children if child.dep_ in OBJECTS and child.i >= after]
            if owner is predicate and misread_clause_verb(owner):
                objects.append(owner.head)  # "Russia had *massed* troops near Ukraine" read as "massed troops"
            heads.extend(obj for obj in objects if obj.i >= trigger.i)
            # "held talks *with* Kuleba at NATO headquarters": the object's own party comes before the verb's places
            for obj in (o for objects_ in objects for o in conjuncts(objects_)):  # "missiles and drones *against* Ukraine"
                heads.extend(noun for prep, noun in prep_objects(obj) if prep.lower_ in preps and noun.i > obj.i)
            pairs = prep_objects(owner)
            if owner.i == trigger.i and trigger.pos_ == "NOUN" and self.opts.own_themes and event_type in self.ctx.rules.own_theme_types:
                # "the supply of US weapons *to* Ukraine": the goods are the actor's; their "to" phrase, however
                # the parser attached it, is the noun's
                theme = of_object(trigger)
                pairs = [(p, n) for p, n in pairs if theme is None or n.i != theme.i]
                if theme is not None:
                    pairs += [(p, n) for p, n in prep_objects(theme) if p.lower_ != "of" and n.i > theme.i]
            for prep, noun in pairs:
                if prep.lower_ in preps and noun.i > trigger.i - 1:
                    heads.append(noun)
                    cases[noun.i] = prep
        distinct = event_type in self.ctx.coding_rules.distinct_types and self.opts.skip_own_side
        author = self.parties.noun_author(trigger, event_type) if trigger.pos_ == "NOUN" else None
        deferred: list[EventActor] = []
        for head in heads:
            if author is not None and head.i == author.i:
                continue  # "criticism *from Moscow*": the author, never the one criticised
            case = cases.get(head.i)
            cut = (
                self.ctx.context_cut(case.i, head.i)
                if case is not None and self.opts.context_cuts
                else None
            )
            if case is not None and cut is not None:
                # "a phone call with Zelensky *amid* Russian military buildup" read as one phrase: the parties
                # between the preposition and the context word
                found = self.parties.span_actors(case.idx + len(case.text), cut.idx, event_type, date, used)
            elif self._audience(head) or self._site(head, event_type):
                found = []  # "in a speech *to parliament*": who heard it, not whom it was about
            else:
                found = self.parties.phrase_actors(self.parties.object_antecedent(head, used), event_type, date, used)
            if found and distinct and not not_actors(found, actors or [], state=self.ctx.coding_rules.state_sectors):
                continue  # "restated *Washington's* backing for Ukraine": the actor's own side names no recipient
            if found and self._goal_after(head, heads, cases):
                deferred = deferred or found  # "handed over *an al-Qaeda suspect* to the United States"
                continue
            if found:
                return found, used
        if deferred:
            return deferred, used
        if self.opts.backers and event_type in self.ctx.rules.backed_types:
            found = not_actors(self._backed_party(predicate, event_type, date, used), actors or [])
            if found:
                return found, used
        if self.opts.inherit_recipients:
            found = self._governor_recipients(predicate, event_type, date, used, actors=actors or [])
            if found:
                return found, used
        referring = self.opts.referring_objects and event_type in self.ctx.coding_rules.referring_types
        if referring:
            referred = self._referred_actors(trigger, predicate, actors or [], generic=False)
            if referred:
                return referred, used
        if event_type in self.ctx.coding_rules.no_positional_types:
            return [], used
        # positional fallback: the first party named after the trigger (not in a locative phrase), up to a phrase
        # that is the event's context ("... *amid* reports of a Russian buildup", "weeks *after* Russia annexed")
        stop = (
            self.ctx.context_cut(trigger.i, len(self.ctx.doc))
            if self.opts.context_cuts
            else None
        )
        end = sentence.end if stop is None else min(sentence.end, stop.idx)
        for mention in self.ctx.resolver.mentions_in(trigger.idx + len(trigger.text), end):
            placed = mention.label in PLACE_LABELS or (
                mention.label == "NORP" and self.ctx.token_at(mention.start).dep_ in ("amod", "compound")
            )  # "met in *the Turkish resort* of Antalya": a place, not a party
            if mention.start in used or (placed and self.ctx.locative(sentence, mention)[0]):
                continue
            named = self.ctx.mention_head(mention)
            if self.parties.names_document(named, named.head):
                continue  # "respect the *Minsk* agreements"
            if self.opts.noun_agents and reporter_of(named, trigger, reporting=self.ctx.rules.reporting_verbs):
                continue  # "... while respecting the agreements," *the Elysee* said: the source, not a party
            if self._site(named, event_type):
                continue  # "signed a peace accord *at the White House*": where, not with whom
            if self.ctx.attributed(mention.start) or self._audience(named) or self.ctx.title_qualifier(mention):
                continue  # a source, an audience, or a word of a person's title ("*French* President Macron")
            if self.opts.foreign_phrases and self._foreign_phrase(named, trigger=trigger, predicate=predicate):
                continue  # "ready to keep the corridor going *without Russia*", "a call *chaired by* Meloni"
            if self.opts.other_clauses and other_clause(named, trigger=trigger, predicate=predicate):
                continue  # "struck targets near Kyiv, *while columns crossed from Russia*": another act's party
            actor = self.parties.code(mention, date=date, event_type=event_type)
            if actor is not None:
                used.add(mention.start)
                # with the parties coordinated with it ("warned that *America and Britain* would pay")
                together = self.parties.phrase_actors(self.ctx.mention_head(mention), event_type, date, used)
                return (together if actor in together else [actor]), used
        if referring:
            return self._referred_actors(trigger, predicate, actors or [], generic=True), used
        return [], used

    def _foreign_phrase(self, token: SpacyToken, *, trigger: SpacyToken, predicate: SpacyToken) -> bool:
        """Whether a name after the trigger stands in a phrase that cannot hold the event's recipient: one opened
        by a preposition of exclusion or comparison ("ready to keep the corridor going *without* Russia", "*unlike*
        Western aid"; data: ``non_recipient_preps``), or the agent of another verb ("declared a state of emergency
        and said civilians had been wounded *by Ukrainian shelling*")."""
        for _ in range(3):
            modifier = token.dep_ in ("nmod:poss", "poss", "compound", "amod") and token.head.i > token.i
            if not modifier and token.dep_ not in ("flat", "flat:name"):
                break
            token = token.head  # up from a qualifier or a name part to the phrase's head
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "brokered by France *and Germany*": the list's first member carries the preposition
        cases = {c.lower_ for c in token.children if c.dep_ == "case"}
        if cases & self.ctx.rules.non_recipient_preps:
            return True
        verb = token.head
        return "by" in cases and verb.pos_ in VERB_POS and verb.i not in (trigger.i, predicate.i)

    def _goal_after(self, head: SpacyToken, heads: list[SpacyToken], cases: dict[int, SpacyToken]) -> bool:
        """Whether ``head`` is a common-noun object (whose parties only qualify it: "a senior *al-Qaeda* suspect")
        that a later phrase of a goal preposition follows ("handed over a senior al-Qaeda suspect *to the United
        States*"; data: ``goal_preps``): the goal's party is the recipient."""
        if not self.opts.goal_recipients or head.dep_ not in OBJECTS or head.pos_ != "NOUN":
            return False
        goals = self.ctx.rules.goal_preps
        for later in (h for h in heads if h.i > head.i):
            case = cases.get(later.i)
            words = {case.lower_} if case is not None else {c.lower_ for c in later.children if c.dep_ == "case"}
            if later.dep_ == "pobj":
                words.add(later.head.lower_)
            if words & goals:
                return True
        return False

    def _site(self, token: SpacyToken, event_type: str) -> bool:
        """Whether a name is a government building that is only the event's site: after a site preposition ("signed
        a peace accord *at the White House*"; data: ``site_preps``) in an event that does not aim at it (an attack
        or a protest does; data: ``site_target_types``)."""
        rules = self.ctx.rules
        if not self.opts.building_sites or event_type in rules.site_target_types:
            return False
        for _ in range(2):
            if token.dep_ in NAME_PARTS and token.head.i > token.i:
                token = token.head  # "White *House*": from a name part up to the name's head
        cases = {c.lower_ for c in token.children if c.dep_ == "case" and c.i < token.i}
        if token.dep_ == "pobj":
            cases.add(token.head.lower_)
        if not cases & rules.site_preps:
            return False
        # "the *White* House": the name's words before its head, adjectives included
        words = [c for c in token.lefts if c.dep_ in NAME_PARTS | {"amod"}]
        name = " ".join(t.text for t in [*words[-3:], token]) if words else proper_name(token)
        kb = self.ctx.resolver.kb
        metonym = kb.metonym(name) or kb.metonym(proper_name(token))
        return metonym is not None and metonym.org is not None

    def _audience(self, token: SpacyToken) -> bool:
        """Whether a word names the audience of a speech ("in a speech *to Ukraine's parliament*", "an interview
        *with* Voice of America"; data: ``audience_nouns``): who heard it, never a party of what was said."""
        for _ in range(3):
            if token.dep_ in ("nmod:poss", "poss", "compound", "amod", "flat", "flat:name") and token.head.i > token.i:
                token = token.head
                continue
            break
        if token.dep_ not in UD_OBLIQUE or token.head.i >= token.i:
            return False
        case = next((c.lower_ for c in token.children if c.dep_ == "case" and c.i < token.i), None)
        return case in ("to", "before", "with") and token.head.lemma_.lower() in self.ctx.rules.audience_nouns

    def _backed_party(
        self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """Who a backer's act is for: "Britain, among *Kyiv's* most steadfast backers, has sent
        it tanks" -- the possessor (or "of" object) of the backer noun (data: ``backer_nouns``) the clause's verb hangs
        on as a participle or a coordinated verb."""
        token = predicate
        for _ in range(2):
            head = token.head
            if head.i == token.i or token.dep_ not in ("advcl", "conj", "acl", "xcomp"):
                return []
            backer: SpacyToken | None = head if head.lower_ in self.ctx.rules.backer_nouns else None
            if backer is None and head.pos_ in ("NUM", "PRON"):  # "one of Ukraine's backers"
                backer = next(
                    (n for p, n in prep_objects(head) if p.lower_ == "of" and n.lower_ in self.ctx.rules.backer_nouns),
                    None,
                )
            if backer is not None:
                owners = [c for c in backer.children if c.dep_ in ("nmod:poss", "poss")]
                owners += [n for p, n in prep_objects(backer) if p.lower_ == "of" and n.i > backer.i]
                out: list[EventActor] = []
                for owner in owners:
                    out.extend(self.parties.phrase_actors(owner, event_type, date, used))
                return dedupe(out)
            token = head
        return []

    def _governor_recipients(
        self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int], *, actors: list[EventActor]
    ) -> list[EventActor]:
        """The party a verb's clause addresses through the verb it hangs on, when it names none itself: "called
        *Kuleba* to express support", "spoke with *Putin* by telephone and proposed that the two men meet"
        (a coordinated verb sharing the subject, or a purpose clause with no subject of its own)."""
        token = predicate
        preps = self.ctx.rules.recipient_preps
        for _ in range(2):
            head = token.head
            if token.dep_ not in ("conj", "xcomp", "advcl") or head == token or head.pos_ not in VERB_POS:
                return []
            if subject_children(token) or reported_object_subject(token) is not None:
                return []  # a subject of its own: another party's act ("said *a Ukrainian strike* killed four")
            if (
                token.dep_ == "xcomp"
                and object_controller(token, rules=self.ctx.rules) is not None
                and not self.parties.told_act(token, event_type)
            ):
                return []  # "urged Putin to de-escalate": the object is the actor
            if own_addressee(token, rules=self.ctx.rules):
                return []  # "called Putin a terrorist and *urged allies* to send ...": its own addressee
            heads = [c for c in head.children if c.dep_ in OBJECTS and c.i < token.i]
            heads += [noun for prep, noun in prep_objects(head) if prep.lower_ in preps and noun.i < token.i]
            for obj in heads:
                found = not_actors(self.parties.phrase_actors(obj, event_type, date, used), actors)
                if found:
                    return found
            token = head
        return []


def adversary_so_far(ctx: ArticleContext, actors: list[EventActor]) -> list[EventActor] | None:
    """The state an act with no named target is aimed at ("Ukrainian troops struggle to hold back *Russian
    attacks*"): the one the actor's state most often acts against in the article's conflictual events so far,
    or that most often acts against it. ``[]`` for an actor of several states or none, or a tie; ``None`` when
    the article has told no conflictual event between the actor's state and another yet (the caller may fall
    back on the article's two main states)."""
    own = {a.country for a in actors if a.country is not None}
    if len(own) != 1:
        return []
    onto = ctx.clf.ontology
    kb = ctx.resolver.kb
    counts: Counter[str] = Counter()
    for event in ctx.history:
        if onto.quad_class(event.type) not in (3, 4):
            continue
        acting = {a.country for a in event.actor if a.country is not None}
        receiving = {r.country for r in event.recipient if r.country is not None}
        if not acting or not receiving or acting & receiving:
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
    return [_government(kb, code)]


def _government(kb: KnowledgeBase, code: str) -> EventActor:
    """A state as a party: its government (``code`` must be one of the knowledge base's countries)."""
    return EventActor(kb.countries[code].name, code, "GOV", None)
