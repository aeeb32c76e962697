"""Word lists the entity repair rules read (one cached :class:`NerLexicon` per process).

Domain knowledge lives in data files: ``data/ner_rules.json`` (head nouns of
organisation, place and facility names, company suffixes, place context words,
platforms, date words),
the knowledge base's office data (ranks, honorifics, name particles, words that
are never names), ``data/outlets.json`` and ``data/wire_agencies.json`` (news
outlets and agencies), ``data/places.json`` (conflict places) and the knowledge
base's organisations and people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["RULES_FILE", "NerLexicon", "ner_lexicon"]

RULES_FILE = "ner_rules.json"


def _data(name: str) -> Any:
    return json.loads(resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class NerLexicon:
    """Closed word lists for the rules (see the module docstring)."""

    org_heads: frozenset[str]
    org_heads_with_of: frozenset[str]
    loc_heads: frozenset[str]
    loc_heads_with_of: frozenset[str]
    loc_prefix_heads: frozenset[str]
    place_nouns_before: frozenset[str]
    place_nouns_after: frozenset[str]
    place_nouns_after_pairs: frozenset[tuple[str, str]]
    org_nouns_before: frozenset[str]
    event_heads: frozenset[str]
    date_words: frozenset[str]
    months: frozenset[str]
    not_names: frozenset[str]
    never_name_start: frozenset[str]
    name_particles: frozenset[str]
    ranks: frozenset[str]
    rank_starts: frozenset[str]  # first words of ranks, without a final full stop
    rank_prefix_only: frozenset[str]
    honorifics: frozenset[str]
    role_words: frozenset[str]
    title_org_keep: frozenset[str]
    hyphen_suffix_stop: frozenset[str]
    platforms: tuple[str, ...]
    platform_x_cues: frozenset[str]
    outlets: tuple[str, ...]
    fac_heads: frozenset[str] = frozenset()
    org_suffixes: frozenset[str] = frozenset()
    org_list_nouns: frozenset[str] = frozenset()
    org_heads_with_place: frozenset[str] = frozenset()


def _outlet_names() -> list[str]:
    names: list[str] = []
    for name in _data("outlets.json")["domains"].values():
        names.append(name)
        if name.startswith("The ") and len(name.split()) > 2:
            names.append(name[4:])  # "The Washington Post" -> "Washington Post"
        if name.endswith(" News") and name[:-5].isupper():
            names.append(name[:-5])  # "CBS News" -> "CBS"
    for agency in _data("wire_agencies.json")["agencies"]:
        for alias in agency["aliases"]:
            # two-letter capitals other than AP are too ambiguous in running text (AA, PA, CP)
            if alias[:1].isupper() and (len(alias) > 2 or alias == "AP"):
                names.append(alias)
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def ner_lexicon() -> NerLexicon:
    """The rules' word lists, read once."""
    rules = _data(RULES_FILE)
    offices = _data("kb/offices.json")
    return NerLexicon(
        org_heads=frozenset(rules["org_heads"]),
        org_heads_with_of=frozenset(rules["org_heads_with_of"]) | frozenset(rules["org_heads_with_place_of"]),
        loc_heads=frozenset(rules["loc_heads"]),
        loc_heads_with_of=frozenset(rules["loc_heads_with_of"]),
        loc_prefix_heads=frozenset(rules["loc_prefix_heads"]),
        place_nouns_before=frozenset(rules["place_nouns_before"]),
        place_nouns_after=frozenset(rules["place_nouns_after"]),
        place_nouns_after_pairs=frozenset((a, b) for a, b in rules["place_nouns_after_pairs"]),
        org_nouns_before=frozenset(rules["org_nouns_before"]),
        event_heads=frozenset(rules["event_heads"]),
        date_words=frozenset(rules["months"]) | frozenset(rules["weekdays"]),
        months=frozenset(rules["months"]),
        not_names=frozenset(offices["not_names"]),
        never_name_start=frozenset(rules["never_name_start"]),
        name_particles=frozenset(offices["name_particles"]),
        ranks=frozenset(offices["ranks"]),
        rank_starts=frozenset(r.split()[0].rstrip(".") for r in offices["ranks"]),
        rank_prefix_only=frozenset(rules["rank_prefix_only"]),
        honorifics=frozenset(offices["honorifics"]),
        role_words=frozenset(rules["role_words"]),
        title_org_keep=frozenset(rules["title_org_keep"]),
        hyphen_suffix_stop=frozenset(rules["hyphen_suffix_stop"]),
        platforms=tuple(rules["platforms"]),
        platform_x_cues=frozenset(rules["platform_x_cues"]),
        outlets=tuple(_outlet_names()),
        fac_heads=frozenset(rules["fac_heads"]),
        org_suffixes=frozenset(rules["org_suffixes"]),
        org_list_nouns=frozenset(rules["org_list_nouns"]),
        org_heads_with_place=frozenset(rules["org_heads_with_place_of"]),
    )
