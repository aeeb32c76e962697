"""An attack named by a noun that a relative clause blames on someone (task D9): "He raised the *deaths* of four
Ukrainian soldiers near Shumy on March 26, which Kyiv has blamed on Russia-backed forces" tells the attack, by the
party it is blamed on (a claim), on the party its noun names ("of four Ukrainian soldiers"); the blame is the
attribution of that attack, not a separate accusation (gold guide: "an attack blamed on Russia-backed forces" is an
ASSAULT with ``claim``; "Kyiv blamed Russia-backed forces for the attack", a blame in its own main clause, stays an
ACCUSE). Words: ``data/event_precision.json`` ``blame_verbs``; attack nouns are the trigger lexicon's ASSAULT words
and the casualty words of ``data/event_coding.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.refusals import load_precision_rules
from sitrep.events.coder.syntax import RELATIVE_PRONOUNS, SUBJECTS, UD_OBLIQUE, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext

BLAMED_TYPE = "ASSAULT"
_REACH = 16  # words before the relative pronoun searched for the noun it stands for
_OBJECT_DEPS = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass"})  # "which Kyiv blamed", "which was blamed on"


def blamed_act(ctx: ArticleContext, trigger: SpacyToken) -> SpacyToken | None:
    """The attack noun a blaming relative clause stands for ("the *deaths* of four soldiers ..., which Kyiv has
    blamed on Russia-backed forces"), when ``trigger`` is the clause's verb of blaming; else None. The noun is
    the nearest attack or casualty noun before the relative pronoun, with no verb between them."""
    verb = trigger
    if verb.pos_ not in VERB_POS or not {verb.lemma_.lower(), verb.lower_} & load_precision_rules().blame_verbs:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    pronoun = next(
        (
            c
            for c in verb.children
            if c.lower_ in RELATIVE_PRONOUNS
            and c.i < verb.i
            and (c.dep_ in _OBJECT_DEPS or (c.dep_ in SUBJECTS and len(subjects) > 1))  # "which Kyiv has blamed"
        ),
        None,
    )
    if pronoun is None:
        return None
    casualty = ctx.coding_rules.casualty_words
    for token in reversed(ctx.tokens[max(0, pronoun.i - _REACH) : pronoun.i]):
        if token.pos_ in VERB_POS or token.is_sent_start:
            return None
        if token.pos_ == "NOUN" and (token.lower_ in casualty or ctx.names_type(token.text, BLAMED_TYPE)):
            return token
    return None


def struck_party(noun: SpacyToken) -> SpacyToken | None:
    """The noun an attack noun names with "of" or "on" as what it struck ("the deaths *of four Ukrainian
    soldiers*", "the attack *on the convoy*")."""
    for child in noun.children:
        if child.dep_ in UD_OBLIQUE and any(c.dep_ == "case" and c.lower_ in ("of", "on") for c in child.children):
            return child
    return None

