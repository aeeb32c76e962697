"""Where a date expression's reach ends, read on the parse: the clause an event's verb heads, whether the verb
tells its act in the past, and whether a date lies after publication (helpers of :mod:`sitrep.events.coder.dating`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import SUBJECTS, VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.nlp.layers import Timex

__all__ = ["BESIDE", "just_before", "own_clause", "starts_after", "that_clause", "told_past"]

BESIDE = frozenset({"advcl", "acl", "relcl", "acl:relcl"})  # clauses beside a verb's own: adverbial, participle, relative


_SEASON_MONTHS = {"SP": "03", "SU": "06", "FA": "09", "AU": "09", "WI": "12"}


def starts_after(timex: Timex, published: str) -> bool:
    """Whether a date expression's period starts after the publication day ("this summer" in April)."""
    value = timex.value or ""
    if not value or not value[:4].isdigit():
        return False
    if timex.precision == "season":
        month = _SEASON_MONTHS.get(value[5:7].upper())
        return month is not None and f"{value[:4]}-{month}" > published[:7]
    if timex.precision == "week" and "W" in value:
        try:
            start = dt.date.fromisocalendar(int(value[:4]), int(value.split("W")[-1][:2]), 1).isoformat()
        except ValueError:
            return False
        return start > published[:10]
    return value > published[: len(value)]


def that_clause(verb: SpacyToken) -> bool:
    """Whether a clause opens on the conjunction "that" (a reported clause the parse may hang on a noun:
    "told a news conference *that* the expulsions answered ...")."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def just_before(timex: Timex, token: SpacyToken, *, text: str) -> bool:
    """Whether a date expression stands right before ``token`` ("have *for months* warned")."""
    return timex.end <= token.idx and not text[timex.end : token.idx].strip()


def own_clause(token: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether ``token`` lies in the clause of ``predicate`` or of a verb it governs through "xcomp" ("to start
    *withdrawing* troops by May 1"); no other finite or relative clause between."""
    for ancestor in (token, *token.ancestors):
        if ancestor.i == predicate.i:
            return True
        if ancestor.i != token.i and ancestor.pos_ in VERB_POS and ancestor.dep_ != "xcomp":
            return False
    return False


def told_past(predicate: SpacyToken) -> bool:
    """Whether a verb tells its act in a past tense ("ordered", "had deployed", "were being sent"); a
    participle with no auxiliary ("the forces *gathered* near Ukraine") tells no tense."""
    if predicate.pos_ not in VERB_POS and predicate.dep_ in SUBJECTS and predicate.head.pos_ in VERB_POS:
        predicate = predicate.head  # "*Armoured columns* then drove north": the verb the trigger noun is subject of
    if predicate.pos_ not in VERB_POS:
        return False
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "auxpass") and c.i < predicate.i]
    if auxes:
        return any("Past" in a.morph.get("Tense", []) and a.tag_ == "VBD" for a in auxes)
    # ("troops *deployed* close to the border", "now has 80,000 troops *deployed*", read as past verbs: a modifier or
    # an object's predicate, no clause of its own)
    subject = any(c.dep_ in SUBJECTS for c in predicate.children)
    if predicate.dep_ == "xcomp" or (predicate.dep_ in BESIDE and not subject):
        return False
    # ("Blinken also *called* Pashinyan", tagged as a participle: a finite verb with its subject and no auxiliary)
    return predicate.tag_ == "VBD" or (predicate.tag_ == "VBN" and subject and predicate.dep_ in ("ROOT", "conj"))
