"""Whether a word stands in the clause of another act than the event's (:func:`other_clause`): a party named
there is no recipient of the event ("struck targets near Kyiv, *while columns crossed the border from Russia*");
whether a clause's subject is one party of both sides (:func:`shared_subject_noun`: "Israeli and Syrian
negotiators met").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import (
    NAME_PARTS,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    conjuncts,
    subject_children,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

SUBORDINATE = frozenset({"advcl", "relcl", "acl", "acl:relcl"})  # a clause of its own act hanging on another
COMPLEMENTS = frozenset({"ccomp", "xcomp", "csubj"})  # a clause completing the verb it hangs on


def other_clause(token: SpacyToken, *, trigger: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether a word after the trigger stands in the clause of another act: the lowest clause above it that has
    a subject of its own hangs below the trigger's clause through an adverbial or relative clause with a subject
    of its own ("struck targets near Kyiv, *while columns crossed the border from Russia*", "a summit, *which
    Zelensky will address*"); a complement ("warned that *America* would pay"), the actor's words ("rejected it,
    saying *the exercises posed no threat to Russia*"), a coordinated clause, a relative clause about the
    trigger's object ("the package, *which* includes $61 billion for Ukraine") or a free relative ("condemned
    what it described as *Russian* actions") is the trigger's."""
    anchors = {trigger.i, predicate.i}
    governor = predicate
    while governor.dep_ == "xcomp" and governor.head.i != governor.i:
        governor = governor.head  # "*began* targeting shipping": the verb the trigger's clause completes
        anchors.add(governor.i)
    phrase = token
    for _ in range(3):
        if phrase.dep_ not in NAME_PARTS | {"amod", "nmod:poss", "poss", "compound"} or phrase.head.i <= phrase.i:
            break
        phrase = phrase.head  # "*Russian* troops", "*Vladimir* Putin": up to the phrase's head
    if phrase.dep_ in SUBJECTS and phrase.head.i not in anchors:
        verb = phrase.head
        return not (_complement(verb) and verb.head.i in anchors)  # the subject of another act
    clause = next((t for t in (token, *token.ancestors) if t.i in anchors or subject_children(t)), None)
    if clause is None or clause.i in anchors:
        return False
    subordinate = False
    for link in (clause, *clause.ancestors):
        if link.i in anchors:
            return subordinate
        subjects = subject_children(link)
        if (
            link.dep_ in SUBORDINATE
            and not _complement(link)
            and subjects
            and not any(subject.lower_ in RELATIVE_PRONOUNS for subject in subjects)
            and link.head.lower_ not in ("what", "whatever")
        ):
            subordinate = True  # its own subject: not "the package, *which* includes $61 billion for Ukraine"
    return False


def _complement(verb: SpacyToken) -> bool:
    """Whether a clause completes the verb it hangs on: a complement, or a "that" clause the parser hung on it as
    an adverbial one ("promising *that* the United States would not let Ukraine fail")."""
    return verb.dep_ in COMPLEMENTS or (
        verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    )


def shared_subject_noun(verb: SpacyToken) -> bool:
    """Whether the subject of ``verb`` is one common noun qualified by coordinated adjectives ("*Israeli and Syrian*
    negotiators met", "*Indian and Pakistani* troops exchanged fire"): the sides act together, as one party."""
    found = subject_of(verb)
    if found is None or found[1]:
        return False
    noun = found[0]
    if noun.pos_ == "ADJ":  # "The *Russian* and Ukrainian delegations" read with the adjective as the subject
        nouns = [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > noun.i]
        return len(nouns) == 1 and any(c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < nouns[0].i for c in nouns[0].children)
    if noun.pos_ != "NOUN":
        return False
    adjectives = [m for c in noun.children if c.dep_ == "amod" and c.i < noun.i for m in conjuncts(c)]
    joined = any(t.dep_ == "cc" and t.lower_ in ("and", "&") for a in adjectives for t in a.children) or any(
        t.dep_ == "cc" and t.lower_ in ("and", "&") for t in noun.children if t.i < noun.i
    )
    return joined and len({a.i for a in adjectives if a.pos_ in ("ADJ", "PROPN")}) >= 2
