"""Sparse string features of one sentence for the linear event-type model.

Stems (``w:``) and stem bigrams (``b:``), trigger-lexicon hits per type (``t:``), the type of the first
trigger (``t1:``), of the first trigger that is not the complement of another (``main:``; a trigger
right after "to", "of", "for", ... is a complement, ``comp:``: "agreed to *cooperate*"), the pair
of a main trigger and a later complement (``gov:AGREE>COOPERATE``), and cues
about each trigger's clause: preceded by "to" (``to:``), by a negation (``ng:``) or by a
future/hypothetical marker (``md:``), or by a determiner that refers back to an event already told
(``dt:``: "the call", "their talks").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from sitrep.events.lexicon import TriggerHit, TriggerLexicon
from sitrep.events.status import StatusRules
from sitrep.events.text import Token

__all__ = ["featurize", "hit_features", "main_hit", "sentence_features"]


def main_hit(hits: list[TriggerHit], words: list[str], *, complement_markers: frozenset[str]) -> TriggerHit | None:
    """The first trigger that names an act and is not introduced by a complement marker, if any."""
    for hit in sorted(hits, key=_first):
        if not hit.participant and (hit.first == 0 or words[hit.first - 1] not in complement_markers):
            return hit
    return None


def sentence_features(
    tokens: Sequence[Token],
    hits: list[TriggerHit],
    *,
    status_rules: StatusRules,
    complement_markers: frozenset[str],
    anaphoric: frozenset[str] = frozenset(),
) -> list[str]:
    """The feature names of a tokenized sentence with its trigger hits (duplicates removed)."""
    stems = [token.stem for token in tokens]
    features = {"w:" + s for s in stems}
    features.update(f"b:{a}_{b}" for a, b in pairwise(stems))
    features.update(
        hit_features(tokens, hits, status_rules=status_rules, complement_markers=complement_markers, anaphoric=anaphoric)
    )
    return sorted(features)


def hit_features(
    tokens: Sequence[Token],
    hits: list[TriggerHit],
    *,
    status_rules: StatusRules,
    complement_markers: frozenset[str],
    anaphoric: frozenset[str] = frozenset(),
) -> set[str]:
    """The features of :func:`sentence_features` other than the stems (``w:``) and stem bigrams (``b:``): those of
    the trigger hits, or ``nohit``."""
    if not hits:
        return {"nohit"}
    features: set[str] = set()
    words = [token.lower for token in tokens]
    first = min(hits, key=_first)
    features.add("t1:" + first.type)
    main = main_hit(hits, words, complement_markers=complement_markers)
    features.add("main:" + (main.type if main else "none"))
    # the sentence-wide status markers ("reportedly") are looked for once, not once per trigger, and the markers
    # before a trigger only when some word of the sentence begins one
    negated_anywhere = status_rules.anywhere("negated", words)
    modal_anywhere = status_rules.anywhere("future", words) or status_rules.anywhere("hypothetical", words)
    negated_near = not negated_anywhere and status_rules.may_be_near("negated", words)
    future_near = not modal_anywhere and status_rules.may_be_near("future", words)
    hypothetical_near = not modal_anywhere and status_rules.may_be_near("hypothetical", words)
    for hit in hits:
        name = hit.type
        features.add("t:" + name)
        if hit.first > 0:
            before = words[hit.first - 1]
            if before in complement_markers:
                features.add("comp:" + name)
                if main is not None and main.first < hit.first:
                    features.add(f"gov:{main.type}>{name}")
            if before == "to":
                features.add("to:" + name)
            if before in anaphoric:
                features.add("dt:" + name)
        if negated_anywhere or (negated_near and status_rules.near("negated", words, hit.first)):
            features.add("ng:" + name)
        if (
            modal_anywhere
            or (future_near and status_rules.near("future", words, hit.first))
            or (hypothetical_near and status_rules.near("hypothetical", words, hit.first))
        ):
            features.add("md:" + name)
    return features


def _first(hit: TriggerHit) -> int:
    return hit.first


def featurize(
    tokens: list[Token], *, lexicon: TriggerLexicon, status_rules: StatusRules
) -> tuple[list[str], list[TriggerHit]]:
    """Features of a tokenized sentence and the trigger hits they were computed from."""
    hits = lexicon.type_hits(tokens)
    features = sentence_features(
        tokens,
        hits,
        status_rules=status_rules,
        complement_markers=lexicon.complement_markers,
        anaphoric=lexicon.anaphoric,
    )
    return features, hits
