"""Candidate triggers that tell no event of their own, and claims that are only coordinated with one.

A noun trigger after "the"/"this" that refers back to an event the article already told ("The call lasted an
hour"); a news conference that is no meeting; a noun that only qualifies another noun naming no event ("an
*attack* helicopter"); a participle that only describes ("in *occupied* Donbas"); a word naming participants
that a verb counts ("*Russia's assets* include ..."); a word inside the name a verb of naming gives ("called
the attack a full-scale *invasion*"), and what such a naming says of its object; a casualty toll with no
attack of its own. Of a sentence's further triggers (data: ``event_coding.json`` "detection"): an event noun
that is the object of a verb which does not perform it ("*welcomed* the new sanctions", "asked Congress to
*pass* the aid package"), and a word of a standing war outside the main clause ("where forces have been
*fighting* since 2014").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sitrep.events.coder.predicates import listed_verb, predicate_of
from sitrep.events.coder.rules import load_coding_rules
from sitrep.events.coder.syntax import (
    COORDINATED,
    OBJECTS,
    RELATIVE,
    SUBJECTS,
    UD_OBLIQUE,
    VERB_POS,
    names_given,
    names_party,
    prep_objects,
)
from sitrep.events.text import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.candidates import Candidate
    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.rules import CodingRules, DetectionRules
    from sitrep.nlp.layers import Sentence


_TOLD_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a finite verb (or auxiliary) of what is done or is so
_HELPERS = frozenset({"aux", "aux:pass", "auxpass", "cop", "mark"})  # a clause's auxiliaries, copula and marker
_NAME_CLAUSES = frozenset({"xcomp", "advcl"})  # a participle in a name the parse reads as a clause of the naming verb


@cache
def fact_warning(word: SpacyToken) -> bool:
    """Whether a verb of warning reports a fact rather than threatening: its complement clause tells what is done
    or is so ("warned the Rada that Russia *had put* 28 battalion groups along the border", "warned that shelling
    *had become* more frequent"), with no word of what is to come ("warned that Moscow *would* respond": a
    threat); "warned Moscow *to stay away*" (no clause of its own) stays a threat. Data: "detection"
    ``fact_warning_verbs``, ``to_come_words``."""
    if word.pos_ != "VERB" or word.lemma_.lower() not in load_coding_rules().detection.fact_warning_verbs:
        return False
    clause = warning_clause(word)
    if clause is None:
        return False
    helpers = [c for c in clause.children if c.dep_ in _HELPERS]
    if clause.tag_ not in _TOLD_TAGS and not any(c.tag_ in _TOLD_TAGS for c in helpers):
        return False  # no finite verb: "warned that any attack to be met ..." (a parse to leave alone)
    to_come = load_coding_rules().detection.to_come_words
    return not any(c.lower_ in to_come for c in helpers)


def pressed_act(word: SpacyToken, *, ctx: ArticleContext) -> bool:
    """Whether a verb of pressing ("press", "push"; data: "detection" ``pursuit_verbs``) carries on an act its object
    names rather than asking for anything ("Russian forces *press* a new ground offensive"): no request."""
    if word.pos_ != "VERB" or word.lemma_.lower() not in load_coding_rules().detection.pursuit_verbs:
        return False
    return any(c.dep_ in OBJECTS and ctx.names_type(c.text, "ASSAULT") for c in word.children)


def warning_clause(word: SpacyToken) -> SpacyToken | None:
    """The clause a verb of warning reports: its complement, or a clause opened by "that" that the parse hung on it
    as an adverbial ("warned the Rada *that Russia had put* ...") or on its object."""
    for child in word.children:
        if child.dep_ == "ccomp" and child.i > word.i:
            return child
    for token in word.subtree:
        if token.i <= word.i or token.dep_ != "mark" or token.lower_ != "that":
            continue
        clause = token.head
        above = next((a for a in clause.ancestors if a.pos_ in VERB_POS), None)
        if clause.i > word.i and above is not None and above.i == word.i:
            return clause
    return None


def _requesting(verb: SpacyToken, rules: DetectionRules) -> bool:
    """Whether a verb asks for or refuses something: a verb of requesting or refusing, or "call" with "on"/"for"."""
    if verb.pos_ not in VERB_POS:
        return False
    lemma = verb.lemma_.lower()
    if lemma in rules.request_verbs:
        return True
    if lemma not in rules.particle_request_verbs:
        return False
    for child in verb.children:
        if child.dep_ in ("prt", "compound:prt") and child.lower_ in rules.request_particles:
            return True
        if child.dep_ in UD_OBLIQUE and any(
            c.dep_ == "case" and c.lower_ in rules.request_particles and c.i == verb.i + 1 for c in child.children
        ):
            return True  # "called *on* Baku", "called *for* his release"; not "called Macron *on* Friday"
    return False


def request_matter(word: SpacyToken, *, rules: DetectionRules) -> bool:
    """Whether a further trigger is what a request or a refusal asks for or refuses, no act of its own: in the
    clause such a verb governs ("asked the allies to *impose* sanctions", "called on Baku to halt the offensive and
    *return* to talks", "demanded that the generals be *handed over*", "refused to *support* the plan"), or the
    object of its "for" ("called for his immediate *release*"). A meeting named as the occasion ("urged Moscow to
    withdraw *during a call* with Putin", ``occasion_markers``) is the occasion of the request, not its matter."""
    if any(c.dep_ in ("case", "mark") and c.lower_ in rules.occasion_markers for c in word.children):
        return False
    if word.pos_ == "NOUN" and word.dep_ in UD_OBLIQUE:
        cases = {c.lower_ for c in word.children if c.dep_ == "case"}
        if "for" in cases and _requesting(word.head, rules):
            return True
    clause = predicate_of(word)
    if clause.pos_ not in VERB_POS:
        if word.dep_ != "conj" or word.head.pos_ not in VERB_POS:
            return False
        clause = word  # "to end its provocations and *de-escalate*" misread as a name: a verb joined to the one before
    for _ in range(4):  # "to halt the offensive and *return* to talks": the first verb of the list
        if clause.dep_ != "conj":
            break
        up = clause.head
        if up.pos_ not in VERB_POS and up.dep_ in OBJECTS:
            up = up.head  # the verb read as joined to the object before it ("the offensive and *return*")
        if up.pos_ not in VERB_POS:
            break
        if clause.tag_ in _FINITE and up.tag_ == "VB":
            return False  # "urged Putin to show restraint and *proposed* a summit": the subject's own next act
        clause = up
    governor = clause.head
    if clause.dep_ in ("acl", "advcl"):
        if not any(c.dep_ == "mark" and c.lower_ == "to" for c in clause.children):
            return False  # only a "to" infinitive: "called on Baku *to halt*", "asked the allies *to impose*"
        if clause.dep_ == "acl":
            if governor.dep_ not in OBJECTS | UD_OBLIQUE:
                return False
            governor = governor.head  # "asked the allies to impose" read with the infinitive on "allies"
    elif clause.dep_ not in ("xcomp", "ccomp"):
        return False
    return governor.i != clause.i and _requesting(governor, rules)


def motive_noun(word: SpacyToken, *, rules: DetectionRules) -> bool:
    """Whether a one-word noun trigger gives the motive or manner of another act, or is what such a noun governs
    ("in *retaliation* for sanctions", "in a show of *solidarity*", "as a reason for
    heightened *readiness*", "read as a *sign* of coolness"): no event of its own."""
    if word.pos_ != "NOUN":
        return False
    noun = word
    if noun.lemma_.lower() not in rules.motive_nouns and noun.dep_ == "nmod" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "a show *of solidarity*", "a reason *for* heightened readiness"
    if noun.lemma_.lower() not in rules.motive_nouns or noun.dep_ not in UD_OBLIQUE:
        return False
    return any(c.dep_ == "case" and c.lower_ in rules.motive_preps for c in noun.children)


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def party_call(verb: SpacyToken, *, rules: DetectionRules, naming_verbs: frozenset[str]) -> bool:
    """Whether a verb of calling has a party as its object and nothing after it that names the party: a phone call
    ("Blinken also *called* Pashinyan", "*called* the Polish prime minister on Friday to discuss the border"); not
    "called on"/"called off"/"called for", "called Putin a killer" (a name given) or "called an election"."""
    return call_object(verb, rules=rules, naming_verbs=naming_verbs) is not None


def call_object(verb: SpacyToken, *, rules: DetectionRules, naming_verbs: frozenset[str]) -> SpacyToken | None:
    """The party a verb of calling calls, when it is a phone call (:func:`party_call`), else None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in rules.call_verbs:
        return None
    if any(c.dep_ in ("prt", "compound:prt") for c in verb.children) or _requesting(verb, rules):
        return None
    if any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i > verb.i]
    if not objects:  # "also called Blinken" read as a name given to an unnamed object
        objects = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "PROPN" and c.i > verb.i]
    if len(objects) != 1 or (verb.lemma_.lower() in naming_verbs and _named_after(verb, objects[0], rules=rules)):
        return None
    obj = objects[0]
    if names_party(obj):
        return obj
    return obj if obj.pos_ == "NOUN" and obj.lemma_.lower() in rules.call_party_nouns else None


def _named_after(verb: SpacyToken, obj: SpacyToken, *, rules: DetectionRules) -> bool:
    """Whether a verb of naming gives its object a name after it ("called Putin *a killer*", "called it *illegal*"):
    a noun or adjective after the object with no preposition of its own that names no time ("on Friday", "last
    week")."""
    return any(
        c.i > obj.i
        and c.pos_ in ("NOUN", "ADJ", "PROPN")
        and c.ent_type_ not in ("DATE", "TIME")
        and c.lower_ not in rules.call_time_words
        and not any(g.dep_ == "case" for g in c.children)
        for c in verb.children
    )


def content_object(word: SpacyToken, *, rules: DetectionRules) -> bool:
    """Whether a further trigger noun is the object of a verb that does not perform the event it names, only
    takes it as its matter ("*welcomed* the new sanctions", "to *buy* artillery shells"), unlike "*voiced*
    concern" or "*imposed* sanctions"."""
    if word.pos_ != "NOUN" or word.dep_ not in OBJECTS or word.head.pos_ not in VERB_POS:
        return False
    verbs = [word.head, *(c for c in word.lefts if c.pos_ in VERB_POS)]  # "and *voiced* concern" misread as amod
    return not any(verb.lemma_.lower() in rules.object_event_verbs for verb in verbs)


def side_durative(word: SpacyToken, *, rules: DetectionRules) -> bool:
    """Whether a further trigger is a word of a standing war outside the sentence's main clause ("where forces
    have been *fighting* separatists since 2014", "denied that its troops are *fighting* there")."""
    return word.lower_ in rules.durative_triggers and word.dep_ != "ROOT"


class TriggerChecks:
    """Checks on one article's candidate triggers."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx

    def audience_only(self, text: str, cand: Candidate) -> bool:
        """Whether a meeting is only a speaker's news conference: its trigger is part of a news conference or
        briefing and the sentence does not say it was held jointly ("Stoltenberg told a news conference *with
        the two American secretaries*": company, not a counterpart)."""
        if cand.type != "CONSULT" or cand.end <= cand.start:
            return False
        rules = self.ctx.coding_rules
        for found in rules.audience_event.finditer(text):
            if found.start() < cand.end and cand.start < found.end():
                return rules.joint_marker.search(text) is None
        return False

    def coordinated_with_claim(self, sentence: Sentence, trigger: SpacyToken) -> bool:
        """Whether every claim word before the trigger ("blamed", "accused") only heads a clause the
        trigger's clause is coordinated with: "Washington blamed Russia for the hack, *expelled* ten
        diplomats and imposed sanctions" states the expulsion as a fact; "accused Moscow *of massing*
        troops" does not."""
        rules = self.ctx.clf.status_rules
        words = rules.words("claim")
        first = self.ctx.token_at(sentence.start)
        markers = [t for t in self.ctx.tokens[first.i : trigger.i] if t.lower_ in words]
        if not markers or rules.anywhere("claim", [t.lower_ for t in self.ctx.tokens[first.i : trigger.i + 40] if t.idx < sentence.end]):
            return False
        for marker in markers:
            below = next((a for a in [trigger, *trigger.ancestors] if a.head.i == marker.i and a.i != marker.i), None)
            if below is None or (below.dep_ not in COORDINATED and not listed_verb(below)):
                return False
        return True

    def modifier_trigger(self, trigger: SpacyToken, cand: Candidate) -> bool:
        """Whether a one-word noun trigger only qualifies another noun that names no event ("an *attack*
        helicopter", "the *talks'* agenda", "the *summit's* host"): a modifier, not an event of its own."""
        if trigger.pos_ != "NOUN" or trigger.dep_ not in ("compound", "nmod:poss", "poss") or trigger.head == trigger:
            return False
        if cand.end - cand.start > len(trigger.text) or trigger.head.pos_ not in ("NOUN", "PROPN"):
            return False
        if trigger.head.lemma_.lower() in self.ctx.coding_rules.document_heads:
            return False  # "the foreign *aid* bill", "a *sanctions* package": the document's content
        if self.ctx.opts.measure_heads and trigger.head.lower_ in self.ctx.coding_rules.detection.measure_heads:
            return False  # "announced a *package* worth 700 million euros": "worth" measures the package
        return not self.ctx.names_act(trigger.head.text)

    def descriptive_trigger(self, trigger: SpacyToken, cand: Candidate) -> bool:
        """Whether a one-word trigger only describes: a participle used as a preposition ("reports *concerning*
        troop movements") or one qualifying the noun or name after it, with no subject or auxiliary of its own,
        after a preposition or a determiner ("in *occupied* Donbas", "the *annexed* peninsula")."""
        if cand.end - cand.start > len(trigger.text):
            return False
        if trigger.dep_ in ("case", "mark") and trigger.pos_ in ("VERB", "ADP"):
            return True
        if trigger.tag_ not in ("VBN", "JJ") or not trigger.lower_.endswith("ed") or trigger.i + 1 >= len(trigger.doc):
            return False
        before, after = trigger.doc[trigger.i - 1] if trigger.i > 0 else None, trigger.doc[trigger.i + 1]
        if before is None or before.pos_ not in ("ADP", "DET") or after.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        return not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "aux:pass", "auxpass") for c in trigger.children)

    def participant_subject(self, trigger: SpacyToken, cand: Candidate) -> bool:
        """Whether a trigger is a word naming participants (the lexicon's ``participant_words``) that is the subject
        of a verb counting what they are ("*Russia's assets* include 28,000 fighters"; data: ``inventory_verbs``):
        a description of forces, no event."""
        if cand.end - cand.start > len(trigger.text) or trigger.dep_ not in SUBJECTS:
            return False
        lexicon = self.ctx.clf.lexicon
        words = tokenize(trigger.text, irregular=lexicon.irregular)
        if not any(hit.participant for hit in lexicon.type_hits(words)):
            return False
        return trigger.head.pos_ in VERB_POS and trigger.head.lemma_.lower() in self.ctx.rules.inventory_verbs

    def in_name(self, trigger: SpacyToken, cand_type: str) -> bool:
        """Whether the trigger stands in the name a verb of naming gives ("called the attack a full-scale
        *invasion*"): part of what is said of the object, not an event, unless it tells the naming's own type."""
        for verb in trigger.ancestors:
            if verb.pos_ in VERB_POS:
                names = names_given(verb, rules=self.ctx.coding_rules)
                if not names or not any(trigger.i in {t.i for t in name.subtree} for name in names):
                    return False
                return self.naming(verb) != cand_type
        return False

    def free_relative_name(self, predicate: SpacyToken) -> str | None:
        """What a verb of naming in a free relative says ("struck a port in *what the government called* its largest
        operation", "*what he called* terrorist acts"): the writer keeps the name at a distance, so the naming is an
        act only when the name is pejorative (ACCUSE) or praising (SUPPORT), ``""`` for another name; None when the
        verb is no naming verb of a "what" clause with a name. ``predicate`` may also be a participle of the name
        that the parse reads as the naming verb's clause ("what he described as *threatening* military activity":
        no threat, the name of NATO's activity)."""
        rules = self.ctx.coding_rules
        verb, names = predicate, []
        if verb.lemma_.lower() not in rules.naming_verbs and self.name_participle(verb):
            verb, names = verb.head, [verb]  # "what he called *threatening* NATO activity": a verb read in the name
        if verb.lemma_.lower() not in rules.naming_verbs or verb.dep_ not in RELATIVE:
            return None
        if verb.head.lower_ != "what":
            return None
        names = names or [c for c in verb.children if c.dep_ in OBJECTS and c.i > verb.i]
        if not names:
            return None
        return name_type(names, rules=rules)

    def name_participle(self, predicate: SpacyToken) -> bool:
        """Whether a verb is a participle of the name a naming verb gives, read by the parse as that verb's clause
        ("what he called *threatening* NATO activity", "described as *threatening*"): it comes right after the verb
        (or its "as"); "launched what it called anti-terrorist measures, *pounding* ..." tells an act of its own."""
        verb = predicate.head
        return (
            predicate.dep_ in _NAME_CLAUSES
            and predicate.i > verb.i
            and verb.lemma_.lower() in self.ctx.coding_rules.naming_verbs
            and all(t.lower_ == "as" for t in predicate.doc[verb.i + 1 : predicate.i])  # the name right after the verb
        )

    def naming(self, predicate: SpacyToken) -> str | None:
        """What a verb of naming says of its object ("called *Putin* a war criminal", "branded the vote
        illegal"): the type of a pejorative name (ACCUSE) or of a praising one (SUPPORT), ``""`` for another
        name; None when the verb is no verb of naming (data: ``naming_verbs``) with an object and a name after it."""
        rules = self.ctx.coding_rules
        names = names_given(predicate, rules=rules)
        if not names:
            return None
        return name_type(names, rules=rules)

    def casualty_report(self, text: str, cand: Candidate) -> bool:
        """Whether an attack is only a toll ("at least 200 people had been killed"): its trigger is a casualty
        word and no other word of the sentence names an attack of that type (the caller has found no attacker
        and no place)."""
        rules = self.ctx.coding_rules
        if cand.type not in rules.casualty_types or text[cand.start : cand.end].lower() not in rules.casualty_words:
            return False
        tokens = tokenize(text, irregular=self.ctx.clf.lexicon.irregular)
        return all(
            " ".join(t.lower for t in tokens[hit.first : hit.last]) in rules.casualty_words
            for hit in self.ctx.clf.lexicon.type_hits(tokens)
            if hit.type == cand.type
        )

    def death_tally(self, text: str, cand: Candidate, trigger: SpacyToken) -> bool:
        """Whether an attack is only a toll, whoever the sentence names: a verb of dying with no word of an attack
        in the sentence ("Russian investigators said three people *died*"), or a standing war whose object counts
        the dead ("*fighting* has claimed more than 13,000 lives since 2014")."""
        rules = self.ctx.coding_rules
        if cand.type not in rules.casualty_types or cand.end - cand.start > len(trigger.text):
            return False
        if trigger.pos_ in VERB_POS and trigger.lemma_.lower() in rules.detection.death_verbs:
            return self.casualty_report(text, cand)
        if trigger.lower_ not in rules.detection.durative_triggers:
            return False
        # the verb that counts the dead, after the war word (the parse often makes "Fighting" the root and the
        # counting verb its conjunct)
        sentence = self.ctx.current_sentence
        return any(
            verb.pos_ in VERB_POS
            and verb.lemma_.lower() in rules.detection.tally_verbs
            and verb.idx < sentence.end
            and any(c.dep_ in OBJECTS and any(t.lower_ in rules.casualty_words for t in c.subtree) for c in verb.children)
            for verb in trigger.doc[trigger.i + 1 : trigger.i + 30]
        )

    def refers_back(self, text: str, cand: Candidate, *, offset: int) -> bool:
        """Whether the trigger is a noun that refers back to an event the article already told ("the call")."""
        if cand.end <= cand.start or cand.type not in self.ctx.coded_types:
            return False
        token = self.ctx.token_at(offset + cand.start)
        if token.pos_ != "NOUN" or token.idx + len(token.text) < offset + cand.end:
            return False  # a verb, or a phrase ("call, the ...")
        words = text[: cand.start].lower().split()
        if not words or words[-1] not in self.ctx.clf.lexicon.anaphoric:
            return False
        # the told event is what the clause is about: its subject, or the object of a preposition of the verb
        if token.dep_ in SUBJECTS:
            return True
        return any(
            noun.i == token.i and (prep.head.pos_ in VERB_POS or noun.head.pos_ in VERB_POS)
            for prep, noun in prep_objects(token.head)
        )


def name_type(names: list[SpacyToken], *, rules: CodingRules) -> str:
    """The type a name given says: ACCUSE for a pejorative name, SUPPORT for a praising one, ``""`` for another."""
    words = {w for name in names for t in name.subtree for w in (t.lower_, t.lemma_.lower())}
    if words & rules.pejorative_words:
        return "ACCUSE"
    if words & rules.praise_words:
        return "SUPPORT"
    return ""
