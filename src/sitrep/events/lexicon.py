"""Trigger words and phrases for PLOVER types and modes (``data/event_triggers.json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sitrep.events.memo import Memo
from sitrep.events.text import Token, is_headline, stem

__all__ = ["TriggerHit", "TriggerLexicon", "load_lexicon"]


@dataclass(slots=True, frozen=True)
class TriggerHit:
    """A trigger phrase found at tokens ``[first, last)`` of a sentence; ``mode`` is None for type triggers.

    ``participant`` marks one-word triggers that name a participant (troops, protesters) rather than an act.
    """

    type: str
    mode: str | None
    first: int
    last: int
    participant: bool = False


Phrase = tuple[str, ...]
_MADE = 1 << 14  # trigger hits kept for reuse (emptied when full)


class TriggerLexicon:
    """Phrase matcher over stems; build it with :func:`load_lexicon`."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw["version"]
        self.irregular: dict[str, str] = dict(raw["irregular"])
        self.complement_markers: frozenset[str] = frozenset(raw["complement_markers"])
        self.governing_types: frozenset[str] = frozenset(raw["governing_types"])
        self.anaphoric: frozenset[str] = frozenset(raw.get("anaphoric_determiners", ()))
        # lemmas of verbs telling an act's toll or damage ("killing seven and wounding 22"): never a separate act
        self.consequence_verbs: frozenset[str] = frozenset(raw.get("consequence_verbs", ()))
        # words telling that a verb's parties were dealt with one by one ("held *calls* with X and Y", "each")
        self.separate_act_nouns: frozenset[str] = frozenset(raw.get("separate_act_nouns", ()))
        self.separate_act_adverbs: frozenset[str] = frozenset(raw.get("separate_act_adverbs", ()))
        self.participants: frozenset[Phrase] = frozenset(self._phrase(p) for p in raw["participant_words"])
        self._blocked: dict[str, list[list[str]]] = {}  # each phrase as a list: compared with a slice of the stems
        for text in raw.get("non_triggers", ()):
            key = self._phrase(text)
            self._blocked.setdefault(key[0], []).append(list(key))
        self._modes: dict[str, tuple[str, ...]] = {}
        self._type_index: dict[str, list[tuple[Phrase, str]]] = {}
        self._mode_index: dict[str, dict[str, list[tuple[Phrase, int, str]]]] = {}
        for name, block in raw["types"].items():
            self._modes[name] = tuple(block["modes"])
            for phrase in block["triggers"]:
                key = self._phrase(phrase)
                self._type_index.setdefault(key[0], []).append((key, name))
            index: dict[str, list[tuple[Phrase, int, str]]] = {}
            for rank, (mode, phrases) in enumerate(block["modes"].items()):
                for text in phrases:
                    key = self._phrase(text)
                    index.setdefault(key[0], []).append((key, rank, mode))
            self._mode_index[name] = index
        for entries in self._type_index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        # per first stem, each phrase as (its stems after the first, its length, type, names a participant)
        self._type_entries: dict[str, list[tuple[list[str], int, str, bool]]] = {
            key: [(list(phrase[1:]), len(phrase), name, phrase in self.participants) for phrase, name in entries]
            for key, entries in self._type_index.items()
        }
        self._hits: Memo[tuple[Token, ...], tuple[TriggerHit, ...]] = Memo(size=4096)
        self._made: Memo[tuple[str, int, int, bool], TriggerHit] = Memo(size=_MADE)

    def _phrase(self, text: str) -> Phrase:
        return tuple(stem(word, irregular=self.irregular) for word in text.lower().split())

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self._modes)

    def modes(self, name: str) -> tuple[str, ...]:
        """The modes the lexicon knows for ``name`` (in priority order)."""
        return self._modes.get(name, ())

    def type_hits(self, tokens: Sequence[Token]) -> list[TriggerHit]:
        """Every type trigger in the sentence (longest phrase per start token and type).

        A capitalised word inside a sentence is part of a name ("the Security Council", "Aid
        Watch") and triggers nothing, except in Title Case headlines; nor does a word of a
        ``non_triggers`` phrase ("according to", "press secretary", "a great deal").
        """
        key = tuple(tokens)
        found = self._hits.get(key)
        if found is None:
            found = self._hits.put(key, self.find_hits(key))
        return list(found)

    def find_hits(self, tokens: Sequence[Token]) -> tuple[TriggerHit, ...]:
        """What :meth:`type_hits` answers, computed afresh (not remembered: for a text asked about once)."""
        stems = [token.stem for token in tokens]
        starts = self._type_entries.keys() & stems  # the stems that begin some trigger phrase (few or none)
        if not starts:
            return ()
        names_count: bool | None = None  # whether capitals mark names (not a headline): asked of a capital only
        blocked = self.blocked_tokens(stems)
        hits: list[TriggerHit] = []
        made = self._made
        for i in [i for i, key in enumerate(stems) if key in starts]:
            if i in blocked:
                continue
            if i > 0 and tokens[i].capital:
                if names_count is None:
                    names_count = not is_headline(tokens)
                if names_count:
                    continue
            seen: set[str] = set()
            for rest, size, name, participant in self._type_entries[stems[i]]:
                if name in seen:
                    continue
                if size > 1 and (
                    stems[i + 1 : i + size] != rest or (blocked and not blocked.isdisjoint(range(i, i + size)))
                ):
                    continue
                # hits are immutable: one object per (type, span, participant), made once
                key = (name, i, size, participant)
                hit = made.get(key)
                if hit is None:
                    hit = made.put(key, TriggerHit(name, None, i, i + size, participant))
                hits.append(hit)
                seen.add(name)
        return tuple(hits)

    def blocked_tokens(self, stems: list[str]) -> set[int]:
        """Token positions inside a ``non_triggers`` phrase ("according to", "press secretary"): they trigger nothing."""
        out: set[int] = set()
        firsts = self._blocked.keys() & stems
        if not firsts:
            return out
        for i in [i for i, key in enumerate(stems) if key in firsts]:
            for phrase in self._blocked[stems[i]]:
                if stems[i : i + len(phrase)] == phrase:
                    out.update(range(i, i + len(phrase)))
        return out

    def mode_for(self, name: str, tokens: Sequence[Token]) -> str | None:
        """The first mode of type ``name`` whose phrase occurs in the sentence (earliest position wins)."""
        stems = [token.stem for token in tokens]
        index = self._mode_index.get(name, {})
        if index.keys().isdisjoint(stems):
            return None  # no mode phrase begins here (most sentences): one set operation
        for i, key in enumerate(stems):
            found = [
                (rank, mode)
                for phrase, rank, mode in index.get(key, ())
                if tuple(stems[i : i + len(phrase)]) == phrase
            ]
            if found:
                return min(found)[1]
        return None


@lru_cache(maxsize=1)
def load_lexicon() -> TriggerLexicon:
    """The packaged trigger lexicon (parsed once per process)."""
    raw = json.loads((files("sitrep") / "data" / "event_triggers.json").read_text(encoding="utf-8"))
    return TriggerLexicon(raw)
