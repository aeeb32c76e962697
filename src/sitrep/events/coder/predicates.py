"""Which verb states an event, and the verbs of a list: the predicate a trigger word belongs to (through an
auxiliary, a noun object or a "one of" phrase), a verb the parser misread as a noun of the list before it, and
whether two coordinated verbs state separate acts, each on its own object."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.coder.syntax import COORDINATED, OBJECTS, VERB_POS, subject_children

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

_NOUN_TO_VERB = frozenset(
    {"dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "pobj", "prep", "compound", "amod", "obl", "obl:agent"}
)


def predicate_of(trigger: SpacyToken) -> SpacyToken:
    """The verb whose clause states the event (the trigger itself when it is a verb)."""
    token = trigger
    if token.dep_ in ("aux", "aux:pass") and token.head.pos_ in VERB_POS:
        return token.head  # "*would* not leave Ukraine": the verb the auxiliary helps
    if misread_conjunct_verb(token):
        return token.head.head  # "expel 10 diplomats and *bar* ...": a verb of the list, which shares its clause
    for _ in range(4):
        if token.pos_ in VERB_POS:
            return token
        if token.head != token and (
            token.dep_ in _NOUN_TO_VERB
            or (
                token.dep_ == "nmod"
                and (token.head.pos_ in ("NUM", "PRON") or token.head.lower_ in load_extract_rules().amount_heads)
            )
            or (token.lower_ in load_extract_rules().amount_heads and token.head.pos_ in VERB_POS)
        ):
            token = token.head  # "launched missiles *in one of the heaviest strikes*": up through "one of"
        else:
            break
    return token if token.pos_ in VERB_POS else trigger


def misread_conjunct_verb(token: SpacyToken) -> bool:
    """Whether a word read as a noun joined by "and" to a verb's object is that verb's coordinated verb: it is
    directly followed by a determiner or a numeral opening its own object ("will expel 10 diplomats and *bar*
    eight officials"), which no noun is."""
    if token.pos_ != "NOUN" or token.dep_ != "conj" or token.i + 1 >= len(token.doc):
        return False
    head = token.head
    if head.dep_ not in OBJECTS or head.head.pos_ not in VERB_POS:
        return False
    if not any(c.dep_ == "cc" and c.lower_ == "and" and c.i == token.i - 1 for c in token.children):
        return False
    following = token.nbor(1)
    return following.pos_ in ("DET", "NUM") and following.dep_ in ("det", "nummod") and following.head.i > token.i


def separate_act(verb: SpacyToken, main: SpacyToken, *, lists: bool = False) -> bool:
    """Whether ``verb``, coordinated with the main trigger's predicate ``main`` and sharing its subject, states an
    act of its own: both verbs take their own object ("expelled 10 diplomats, sanctioned 32 entities and *barred*
    banks from ..."); "attacked and shelled the town" (one object) and "met X and Y" (one verb) are one act.
    ``lists``: the last verb of such a list hung by the parser on a verb above ``main`` counts as coordinated
    with it (:func:`last_conjunct_above`)."""
    if verb.i == main.i or main.pos_ not in VERB_POS:
        return False
    joined = (verb.dep_ in COORDINATED and verb.head.i == main.i) or (
        main.dep_ in COORDINATED and (main.head.i == verb.i or (verb.dep_ in COORDINATED and main.head.i == verb.head.i))
    )
    if not joined and not (lists and last_conjunct_above(verb, main)):
        return False
    return any(c.dep_ in OBJECTS for c in verb.children) and any(c.dep_ in OBJECTS for c in main.children)


def last_conjunct_above(verb: SpacyToken, main: SpacyToken) -> bool:
    """Whether ``verb``, coming after ``main``, is the last verb of a list the parser hung on a verb above it ("an
    order that expelled 10 diplomats, sanctioned 32 entities, *and barred* banks from ...": "barred" joined to
    "signed"): a coordinated verb with no subject of its own, opened by "and" or "or", whose head governs
    ``main``'s clause."""
    if verb.dep_ not in COORDINATED or verb.i < main.i or subject_children(verb):
        return False
    if not any(c.dep_ == "cc" and c.i < verb.i for c in verb.children):
        return False
    return any(a.i == verb.head.i for a in main.ancestors) and not any(a.i == verb.i for a in main.ancestors)


def listed_verb(token: SpacyToken) -> bool:
    """Whether a verb read as an adverbial clause is really the next verb of a list sharing the subject
    ("blamed Russia for the hack*, expelled* ten diplomats and imposed sanctions"): a past-tense verb after a
    comma, with no subject and no conjunction of its own."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBD"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and not subject_children(token)
        and not any(c.dep_ == "mark" for c in token.children)
    )
