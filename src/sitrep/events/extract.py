"""Code the events of one read article: type and mode, actors, date, place, figures, status.

For each sentence the event classifier (:mod:`sitrep.events.classify`) gives the PLOVER type, mode,
status and trigger word; further trigger-lexicon hits on other verbs of the sentence add more events
(a sentence often reports a call *and* a pledge). The parties come from the dependency parse around
the trigger: the actor is the subject side (``nsubj``, the ``by`` agent of a passive, the
possessor or nationality of a noun trigger — "Russia's buildup", "Russian troops"), the recipient
the object side (direct object, or the object of "against", "with", "to", "on", ...). Coordinated
parties ("Biden and Putin") are one record with several actors. Mentions are resolved through the
reading layers (:mod:`sitrep.events.actors`). The date is the date expression governing the trigger
if the sentence has one, else the article's news date with a lower confidence; the place is a
locative place mention geocoded offline (:mod:`sitrep.events.geo`); figures come from
:mod:`sitrep.events.quantities`.

Both dependency schemes are read: spaCy's ClearNLP labels (``dobj``, ``prep`` → ``pobj``, ``agent``) and
Universal Dependencies (``obj``, ``obl`` + ``case``, ``obl:agent``, ``nsubj:pass``), which the shipped
reading model uses. A subject pronoun stands for the last person named as a subject ("he") or the speaker
of the quote it is in ("we"). A noun trigger after "the"/"this" that is its clause's subject, when the
article already coded that type ("The call lasted an hour"), refers back and is not a new event; a verb
coordinated with the main trigger and having its own subject may add a second event of the same type;
one event is kept per sentence, type and parties (:func:`drop_restatements`). A further trigger is typed on
a word window around it and on its own clause (its predicate's subtree less the clauses coordinated with
it), the likelier reading winning. A clause that names no party of its own takes the object of the verb it
hangs on ("called *Kuleba* to express support", "spoke with *Putin* and proposed a summit"); a build-up
near an unowned border ("near the border") faces the other of the article's two most named states.

Reported speech: a clause reported by a verb of saying or disclosure (data: ``reporting_verbs``) is typed on
its own words too, so "He said *Russia had massed troops near Ukraine* ... and described ..." gets its event;
a party named in an attribution phrase ("According to the Pentagon, ...", data: ``attribution_cues``) is the
report's source, never the actor or recipient. Dates: a date naming a thing ("the 2020 election"), in another
relative clause ("which Moscow annexed in 2014") or after "since" does not date the event; a past-perfect
reported act of a material type with no time of its own ("confirmed on Wednesday that Washington *had sent*
...") happened before the report and takes the reporting day's month (precision ``month``), never the day,
while statements and states (``reported_state_types``) keep the reporting day; a past act timed only by "since
2014" is a tally up to the report, dated by the report's month. A news conference is a CONSULT only when the
sentence says it was held jointly (data: ``audience_events``, ``joint_markers``).

Who is who: an act told from its receiving end ("Zelensky *took a call from* Biden", "Kyiv received weapons
*from* Washington") has the party after "from" as actor (data: ``receive_verbs``); a passive's by-agent is the
actor ("Lavrov was hosted by Wang Yi"). A group named by its backer ("Russia-backed separatists", "Iran-backed
Houthis", "the U.S.-led coalition") is coded as the group where it operates, never as the backer
(:mod:`sitrep.events.proxies`). A verb of naming ("called Putin *a war criminal*") is an ACCUSE of its object
when the name is pejorative, a SUPPORT when it praises, and no call in any case; a trigger noun inside the name
or only qualifying a noun that names no event ("an *attack* helicopter", "the *talks'* agenda") is no event. An
attack or seizure aimed at a place ("their assault on Avdiivka", "Crimea, which Russia seized") targets the
place's state; one against unnamed people of no other state ("police detained dozens of people") the actor's
own. A blank line the parser hangs on a verb as its subject is ignored.

A story's opening dateline ("KYIV, Oct 10 (Wire) - ...") names where and by whom it was filed, never a party;
the parser often makes it the subject, and the first party after the dash then acts (and is what "its" of
that sentence stands for). A pejorative noun for an act ("voiced concern about *Russian aggression*", "said
Kyiv had staged a *provocation*", "believed Putin was a *killer*") accuses the act's owner, the accuser being
the first party above it that is a subject of its own. A document that acts ("signed an executive order that
*sanctioned* ...", data: ``issued_documents``) acts for whoever signed or issued it. A verb coordinated with
a passive state ("they were concerned ... and *called on* Moscow") shares its subject as an active one, and
"they" after "ministers of the G7" stands for the G7. Cutting a sentence's figures between its events never
separates a currency sign from its amount.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from sitrep.events.actors import PLACE_LABELS, ActorResolver
from sitrep.events.classify import NONE, EventClassifier, EventGuess, load_classifier
from sitrep.events.geo import load_gazetteer
from sitrep.events.lexicon import TriggerHit
from sitrep.events.proxies import Proxy, find_proxies, proxy_actor
from sitrep.events.quantities import find_quantities, quantities_for_type
from sitrep.events.record import Event, EventActor, Place, event_id
from sitrep.events.sentences import split_sentences
from sitrep.events.status import EventStatus, detect_status
from sitrep.events.text import Token, tokenize
from sitrep.model import Article
from sitrep.nlp.layers import Mention, Reading, Sentence, Timex
from sitrep.patterns import phrase_alternation

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

    from sitrep.kb import KnowledgeBase

__all__ = [
    "CodingRules",
    "ExtractRules",
    "code_events",
    "drop_restatements",
    "load_coding_rules",
    "load_extract_rules",
    "restatement_key",
]

# Dependency labels of both schemes our parsers may use: spaCy's ClearNLP-style labels and Universal
# Dependencies (the shipped reading model is trained on UD treebanks: obj, obl + case, nsubj:pass, ...).
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "nsubj:pass", "csubj:pass", "nsubj:outer"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass", "csubj:pass"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "obj"})
_PASSIVE_AUX = frozenset({"auxpass", "aux:pass"})
_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "parataxis"})
_RELATIVE = frozenset({"relcl", "acl", "acl:relcl"})
_NOUN_MODS = frozenset({"poss", "nmod:poss", "compound", "amod", "nmod", "npadvmod"})
_UD_OBLIQUE = frozenset({"obl", "nmod", "obl:agent", "obl:unmarked", "nmod:unmarked"})
_COORDINATED = frozenset({"conj", "parataxis"})
_GOVERNED = frozenset({"xcomp", "advcl", "conj", "dobj", "obj"})  # a verb (or object) whose subject is its governor's
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "acl:relcl", "conj", "parataxis", "csubj", "xcomp"})
_VICTIM_SUBJECT_TYPES = frozenset({"ASSAULT", "COERCE"})
_SELF_MOVING_TYPES = frozenset({"MOBILIZE", "RETREAT"})
_PRONOUN_PERSONS = {
    "he": "PERSON", "she": "PERSON", "we": "SPEAKER", "i": "SPEAKER", "they": "PARTY", "its": "PARTY"
}
_POSSESSIVE_PARTIES = frozenset({"its"})  # "*its* missiles struck Odesa": the party last a subject of the sentence
_NOUN_TO_VERB = frozenset(
    {"dobj", "obj", "nsubjpass", "nsubj:pass", "attr", "pobj", "prep", "compound", "amod", "obl", "obl:agent"}
)
_VERB_POS = frozenset({"VERB", "AUX"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_NONFINITE_TAGS = frozenset({"VBG", "VB"})
_FUNCTION_POS = frozenset({"ADP", "DET", "AUX", "PART", "SCONJ", "CCONJ", "PRON"})
_NAME_PARTS = frozenset({"flat", "flat:name", "compound"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
FALLBACK_CONFIDENCE = 0.8
_MATERIAL_QUADS = frozenset({2, 4})  # material cooperation and conflict: acts, not statements (said/accused/urged)
_PLACE_AFTER_PREP = (
    r"\b(?P<prep>(?i:{preps}))\s+(?:the\s+)?(?P<mod>[a-z-]+\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|region|oblast|training ground|air base))*)"
)
_AND_GAP = re.compile(r"\s*,?\s*(?:and|,)\s*")
_TITLE_GAP = re.compile(r"(?:\s*[A-Z][\w.'-]*)*\s*")
MIN_EXTRA_PROBABILITY = 0.85  # a further trigger's type, on its word window or its own clause (measured on dev: 0.75-0.9 within 0.01)
MIN_CLAUSE_PROBABILITY = 0.75  # for a further trigger that is a verb heading its own clause
_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl", "xcomp"})
MAX_EVENTS = 4
MIN_RESCUE_PROBABILITY = 0.3  # a main-verb trigger's type the model finds this likely is coded though it said "no event"
MIN_FALLBACK_PROBABILITY = 0.2  # a trigger-backed type taken when the model's own type has no trigger word
_FIGURE_PREFIX = re.compile(r"[$€£¥₴]")
_FINE_PRECISIONS = frozenset({"day", "week"})
_FRAGMENT_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
WINDOW_BEFORE = 3  # tokens of context before and after a further trigger when typing it on its own
WINDOW_AFTER = 6
MIN_COUNTERPART_MENTIONS = 2  # a state named fewer times is not one of the article's two main parties
MIN_CLAUSE_WORDS = 3  # a trigger's clause shorter than this is typed on the word window only
MAX_ATTRIBUTION_WORDS = 7  # words between an attribution cue and the source it names
# A dateline opening a story's first sentence: an upper-case place, optionally its country or the date, the
# outlet in brackets, and a dash ("KYIV, Ukraine (Wire) - ...", "MOSCOW, Aug 8 (Atlas Daily) - ...").
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?(?:\s+\d{1,2})?){0,2}"
    r"\s*(?:\([^()\n]{1,60}\))?\s*[-–—]+\s+(?=\S)"
)


@dataclass(slots=True, frozen=True)
class ExtractRules:
    """Word lists from ``data/event_actors.json``."""

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
        place_after_prep=re.compile(
            _PLACE_AFTER_PREP.format(preps="|".join(re.escape(p) for p in raw["locative_preps"]))
        ),
    )


def _attribution_pattern(cues: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A sentence prefix that ends inside an attribution phrase: a cue ("according to") and at most
    :data:`MAX_ATTRIBUTION_WORDS` words with no clause punctuation ("According to a readout issued by the")."""
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(
        rf"\b(?:{phrase_alternation(cues)})\s+(?:[^\s,;:()]+\s+){{0,{MAX_ATTRIBUTION_WORDS}}}$", re.IGNORECASE
    )


def _phrases(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, case-insensitive (never matches when there are none)."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile(rf"\b(?:{phrase_alternation(phrases)})\b", re.IGNORECASE)


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
        counterpart_cue=re.compile(
            r"\b(?:{})\b".format("|".join(re.escape(c) for c in cues)) if cues else r"(?!)", re.IGNORECASE
        ),
    )


@dataclass(slots=True, frozen=True)
class _Candidate:
    type: str
    mode: str | None
    status: EventStatus
    start: int  # trigger span, relative to the sentence
    end: int
    confidence: float
    rescued: bool = False  # the model said "no event"; the main verb's trigger word says otherwise


