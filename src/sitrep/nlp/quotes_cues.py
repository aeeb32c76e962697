"""The vocabulary of reported speech, read from ``sitrep/data/quote_cues.json``.

The data file says which word forms can head a cue ("said", "told", "was
quoted as saying"), which of them take a hearer before the content ("told
reporters that"), the phrases that extend a cue ("in a statement", "on
Twitter"), and the closed word classes the surface patterns need. Everything is
matched lowercased.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["QuoteCues", "load_cues"]


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw[key])


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """The cue vocabulary; build it with :func:`load_cues`."""

    version: int
    verb_lemma: dict[str, str]
    addressee_verbs: frozenset[str]
    that_only: frozenset[str]
    source_verbs: frozenset[str]
    as_saying: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    document_verbs: frozenset[str]
    extensions: tuple[tuple[str, ...], ...]
    time_words: frozenset[str]
    time_phrase_starts: frozenset[str]
    auxiliaries: frozenset[str]
    be_forms: frozenset[str]
    negations: frozenset[str]
    participle_cuts: frozenset[str]
    participle_keep: frozenset[str]
    abbreviations: frozenset[str]
    clause_starters_excluded: frozenset[str]
    np_boundaries: frozenset[str]
    np_prepositions: frozenset[str]
    speaker_nouns: frozenset[str]
    intro_starters: frozenset[str]
    pronouns: dict[str, str]
    relatives: frozenset[str]
    quote_marks: dict[str, str]
    scare_quote_max_words: int
    max_np_tokens: int
    max_that_distance: int
    coordinators: frozenset[str] = frozenset()
    duration_units: frozenset[str] = frozenset()
    directive_verbs: tuple[tuple[str, ...], ...] = ()
    content_adverbs: frozenset[str] = frozenset()

    def is_speaker_noun(self, word: str) -> bool:
        """Whether ``word`` names a kind of speaker ("officials", "spokesperson"), singular or plural."""
        w = word.lower()
        return w in self.speaker_nouns or (w.endswith("s") and w[:-1] in self.speaker_nouns)

    def lemma(self, word: str) -> str | None:
        """The cue lemma of ``word`` ("told" -> "tell"), or ``None`` when it is no cue verb."""
        return self.verb_lemma.get(word.lower())

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> QuoteCues:
        verb_lemma = {str(form).lower(): str(lemma) for lemma, forms in raw["verbs"].items() for form in forms}
        return cls(
            version=int(raw["version"]),
            verb_lemma=verb_lemma,
            addressee_verbs=_words(raw, "addressee_verbs"),
            that_only=_words(raw, "that_only"),
            source_verbs=_words(raw, "source_verbs"),
            as_saying=_words(raw, "as_saying"),
            according=tuple(tuple(w.lower() for w in seq) for seq in raw["according"]),
            document_verbs=_words(raw, "document_verbs"),
            extensions=tuple(tuple(p.lower().split()) for p in raw["cue_extensions"]),
            time_words=_words(raw, "time_words"),
            time_phrase_starts=_words(raw, "time_phrase_starts"),
            auxiliaries=_words(raw, "auxiliaries"),
            be_forms=_words(raw, "be_forms"),
            negations=_words(raw, "negations"),
            participle_cuts=_words(raw, "participle_cuts"),
            participle_keep=_words(raw, "participle_keep"),
            abbreviations=_words(raw, "abbreviations"),
            clause_starters_excluded=_words(raw, "clause_starters_excluded"),
            np_boundaries=_words(raw, "np_boundaries"),
            np_prepositions=_words(raw, "np_prepositions"),
            speaker_nouns=_words(raw, "speaker_nouns"),
            intro_starters=_words(raw, "intro_starters"),
            pronouns={str(k).lower(): str(v) for k, v in raw["pronouns"].items()},
            relatives=_words(raw, "relatives"),
            quote_marks={str(k): str(v) for k, v in raw["quote_marks"].items()},
            scare_quote_max_words=int(raw["scare_quote_max_words"]),
            max_np_tokens=int(raw["max_np_tokens"]),
            max_that_distance=int(raw["max_that_distance"]),
            coordinators=_words(raw, "coordinators") if "coordinators" in raw else frozenset(),
            duration_units=_words(raw, "duration_units") if "duration_units" in raw else frozenset(),
            directive_verbs=tuple(tuple(w.lower() for w in seq) for seq in raw.get("directive_verbs", ())),
            content_adverbs=_words(raw, "content_adverbs") if "content_adverbs" in raw else frozenset(),
        )


@lru_cache(maxsize=1)
def load_cues() -> QuoteCues:
    """The packaged cue vocabulary (read once)."""
    text = (resources.files("sitrep") / "data" / "quote_cues.json").read_text(encoding="utf-8")
    return QuoteCues.from_dict(json.loads(text))
