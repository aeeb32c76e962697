"""Type choices the coder makes on the parse, after the model has typed a trigger (task D7).

An act still to come: a meeting, backing, aid or cooperation a verb says is scheduled ("is *due to* host a virtual
meeting", "is due to travel to Brussels for talks") or that a reported clause tells with the "would" of reported
speech ("told reporters that the United States *would* be in contact with Kyiv", "said Paris would send missiles",
"answered that Zelensky would be welcome in Moscow") is an intention, coded as PLOVER codes promised acts (AGREE;
a withdrawal to come is CONCEDE), with no condition ("if", "unless", "whether") on it; so is a meeting that is the
object of a verb of proposing ("*floated* a summit meeting"). An invitation or a proposal ("*invited* Putin to meet
him", "*proposed* talks") offers what it names: PLOVER's AGREE (to come), never a request.

A word of a name given in a free relative ("what he called *threatening* NATO activity") accuses the party of the
thing named (:func:`name_owners`); an earlier act with no place of its own is where it was aimed
(:func:`target_state`).

A pledge whose object is backing ("*pledged* continued American backing", "*assured* Zelensky of Germany's
solidarity") states that backing now: SUPPORT, not a promise of something to come (:func:`pledged_backing`).

An earlier act named as the time of what a sentence tells ("the largest since *the annexation of Crimea*", "since
*the full-scale invasion began*", "since *Moscow annexed* Crimea") is a historical event of its own
(:func:`past_marked`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sitrep.events.coder.predicates import predicate_of
from sitrep.events.coder.rules import load_coding_rules
from sitrep.events.coder.syntax import OBJECTS, SUBJECTS, VERB_POS
from sitrep.events.geo import geocode
from sitrep.events.status import EventStatus, detect_status
from sitrep.events.text import stem, token_index, tokenize

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.parties import PartyReader
    from sitrep.events.lexicon import TriggerLexicon
    from sitrep.events.record import EventActor, Place
    from sitrep.events.status import StatusRules
    from sitrep.events.text import Token
    from sitrep.kb import KnowledgeBase
    from sitrep.nlp.layers import Timex

_AUX = frozenset({"aux", "aux:pass", "auxpass"})
_MARKS = frozenset({"mark", "advmod"})
_PAST_CASES = frozenset({"case", "mark", "prep"})  # "since" before a noun (case) or a clause (mark)
_TIME_REACH = 4  # words after an earlier act's phrase that may still give its time
_SCHEDULE_REACH = 4  # words before a verb that may schedule it ("is due to")


def to_come(word: SpacyToken, *, tokens: list[Token], offset: int, status_rules: StatusRules) -> EventStatus | None:
    """The status of an act a trigger word tells as still to come by its verb: a scheduling word before the verb
    ("*due to* host a meeting", "*is to* travel ... for talks"; data "detection" ``schedule_words``), or the "would" of a clause reported by a verb of
    saying or promising ("said the two leaders *would* discuss it": data "detection" ``backshift_verbs``) with no
    condition on it (``condition_marks``); None when the verb does not tell it so, or tells it negated."""
    verb = _clause_head(word)
    if verb is None:
        return None
    at = token_index(tokens, verb.idx - offset)
    if at is None:
        return None
    status = detect_status(tokens, at, rules=status_rules)
    if status.negated:
        return None
    if status.future and any(t.lower in load_coding_rules().detection.schedule_words for t in tokens[max(0, at - _SCHEDULE_REACH) : at]):
        return status  # "is *due to* host", "is *set to* travel": scheduled, not a wish or a warning ("warned of ...")
    noun = word
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head  # "a *summit* meeting"
    if noun.dep_ in OBJECTS and noun.head.i == verb.i and offer_word(verb):
        return EventStatus(future=True, claim=status.claim)  # "floated a summit meeting": a meeting offered
    return EventStatus(future=True, claim=status.claim) if _reported_would(verb) else None


def offer_word(word: SpacyToken) -> bool:
    """Whether a request's trigger word invites or proposes ("*invited* Putin to meet him", "repeated his
    *invitation*", "*proposed* talks"; data: "detection" ``offer_verbs``): an offer, not a request."""
    return stem(word.lower_) in _offer_stems()


@cache
def _offer_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in load_coding_rules().detection.offer_verbs)


def _clause_head(word: SpacyToken) -> SpacyToken | None:
    """The verb whose clause tells a trigger's act, or the noun or adjective a copula makes the predicate ("would
    be *in contact* with Kyiv", "would be *welcome* in Moscow"); None when there is neither."""
    verb = predicate_of(word)
    if verb.pos_ in VERB_POS:
        return verb
    return next((t for t in (word, word.head, word.head.head) if any(c.dep_ == "cop" for c in t.children)), None)


