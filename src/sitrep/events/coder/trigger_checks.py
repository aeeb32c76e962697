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

from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import (
    COORDINATED,
    OBJECTS,
    SUBJECTS,
    VERB_POS,
    listed_verb,
    names_given,
    prep_objects,
)
from sitrep.events.text import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.candidates import Candidate
    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.rules import DetectionRules
    from sitrep.nlp.layers import Sentence


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
        lexicon = self.ctx.clf.lexicon
        return not lexicon.type_hits(tokenize(trigger.head.text, irregular=lexicon.irregular))

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

    def naming(self, predicate: SpacyToken) -> str | None:
        """What a verb of naming says of its object ("called *Putin* a war criminal", "branded the vote
        illegal"): the type of a pejorative name (ACCUSE) or of a praising one (SUPPORT), ``""`` for another
        name; None when the verb is no verb of naming (data: ``naming_verbs``) with an object and a name after it."""
        rules = self.ctx.coding_rules
        names = names_given(predicate, rules=rules)
        if not names:
            return None
        words = {t.lower_ for name in names for t in name.subtree} | {t.lemma_.lower() for name in names for t in name.subtree}
        if words & rules.pejorative_words:
            return "ACCUSE"
        if words & rules.praise_words:
            return "SUPPORT"
        return ""

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
