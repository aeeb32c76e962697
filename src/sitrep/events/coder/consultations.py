"""Consultations the model misses (task D10): a verb of talking whose "with" or "to" object is a party ("we are
*talking to our allies* about them", "we will be *discussing* all of this *with our allies*") or being "in touch" with
a party ("the department was *in touch with* NATO allies"). Data: ``data/event_recall.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import OBJECTS, names_party

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

_PREP_OBJECTS = frozenset({"pobj", "obl", "nmod"})


@dataclass(slots=True, frozen=True)
class ConsultRules:
    """The words of a consultation (``data/event_recall.json``)."""

    talk_verbs: frozenset[str]
    contact_nouns: frozenset[str]
    talk_prepositions: frozenset[str]
    party_nouns: frozenset[str]
    ally_nouns: frozenset[str]
    alliances: dict[str, frozenset[str]]
    stay_verbs: frozenset[str]
    force_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    place_prepositions: frozenset[str]


@cache
def consult_rules() -> ConsultRules:
    """The packaged consultation words (loaded once)."""
    raw = json.loads((files("sitrep") / "data" / "event_recall.json").read_text(encoding="utf-8"))
    return ConsultRules(
        talk_verbs=frozenset(raw["talk_verbs"]),
        contact_nouns=frozenset(raw["contact_nouns"]),
        talk_prepositions=frozenset(raw["talk_prepositions"]),
        party_nouns=frozenset(raw["party_nouns"]),
        ally_nouns=frozenset(raw["ally_nouns"]),
        alliances={name: frozenset(members) for name, members in raw["alliances"].items()},
        stay_verbs=frozenset(raw["stay_verbs"]),
        force_nouns=frozenset(raw["force_nouns"]),
        weapon_nouns=frozenset(raw["weapon_nouns"]),
        place_prepositions=frozenset(raw["place_prepositions"]),
    )


def is_party(word: SpacyToken, *, rules: ConsultRules) -> bool:
    """Whether a noun names a party: a proper name, a named person, organisation or state, or a party noun."""
    if names_party(word):
        return True
    return word.pos_ == "NOUN" and (word.lower_ in rules.party_nouns or word.lemma_.lower() in rules.party_nouns)


def _party_after(head: SpacyToken, *, rules: ConsultRules) -> SpacyToken | None:
    """The party a word's "with"/"to" phrase names after it, if any."""
    for prep in head.children:
        if prep.i < head.i or prep.lower_ not in rules.talk_prepositions:
            continue
        for obj in prep.children:
            if obj.dep_ in _PREP_OBJECTS and is_party(obj, rules=rules):
                return obj
    # a parse that hangs the noun on the word itself with the preposition as its case marker
    for obj in head.children:
        marked = any(c.dep_ == "case" and c.lower_ in rules.talk_prepositions for c in obj.children)
        if marked and obj.i > head.i and obj.dep_ in _PREP_OBJECTS and is_party(obj, rules=rules):
            return obj
    return None


def consulted_party(word: SpacyToken, *, rules: ConsultRules | None = None) -> SpacyToken | None:
    """The party a verb of talking consults ("*talking* to our allies", "*discussing* this with our allies",
    "*consulted* Berlin"), or that being "in *touch* with" names; None when the word tells no consultation."""
    rules = rules or consult_rules()
    lemma = word.lemma_.lower()
    if word.pos_ == "VERB" and lemma in rules.talk_verbs:
        if any(c.dep_ in ("aux:pass", "auxpass") for c in word.children):
            return None
        found = _party_after(word, rules=rules)
        if found is None and lemma == "consult":
            found = next((c for c in word.children if c.dep_ in OBJECTS and c.i > word.i and is_party(c, rules=rules)), None)
        return found
    if word.lower_ in rules.contact_nouns and word.i > 0 and word.doc[word.i - 1].lower_ == "in":
        return _party_after(word, rules=rules)
    return None


def own_alliance(party: SpacyToken, countries: set[str], *, rules: ConsultRules | None = None) -> str | None:
    """The alliance "our allies" ("its allies", "NATO allies" less the name) means for an actor of ``countries``:
    the one alliance all of them belong to, when the noun is an ally noun with a possessive pronoun; else None."""
    rules = rules or consult_rules()
    if party.lower_ not in rules.ally_nouns or not countries:
        return None
    if not any(c.dep_ in ("poss", "nmod:poss") and c.pos_ == "PRON" for c in party.children):
        return None
    found = [name for name, members in rules.alliances.items() if countries <= members]
    return found[0] if len(found) == 1 else None


def staying_forces(verb: SpacyToken, *, rules: ConsultRules | None = None) -> str | None:
    """The MOBILIZE mode of forces a verb of staying keeps at a place ("heavy equipment ... would *remain* at the
    training ground": ``weapons``; "troops will *stay* in the region": ``troops``), or None when the verb is no
    verb of staying, its subject no force or it names no place. Whether the stay is still to come is the
    caller's matter."""
    rules = rules or consult_rules()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in rules.stay_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
    if subject is None or subject.lower_ not in rules.force_nouns:
        return None
    placed = any(
        c.i > verb.i
        and c.dep_ in _PREP_OBJECTS | {"prep"}
        and (c.lower_ in rules.place_prepositions or any(m.dep_ == "case" and m.lower_ in rules.place_prepositions for m in c.children))
        for c in verb.children
    )
    if not placed:
        return None
    return "weapons" if subject.lower_ in rules.weapon_nouns else "troops"
