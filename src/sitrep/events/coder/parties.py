"""The parties a word or a noun phrase names: mentions resolved through the reading layers
(:mod:`sitrep.events.actors`), coordinated parties ("Biden and Putin") as one list, pronouns and descriptions
standing for a party named before.

A subject pronoun stands for the last person named as a subject ("he") or the speaker of the quote it is in
("we"); "they" after "ministers of the G7" stands for the G7; "the country" for the state last named, "the
alliance" for NATO once named, "the invaders" for the state the article makes the aggressor. A group named by
its backer ("Russia-backed separatists") is coded as the group where it operates, never as the backer
(:mod:`sitrep.events.proxies`). A party named in an attribution phrase ("According to the Pentagon, ...") or a
dateline is the report's source, never a party; a city naming a document ("the *Minsk* accords") is no party
to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.events.actors import PLACE_LABELS
from sitrep.events.coder.syntax import (
    NOUN_MODS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    UD_OBLIQUE,
    agent_of,
    conjuncts,
    noun_agent,
    prep_objects,
    proper_name,
    subject_of,
)
from sitrep.events.geo import load_gazetteer
from sitrep.events.proxies import Proxy, find_proxies, proxy_actor
from sitrep.events.record import EventActor

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Mention, Sentence

VICTIM_SUBJECT_TYPES = frozenset({"ASSAULT", "COERCE"})  # event types whose passive subject undergoes the act
_PRONOUN_PERSONS = {"he": "PERSON", "she": "PERSON", "we": "SPEAKER", "i": "SPEAKER", "they": "PARTY", "its": "PARTY"}
_POSSESSIVE_PARTIES = frozenset({"its"})  # "*its* missiles struck Odesa": the party last a subject of the sentence
TITLE_GAP = re.compile(r"(?:\s*[A-Z][\w.'-]*)*\s*")  # title words between two names ("Russian President")


@dataclass(slots=True, frozen=True)
class EventFrame:
    """Where the parties of one candidate event are looked for: its trigger word, the verb whose clause states
    it (:func:`~sitrep.events.coder.syntax.predicate_of`), its sentence, its type and its date (a name's party
    can change over time)."""

    trigger: SpacyToken
    predicate: SpacyToken
    sentence: Sentence
    event_type: str
    date: str | None


class PartyReader:
    """Reads the parties of one article's words and phrases (:meth:`phrase_actors`)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.proxies = find_proxies(ctx.article.text, kb=ctx.resolver.kb)
        self._proxy_actors: dict[int, EventActor | None] = {}
        self._aggressor_code: str | None = None  # computed once per article ("" when the article names none)

    def _proxy_at(self, offset: int) -> tuple[bool, EventActor | None]:
        """Whether ``offset`` lies in a proxy phrase ("Russia-backed separatists"), and the group it codes as
        (None: a group whose country is unknown; never its backer)."""
        for proxy in self.proxies:
            if proxy.covers(offset):
                if proxy.start not in self._proxy_actors:
                    self._proxy_actors[proxy.start] = proxy_actor(proxy, operates_in=self._operating_state(proxy))
                return True, self._proxy_actors[proxy.start]
        return False, None

    def _operating_state(self, proxy: Proxy) -> str | None:
        """Where a backed group operates: the state of a locative place of its sentence other than its backer
        ("Russia-backed separatists shelled positions *near Donetsk*"), else of the sentence before ("... killed
        *in eastern Ukraine*. Kyiv blamed Russia-backed forces for the attack."), else the article's main state
        other than its backer, else the state of any other place its sentence names."""
        sentences = self.ctx.reading.sentences
        at = next((i for i, s in enumerate(sentences) if s.start <= proxy.start < s.end), None)
        named = self._places_named(sentences[at], proxy) if at is not None else []
        before = self._places_named(sentences[at - 1], proxy) if self.opts.previous_operating_places and at else []
        for locative, code in named + before:
            if locative:
                return code
        main = next((code for code in self.ctx.article_states() if code != proxy.backer), None)
        return main or next((code for _, code in named), None)

    def _places_named(self, sentence: Sentence, proxy: Proxy) -> list[tuple[bool, str]]:
        """The states of the places a sentence names outside a proxy phrase, not its backer, and whether locative."""
        kb = self.ctx.resolver.kb
        named: list[tuple[bool, str]] = []
        for mention in self.ctx.resolver.mentions_in(sentence.start, sentence.end):
            if mention.label not in PLACE_LABELS or proxy.start <= mention.start < proxy.end:
                continue
            entity = self.ctx.resolver.entities.get(mention.entity) if mention.entity else None
            code = entity.country if entity is not None else kb.country(mention.text)
            if code is None:
                place = load_gazetteer().lookup(mention.text)
                code = place.country if place is not None else None
            if code is not None and code != proxy.backer and code in kb.countries:
                named.append((self.ctx.locative(sentence, mention)[0], code))
        return named

    def code(self, mention: Mention, *, date: str | None, event_type: str) -> EventActor | None:
        """The actor a mention stands for; in a proxy phrase, the backed group (or none), never its backer."""
        proxied, group = self._proxy_at(mention.start)
        if proxied:
            return group
        return self.ctx.resolver.code(mention, date=date, event_type=event_type)

    def antecedent(self, token: SpacyToken, *, it: bool = False) -> SpacyToken:
        """What a personal pronoun stands for: the speaker of the quote it is in ("we"), else the last party
        that was a subject before it ("he"; with ``it``, "it" too: "*It* staged drills" opening a sentence);
        any other token is returned as is."""
        subject_it = self.opts.it_subjects and token.lower_ == "it" and token.dep_ in SUBJECTS - PASSIVE_SUBJECTS
        word = "they" if (it or subject_it) and token.lower_ == "it" else token.lower_
        if token.pos_ != "PRON" or word not in _PRONOUN_PERSONS:
            return token
        if word in ("we", "i", "us", "our"):
            for quote in self.ctx.reading.quotes:
                if quote.direct and quote.start <= token.idx < quote.end and quote.speaker_start is not None:
                    return self.ctx.token_at(quote.speaker_start)
            return token
        lo = max(0, token.idx - 600) if word not in _POSSESSIVE_PARTIES else self.ctx.current_sentence.start
        for mention in reversed(self.ctx.resolver.mentions_in(lo, token.idx)):
            if _PRONOUN_PERSONS[word] == "PERSON" and mention.label != "PERSON":
                continue
            if _PRONOUN_PERSONS[word] == "PARTY" and mention.label == "PERSON":
                continue
            found = self.ctx.token_at(mention.start)
            if mention.start == self.ctx.dateline_end(self.ctx.current_sentence) and mention.start > self.ctx.current_sentence.start:
                return self.ctx.mention_head(mention)  # the first words after a dateline: the story's subject
            if token.lower_ == "they" and mention.start >= self.ctx.current_sentence.start and self._of_group(mention):
                return self.ctx.mention_head(mention)  # "ministers of *the Group of Seven* said that they ..."
            if found.dep_ in SUBJECTS or any(t.dep_ in SUBJECTS for t in found.ancestors if t.i < found.i + 4 and t.pos_ != "VERB"):
                return self.ctx.mention_head(mention)
            if (
                self.opts.sentence_persons
                and _PRONOUN_PERSONS[word] == "PERSON"
                and mention.start >= self.ctx.current_sentence.start
                and self._unattached_name(found)
            ):
                # "Speaking at a meeting ..., Russian President Vladimir Putin said the strikes answered what *he*
                # called terrorist acts": a person of the same sentence the parse made no subject, nor an object
                return self.ctx.mention_head(mention)
        if _PRONOUN_PERSONS[word] == "PERSON" and self.opts.sole_person_antecedents:
            # no person was a subject (a parse broken at a paragraph's start): the one person the sentence
            # before names ("... chief of staff, Major General Mohammad Bagheri, told state television ...
            # *He* warned ...")
            previous = self.ctx.previous_sentence
            if previous is not None and previous.end <= token.idx:
                people = [m for m in self.ctx.resolver.mentions_in(previous.start, previous.end) if m.label == "PERSON"]
                if people and len({m.entity or m.text for m in people}) == 1:
                    return self.ctx.mention_head(people[-1])
        return token

    @staticmethod
    def _unattached_name(token: SpacyToken) -> bool:
        """Whether a name is no object, oblique or modifier of another word: up through its name parts and the
        words it is listed with or set beside, to a word that is none of those."""
        for _ in range(4):
            if token.dep_ not in ("flat", "flat:name", "appos", "conj", "compound") or token.head.i >= token.i:
                break
            token = token.head
        if token.dep_ in ("flat", "flat:name", "compound") and token.head.i > token.i:
            token = token.head  # "Russian President *Vladimir* Putin" read with the title as the name's head
        return token.dep_ not in OBJECTS | UD_OBLIQUE | NOUN_MODS | {"appos", "conj"}

    def _of_group(self, mention: Mention) -> bool:
        """Whether a mention names whose people a plural noun before it counts ("ministers *of the Group of
        Seven*", "leaders *of NATO*")."""
        for token in self.ctx.tokens[self.ctx.token_at(mention.start).i : self.ctx.mention_head(mention).i + 1]:
            head = token.head
            if token.dep_ == "nmod" and head.i < token.i and head.idx < mention.start:
                of = any(c.dep_ == "case" and c.lower_ == "of" for c in token.children)  # not "soldiers *into* Ukraine"
                return of and head.pos_ in ("NOUN", "PROPN") and head.lower_.endswith("s")
        return False

    def object_antecedent(self, token: SpacyToken, used: set[int]) -> SpacyToken:
        """Whom an object pronoun ("him", "her") stands for: the last person named before it who is not already
        a party of the event ("Prigozhin ... the FSB opened a criminal case against *him*"); any other token
        is returned as is."""
        if token.pos_ != "PRON" or token.lower_ not in ("him", "her"):
            return token
        lo = max(0, token.idx - 600)
        for mention in reversed(self.ctx.resolver.mentions_in(lo, token.idx)):
            if mention.label == "PERSON" and mention.start not in used:
                return self.ctx.mention_head(mention)
        return token

    def role_holder(self, token: SpacyToken) -> SpacyToken | None:
        """The person whose title a word belongs to ("*U.S.* President Joe Biden", "Colonel Assimi Goita, Mali's
        interim *president*"), when the parse made that word the head of the phrase: the head of the person's
        name in the title's role span, or ``None``."""
        own = self.ctx.resolver.mention_at(token.idx)
        if own is not None and own.label == "PERSON":
            return None
        for role in self.ctx.reading.roles:
            if role.entity is None or not role.start <= token.idx < role.end:
                continue
            for mention in self.ctx.resolver.mentions_in(role.start, role.end):
                if mention.label == "PERSON" and mention.entity == role.entity and mention.start != token.idx:
                    return self.ctx.mention_head(mention)
        return None

    def span_actors(self, lo: int, hi: int, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """The parties named between character offsets ``lo`` and ``hi``."""
        out: list[EventActor] = []
        for mention in self.ctx.resolver.mentions_in(lo, hi):
            if mention.start in used or self.ctx.title_qualifier(mention):
                continue
            actor = self.code(mention, date=date, event_type=event_type)
            if actor is not None:
                used.add(mention.start)
                out.append(actor)
        return dedupe(out)

    def noun_modifier_actors(
        self, noun: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        military = self.ctx.resolver.military_head(noun.text) or any(
            self.ctx.resolver.military_head(c.text) for c in noun.children if c.dep_ == "compound"
        )
        out: list[EventActor] = []
        for child in noun.children:
            if child.dep_ in NOUN_MODS and child.i < noun.i and not self._cut_off(child, noun):
                if self.names_document(child, noun):
                    continue
                found = self._token_actors(child, event_type, date, used, military=military)
                if not found and child.dep_ == "compound" and child.pos_ == "NOUN" and self.opts.noun_agents:
                    # "a *Russian* artillery strike": the party qualifies the compound noun before the head
                    for grand in child.children:
                        if grand.dep_ in ("amod", "compound", "nmod:poss") and grand.i < child.i:
                            found.extend(self._token_actors(grand, event_type, date, used, military=military))
                out.extend(found)
        return dedupe(out)

    def noun_author(self, noun: SpacyToken, event_type: str) -> SpacyToken | None:
        """The agent of an event noun: its "by" phrase, or its "from" phrase for a type whose noun names its
        author that way (data: ``source_types``: "criticism *from Moscow*", not "an attack from the north")."""
        if not self.opts.noun_agents:
            return None
        agent = noun_agent(noun)
        if agent is None and event_type in self.ctx.rules.source_types:
            agent = next((n for p, n in prep_objects(noun) if p.lower_ == "from" and n.i > noun.i), None)
        return agent

    def told_act(self, verb: SpacyToken, event_type: str) -> bool:
        """Whether a clause told to someone is the teller's act on them (data: ``speaker_types``): "ordered the
        frigates *to keep clear* of its coast" is a warning by the teller, not an act of the warships."""
        return (
            self.opts.noun_agents
            and event_type in self.ctx.rules.speaker_types
            and verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in self.ctx.rules.object_control_verbs
        )

    def names_document(self, child: SpacyToken, head: SpacyToken) -> bool:
        """Whether a name compounded to a document noun is a city naming it ("the *Minsk* accords", data:
        ``named_documents``), not a party to it (a state's own name is: "the *US*-Russia deal")."""
        if not self.opts.noun_agents or head.lemma_.lower() not in self.ctx.rules.named_documents:
            return False
        if child.dep_ != "compound" and not (child.dep_ == "amod" and child.pos_ == "PROPN"):
            return False
        kb = self.ctx.resolver.kb
        name = proper_name(child) if child.pos_ == "PROPN" else child.text
        return kb.metonym(name) is not None and kb.country_name(name) is None and kb.demonym(name) is None

    def _cut_off(self, child: SpacyToken, head: SpacyToken) -> bool:
        """Whether a word opening an event's context stands between a modifier and its head: the parser joined
        two phrases ("with *Zelensky* amid Russian military *buildup*"), and the modifier is no party of it."""
        if not self.opts.context_cuts:
            return False
        lo, hi = sorted((child.i, head.i))
        return self.ctx.context_cut(lo, hi) is not None

    def phrase_actors(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Actors named by the noun phrase headed by ``head`` and its coordinated conjuncts."""
        out: list[EventActor] = []
        for member in conjuncts(head):
            found = self._head_actors(member, event_type, date, used)
            out.extend(found)
        return dedupe(out)

    def _head_actors(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        military = self.ctx.resolver.military_head(head.text)
        direct = self._token_actors(head, event_type, date, used, military=military)
        if direct:
            return direct
        if head.lower_ in self.ctx.rules.reciprocal_heads and any(
            c.lower_ in self.ctx.rules.reciprocal_determiners for c in head.children
        ):
            return self._reciprocal(head, event_type, date, used)
        listed: list[EventActor] = []
        for child in head.children:
            if child.dep_ == "appos":
                found = self.phrase_actors(child, event_type, date, used)
                if found and not self.opts.all_appositions:
                    return found
                listed.extend(found)  # "Eight allies - *Bulgaria*, *the Czech Republic*, Estonia ... - asked"
        if listed:
            return dedupe(listed)
        out: list[EventActor] = []
        owned = self.opts.owned_names and any(c.dep_ in ("nmod:poss", "poss") and c.i < head.i for c in head.children)
        for child in head.children:
            if owned and child.dep_ == "compound" and _same_name(child, head):
                continue  # "Beijing's *Taiwan* Affairs Office": a word of the owner's body's name, no party
            if (
                child.dep_ in NOUN_MODS
                and child.i < head.i
                and not self._cut_off(child, head)
                and not self.names_document(child, head)
            ):
                for member in conjuncts(child) if child.pos_ == "ADJ" else (child,):  # "the Russian and Ukrainian delegations"
                    if member.i < head.i:
                        out.extend(self._token_actors(member, event_type, date, used, military=military))
        if not out and self.opts.noun_agents:
            agent = noun_agent(head)  # "condemned the expulsion of German diplomats *by Russia*"
            if agent is not None:
                out.extend(self.phrase_actors(agent, event_type, date, used))
        if not out:
            for prep, noun in prep_objects(head):
                if prep.lower_ == "of":
                    out.extend(self.phrase_actors(noun, event_type, date, used))
        return out

    def _token_actors(
        self, token: SpacyToken, event_type: str, date: str | None, used: set[int], *, military: bool
    ) -> list[EventActor]:
        if self.ctx.attributed(token.idx):
            return []  # "According to the Pentagon, ...": the source of the report, not a party
        proxied, group = self._proxy_at(token.idx)
        if proxied:  # "Russia-backed separatists": the group, never its backer
            if group is None:
                return []
            used.add(token.idx)
            return [group]
        if token.pos_ == "PRON" and token.lower_ in _POSSESSIVE_PARTIES and token.dep_ in NOUN_MODS:
            # "*its* missiles struck Odesa": the owner of the acting subject is the party last named as a subject
            # (never that of an object: "asked *its* partners to respond" names no party)
            owner = self.antecedent(token) if token.head.dep_ in SUBJECTS else token
            return [] if owner == token else self._token_actors(owner, event_type, date, used, military=military)
        mention = self.ctx.resolver.mention_at(token.idx)
        if mention is None and self.opts.aggressors and self.aggressor_noun(token):
            # "the *invaders* are reinforcing their units": the state the article makes the aggressor, if one
            code = self.aggressor()
            if code is None:
                return []
            used.add(token.idx)
            return [EventActor(self.ctx.resolver.kb.countries[code].name, code, "MIL", None)]
        if mention is None and self.opts.state_referents and self._state_noun(token):
            # "support for *the country's* sovereignty": the state last named as a noun
            referent = self._named_state_before(token)
            return [] if referent is None else self._token_actors(referent, event_type, date, used, military=military)
        actor = self.ctx.resolver.code(mention, date=date, event_type=event_type, military=military) if mention else None
        if actor is None and token.pos_ == "PROPN":
            # a name the reading layer missed or mislabelled ("urged *Putin* to", "accused by *Moscow* of", "urged
            # *Biden* to" read as a place)
            actor = self.ctx.resolver.code_name(proper_name(token), date=date, event_type=event_type, military=military)
        if actor is None and self.opts.kb_anaphors:
            actor = self._anaphor_actor(token)
        if actor is None:
            return []
        used.add(mention.start if mention else token.idx)
        return [actor]

    def _anaphor_actor(self, token: SpacyToken) -> EventActor | None:
        """The body a description refers back to ("*the alliance* rejected the claim", "*the Western Alliance*
        denies", "*the bloc*'s leaders"; the knowledge base's ``anaphors``), once the article has named it."""
        if token.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        left = token.i
        while left > 0 and token.doc[left - 1].head.i == token.i and token.doc[left - 1].dep_ in ("det", "amod", "compound", "nummod"):
            left -= 1
        kb = self.ctx.resolver.kb
        org = kb.anaphor(token.doc[left : token.i + 1].text) or kb.anaphor("the " + token.lower_)
        if org is None or org.actor_code is None:
            return None
        before = self.ctx.article.text[: token.idx]
        names = [n for n in (org.name, *org.aliases, org.code) if n]
        if not any(re.search(rf"\b{re.escape(n)}\b", before) for n in names):
            return None
        return EventActor(org.name, org.actor_code, org.sector, org.id)

    def aggressor_noun(self, token: SpacyToken) -> bool:
        """Whether a word names the attacking side with no party of its own: "the *invaders*", "the *aggressor*"
        (data: ``aggressor_nouns``), or "*occupation* forces" qualifying a military noun (``aggressor_modifiers``);
        "the Ukrainian invaders" names its party and is left to it."""
        word = token.lower_
        if word in self.ctx.rules.aggressor_modifiers and token.dep_ in ("amod", "compound"):
            if not self.ctx.resolver.military_head(token.head.text) or token.head.i < token.i:
                return False
            token = token.head
        elif word not in self.ctx.rules.aggressor_nouns or token.pos_ != "NOUN":
            return False
        return not any(
            c.dep_ in NOUN_MODS and c.i < token.i and c.pos_ in ("PROPN", "ADJ", "PRON") and c.lower_ not in self.ctx.rules.aggressor_modifiers
            for c in token.children
        )

    def aggressor(self) -> str | None:
        """The state the article makes the aggressor: the one most often named as the owner of an aggression
        ("*Russia's* ongoing aggression", "the *Russian* invasion", "annexed *by Moscow*", "*Russia* invaded
        Ukraine"; data: ``aggression_words``), when one leads; None when none does."""
        if self._aggressor_code is None:
            counts: dict[str, int] = {}
            for token in self.ctx.doc:
                if token.lemma_.lower() not in self.ctx.rules.aggression_words:
                    continue
                owners: list[SpacyToken] = []
                if token.pos_ == "NOUN":
                    # "Russia's *aggression*", or through the noun it qualifies: "Russian *occupation* forces"
                    owner_of = token.head if token.dep_ in ("compound", "amod") and token.head.i > token.i else token
                    owners = [c for c in owner_of.children if c.dep_ in ("amod", "nmod:poss", "poss", "compound") and c.i < owner_of.i and c.i != token.i]
                    agent = noun_agent(token)
                    owners += [agent] if agent is not None else []
                elif token.pos_ == "VERB":
                    found = subject_of(token)
                    agent = agent_of(token)
                    owners = [agent] if agent is not None else [found[0]] if found is not None and not found[1] else []
                for owner in owners:
                    code = self._state_of(owner)
                    if code is not None:
                        counts[code] = counts.get(code, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            lead = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
            self._aggressor_code = ranked[0][0] if ranked and lead else ""
        return self._aggressor_code or None

    def _state_of(self, token: SpacyToken) -> str | None:
        """The state a word names ("Russia", "Russian", "Moscow", "Putin"), if the knowledge base knows it."""
        kb = self.ctx.resolver.kb
        mention = self.ctx.resolver.mention_at(token.idx)
        actor = self.ctx.resolver.code(mention, date=None, event_type="ASSAULT") if mention is not None else None
        if actor is None and token.pos_ in ("PROPN", "ADJ"):
            actor = self.ctx.resolver.code_name(proper_name(token) if token.pos_ == "PROPN" else token.text, date=None, event_type="ASSAULT")
        code = actor.country if actor is not None else None
        return code if code in kb.countries else None

    def _state_noun(self, token: SpacyToken) -> bool:
        """Whether a word is a definite noun standing for a state named before ("*the country*'s sovereignty";
        data: ``state_nouns``)."""
        return token.lower_ in self.ctx.rules.state_nouns and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        )

    def _named_state_before(self, token: SpacyToken) -> SpacyToken | None:
        """The head of the last state named as a noun (not a modifier: "*U.S.* support") in the sentence
        before ``token`` or the one before that."""
        previous = self.ctx.previous_sentence
        lo = previous.start if previous is not None else self.ctx.current_sentence.start
        kb = self.ctx.resolver.kb
        for mention in reversed(self.ctx.resolver.mentions_in(lo, token.idx)):
            if mention.label != "GPE" or self.ctx.attributed(mention.start):
                continue
            head = self.ctx.mention_head(mention)
            entity = self.ctx.resolver.entities.get(mention.entity) if mention.entity else None
            code = entity.country if entity is not None else kb.country(mention.text)
            if code in kb.countries and head.dep_ not in ("compound", "amod"):
                return head
        return None

    def _reciprocal(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """"The two leaders", "both delegations": the last two people of distinct countries named before ``head``."""
        lo = max(0, head.idx - 1500)
        people: list[EventActor] = []
        for mention in reversed(self.ctx.resolver.mentions_in(lo, head.idx)):
            if mention.label != "PERSON" or mention.start in used:
                continue  # not a person, or the event's other party ("Erdogan, who welcomed both delegations")
            actor = self.ctx.resolver.code(mention, date=date, event_type=event_type)
            if actor is not None and all(actor.name != p.name and actor.country != p.country for p in people):
                people.append(actor)
            if len(people) == 2:
                break
        if len(people) == 2:
            used.add(head.idx)
            return list(reversed(people))
        return []


def _same_name(word: SpacyToken, head: SpacyToken) -> bool:
    """Whether a word before a head is inside the same named entity as the head (one name)."""
    if not word.ent_type_ or word.ent_iob_ not in ("B", "I") or word.i >= head.i:
        return False
    return all(t.ent_iob_ == "I" for t in word.doc[word.i + 1 : head.i + 1])


def reciprocal_roles(actors: list[EventActor]) -> tuple[list[EventActor], list[EventActor]]:
    """A meeting of two states' parties told reciprocally ("Lavrov and Kuleba met", "the two presidents spoke"):
    the first named state's party acts, the other's receives (one record); anything else is returned as is."""
    countries = list(dict.fromkeys(a.country for a in actors))
    if len(countries) != 2 or None in countries:
        return actors, []
    return [a for a in actors if a.country == countries[0]], [a for a in actors if a.country == countries[1]]


def not_actors(
    recipients: list[EventActor], actors: list[EventActor], *, state: frozenset[str | None] = frozenset()
) -> list[EventActor]:
    """Recipients less those that are an actor again (same name, or same country and sector); with ``state``
    (sectors of a state's own apparatus), also a recipient of the actor's country when both are of those
    sectors ("Austin" and "the Pentagon", "Stoltenberg" and "the alliance": one side)."""
    taken = {(a.country, a.sector) for a in actors} | {(a.name, None) for a in actors}
    own = {a.country for a in actors if a.sector in state and a.country is not None}
    return [
        r
        for r in recipients
        if (r.country, r.sector) not in taken
        and (r.name, None) not in taken
        and not (r.country in own and r.sector in state)
    ]


def dedupe(actors: list[EventActor]) -> list[EventActor]:
    seen: set[tuple[str, str | None]] = set()
    out: list[EventActor] = []
    for actor in actors:
        key = (actor.name, actor.country)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out
