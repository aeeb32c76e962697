"""The event coder's rule files: ``data/event_actors.json`` (how the parties of an event are found around its
trigger) and ``data/event_coding.json`` (who an event faces, which events have a recipient, where events are
placed), loaded once into frozen records."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sitrep.patterns import phrase_alternation

MAX_ATTRIBUTION_WORDS = 7  # words between an attribution cue and the source it names
_PLACE_AFTER_PREP = (
    r"\b(?P<prep>(?i:{preps}))\s+(?:the\s+)?(?P<mod>[a-z-]+\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|region|oblast|training ground|air base))*)"
)


@dataclass(slots=True, frozen=True)
class ExtractRules:
    """Word lists from ``data/event_actors.json``: how the parties of an event are found around its trigger, and
    from the sentence's context (an attack's adversary, a noun referring to an earlier event, the state a withdrawal
    leaves, a building that is only the site, the goal of a hand-over, a body with no country of its own)."""

    version: str
    recipient_preps: frozenset[str]
    locative_preps: frozenset[str]
    reciprocal_heads: frozenset[str]
    reciprocal_determiners: frozenset[str]
    region_words: tuple[str, ...]
    reporting_verbs: frozenset[str]
    place_after_prep: re.Pattern[str]
    control_markers: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    attribution: re.Pattern[str] = re.compile(r"(?!)")
    attribution_cue: re.Pattern[str] = re.compile(r"(?!)")  # a cue of ``attribution`` and the space after it
    receive_verbs: frozenset[str] = frozenset()
    visitor_nouns: frozenset[str] = frozenset()
    issued_documents: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    locative_actor_types: frozenset[str] = frozenset()
    backer_nouns: frozenset[str] = frozenset()
    backed_types: frozenset[str] = frozenset()
    own_theme_types: frozenset[str] = frozenset()
    amount_heads: frozenset[str] = frozenset()
    context_preps: frozenset[str] = frozenset()
    cause_heads: frozenset[str] = frozenset()
    cause_preps: frozenset[str] = frozenset()
    record_verbs: frozenset[str] = frozenset()
    named_documents: frozenset[str] = frozenset()
    speaker_types: frozenset[str] = frozenset()
    source_types: frozenset[str] = frozenset()
    aggressor_nouns: frozenset[str] = frozenset()
    aggressor_modifiers: frozenset[str] = frozenset()
    aggression_words: frozenset[str] = frozenset()
    audience_nouns: frozenset[str] = frozenset()
    inventory_verbs: frozenset[str] = frozenset()
    non_recipient_preps: frozenset[str] = frozenset()
    # Parties from the sentence's context and world-news recipients ("parties_comment" in the data file).
    adversary_types: frozenset[str] = frozenset()  # an unnamed target is the actor's adversary in the article
    referring_preps: frozenset[str] = frozenset()  # "shocked *by* the attacks": the noun may refer to an earlier event
    present_timexes: frozenset[str] = frozenset()  # "troops are *now* deployed": a state at the time of writing
    origin_types: frozenset[str] = frozenset()  # withdrawals: the state of the place left receives
    origin_preps: frozenset[str] = frozenset()  # "withdrew *from* southern Lebanon"
    origin_verbs: frozenset[str] = frozenset()  # "*left* Afghanistan"
    site_preps: frozenset[str] = frozenset()  # "signed *at* the White House": a government building is the site
    site_target_types: frozenset[str] = frozenset()  # types whose acts aim at such a building (an attack, a protest)
    goal_preps: frozenset[str] = frozenset()  # "handed over a suspect *to* the United States": the goal outranks
    body_target_preps: frozenset[str] = frozenset()  # "opened fire *on* villagers": a body an attack aims at
    body_skip_sectors: frozenset[str] = frozenset()  # generic bodies of these sectors are no such target
    domestic_types: frozenset[str] = frozenset()  # a body of no state is the place's people; its government receives
    open_addressees: frozenset[str] = frozenset()  # "warned that *anyone* who ...": a threat aimed at no one named
    seizure_verbs: frozenset[str] = frozenset()  # "*seized* it", "*took control* of": aimed at the adversary
    seized_grounds: frozenset[str] = frozenset()  # "seized *the town*": ground, not a ship, is seized from a side
    condition_types: frozenset[str] = frozenset()  # a threat: the party of its "if" clause receives it too
    condition_marks: frozenset[str] = frozenset()  # "if", "unless"
    watched_types: frozenset[str] = frozenset()  # a deployment faces the other state that reports it
    watch_verbs: frozenset[str] = frozenset()  # "*Kyiv says* 80,000 Russian troops are deployed"
    judging_verbs: frozenset[str] = frozenset()  # "*called* the referendums a sham": the namer accuses the thing's party
    accused_act_verbs: frozenset[str] = frozenset()  # "said Russia was *weaponising* hunger": the speaker accuses
    insurgent_sectors: frozenset[str] = frozenset()  # an armed group of these sectors acts against its own state
    conflict_event_nouns: frozenset[str] = frozenset()  # "condemned *the escalation*": refers back to an act of force
    force_types: frozenset[str] = frozenset()  # the acts of force such a noun refers back to
    meeting_request_types: frozenset[str] = frozenset()  # "asked for a meeting": the body that meets receives it
    meeting_nouns: frozenset[str] = frozenset()  # "a *meeting*", "*consultations* under Article 4"
    meeting_verbs: frozenset[str] = frozenset()  # "the Security Council *met* ... after Russia asked for a meeting"
    blamed_types: frozenset[str] = frozenset()  # an act of these types with no actor: the party the article blames
    blame_verbs: frozenset[str] = frozenset()  # "Kyiv *blamed* Russia-backed forces for the attack"
    blame_target_preps: frozenset[str] = frozenset()  # "blamed the attack *on* X": X is blamed
    blame_cause_preps: frozenset[str] = frozenset()  # "blamed X *for* the attack": the act blamed
    harm_nouns: frozenset[str] = frozenset()  # "the *deaths*, which Kyiv has blamed on X": a harm done by an attack
    harm_lemmas: frozenset[str] = frozenset()  # "four soldiers were *killed*": a sentence telling the blamed attack's harm
    posting_nouns: frozenset[str] = frozenset()  # "Iran's *mission* to the UN": the "to" phrase is where, not who
    joint_types: frozenset[str] = frozenset()  # "the two leaders *agreed*": a joint act; a reciprocal subject acts as one


@lru_cache(maxsize=1)
def load_extract_rules() -> ExtractRules:
    raw = json.loads((files("sitrep") / "data" / "event_actors.json").read_text(encoding="utf-8"))
    return ExtractRules(
        version=raw["version"],
        recipient_preps=frozenset(raw["recipient_preps"]),
        locative_preps=frozenset(raw["locative_preps"]),
        reciprocal_heads=frozenset(raw["reciprocal_heads"]),
        reciprocal_determiners=frozenset(raw["reciprocal_determiners"]),
        region_words=tuple(raw["region_words"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        control_markers=frozenset(raw.get("control_markers", ())),
        object_control_verbs=frozenset(raw.get("object_control_verbs", ())),
        attribution=_attribution_pattern(raw.get("attribution_cues", ())),
        attribution_cue=_attribution_cue(raw.get("attribution_cues", ())),
        receive_verbs=frozenset(raw.get("receive_verbs", ())),
        visitor_nouns=frozenset(raw.get("visitor_nouns", ())),
        issued_documents=frozenset(raw.get("issued_documents", ())),
        state_nouns=frozenset(raw.get("state_nouns", ())),
        place_nouns=frozenset(raw.get("place_nouns", ())),
        locative_actor_types=frozenset(raw.get("locative_actor_types", ())),
        backer_nouns=frozenset(raw.get("backer_nouns", ())),
        backed_types=frozenset(raw.get("backed_types", ())),
        own_theme_types=frozenset(raw.get("own_theme_types", ())),
        amount_heads=frozenset(raw.get("amount_heads", ())),
        context_preps=frozenset(raw.get("context_preps", ())),
        cause_heads=frozenset(raw.get("cause_heads", ())),
        cause_preps=frozenset(raw.get("cause_preps", ())),
        record_verbs=frozenset(raw.get("record_verbs", ())),
        named_documents=frozenset(raw.get("named_documents", ())),
        speaker_types=frozenset(raw.get("speaker_types", ())),
        source_types=frozenset(raw.get("source_types", ())),
        aggressor_nouns=frozenset(raw.get("aggressor_nouns", ())),
        aggressor_modifiers=frozenset(raw.get("aggressor_modifiers", ())),
        aggression_words=frozenset(raw.get("aggression_words", ())),
        audience_nouns=frozenset(raw.get("audience_nouns", ())),
        inventory_verbs=frozenset(raw.get("inventory_verbs", ())),
        non_recipient_preps=frozenset(raw.get("non_recipient_preps", ())),
        adversary_types=frozenset(raw.get("adversary_types", ())),
        referring_preps=frozenset(raw.get("referring_preps", ())),
        present_timexes=_lower(raw.get("present_timexes", ())),
        origin_types=frozenset(raw.get("origin_types", ())),
        origin_preps=_lower(raw.get("origin_preps", ())),
        origin_verbs=_lower(raw.get("origin_verbs", ())),
        site_preps=_lower(raw.get("site_preps", ())),
        site_target_types=frozenset(raw.get("site_target_types", ())),
        goal_preps=_lower(raw.get("goal_preps", ())),
        body_target_preps=_lower(raw.get("body_target_preps", ())),
        body_skip_sectors=frozenset(raw.get("body_skip_sectors", ())),
        domestic_types=frozenset(raw.get("domestic_types", ())),
        open_addressees=_lower(raw.get("open_addressees", ())),
        seizure_verbs=_lower(raw.get("seizure_verbs", ())),
        seized_grounds=_lower(raw.get("seized_grounds", ())),
        condition_types=frozenset(raw.get("condition_types", ())),
        condition_marks=_lower(raw.get("condition_marks", ())),
        watched_types=frozenset(raw.get("watched_types", ())),
        watch_verbs=_lower(raw.get("watch_verbs", ())),
        judging_verbs=_lower(raw.get("judging_verbs", ())),
        accused_act_verbs=_lower(raw.get("accused_act_verbs", ())),
        insurgent_sectors=frozenset(raw.get("insurgent_sectors", ())),
        conflict_event_nouns=_lower(raw.get("conflict_event_nouns", ())),
        force_types=frozenset(raw.get("force_types", ())),
        meeting_request_types=frozenset(raw.get("meeting_request_types", ())),
        meeting_nouns=_lower(raw.get("meeting_nouns", ())),
        meeting_verbs=_lower(raw.get("meeting_verbs", ())),
        blamed_types=frozenset(raw.get("blamed_types", ())),
        blame_verbs=_lower(raw.get("blame_verbs", ())),
        blame_target_preps=_lower(raw.get("blame_target_preps", ())),
        blame_cause_preps=_lower(raw.get("blame_cause_preps", ())),
        harm_nouns=_lower(raw.get("harm_nouns", ())),
        harm_lemmas=_lower(raw.get("harm_lemmas", ())),
        posting_nouns=_lower(raw.get("posting_nouns", ())),
        joint_types=frozenset(raw.get("joint_types", ())),
        place_after_prep=re.compile(
            _PLACE_AFTER_PREP.format(preps="|".join(re.escape(p) for p in raw["locative_preps"]))
        ),
    )


def _lower(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _attribution_pattern(cues: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A sentence prefix that ends inside an attribution phrase: a cue ("according to") and at most
    :data:`MAX_ATTRIBUTION_WORDS` words with no clause punctuation ("According to a readout issued by the")."""
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(
        rf"\b(?:{phrase_alternation(cues)})\s+(?:[^\s,;:()]+\s+){{0,{MAX_ATTRIBUTION_WORDS}}}$", re.IGNORECASE
    )


