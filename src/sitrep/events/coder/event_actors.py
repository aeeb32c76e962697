"""The actor of an event: the subject side of its trigger.

The actor is the subject (``nsubj``), the ``by`` agent of a passive ("Lavrov was hosted by Wang Yi"), the
possessor or nationality of a noun trigger ("Russia's buildup", "Russian troops"), the noun's own agent ("an
offensive *by Russia*"), the object of a verb of object control for the clause it governs ("urged *Putin* to
de-escalate"), the subject a subjectless verb shares with the verb it hangs on, the holder of a meeting named as
an occasion ("*After talks with* Scholz, Biden ..."), the signer of a document that acts ("an executive
*order* sanctioned ..."), the party of a killing's cause ("*as a result of the Russian shelling*"), else the
nearest party named before the trigger with those coordinated with it. A place named before a deployment
("troops *near Ukraine*") says where, never who.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.events.actors import PLACE_LABELS
from sitrep.events.coder.blame import Blame, article_blames, nearest_blame
from sitrep.events.coder.parties import TITLE_GAP, VICTIM_SUBJECT_TYPES, dedupe
from sitrep.events.coder.places import named_states
from sitrep.events.coder.syntax import (
    GOVERNED,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    UD_OBLIQUE,
    VERB_POS,
    agent_of,
    clause_top,
    noun_agent,
    object_controller,
    of_object,
    possessor_addressee,
    prep_objects,
    subject_of,
    whole_sentence_root,
)
from sitrep.events.record import EventActor

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.parties import EventFrame, PartyReader
    from sitrep.nlp.layers import Mention, Sentence

_SELF_MOVING_TYPES = frozenset({"MOBILIZE", "RETREAT"})
_AND_GAP = re.compile(r"\s*,?\s*(?:and|,)\s*")


class ActorFinder:
    """Finds the actors of one article's events (:meth:`actors_for`)."""

    def __init__(self, ctx: ArticleContext, parties: PartyReader) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.parties = parties
        self._blames: list[Blame] | None = None  # the article's blames for attacks, read at the first need
        self.blamed_triggers: set[int] = set()  # triggers whose actor is the party the article blames (a claim)

    def actors_for(self, frame: EventFrame) -> tuple[list[EventActor], set[int]]:
        """The event's actors, and the offsets of the mentions that named them; for a domestic act (data:
        ``domestic_types``) by a body the text gives no state, the people of the place it names
        (:meth:`_local_body`)."""
        found, used = self._actors_for(frame)
        if self.opts.reciprocal_speakers and len({a.country for a in found}) == 2:
            found = self.reciprocal_speaker(frame, found) or found
        if not found and self.opts.local_bodies and frame.event_type in self.ctx.rules.domestic_types:
            found = self._local_body(frame)
        if not found and self.opts.bare_bodies and frame.event_type not in self.ctx.coding_rules.reply_types:
            found = self._bare_body(frame)  # a reply's last actor is likely the party it answers: no guide
        if not found and self.opts.blamed_attackers and frame.event_type in self.ctx.rules.blamed_types:
            found = self._blamed(frame)
            if found:
                self.blamed_triggers.add(frame.trigger.i)  # the guide: the blamed party acts, and the event is a claim
        return found, used

    def reciprocal_speaker(self, frame: EventFrame, actors: list[EventActor]) -> list[EventActor]:
        """The side that tells a reciprocal act ("Zelensky wrote that *the two countries* stood together"): the
        party of the subject of a verb the clause hangs on, when it is one of the two states the reciprocal subject
        stands for (data: ``reciprocal_heads``; not for the types split by order, ``reciprocal_types``, nor for
        joint acts, ``joint_types``: "the two leaders had *agreed*"); else none."""
        head = reciprocal_subject(self.ctx, frame)
        if head is None:
            return []
        token = frame.predicate
        for _ in range(4):
            if token.dep_ not in ("conj", "ccomp", "advcl", "xcomp", "parataxis") or token.head.i == token.i:
                return []
            token = token.head
            found = subject_of(token)
            if found is None or found[1] or found[0].i == head.i:
                continue
            speaker = self.parties.antecedent(found[0])
            parties = self.parties.phrase_actors(self.parties.role_holder(speaker) or speaker, frame.event_type, frame.date, set())
            states = {a.country for a in parties}
            if len(states) == 1:
                return [a for a in actors if a.country in states]
            return []
        return []

    def _blamed(self, frame: EventFrame) -> list[EventActor]:
        """An attack with no attacker named: the party the article blames for an attack, the blame nearest to it
        (:mod:`.blame`); none when a cause phrase names the attacker (the caller reads it), for a passive with no
        agent ("more than a dozen people *were killed*": a toll, no attack told) or when the article blames no
        one."""
        predicate = frame.predicate
        subject = subject_of(predicate)
        if frame.trigger.pos_ in VERB_POS and subject is not None and subject[1] and agent_of(predicate) is None:
            return []
        if self.cause_actors(predicate, frame.event_type, frame.date, set()):
            return []
        if self._blames is None:
            self._blames = article_blames(self.ctx, self.parties)
        if self._blames:
            # the blame is for an attack that did harm ("four soldiers were killed"); another violation the
            # article tells ("sniper fire near Avdiivka") is not the one blamed
            return nearest_blame(self._blames, frame.trigger.idx) if self._tells_harm(frame.sentence) else []
        return self._attacker_so_far(frame.event_type) if self.opts.article_attackers else []

    def _tells_harm(self, sentence: Sentence) -> bool:
        """Whether a sentence tells a harm done to people ("killed", "wounded", "deaths"; data: ``harm_lemmas``)."""
        words = self.ctx.rules.harm_lemmas
        span = self.ctx.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        return span is not None and any(t.lemma_.lower() in words or t.lower_ in words for t in span)

    def _attacker_so_far(self, event_type: str) -> list[EventActor]:
        """The one state whose party did the article's attacks told so far ("Russia fired dozens of missiles at
        Ukraine ... *Missiles struck* military targets near Kyiv"), when one leads; none otherwise."""
        counts: dict[str, int] = {}
        first: dict[str, EventActor] = {}
        for event in self.ctx.history:
            if event.type != event_type:
                continue
            states = {a.country for a in event.actor if a.country is not None}
            if len(states) != 1:
                continue
            code = next(iter(states))
            counts[code] = counts.get(code, 0) + 1
            first.setdefault(code, event.actor[0])
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return []
        return [first[ranked[0][0]]]

    def _bare_body(self, frame: EventFrame) -> list[EventActor]:
        """A state body the subject names with "the" and no state ("In a separate move, *the foreign ministry*
        ordered five Polish diplomats to leave", "*The defence ministry* denied the accusation"; the knowledge
        base's generic bodies of a state sector): the body of the state whose party acted in the article's last
        event with a party of one state. Not for a reply (data: ``reply_types``), whose last actor is likely the
        party it answers."""
        subject = subject_of(frame.predicate)
        if subject is None or subject[1] or subject[0].pos_ != "NOUN":
            return []
        head = subject[0]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return []
        kb = self.ctx.resolver.kb
        words = [c.text for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i]
        body = (kb.generic_body(" ".join([*words, head.text])) if words else None) or self._generic_body(head)
        if body is None or body[1] not in self.ctx.coding_rules.state_sectors:
            return []
        for event in reversed(self.ctx.history):
            states = {a.country for a in event.actor}
            if len(states) == 1:
                code = next(iter(states))
                return [EventActor(body[0], code, body[1], None)] if code in kb.countries else []
        return []

    def _local_body(self, frame: EventFrame) -> list[EventActor]:
        """A body with no state of its own that does a domestic act ("thousands *of protesters* gathered outside
        the government building in Yerevan", "opposition supporters marched through Belgrade"): the noun trigger
        or the subject (or its "of" noun), with the knowledge base's sector for it (else a civilian group's), in the
        state of the places the sentence names (none when they are of several states or none)."""
        trigger, predicate, sentence = frame.trigger, frame.predicate, frame.sentence
        nouns = [trigger] if trigger.pos_ == "NOUN" else []
        subject = subject_of(predicate)
        if subject is not None and not subject[1]:
            head = subject[0]
            for _ in range(3):  # "tens *of* thousands *of* opposition supporters"
                of = next((n for p, n in prep_objects(head) if p.lower_ == "of"), None)
                if of is None:
                    break
                nouns.append(of)
                head = of
            nouns.append(subject[0])
        bodies = [n for n in nouns if n.pos_ == "NOUN" or (n.pos_ == "PROPN" and not n.ent_type_)]
        known = [(n, g) for n in bodies for g in (self._generic_body(n),) if g is not None]
        # a body the knowledge base knows first ("tens of thousands of *opposition supporters*"); a name-like word
        # only then ("*Students* demonstrated ...", read as a name at the start of a sentence)
        body, generic = known[0] if known else (next((n for n in bodies if n.pos_ == "NOUN"), None), None)
        if body is None:
            return []
        states = named_states(self.ctx, sentence)
        if len(states) != 1:
            return []
        code = next(iter(states))
        return [EventActor(body.text, code, generic[1] if generic is not None else "CVL", None)]

    def _generic_body(self, noun: SpacyToken) -> tuple[str, str] | None:
        """The knowledge base's body a noun names with its noun modifiers ("opposition *supporters*") or alone."""
        kb = self.ctx.resolver.kb
        mods = [c.text for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i and c.pos_ == "NOUN"]
        found = next((g for g in (kb.generic_body(f"{m} {noun.text}") for m in mods) if g is not None), None)
        return found or kb.generic_body(noun.text)

    def _actors_for(self, frame: EventFrame) -> tuple[list[EventActor], set[int]]:
        trigger, predicate, sentence = frame.trigger, frame.predicate, frame.sentence
        event_type, date = frame.event_type, frame.date
        used: set[int] = set()
        if trigger.pos_ in ("NOUN", "PROPN"):
            agent = self.parties.noun_author(trigger, event_type)
            if agent is not None:
                # "should there be an offensive *by Russia*", "drew criticism *from Moscow*": the noun's
                # agent, never the party before it
                found = self.parties.phrase_actors(self.parties.antecedent(agent), event_type, date, used)
                if found:
                    return found, used
            found = self.parties.noun_modifier_actors(trigger, event_type, date, used)
            if found:
                return found, used
            addressee = possessor_addressee(trigger) if self.opts.noun_agents else None
            if addressee is not None:
                # "slammed the United States for *its* military support for Ukraine": "its" is the object's
                found = self.parties.phrase_actors(addressee, event_type, date, used)
                if found:
                    return found, used
            theme = of_object(trigger) if self.opts.own_themes and event_type in self.ctx.rules.own_theme_types else None
            if theme is not None:
                # "the ongoing supply *of US weapons* to Ukraine": the supplier's own goods name it
                found = self.parties.noun_modifier_actors(theme, event_type, date, used)
                if found:
                    return found, used
            found = self._occasion_actors(trigger, event_type, date, used)
            if found:
                return found, used
            if self.opts.noun_agents and predicate.i != trigger.i and predicate.lemma_.lower() in self.ctx.rules.record_verbs:
                return [], used  # "monitors *recorded* hundreds of ceasefire violations": a witness, not the actor
        controller = object_controller(predicate, rules=self.ctx.rules)
        if controller is not None and self.parties.told_act(predicate, event_type):
            controller = None  # "ordered the frigates *to keep clear*": the teller's warning
        if controller is not None:
            # "urged *Putin* to de-escalate", "accused *NATO* of preparing to deploy": the object does the act
            found = self.parties.phrase_actors(self.parties.antecedent(controller), event_type, date, used)
            if found:
                return found, used
        subject = subject_of(predicate)
        if subject is not None:
            head, passive = subject
            if passive:
                agent = agent_of(predicate)
                if agent is not None:
                    # the by-agent is the actor, even when it names no party ("killed by mortar fire")
                    return self.parties.phrase_actors(self.parties.antecedent(agent), event_type, date, used), used
                if event_type in VICTIM_SUBJECT_TYPES:
                    return [], used  # "four soldiers were killed": the subject is the target
                if event_type not in _SELF_MOVING_TYPES and not self.ctx.resolver.military_head(head.text):
                    return self._positional_actors(sentence, trigger, event_type, date, used), used
            head = self.parties.antecedent(head)
            if self.opts.it_subjects and head.pos_ == "PRON" and head.lower_ == "it" and not passive:
                return [], used  # an "it" standing for no party named before: none, never the nearest name
            if self.opts.aggressors and self.parties.aggressor_noun(head) and self.parties.aggressor() is None:
                return [], used  # "the invaders" of an article that names no aggressor: no party
            head = self.parties.role_holder(head) or head
            found = self.parties.phrase_actors(head, event_type, date, used)
            if not found and not passive and head.lemma_.lower() in self.ctx.rules.issued_documents:
                found = self._issuer(head, event_type, date, used)
            if len(found) == 1 and not passive:
                # a parse that missed a coordination: take the coordinated parties the text shows
                extra: set[int] = set()
                around = self._positional_actors(sentence, trigger, event_type, date, extra)
                if len(around) > 1 and found[0] in around:
                    return around, used | extra
            if found:
                return found, used
            if self.opts.governing_subjects and not passive and head.dep_ in OBJECTS and head.head.pos_ in VERB_POS:
                # "ordered troops taking part in exercises near Ukraine to return": a subject that is only the
                # object a clause describes, naming no party, acts for the subject of the verb it is the object of
                found = self._governing_subject_actors(head, event_type, date, used)
                if found:
                    return found, used
        elif trigger.pos_ in VERB_POS:
            # a verb of a list that shares the main clause's subject ("Washington blamed Russia, expelled ten
            # diplomats and *imposed* sanctions"), however the parser attached it
            root = whole_sentence_root(trigger)
            main = subject_of(root) if root.i < trigger.i and root.pos_ in VERB_POS | {"ADJ"} else None
            if main is not None and not main[1]:
                main_head = self.parties.antecedent(main[0])
                found = self.parties.phrase_actors(self.parties.role_holder(main_head) or main_head, event_type, date, used)
                if found:
                    return found, used
            top = clause_top(predicate)
            if main is None and top is not predicate and top.i < trigger.i:
                # "Biden called Putin and *proposed* a summit" with no subject found for the list's first verb:
                # its subject is the party named before that verb, never its object
                return self._positional_actors(sentence, top, event_type, date, used), used
        found = self._positional_actors(sentence, trigger, event_type, date, used)
        if not found and self.opts.pronoun_subjects:
            # "*He* had for months accused Shoigu ..." parsed with the verb under a noun: the sentence's pronoun
            # subject before the trigger stands for the party it refers back to
            root = whole_sentence_root(trigger)
            main = subject_of(root)
            if main is not None and not main[1] and main[0].pos_ == "PRON" and main[0].i < trigger.i:
                opening = main[0].idx == self.ctx.dateline_end(sentence)  # "*It* staged the first drills ..."
                referent = self.parties.antecedent(main[0], it=opening)
                if referent is not main[0]:
                    found = self.parties.phrase_actors(self.parties.role_holder(referent) or referent, event_type, date, used)
        return found, used

    def cause_actors(self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Who did a killing told with its cause: the party of the attack noun it happened in or resulted from
        ("killed *as a result of the Russian shelling*", "died *in a Russian missile strike*"; data:
        ``cause_heads``, ``cause_preps``)."""
        for child in predicate.children:
            if child.dep_ not in UD_OBLIQUE or child.i < predicate.i:
                continue
            case = next((c.lower_ for c in child.children if c.dep_ == "case" and c.i < child.i), None)
            noun: SpacyToken | None = None
            if child.lemma_.lower() in self.ctx.rules.cause_heads:
                noun = of_object(child)
            elif case in self.ctx.rules.cause_preps:
                noun = child
            if noun is None or noun.pos_ != "NOUN" or not self.ctx.names_type(noun.text, event_type):
                continue
            agent = noun_agent(noun) if self.opts.noun_agents else None
            found = (
                self.parties.phrase_actors(agent, event_type, date, used)
                if agent is not None
                else self.parties.noun_modifier_actors(noun, event_type, date, used)
            )
            if found:
                return found
        return []

    def _governing_subject_actors(
        self, token: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The parties of the subject a subjectless verb (or the object noun a verb describes: "Shoigu ordered
        *troops* taking part in exercises near Ukraine to return") shares with the verb it hangs on: up through
        complement, adverbial and coordinated verbs, and from an object to its verb; none past a passive."""
        for _ in range(4):
            head = token.head
            if head == token or token.dep_ not in GOVERNED or head.pos_ not in VERB_POS:
                return []
            found = subject_of(head)
            if found is not None:
                if found[1]:
                    return []
                subject = self.parties.antecedent(found[0])
                return self.parties.phrase_actors(self.parties.role_holder(subject) or subject, event_type, date, used)
            token = head
        return []

    def _occasion_actors(
        self, trigger: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """Who holds a meeting named as the occasion of an act ("*After a video call with* G7 leaders, Biden
        announced ...", "made the announcement *after talks with* Kramp-Karrenbauer"): the subject of the verb the
        phrase hangs on (data: ``occasion_preps``, ``occasion_types``)."""
        if not self.opts.occasion_meetings or event_type not in self.ctx.coding_rules.occasion_types:
            return []
        phrase = trigger.head if trigger.dep_ == "compound" and trigger.head.i > trigger.i else trigger
        preps = self.ctx.coding_rules.occasion_preps
        case = next((c for c in phrase.children if c.dep_ == "case" and c.lower_ in preps and c.i < phrase.i), None)
        if case is None:
            return []
        verb = phrase.head
        subject: SpacyToken | None = None
        if verb is not phrase and verb.pos_ in VERB_POS and phrase.dep_ in UD_OBLIQUE | {"advcl", "obl:tmod"}:
            found = subject_of(verb)
            subject = found[0] if found is not None and not found[1] else None
        elif case.idx == self.ctx.dateline_end(self.ctx.current_sentence):
            # the sentence opens with the phrase and the parse lost its verb: the subject after the phrase's comma
            comma = next((t for t in self.ctx.tokens[phrase.i :] if t.text == "," or t.is_sent_end), None)
            if comma is not None and comma.text == ",":
                subject = next(
                    (
                        t
                        for t in self.ctx.tokens[comma.i + 1 : comma.i + 12]
                        if t.dep_ in SUBJECTS - PASSIVE_SUBJECTS and t.head.pos_ in VERB_POS
                    ),
                    None,
                )
        if subject is None:
            return []
        head = self.parties.antecedent(subject)
        return self.parties.phrase_actors(self.parties.role_holder(head) or head, event_type, date, used)

    def _issuer(self, document: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Who acts through a document that is the subject of an act ("Biden signed an executive *order* that
        expelled ...", "An executive *order* also sanctioned ..."): the subject of the verb it is the object of,
        else the party last named as a subject before it (data: ``issued_documents``)."""
        if document.dep_ in OBJECTS and document.head.pos_ in VERB_POS:
            found = subject_of(document.head)
            if found is not None and not found[1]:
                head = self.parties.antecedent(found[0])
                return self.parties.phrase_actors(self.parties.role_holder(head) or head, event_type, date, used)
            return []
        lo = max(0, document.idx - 600)
        for mention in reversed(self.ctx.resolver.mentions_in(lo, document.idx)):
            token = self.ctx.token_at(mention.start)
            if mention.label != "PERSON" and token.dep_ in SUBJECTS and not self.ctx.attributed(mention.start):
                return self.parties.phrase_actors(self.ctx.mention_head(mention), event_type, date, used)
        return []

    def _positional_actors(
        self, sentence: Sentence, trigger: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The nearest party named before the trigger, with coordinated ones ("Biden and Russian President Putin")."""
        before = [
            m
            for m in reversed(self.ctx.resolver.mentions_in(sentence.start, trigger.idx))
            if not self.ctx.attributed(m.start)
            and not self.ctx.title_qualifier(m)
            and not self._where(m, event_type)
            and not self.parties.names_document(self.ctx.mention_head(m), self.ctx.mention_head(m).head)
        ]
        if self.opts.object_positions:
            # "Aliyev telephoned *Putin* ... to offer his condolences": a verb's object before the trigger received
            # that verb's act; the party named before it acts, when there is one
            subjects = [m for m in before if not self._verb_object(m)]
            if subjects and len(subjects) < len(before):
                before = subjects
        for i, mention in enumerate(before):
            actor = self.parties.code(mention, date=date, event_type=event_type)
            if actor is None:
                continue
            used.add(mention.start)
            found = [actor]
            edge = mention.start
            for earlier in before[i + 1 :]:
                if earlier.end > edge:
                    continue
                gap = self.ctx.article.text[earlier.end : edge]
                if TITLE_GAP.fullmatch(gap):
                    edge = earlier.start  # a qualifier of the party after it ("Russian President")
                    continue
                if not _AND_GAP.fullmatch(gap) and not re.fullmatch(r"\s*(?:,?\s*and)\s+" + TITLE_GAP.pattern, gap):
                    break
                other = self.parties.code(earlier, date=date, event_type=event_type)
                if other is None:
                    break
                used.add(earlier.start)
                found.insert(0, other)
                edge = earlier.start
            return dedupe(found)
        return []

    def _verb_object(self, mention: Mention) -> bool:
        """Whether a mention names the direct object of a verb (``mention``'s head is the object, not a word in it)."""
        head = self.ctx.mention_head(mention)
        while head.dep_ in ("flat", "flat:name") and head.head.i < head.i:
            head = head.head  # "Vladimir *Putin*": up to the name's first word, which the parse made the object
        return head.dep_ in OBJECTS and head.head.pos_ in VERB_POS and head.head.i < head.i

    def _posted_to(self, head: SpacyToken) -> bool:
        """Whether a name is the body a diplomatic post is accredited to ("Iran's mission *to the United Nations*",
        "Russia's ambassador *to Washington*"; data: ``posting_nouns``)."""
        phrase = head
        while phrase.dep_ in ("compound", "amod", "flat", "flat:name") and phrase.head.i > phrase.i:
            phrase = phrase.head
        if phrase.dep_ not in ("nmod", "pobj") or phrase.head.i > phrase.i:
            return False
        owner = phrase.head if phrase.dep_ == "nmod" else phrase.head.head
        cases = {c.lower_ for c in phrase.children if c.dep_ == "case"} | ({phrase.head.lower_} if phrase.dep_ == "pobj" else set())
        return "to" in cases and owner.lemma_.lower() in self.ctx.rules.posting_nouns

    def _where(self, mention: Mention, event_type: str) -> bool:
        """Whether a mention only says where, never who, for the party named before a trigger: a name qualifying
        a place noun ("sent to *the Ukrainian border*"; data: ``place_nouns``) or, for a deployment, a withdrawal
        or an attack (data: ``locative_actor_types``), a place after a locative preposition ("exercises *near
        Ukraine* and *in Crimea*"; "police *across Russia* detained" is left alone: there the place is the
        actor's own)."""
        if not self.opts.locative_positions:
            return False
        head = self.ctx.mention_head(mention)
        if self.opts.posting_phrases and self._posted_to(head):
            return True  # "Iran's mission *to the United Nations* ... warned": where it is posted, not who acts
        if head.dep_ in ("amod", "compound", "nmod:poss") and head.head.lower_ in self.ctx.rules.place_nouns:
            return True
        owner = head.head
        if (
            head.dep_ in ("amod", "compound")
            and owner.pos_ == "NOUN"
            and owner.dep_ in OBJECTS
            and owner.head.pos_ in VERB_POS
            and self.ctx.resolver.mention_at(owner.idx) is None
            and not self.ctx.resolver.military_head(owner.text)
        ):
            return True  # "Some waved *Russian* flags, chanted slogans ...": what is acted on, not who acts
        if event_type not in self.ctx.rules.locative_actor_types or mention.label not in PLACE_LABELS:
            return False
        phrase = head.head if head.dep_ == "conj" and not any(c.dep_ == "case" for c in head.children) else head
        return phrase.dep_ in UD_OBLIQUE and any(
            c.dep_ == "case" and c.lower_ in self.ctx.rules.locative_preps for c in phrase.children
        )


def reciprocal_subject(ctx: ArticleContext, frame: EventFrame) -> SpacyToken | None:
    """The active subject of the frame's predicate when it names two sides together ("*the two countries*",
    "*both leaders*"; data: ``reciprocal_heads``, ``reciprocal_determiners``) in an act one side tells of both:
    none for the types split by order (``reciprocal_types``) nor for joint acts (``joint_types``: "the two
    leaders had *agreed*")."""
    if frame.event_type in ctx.coding_rules.reciprocal_types | ctx.rules.joint_types:
        return None
    rules = ctx.rules
    found = subject_of(frame.predicate)
    if found is None or found[1]:
        return None
    head = found[0]
    if head.lower_ not in rules.reciprocal_heads or not any(c.lower_ in rules.reciprocal_determiners for c in head.children):
        return None
    return head
