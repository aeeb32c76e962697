"""Candidate triggers that tell no event of their own, however likely the model finds their type (task D9).

A participle of speaking that frames a statement and the occasion it names ("*Speaking* at the range, Shoigu
said ..."); an item of a list a verb of containing gives ("the package includes ... artillery *shells*"); what
a noun of lack or a verb of losing names ("shortages of food and *medicine*", "had lost thousands of
*soldiers*"); the matter of an evaluation ("any steps towards *de-escalation* would matter", "security
*guarantees* would be a dangerous mistake"). Words: ``data/event_precision.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import OBJECTS, RELATIVE_PRONOUNS, SUBJECTS, UD_OBLIQUE, VERB_POS, names_party

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

_MAX_DEPTH = 8  # dependency steps from a trigger up to the verb or noun that governs it
_MARKERS = frozenset({"mark", "case"})


@dataclass(slots=True, frozen=True)
class PrecisionRules:
    """Word lists of ``data/event_precision.json`` (see its ``_comment``)."""

    version: str
    speech_participles: frozenset[str]
    counterpart_preps: frozenset[str]
    content_verbs: frozenset[str]
    lack_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    evaluation_predicates: frozenset[str]
    hypothetical_modals: frozenset[str]
    retold_meeting_types: frozenset[str]
    judged_types: frozenset[str]
    blame_verbs: frozenset[str]
    desire_verbs: frozenset[str]
    silence_verbs: frozenset[str]
    saying_verbs: frozenset[str]
    idiom_objects: dict[str, frozenset[str]]
    capability_modals: frozenset[str]
    statement_types: frozenset[str]
    possibility_modals: frozenset[str]
    any_words: frozenset[str]
    presupposed_types: frozenset[str]
    purpose_verbs: frozenset[str]
    legislative_bodies: frozenset[str]
    office_verbs: frozenset[str]
    background_markers: frozenset[str]
    change_verbs: frozenset[str]


@cache
def load_precision_rules() -> PrecisionRules:
    """The packaged refusal words (read once)."""
    raw = json.loads((files("sitrep") / "data" / "event_precision.json").read_text(encoding="utf-8"))
    lists = {key: frozenset(str(w).lower() for w in value) for key, value in raw.items() if isinstance(value, list)}
    return PrecisionRules(
        version=str(raw["version"]),
        speech_participles=lists.get("speech_participles", frozenset()),
        counterpart_preps=lists.get("counterpart_preps", frozenset()),
        content_verbs=lists.get("content_verbs", frozenset()),
        lack_nouns=lists.get("lack_nouns", frozenset()),
        loss_verbs=lists.get("loss_verbs", frozenset()),
        evaluation_predicates=lists.get("evaluation_predicates", frozenset()),
        hypothetical_modals=lists.get("hypothetical_modals", frozenset()),
        retold_meeting_types=frozenset(w.upper() for w in lists.get("retold_meeting_types", frozenset())),
        judged_types=frozenset(w.upper() for w in lists.get("judged_types", frozenset())),
        blame_verbs=lists.get("blame_verbs", frozenset()),
        desire_verbs=lists.get("desire_verbs", frozenset()),
        silence_verbs=lists.get("silence_verbs", frozenset()),
        saying_verbs=lists.get("saying_verbs", frozenset()),
        idiom_objects={
            str(verb).lower(): frozenset(str(w).lower() for w in words)
            for verb, words in dict(raw.get("idiom_objects", {})).items()
            if not str(verb).startswith("_")
        },
        capability_modals=lists.get("capability_modals", frozenset()),
        statement_types=frozenset(w.upper() for w in lists.get("statement_types", frozenset())),
        possibility_modals=lists.get("possibility_modals", frozenset()),
        any_words=lists.get("any_words", frozenset()),
        presupposed_types=frozenset(w.upper() for w in lists.get("presupposed_types", frozenset())),
        purpose_verbs=lists.get("purpose_verbs", frozenset()),
        legislative_bodies=lists.get("legislative_bodies", frozenset()),
        office_verbs=lists.get("office_verbs", frozenset()),
        background_markers=lists.get("background_markers", frozenset()),
        change_verbs=lists.get("change_verbs", frozenset()),
    )


def _path_up(trigger: SpacyToken) -> list[SpacyToken]:
    """The trigger and its heads up to (and with) the first verb above it, at most ``_MAX_DEPTH`` steps (a verb
    trigger alone)."""
    path = [trigger]
    if trigger.pos_ in VERB_POS:
        return path
    token = trigger
    for _ in range(_MAX_DEPTH):
        if token.head.i == token.i:
            break
        token = token.head
        path.append(token)
        if token.pos_ in VERB_POS:
            break
    return path


def speech_frame(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a meeting trigger is a participle of speaking that frames a statement, or the occasion such a
    participle names ("*Speaking* at the Opuk range, Shoigu said ...", "Speaking at a *meeting* of his Security
    Council, Putin said ..."): the setting of what is said, no meeting, unless a counterpart is named ("speaking
    at a meeting *with* Kuleba") or a subject of its own ("Blinken, speaking with Kuleba, ...": counterpart)."""
    path = _path_up(trigger)
    verb = path[-1]
    if verb.pos_ not in VERB_POS or verb.tag_ != "VBG" or not {verb.lemma_.lower(), verb.lower_} & rules.speech_participles:
        return False
    if verb.dep_ in ("ROOT", "conj") or any((c.dep_ in SUBJECTS or c.dep_ in _MARKERS) and not c.is_space for c in verb.children):
        return False
    heads = {t.i for t in path}
    for token in (verb, *verb.subtree):
        if token.dep_ not in UD_OBLIQUE or token.head.i not in heads:
            continue
        if any(c.dep_ == "case" and c.lower_ in rules.counterpart_preps for c in token.children):
            return False  # "speaking at a meeting with Kuleba": a meeting with a counterpart
    return True


