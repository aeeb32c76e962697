"""Actor and recipient of events told otherwise than by a subject acting on an object: a judgement in a
reported clause ("he warned that *Moscow's actions* were deeply concerning"), a pejorative noun for the
accused's act ("voiced concern about *Russian aggression*"), and an act told from its receiving end
("Zelensky *took a call from* Biden", data: ``receive_verbs``), and an attack told by its interception ("air
defences *shot down* 20 Ukrainian drones", data: "detection" ``interception_verbs``, ``projectile_nouns``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.adversaries import adversary_so_far, article_adversary
from sitrep.events.coder.parties import dedupe, not_actors
from sitrep.events.coder.syntax import (
    OBJECTS,
    PASSIVE_AUX,
    PASSIVE_SUBJECTS,
    RELATIVE,
    RELATIVE_PRONOUNS,
    VERB_POS,
    agent_of,
    conjuncts,
    of_object,
    prep_objects,
    subject_children,
    subject_of,
)
from sitrep.events.coder.trigger_checks import name_type
from sitrep.events.text import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.parties import PartyReader
    from sitrep.events.record import EventActor


class IndirectRoles:
    """Each method returns ``(actors, recipients, used mention offsets)``, or None when the event is not told that way."""

    def __init__(self, ctx: ArticleContext, parties: PartyReader) -> None:
        self.ctx = ctx
        self.parties = parties

    def judgement(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of a judgement told in a reported clause ("he warned that Moscow's actions *were
        deeply concerning*"): the speaker judges the owner of the thing judged; also a thing named by a judging
        word (:meth:`named_judgement`) and an accused act told by its speaker (:meth:`accused_act`). None: not such a
        clause."""
        opts = self.ctx.opts
        found = self.named_judgement(trigger, event_type, date) if opts.named_judgements else None
        if found is None and opts.accused_acts:
            found = self.accused_act(trigger, event_type, date)
        if found is not None:
            return found
        if trigger.dep_ == "advmod":
            trigger = trigger.head  # "were *deeply* concerning"
        if event_type not in self.ctx.coding_rules.judgement_types or trigger.dep_ != "ccomp":
            return None
        if trigger.pos_ not in ("ADJ", "VERB") or any(c.dep_ in OBJECTS for c in trigger.children):
            return None
        judged = [c for c in subject_children(trigger) if c.pos_ == "NOUN"]
        speaker = subject_of(trigger.head)
        if not judged or speaker is None or speaker[1]:
            return None
        used: set[int] = set()
        recipients = dedupe(self.parties.noun_modifier_actors(judged[0], event_type, date, used))
        actors = self.parties.phrase_actors(self.parties.antecedent(speaker[0]), event_type, date, used)
        if not recipients or not actors:
            return None
        return actors, not_actors(recipients, actors), used

    def named_judgement(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an accusation told by the word a thing is named or described by ("Kyiv *called*
        the referendums a sham", "*described* Moscow's conduct as deeply concerning", "*calling* the deployments a
        threat"; data: ``judging_verbs``): the naming verb's subject accuses the party of the thing named
        (:meth:`_named_party`). None when the trigger is no such word or no accuser is named."""
        if event_type not in self.ctx.coding_rules.judgement_types:
            return None
        token = trigger.head if trigger.dep_ == "advmod" else trigger
        verbs = self.ctx.rules.judging_verbs
        verb: SpacyToken | None = None
        named: SpacyToken | None = None
        head = token.head
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        if token.pos_ in VERB_POS and token.lemma_.lower() in verbs and len(objects) > 1:
            if name_type(objects[1:], rules=self.ctx.coding_rules) != "ACCUSE":
                return None  # "calling the step *a reply*": a name that judges no one
            verb, named = token, objects[0]  # "*calling* the deployments a threat": the naming verb itself
        elif head.i != token.i and head.pos_ in VERB_POS and head.lemma_.lower() in verbs and token.dep_ in OBJECTS | {"xcomp", "obl", "advcl"}:
            verb = head  # "called the referendums *a sham*", "branded it *a provocation*"
            others = [c for c in verb.children if c.dep_ in OBJECTS and c.i != token.i]
            if others:  # "calling *the deployments* a threat": the trigger may be the thing named itself
                named = others[0] if others[0].i < token.i else token
            elif verb.dep_ in RELATIVE and verb.head.i < verb.i:
                named = verb.head  # "the referendums that Kyiv called *a sham*"
        elif token.dep_ == "acl" and head.dep_ in OBJECTS and head.head.lemma_.lower() in verbs and head.head.pos_ in VERB_POS:
            verb, named = head.head, head  # "described Moscow's conduct *as deeply concerning*"
        if verb is None or named is None:
            return None
        speaker = self._judge(verb)
        if speaker is None:
            return None
        used: set[int] = set()
        actors = self.parties.phrase_actors(self.parties.role_holder(speaker) or speaker, event_type, date, used)
        if not actors:
            return None
        return actors, not_actors(self._named_party(named, actors, event_type, date, used), actors), used

    def _judge(self, verb: SpacyToken) -> SpacyToken | None:
        """Who names a thing with ``verb``: its own subject, else (a participle or a joined verb with no subject of
        its own: "told parliament that Russia was building up forces, *calling* them a threat") the subject of the
        nearest reporting verb above it, else the subject it shares."""
        if not subject_children(verb):
            for above in verb.ancestors:
                if above.pos_ in VERB_POS and above.lemma_.lower() in self.ctx.rules.reporting_verbs:
                    own = subject_of(above)
                    if own is not None and not own[1]:
                        return self.parties.antecedent(own[0])
                    break
        found = subject_of(verb)
        if found is None or found[1] or found[0].lower_ in RELATIVE_PRONOUNS:
            return None
        return self.parties.antecedent(found[0])

    def _named_party(
        self, named: SpacyToken, actors: list[EventActor], event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The party a thing named or judged stands for: itself ("called *Putin* a killer", "*they*"), its owner
        ("*Moscow's* conduct"), the actor of the last earlier event of the kind the noun names ("the *deployments*"),
        else the accuser's adversary in the article (:func:`article_adversary`) ("the referendums")."""
        head = self.parties.antecedent(named)
        found = self.parties.phrase_actors(head, event_type, date, used) or self.parties.noun_modifier_actors(
            head, event_type, date, used
        )
        if found:
            return found
        own = {a.country for a in actors}
        lexicon = self.ctx.clf.lexicon
        if head.pos_ == "NOUN":
            wanted = {hit.type for hit in lexicon.type_hits(tokenize(head.text, irregular=lexicon.irregular)) if not hit.participant}
            for event in reversed(self.ctx.history) if wanted else ():
                parties = [a for a in event.actor if a.country is not None]
                if event.type in wanted and parties and not {a.country for a in parties} <= own:
                    return parties
        return article_adversary(self.ctx, actors)

    def accused_act(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an accusation told by the accused's act in a reported clause ('"Russia is
        *weaponising* hunger again," the minister told', "said the closure *violated* its right"; data:
        ``accused_act_verbs``): the speaker accuses the act's subject (the actor of the earlier event a noun
        subject refers to). None when the verb is no such verb or not reported."""
        if event_type not in self.ctx.coding_rules.judgement_types or trigger.pos_ not in VERB_POS:
            return None
        if trigger.lemma_.lower() not in self.ctx.rules.accused_act_verbs and trigger.lower_ not in self.ctx.rules.accused_act_verbs:
            return None
        reporting = self.ctx.rules.reporting_verbs
        report = trigger.head
        if trigger.dep_ not in ("ccomp", "parataxis") or report.lemma_.lower() not in reporting:
            # '"Russia is weaponising hunger," the minister *told* ...' read with the quote as the main clause
            inverted = [c for c in trigger.children if c.dep_ == "parataxis" and c.lemma_.lower() in reporting and c.i > trigger.i]
            if not inverted:
                return None
            report = inverted[0]
        speaker = subject_of(report)
        subject = subject_of(trigger)
        if speaker is None or speaker[1] or subject is None or subject[1]:
            return None
        used: set[int] = set()
        head = self.parties.antecedent(speaker[0])
        actors = self.parties.phrase_actors(self.parties.role_holder(head) or head, event_type, date, used)
        if not actors:
            return None
        return actors, not_actors(self._named_party(subject[0], actors, event_type, date, used), actors), used

    def pejorative_act(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an accusation told by a pejorative noun for the accused's act ("voiced concern
        about *Russian aggression*", "said Kyiv had staged a *provocation*", "said Putin was a *killer*"): the
        owner of the act (its nationality or possessor, the subject that commits or is it) is accused by the first
        party above it that is a subject of its own. None: no such noun, or no accused or accuser named."""
        if event_type not in self.ctx.coding_rules.judgement_types or trigger.pos_ != "NOUN":
            return None
        if not {trigger.lower_, trigger.lemma_.lower()} & self.ctx.coding_rules.pejorative_words:
            return None
        used: set[int] = set()
        accused = self.parties.noun_modifier_actors(trigger, event_type, date, used)
        top = trigger
        if not accused:
            caseless = self.ctx.opts.caseless_objects and trigger.dep_ == "obl" and trigger.head.pos_ in VERB_POS and not any(
                c.dep_ == "case" for c in trigger.children
            )  # "Kyiv had staged *another provocation*" read as an oblique with no preposition
            owner = trigger if subject_children(trigger) else trigger.head if trigger.dep_ in OBJECTS or caseless else None
            subject = subject_children(owner) if owner is not None else []
            if owner is None or not subject or subject[0].dep_ in PASSIVE_SUBJECTS:
                return None
            accused = self.parties.phrase_actors(self.parties.antecedent(subject[0]), event_type, date, used)
            top = owner
        if not accused:
            return None
        own = {a.country for a in accused}
        inside = {t.i for t in top.subtree}
        for verb in top.ancestors:
            found = subject_of(verb)
            if found is None or found[1] or found[0].i in inside:
                continue
            head = self.parties.antecedent(found[0])
            actors = self.parties.phrase_actors(self.parties.role_holder(head) or head, event_type, date, used)
            if actors and not {a.country for a in actors} <= own:
                return actors, not_actors(accused, actors), used
            if actors:
                return None
        return None

    def received(
        self, predicate: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an act told from its receiving end ("Zelensky *took* a call from Biden", "Kyiv
        *received* weapons from Washington"): the party after "from" does the act, the receiver's subject undergoes
        it. None when the verb is no verb of receiving (data: ``receive_verbs``), names no such party, or receives
        visitors ("received a delegation from Beijing": the host's meeting, told the other way round)."""
        if predicate.lemma_.lower() not in self.ctx.rules.receive_verbs or predicate.pos_ not in VERB_POS:
            return None
        subject = subject_of(predicate)
        if subject is None or subject[1]:
            return None
        objects = [c for c in predicate.children if c.dep_ in OBJECTS]
        if any(o.lemma_.lower() in self.ctx.rules.visitor_nouns or o.ent_type_ == "PERSON" for o in objects):
            return None
        owners = [predicate, *objects, *(noun for _, noun in prep_objects(predicate))]
        owners += [noun for owner in objects for _, noun in prep_objects(owner)]  # "a batch *of weapons* from"
        used: set[int] = set()
        actors: list[EventActor] = []
        for owner in owners:
            for prep, noun in prep_objects(owner):
                if prep.lower_ == "from" and noun.i > predicate.i:
                    actors = self.parties.phrase_actors(noun, event_type, date, used)
                    if actors:
                        break
            if actors:
                break
        if not actors:
            return None
        recipients = self.parties.phrase_actors(self.parties.antecedent(subject[0]), event_type, date, used)
        return actors, not_actors(recipients, actors), used

    def intercepted(
        self, predicate: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor of an attack told by its interception ("air defences *shot down* 20 Ukrainian drones", "it
        *intercepted* most of the missiles"): the owner of the weapons shot down (their nationality or possessor),
        else the shooter's adversary in the article; no recipient is named. None when the verb is no verb of
        interception or its object no weapon in flight (data: "detection" ``interception_verbs``,
        ``projectile_nouns``): "shot down five Russian planes" is an attack on the planes."""
        if event_type != "ASSAULT" or predicate.pos_ not in VERB_POS or not self.intercepting(predicate):
            return None
        weapons = self.projectiles(predicate)
        if not weapons:
            return None
        used: set[int] = set()
        owners: list[EventActor] = []
        for weapon in weapons:
            owners.extend(self.parties.noun_modifier_actors(weapon, event_type, date, used))
        if not owners:
            subject = subject_of(predicate)
            if subject is not None and subject[0].pos_ == "PRON" and predicate.dep_ == "ccomp":
                speaker = subject_of(predicate.head)  # "the air force said *it* had shot down ...": the speaker
                if speaker is not None and speaker[0].pos_ != "PRON" and predicate.head.lemma_.lower() in self.ctx.rules.reporting_verbs:
                    subject = speaker
            shooter = agent_of(predicate) if subject is None or subject[1] else subject[0]  # "shot down *by Israel*"
            shooters = (
                self.parties.phrase_actors(self.parties.antecedent(shooter), event_type, date, used)
                if shooter is not None
                else []
            )
            owners = self._shooters_adversary(shooters)
        return dedupe(owners), [], used

    def _shooters_adversary(self, shooters: list[EventActor]) -> list[EventActor]:
        """The one adversary the article gives the shooters' states ("U.S. and British warships shot down 18
        drones": the party both act against), else none."""
        found: dict[str | None, EventActor] = {}
        for state in dict.fromkeys(a.country for a in shooters if a.country is not None):
            other = adversary_so_far(self.ctx, [a for a in shooters if a.country == state]) or []
            if len(other) != 1:
                return []
            found[other[0].country] = other[0]
        return list(found.values()) if len(found) == 1 else []

    def raid_mode(self, predicate: SpacyToken) -> str:
        """The mode of the attack an interception tells: ``drone`` when only drones were shot down, else
        ``aerial`` (the gold guide's modes for drone-only and mixed missile and drone raids)."""
        weapons = {w.lemma_.lower() for w in self.projectiles(predicate)}
        return "drone" if weapons and weapons <= {"drone", "uav", "shahed"} else "aerial"

    def intercepting(self, predicate: SpacyToken) -> bool:
        """Whether a verb shoots down or intercepts ("shot *down*", "intercepted", "downed")."""
        verbs = self.ctx.coding_rules.detection.interception_verbs
        forms = {predicate.lemma_.lower(), predicate.lower_}  # the lemmatiser keeps "shot" as it is
        particles = [
            c.lower_
            for c in predicate.children
            if c.dep_ in ("compound:prt", "prt") or (c.dep_ == "advmod" and c.lower_ == "down" and c.i == predicate.i + 1)
        ]
        return bool(forms & verbs) or any(f"{form} {p}" in verbs for form in forms for p in particles)

    def projectiles(self, predicate: SpacyToken) -> list[SpacyToken]:
        """The weapons in flight a verb of interception has for its object ("shot down *18 drones and three
        missiles*", "intercepted *most of the missiles*")."""
        nouns = self.ctx.coding_rules.detection.projectile_nouns
        passive = any(c.dep_ in PASSIVE_AUX for c in predicate.children)
        roles = PASSIVE_SUBJECTS if passive else OBJECTS  # "almost all of them *were shot down*"
        out: list[SpacyToken] = []
        for obj in (c for c in predicate.children if c.dep_ in roles):
            head = of_object(obj) if obj.pos_ in ("ADJ", "NUM", "PRON", "DET") else obj
            if head is not None and head.pos_ == "PRON" and head.lower_ in ("them", "they"):
                # "launched 300 drones and missiles ..., but almost all of *them* were shot down": the weapons named before
                earlier = [t for t in predicate.doc[predicate.sent.start : head.i] if t.lemma_.lower() in nouns]
                head = earlier[-1] if earlier else None
            for noun in conjuncts(head) if head is not None else []:
                if noun.lemma_.lower() in nouns or noun.lower_ in nouns:
                    out.append(noun)
            if head is not None and not out and head.dep_ == "conj" and head.lemma_.lower() in nouns:
                out.append(head)
        return out