def _attribution_cue(cues: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A cue of :func:`_attribution_pattern` and the space after it: a sentence none of whose prefixes can end
    inside an attribution phrase has none."""
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(rf"\b(?:{phrase_alternation(cues)})\s", re.IGNORECASE)


def _phrases(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, case-insensitive (never matches when there are none)."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile(rf"\b(?:{phrase_alternation(phrases)})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DetectionRules:
    """Which further triggers tell an event of their own (``event_coding.json`` "detection")."""

    object_event_verbs: frozenset[str] = frozenset()  # verbs that perform the event their object names
    durative_triggers: frozenset[str] = frozenset()  # words of a standing war, events only in the main clause
    mode_act_types: frozenset[str] = frozenset()  # types whose triggers of different modes are different acts
    time_act_types: frozenset[str] = frozenset()  # types whose done and future triggers are different acts
    occasion_event_types: frozenset[str] = frozenset()  # events named as the occasion of another ("after meeting X")
    occasion_markers: frozenset[str] = frozenset()  # the words that name an occasion
    interception_verbs: frozenset[str] = frozenset()  # "shot down 20 drones": the incoming attack (task D3)
    projectile_nouns: frozenset[str] = frozenset()  # what is shot down or intercepted
    raid_modes: frozenset[str | None] = frozenset()  # ASSAULT modes of a missile or drone raid an interception reports
    modal_refusals: frozenset[str] = frozenset()  # "would not": a REJECT only with a counterpart (task D3)
    # what another act is about or done for (task D4): the matter of a request or refusal, motives, calls, tolls
    request_verbs: frozenset[str] = frozenset()  # "asked the allies to *impose* ...", "refused to *support* ..."
    particle_request_verbs: frozenset[str] = frozenset()  # "call": a request only with a particle ("called *on* Baku")
    request_particles: frozenset[str] = frozenset()
    motive_nouns: frozenset[str] = frozenset()  # "in *retaliation* for", "in a *show* of", "as a *sign* of"
    motive_preps: frozenset[str] = frozenset()
    call_verbs: frozenset[str] = frozenset()  # "called Pashinyan": a phone call when a party is the object
    death_verbs: frozenset[str] = frozenset()  # "three people *died*": a death, never an attacker's act
    tally_verbs: frozenset[str] = frozenset()  # "fighting has *claimed* 13,000 lives": a war's toll
    call_party_nouns: frozenset[str] = frozenset()  # "called *his counterpart*", "called *the prime minister*"
    call_time_words: frozenset[str] = frozenset()  # "called Macron last *week*": a time, not a name given
    measure_heads: frozenset[str] = frozenset()  # "a *package* worth 700 million": the parse's head measures the noun (task D5)
    # repeats and reports (task D6)
    retold_types: frozenset[str] = frozenset()  # types whose act told again with the same parties is a repeat
    fact_warning_verbs: frozenset[str] = frozenset()  # "warned that X *had* done": a report, not a threat
    to_come_words: frozenset[str] = frozenset()  # "would", "will": a warning of what is to come
    pursuit_verbs: frozenset[str] = frozenset()  # "press a new offensive": carrying on an act, no request
    # the type of an act (task D7)
    past_act_types: frozenset[str] = frozenset()  # "since *the annexation* of Crimea": past acts named as nouns
    schedule_words: frozenset[str] = frozenset()  # "is *due* to host a meeting": an act to come
    offer_verbs: frozenset[str] = frozenset()  # "invited Putin to meet": an offer, AGREE
    backshift_verbs: frozenset[str] = frozenset()  # "said Paris *would* send": a reported act to come
    condition_marks: frozenset[str] = frozenset()  # if, unless, whether: no promise
    past_markers: frozenset[str] = frozenset()  # since, after, following
    onset_verbs: frozenset[str] = frozenset()  # "since the invasion *began*"
    pledge_verbs: frozenset[str] = frozenset()  # "pledged continued backing": SUPPORT stated


@dataclass(slots=True, frozen=True)
class CodingRules:
    """Rules from ``data/event_coding.json``: who a deployment faces, which events have a recipient, where events are placed."""

    version: str
    border: re.Pattern[str]
    pronoun_owners: frozenset[str]
    border_types: frozenset[str]
    no_recipient_types: frozenset[str]
    no_positional_types: frozenset[str]
    distinct_types: frozenset[str]
    sentence_place_types: frozenset[str]
    casualty_words: frozenset[str] = frozenset()
    place_target_types: frozenset[str] = frozenset()
    place_target_preps: frozenset[str] = frozenset()
    domestic_targets: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()
    pejorative_words: frozenset[str] = frozenset()
    praise_words: frozenset[str] = frozenset()
    naming_modes: Mapping[str, str | None] = field(default_factory=dict)
    casualty_types: frozenset[str] = frozenset()
    referring_types: frozenset[str] = frozenset()
    judgement_types: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    counterpart_types: frozenset[str] = frozenset()
    counterpart_cue: re.Pattern[str] = re.compile(r"(?!)")
    reported_state_types: frozenset[str] = frozenset()
    audience_event: re.Pattern[str] = re.compile(r"(?!)")
    joint_marker: re.Pattern[str] = re.compile(r"(?!)")
    state_sectors: frozenset[str | None] = frozenset()
    context_types: frozenset[str] = frozenset()
    reply_types: frozenset[str] = frozenset()
    custody_words: frozenset[str] = frozenset()
    occasion_types: frozenset[str] = frozenset()
    reciprocal_types: frozenset[str] = frozenset()
    occasion_preps: frozenset[str] = frozenset()
    detection: DetectionRules = field(default_factory=DetectionRules)  # "detection": which further triggers are events


def _detection_rules(raw: Mapping[str, Any]) -> DetectionRules:
    """Every field of :class:`DetectionRules` is a word list of the same name in the "detection" section."""
    return DetectionRules(**{f.name: frozenset(raw.get(f.name, ())) for f in fields(DetectionRules)})


@lru_cache(maxsize=1)
def load_coding_rules() -> CodingRules:
    raw = json.loads((files("sitrep") / "data" / "event_coding.json").read_text(encoding="utf-8"))
    owners = sorted(raw["pronoun_owners"], key=len, reverse=True)
    cues = sorted(raw.get("counterpart_cues", ()), key=len, reverse=True)
    words = sorted(raw["border_words"], key=len, reverse=True)
    pattern = (
        r"(?P<owner>(?i:{pronouns})|(?:[A-Z][\w.-]*)(?:\s+[A-Z][\w.-]*)*(?:['’]s)?)\s+"
        r"(?:(?i:{mods})\s+)?(?i:{words})\b"
    ).format(
        pronouns="|".join(re.escape(o) for o in owners),
        mods="|".join(re.escape(m) for m in raw["border_modifiers"]),
        words="|".join(re.escape(w) for w in words),
    )
    return CodingRules(
        version=raw["version"],
        border=re.compile(pattern),
        pronoun_owners=frozenset(o.lower() for o in owners),
        border_types=frozenset(raw["border_types"]),
        no_recipient_types=frozenset(raw["no_recipient_types"]),
        no_positional_types=frozenset(raw["no_positional_types"]),
        distinct_types=frozenset(raw["distinct_types"]),
        place_target_types=frozenset(raw.get("place_target_types", ())),
        place_target_preps=frozenset(raw.get("place_target_preps", ())),
        domestic_targets=frozenset(raw.get("domestic_targets", ())),
        naming_verbs=frozenset(raw.get("naming_verbs", ())),
        document_heads=frozenset(raw.get("document_heads", ())),
        pejorative_words=frozenset(raw.get("pejorative_words", ())),
        praise_words=frozenset(raw.get("praise_words", ())),
        naming_modes=dict(raw.get("naming_modes", {})),
        sentence_place_types=frozenset(raw["sentence_place_types"]),
        casualty_words=frozenset(raw.get("casualty_words", ())),
        casualty_types=frozenset(raw.get("casualty_types", ())),
        referring_types=frozenset(raw.get("referring_types", ())),
        judgement_types=frozenset(raw.get("judgement_types", ())),
        event_nouns=frozenset(raw.get("event_nouns", ())),
        counterpart_types=frozenset(raw.get("counterpart_types", ())),
        reported_state_types=frozenset(raw.get("reported_state_types", ())),
        audience_event=_phrases(raw.get("audience_events", ())),
        joint_marker=_phrases(raw.get("joint_markers", ())),
        state_sectors=frozenset(raw.get("state_sectors", ())),
        context_types=frozenset(raw.get("context_types", ())),
        reply_types=frozenset(raw.get("reply_types", ())),
        custody_words=frozenset(raw.get("custody_words", ())),
        occasion_types=frozenset(raw.get("occasion_types", ())),
        reciprocal_types=frozenset(raw.get("reciprocal_types", ())),
        occasion_preps=frozenset(raw.get("occasion_preps", ())),
        detection=_detection_rules(raw.get("detection", {})),
        counterpart_cue=re.compile(
            r"\b(?:{})\b".format("|".join(re.escape(c) for c in cues)) if cues else r"(?!)", re.IGNORECASE
        ),
    )