class _ArticleCoder:
    """Per-article state: the doc's token index, the actor resolver and the article's news date."""

    def __init__(
        self, doc: Doc, reading: Reading, *, article: Article, kb: KnowledgeBase, classifier: EventClassifier
    ) -> None:
        self.doc = doc
        self.reading = reading
        self.article = article
        self.clf = classifier
        self.rules = load_extract_rules()
        self.coding_rules = load_coding_rules()
        self.resolver = ActorResolver(reading, kb=kb)
        self._tok_starts = [token.idx for token in doc]
        self.timexes = sorted(reading.timexes, key=lambda t: t.start)
        self.published = article.published[:10] if article.published else None
        self.news_day = self._news_day()
        self._current_sentence = Sentence(0, 0)
        self.multi_event = True
        self.min_extra_probability = MIN_EXTRA_PROBABILITY
        self.min_clause_probability = MIN_CLAUSE_PROBABILITY
        self.max_events = MAX_EVENTS
        self.window_before = WINDOW_BEFORE
        self.require_trigger = True
        self.verbal_extras = False  # measured: requiring a verb (spaCy POS) loses more than it saves
        self.window_after = WINDOW_AFTER
        self.coded_types: set[str] = set()
        self.history: list[Event] = []  # the events coded so far, in text order
        self.referring_objects = True
        self.judgements = True
        self.skip_back_references = True
        self.skip_casualty_reports = True
        self.skip_audiences = True  # a news conference is a CONSULT only when held jointly
        self.same_type_clauses = True
        self.separate_acts = True  # "expelled 10 diplomats and *barred* 8 officials": a coordinated verb with its own object
        self.separate_parties = True  # "held calls with his Russian and Ukrainian counterparts": one event each
        self.separate_starts: set[int] = set()  # triggers (article offsets) of such acts: never merged as restatements
        self.skip_fragments = True
        self.skip_relations = frozenset({"until", "since"})
        self.foreign_timexes = True  # a year naming a thing, a date in a relative clause or after "since": not the event's
        self.participle_timexes = True  # "the peninsula, seized in 2014, ...": the year dates the seizure only
        self.earlier_reported = True  # a past-perfect reported act with no time of its own: the report's month
        self.strict_timex = False
        self.present_states = True
        self.clause_places = True
        self.sentence_place_types = self.coding_rules.sentence_place_types
        self.min_fallback_probability = MIN_FALLBACK_PROBABILITY
        self.main_verb_fallback = True
        self.main_verb_rescue = True
        self.min_rescue_probability = MIN_RESCUE_PROBABILITY
        self.counterparts = True
        self._main_states: list[str] | None = None
        self.proxies = find_proxies(article.text, kb=kb)
        self._proxy_actors: dict[int, EventActor | None] = {}
        self.inherit_recipients = True
        self.clause_context = True  # type a further trigger on its own clause too, not only a word window
        self.min_clause_words = MIN_CLAUSE_WORDS
        self.dense_windows = False  # the accurate model's MiniLM head types whole sentences, not trigger windows
        self.reported_clauses = True  # a reported clause's trigger is typed on the clause too (rescue)
        self.received_acts = True  # "took a call from Biden": the party after "from" is the actor
        self.namings = True  # "called Putin a war criminal": ACCUSE; "called Zelensky a brave leader": no call
        self.skip_descriptions = True  # "in *occupied* Donbas", "reports *concerning* troop movements": no act
        self.skip_noun_modifiers = True  # "an attack helicopter", "the talks' agenda": no event
        self.skip_own_side = True  # a recipient phrase naming only the actor's own side is passed over
        self.context_recipients = True  # a recipient implied by an earlier event of the sentence or the one before
        self.context_replies = True  # ... including the party whose act against the actor was just told
        self._previous_sentence: Sentence | None = None
        self.state_referents = True  # "the country" stands for the state last named
        self.pronoun_subjects = True  # a pronoun subject of the sentence as the last resort for the actor
        self.passive_undergoers = True  # a subjectless passive's party before it undergoes it; arrests by no agent
        self.occasion_meetings = True  # "After a call with the G7, Biden ...": Biden holds the call
        self.reciprocal_split = True  # "X and Y met": X acts, Y receives
        self.governing_subjects = True  # a subjectless verb's actor: the subject of the verb it hangs on
        self.locative_positions = True  # "troops near Ukraine": a place named before a trigger is no actor
        self.several_places = True  # "near the border and in Crimea": no one place
        # parties of an event told by a noun (data: event_actors.json 1.7)
        self.noun_agents = True  # "an invasion *by Russia*": the agent of the noun is its actor
        self.own_themes = True  # "the supply *of US weapons* to Ukraine": the supplier owns what is supplied
        self.backers = True  # "one of *Ukraine's* backers, contributing aid": the backed party receives
        self.context_cuts = True  # "a call with Zelensky *amid* a Russian buildup": the amid phrase is no party
        self.cause_phrases = True  # "died as a result of *the Russian shelling*": the cause's party acts
        self.sole_person_antecedents = True  # "he": the one person the sentence before names, when no subject is
        self.listed_recipients = True  # "with Macron and German Chancellor Merkel": both, however it was parsed
        self.head_nouns = True  # a trigger phrase's modifier words stand for the noun they qualify ("military *aid*")
        self.all_appositions = True  # every party a list in apposition names, not only the first
        self.foreign_phrases = True  # "going on without Russia": no recipient named after the trigger
        self.kb_anaphors = True  # "the alliance" once NATO is named: NATO (the knowledge base's anaphors)
        self.aggressors = True  # "the invaders", "the occupiers": the state the article names as the aggressor
        self._aggressor_code: str | None = None  # computed once per article ("" when the article names none)
        self.it_subjects = True  # "Moscow denies ..., where *it* backs separatists": "it" the state last a subject
        self.state_sectors: frozenset[str | None] = self.coding_rules.state_sectors  # one side: a state and its organs

    # -- tokens ------------------------------------------------------------------------------------
    def token_at(self, offset: int) -> SpacyToken:
        i = max(0, bisect_right(self._tok_starts, offset) - 1)
        return self.doc[i]

    def _content_token(self, start: int, end: int) -> SpacyToken:
        """The trigger phrase's first word that is no function word ("in *contact* with", "would not *leave*"), else its first token."""
        first = self.token_at(start)
        for token in self.doc[first.i :]:
            if token.idx >= end:
                break
            if token.pos_ not in _FUNCTION_POS:
                head = token
                while (
                    self.head_nouns
                    and head.pos_ in ("ADJ", "NOUN")
                    and head.dep_ in ("amod", "compound")
                    and head.head.i > head.i
                    and head.head.idx < end
                    and head.head.pos_ == "NOUN"
                ):
                    head = head.head  # "military *aid*", "video conference *call*": the noun the words qualify
                return head
        return first

    def _news_day(self) -> tuple[str, str] | None:
        """The day the article's lead places its news on (a day timex of the first sentence near publication)."""
        if not self.reading.sentences:
            return None
        first = self.reading.sentences[0]
        for timex in self.timexes:
            if timex.start >= first.end:
                break
            near = self.published is None or (timex.value and _days_between(timex.value, self.published) in range(8))
            if timex.value and timex.precision == "day" and timex.relation == "point" and near:
                return timex.value, "day"
        return None

    # -- candidates ----------------------------------------------------------------------------------
    # a further trigger that modifies a noun (participle or adjective: "entities *accused* of ...", "a wish to
    # *burn* bridges", "any *offensive* operation") describes that noun; it tells no event of its own
    _ADNOMINAL: frozenset[str] = frozenset({"acl", "amod"})

    def candidates(self, text: str, *, offset: int = 0) -> list[_Candidate]:
        """The events a sentence states: the classifier's, plus further trigger-lexicon hits it finds likely."""
        out: list[_Candidate] = []
        if self.skip_fragments and _fragment(text):
            return out  # a crosshead, a headline or a "Read also" link restates the body
        guess = self.clf.classify(text)
        lexicon = self.clf.lexicon
        tokens = tokenize(text, irregular=lexicon.irregular)
        if guess.type is None:
            rescued = self._main_verb_guess(text, tokens, offset=offset) if self.main_verb_rescue else None
            if rescued is None:
                return out
            assert rescued.trigger is not None and rescued.type is not None
            start, end = rescued.trigger
            out.append(_Candidate(rescued.type, rescued.mode, rescued.status, start, end, rescued.confidence, True))
            return out
        if guess.trigger is None and self.require_trigger:
            # the model's type has no trigger word here: take the likeliest type that has one, if any
            guess = self._triggered_guess(text, tokens, offset=offset) or guess
            if guess.trigger is None:
                return out  # no trigger word at all: background, a dateline, a figure
        start, end = guess.trigger if guess.trigger else (0, 0)
        assert guess.type is not None
        out.append(_Candidate(guess.type, guess.mode, guess.status, start, end, guess.confidence))
        if not self.multi_event:
            return out
        seen_types = {guess.type, guess.best_type}
        hits = [
            hit
            for hit in lexicon.type_hits(tokens)
            if (hit.type not in seen_types or self._own_clause(tokens[hit.first].start + offset, start + offset))
            and not hit.participant
            and not self._anaphoric(tokens, hit, offset=offset)
        ]
        taken = [(start, end)] if end > start else []
        type_starts: dict[str, list[int]] = {name: [start] for name in seen_types if name is not None}
        scored: list[tuple[float, TriggerHit, bool]] = []
        for hit in hits:
            # type the trigger on its own stretch of the sentence ("... and *urged* Moscow to de-escalate")
            lo = max(0, hit.first - self.window_before)
            hi = min(len(tokens), hit.last + self.window_after)
            local = self.clf.probabilities(text[tokens[lo].start : tokens[hi - 1].end], dense=self.dense_windows)
            p = local.get(hit.type, 0.0)
            clause = self._clause_context(offset, tokens[hit.first].start) if self.clause_context else None
            if clause is not None:
                # and on its own clause ("... and *urged NATO to consider further steps*"): the likelier reading wins
                own = self.clf.probabilities(clause, dense=self.dense_windows)
                p = max(p, own.get(hit.type, 0.0))
                if own.get(NONE, 1.0) < self.clf.none_threshold:
                    local = own
            if local.get(NONE, 0.0) >= self.clf.none_threshold:
                continue
            at = offset + tokens[hit.first].start
            if p >= self.min_extra_probability or (p >= self.min_clause_probability and self._clause_verb(at)):
                scored.append((p, hit, False))
            elif self.reported_clauses and p >= self.min_rescue_probability and self._reported_verb(at):
                # the verb of a clause a verb of saying reports tells its own event, as when the model says "no
                # event" (:meth:`_main_verb_guess`), and like such a rescue it is coded only with both parties
                scored.append((p, hit, True))
        scored.sort(key=lambda item: -item[0])
        for p, hit, reported in scored:
            if len(out) >= self.max_events:
                break
            span = (tokens[hit.first].start, tokens[hit.last - 1].end)
            second = hit.type in seen_types
            # a second event of a type is told in a clause of its own, beside each earlier trigger of that type
            earlier = [offset + s for s in type_starts.get(hit.type, [start])]
            if any(span[0] < e and s < span[1] for s, e in taken) or (
                second and not any(self._own_clause(offset + span[0], at) for at in earlier)
            ):
                continue
            if self.verbal_extras and self.token_at(offset + span[0]).pos_ not in _VERB_POS:
                continue  # further events are told by verbs ("and *urged* Moscow"), not by nouns in passing
            word = self.token_at(offset + span[0])
            if word.dep_ in self._ADNOMINAL and not _misread_clause_verb(word):
                continue  # it describes a noun ("soldiers *backed* by tanks", "an *offensive* operation"): no event
            status = detect_status(tokens, hit.first, rules=self.clf.status_rules)
            coded = hit.type
            if status.future and not status.negated:
                coded = self.clf.ontology.future_type(coded)
            seen_types.update({coded, hit.type})
            for name in {coded, hit.type}:
                type_starts.setdefault(name, []).append(span[0])
            lo = max(0, hit.first - self.window_before)
            found = lexicon.mode_for(coded, tokens[lo : hit.last + self.window_after])
            mode = found if found in self.clf.ontology.modes_for(coded) else None
            taken.append(span)
            if second and any(self._separate_act_at(offset + span[0], at) for at in earlier):
                self.separate_starts.add(offset + span[0])
            out.append(_Candidate(coded, mode, status, span[0], span[1], p, reported))
        return out

    def _anaphoric(self, tokens: list[Token], hit: TriggerHit, *, offset: int) -> bool:
        """Whether a trigger noun refers back to an event told before ("*this* attack", "*their* talks"); "that"
        before a verb is a relative pronoun ("an order *that* expelled 10 diplomats"), no reference back."""
        if hit.first == 0 or tokens[hit.first - 1].lower not in self.clf.lexicon.anaphoric:
            return False
        return self.token_at(offset + tokens[hit.first].start).pos_ not in _VERB_POS

    def _reported_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the verb of a clause the sentence's main verb of saying reports."""
        return self._main_verb(at) and self.token_at(at).dep_ != "ROOT"

    def _clause_context(self, offset: int, at: int) -> str | None:
        """The words of the clause a trigger at sentence-relative ``at`` stands in: its predicate's subtree less
        the clauses coordinated with it ("thanked the allies for their support and *urged NATO to consider
        further steps*"); None when that is under :data:`MIN_CLAUSE_WORDS` words."""
        token = self.token_at(offset + at)
        predicate = _predicate(token)
        if _misread_clause_verb(predicate):
            predicate = predicate.head  # "said Russia had *massed* troops ...": the clause hangs on "troops"
        dropped: set[int] = set()
        for child in predicate.children:
            if child.dep_ in _COORDINATED and child.pos_ in _VERB_POS and child.i != token.i:
                dropped.update(t.i for t in child.subtree)
            elif child.dep_ == "cc" and child.i > predicate.i:
                dropped.add(child.i)
        sentence = self._current_sentence
        kept = [
            t for t in predicate.subtree
            if t.i not in dropped and sentence.start <= t.idx < sentence.end and not t.is_punct
        ]
        if len(kept) < self.min_clause_words:
            return None
        return "".join(t.text_with_ws for t in kept).strip()

    def _triggered_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """The sentence's likeliest type among those a trigger word of the sentence names (None: none likely);
        below the fallback probability, the type of a trigger that is the sentence's main verb."""
        lexicon = self.clf.lexicon
        hits = [hit for hit in lexicon.type_hits(tokens) if not hit.participant]
        if not hits:
            return None
        probs = self.clf.probabilities(text)
        hit = max(hits, key=lambda h: (probs.get(h.type, 0.0), -h.first))
        p = probs.get(hit.type, 0.0)
        if p < self.min_fallback_probability:
            main = [h for h in hits if self._main_verb(offset + tokens[h.first].start)] if self.main_verb_fallback else []
            if not main:
                return None
            hit = max(main, key=lambda h: (probs.get(h.type, 0.0), -h.first))
            p = probs.get(hit.type, 0.0)
        return self._guess(hit, tokens, p=p, probs=probs)

    def _main_verb_guess(self, text: str, tokens: list[Token], *, offset: int = 0) -> EventGuess | None:
        """An event the model judged no event, told by the sentence's main verb (or the verb of the clause a
        main verb of saying reports) when that verb is a trigger word of a type the model still finds
        likely (at least :data:`MIN_RESCUE_PROBABILITY`): "Ukraine says Russia *has moved* tens of
        thousands of troops towards its borders". Coded only with an actor and a recipient."""
        lexicon = self.clf.lexicon
        hits = [
            hit for hit in lexicon.type_hits(tokens)
            if not hit.participant and self._main_verb(offset + tokens[hit.first].start)
        ]
        if not hits:
            return None
        probs = self.clf.probabilities(text)
        scored = [(self._rescue_probability(hit, tokens, probs, offset=offset), hit) for hit in hits]
        p, hit = max(scored, key=lambda item: (item[0], -item[1].first))
        if p < self.min_rescue_probability:
            return None
        return self._guess(hit, tokens, p=p, probs=probs)

    def _rescue_probability(
        self, hit: TriggerHit, tokens: list[Token], probs: Mapping[str, float], *, offset: int
    ) -> float:
        """How likely a main-verb trigger's type is: on the sentence, or, for the verb of a reported clause, on
        that clause alone ("He said *Russia had massed troops near Ukraine* ... and described Moscow's conduct
        as deeply concerning": the reported clause tells its own event, whatever else the sentence says)."""
        p = probs.get(hit.type, 0.0)
        at = offset + tokens[hit.first].start
        verb = self.token_at(at)
        if not self.reported_clauses or (verb.dep_ != "ccomp" and not _misread_clause_verb(verb)):
            return p
        clause = self._clause_context(offset, tokens[hit.first].start)
        if clause is None:
            return p
        own = self.clf.probabilities(clause, dense=self.dense_windows)
        return max(p, own.get(hit.type, 0.0))

    def _guess(self, hit: TriggerHit, tokens: list[Token], *, p: float, probs: Mapping[str, float]) -> EventGuess:
        """The event a trigger word tells, with its status (a future event takes its type's future form) and mode."""
        status = detect_status(tokens, hit.first, rules=self.clf.status_rules)
        coded = hit.type
        if status.future and not status.negated:
            coded = self.clf.ontology.future_type(coded)
        found = self.clf.lexicon.mode_for(coded, tokens)
        mode = found if found in self.clf.ontology.modes_for(coded) else None
        span = (tokens[hit.first].start, tokens[hit.last - 1].end)
        return EventGuess(coded, hit.type, mode, p, probs.get(NONE, 0.0), status, hit.type, span)

    def _main_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the sentence's main verb, or the verb of the clause a main verb of
        saying reports ("Kyiv said Russia *had massed* troops")."""
        token = self.token_at(at)
        if token.pos_ != "VERB":
            return False
        if token.dep_ == "ROOT":
            return True
        if token.dep_ == "ccomp":
            return token.head.dep_ == "ROOT" and token.head.lemma_ in self.rules.reporting_verbs
        # the reported verb misread as a modifier of its object ("said Russia had *massed* troops": "troops" the
        # object of "said"), told by its own subject
        governor = token.head.head
        return _misread_clause_verb(token) and governor.dep_ == "ROOT" and governor.lemma_ in self.rules.reporting_verbs

    def _clause_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is a verb heading a clause of its own: the sentence's main verb, a verb
        coordinated with another ("spoke with Aliyev and *urged* him"), or a clause it reports."""
        if self.min_clause_probability >= self.min_extra_probability:
            return False
        token = self.token_at(at)
        return token.pos_ == "VERB" and token.dep_ in _CLAUSE_HEADS

    def _own_clause(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` heads a clause coordinated with the main trigger's, with its own subject
        ("Blinken spoke with Kuleba, and Milley *held calls* with Gerasimov": a second event of the same type,
        told by another party), or states a separate act of the same subject (:meth:`_separate_act_at`)."""
        if not self.same_type_clauses or at == main_at:
            return False
        token, main = self.token_at(at), self.token_at(main_at)
        if _misread_conjunct_verb(token):
            return self._separate_act_at(at, main_at)
        if token.pos_ not in _VERB_POS or token.i == main.i:
            return False
        own = _subject_children(token) if token.dep_ in _COORDINATED else []
        if own:
            return main not in own and _predicate(main).i != token.i
        return self._separate_act_at(at, main_at)

    def _separate_act_at(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` and the main trigger's verb are coordinated acts of one subject, each on its
        own object ("expelled 10 diplomats, sanctioned 32 entities and *barred* banks from ..."); such a second
        event is never merged with the first as a restatement. A casualty or damage verb ("killing seven and
        *wounding* 22") tells the same attack's toll, not another act."""
        if not self.separate_acts or at == main_at:
            return False
        token, main = self.token_at(at), _predicate(self.token_at(main_at))
        if _misread_conjunct_verb(token):
            # "will expel 10 diplomats and *bar* eight officials" with "bar" read as a noun joined to "diplomats"
            return token.head.head.i == main.i and token.lemma_.lower() not in self.clf.lexicon.consequence_verbs
        if token.pos_ not in _VERB_POS or (token.dep_ in _COORDINATED and _subject_children(token)):
            return False
        consequences = self.clf.lexicon.consequence_verbs
        if token.lemma_.lower() in consequences or main.lemma_.lower() in consequences:
            return False
        return _separate_act(token, main)

    # -- sentences --------------------------------------------------------------------------------
    def code_sentence(self, sentence: Sentence) -> list[Event]:
        self._current_sentence = sentence
        text = self.article.text[sentence.start : sentence.end]
        events: list[Event] = []
        candidates = self.candidates(text, offset=sentence.start)
        segments = self._quantity_segments(sentence, candidates)
        for cand in candidates:
            if self.skip_back_references and self._refers_back(text, cand, offset=sentence.start):
                continue
            if self.skip_audiences and self._audience_only(text, cand):
                continue
            if cand.end > cand.start:
                trig_start, trig_end = sentence.start + cand.start, sentence.start + cand.end
                trigger = self._content_token(trig_start, trig_end)
            else:
                trigger = self._first_verb(sentence)
                trig_start, trig_end = trigger.idx, trigger.idx + len(trigger.text)
            if self.skip_noun_modifiers and (self._modifier_trigger(trigger, cand) or self._in_name(trigger, cand.type)):
                continue
            if self.skip_descriptions and (self._descriptive_trigger(trigger, cand) or self._participant_subject(trigger, cand)):
                continue
            if self.backers and trigger.lower_ in self.rules.backer_nouns and cand.end - cand.start <= len(trigger.text):
                continue  # "talks with NATO *allies*", "one of Ukraine's *backers*": a side named, no act
            predicate = _predicate(trigger)
            naming = self._naming(predicate) if self.namings else None
            if naming == "" and cand.type == "CONSULT":
                continue  # "called Zelensky a brave leader" names him; it is no call
            figures = segments[id(cand)]
            if naming and naming != cand.type:  # "called Putin a war criminal": an accusation
                cand = replace(cand, type=naming, mode=self.coding_rules.naming_modes.get(naming))
            date, precision, dated = self.date_for(sentence, predicate, cand)
            judged = self._judgement(trigger, cand.type, date) if self.judgements else None
            if judged is None and self.judgements:
                judged = self._pejorative_act(trigger, cand.type, date)
            if judged is None and self.received_acts:
                verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in _VERB_POS), predicate)
                judged = self._received(verb, cand.type, date)
            caused = False  # the actor is the party of the killing's cause ("as a result of the Russian shelling")
            if judged is not None:
                actors, recipients, used = judged
                used_r = set(used)
            else:
                actors, used = self.actors_for(trigger, predicate, sentence, cand.type, date)
                if not actors and self.cause_phrases and cand.type in _VICTIM_SUBJECT_TYPES:
                    actors = self._cause_actors(predicate, cand.type, date, used)
                    caused = bool(actors)
                recipients, used_r = self.recipients_for(
                    trigger, predicate, sentence, cand.type, date, exclude=used, actors=actors
                )
            passive = any(c.dep_ in _PASSIVE_AUX for c in predicate.children) and _agent(predicate) is None
            if (
                judged is None
                and passive
                and self.passive_undergoers
                and cand.type in _VICTIM_SUBJECT_TYPES
                and not recipients
                and _subject(predicate) is None
            ):
                # "..., Deputy Defence Minister Timur Ivanov, *was arrested*" parsed with no subject: the party
                # named before the passive verb undergoes the act; it does not do it
                actors, recipients, used_r = [], actors, used_r | used
            clause_head = predicate.head if _misread_clause_verb(predicate) else predicate
            location = self.location_for(
                sentence, exclude=used | used_r, predicate=clause_head, trigger=trigger, event_type=cand.type
            )
            if cand.type in self.coding_rules.border_types:
                recipients = self._border_owner(sentence, actors) or recipients or self._facing(location, actors)
            if (
                not recipients
                and self.counterparts
                and cand.type in self.coding_rules.counterpart_types
                and self.coding_rules.counterpart_cue.search(text)
            ):
                recipients = self._counterpart(actors)
            if cand.type in self.coding_rules.distinct_types:
                recipients = _not_actors(recipients, actors, state=self.state_sectors)
            if cand.type in self.coding_rules.place_target_types and not _not_actors(recipients, actors):
                # an attack on, or a seizure of, a place: its state is the target ("seized the Chernobyl site",
                # "their assault on Avdiivka", "struck targets near Kyiv")
                target = self._target_place(trigger, predicate)
                recipients = (
                    self._facing(target, actors)
                    or self._facing(location, actors)
                    or _not_actors(recipients, actors)
                    or ([] if caused else self._own_people(predicate, actors, location))
                )
            if not recipients and cand.type in self.coding_rules.reciprocal_types and self.reciprocal_split:
                actors, recipients = _reciprocal_roles(actors)
            if not actors and recipients and passive and self.passive_undergoers and self._custody(trigger, cand.type):
                actors = self._custodian(location, recipients)
            if (
                not recipients
                and actors
                and self.context_recipients
                and cand.type in self.coding_rules.context_types
                and not _own_addressee(predicate, rules=self.rules)
            ):
                recipients = self._context_recipients(cand.type, actors, events)
            if cand.rescued and not (actors and recipients):
                continue  # against the model's "no event", only who did what to whom
            if (
                self.skip_casualty_reports
                and not actors
                and location is None
                and trigger.pos_ != "NOUN"  # "the deaths of four soldiers near Shumy" names an incident
                and self._casualty_report(text, cand)
            ):
                continue
            onto = self.clf.ontology
            confidence = cand.confidence * (1.0 if dated else FALLBACK_CONFIDENCE)
            events.append(
                Event(
                    id=event_id(self.article.id, sentence.start, trig_start),
                    article_id=self.article.id,
                    type=cand.type,
                    mode=cand.mode,
                    cameo=onto.cameo_for(cand.type, mode=cand.mode),
                    goldstein=onto.goldstein(cand.type, mode=cand.mode),
                    quad=onto.quad_class(cand.type),
                    sentence=text,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    span=self.article.text[trig_start:trig_end],
                    start=trig_start,
                    end=trig_end,
                    actor=tuple(actors),
                    recipient=tuple(recipients),
                    date=date,
                    date_precision=precision,
                    location=location,
                    quantities=quantities_for_type(figures, cand.type),
                    confidence=confidence,
                    negated=cand.status.negated,
                    future=cand.status.future,
                    hypothetical=cand.status.hypothetical,
                    claim=cand.status.claim and not self._coordinated_with_claim(sentence, trigger),
                )
            )
        if self.separate_parties:
            events = [part for event in events for part in self._separate_party_events(event)]
        self.coded_types.update(event.type for event in events)
        self.history.extend(events)
        self._previous_sentence = sentence
        return events

    def _custody(self, trigger: SpacyToken, event_type: str) -> bool:
        """Whether a trigger names an arrest or a detention (data: ``custody_words``)."""
        return event_type in _VICTIM_SUBJECT_TYPES and trigger.lemma_.lower() in self.coding_rules.custody_words

    def _custodian(self, location: Place | None, recipients: list[EventActor]) -> list[EventActor]:
        """Who holds people arrested by no named agent ("Navalny *was arrested* when he flew back to Russia",
        "400 people were detained in Russian cities"): the state where it happened, else the one state of those
        held; none when that is unknown."""
        kb = self.resolver.kb
        held = {r.country for r in recipients}
        code = location.country if location is not None and location.country in kb.countries else None
        if code is None and len(held) == 1:
            code = next(iter(held))
        if code is None or code not in kb.countries:
            return []
        return [EventActor(kb.countries[code].name, code, "GOV", None)]

    def _context_recipients(self, event_type: str, actors: list[EventActor], earlier: list[Event]) -> list[EventActor]:
        """The recipient an act names only through its context: the last earlier event of the same sentence or
        the one before by the same parties, of the same polarity (cooperation or conflict), addresses it ("condemned
        the attack and *stood ready* to take further measures"); else, for a conflictual act, the party whose
        act against the actor the sentence or the one before told ("NATO accused Moscow ...; the Kremlin
        *rejected* the criticism"). None when no such event is that near."""
        onto = self.clf.ontology
        own = {a.country for a in actors}
        quad = onto.quad_class(event_type)
        hostile = quad in (3, 4)
        lo = self._previous_sentence.start if self._previous_sentence is not None else self._current_sentence.start
        near = [e for e in self.history if e.sentence_start >= lo] + earlier
        for event in reversed(near):
            parties = {a.country for a in event.actor}
            if (onto.quad_class(event.type) in (3, 4)) != hostile:
                continue
            if parties == own and event.recipient and onto.quad_class(event.type) in (quad, quad - 1 if hostile else quad):
                found = _not_actors(list(event.recipient), actors, state=self.state_sectors)
                if found:
                    return found
            if (
                self.context_replies
                and event_type in self.coding_rules.reply_types
                and onto.quad_class(event.type) == 3  # it answers words ("rejected that account"), not an act
                and {r.country for r in event.recipient} & own
                and not parties & own
            ):
                return [a for a in event.actor if a.country is not None]
        return []

    def _names_type(self, word: str, event_type: str) -> bool:
        """Whether ``word`` is a trigger of ``event_type`` ("calls" of CONSULT, not of an accusation)."""
        lexicon = self.clf.lexicon
        return any(hit.type == event_type for hit in lexicon.type_hits(tokenize(word, irregular=lexicon.irregular)))

    def _separate_party_events(self, event: Event) -> list[Event]:
        """One event per party state where the text states separate acts with each, else ``[event]``.

        "Milley held *calls* with his Russian and Ukrainian counterparts" (a plural act noun, data:
        ``separate_act_nouns``), "spoke by phone with Gerasimov, and *with* Khomchak" (the preposition
        repeated), "met Kuleba and, *separately*, Stoltenberg" / "Britain and France *each* sent ..." (an
        adverb of separateness, data: ``separate_act_adverbs``): one event per recipient (or, for "each" with
        compound actors, per actor). A joint act ("met French and German leaders in Paris", "spoke with
        Macron, Scholz and Sunak") stays one event with several recipients.
        """
        lexicon = self.clf.lexicon
        trigger = self._content_token(event.start, event.end)
        predicate = _predicate(trigger)
        words = list(self.doc[trigger.i : self.token_at(max(event.start, event.end - 1)).i + 1])
        words += [c for c in predicate.children if c.dep_ in _OBJECTS]
        plural = any(t.lower_ in lexicon.separate_act_nouns and self._names_type(t.text, event.type) for t in words)
        adverb = _separateness(predicate, lexicon.separate_act_adverbs)
        side = "recipient"
        if not (plural or adverb or _repeated_preposition(predicate)):
            return [event]
        parties = event.recipient
        if len({p.country for p in parties}) < 2 and adverb:
            parties, side = event.actor, "actor"
        states = list(dict.fromkeys(p.country for p in parties))
        if len(states) < 2 or None in states:
            return [event]
        out: list[Event] = []
        for k, state in enumerate(states):
            group = tuple(p for p in parties if p.country == state)
            new_id = event.id if k == 0 else event_id(self.article.id, event.start, -k)  # trigger offsets are never negative
            if side == "actor":
                out.append(replace(event, id=new_id, actor=group))
            else:
                out.append(replace(event, id=new_id, recipient=group))
        return out

    def _audience_only(self, text: str, cand: _Candidate) -> bool:
        """Whether a meeting is only a speaker's news conference: its trigger is part of a news conference or
        briefing and the sentence does not say it was held jointly ("Stoltenberg told a news conference *with
        the two American secretaries*": company, not a counterpart)."""
        if cand.type != "CONSULT" or cand.end <= cand.start:
            return False
        rules = self.coding_rules
        for found in rules.audience_event.finditer(text):
            if found.start() < cand.end and cand.start < found.end():
                return rules.joint_marker.search(text) is None
        return False

    def _coordinated_with_claim(self, sentence: Sentence, trigger: SpacyToken) -> bool:
        """Whether every claim word before the trigger ("blamed", "accused") only heads a clause the
        trigger's clause is coordinated with: "Washington blamed Russia for the hack, *expelled* ten
        diplomats and imposed sanctions" states the expulsion as a fact; "accused Moscow *of massing*
        troops" does not."""
        rules = self.clf.status_rules
        words = rules.words("claim")
        first = self.token_at(sentence.start)
        markers = [t for t in self.doc[first.i : trigger.i] if t.lower_ in words]
        if not markers or rules.anywhere("claim", [t.lower_ for t in self.doc[first.i : trigger.i + 40] if t.idx < sentence.end]):
            return False
        for marker in markers:
            below = next((a for a in [trigger, *trigger.ancestors] if a.head.i == marker.i and a.i != marker.i), None)
            if below is None or (below.dep_ not in _COORDINATED and not _listed_verb(below)):
                return False
        return True

    def _quantity_segments(self, sentence: Sentence, candidates: list[_Candidate]) -> dict[int, dict[str, Any]]:
        """The figures each candidate's own stretch of the sentence states (keyed by ``id(candidate)``).

        One event takes the whole sentence. With several, the sentence is cut before each later trigger's
        clause (where the subtree of its predicate starts, not before the previous trigger): "Shoigu accused
        NATO of preparing *to deploy 40,000 troops* and said *Russia had shifted two armies*" gives the
        40,000 to the deployment NATO is accused of and the two armies to Russia's move, none to the
        accusation."""
        text = self.article.text[sentence.start : sentence.end]
        if len(candidates) < 2:
            whole = find_quantities(text)
            return {id(c): whole for c in candidates}
        starts: list[tuple[int, int, int]] = []  # (trigger start, trigger end, candidate id), sentence-relative
        for cand in candidates:
            if cand.end > cand.start:
                starts.append((cand.start, cand.end, id(cand)))
            else:
                verb = self._first_verb(sentence)
                starts.append((verb.idx - sentence.start, verb.idx + len(verb.text) - sentence.start, id(cand)))
        starts.sort()
        cuts = [0]
        for (_, prev_end, _), (start, _, _) in pairwise(starts):
            clause = _predicate(self.token_at(sentence.start + start)).left_edge.idx - sentence.start
            cut = max(prev_end, min(start, clause))
            while cut > prev_end and _FIGURE_PREFIX.fullmatch(text[cut - 1]):
                cut -= 1  # never between a currency sign and its amount ("the $|95 billion package")
            cuts.append(cut)
        cuts.append(len(text))
        out: dict[int, dict[str, Any]] = {}
        for k, (start, _, key) in enumerate(starts):
            stretch = self._own_clause_text(sentence, text, start, cuts[k], cuts[k + 1])
            out[key] = find_quantities(stretch)
        return out

    def _own_clause_text(self, sentence: Sentence, text: str, trigger: int, lo: int, hi: int) -> str:
        """``text[lo:hi]`` with the clauses of other subjects blanked out ("... and said *Russia had shifted two
        armies*" is not part of the deployment told before it); relative clauses stay ("the attack *that
        killed four*")."""
        token = self.token_at(sentence.start + trigger)
        own = {token.i, _predicate(token).i, *(a.i for a in token.ancestors)}
        chars = list(text[lo:hi])
        first = self.token_at(sentence.start + lo)
        for verb in self.doc[first.i : self.token_at(sentence.start + max(lo, hi - 1)).i + 1]:
            if verb.i in own or verb.pos_ not in _VERB_POS or verb.dep_ in _RELATIVE:
                continue
            if not any(c.lower_ not in _RELATIVE_PRONOUNS for c in _subject_children(verb)):
                continue
            a = max(lo, verb.left_edge.idx - sentence.start)
            b = min(hi, verb.right_edge.idx + len(verb.right_edge.text) - sentence.start)
            for i in range(a, b):
                chars[i - lo] = " "
        return "".join(chars)

    def _judgement(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of a judgement told in a reported clause ("he warned that Moscow's actions *were
        deeply concerning*"): the speaker judges the owner of the thing judged. None: not such a clause."""
        if trigger.dep_ == "advmod":
            trigger = trigger.head  # "were *deeply* concerning"
        if event_type not in self.coding_rules.judgement_types or trigger.dep_ != "ccomp":
            return None
        if trigger.pos_ not in ("ADJ", "VERB") or any(c.dep_ in _OBJECTS for c in trigger.children):
            return None
        judged = [c for c in _subject_children(trigger) if c.pos_ == "NOUN"]
        speaker = _subject(trigger.head)
        if not judged or speaker is None or speaker[1]:
            return None
        used: set[int] = set()
        recipients = _dedupe(self._noun_modifier_actors(judged[0], event_type, date, used))
        actors = self.phrase_actors(self._antecedent(speaker[0]), event_type, date, used)
        if not recipients or not actors:
            return None
        return actors, _not_actors(recipients, actors), used

    def _pejorative_act(
        self, trigger: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an accusation told by a pejorative noun for the accused's act ("voiced concern
        about *Russian aggression*", "said Kyiv had staged a *provocation*", "said Putin was a *killer*"): the
        owner of the act (its nationality or possessor, the subject that commits or is it) is accused by the first
        party above it that is a subject of its own. None: no such noun, or no accused or accuser named."""
        if event_type not in self.coding_rules.judgement_types or trigger.pos_ != "NOUN":
            return None
        if not {trigger.lower_, trigger.lemma_.lower()} & self.coding_rules.pejorative_words:
            return None
        used: set[int] = set()
        accused = self._noun_modifier_actors(trigger, event_type, date, used)
        top = trigger
        if not accused:
            owner = trigger if _subject_children(trigger) else trigger.head if trigger.dep_ in _OBJECTS else None
            subject = _subject_children(owner) if owner is not None else []
            if owner is None or not subject or subject[0].dep_ in _PASSIVE_SUBJECTS:
                return None
            accused = self.phrase_actors(self._antecedent(subject[0]), event_type, date, used)
            top = owner
        if not accused:
            return None
        own = {a.country for a in accused}
        inside = {t.i for t in top.subtree}
        for verb in top.ancestors:
            found = _subject(verb)
            if found is None or found[1] or found[0].i in inside:
                continue
            head = self._antecedent(found[0])
            actors = self.phrase_actors(self._role_holder(head) or head, event_type, date, used)
            if actors and not {a.country for a in actors} <= own:
                return actors, _not_actors(accused, actors), used
            if actors:
                return None
        return None

    def _modifier_trigger(self, trigger: SpacyToken, cand: _Candidate) -> bool:
        """Whether a one-word noun trigger only qualifies another noun that names no event ("an *attack*
        helicopter", "the *talks'* agenda", "the *summit's* host"): a modifier, not an event of its own."""
        if trigger.pos_ != "NOUN" or trigger.dep_ not in ("compound", "nmod:poss", "poss") or trigger.head == trigger:
            return False
        if cand.end - cand.start > len(trigger.text) or trigger.head.pos_ not in ("NOUN", "PROPN"):
            return False
        if trigger.head.lemma_.lower() in self.coding_rules.document_heads:
            return False  # "the foreign *aid* bill", "a *sanctions* package": the document's content
        lexicon = self.clf.lexicon
        return not lexicon.type_hits(tokenize(trigger.head.text, irregular=lexicon.irregular))

    def _descriptive_trigger(self, trigger: SpacyToken, cand: _Candidate) -> bool:
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
        return not any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "aux:pass", "auxpass") for c in trigger.children)

    def _participant_subject(self, trigger: SpacyToken, cand: _Candidate) -> bool:
        """Whether a trigger is a word naming participants (the lexicon's ``participant_words``) that is the subject
        of a verb counting what they are ("*Russia's assets* include 28,000 fighters"; data: ``inventory_verbs``):
        a description of forces, no event."""
        if cand.end - cand.start > len(trigger.text) or trigger.dep_ not in _SUBJECTS:
            return False
        lexicon = self.clf.lexicon
        words = tokenize(trigger.text, irregular=lexicon.irregular)
        if not any(hit.participant for hit in lexicon.type_hits(words)):
            return False
        return trigger.head.pos_ in _VERB_POS and trigger.head.lemma_.lower() in self.rules.inventory_verbs

    def _in_name(self, trigger: SpacyToken, cand_type: str) -> bool:
        """Whether the trigger stands in the name a verb of naming gives ("called the attack a full-scale
        *invasion*"): part of what is said of the object, not an event, unless it tells the naming's own type."""
        for verb in trigger.ancestors:
            if verb.pos_ in _VERB_POS:
                names = _names_given(verb, rules=self.coding_rules)
                if not names or not any(trigger.i in {t.i for t in name.subtree} for name in names):
                    return False
                return self._naming(verb) != cand_type
        return False

    def _naming(self, predicate: SpacyToken) -> str | None:
        """What a verb of naming says of its object ("called *Putin* a war criminal", "branded the vote
        illegal"): the type of a pejorative name (ACCUSE) or of a praising one (SUPPORT), ``""`` for another
        name; None when the verb is no verb of naming (data: ``naming_verbs``) with an object and a name after it."""
        rules = self.coding_rules
        names = _names_given(predicate, rules=rules)
        if not names:
            return None
        words = {t.lower_ for name in names for t in name.subtree} | {t.lemma_.lower() for name in names for t in name.subtree}
        if words & rules.pejorative_words:
            return "ACCUSE"
        if words & rules.praise_words:
            return "SUPPORT"
        return ""

    def _received(
        self, predicate: SpacyToken, event_type: str, date: str | None
    ) -> tuple[list[EventActor], list[EventActor], set[int]] | None:
        """Actor and recipient of an act told from its receiving end ("Zelensky *took* a call from Biden", "Kyiv
        *received* weapons from Washington"): the party after "from" does the act, the receiver's subject undergoes
        it. None when the verb is no verb of receiving (data: ``receive_verbs``), names no such party, or receives
        visitors ("received a delegation from Beijing": the host's meeting, told the other way round)."""
        if predicate.lemma_.lower() not in self.rules.receive_verbs or predicate.pos_ not in _VERB_POS:
            return None
        subject = _subject(predicate)
        if subject is None or subject[1]:
            return None
        objects = [c for c in predicate.children if c.dep_ in _OBJECTS]
        if any(o.lemma_.lower() in self.rules.visitor_nouns or o.ent_type_ == "PERSON" for o in objects):
            return None
        owners = [predicate, *objects, *(noun for _, noun in _prep_objects(predicate))]
        owners += [noun for owner in objects for _, noun in _prep_objects(owner)]  # "a batch *of weapons* from"
        used: set[int] = set()
        actors: list[EventActor] = []
        for owner in owners:
            for prep, noun in _prep_objects(owner):
                if prep.lower_ == "from" and noun.i > predicate.i:
                    actors = self.phrase_actors(noun, event_type, date, used)
                    if actors:
                        break
            if actors:
                break
        if not actors:
            return None
        recipients = self.phrase_actors(self._antecedent(subject[0]), event_type, date, used)
        return actors, _not_actors(recipients, actors), used

    def _referred_actors(
        self, trigger: SpacyToken, predicate: SpacyToken, actors: list[EventActor], *, generic: bool
    ) -> list[EventActor]:
        """The parties of the earlier event the trigger's object refers back to ("condemned *the attack*": the
        attacker), when the object is a trigger noun after a determiner (``generic``: a noun naming an event of
        any type, "welcomed *the decision*"); none when that is the actor itself."""
        lexicon = self.clf.lexicon
        own = {a.country for a in actors}
        owners = (trigger, predicate) if trigger is not predicate else (predicate,)
        objects = [child for owner in owners for child in owner.children if child.dep_ in _OBJECTS and child.pos_ == "NOUN"]
        for obj in objects:
            if not any(c.dep_ in ("det", "nmod:poss", "poss") and c.lower_ in lexicon.anaphoric for c in obj.children):
                continue
            wanted: set[str] | None = None
            if generic:
                if obj.lower_ not in self.coding_rules.event_nouns:
                    continue
            else:
                tokens = tokenize(obj.text, irregular=lexicon.irregular)
                wanted = {hit.type for hit in lexicon.type_hits(tokens) if not hit.participant}
                if not wanted:
                    continue
            for event in reversed(self.history):
                if wanted is not None and event.type not in wanted:
                    continue
                parties = [a for a in event.actor if a.country is not None]
                if parties and not {a.country for a in parties} <= own:
                    return parties
                if parties:
                    return []
        return []

    def _casualty_report(self, text: str, cand: _Candidate) -> bool:
        """Whether an attack is only a toll ("at least 200 people had been killed"): its trigger is a casualty
        word and no other word of the sentence names an attack of that type (the caller has found no attacker
        and no place)."""
        rules = self.coding_rules
        if cand.type not in rules.casualty_types or text[cand.start : cand.end].lower() not in rules.casualty_words:
            return False
        tokens = tokenize(text, irregular=self.clf.lexicon.irregular)
        return all(
            " ".join(t.lower for t in tokens[hit.first : hit.last]) in rules.casualty_words
            for hit in self.clf.lexicon.type_hits(tokens)
            if hit.type == cand.type
        )

    def _refers_back(self, text: str, cand: _Candidate, *, offset: int) -> bool:
        """Whether the trigger is a noun that refers back to an event the article already told ("the call")."""
        if cand.end <= cand.start or cand.type not in self.coded_types:
            return False
        token = self.token_at(offset + cand.start)
        if token.pos_ != "NOUN" or token.idx + len(token.text) < offset + cand.end:
            return False  # a verb, or a phrase ("call, the ...")
        words = text[: cand.start].lower().split()
        if not words or words[-1] not in self.clf.lexicon.anaphoric:
            return False
        # the told event is what the clause is about: its subject, or the object of a preposition of the verb
        if token.dep_ in _SUBJECTS:
            return True
        return any(
            noun.i == token.i and (prep.head.pos_ in _VERB_POS or noun.head.pos_ in _VERB_POS)
            for prep, noun in _prep_objects(token.head)
        )

    def _facing(self, location: Place | None, actors: list[EventActor]) -> list[EventActor]:
        """The state a deployment faces: the country of the place it is at, when that is not the actor's own."""
        if location is None or location.country is None or location.country in {a.country for a in actors}:
            return []
        country = self.resolver.kb.countries.get(location.country)
        if country is None:
            return []
        return [EventActor(country.name, location.country, "GOV", None)]

    def _own_people(self, predicate: SpacyToken, actors: list[EventActor], location: Place | None) -> list[EventActor]:
        """The actor's own people as the target of an act against unnamed people of no other state ("police
        *detained dozens of people*", "soldiers had *arrested several ministers*"; data: ``domestic_targets``)."""
        own = {a.country for a in actors if a.country in self.resolver.kb.countries}
        if len(own) != 1 or (location is not None and location.country not in own | {None}):
            return []
        for obj in (c for c in predicate.children if c.dep_ in _OBJECTS | {"nsubj:pass", "nsubjpass"}):
            nouns = [obj, *(noun for prep, noun in _prep_objects(obj) if prep.lower_ == "of")]
            if any(n.pos_ == "NOUN" and n.lemma_.lower() in self.coding_rules.domestic_targets for n in nouns):
                code = next(iter(own))
                return [EventActor(self.resolver.kb.countries[code].name, code, "CVL", None)]
        return []

    def _target_place(self, trigger: SpacyToken, predicate: SpacyToken) -> Place | None:
        """The place an act is aimed at: a place name heading, or named in, the trigger's or its verb's object
        or its object after a target preposition (data: ``place_target_preps``)."""
        gazetteer = load_gazetteer()
        preps = self.coding_rules.place_target_preps
        for owner in (trigger, predicate) if trigger is not predicate else (predicate,):
            nouns = [c for c in owner.children if c.dep_ in _OBJECTS and c.i > owner.i]
            subjects = _subject_children(owner)
            if owner.dep_ in _RELATIVE and any(
                c.lower_ in _RELATIVE_PRONOUNS
                and (c.dep_ in _OBJECTS or (c in subjects and len(subjects) > 1) or (c.dep_ == "mark" and subjects))
                for c in owner.children
            ):
                nouns.append(owner.head)  # "Crimea, *which* Russia seized in 2014"
            nouns += [noun for prep, noun in _prep_objects(owner) if prep.lower_ in preps and noun.i > owner.i]
            if owner.i == trigger.i and trigger.pos_ == "NOUN" and self.noun_agents:
                theme = _of_object(trigger)  # "the 2014 annexation *of Crimea*", "the shelling *of Kharkiv*"
                nouns += [theme] if theme is not None else []
            for noun in (n for head in nouns for n in _conjuncts(head)):
                names = [noun] + [
                    c for c in noun.children if c.dep_ in _NAME_PARTS | {"nmod", "appos"} and c.pos_ == "PROPN"
                ]
                for name in names:
                    if name.pos_ != "PROPN" or self._attributed(name.idx):
                        continue
                    place = gazetteer.lookup(_proper_name(name))
                    if place is not None and place.country is not None:
                        return place
        return None

    def _border_owner(self, sentence: Sentence, actors: list[EventActor]) -> list[EventActor]:
        """The state whose border a deployment is near ("near Ukraine's borders", "along the Ukrainian
        border", "towards its frontier"); none when it is the actor's own border."""
        text = self.article.text[sentence.start : sentence.end]
        own = {a.country for a in actors}
        kb = self.resolver.kb
        for found in self.coding_rules.border.finditer(text):
            owner = found.group("owner")
            code: str | None
            if owner.lower() in self.coding_rules.pronoun_owners:
                code = self._first_state(sentence)
            else:
                code = kb.country(owner.split()[-1]) or kb.country(owner)
            if code is None:
                continue
            if code in own or code not in kb.countries:
                return []
            return [EventActor(kb.countries[code].name, code, "GOV", None)]
        return []

    def _counterpart(self, actors: list[EventActor]) -> list[EventActor]:
        """The other of the article's two most named states, when the actor is one of them (a build-up in a story
        about Russia and Ukraine faces Ukraine; one by a third state, or one the story names no other state
        for, faces no one)."""
        main = self._article_states()
        own = {a.country for a in actors if a.country is not None}
        others = [code for code in main if code not in own]
        if len(main) < 2 or not own or not own <= set(main) or len(others) != 1:
            return []
        return [EventActor(self.resolver.kb.countries[others[0]].name, others[0], "GOV", None)]

    def _article_states(self) -> list[str]:
        """The article's two most named states (each named at least :data:`MIN_COUNTERPART_MENTIONS` times)."""
        if self._main_states is None:
            counts: dict[str, int] = {}
            for mention in self.resolver.mentions:
                if mention.label not in ("GPE", "NORP"):
                    continue
                entity = self.resolver.entities.get(mention.entity) if mention.entity else None
                code = entity.country if entity is not None else self.resolver.kb.country(mention.text)
                if code is not None and code in self.resolver.kb.countries:
                    counts[code] = counts.get(code, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            self._main_states = [code for code, n in ranked[:2] if n >= MIN_COUNTERPART_MENTIONS]
        return self._main_states

    def _proxy_at(self, offset: int) -> tuple[bool, EventActor | None]:
        """Whether ``offset`` lies in a proxy phrase ("Russia-backed separatists"), and the group it codes as
        (None: a group whose country is unknown; never its backer)."""
        for proxy in self.proxies:
            if proxy.covers(offset):
                if proxy.start not in self._proxy_actors:
                    self._proxy_actors[proxy.start] = proxy_actor(proxy, operates_in=self._operating_state(proxy))
                return True, self._proxy_actors[proxy.start]
        return False, None

    def _operating_state(self, proxy: Proxy) -> str | None:
        """Where a backed group operates: the state of a locative place of its sentence other than its backer
        ("Russia-backed separatists shelled positions *near Donetsk*"), else the article's main state other than
        its backer, else the state of any other place its sentence names."""
        kb = self.resolver.kb
        sentence = next((s for s in self.reading.sentences if s.start <= proxy.start < s.end), None)
        named: list[tuple[bool, str]] = []
        if sentence is not None:
            for mention in self.resolver.mentions_in(sentence.start, sentence.end):
                if mention.label not in PLACE_LABELS or proxy.start <= mention.start < proxy.end:
                    continue
                entity = self.resolver.entities.get(mention.entity) if mention.entity else None
                code = entity.country if entity is not None else kb.country(mention.text)
                if code is None:
                    place = load_gazetteer().lookup(mention.text)
                    code = place.country if place is not None else None
                if code is not None and code != proxy.backer and code in kb.countries:
                    named.append((self._locative(sentence, mention)[0], code))
        for locative, code in named:
            if locative:
                return code
        main = next((code for code in self._article_states() if code != proxy.backer), None)
        return main or next((code for _, code in named), None)

    def _first_state(self, sentence: Sentence) -> str | None:
        """The country of the first state, capital or government the sentence names (what "its" stands for)."""
        for mention in self.resolver.mentions_in(sentence.start, sentence.end):
            if mention.label not in ("GPE", "ORG", "NORP"):
                continue
            entity = self.resolver.entities.get(mention.entity) if mention.entity else None
            code = entity.country if entity is not None else self.resolver.kb.country(mention.text)
            if code is not None:
                return code
        return None

    def _first_verb(self, sentence: Sentence) -> SpacyToken:
        first = self.token_at(sentence.start)
        for token in self.doc[first.i :]:
            if token.idx >= sentence.end:
                break
            if token.pos_ == "VERB":
                return token
        return first

    # -- parties ----------------------------------------------------------------------------------
    def actors_for(
        self, trigger: SpacyToken, predicate: SpacyToken, sentence: Sentence, event_type: str, date: str | None
    ) -> tuple[list[EventActor], set[int]]:
        used: set[int] = set()
        if trigger.pos_ in ("NOUN", "PROPN"):
            agent = self._noun_author(trigger, event_type)
            if agent is not None:
                # "should there be an offensive *by Russia*", "drew criticism *from Moscow*": the noun's
                # agent, never the party before it
                found = self.phrase_actors(self._antecedent(agent), event_type, date, used)
                if found:
                    return found, used
            found = self._noun_modifier_actors(trigger, event_type, date, used)
            if found:
                return found, used
            addressee = _possessor_addressee(trigger) if self.noun_agents else None
            if addressee is not None:
                # "slammed the United States for *its* military support for Ukraine": "its" is the object's
                found = self.phrase_actors(addressee, event_type, date, used)
                if found:
                    return found, used
            theme = _of_object(trigger) if self.own_themes and event_type in self.rules.own_theme_types else None
            if theme is not None:
                # "the ongoing supply *of US weapons* to Ukraine": the supplier's own goods name it
                found = self._noun_modifier_actors(theme, event_type, date, used)
                if found:
                    return found, used
            found = self._occasion_actors(trigger, event_type, date, used)
            if found:
                return found, used
            if self.noun_agents and predicate.i != trigger.i and predicate.lemma_.lower() in self.rules.record_verbs:
                return [], used  # "monitors *recorded* hundreds of ceasefire violations": a witness, not the actor
        controller = _object_controller(predicate, rules=self.rules)
        if controller is not None and self._told_act(predicate, event_type):
            controller = None  # "ordered the frigates *to keep clear*": the teller's warning
        if controller is not None:
            # "urged *Putin* to de-escalate", "accused *NATO* of preparing to deploy": the object does the act
            found = self.phrase_actors(self._antecedent(controller), event_type, date, used)
            if found:
                return found, used
        subject = _subject(predicate)
        if subject is not None:
            head, passive = subject
            if passive:
                agent = _agent(predicate)
                if agent is not None:
                    # the by-agent is the actor, even when it names no party ("killed by mortar fire")
                    return self.phrase_actors(self._antecedent(agent), event_type, date, used), used
                if event_type in _VICTIM_SUBJECT_TYPES:
                    return [], used  # "four soldiers were killed": the subject is the target
                if event_type not in _SELF_MOVING_TYPES and not self.resolver.military_head(head.text):
                    return self._positional_actors(sentence, trigger, event_type, date, used), used
            head = self._antecedent(head)
            if self.it_subjects and head.pos_ == "PRON" and head.lower_ == "it" and not passive:
                return [], used  # an "it" standing for no party named before: none, never the nearest name
            if self.aggressors and self._aggressor_noun(head) and self._aggressor() is None:
                return [], used  # "the invaders" of an article that names no aggressor: no party
            head = self._role_holder(head) or head
            found = self.phrase_actors(head, event_type, date, used)
            if not found and not passive and head.lemma_.lower() in self.rules.issued_documents:
                found = self._issuer(head, event_type, date, used)
            if len(found) == 1 and not passive:
                # a parse that missed a coordination: take the coordinated parties the text shows
                extra: set[int] = set()
                around = self._positional_actors(sentence, trigger, event_type, date, extra)
                if len(around) > 1 and found[0] in around:
                    return around, used | extra
            if found:
                return found, used
            if self.governing_subjects and not passive and head.dep_ in _OBJECTS and head.head.pos_ in _VERB_POS:
                # "ordered troops taking part in exercises near Ukraine to return": a subject that is only the
                # object a clause describes, naming no party, acts for the subject of the verb it is the object of
                found = self._governing_subject_actors(head, event_type, date, used)
                if found:
                    return found, used
        elif trigger.pos_ in _VERB_POS:
            # a verb of a list that shares the main clause's subject ("Washington blamed Russia, expelled ten
            # diplomats and *imposed* sanctions"), however the parser attached it
            root = _whole_sentence_root(trigger)
            main = _subject(root) if root.i < trigger.i and root.pos_ in _VERB_POS | {"ADJ"} else None
            if main is not None and not main[1]:
                main_head = self._antecedent(main[0])
                found = self.phrase_actors(self._role_holder(main_head) or main_head, event_type, date, used)
                if found:
                    return found, used
            top = _clause_top(predicate)
            if main is None and top is not predicate and top.i < trigger.i:
                # "Biden called Putin and *proposed* a summit" with no subject found for the list's first verb:
                # its subject is the party named before that verb, never its object
                return self._positional_actors(sentence, top, event_type, date, used), used
        found = self._positional_actors(sentence, trigger, event_type, date, used)
        if not found and self.pronoun_subjects:
            # "*He* had for months accused Shoigu ..." parsed with the verb under a noun: the sentence's pronoun
            # subject before the trigger stands for the party it refers back to
            root = _whole_sentence_root(trigger)
            main = _subject(root)
            if main is not None and not main[1] and main[0].pos_ == "PRON" and main[0].i < trigger.i:
                opening = main[0].idx == self._dateline_end(sentence)  # "*It* staged the first drills ..."
                referent = self._antecedent(main[0], it=opening)
                if referent is not main[0]:
                    found = self.phrase_actors(self._role_holder(referent) or referent, event_type, date, used)
        return found, used

    def _cause_actors(self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Who did a killing told with its cause: the party of the attack noun it happened in or resulted from
        ("killed *as a result of the Russian shelling*", "died *in a Russian missile strike*"; data:
        ``cause_heads``, ``cause_preps``)."""
        for child in predicate.children:
            if child.dep_ not in _UD_OBLIQUE or child.i < predicate.i:
                continue
            case = next((c.lower_ for c in child.children if c.dep_ == "case" and c.i < child.i), None)
            noun: SpacyToken | None = None
            if child.lemma_.lower() in self.rules.cause_heads:
                noun = _of_object(child)
            elif case in self.rules.cause_preps:
                noun = child
            if noun is None or noun.pos_ != "NOUN" or not self._names_type(noun.text, event_type):
                continue
            agent = _noun_agent(noun) if self.noun_agents else None
            found = (
                self.phrase_actors(agent, event_type, date, used)
                if agent is not None
                else self._noun_modifier_actors(noun, event_type, date, used)
            )
            if found:
                return found
        return []

    def _governing_subject_actors(
        self, token: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The parties of the subject a subjectless verb (or the object noun a verb describes: "Shoigu ordered
        *troops* taking part in exercises near Ukraine to return") shares with the verb it hangs on: up through
        complement, adverbial and coordinated verbs, and from an object to its verb; none past a passive."""
        for _ in range(4):
            head = token.head
            if head == token or token.dep_ not in _GOVERNED or head.pos_ not in _VERB_POS:
                return []
            found = _subject(head)
            if found is not None:
                if found[1]:
                    return []
                subject = self._antecedent(found[0])
                return self.phrase_actors(self._role_holder(subject) or subject, event_type, date, used)
            token = head
        return []

    def _occasion_actors(
        self, trigger: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """Who holds a meeting named as the occasion of an act ("*After a video call with* G7 leaders, Biden
        announced ...", "made the announcement *after talks with* Kramp-Karrenbauer"): the subject of the verb the
        phrase hangs on (data: ``occasion_preps``, ``occasion_types``)."""
        if not self.occasion_meetings or event_type not in self.coding_rules.occasion_types:
            return []
        phrase = trigger.head if trigger.dep_ == "compound" and trigger.head.i > trigger.i else trigger
        preps = self.coding_rules.occasion_preps
        case = next((c for c in phrase.children if c.dep_ == "case" and c.lower_ in preps and c.i < phrase.i), None)
        if case is None:
            return []
        verb = phrase.head
        subject: SpacyToken | None = None
        if verb is not phrase and verb.pos_ in _VERB_POS and phrase.dep_ in _UD_OBLIQUE | {"advcl", "obl:tmod"}:
            found = _subject(verb)
            subject = found[0] if found is not None and not found[1] else None
        elif case.idx == self._dateline_end(self._current_sentence):
            # the sentence opens with the phrase and the parse lost its verb: the subject after the phrase's comma
            comma = next((t for t in self.doc[phrase.i :] if t.text == "," or t.is_sent_end), None)
            if comma is not None and comma.text == ",":
                subject = next(
                    (
                        t
                        for t in self.doc[comma.i + 1 : comma.i + 12]
                        if t.dep_ in _SUBJECTS - _PASSIVE_SUBJECTS and t.head.pos_ in _VERB_POS
                    ),
                    None,
                )
        if subject is None:
            return []
        head = self._antecedent(subject)
        return self.phrase_actors(self._role_holder(head) or head, event_type, date, used)

    def _issuer(self, document: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Who acts through a document that is the subject of an act ("Biden signed an executive *order* that
        expelled ...", "An executive *order* also sanctioned ..."): the subject of the verb it is the object of,
        else the party last named as a subject before it (data: ``issued_documents``)."""
        if document.dep_ in _OBJECTS and document.head.pos_ in _VERB_POS:
            found = _subject(document.head)
            if found is not None and not found[1]:
                head = self._antecedent(found[0])
                return self.phrase_actors(self._role_holder(head) or head, event_type, date, used)
            return []
        lo = max(0, document.idx - 600)
        for mention in reversed(self.resolver.mentions_in(lo, document.idx)):
            token = self.token_at(mention.start)
            if mention.label != "PERSON" and token.dep_ in _SUBJECTS and not self._attributed(mention.start):
                return self.phrase_actors(self._mention_head(mention), event_type, date, used)
        return []

    def _code(self, mention: Mention, *, date: str | None, event_type: str) -> EventActor | None:
        """The actor a mention stands for; in a proxy phrase, the backed group (or none), never its backer."""
        proxied, group = self._proxy_at(mention.start)
        if proxied:
            return group
        return self.resolver.code(mention, date=date, event_type=event_type)

    def _antecedent(self, token: SpacyToken, *, it: bool = False) -> SpacyToken:
        """What a personal pronoun stands for: the speaker of the quote it is in ("we"), else the last party
        that was a subject before it ("he"; with ``it``, "it" too: "*It* staged drills" opening a sentence);
        any other token is returned as is."""
        subject_it = self.it_subjects and token.lower_ == "it" and token.dep_ in _SUBJECTS - _PASSIVE_SUBJECTS
        word = "they" if (it or subject_it) and token.lower_ == "it" else token.lower_
        if token.pos_ != "PRON" or word not in _PRONOUN_PERSONS:
            return token
        if word in ("we", "i", "us", "our"):
            for quote in self.reading.quotes:
                if quote.direct and quote.start <= token.idx < quote.end and quote.speaker_start is not None:
                    return self.token_at(quote.speaker_start)
            return token
        lo = max(0, token.idx - 600) if word not in _POSSESSIVE_PARTIES else self._current_sentence.start
        for mention in reversed(self.resolver.mentions_in(lo, token.idx)):
            if _PRONOUN_PERSONS[word] == "PERSON" and mention.label != "PERSON":
                continue
            if _PRONOUN_PERSONS[word] == "PARTY" and mention.label == "PERSON":
                continue
            found = self.token_at(mention.start)
            if mention.start == self._dateline_end(self._current_sentence) and mention.start > self._current_sentence.start:
                return self._mention_head(mention)  # the first words after a dateline: the story's subject
            if token.lower_ == "they" and mention.start >= self._current_sentence.start and self._of_group(mention):
                return self._mention_head(mention)  # "ministers of *the Group of Seven* said that they ..."
            if found.dep_ in _SUBJECTS or any(t.dep_ in _SUBJECTS for t in found.ancestors if t.i < found.i + 4 and t.pos_ != "VERB"):
                return self._mention_head(mention)
        if _PRONOUN_PERSONS[word] == "PERSON" and self.sole_person_antecedents:
            # no person was a subject (a parse broken at a paragraph's start): the one person the sentence
            # before names ("... chief of staff, Major General Mohammad Bagheri, told state television ...
            # *He* warned ...")
            previous = self._previous_sentence
            if previous is not None and previous.end <= token.idx:
                people = [m for m in self.resolver.mentions_in(previous.start, previous.end) if m.label == "PERSON"]
                if people and len({m.entity or m.text for m in people}) == 1:
                    return self._mention_head(people[-1])
        return token

    def _of_group(self, mention: Mention) -> bool:
        """Whether a mention names whose people a plural noun before it counts ("ministers *of the Group of
        Seven*", "leaders *of NATO*")."""
        for token in self.doc[self.token_at(mention.start).i : self._mention_head(mention).i + 1]:
            head = token.head
            if token.dep_ == "nmod" and head.i < token.i and head.idx < mention.start:
                of = any(c.dep_ == "case" and c.lower_ == "of" for c in token.children)  # not "soldiers *into* Ukraine"
                return of and head.pos_ in ("NOUN", "PROPN") and head.lower_.endswith("s")
        return False

    def _object_antecedent(self, token: SpacyToken, used: set[int]) -> SpacyToken:
        """Whom an object pronoun ("him", "her") stands for: the last person named before it who is not already
        a party of the event ("Prigozhin ... the FSB opened a criminal case against *him*"); any other token
        is returned as is."""
        if token.pos_ != "PRON" or token.lower_ not in ("him", "her"):
            return token
        lo = max(0, token.idx - 600)
        for mention in reversed(self.resolver.mentions_in(lo, token.idx)):
            if mention.label == "PERSON" and mention.start not in used:
                return self._mention_head(mention)
        return token

    def _attributed(self, offset: int) -> bool:
        """Whether the word at ``offset`` stands in an attribution phrase of its sentence ("According to *the
        Pentagon*, Washington has provided ...", "citing *Kyiv*"): it names the source of the report, never a
        party to the event."""
        sentence = self._current_sentence
        if not sentence.start <= offset <= sentence.end:
            return False
        if offset < self._dateline_end(sentence):
            return True  # "MOSCOW, Aug 8 (Atlas Daily) - ...": where the story was filed, and by whom
        return self.rules.attribution.search(self.article.text[sentence.start : offset]) is not None

    def _dateline_end(self, sentence: Sentence) -> int:
        """The offset where a sentence's opening dateline ends (its start when it has none)."""
        found = _DATELINE.match(self.article.text, sentence.start, sentence.end)
        return found.end() if found else sentence.start

    def _title_qualifier(self, mention: Mention) -> bool:
        """Whether a mention only qualifies a person's title ("Colonel Assimi Goita, *Mali's* interim president"):
        it lies in the span of a role the article gives another entity."""
        return any(
            role.start <= mention.start < role.end and role.entity is not None and role.entity != mention.entity
            for role in self.reading.roles
        )

    def _role_holder(self, token: SpacyToken) -> SpacyToken | None:
        """The person whose title a word belongs to ("*U.S.* President Joe Biden", "Colonel Assimi Goita, Mali's
        interim *president*"), when the parse made that word the head of the phrase: the head of the person's
        name in the title's role span, or ``None``."""
        own = self.resolver.mention_at(token.idx)
        if own is not None and own.label == "PERSON":
            return None
        for role in self.reading.roles:
            if role.entity is None or not role.start <= token.idx < role.end:
                continue
            for mention in self.resolver.mentions_in(role.start, role.end):
                if mention.label == "PERSON" and mention.entity == role.entity and mention.start != token.idx:
                    return self._mention_head(mention)
        return None

    def _mention_head(self, mention: Mention) -> SpacyToken:
        """The last token of a mention (its syntactic head in English noun phrases)."""
        return self.token_at(max(mention.start, mention.end - 1))

    def _positional_actors(
        self, sentence: Sentence, trigger: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The nearest party named before the trigger, with coordinated ones ("Biden and Russian President Putin")."""
        before = [
            m
            for m in reversed(self.resolver.mentions_in(sentence.start, trigger.idx))
            if not self._attributed(m.start)
            and not self._title_qualifier(m)
            and not self._where(m, event_type)
            and not self._names_document(self._mention_head(m), self._mention_head(m).head)
        ]
        for i, mention in enumerate(before):
            actor = self._code(mention, date=date, event_type=event_type)
            if actor is None:
                continue
            used.add(mention.start)
            found = [actor]
            edge = mention.start
            for earlier in before[i + 1 :]:
                if earlier.end > edge:
                    continue
                gap = self.article.text[earlier.end : edge]
                if _TITLE_GAP.fullmatch(gap):
                    edge = earlier.start  # a qualifier of the party after it ("Russian President")
                    continue
                if not _AND_GAP.fullmatch(gap) and not re.fullmatch(r"\s*(?:,?\s*and)\s+" + _TITLE_GAP.pattern, gap):
                    break
                other = self._code(earlier, date=date, event_type=event_type)
                if other is None:
                    break
                used.add(earlier.start)
                found.insert(0, other)
                edge = earlier.start
            return _dedupe(found)
        return []

    def _where(self, mention: Mention, event_type: str) -> bool:
        """Whether a mention only says where, never who, for the party named before a trigger: a name qualifying
        a place noun ("sent to *the Ukrainian border*"; data: ``place_nouns``) or, for a deployment, a withdrawal
        or an attack (data: ``locative_actor_types``), a place after a locative preposition ("exercises *near
        Ukraine* and *in Crimea*"; "police *across Russia* detained" is left alone: there the place is the
        actor's own)."""
        if not self.locative_positions:
            return False
        head = self._mention_head(mention)
        if head.dep_ in ("amod", "compound", "nmod:poss") and head.head.lower_ in self.rules.place_nouns:
            return True
        owner = head.head
        if (
            head.dep_ in ("amod", "compound")
            and owner.pos_ == "NOUN"
            and owner.dep_ in _OBJECTS
            and owner.head.pos_ in _VERB_POS
            and self.resolver.mention_at(owner.idx) is None
            and not self.resolver.military_head(owner.text)
        ):
            return True  # "Some waved *Russian* flags, chanted slogans ...": what is acted on, not who acts
        if event_type not in self.rules.locative_actor_types or mention.label not in PLACE_LABELS:
            return False
        phrase = head.head if head.dep_ == "conj" and not any(c.dep_ == "case" for c in head.children) else head
        return phrase.dep_ in _UD_OBLIQUE and any(
            c.dep_ == "case" and c.lower_ in self.rules.locative_preps for c in phrase.children
        )

    def recipients_for(
        self,
        trigger: SpacyToken,
        predicate: SpacyToken,
        sentence: Sentence,
        event_type: str,
        date: str | None,
        *,
        exclude: set[int],
        actors: list[EventActor] | None = None,
    ) -> tuple[list[EventActor], set[int]]:
        """The event's recipients (see :meth:`_recipients`), with the parties the text lists after the last
        of them when the parse lost the coordination ("talks with the Polish prime minister *and the Czech
        president*")."""
        found, used = self._recipients(
            trigger, predicate, sentence, event_type, date, exclude=exclude, actors=actors
        )
        if found and self.listed_recipients:
            fresh = [offset for offset in used - exclude if offset > trigger.idx]
            if fresh:
                found = _dedupe(found + self._listed_after(max(fresh), sentence, event_type, date, used))
        return found, used

    def _listed_after(
        self, offset: int, sentence: Sentence, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """The parties listed after the mention at ``offset``: a chain of names joined by commas and ending with
        "and" ("with Macron, Scholz *and* Sunak"; title words between are allowed), none past a break."""
        mention = self.resolver.mention_at(offset)
        if mention is None:
            return []
        edge, chain, out = mention.end, [], []
        for later in self.resolver.mentions_in(mention.end, sentence.end):
            if later.start < edge or self._title_qualifier(later) or later.start in used:
                if later.start in used:
                    break
                continue
            gap = self.article.text[edge : later.start]
            joined = re.fullmatch(r"\s*(,\s*)?(and\s+)?" + _TITLE_GAP.pattern, gap)
            if joined is None or not (joined.group(1) or joined.group(2)):
                break
            actor = self._code(later, date=date, event_type=event_type)
            if actor is None:
                break
            chain.append((later.start, actor))
            if joined.group(2):
                for start, listed in chain:
                    used.add(start)
                    out.append(listed)
                chain = []
            edge = later.end
        return out

    def _recipients(
        self,
        trigger: SpacyToken,
        predicate: SpacyToken,
        sentence: Sentence,
        event_type: str,
        date: str | None,
        *,
        exclude: set[int],
        actors: list[EventActor] | None = None,
    ) -> tuple[list[EventActor], set[int]]:
        used: set[int] = set(exclude)
        if event_type in self.coding_rules.no_recipient_types:
            return [], used
        subject = _subject(predicate)
        if subject is not None and subject[1] and (
            _agent(predicate) is not None
            or event_type in _VICTIM_SUBJECT_TYPES
        ):
            # the passive subject undergoes the act ("soldiers were killed by ...", "four soldiers were killed")
            found = self.phrase_actors(subject[0], event_type, date, used)
            if found:
                return found, used
        heads: list[SpacyToken] = []
        cases: dict[int, SpacyToken] = {}
        preps = self.rules.recipient_preps
        for owner in (trigger, predicate) if trigger is not predicate else (predicate,):
            # a noun trigger's verb: the objects before the trigger only carry a party ("launched missiles *against*
            # Ukraine in one of the heaviest strikes"); themselves they are the verb's ("briefed *Austin* on the fighting")
            after = trigger.i if owner == trigger else min(trigger.i, owner.i + 1)
            objects = [child for child in owner.children if child.dep_ in _OBJECTS and child.i >= after]
            if owner is predicate and _misread_clause_verb(owner):
                objects.append(owner.head)  # "Russia had *massed* troops near Ukraine" read as "massed troops"
            heads.extend(obj for obj in objects if obj.i >= trigger.i)
            # "held talks *with* Kuleba at NATO headquarters": the object's own party comes before the verb's places
            for obj in (o for objects_ in objects for o in _conjuncts(objects_)):  # "missiles and drones *against* Ukraine"
                heads.extend(noun for prep, noun in _prep_objects(obj) if prep.lower_ in preps and noun.i > obj.i)
            pairs = _prep_objects(owner)
            if owner.i == trigger.i and trigger.pos_ == "NOUN" and self.own_themes and event_type in self.rules.own_theme_types:
                # "the supply of US weapons *to* Ukraine": the goods are the actor's; their "to" phrase, however
                # the parser attached it, is the noun's
                theme = _of_object(trigger)
                pairs = [(p, n) for p, n in pairs if theme is None or n.i != theme.i]
                if theme is not None:
                    pairs += [(p, n) for p, n in _prep_objects(theme) if p.lower_ != "of" and n.i > theme.i]
            for prep, noun in pairs:
                if prep.lower_ in preps and noun.i > trigger.i - 1:
                    heads.append(noun)
                    cases[noun.i] = prep
        distinct = event_type in self.coding_rules.distinct_types and self.skip_own_side
        author = self._noun_author(trigger, event_type) if trigger.pos_ == "NOUN" else None
        for head in heads:
            if author is not None and head.i == author.i:
                continue  # "criticism *from Moscow*": the author, never the one criticised
            case = cases.get(head.i)
            cut = (
                _context_cut(case.i, head.i, self.doc, preps=self.rules.context_preps)
                if case is not None and self.context_cuts
                else None
            )
            if case is not None and cut is not None:
                # "a phone call with Zelensky *amid* Russian military buildup" read as one phrase: the parties
                # between the preposition and the context word
                found = self._span_actors(case.idx + len(case.text), cut.idx, event_type, date, used)
            elif self._audience(head):
                found = []  # "in a speech *to parliament*": who heard it, not whom it was about
            else:
                found = self.phrase_actors(self._object_antecedent(head, used), event_type, date, used)
            if found and distinct and not _not_actors(found, actors or [], state=self.state_sectors):
                continue  # "restated *Washington's* backing for Ukraine": the actor's own side names no recipient
            if found:
                return found, used
        if self.backers and event_type in self.rules.backed_types:
            found = _not_actors(self._backed_party(predicate, event_type, date, used), actors or [])
            if found:
                return found, used
        if self.inherit_recipients:
            found = self._governor_recipients(predicate, event_type, date, used, actors=actors or [])
            if found:
                return found, used
        referring = self.referring_objects and event_type in self.coding_rules.referring_types
        if referring:
            referred = self._referred_actors(trigger, predicate, actors or [], generic=False)
            if referred:
                return referred, used
        if event_type in self.coding_rules.no_positional_types:
            return [], used
        # positional fallback: the first party named after the trigger (not in a locative phrase), up to a phrase
        # that is the event's context ("... *amid* reports of a Russian buildup", "weeks *after* Russia annexed")
        stop = (
            _context_cut(trigger.i, len(self.doc), self.doc, preps=self.rules.context_preps)
            if self.context_cuts
            else None
        )
        end = sentence.end if stop is None else min(sentence.end, stop.idx)
        for mention in self.resolver.mentions_in(trigger.idx + len(trigger.text), end):
            placed = mention.label in PLACE_LABELS or (
                mention.label == "NORP" and self.token_at(mention.start).dep_ in ("amod", "compound")
            )  # "met in *the Turkish resort* of Antalya": a place, not a party
            if mention.start in used or (placed and self._locative(sentence, mention)[0]):
                continue
            named = self._mention_head(mention)
            if self._names_document(named, named.head):
                continue  # "respect the *Minsk* agreements"
            if self.noun_agents and _reporter_of(named, trigger, reporting=self.rules.reporting_verbs):
                continue  # "... while respecting the agreements," *the Elysee* said: the source, not a party
            if self._attributed(mention.start) or self._audience(named) or self._title_qualifier(mention):
                continue  # a source, an audience, or a word of a person's title ("*French* President Macron")
            if self.foreign_phrases and self._foreign_phrase(named, trigger=trigger, predicate=predicate):
                continue  # "ready to keep the corridor going *without Russia*", "a call *chaired by* Meloni"
            actor = self._code(mention, date=date, event_type=event_type)
            if actor is not None:
                used.add(mention.start)
                # with the parties coordinated with it ("warned that *America and Britain* would pay")
                together = self.phrase_actors(self._mention_head(mention), event_type, date, used)
                return (together if actor in together else [actor]), used
        if referring:
            return self._referred_actors(trigger, predicate, actors or [], generic=True), used
        return [], used

    def _foreign_phrase(self, token: SpacyToken, *, trigger: SpacyToken, predicate: SpacyToken) -> bool:
        """Whether a name after the trigger stands in a phrase that cannot hold the event's recipient: one opened
        by a preposition of exclusion or comparison ("ready to keep the corridor going *without* Russia", "*unlike*
        Western aid"; data: ``non_recipient_preps``), or the agent of another verb ("declared a state of emergency
        and said civilians had been wounded *by Ukrainian shelling*")."""
        for _ in range(3):
            modifier = token.dep_ in ("nmod:poss", "poss", "compound", "amod") and token.head.i > token.i
            if not modifier and token.dep_ not in ("flat", "flat:name"):
                break
            token = token.head  # up from a qualifier or a name part to the phrase's head
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "brokered by France *and Germany*": the list's first member carries the preposition
        cases = {c.lower_ for c in token.children if c.dep_ == "case"}
        if cases & self.rules.non_recipient_preps:
            return True
        verb = token.head
        return "by" in cases and verb.pos_ in _VERB_POS and verb.i not in (trigger.i, predicate.i)

    def _audience(self, token: SpacyToken) -> bool:
        """Whether a word names the audience of a speech ("in a speech *to Ukraine's parliament*", "an interview
        *with* Voice of America"; data: ``audience_nouns``): who heard it, never a party of what was said."""
        for _ in range(3):
            if token.dep_ in ("nmod:poss", "poss", "compound", "amod", "flat", "flat:name") and token.head.i > token.i:
                token = token.head
                continue
            break
        if token.dep_ not in _UD_OBLIQUE or token.head.i >= token.i:
            return False
        case = next((c.lower_ for c in token.children if c.dep_ == "case" and c.i < token.i), None)
        return case in ("to", "before", "with") and token.head.lemma_.lower() in self.rules.audience_nouns

    def _span_actors(self, lo: int, hi: int, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """The parties named between character offsets ``lo`` and ``hi``."""
        out: list[EventActor] = []
        for mention in self.resolver.mentions_in(lo, hi):
            if mention.start in used or self._title_qualifier(mention):
                continue
            actor = self._code(mention, date=date, event_type=event_type)
            if actor is not None:
                used.add(mention.start)
                out.append(actor)
        return _dedupe(out)

    def _backed_party(
        self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        """Who a backer's act is for: "Britain, among *Kyiv's* most steadfast backers, has sent
        it tanks" -- the possessor (or "of" object) of the backer noun (data: ``backer_nouns``) the clause's verb hangs
        on as a participle or a coordinated verb."""
        token = predicate
        for _ in range(2):
            head = token.head
            if head.i == token.i or token.dep_ not in ("advcl", "conj", "acl", "xcomp"):
                return []
            backer: SpacyToken | None = head if head.lower_ in self.rules.backer_nouns else None
            if backer is None and head.pos_ in ("NUM", "PRON"):  # "one of Ukraine's backers"
                backer = next(
                    (n for p, n in _prep_objects(head) if p.lower_ == "of" and n.lower_ in self.rules.backer_nouns),
                    None,
                )
            if backer is not None:
                owners = [c for c in backer.children if c.dep_ in ("nmod:poss", "poss")]
                owners += [n for p, n in _prep_objects(backer) if p.lower_ == "of" and n.i > backer.i]
                out: list[EventActor] = []
                for owner in owners:
                    out.extend(self.phrase_actors(owner, event_type, date, used))
                return _dedupe(out)
            token = head
        return []

    def _governor_recipients(
        self, predicate: SpacyToken, event_type: str, date: str | None, used: set[int], *, actors: list[EventActor]
    ) -> list[EventActor]:
        """The party a verb's clause addresses through the verb it hangs on, when it names none itself: "called
        *Kuleba* to express support", "spoke with *Putin* by telephone and proposed that the two men meet"
        (a coordinated verb sharing the subject, or a purpose clause with no subject of its own)."""
        token = predicate
        preps = self.rules.recipient_preps
        for _ in range(2):
            head = token.head
            if token.dep_ not in ("conj", "xcomp", "advcl") or head == token or head.pos_ not in _VERB_POS:
                return []
            if _subject_children(token) or _reported_object_subject(token) is not None:
                return []  # a subject of its own: another party's act ("said *a Ukrainian strike* killed four")
            if (
                token.dep_ == "xcomp"
                and _object_controller(token, rules=self.rules) is not None
                and not self._told_act(token, event_type)
            ):
                return []  # "urged Putin to de-escalate": the object is the actor
            if _own_addressee(token, rules=self.rules):
                return []  # "called Putin a terrorist and *urged allies* to send ...": its own addressee
            heads = [c for c in head.children if c.dep_ in _OBJECTS and c.i < token.i]
            heads += [noun for prep, noun in _prep_objects(head) if prep.lower_ in preps and noun.i < token.i]
            for obj in heads:
                found = _not_actors(self.phrase_actors(obj, event_type, date, used), actors)
                if found:
                    return found
            token = head
        return []

    def _noun_modifier_actors(
        self, noun: SpacyToken, event_type: str, date: str | None, used: set[int]
    ) -> list[EventActor]:
        military = self.resolver.military_head(noun.text) or any(
            self.resolver.military_head(c.text) for c in noun.children if c.dep_ == "compound"
        )
        out: list[EventActor] = []
        for child in noun.children:
            if child.dep_ in _NOUN_MODS and child.i < noun.i and not self._cut_off(child, noun):
                if self._names_document(child, noun):
                    continue
                found = self._token_actors(child, event_type, date, used, military=military)
                if not found and child.dep_ == "compound" and child.pos_ == "NOUN" and self.noun_agents:
                    # "a *Russian* artillery strike": the party qualifies the compound noun before the head
                    for grand in child.children:
                        if grand.dep_ in ("amod", "compound", "nmod:poss") and grand.i < child.i:
                            found.extend(self._token_actors(grand, event_type, date, used, military=military))
                out.extend(found)
        return _dedupe(out)

    def _noun_author(self, noun: SpacyToken, event_type: str) -> SpacyToken | None:
        """The agent of an event noun: its "by" phrase, or its "from" phrase for a type whose noun names its
        author that way (data: ``source_types``: "criticism *from Moscow*", not "an attack from the north")."""
        if not self.noun_agents:
            return None
        agent = _noun_agent(noun)
        if agent is None and event_type in self.rules.source_types:
            agent = next((n for p, n in _prep_objects(noun) if p.lower_ == "from" and n.i > noun.i), None)
        return agent

    def _told_act(self, verb: SpacyToken, event_type: str) -> bool:
        """Whether a clause told to someone is the teller's act on them (data: ``speaker_types``): "ordered the
        frigates *to keep clear* of its coast" is a warning by the teller, not an act of the warships."""
        return (
            self.noun_agents
            and event_type in self.rules.speaker_types
            and verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in self.rules.object_control_verbs
        )

    def _names_document(self, child: SpacyToken, head: SpacyToken) -> bool:
        """Whether a name compounded to a document noun is a city naming it ("the *Minsk* accords", data:
        ``named_documents``), not a party to it (a state's own name is: "the *US*-Russia deal")."""
        if not self.noun_agents or head.lemma_.lower() not in self.rules.named_documents:
            return False
        if child.dep_ != "compound" and not (child.dep_ == "amod" and child.pos_ == "PROPN"):
            return False
        kb = self.resolver.kb
        name = _proper_name(child) if child.pos_ == "PROPN" else child.text
        return kb.metonym(name) is not None and kb.country_name(name) is None and kb.demonym(name) is None

    def _cut_off(self, child: SpacyToken, head: SpacyToken) -> bool:
        """Whether a word opening an event's context stands between a modifier and its head: the parser joined
        two phrases ("with *Zelensky* amid Russian military *buildup*"), and the modifier is no party of it."""
        if not self.context_cuts:
            return False
        lo, hi = sorted((child.i, head.i))
        return _context_cut(lo, hi, head.doc, preps=self.rules.context_preps) is not None

    def phrase_actors(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """Actors named by the noun phrase headed by ``head`` and its coordinated conjuncts."""
        out: list[EventActor] = []
        for member in _conjuncts(head):
            found = self._head_actors(member, event_type, date, used)
            out.extend(found)
        return _dedupe(out)

    def _head_actors(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        military = self.resolver.military_head(head.text)
        direct = self._token_actors(head, event_type, date, used, military=military)
        if direct:
            return direct
        if head.lower_ in self.rules.reciprocal_heads and any(
            c.lower_ in self.rules.reciprocal_determiners for c in head.children
        ):
            return self._reciprocal(head, event_type, date, used)
        listed: list[EventActor] = []
        for child in head.children:
            if child.dep_ == "appos":
                found = self.phrase_actors(child, event_type, date, used)
                if found and not self.all_appositions:
                    return found
                listed.extend(found)  # "Eight allies - *Bulgaria*, *the Czech Republic*, Estonia ... - asked"
        if listed:
            return _dedupe(listed)
        out: list[EventActor] = []
        for child in head.children:
            if (
                child.dep_ in _NOUN_MODS
                and child.i < head.i
                and not self._cut_off(child, head)
                and not self._names_document(child, head)
            ):
                for member in _conjuncts(child) if child.pos_ == "ADJ" else (child,):  # "the Russian and Ukrainian delegations"
                    if member.i < head.i:
                        out.extend(self._token_actors(member, event_type, date, used, military=military))
        if not out and self.noun_agents:
            agent = _noun_agent(head)  # "condemned the expulsion of German diplomats *by Russia*"
            if agent is not None:
                out.extend(self.phrase_actors(agent, event_type, date, used))
        if not out:
            for prep, noun in _prep_objects(head):
                if prep.lower_ == "of":
                    out.extend(self.phrase_actors(noun, event_type, date, used))
        return out

    def _token_actors(
        self, token: SpacyToken, event_type: str, date: str | None, used: set[int], *, military: bool
    ) -> list[EventActor]:
        if self._attributed(token.idx):
            return []  # "According to the Pentagon, ...": the source of the report, not a party
        proxied, group = self._proxy_at(token.idx)
        if proxied:  # "Russia-backed separatists": the group, never its backer
            if group is None:
                return []
            used.add(token.idx)
            return [group]
        if token.pos_ == "PRON" and token.lower_ in _POSSESSIVE_PARTIES and token.dep_ in _NOUN_MODS:
            # "*its* missiles struck Odesa": the owner of the acting subject is the party last named as a subject
            # (never that of an object: "asked *its* partners to respond" names no party)
            owner = self._antecedent(token) if token.head.dep_ in _SUBJECTS else token
            return [] if owner == token else self._token_actors(owner, event_type, date, used, military=military)
        mention = self.resolver.mention_at(token.idx)
        if mention is None and self.aggressors and self._aggressor_noun(token):
            # "the *invaders* are reinforcing their units": the state the article makes the aggressor, if one
            code = self._aggressor()
            if code is None:
                return []
            used.add(token.idx)
            return [EventActor(self.resolver.kb.countries[code].name, code, "MIL", None)]
        if mention is None and self.state_referents and self._state_noun(token):
            # "support for *the country's* sovereignty": the state last named as a noun
            referent = self._named_state_before(token)
            return [] if referent is None else self._token_actors(referent, event_type, date, used, military=military)
        actor = self.resolver.code(mention, date=date, event_type=event_type, military=military) if mention else None
        if actor is None and token.pos_ == "PROPN":
            # a name the reading layer missed or mislabelled ("urged *Putin* to", "accused by *Moscow* of", "urged
            # *Biden* to" read as a place)
            actor = self.resolver.code_name(_proper_name(token), date=date, event_type=event_type, military=military)
        if actor is None and self.kb_anaphors:
            actor = self._anaphor_actor(token)
        if actor is None:
            return []
        used.add(mention.start if mention else token.idx)
        return [actor]

    def _anaphor_actor(self, token: SpacyToken) -> EventActor | None:
        """The body a description refers back to ("*the alliance* rejected the claim", "*the Western Alliance*
        denies", "*the bloc*'s leaders"; the knowledge base's ``anaphors``), once the article has named it."""
        if token.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        left = token.i
        while left > 0 and token.doc[left - 1].head.i == token.i and token.doc[left - 1].dep_ in ("det", "amod", "compound", "nummod"):
            left -= 1
        kb = self.resolver.kb
        org = kb.anaphor(token.doc[left : token.i + 1].text) or kb.anaphor("the " + token.lower_)
        if org is None or org.actor_code is None:
            return None
        before = self.article.text[: token.idx]
        names = [n for n in (org.name, *org.aliases, org.code) if n]
        if not any(re.search(rf"\b{re.escape(n)}\b", before) for n in names):
            return None
        return EventActor(org.name, org.actor_code, org.sector, org.id)

    def _aggressor_noun(self, token: SpacyToken) -> bool:
        """Whether a word names the attacking side with no party of its own: "the *invaders*", "the *aggressor*"
        (data: ``aggressor_nouns``), or "*occupation* forces" qualifying a military noun (``aggressor_modifiers``);
        "the Ukrainian invaders" names its party and is left to it."""
        word = token.lower_
        if word in self.rules.aggressor_modifiers and token.dep_ in ("amod", "compound"):
            if not self.resolver.military_head(token.head.text) or token.head.i < token.i:
                return False
            token = token.head
        elif word not in self.rules.aggressor_nouns or token.pos_ != "NOUN":
            return False
        return not any(
            c.dep_ in _NOUN_MODS and c.i < token.i and c.pos_ in ("PROPN", "ADJ", "PRON") and c.lower_ not in self.rules.aggressor_modifiers
            for c in token.children
        )

    def _aggressor(self) -> str | None:
        """The state the article makes the aggressor: the one most often named as the owner of an aggression
        ("*Russia's* ongoing aggression", "the *Russian* invasion", "annexed *by Moscow*", "*Russia* invaded
        Ukraine"; data: ``aggression_words``), when one leads; None when none does."""
        if self._aggressor_code is None:
            counts: dict[str, int] = {}
            for token in self.doc:
                if token.lemma_.lower() not in self.rules.aggression_words:
                    continue
                owners: list[SpacyToken] = []
                if token.pos_ == "NOUN":
                    # "Russia's *aggression*", or through the noun it qualifies: "Russian *occupation* forces"
                    owner_of = token.head if token.dep_ in ("compound", "amod") and token.head.i > token.i else token
                    owners = [c for c in owner_of.children if c.dep_ in ("amod", "nmod:poss", "poss", "compound") and c.i < owner_of.i and c.i != token.i]
                    agent = _noun_agent(token)
                    owners += [agent] if agent is not None else []
                elif token.pos_ == "VERB":
                    found = _subject(token)
                    agent = _agent(token)
                    owners = [agent] if agent is not None else [found[0]] if found is not None and not found[1] else []
                for owner in owners:
                    code = self._state_of(owner)
                    if code is not None:
                        counts[code] = counts.get(code, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: -item[1])
            lead = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
            self._aggressor_code = ranked[0][0] if ranked and lead else ""
        return self._aggressor_code or None

    def _state_of(self, token: SpacyToken) -> str | None:
        """The state a word names ("Russia", "Russian", "Moscow", "Putin"), if the knowledge base knows it."""
        kb = self.resolver.kb
        mention = self.resolver.mention_at(token.idx)
        actor = self.resolver.code(mention, date=None, event_type="ASSAULT") if mention is not None else None
        if actor is None and token.pos_ in ("PROPN", "ADJ"):
            actor = self.resolver.code_name(_proper_name(token) if token.pos_ == "PROPN" else token.text, date=None, event_type="ASSAULT")
        code = actor.country if actor is not None else None
        return code if code in kb.countries else None

    def _state_noun(self, token: SpacyToken) -> bool:
        """Whether a word is a definite noun standing for a state named before ("*the country*'s sovereignty";
        data: ``state_nouns``)."""
        return token.lower_ in self.rules.state_nouns and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        )

    def _named_state_before(self, token: SpacyToken) -> SpacyToken | None:
        """The head of the last state named as a noun (not a modifier: "*U.S.* support") in the sentence
        before ``token`` or the one before that."""
        previous = self._previous_sentence
        lo = previous.start if previous is not None else self._current_sentence.start
        kb = self.resolver.kb
        for mention in reversed(self.resolver.mentions_in(lo, token.idx)):
            if mention.label != "GPE" or self._attributed(mention.start):
                continue
            head = self._mention_head(mention)
            entity = self.resolver.entities.get(mention.entity) if mention.entity else None
            code = entity.country if entity is not None else kb.country(mention.text)
            if code in kb.countries and head.dep_ not in ("compound", "amod"):
                return head
        return None

    def _reciprocal(self, head: SpacyToken, event_type: str, date: str | None, used: set[int]) -> list[EventActor]:
        """"The two leaders", "both delegations": the last two people of distinct countries named before ``head``."""
        lo = max(0, head.idx - 1500)
        people: list[EventActor] = []
        for mention in reversed(self.resolver.mentions_in(lo, head.idx)):
            if mention.label != "PERSON" or mention.start in used:
                continue  # not a person, or the event's other party ("Erdogan, who welcomed both delegations")
            actor = self.resolver.code(mention, date=date, event_type=event_type)
            if actor is not None and all(actor.name != p.name and actor.country != p.country for p in people):
                people.append(actor)
            if len(people) == 2:
                break
        if len(people) == 2:
            used.add(head.idx)
            return list(reversed(people))
        return []

    # -- date -------------------------------------------------------------------------------------
    def date_for(self, sentence: Sentence, predicate: SpacyToken, cand: _Candidate) -> tuple[str | None, str | None, bool]:
        """The event's date: the date expression of its clause; else, by the guide's rule, the publication
        week for a state told in the present ("are deployed", "has denied"), else the article's news day."""
        inside = [
            t
            for t in self.timexes
            if sentence.start <= t.start < sentence.end and t.value and t.relation not in self.skip_relations
            and not (self.foreign_timexes and self._foreign_timex(t, predicate, trigger=sentence.start + cand.start))
        ]
        earlier = (
            self.earlier_reported
            and cand.type not in self.coding_rules.reported_state_types
            and self.clf.ontology.quad_class(cand.type) in _MATERIAL_QUADS
            and _reported_past_perfect(predicate)
        )
        if inside:
            best = _governing_timex(inside, predicate, self, strict=self.strict_timex)
            if best is not None:
                if earlier and best.value and best.precision == "day" and not _governs(self.token_at(best.start), predicate):
                    return _coarser(best.value, best.precision), "month", False
                return best.value, best.precision, True
        if self.published and (cand.type == "MOBILIZE" or (self.present_states and _present_state(predicate))):
            return _iso_week(self.published), "week", False
        day: tuple[str, str] | None = self.news_day or ((self.published, "day") if self.published else None)
        if day is None:
            return None, None, False
        if self.earlier_reported and self._since_only(sentence, predicate):
            return _coarser(day[0], day[1]), "month", False
        return day[0], day[1], False

    def _foreign_timex(self, timex: Timex, predicate: SpacyToken, *, trigger: int) -> bool:
        """Whether a date expression dates something other than the event: a year naming a thing ("the *2020*
        presidential election", "the *1936* Montreux Convention"), or a date in a relative clause ("Crimea,
        which Moscow annexed in 2014") or after "since" ("the largest since the annexation of Crimea in 2014")
        on its way up to the event's verb; a relative clause of a trigger noun dates it ("a package *that the
        Pentagon announced last week*")."""
        first = self.token_at(timex.start)
        last = self.token_at(max(timex.start, timex.end - 1))
        if self.participle_timexes and _participle_aside(first, last, self.token_at(trigger)):
            return True
        if timex.precision == "year" and first.i > 0 and last.i + 1 < len(self.doc):
            before, after = self.doc[first.i - 1], self.doc[last.i + 1]
            if before.pos_ == "DET" and after.pos_ in ("NOUN", "PROPN", "ADJ"):
                return True
        for token in (first, *first.ancestors):
            if token.i == predicate.i:
                return False
            if token.dep_ in ("relcl", "acl:relcl") and token.pos_ in _VERB_POS and token.head.lower_ != "what":
                # ("launched *what it called* anti-terrorist measures on Tuesday": a free relative, not a clause of its own)
                return token.head.i != self.token_at(trigger).i
            if token.pos_ in _VERB_POS and _relative_pronoun_clause(token):
                # the same clause read as a conjunct ("drills ..., including in Crimea, *which* Moscow annexed in 2014")
                return True
            if any(c.dep_ in ("case", "prep", "mark") and c.lower_ == "since" for c in token.children):
                return True
        return False

    def _since_only(self, sentence: Sentence, predicate: SpacyToken) -> bool:
        """Whether the event's own clause is timed only by a "since" expression ("had provided Ukraine with
        over $2 billion ... *since 2014*"): a tally running up to the report, dated no finer than its month."""
        for timex in self.timexes:
            if sentence.start <= timex.start < sentence.end and timex.relation == "since":
                token = self.token_at(timex.start)
                if _governs(token, predicate) and _in_clause(token, predicate):
                    return True
        return False

    # -- place ------------------------------------------------------------------------------------
    def _locative(self, sentence: Sentence, mention: Mention) -> tuple[bool, bool]:
        """Whether a place mention follows a locative preposition ("in", "near the occupied ..."), and is "occupied"."""
        before = self.article.text[max(sentence.start, mention.start - 60) : mention.start].lower().split()[-5:]
        prep_at = max((i for i, w in enumerate(before) if w.strip(",") in self.rules.locative_preps), default=-1)
        if prep_at < 0 or len(before) - prep_at > 4:
            return False, False
        between = before[prep_at + 1 :]
        if any(w.endswith(",") or w in ("and", "but", "said") for w in between):
            return False, False
        return True, any(load_gazetteer().is_occupied_marker(w) for w in between)

    def location_for(
        self,
        sentence: Sentence,
        *,
        exclude: set[int],
        predicate: SpacyToken | None = None,
        trigger: SpacyToken | None = None,
        event_type: str | None = None,
    ) -> Place | None:
        """The place of the event: a locative place mention of the trigger's clause (with ``predicate``),
        the nearest to the trigger first; else of the whole sentence when ``clause_places`` is off."""
        gazetteer = load_gazetteer()
        mentions = self.resolver.mentions_in(sentence.start, sentence.end)
        if predicate is not None and self.clause_places:
            mentions = [m for m in mentions if _in_clause(self.token_at(m.start), predicate)]
            at = (trigger or predicate).idx
            mentions.sort(key=lambda m: abs(m.start - at))
        for mention in mentions:
            if mention.label not in PLACE_LABELS or mention.start in exclude:
                continue
            locative, occupied = self._locative(sentence, mention)
            if not locative:
                continue
            if self.several_places and _one_of_places(self._mention_head(mention)):
                return None  # "deployed near the border *and in Crimea*": spread over places, none is the event's
            name = self._extend_place(mention)
            place = gazetteer.lookup(name, occupied=occupied) or gazetteer.lookup(mention.text, occupied=occupied)
            if place is None:
                entity = self.resolver.entities.get(mention.entity) if mention.entity else None
                if entity is None or entity.country is None:
                    continue
                place = Place(name=name, country=entity.country)
            elif place.name != name:
                place = Place(name, place.country, place.lat, place.lon, place.disputed)
            return place
        if predicate is not None and self.clause_places:
            if event_type in self.sentence_place_types:
                return self.location_for(sentence, exclude=exclude)
            return None
        return self._scan_location(sentence)

    def _scan_location(self, sentence: Sentence) -> Place | None:
        """Places of our gazetteer named after a locative preposition that the reading did not mark."""
        gazetteer = load_gazetteer()
        text = self.article.text[sentence.start : sentence.end]
        for match in self.rules.place_after_prep.finditer(text):
            occupied = bool(match.group("mod")) and gazetteer.is_occupied_marker(match.group("mod").strip())
            words = match.group("name").split()
            for size in range(len(words), 0, -1):
                place = gazetteer.lookup_local(" ".join(words[:size]), occupied=occupied)
                if place is not None:
                    return place
        return None

    def _extend_place(self, mention: Mention) -> str:
        after = self.article.text[mention.end : mention.end + 20].lower()
        for word in self.rules.region_words:
            if after.startswith(" " + word):
                return self.article.text[mention.start : mention.end + 1 + len(word)]
        return mention.text


def _participle_aside(first: SpacyToken, last: SpacyToken, trigger: SpacyToken) -> bool:
    """Whether tokens ``first``..``last`` stand in a participle phrase set off by commas that does not hold the
    trigger ("accused Moscow of shelling the town and noted that the peninsula*, seized by Russia in 2014,* is
    still Ukrainian"): the phrase tells its own, earlier act (found on the words, as the parse often breaks there)."""
    doc = first.doc
    lo = first.i
    while lo > first.sent.start and doc[lo - 1].text != ",":
        lo -= 1
    hi = last.i
    while hi + 1 < first.sent.end and doc[hi + 1].text != ",":
        hi += 1
    if lo == first.sent.start or hi + 1 >= first.sent.end or lo <= trigger.i <= hi:
        return False
    opener = next((t for t in doc[lo : hi + 1] if t.pos_ != "ADV"), None)
    return opener is not None and opener.tag_ == "VBN"


def _fragment(text: str) -> bool:
    """A line that is not a sentence: a crosshead or headline with no closing punctuation, or a link line."""
    stripped = text.strip()
    if stripped.lower().startswith(("read also", "read more", "see also", "related:")):
        return True
    return not _FRAGMENT_END.search(stripped) and len(stripped.split()) <= 12


def _separateness(predicate: SpacyToken, adverbs: frozenset[str]) -> bool:
    """Whether a word of separateness (``adverbs``) qualifies the verb's own clause: "met X and, *separately*,
    Y", "Britain and France *each* sent ..." ("each" floats next to the verb; "each other" is reciprocal)."""
    for token in predicate.subtree:
        if token.lower_ not in adverbs:
            continue
        if not _in_clause(token, predicate):  # in a clause of its own below the verb
            continue
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "each" and (token.head.i != predicate.i or following in ("other", "of")):
            continue
        return True
    return False


def _in_clause(token: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether ``token`` belongs to the clause of ``predicate``: below it, with no other clause's verb between."""
    if token.i == predicate.i:
        return True
    for ancestor in token.ancestors:
        if ancestor.i == predicate.i:
            return True
        if ancestor.pos_ in _VERB_POS and ancestor.dep_ in _CLAUSAL:
            return False
    return False


def _one_of_places(head: SpacyToken) -> bool:
    """Whether a place phrase is coordinated with another that repeats a preposition ("near the border *and in*
    Crimea", "in the Donbas and in Crimea"): the act is spread over several places."""
    if head.dep_ == "conj" and any(c.dep_ == "case" for c in head.children):
        return True
    return any(
        c.dep_ == "conj" and any(g.dep_ == "case" for g in c.children) for c in head.children
    )


def _repeated_preposition(predicate: SpacyToken) -> bool:
    """Whether a verb's oblique party is coordinated with another that repeats its preposition ("spoke *with*
    Gerasimov and *with* Khomchak"): two acts, not one with two parties."""
    for child in predicate.children:
        if child.dep_ not in _UD_OBLIQUE:
            continue
        case = next((c.lower_ for c in child.children if c.dep_ == "case"), None)
        if case is None:
            continue
        for conj in child.children:
            if conj.dep_ == "conj" and any(c.dep_ == "case" and c.lower_ == case for c in conj.children):
                return True
    return False


def _separate_act(verb: SpacyToken, main: SpacyToken) -> bool:
    """Whether ``verb``, coordinated with the main trigger's predicate ``main`` and sharing its subject, states an
    act of its own: both verbs take their own object ("expelled 10 diplomats, sanctioned 32 entities and *barred*
    banks from ..."); "attacked and shelled the town" (one object) and "met X and Y" (one verb) are one act."""
    if verb.i == main.i or main.pos_ not in _VERB_POS:
        return False
    joined = (verb.dep_ in _COORDINATED and verb.head.i == main.i) or (
        main.dep_ in _COORDINATED and (main.head.i == verb.i or (verb.dep_ in _COORDINATED and main.head.i == verb.head.i))
    )
    if not joined:
        return False
    return any(c.dep_ in _OBJECTS for c in verb.children) and any(c.dep_ in _OBJECTS for c in main.children)


def _predicate(trigger: SpacyToken) -> SpacyToken:
    """The verb whose clause states the event (the trigger itself when it is a verb)."""
    token = trigger
    if token.dep_ in ("aux", "aux:pass") and token.head.pos_ in _VERB_POS:
        return token.head  # "*would* not leave Ukraine": the verb the auxiliary helps
    if _misread_conjunct_verb(token):
        return token.head.head  # "expel 10 diplomats and *bar* ...": a verb of the list, which shares its clause
    for _ in range(4):
        if token.pos_ in _VERB_POS:
            return token
        if token.head != token and (
            token.dep_ in _NOUN_TO_VERB
            or (
                token.dep_ == "nmod"
                and (token.head.pos_ in ("NUM", "PRON") or token.head.lower_ in load_extract_rules().amount_heads)
            )
            or (token.lower_ in load_extract_rules().amount_heads and token.head.pos_ in _VERB_POS)
        ):
            token = token.head  # "launched missiles *in one of the heaviest strikes*": up through "one of"
        else:
            break
    return token if token.pos_ in _VERB_POS else trigger


def _misread_conjunct_verb(token: SpacyToken) -> bool:
    """Whether a word read as a noun joined by "and" to a verb's object is that verb's coordinated verb: it is
    directly followed by a determiner or a numeral opening its own object ("will expel 10 diplomats and *bar*
    eight officials"), which no noun is."""
    if token.pos_ != "NOUN" or token.dep_ != "conj" or token.i + 1 >= len(token.doc):
        return False
    head = token.head
    if head.dep_ not in _OBJECTS or head.head.pos_ not in _VERB_POS:
        return False
    if not any(c.dep_ == "cc" and c.lower_ == "and" and c.i == token.i - 1 for c in token.children):
        return False
    following = token.nbor(1)
    return following.pos_ in ("DET", "NUM") and following.dep_ in ("det", "nummod") and following.head.i > token.i


def _names_given(verb: SpacyToken, *, rules: CodingRules) -> list[SpacyToken]:
    """The names a verb of naming (data: ``naming_verbs``) gives its object: a common noun or adjective after the
    object ("called Putin *a war criminal*", "branded the vote *illegal*"; not "called Kuleba *to express* ...")."""
    if verb.lemma_.lower() not in rules.naming_verbs:
        return []
    objects = [c for c in verb.children if c.dep_ in _OBJECTS and c.i > verb.i]
    if not objects:
        return []
    return [
        c
        for c in verb.children
        if c.i > objects[0].i
        and c.pos_ in ("NOUN", "ADJ")
        and (c.dep_ in _OBJECTS | {"xcomp", "obl:npmod"} or c.dep_ in ("advmod", "amod"))
    ]


def _subject_children(token: SpacyToken) -> list[SpacyToken]:
    """The subjects of ``token``, less whitespace tokens: the parser often hangs the blank line before a
    paragraph on a verb as its ``nsubj``, which would hide the real subject or stand for one; when that is
    the only subject, the name hung on it stands for it ("\\n\\n" ← flat "Zelensky" thanked ...)."""
    out: list[SpacyToken] = []
    for child in token.children:
        if child.dep_ not in _SUBJECTS:
            continue
        if child.is_space:
            named = [c for c in child.children if not c.is_space and c.dep_ in _NAME_PARTS | {"appos"} and c.i < token.i]
            if named and not any(c.dep_ in _SUBJECTS and not c.is_space for c in token.children):
                out.append(named[-1])
            continue
        out.append(child)
    return out


def _subject(verb: SpacyToken) -> tuple[SpacyToken, bool] | None:
    token = verb
    for _ in range(5):
        subjects = _subject_children(token)
        if not subjects and token.i == verb.i:
            misread = _reported_object_subject(verb)
            if misread is not None:
                return misread, False  # "said *a Ukrainian strike* ... killed four people"
        if len(subjects) > 1:  # "Crimea, *which* Russia seized" read with two subjects: the pronoun is the object
            subjects = [c for c in subjects if c.lower_ not in _RELATIVE_PRONOUNS] or subjects
        for child in subjects:
            passive = child.dep_ in _PASSIVE_SUBJECTS
            if passive and token != verb and (
                token.pos_ == "ADJ" or any(c.dep_ in _OBJECTS for c in verb.children) or _demand_verb(verb)
            ):
                # "they were concerned ... and *called on* Moscow", "were arrested and *named* a lawyer": the
                # shared subject of a state, of a verb with an object of its own, or of a demand acts
                passive = any(c.dep_ in _PASSIVE_AUX for c in verb.children)
            if child.lower_ in _RELATIVE_PRONOUNS and token.dep_ in _RELATIVE and token.head != token:
                return token.head, passive  # "Erdogan, *who* welcomed both delegations"
            return child, passive
        if _detached_participle(token):
            token = token.head.head  # "expelled ten diplomats*, accusing* Moscow of ...": the expeller accuses
            continue
        if token.dep_ in _RELATIVE and token.head != token:
            return token.head, False
        if _joined_to_free_relative(token):
            # "condemned what it described as an escalation and *restated* support": the list's verb is joined to
            # the verb governing "what", not to the relative clause's own verb
            token = token.head.head.head
            continue
        if token.dep_ in _CLIMB and token.head != token:
            token = token.head
            continue
        break
    return None


def _demand_verb(verb: SpacyToken) -> bool:
    """Whether ``verb`` asks someone to act ("urged", "called on"; data: ``object_control_verbs``)."""
    verbs = load_extract_rules().object_control_verbs
    lemma = verb.lemma_.lower()
    after = [c for c in verb.children if c.i > verb.i]
    after += [p for c in after for p in c.children if p.dep_ == "case" and p.i > verb.i]  # "called *on* Moscow"
    return lemma in verbs or any(f"{lemma} {c.lower_}" in verbs for c in after)


_SENTENCE_ENDS = frozenset({".", "!", "?", "\"", "\u201d", "'", "\u2019", ":", ";"})


def _whole_sentence_root(token: SpacyToken) -> SpacyToken:
    """The root of the sentence ``token`` is in, across a break the parser made mid-sentence (a second root on a
    name after a comma: "spoke with his counterpart, Minister *Andrii* Taran, and pledged ..." starts no new
    sentence, so the list's verb shares the subject of "spoke")."""
    sent = token.sent
    for _ in range(3):
        before = sent.start - 1
        if before < 0 or sent.root.pos_ in _VERB_POS:
            break
        previous = token.doc[before]
        if previous.is_space or previous.text in _SENTENCE_ENDS:
            break
        sent = previous.sent
    return sent.root


def _clause_top(verb: SpacyToken) -> SpacyToken:
    """The first verb of the chain of coordinated or complement verbs ``verb`` belongs to ("called Putin and
    *proposed*": "called")."""
    token = verb
    for _ in range(5):
        if token.dep_ in ("conj", "xcomp") and token.head != token and token.head.pos_ in _VERB_POS:
            token = token.head
            continue
        break
    return token


def _misread_clause_verb(token: SpacyToken) -> bool:
    """Whether a verb with a subject of its own was read as a modifier of the noun after it ("said Russia had
    *massed* troops": "massed" an adjective of "troops", the object of "said"): it heads the clause the
    noun phrase stands for."""
    return (
        token.pos_ in _VERB_POS
        and token.dep_ in ("amod", "acl")
        and token.head.i > token.i
        and token.head.dep_ in _OBJECTS
        and any(c.i < token.i for c in _subject_children(token))
    )


def _joined_to_free_relative(token: SpacyToken) -> bool:
    """Whether a coordinated verb was attached to the verb of a free relative clause ("condemned *what it
    described* as ... and restated"), whose "what" hangs on a verb before it."""
    relative = token.head
    what = relative.head
    return (
        token.dep_ == "conj"
        and relative.dep_ in _RELATIVE
        and what.lower_ == "what"
        and what.head is not what
        and what.head.pos_ in _VERB_POS
        and what.head.i < what.i
    )


def _listed_verb(token: SpacyToken) -> bool:
    """Whether a verb read as an adverbial clause is really the next verb of a list sharing the subject
    ("blamed Russia for the hack*, expelled* ten diplomats and imposed sanctions"): a past-tense verb after a
    comma, with no subject and no conjunction of its own."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBD"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and not _subject_children(token)
        and not any(c.dep_ == "mark" for c in token.children)
    )


def _relative_pronoun_clause(verb: SpacyToken) -> bool:
    """Whether a verb heads a clause opened by a relative pronoun after a comma (", *which* Moscow annexed in
    2014"), whatever relation the parser gave it."""
    return any(
        c.lower_ in ("which", "who", "whom") and c.i < verb.i and c.i > 0 and verb.doc[c.i - 1].text == ","
        for c in verb.children
    )


def _detached_participle(token: SpacyToken) -> bool:
    """Whether a participle read as a clause of a verb's object is set off from it by a comma ("expelled ten
    Russian diplomats*, accusing* Moscow of meddling"): an adverbial clause of that verb, whose subject does it."""
    head = token.head
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and head.dep_ in _OBJECTS
        and head.head.pos_ in _VERB_POS
        and head.head != head
    )


def _object_controller(verb: SpacyToken, *, rules: ExtractRules) -> SpacyToken | None:
    """The object of the verb that governs a subjectless clause introduced by "of" or "for", or by "to" after a
    verb of object control (data: ``object_control_verbs``): "urged Putin *to de-escalate*", "accused NATO *of
    preparing* to deploy", "thanked the allies *for standing* with Kyiv" — who does the clause's act. None
    when a clause on the way up has its own subject or no such verb with an object governs it ("called
    Kuleba *to express* support": the caller's purpose)."""
    continued = _continued_act_object(verb, rules=rules)
    if continued is not None:
        return continued
    token = verb
    for _ in range(5):
        if _subject_children(token):
            return None
        head = token.head
        if token.dep_ not in _CLIMB or head == token:
            return None
        if token.dep_ == "conj" and token.tag_ in _FINITE_TAGS and head.tag_ in _NONFINITE_TAGS:
            return None  # "thanked Biden for signing it and *urged* partners": a finite verb joins the main clause
        markers = {c.lower_ for c in token.children if c.dep_ in ("mark", "aux", "case") and c.i < token.i}
        controlled = bool(markers & rules.control_markers) or (
            "to" in markers and head.lemma_.lower() in rules.object_control_verbs
        )
        if controlled and token.dep_ != "conj" and head.pos_ in _VERB_POS:
            objects = [c for c in head.children if c.dep_ in _OBJECTS and c.i < token.i]
            if objects:
                return objects[-1]
        token = head
    return None


def _own_addressee(verb: SpacyToken, *, rules: ExtractRules) -> bool:
    """Whether a verb of object control names its own addressee ("*urged allies* to send air defence"): a
    party that addressee does not name is no party of the act, and none is inherited for it."""
    return verb.lemma_.lower() in rules.object_control_verbs and any(c.dep_ in _OBJECTS for c in verb.children)


def _continued_act_object(verb: SpacyToken, *, rules: ExtractRules) -> SpacyToken | None:
    """"accused Russia of shelling the village, *wounding* two civilians": a bare participle hung on a verb whose
    object does the act of an "of"/"for" clause before it continues that act, so the object is its doer too."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head == verb:
        return None
    if _subject_children(verb) or any(c.dep_ == "mark" for c in verb.children):
        return None
    head = verb.head
    objects = [c for c in head.children if c.dep_ in _OBJECTS and c.i < verb.i]
    if not objects:
        return None
    obj = objects[-1]
    for clause in (*head.children, *obj.children):
        if clause.dep_ in ("advcl", "acl") and obj.i < clause.i < verb.i:
            markers = {c.lower_ for c in clause.children if c.dep_ in ("mark", "case") and c.i < clause.i}
            if markers & rules.control_markers:
                return obj
    return None


def _agent(verb: SpacyToken) -> SpacyToken | None:
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return child
        if child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "by" for c in child.children):
            return child
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _noun_agent(noun: SpacyToken) -> SpacyToken | None:
    """The "by" phrase of an event noun: its agent ("a renewed offensive *by Russia*", "the expulsion of ten
    diplomats *by Moscow*")."""
    for child in noun.children:
        if child.dep_ in _UD_OBLIQUE and child.i > noun.i and any(
            c.dep_ == "case" and c.lower_ == "by" and c.i < child.i for c in child.children
        ):
            return child
    return None


def _possessor_addressee(noun: SpacyToken) -> SpacyToken | None:
    """The object a possessive pronoun of an event noun stands for when the noun gives the reason for a verb's
    act on that object ("slammed *the United States* for its support", "thanked *Germany* for their help")."""
    if not any(c.dep_ in ("nmod:poss", "poss") and c.lower_ in ("its", "their") for c in noun.children):
        return None
    verb = noun.head
    if noun.dep_ not in _UD_OBLIQUE or verb.pos_ not in _VERB_POS or verb.i > noun.i:
        return None
    if not any(c.dep_ == "case" and c.lower_ == "for" for c in noun.children):
        return None
    return next((c for c in verb.children if c.dep_ in _OBJECTS and c.i < noun.i), None)


def _reporter_of(token: SpacyToken, trigger: SpacyToken, *, reporting: frozenset[str]) -> bool:
    """Whether ``token`` is the subject of a reporting verb (data: ``reporting_verbs``) whose report holds the
    trigger ("'... respecting the agreements,' *the Elysee Palace* said")."""
    verb = token.head
    return (
        token.dep_ in _SUBJECTS
        and verb.lemma_.lower() in reporting
        and verb.i != trigger.i
        and any(a.i == verb.i for a in trigger.ancestors)
    )


def _of_object(noun: SpacyToken) -> SpacyToken | None:
    """The "of" object of a noun ("the supply *of weapons*")."""
    return next((n for prep, n in _prep_objects(noun) if prep.lower_ == "of" and n.i > noun.i), None)


def _context_cut(lo: int, hi: int, doc: Doc, *, preps: frozenset[str]) -> SpacyToken | None:
    """The first word between token indices ``lo`` and ``hi`` (both excluded) that opens an event's context
    ("with Zelensky *amid* a Russian buildup", data: ``context_preps``): what follows it is another phrase."""
    return next(
        (t for t in doc[lo + 1 : hi] if t.lower_ in preps and t.pos_ in ("ADP", "SCONJ")),
        None,
    )


def _reported_object_subject(verb: SpacyToken) -> SpacyToken | None:
    """The subject of a finite verb the parser left with none, having read it as the object of the reporting verb
    before it ("officials said *a drone raid on the depot* wounded two guards"): an object of a reporting
    verb (data: ``reporting_verbs``; not "tell", whose object is the hearer) ending right before the verb."""
    if verb.pos_ != "VERB" or verb.tag_ not in _FINITE_TAGS or verb.i == 0:
        return None
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    reporting = load_extract_rules().reporting_verbs - {"tell"}
    before = verb.doc[verb.i - 1]
    for node in (before, *before.ancestors):
        if node.i >= verb.i:
            return None
        if node.dep_ in _OBJECTS:
            head = node.head
            if head.pos_ == "VERB" and head.i < node.i and head.lemma_.lower() in reporting:
                return node if node.right_edge.i == verb.i - 1 and node.pos_ in ("NOUN", "PROPN") else None
            return None
    return None


def _prep_objects(owner: SpacyToken) -> list[tuple[SpacyToken, SpacyToken]]:
    """(preposition, its noun) pairs attached to ``owner``: ``prep`` → ``pobj`` (ClearNLP) or ``obl``/``nmod`` with ``case`` (UD)."""
    out: list[tuple[SpacyToken, SpacyToken]] = []
    for child in owner.children:
        if child.dep_ == "prep":
            out.extend((child, grand) for grand in child.children if grand.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in _UD_OBLIQUE:
            out.extend((case, child) for case in child.children if case.dep_ == "case" and case.i < child.i)
    return out


def _proper_name(token: SpacyToken) -> str:
    """The proper name a name token heads: it and its adjacent ``flat``/``compound`` name parts ("Vladimir Putin")."""
    parts = [token] + [c for c in token.children if c.dep_ in _NAME_PARTS and c.pos_ == "PROPN"]
    parts.sort(key=lambda t: t.i)
    if parts[-1].i - parts[0].i + 1 != len(parts):
        return token.text
    return " ".join(t.text for t in parts)


def _conjuncts(head: SpacyToken) -> list[SpacyToken]:
    out = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "conj" and child not in out:
                out.append(child)
                stack.append(child)
    return out


def _reciprocal_roles(actors: list[EventActor]) -> tuple[list[EventActor], list[EventActor]]:
    """A meeting of two states' parties told reciprocally ("Lavrov and Kuleba met", "the two presidents spoke"):
    the first named state's party acts, the other's receives (one record); anything else is returned as is."""
    countries = list(dict.fromkeys(a.country for a in actors))
    if len(countries) != 2 or None in countries:
        return actors, []
    return [a for a in actors if a.country == countries[0]], [a for a in actors if a.country == countries[1]]


def _not_actors(
    recipients: list[EventActor], actors: list[EventActor], *, state: frozenset[str | None] = frozenset()
) -> list[EventActor]:
    """Recipients less those that are an actor again (same name, or same country and sector); with ``state``
    (sectors of a state's own apparatus), also a recipient of the actor's country when both are of those
    sectors ("Austin" and "the Pentagon", "Stoltenberg" and "the alliance": one side)."""
    taken = {(a.country, a.sector) for a in actors} | {(a.name, None) for a in actors}
    own = {a.country for a in actors if a.sector in state and a.country is not None}
    return [
        r
        for r in recipients
        if (r.country, r.sector) not in taken
        and (r.name, None) not in taken
        and not (r.country in own and r.sector in state)
    ]


def _dedupe(actors: list[EventActor]) -> list[EventActor]:
    seen: set[tuple[str, str | None]] = set()
    out: list[EventActor] = []
    for actor in actors:
        key = (actor.name, actor.country)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def _governs(token: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether ``token`` hangs on ``predicate`` (is it or lies below it)."""
    return token.i == predicate.i or any(a.i == predicate.i for a in token.ancestors)


def _reported_past_perfect(predicate: SpacyToken) -> bool:
    """Whether the event's verb heads a reported clause in the past perfect ("confirmed that Washington *had
    sent* ...", "said the talks had been cancelled"): told as done before the report."""
    if predicate.pos_ not in _VERB_POS:
        return False
    reported = predicate.dep_ == "ccomp" and predicate.head.pos_ in _VERB_POS
    # "confirmed on Wednesday that Washington had sent ...", misread as an adverbial clause of "confirmed"
    reported = reported or (
        predicate.dep_ == "advcl"
        and predicate.head.pos_ in _VERB_POS
        and any(t.lower_ == "that" for t in predicate.subtree if t.i < predicate.i)
    )
    # "confirmed on Wednesday that Washington had sent ...", misread as a relative clause of "Wednesday"
    misread = predicate.dep_ in _RELATIVE and any(c.dep_ == "mark" for c in predicate.children)
    if not (reported or misread):
        return False
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "auxpass") and c.i < predicate.i]
    return predicate.tag_ == "VBN" and any(a.lower_ == "had" for a in auxes)


def _coarser(value: str, precision: str | None) -> str:
    """A day or week date as its month ("2024-04-24" -> "2024-04"); a month or year as it is."""
    if precision == "week":
        year, week = value[:4], value.split("W")[-1]
        return dt.date.fromisocalendar(int(year), int(week[:2]), 4).isoformat()[:7]
    return value[:7]


def _governing_timex(timexes: list[Timex], predicate: SpacyToken, coder: _ArticleCoder, *, strict: bool = False) -> Timex | None:
    """The date expression attached to the event's clause; else the nearest point (``strict``: only a
    nearby day or week; a year or season elsewhere in the sentence dates something else: "not seen since 2014")."""
    lo, hi = predicate.left_edge.idx, predicate.right_edge.idx + len(predicate.right_edge)
    for timex in timexes:
        token = coder.token_at(timex.start)
        governed = token.head.i == predicate.i or any(a.i == predicate.i for a in token.ancestors)
        if governed and lo <= timex.start < hi:
            return timex
    points = [t for t in timexes if t.relation == "point"] or timexes
    if strict:
        points = [t for t in points if t.precision in _FINE_PRECISIONS]
        if not points:
            return None
    return min(points, key=lambda t: abs(t.start - predicate.idx))


def _present_state(predicate: SpacyToken) -> bool:
    """Whether a clause tells a state at the time of writing: present tense or present perfect ("are deployed",
    "has massed", "says"), or governed by a present-tense verb of saying."""
    for token in (predicate, predicate.head) if predicate.dep_ in ("ccomp", "xcomp") else (predicate,):
        tenses = set(token.morph.get("Tense", []))
        auxes = [c for c in token.children if c.dep_ in ("aux", "aux:pass", "auxpass", "cop")]
        aux_tenses = {t for a in auxes for t in a.morph.get("Tense", [])}
        if auxes:
            if "Past" in aux_tenses or any(a.lower_ in ("will", "would", "could", "may", "might") for a in auxes):
                return False
            if "Pres" in aux_tenses:
                return True
        if "Pres" in tenses and token.tag_ != "VBG":
            return True
        if "Past" in tenses:
            return False
    return False


def _iso_week(day: str) -> str:
    year, week, _ = dt.date.fromisoformat(day[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def _days_between(earlier: str, later: str) -> int:
    try:
        return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return -1


def code_events(
    doc: Doc,
    reading: Reading,
    *,
    article: Article,
    kb: KnowledgeBase,
    classifier: EventClassifier | None = None,
    multi_event: bool = True,
    merge_restatements: bool = True,
    accurate: bool = False,
) -> list[Event]:
    """The events stated in one read article (``doc`` is the parse of ``article.text``).

    ``multi_event`` adds events for further trigger verbs of a sentence besides the classifier's.
    ``accurate`` (when no ``classifier`` is given) codes with the MiniLM dense head mixed in: slower,
    it embeds every sentence (:mod:`sitrep.events.dense`).
    """
    clf = classifier or load_classifier(accurate=accurate)
    coder = _ArticleCoder(doc, reading, article=article, kb=kb, classifier=clf)
    coder.multi_event = multi_event
    sentences = split_sentences(article.text)
    texts = (article.text[s.start : s.end] for s in sentences)
    clf.prepare([text for text in texts if not _fragment(text)])  # one batch of embeddings (accurate model)
    events: list[Event] = []
    for sentence in sentences:
        events.extend(coder.code_sentence(sentence))
    return drop_restatements(events, separate=frozenset(coder.separate_starts)) if merge_restatements else events


def restatement_key(event: Event) -> tuple[object, ...]:
    """One event per sentence, type and parties: two triggers of a sentence telling the same act by the same parties are one event."""
    return (
        event.sentence_start,
        event.type,
        frozenset(a.country for a in event.actor),
        frozenset(r.country for r in event.recipient),
    )


def drop_restatements(events: list[Event], *, separate: frozenset[int] = frozenset()) -> list[Event]:
    """The events less those that repeat an earlier one (same :func:`restatement_key`); an event whose trigger
    starts at an offset in ``separate`` states an act of its own ("expelled 10 diplomats and *barred* 8
    officials") and is kept."""
    kept: dict[tuple[object, ...], int] = {}
    out: list[Event] = []
    for event in events:
        key = restatement_key(event)
        if key in kept and event.start not in separate:
            first = out[kept[key]]
            if any(k not in first.quantities for k in event.quantities):  # the figures either trigger's clause states
                out[kept[key]] = replace(first, quantities={**event.quantities, **first.quantities})
            continue
        kept[key] = len(out)
        out.append(event)
    return out
