"""Who an article blames for an attack it tells with no attacker: "four soldiers were killed by mortar fire ...
Kyiv *blamed Russia-backed forces for the attack*" (the guide: a perpetrator the text does not name is the party
the same article blames). The blames are read once per article, anywhere in it, from a verb of blaming (data:
``blame_verbs``) whose blamed party is its object ("blamed *X* for the attack", "accused *X* of shelling") or the
noun of its "on"/"to" phrase ("blamed the attack *on X*", "the deaths, which Kyiv has blamed *on X*"), and whose
blamed act is an attack (a word of the attack type, or data: ``harm_nouns``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import OBJECTS, RELATIVE, RELATIVE_PRONOUNS, VERB_POS, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.parties import PartyReader
    from sitrep.events.record import EventActor

BLAMED_TYPE = "ASSAULT"  # the type whose words name a blamed act


@dataclass(slots=True, frozen=True)
class Blame:
    """One blame the article states: where its verb is, and the parties blamed."""

    offset: int
    parties: tuple[EventActor, ...]


def article_blames(ctx: ArticleContext, parties: PartyReader) -> list[Blame]:
    """Every blame for an attack the article states, in text order."""
    out: list[Blame] = []
    rules = ctx.rules
    for token in ctx.doc:
        if token.pos_ not in VERB_POS or not {token.lemma_.lower(), token.lower_} & rules.blame_verbs:
            continue
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        pairs = prep_objects(token)
        # "blamed the attack *on X*", however the parser attached the phrase (to the verb or to its object)
        targets = pairs + [pair for obj in objects for pair in prep_objects(obj)]
        blamed: SpacyToken | None = next((n for p, n in targets if p.lower_ in rules.blame_target_preps), None)
        acts: list[SpacyToken]
        if blamed is not None:
            acts = objects  # "blamed *the attack* on X"
            if token.dep_ in RELATIVE and any(c.lower_ in RELATIVE_PRONOUNS for c in objects):
                acts = [token.head]  # "*the deaths* ..., which Kyiv has blamed on X"
        else:
            blamed = objects[0] if objects else None
            # "blamed X *for the attack*", however the parser attached the phrase
            heads = pairs + (prep_objects(blamed) if blamed is not None else [])
            acts = [n for p, n in heads if p.lower_ in rules.blame_cause_preps]
            acts += [c for c in token.children if c.dep_ in ("advcl", "xcomp") and c.pos_ in VERB_POS]  # "accused X of shelling"
        if blamed is None or not any(_harm(ctx, act) for act in acts):
            continue
        found = parties.phrase_actors(blamed, BLAMED_TYPE, None, set())
        if found:
            out.append(Blame(token.idx, tuple(found)))
    return out


def _harm(ctx: ArticleContext, word: SpacyToken) -> bool:
    """Whether a word names an attack ("the attack", "shelling") or a harm done by one ("the deaths")."""
    lemma = word.lemma_.lower()
    return lemma in ctx.rules.harm_nouns or word.lower_ in ctx.rules.harm_nouns or ctx.names_type(word.text, BLAMED_TYPE)


def nearest_blame(blames: list[Blame], offset: int) -> list[EventActor]:
    """The parties of the blame nearest to ``offset`` (none when the article blames no one)."""
    if not blames:
        return []
    best = min(blames, key=lambda blame: abs(blame.offset - offset))
    return list(best.parties)
