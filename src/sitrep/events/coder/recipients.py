"""The recipient of an event: the object side of its trigger (:class:`RecipientFinder`).

The recipient is the direct object, or the object of "against", "with", "to", "on", ... (data:
``recipient_preps``), with the parties the text lists after it; the passive subject of an act done to it; the
parties a clause implies (:mod:`.implied_recipients`); else the first party named after the trigger, up to a
phrase that is the event's context ("*amid* reports of ...") and past sources, audiences, sites and phrases of
exclusion. A name in another act's clause (:mod:`sitrep.events.coder.clauses`) is no recipient. The finder's
rules for acts with no named target are in :mod:`.adversaries` and :mod:`.people_targets`, those for places
and borders in :mod:`.territory`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.events.actors import PLACE_LABELS
from sitrep.events.coder.clauses import other_clause
from sitrep.events.coder.event_actors import reciprocal_subject
from sitrep.events.coder.implied_recipients import ImpliedRecipients
from sitrep.events.coder.parties import TITLE_GAP, VICTIM_SUBJECT_TYPES, dedupe, not_actors
from sitrep.events.coder.people_targets import PeopleTargets
from sitrep.events.coder.syntax import (
    NAME_PARTS,
    OBJECTS,
    UD_OBLIQUE,
    VERB_POS,
    agent_of,
    conjuncts,
    misread_clause_verb,
    of_object,
    prep_objects,
    proper_name,
    reporter_of,
    subject_of,
)
from sitrep.events.coder.territory import TerritoryRecipients

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.parties import EventFrame
    from sitrep.events.record import EventActor
    from sitrep.nlp.layers import Sentence


class RecipientFinder(PeopleTargets, TerritoryRecipients, ImpliedRecipients):
    """Finds the recipients of one article's events (:meth:`recipients_for`) and the rules' recipients (its parts:
    :mod:`.adversaries`, :mod:`.people_targets`, :mod:`.territory`, :mod:`.implied_recipients`)."""

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
        if not found and actors and self.opts.reciprocal_speakers:
            found = self._reciprocal_other(frame, actors)
        if not not_actors(found, actors or []):
            found = self._meeting_body(frame, actors or []) or found  # "asked for a meeting": the body that meets
        return found, used

    def _reciprocal_other(self, frame: EventFrame, actors: list[EventActor]) -> list[EventActor]:
        """The other side of a reciprocal subject whose teller acts ("Zelensky wrote that *the two countries* stood
        together": the United States; see :meth:`~sitrep.events.coder.event_actors.ActorFinder.reciprocal_speaker`)."""
        head = reciprocal_subject(self.ctx, frame)
        if head is None:
            return []
        both = self.parties.phrase_actors(head, frame.event_type, frame.date, set())
        others = not_actors(both, actors)
        return others if len({a.country for a in both}) == 2 and len(others) < len(both) else []

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
            hostile = self.ctx.clf.ontology.quad_class(event_type) in (3, 4)
            referred = self._referred_actors(trigger, predicate, actors or [], generic=False, hostile=hostile)
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
        titled: set[str] = set()
        if self.opts.title_cases and not any(c.dep_ == "case" for c in token.children):
            # "chaired *by* Italian Prime Minister Giorgia Meloni": the parse hung the preposition on a title word
            titled = {
                c.lower_
                for word in token.lefts
                if word.dep_ in NAME_PARTS
                for c in word.children
                if c.dep_ == "case" and c.i < word.i
            }
        if "by" in titled and token.head.pos_ in VERB_POS and token.head.i not in (trigger.i, predicate.i):
            return True
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "brokered by France *and Germany*": the list's first member carries the preposition
        cases = {c.lower_ for c in token.children if c.dep_ == "case"} | titled
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
