"""Place names written in lower case ("hotels in kerala", "flying to florida"), as web text writes them.

``data/lowercase_places.json`` (built by :mod:`sitrep.nlp.training.lowercase_places`) lists the
lower-case forms of known places that are not also common English words. The entity repair
rules keep a lower-case entity the model typed as a place when it is one of ``places``
(:func:`known_lowercase_place`) instead of dropping it as a common noun; the component
``sitrep_lowercase_places`` types the countries and first-level regions of ``add`` as GPE where
the model found nothing ("in punjab"). Properly cased text is untouched: only all-lower-case
words are looked at.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.nlp.memo import doc_words

__all__ = ["COMPONENT", "add_lowercase_places", "known_lowercase_place"]

COMPONENT = "sitrep_lowercase_places"
DATA_FILE = "lowercase_places.json"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAX_WORDS = 3
_NOT_BEFORE = frozenset({"@", "#", "/", "."})  # handles, hashtags, paths, file names


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    raw = json.loads(resources.files("sitrep.data").joinpath(DATA_FILE).read_text(encoding="utf-8"))
    return frozenset(raw["places"]), frozenset(raw["add"])


def known_lowercase_place(text: str) -> bool:
    """Whether ``text`` (all lower case) names a known place that is not a common word."""
    return text.islower() and " ".join(text.split()) in _lists()[0]


def add_lowercase_places(doc: Doc) -> Doc:
    """Type as GPE each run of lower-case words that names a listed country or region and overlaps no entity."""
    add, firsts = _lists()[1], _first_words()
    words = doc_words(doc)
    starts = [i for i, word in enumerate(words) if word in firsts]  # a match can only start at one of these
    if not starts:
        return doc
    taken = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    found: list[Span] = []
    free = 0  # the first token after the last match: matches do not overlap
    for i in starts:
        if i < free or not (doc[i].is_lower and doc[i].is_alpha) or (i > 0 and words[i - 1] in _NOT_BEFORE):
            continue
        for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
            tokens = doc[i : i + n]
            if all(t.is_lower and t.is_alpha and not taken[t.i] for t in tokens) and " ".join(words[i : i + n]) in add:
                found.append(Span(doc, i, i + n, label="GPE"))
                free = i + n
                break
    if found:
        doc.ents = sorted([*doc.ents, *found], key=lambda span: span.start)
    return doc


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of each name in the ``add`` list (every name is lower-case words joined by single spaces)."""
    return frozenset(name.split(" ", 1)[0] for name in _lists()[1])


@Language.component(COMPONENT)
def lowercase_places_component(doc: Doc) -> Doc:
    return add_lowercase_places(doc)
