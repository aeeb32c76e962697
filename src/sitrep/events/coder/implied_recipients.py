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