def _reported_would(verb: SpacyToken) -> bool:
    """Whether a verb (or the verb it continues: "would *keep* supporting") has the auxiliary "would" and heads a
    clause a verb of saying or promising reports ("said Paris would send ...", "and that more would be sent"),
    with no condition marker on the clause or a conditional clause of its own."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.pos_ in VERB_POS and len(chain) < 4:
        chain.append(chain[-1].head)
    if not any(c.dep_ in _AUX and c.lower_ in ("would", "'d") for v in chain for c in v.children):
        return False
    top = chain[-1]
    while top.dep_ == "conj" and top.head.pos_ in VERB_POS:
        top = top.head  # "said it would expel ... and would bar ...": the report of the first
    if top.dep_ != "ccomp" or top.head.lemma_.lower() not in load_coding_rules().detection.backshift_verbs:
        return False
    conditions = load_coding_rules().detection.condition_marks
    for v in {*chain, top}:
        for child in v.children:
            if child.dep_ in _MARKS and child.lower_ in conditions:
                return False
            if child.dep_ == "advcl" and any(m.lower_ in conditions for m in child.children if m.dep_ in _MARKS):
                return False
    return True


def past_marked(word: SpacyToken) -> bool:
    """Whether a trigger word names an earlier act as the time of another: a noun after one of the ``past_markers``
    ("since *the annexation* of Crimea"), a noun subject or object of a verb of beginning such a marker opens
    ("since *the invasion* began", "since Moscow launched its full-scale *invasion*"), or a verb in the past such a marker opens ("since Moscow *annexed* Crimea"; data:
    "detection" ``past_markers``, ``onset_verbs``)."""
    markers = load_coding_rules().detection.past_markers

    def marked(token: SpacyToken) -> bool:
        return any(c.dep_ in _PAST_CASES and c.lower_ in markers and c.i < token.i for c in token.children)

    if word.pos_ in ("NOUN", "PROPN"):
        if marked(word):
            return True
        verb = word.head
        return (
            (word.dep_ in SUBJECTS or word.dep_ in OBJECTS)
            and verb.pos_ in VERB_POS
            and verb.lemma_.lower() in load_coding_rules().detection.onset_verbs
            and marked(verb)
        )
    return word.pos_ == "VERB" and word.tag_ in ("VBD", "VBN") and marked(word)


def own_time(word: SpacyToken, timexes: Sequence[Timex]) -> bool:
    """Whether an earlier act's own phrase gives its time ("since the annexation of Crimea *in 2014*", "since the
    invasion began *on Feb. 24*"), as a historical event is told; "after the attacks that drew America into war"
    only points back to one. The time may follow the phrase, hung higher by the parse."""
    head = word.head if word.dep_ in SUBJECTS | OBJECTS and word.head.pos_ in VERB_POS else word
    last = head.right_edge
    for following in head.doc[last.i + 1 : last.i + 1 + _TIME_REACH]:
        if following.is_punct:
            break
        last = following
    lo, hi = head.left_edge.idx, last.idx + len(last.text)
    return any(lo <= timex.start and timex.end <= hi for timex in timexes)


def pledged_backing(word: SpacyToken, *, lexicon: TriggerLexicon) -> bool:
    """Whether an AGREE trigger is a pledge of backing that states it (data: "detection" ``pledge_verbs``): a noun of
    support that is the object of a verb of pledging ("pledged continued American *backing*"), or such a verb whose
    object or "of" phrase is one ("*assured* Zelensky of Germany's solidarity"); "promised *to keep providing*
    support" promises an act to come."""
    pledges = load_coding_rules().detection.pledge_verbs

    def supports(token: SpacyToken) -> bool:
        words = tokenize(token.text, irregular=lexicon.irregular)
        return any(hit.type == "SUPPORT" and not hit.participant for hit in lexicon.type_hits(words))

    if word.pos_ == "NOUN":
        verb = word.head
        if verb.dep_ == "xcomp" and verb.lemma_.lower() not in pledges:
            verb = verb.head  # "pledged continued backing", "continued" read as a verb
        return word.dep_ in OBJECTS and verb.lemma_.lower() in pledges and supports(word)
    if word.pos_ != "VERB" or word.lemma_.lower() not in pledges:
        return False
    return any(
        supports(c) and (c.dep_ in OBJECTS or any(m.lower_ == "of" for m in c.children if m.dep_ == "case"))
        for c in word.children
        if c.i > word.i
    )


def target_state(kb: KnowledgeBase, recipients: list[EventActor]) -> Place | None:
    """The state an earlier act with no place of its own was aimed at, as its place ("since the full-scale invasion
    began": in Ukraine): the one state of its recipients, if any."""
    states = {a.country for a in recipients if a.country in kb.countries}
    return geocode(kb.countries[states.pop()].name) if len(states) == 1 else None


def name_owners(
    parties: PartyReader, participle: SpacyToken, event_type: str, date: str | None, used: set[int]
) -> list[EventActor]:
    """The parties of the thing a participle of a name describes ("what he called threatening *NATO activity*",
    "threatening military activity *by NATO*"): the parties its object and obliques name, or their owners."""
    found: list[EventActor] = []
    for child in participle.children:
        if child.dep_ in OBJECTS or child.dep_ in ("obl", "obl:agent", "nmod"):
            found += parties.phrase_actors(child, event_type, date, set(used))
            found += parties.noun_modifier_actors(child, event_type, date, set(used))
            for part in child.children:
                if part.dep_ == "nmod":
                    found += parties.phrase_actors(part, event_type, date, set(used))
    return list(dict.fromkeys(found))