def listed_item(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a noun trigger is an item of what a verb of containing lists ("the package includes ... 155mm
    artillery *shells*"), what a noun of lack governs ("shortages of food and *medicine*", "a deficit of
    artillery *shells*") or what a verb of losing loses ("had lost thousands of *soldiers*")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    path = _path_up(trigger)
    for token in path[1:]:
        if token.lemma_.lower() in rules.lack_nouns or token.lower_ in rules.lack_nouns:
            return True
    verb = path[-1]
    if verb.pos_ not in VERB_POS or verb.i > trigger.i:
        return False
    lemma = verb.lemma_.lower()
    if lemma in rules.content_verbs:
        return True
    # "lost thousands of soldiers": the verb's object (or a noun it counts) is lost, no act of the lost
    return lemma in rules.loss_verbs and len(path) >= 2 and path[-2].dep_ in OBJECTS


def judged_matter(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger stands in the subject of an evaluation: a predicate of judging ("any steps towards
    *de-escalation* would matter", "American *assistance* was at risk", "Western *weapons* will only prolong the
    fighting") or a copular clause with a modal ("security *guarantees* would be a dangerous mistake")."""
    token = trigger
    for _ in range(_MAX_DEPTH):
        if token.head.i == token.i:
            return False
        if token.dep_ in SUBJECTS:
            break
        if token.pos_ in VERB_POS and token.i != trigger.i:
            return False  # the trigger stands in a clause of its own below the predicate
        token = token.head
    else:
        return False
    predicate = token.head
    if predicate.i == trigger.i:
        return False
    if predicate.lemma_.lower() in rules.evaluation_predicates or predicate.lower_ in rules.evaluation_predicates:
        return True
    copular = any(c.dep_ == "cop" for c in predicate.children)
    modal = any(c.dep_ == "aux" and c.lower_ in rules.hypothetical_modals for c in predicate.children)
    return copular and modal


def _lemmas(token: SpacyToken) -> frozenset[str]:
    return frozenset((token.lemma_.lower(), token.lower_))


def wish_only(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a request trigger is a verb of wanting that asks no one: "Putin said Russia *wanted* good relations
    with everyone", "both sides wanted to keep talking", "Moscow wanted to wreck the energy system" state a wish or an
    aim; "wanted *NATO* to pull back", "wanted states such as *Britain* to act as guarantors" (a party asked to act)
    is a request."""
    if trigger.pos_ not in VERB_POS or not _lemmas(trigger) & rules.desire_verbs:
        return False
    objects = [c for c in trigger.children if c.dep_ in OBJECTS]
    asked = any(names_party(t) for o in objects for t in o.subtree)
    return not (asked and any(c.dep_ in ("xcomp", "ccomp") for c in trigger.children))


def kept_silence(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger tells a speaker's own silence (gold guide: not coded): a refusal to say ("China *declined*
    to describe the attack as an invasion", "declined to say when"), or an act in what a speaker did not say
    ("He did not say whether Washington would *send* more help")."""
    if trigger.pos_ in VERB_POS and _lemmas(trigger) & rules.silence_verbs:
        return any(c.dep_ == "xcomp" and _lemmas(c) & rules.saying_verbs for c in trigger.children)
    clause = trigger if trigger.pos_ in VERB_POS else next((a for a in trigger.ancestors if a.pos_ in VERB_POS), None)
    if clause is None or not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return False
    saying = clause.head
    if saying.i == clause.i or not _lemmas(saying) & rules.saying_verbs:
        return False
    refused_to = saying.dep_ == "xcomp" and bool(_lemmas(saying.head) & rules.silence_verbs)
    return refused_to or any(c.dep_ in ("neg", "advmod") and c.lower_ in ("not", "n't", "never") for c in saying.children)


def idiom(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger verb is part of an idiom its object makes ("Zelensky *struck* a guarded tone"), or a
    particle of another verb ("was holding that option *back*")."""
    if trigger.dep_ in ("prt", "compound:prt"):
        return True
    words = next((rules.idiom_objects[w] for w in _lemmas(trigger) if w in rules.idiom_objects), None)
    if words is None:
        return False
    return any(c.dep_ in OBJECTS and _lemmas(c) & words for c in trigger.children)


def capability(trigger: SpacyToken, event_type: str, *, rules: PrecisionRules) -> bool:
    """Whether a trigger verb tells what a thing can do, in a relative clause describing it ("ATACMS, which *can
    hit* targets 300 km away"), or what a body habitually does ("a coalition of 50 countries that *coordinates*
    military help", "leaders who *mediate* in the conflict"): a description, no act. A statement in such a clause
    ("groups that it *accuses* of meddling", "which Moscow *denies*") is made, whatever its tense
    (``statement_types``)."""
    if trigger.pos_ not in VERB_POS:
        return False
    relative = any(c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS for c in trigger.children)
    if trigger.dep_ not in ("acl:relcl", "relcl") and not relative:
        return False  # (the parse may hang "which can hit ..." on the verb before as an adverbial clause)
    helpers = [c for c in trigger.children if c.dep_ in ("aux", "aux:pass", "auxpass")]
    if any(c.lower_ in rules.capability_modals for c in helpers):
        return True
    return not helpers and trigger.tag_ in ("VBZ", "VBP") and event_type not in rules.statement_types


def purpose_only(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger verb is only the purpose something is said to serve ("sabotage *intended* partly to *cut
    off* water to Crimea", "export controls *meant to cut* the country off"): an aim, no act told (task D11)."""
    if trigger.pos_ not in VERB_POS or trigger.dep_ not in ("xcomp", "advcl"):
        return False
    head = trigger.head
    if head.tag_ != "VBN" or not _lemmas(head) & rules.purpose_verbs:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "to" for c in trigger.children)


def legislative_step(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger verb is a step of a legislature ("a package *which the Senate approved*", "the upper house
    *authorised* him"): the gold guide codes no domestic legislative step (task D11). A request to a legislature
    ("urged the House to pass the package") is the requester's act and is kept."""
    if trigger.pos_ not in VERB_POS:
        return False
    for child in trigger.children:
        if child.dep_ in SUBJECTS and child.lower_ not in RELATIVE_PRONOUNS and _lemmas(child) & rules.legislative_bodies:
            return True
    return False


def appointment(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger verb asks or keeps someone in an office ("asked Lavrov to *stay on as* foreign minister",
    "wanted him to serve as envoy"): an appointment, which the gold guide does not code (task D11)."""
    if trigger.pos_ not in VERB_POS:
        return False
    for clause in trigger.children:
        if clause.dep_ != "xcomp" or not _lemmas(clause) & rules.office_verbs:
            continue
        if any(c.dep_ in UD_OBLIQUE and any(k.dep_ == "case" and k.lower_ == "as" for k in c.children) for c in clause.children):
            return True
    return False


def background(trigger: SpacyToken, *, rules: PrecisionRules) -> bool:
    """Whether a trigger stands in a background clause of a mood that grows ("spoke with Zelensky, *as concern grew*
    over a Russian military *buildup*", "the disaster came *as fighting intensified* along the front"): an adverbial
    clause opened by "as"/"while" whose verb is one of change and whose subject names no party; the clause sets the
    scene and tells no act. "as *Kyiv* warned of a growing presence" (a party speaks) is kept (task D11)."""
    verb = _path_up(trigger)[-1]
    if verb.pos_ not in VERB_POS or verb.dep_ != "advcl" or not _lemmas(verb) & rules.change_verbs:
        return False
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return False
    opened = any(c.dep_ == "mark" and c.lower_ in rules.background_markers for c in verb.children)
    opened = opened or any(c.dep_ == "case" and c.lower_ in rules.background_markers for c in subject.children)
    if not opened:
        return False
    return not any(t.pos_ == "PRON" or names_party(t) for t in subject.subtree)


def refused(trigger: SpacyToken, event_type: str) -> bool:
    """Whether a candidate trigger tells no event of its own (:func:`speech_frame` for meetings,
    :func:`listed_item`, :func:`judged_matter`). A threat is its hypothetical act judged to come ("a *response*
    would be inevitable"), so the judged matter of a threat is that threat."""
    rules = load_precision_rules()
    if event_type == "CONSULT" and speech_frame(trigger, rules=rules):
        return True
    if event_type == "REQUEST" and wish_only(trigger, rules=rules):
        return True
    if listed_item(trigger, rules=rules) or kept_silence(trigger, rules=rules) or idiom(trigger, rules=rules):
        return True
    if capability(trigger, event_type, rules=rules):
        return True
    if purpose_only(trigger, rules=rules) or legislative_step(trigger, rules=rules) or appointment(trigger, rules=rules):
        return True
    if background(trigger, rules=rules):
        return True
    return event_type not in rules.judged_types and judged_matter(trigger, rules=rules)


def interview_only(trigger: SpacyToken) -> bool:
    """Whether a meeting trigger is the means of a verb of saying ("Solskyi *told* the Monitor *by phone*", "said
    in a *phone* interview"): how the words reached a reporter, no meeting. The caller keeps it when a counterpart
    party was found ("told Biden by phone that ...": a call) (task D11)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ not in UD_OBLIQUE:
        return False
    return bool(_lemmas(trigger.head) & load_precision_rules().saying_verbs) or trigger.head.lemma_.lower() == "tell"
