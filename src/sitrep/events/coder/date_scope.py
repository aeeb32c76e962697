"""Where a date expression's reach ends, read on the parse: the clause an event's verb heads, a clause or comma
aside beside it, whether the verb tells its act in the past, a past perfect reported or a present state, and
whether a date lies after publication (helpers of :mod:`sitrep.events.coder.dating`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import RELATIVE, SUBJECTS, VERB_POS
from sitrep.events.memo import Memo

if TYPE_CHECKING:
    from spacy.tokens import MorphAnalysis
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Timex

__all__ = [
    "BESIDE",
    "dates_other_clause",
    "just_before",
    "own_clause",
    "participle_aside",
    "present_state",
    "reported_past_perfect",
    "starts_after",
    "tenses",
    "that_clause",
    "told_past",
]

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
        return any("Past" in tenses(a) and a.tag_ == "VBD" for a in auxes)
    # ("troops *deployed* close to the border", "now has 80,000 troops *deployed*", read as past verbs: a modifier or
    # an object's predicate, no clause of its own)
    subject = any(c.dep_ in SUBJECTS for c in predicate.children)
    if predicate.dep_ == "xcomp" or (predicate.dep_ in BESIDE and not subject):
        return False
    # ("Blinken also *called* Pashinyan", tagged as a participle: a finite verb with its subject and no auxiliary)
    return predicate.tag_ == "VBD" or (predicate.tag_ == "VBN" and subject and predicate.dep_ in ("ROOT", "conj"))


def participle_aside(first: SpacyToken, last: SpacyToken, trigger: SpacyToken, *, words: list[SpacyToken]) -> bool:
    """Whether tokens ``first``..``last`` stand in a participle phrase set off by commas that does not hold the
    trigger ("accused Moscow of shelling the town and noted that the peninsula*, seized by Russia in 2014,* is
    still Ukrainian"): the phrase tells its own, earlier act (found on the words, as the parse often breaks there)."""
    doc = words  # the doc's tokens, built once (``doc[i]`` builds a new Token each time)
    sent = first.sent  # a Span rebuilt from the sentence boundaries on every access: take it once
    start, end = sent.start, sent.end
    commas = _commas(words)
    # the words from just after the last comma before ``first`` (else the sentence's start) to just before the first
    # comma after ``last`` (else the sentence's end)
    k = bisect_left(commas, first.i)
    lo = max(start, commas[k - 1] + 1) if k else start
    k = bisect_right(commas, last.i)
    hi = min(end - 1, commas[k] - 1) if k < len(commas) else end - 1
    hi = max(hi, last.i)
    if lo == start or hi + 1 >= end or lo <= trigger.i <= hi:
        return False
    opener = next((t for t in doc[lo : hi + 1] if t.pos_ != "ADV"), None)
    # (a main verb the tagger read as a participle opens no aside: "Khomchak, ..., *told* parliament on Tuesday, March 30, that")
    return (
        opener is not None
        and opener.tag_ == "VBN"
        and opener.dep_ != "ROOT"
        and not any(c.dep_ in SUBJECTS for c in opener.children)
    )


# per list of a doc's tokens (kept alive by its entry, so its id is not reused while the entry stands): the
# positions of its commas
_COMMAS: Memo[int, tuple[list[SpacyToken], list[int]]] = Memo(size=16)


def _commas(words: list[SpacyToken]) -> list[int]:
    found = _COMMAS.get(id(words))
    if found is None or found[0] is not words:
        found = _COMMAS.put(id(words), (words, [t.i for t in words if t.text == ","]))
    return found[1]


def reported_past_perfect(predicate: SpacyToken) -> bool:
    """Whether the event's verb heads a reported clause in the past perfect ("confirmed that Washington *had
    sent* ...", "said the talks had been cancelled"): told as done before the report."""
    if predicate.pos_ not in VERB_POS:
        return False
    reported = predicate.dep_ == "ccomp" and predicate.head.pos_ in VERB_POS
    # "confirmed on Wednesday that Washington had sent ...", misread as an adverbial clause of "confirmed"
    reported = reported or (
        predicate.dep_ == "advcl"
        and predicate.head.pos_ in VERB_POS
        and any(t.lower_ == "that" for t in predicate.subtree if t.i < predicate.i)
    )
    # "confirmed on Wednesday that Washington had sent ...", misread as a relative clause of "Wednesday"
    misread = predicate.dep_ in RELATIVE and any(c.dep_ == "mark" for c in predicate.children)
    if not (reported or misread):
        return False
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "aux:pass", "auxpass") and c.i < predicate.i]
    return predicate.tag_ == "VBN" and any(a.lower_ == "had" for a in auxes)


