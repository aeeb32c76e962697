"""Auxiliary status of an event mention: negated, future, hypothetical, reported as a claim.

Rules over word lists in ``data/event_status.json``: a marker counts when it stands in a short
window of tokens just before the event's trigger word ("will **not** leave", "**may try** to go for
an incursion", "**accused** Moscow of conducting a buildup"), or anywhere in the sentence for the
few markers listed as ``anywhere`` ("allegedly"). Events with any flag set are kept and marked,
never coded as accomplished facts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sitrep.events.text import Token, tokenize

__all__ = ["EventStatus", "StatusRules", "detect_status", "load_status_rules", "sentence_status"]

FLAGS = ("negated", "future", "hypothetical", "claim")


@dataclass(slots=True, frozen=True)
class EventStatus:
    """PLOVER auxiliary modes of one event mention; all False means a plain, accomplished event."""

    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    claim: bool = False

    @property
    def factual(self) -> bool:
        return not (self.negated or self.future or self.hypothetical or self.claim)

    def to_dict(self) -> dict[str, bool]:
        return asdict(self)


# the 16 statuses, made once (a status is immutable)
_STATUSES: dict[tuple[bool, bool, bool, bool], EventStatus] = {
    (a, b, c, d): EventStatus(a, b, c, d) for a in (False, True) for b in (False, True) for c in (False, True) for d in (False, True)
}

Phrases = dict[str, tuple[tuple[str, ...], ...]]


@dataclass(slots=True, frozen=True)
class _Markers:
    window: int
    words: frozenset[str]
    phrases: Phrases
    anywhere: Phrases


def _index(phrases: list[str]) -> Phrases:
    """Phrases keyed by their first word, for one dictionary look-up per token."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return {first: tuple(group) for first, group in index.items()}


class StatusRules:
    """The compiled word lists; build with :func:`load_status_rules`."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw["version"]
        self._markers: dict[str, _Markers] = {}
        for flag in FLAGS:
            block = raw[flag]
            words = set(block.get("words", ())) | set(block.get("contractions", ()))
            self._markers[flag] = _Markers(
                window=int(raw["windows"][flag]),
                words=frozenset(words),
                phrases=_index(block.get("phrases", [])),
                anywhere=_index(block.get("anywhere", [])),
            )
        # per flag, the words a marker before a trigger begins with (its single words and its phrases' first words)
        self._openers: dict[str, frozenset[str]] = {
            flag: markers.words | markers.phrases.keys() for flag, markers in self._markers.items()
        }

    def words(self, flag: str) -> frozenset[str]:
        """The single marker words of ``flag`` (looked for just before a trigger)."""
        return self._markers[flag].words

    def anywhere(self, flag: str, words: list[str]) -> bool:
        """Whether a sentence-wide marker of ``flag`` ("reportedly") is among ``words`` (lower-cased)."""
        index = self._markers[flag].anywhere
        return bool(index) and self._has_phrase(words, index)

    @staticmethod
    def _has_phrase(words: list[str], index: Phrases) -> bool:
        if index.keys().isdisjoint(words):
            return False  # no phrase's first word is there (most sentences): one set operation
        for i, word in enumerate(words):
            for phrase in index.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return True
        return False

    def flag(self, flag: str, words: list[str], trigger: int) -> bool:
        """Whether marker ``flag`` applies to the trigger at token ``trigger`` of ``words`` (lower-cased)."""
        return self.near(flag, words, trigger) or self.anywhere(flag, words)

    def may_be_near(self, flag: str, words: list[str]) -> bool:
        """False when no trigger of the sentence ``words`` can have a marker of ``flag`` before it (:meth:`near` is
        False for each): no word of the sentence begins such a marker."""
        return not self._openers[flag].isdisjoint(words)

    def near(self, flag: str, words: list[str], trigger: int) -> bool:
        """Whether a marker of ``flag`` stands in the window just before token ``trigger`` (not counting the
        sentence-wide markers: :meth:`flag` is ``near`` or :meth:`anywhere`)."""
        markers = self._markers[flag]
        before = words[max(0, trigger - markers.window) : trigger]
        return not markers.words.isdisjoint(before) or self._has_phrase(before, markers.phrases)


@lru_cache(maxsize=1)
def load_status_rules() -> StatusRules:
    raw = json.loads((files("sitrep") / "data" / "event_status.json").read_text(encoding="utf-8"))
    return StatusRules(raw)


def detect_status(tokens: Sequence[Token], trigger: int, *, rules: StatusRules | None = None) -> EventStatus:
    """Status of the event whose trigger is token ``trigger`` of the sentence ``tokens``."""
    rules = rules or load_status_rules()
    words = [token.lower for token in tokens]
    if "may" in words:
        words = ["<month>" if _month_may(tokens, i) else word for i, word in enumerate(words)]
    return _STATUSES[
        rules.flag("negated", words, trigger),
        rules.flag("future", words, trigger),
        rules.flag("hypothetical", words, trigger),
        rules.flag("claim", words, trigger),
    ]


def _month_may(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is "May" the month ("KYIV, May 4", "on May 4", "May 4 saw"), not the modal "may"."""
    token = tokens[i]
    if not token.capital or token.lower != "may":
        return False
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return i > 0 or following[:1].isdigit()


def sentence_status(sentence: str, *, trigger_start: int) -> EventStatus:
    """Status of the event whose trigger word begins at character ``trigger_start`` of ``sentence``."""
    tokens = tokenize(sentence)
    index = next((i for i, token in enumerate(tokens) if token.end > trigger_start), len(tokens))
    return detect_status(tokens, index)
