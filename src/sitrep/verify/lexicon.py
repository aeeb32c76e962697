"""The word lists the rewrite diff classifies edits with (``data/verify_lexicon.json``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "load_flag_words", "load_lexicon"]


def _fold(value: str) -> str:
    return value.casefold().replace("’", "'")


@dataclass(slots=True, frozen=True)
class Lexicon:
    """Case-folded vocabulary; phrases are tuples of folded tokens."""

    version: str
    country_of: dict[str, str]  # folded name / demonym / capital (one or more words) -> ISO code
    demonyms: frozenset[str]
    capitals: frozenset[str]
    max_country_words: int
    weekdays: frozenset[str]
    months: frozenset[str]
    relative_dates: frozenset[str]
    number_words: dict[str, float]
    scale_words: dict[str, float]
    negations: frozenset[str]
    quote_qualifiers: tuple[tuple[str, ...], ...]
    hedges: tuple[tuple[str, ...], ...]
    reporting_verbs: frozenset[str]
    symmetric_links: frozenset[str]
    offices: frozenset[str]
    function_words: frozenset[str]
    descriptors: frozenset[str]
    synonym_group: dict[str, int]  # folded word or phrase -> group number
    boilerplate: tuple[re.Pattern[str], ...]
    abbreviations: frozenset[str]

    def country(self, phrase: str) -> str | None:
        """ISO code of a country name, demonym or capital (``"U.S."`` -> ``USA``), else None."""
        return self.country_of.get(_fold(phrase).strip())

    def synonyms(self, a: str, b: str) -> bool:
        """Whether two words or phrases belong to one synonym group."""
        ga = self.synonym_group.get(_fold(a).strip())
        return ga is not None and ga == self.synonym_group.get(_fold(b).strip())

    def is_boilerplate(self, text: str) -> bool:
        return any(p.search(text) for p in self.boilerplate)


def _phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(_fold(v).split()) for v in values), key=len, reverse=True))


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    country_of: dict[str, str] = {}
    demonyms: set[str] = set()
    capitals: set[str] = set()
    for entry in data["countries"]:
        code = entry["code"]
        for name in entry["names"]:
            country_of[_fold(name)] = code
        for name in entry["demonyms"]:
            country_of[_fold(name)] = code
            demonyms.add(_fold(name))
        for name in entry["capitals"]:
            country_of.setdefault(_fold(name), code)
            capitals.add(_fold(name))
    groups: dict[str, int] = {}
    for number, group in enumerate(data["synonyms"]):
        for word in group:
            groups.setdefault(_fold(word), number)
    return Lexicon(
        version=str(data["version"]),
        country_of=country_of,
        demonyms=frozenset(demonyms),
        capitals=frozenset(capitals),
        max_country_words=max(len(k.split()) for k in country_of),
        weekdays=frozenset(map(_fold, data["weekdays"])),
        months=frozenset(map(_fold, data["months"])),
        relative_dates=frozenset(map(_fold, data["relative_dates"])),
        number_words={_fold(k): float(v) for k, v in data["number_words"].items()},
        scale_words={_fold(k): float(v) for k, v in data["scale_words"].items()},
        negations=frozenset(map(_fold, data["negations"])),
        quote_qualifiers=_phrases(data["quote_qualifiers"]),
        hedges=_phrases(data["hedges"]),
        reporting_verbs=frozenset(map(_fold, data["reporting_verbs"])),
        symmetric_links=frozenset(map(_fold, data["symmetric_links"])),
        offices=frozenset(map(_fold, data["offices"])),
        function_words=frozenset(map(_fold, data["function_words"])),
        descriptors=frozenset(map(_fold, data["descriptors"])),
        synonym_group=groups,
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate_patterns"]),
        abbreviations=frozenset(map(_fold, data["abbreviations"])),
    )


@cache
def load_flag_words() -> dict[str, Any]:
    """The packaged ``verify_flags.json`` (read once): the flag checks' word lists and settings."""
    data: dict[str, Any] = json.loads(
        (resources.files("sitrep") / "data" / "verify_flags.json").read_text(encoding="utf-8")
    )
    return data


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read once)."""
    raw = (resources.files("sitrep") / "data" / "verify_lexicon.json").read_text(encoding="utf-8")
    return build_lexicon(json.loads(raw))