def dates_other_clause(timex: Timex, predicate: SpacyToken, ctx: ArticleContext) -> bool:
    """Whether a date expression dates a clause beside the event's rather than the event or the statement
    reporting it: its verb is reached from the event's verb only through an adverbial, participle or relative
    clause ("Biden phoned Putin *on April 13*, while Kyiv estimated that troops had gathered", "made his call *on
    Friday*, as Ukraine sounded the alarm over units gathering"), or not at all; a reporting verb's date ("told
    lawmakers *on Tuesday* that Russia had assembled ...") and a date below the event's verb are its own."""
    token = ctx.token_at(timex.start)
    verb = next((a for a in (token, *token.ancestors) if a.pos_ in VERB_POS), None)
    if verb is None or verb.i == predicate.i or any(a.i == predicate.i for a in token.ancestors):
        return False
    if verb.lemma_.lower() in ctx.rules.reporting_verbs:
        return False  # "..., the Pentagon *said on Thursday*": the statement's date
    above = {a.i for a in predicate.ancestors}
    if verb.dep_ in BESIDE and verb.head.dep_ in SUBJECTS and verb.head.head.i in above:
        return False  # "the declaration *adopted on Tuesday* said ...": the statement's date
    link = predicate
    while link.i != verb.i:
        if link.dep_ in BESIDE and not any(c.dep_ == "mark" and c.lower_ == "that" for c in link.children):
            return True  # (a "that" clause misread as a relative or adverbial one completes its verb)
        if link.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ != "that" for c in link.children):
            return True  # "..., *while* Kyiv estimated that ...": an adverbial clause the parse read as a conjunct
        if link.head.i == link.i:
            return True  # the date's verb is no ancestor of the event's: another branch of the sentence
        link = link.head
    return False


def present_state(predicate: SpacyToken) -> bool:
    """Whether a clause tells a state at the time of writing: present tense or present perfect ("are deployed",
    "has massed", "says"), or governed by a present-tense verb of saying."""
    for token in (predicate, predicate.head) if predicate.dep_ in ("ccomp", "xcomp") else (predicate,):
        own = set(tenses(token))
        auxes = [c for c in token.children if c.dep_ in ("aux", "aux:pass", "auxpass", "cop")]
        aux_tenses = {t for a in auxes for t in tenses(a)}
        if auxes:
            if "Past" in aux_tenses or any(a.lower_ in ("will", "would", "could", "may", "might") for a in auxes):
                return False
            if "Pres" in aux_tenses:
                return True
        if "Pres" in own and token.tag_ != "VBG":
            return True
        if "Past" in own:
            return False
    return False


_TENSES: dict[MorphAnalysis, tuple[str, ...]] = {}  # per morphological analysis (equal when their keys are), its "Tense"


def tenses(token: SpacyToken) -> tuple[str, ...]:
    """A token's "Tense" values (``token.morph.get("Tense")``, looked up once per analysis)."""
    morph = token.morph
    found = _TENSES.get(morph)
    if found is None:
        found = _TENSES[morph] = tuple(morph.get("Tense", []))
    return found
