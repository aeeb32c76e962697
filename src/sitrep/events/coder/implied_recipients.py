"""Recipients a clause implies through another phrase: the party of a threat's condition ("if the United States
attacked"), the state that reports a deployment with no target ("*Kyiv says* troops are deployed there"), the
backed party of a backer's act, the party the verb a clause hangs on addresses ("called *Kuleba* to express
support"), and the actor of the earlier event an object refers back to ("condemned *the attack*")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.parties import dedupe, not_actors
from sitrep.events.coder.recipient_base import RecipientBase, government
from sitrep.events.coder.syntax import (
    OBJECTS,
    VERB_POS,
    object_controller,
    own_addressee,
    prep_objects,
    reported_object_subject,
    subject_children,
    subject_of,
)
from sitrep.events.text import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.parties import EventFrame
    from sitrep.events.record import EventActor


class ImpliedRecipients(RecipientBase):
    """The recipient finder's rules for recipients another phrase of the clause implies."""

    def _referred_actors(
        self, trigger: SpacyToken, predicate: SpacyToken, actors: list[EventActor], *, generic: bool, hostile: bool = False
    ) -> list[EventActor]:
        """The parties of the earlier event the trigger's object refers back to ("condemned *the attack*": the
        attacker), when the object is a trigger noun after a determiner (``generic``: a noun naming an event of
        any type, "welcomed *the decision*"); none when that is the actor itself. A ``hostile`` judgement (an
        accusation, a threat) is of another party's act: the actor's own events of the type are passed over."""
        own = {a.country for a in actors}
        owners = (trigger, predicate) if trigger is not predicate else (predicate,)
        objects = [child for owner in owners for child in owner.children if child.dep_ in OBJECTS and child.pos_ == "NOUN"]
        if self.opts.referring_subjects and trigger.dep_ in OBJECTS and trigger.head.i == predicate.i:
            # "the strikes showed *the utter brutality* of the war": the trigger is no back reference of its own;
            # the subject its verb says it of is ("*the strikes* showed")
            objects = [o for o in objects if o.i != trigger.i]
            said_of = subject_of(predicate)
            if said_of is not None and not said_of[1] and said_of[0].pos_ == "NOUN":
                objects.insert(0, said_of[0])
        if self.opts.referring_phrases:
            # "deeply shocked *by the attacks*", "voiced concern *over the buildup*"
            objects += [
                noun
                for owner in owners
                for prep, noun in prep_objects(owner)
                if prep.lower_ in self.ctx.rules.referring_preps and noun.pos_ == "NOUN" and noun.i > trigger.i
            ]
        for obj in objects:
            found = self._referred_by(obj, own, generic=generic, others=hostile and self.opts.others_acts)
            if found is not None:
                return found
        return []

    def _referred_by(
        self, obj: SpacyToken, own: set[str | None], *, generic: bool, others: bool = False
    ) -> list[EventActor] | None:
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
        material = self.opts.conflict_nouns and obj.lower_ in self.ctx.rules.conflict_event_nouns
        for event in reversed(self.ctx.history):
            if wanted is not None and event.type not in wanted:
                continue
            if material and event.type not in self.ctx.rules.force_types:
                continue  # "condemned *the serious escalation*": an act of force, not the last words said
            parties = [a for a in event.actor if a.country is not None]
            if parties and not {a.country for a in parties} <= own:
                return parties
            if parties and not others:
                return []
        return None

    def _meeting_body(self, frame: EventFrame, actors: list[EventActor]) -> list[EventActor]:
        """The body asked to meet, for a request of a meeting that names no party (data: ``meeting_request_types``,
        ``meeting_nouns``, ``meeting_verbs``): an organisation named in the meeting noun's phrase ("asked for
        consultations under Article 4 *of the North Atlantic Treaty*"), else the subject of the meeting verb the
        request hangs on ("*The Security Council* met in emergency session after both Russia and Ukraine asked for
        a meeting", "*The Security Council* was due to meet at Israel's request"), when it is an organisation."""
        rules = self.ctx.rules
        if not self.opts.meeting_bodies or frame.event_type not in rules.meeting_request_types:
            return []
        trigger, predicate = frame.trigger, frame.predicate
        owners = (trigger, predicate) if trigger is not predicate else (predicate,)
        nouns = [c for owner in owners for c in owner.children if c.dep_ in OBJECTS and c.i > owner.i]
        nouns += [noun for owner in owners for _, noun in prep_objects(owner) if noun.i > owner.i]
        for noun in nouns:
            if noun.lemma_.lower() not in rules.meeting_nouns:
                continue
            for token in noun.subtree:
                found = self._organisation_at(token, actors) if token.i > noun.i else []
                if found:
                    return found
        verbs: list[SpacyToken] = []
        token = trigger
        for _ in range(3):
            if token.head.i == token.i:
                break
            token = token.head
            verbs.append(token)
        # "the Council convened after Lebanon requested a meeting" parsed with the meeting verb under the request
        verbs += [c for c in trigger.children if c.dep_ in ("advcl", "conj") and c.i < trigger.i]
        meeting = next((v for v in verbs if v.lemma_.lower() in rules.meeting_verbs and v.pos_ in VERB_POS), None)
        if meeting is None:
            return []
        subject = subject_of(meeting)
        if subject is None and meeting.dep_ in ("csubj", "xcomp") and meeting.head.i != meeting.i:
            subject = subject_of(meeting.head)  # "was due to meet": the subject of the word it completes
        return self._organisation_at(subject[0], actors) if subject is not None and not subject[1] else []

    def _organisation_at(self, token: SpacyToken, actors: list[EventActor]) -> list[EventActor]:
        """The organisation (a party of no state: the UN, NATO) a word names, unless it is one of the actors."""
        mention = self.ctx.resolver.mention_at(token.idx)
        if mention is None:
            return []
        actor = self.parties.code(mention, date=None, event_type="REQUEST")
        kb = self.ctx.resolver.kb
        if actor is None or actor.country is None or actor.country in kb.countries:
            return []
        return not_actors([actor], actors)

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
                return [government(kb, code)] if code in kb.countries else []
            token = head
        return []

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
