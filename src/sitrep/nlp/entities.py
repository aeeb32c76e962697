"""Entity resolution within one article: mentions grouped into people, bodies and places.

:func:`resolve_entities` takes a parsed ``Doc`` whose text is the article text
and returns :class:`~sitrep.nlp.layers.Mention` and
:class:`~sitrep.nlp.layers.Entity` records:

* names come from the knowledge base (every known person, organisation,
  country, demonym, capital and building), from titles ("Defence Minister
  Andrii Taran" names a person even when the NER model misses him) and from the
  model's named entities;
* one person is one entity across spellings (Zelensky/Zelenskyy) and surname-only
  mentions ("Austin" after "Lloyd Austin");
* a title alone ("the Pentagon chief", "the American president") and "his
  Ukrainian counterpart" resolve to the person of the article who holds that
  office;
* capitals and seats of government used for a government ("Washington said",
  "the Kremlin") are ``metonym`` mentions of an entity with the country and
  sector; the same words after "in", "at", "from" are places;
* document-level consistency: a name typed once is typed the same everywhere,
  and every occurrence of a resolved name becomes a mention.

Entity ``country`` is an ISO alpha-3 code or an organisation code (``NATO``);
``sector`` a PLOVER sector code; ``kb_id`` the knowledge-base id when known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from sitrep.kb import KnowledgeBase, Person
from sitrep.kb.names import person_key
from sitrep.nlp.entities_scan import Candidate, scan_organisations, scan_persons, scan_places
from sitrep.nlp.layers import Entity, Mention
from sitrep.nlp.memo import doc_text, doc_titles
from sitrep.nlp.roles_claims import GENERIC_OFFICES, Claim, build_claims, kb_role_on
from sitrep.nlp.roles_context import antecedent_country, article_country, context_country
from sitrep.nlp.roles_names import rank_after
from sitrep.nlp.roles_titles import TitlePhrase, find_title_phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Analysis", "analyse", "resolve_entities"]

_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
_VALUE_LABELS = ("DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_CAPITAL_WORD = re.compile(r"(?<![\w'’\-])[\d_'’\-]*(?P<w>(?:[A-Z]|(?=[^\W\d_])[^\x00-\x7f])[\w'’\-]*)")
_POSSESSIVE_END = re.compile(r"['’]s$")
_SPEECH_AFTER = re.compile(r"^(?:['’]s\b|\s+(?:said|says|told|added|noted|wrote|warned|stressed|denied|called|urged|spoke|met|was|has|had|is|and\s+[A-Z]))")


@dataclass(slots=True)
class Analysis:
    """Everything the resolver found: mentions, entities, and the role claims behind them."""

    mentions: list[Mention]
    entities: list[Entity]
    claims: list[Claim]
    text: str = ""
    phrases: list[TitlePhrase] = field(default_factory=list)
    entity_of_key: dict[str, str] = field(default_factory=dict)


def resolve_entities(
    doc: Doc, *, kb: KnowledgeBase, published: str | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Mentions and entities of the article ``doc.text`` (see the module docstring)."""
    result = analyse(doc, kb=kb, published=published)
    return result.mentions, result.entities


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _select(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: higher priority, then longer, then earlier."""
    if not candidates:
        return []
    taken = bytearray(max(c.end for c in candidates) + 1)
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if cand.end > cand.start and taken.find(1, cand.start, cand.end) == -1:
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _sentence_starts(doc: Doc, text: str) -> list[int]:
    if len(doc):
        marks = doc.to_array(["SENT_START", "IDX"])
        if (marks[:, 0] == 1).sum() > 1:
            return [int(idx) for idx in marks[marks[:, 0] == 1, 1].tolist()]
    return [0] + [m.end() for m in re.finditer(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])|\n\s*\n", text)]


@dataclass(slots=True)
class _People:
    """Person clusters: key -> names, knowledge-base record."""

    kb: KnowledgeBase
    records: dict[str, Person | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)

    def add_full(self, text: str) -> str:
        person = self.kb.person(text)
        key = f"kb:{person.id}" if person is not None else f"name:{person_key(text)}"
        if key not in self.records:
            self.records[key] = person
            self.names[key] = person.name if person is not None else text
        if " " in text.strip():
            self.forms.setdefault(text, key)
        forms = [text, *(person.aliases if person else ()), *((person.name,) if person else ())]
        for form in forms:
            last = person_key(form.split()[-1]) if form.split() else ""
            if last and key not in self.surnames.setdefault(last, []):
                self.surnames[last].append(key)
        return key

    def by_surname(self, word: str) -> list[str]:
        return self.surnames.get(person_key(_POSSESSIVE_END.sub("", word)), [])


def analyse(doc: Doc, *, kb: KnowledgeBase, published: str | None = None) -> Analysis:
    """Mentions, entities and role claims of the article in ``doc`` (the work behind :func:`resolve_entities`).

    The result is kept in ``doc.user_data`` so that :func:`sitrep.nlp.roles.extract_roles`
    on the same doc does not repeat the work.
    """
    cache_key = f"sitrep.entities:{id(kb)}:{published}"
    cached = doc.user_data.get(cache_key)
    if isinstance(cached, Analysis):
        return cached
    result = _analyse(doc, kb=kb, published=published)
    doc.user_data[cache_key] = result
    return result


def _analyse(doc: Doc, *, kb: KnowledgeBase, published: str | None) -> Analysis:
    text = doc_text(doc)
    phrases = find_title_phrases(text, kb=kb, hits=doc_titles(doc, kb))
    people = _People(kb)
    candidates: list[Candidate] = []

    # 1. people: known names, names attached to titles, the model's PERSON spans
    for cand in scan_persons(text, kb):
        if cand.kind == "name":
            cand.key = people.add_full(text[cand.start : cand.end])
        elif cand.name:
            cand.key = people.add_full(cand.name)
        candidates.append(cand)
    for phrase in phrases:
        for start, end in phrase.names:
            surface = text[start:end]
            if " " in surface.strip() or kb.person(surface) is not None:
                key = people.add_full(surface)
                candidates.append(Candidate(start, end, "PERSON", "name", key, priority=4))
            else:
                candidates.append(Candidate(start, end, "PERSON", "surname", "", priority=4))
    ents = list(doc.ents)
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        start = rank_after(text, ent.start_char, kb)
        end = ent.end_char - (2 if text[ent.start_char : ent.end_char].endswith(("'s", "’s")) else 0)
        if end <= start:
            continue
        surface = text[start:end]
        if kb.country(surface) or kb.organisation(surface) or kb.office(surface):
            continue
        if " " in surface.strip():
            candidates.append(Candidate(start, end, "PERSON", "name", people.add_full(surface), priority=1))
        else:
            candidates.append(Candidate(start, end, "PERSON", "surname", "", priority=1))

    # 2. bodies and places
    candidates.extend(scan_organisations(text, kb))
    candidates.extend(scan_places(text, kb))
    for ent in ents:
        if ent.label_ in ("ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"):
            surface = text[ent.start_char : ent.end_char]
            code = kb.country(surface) if ent.label_ in ("GPE", "NORP") else None
            candidates.append(Candidate(ent.start_char, ent.end_char, ent.label_, "name", f"ner:{ent.label_}:{person_key(surface)}",
                                        country=code, name=surface, priority=0))
        elif ent.label_ in _VALUE_LABELS:
            candidates.append(Candidate(ent.start_char, ent.end_char, ent.label_, "name", "", priority=-1))

    # 3. full names and surnames of the article's people, wherever they occur
    words = _capitalised_words(text)
    every: dict[str, list[int]] | None = None  # all words, only if a name starts with a lower-case word
    for form, key in list(people.forms.items()):
        first = form.split()[0]
        if first[:1].isupper():
            starts = words.get(first, [])
        else:
            every = _words(text) if every is None else every
            starts = every.get(first, [])
        for start in starts:
            end = start + len(form)
            if text.startswith(form, start) and not text[end : end + 1].isalnum():
                candidates.append(Candidate(start, end, "PERSON", "name", key, priority=3))
    for word, starts in words.items():
        bare = _POSSESSIVE_END.sub("", word)  # keeps the first letter: a word starts with a letter
        keys = people.surnames.get(person_key(bare))
        if not keys:
            continue
        for start in starts:
            candidates.append(Candidate(start, start + len(bare), "PERSON", "surname", keys[0] if len(keys) == 1 else "", priority=2))
    chosen = _select(candidates)
    _resolve_surnames(chosen, people, text, kb)
    chosen = [c for c in chosen if c.label != "PERSON" or c.key]
    return _build(doc, text, chosen, phrases, people, kb, published)


def _words(text: str) -> dict[str, list[int]]:
    """Each word of ``text`` (a :data:`_WORD` match) with its start offsets, in order of first occurrence."""
    words: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        words.setdefault(m.group(0), []).append(m.start())
    return words


def _capitalised_words(text: str) -> dict[str, list[int]]:
    """:func:`_words` for the words that start with an upper-case letter only.

    A :data:`_WORD` match is the stretch of a run of word characters, apostrophes and
    hyphens from its first letter on; :data:`_CAPITAL_WORD` finds the runs whose first
    letter is A-Z or not ASCII, so the engine skips the other words.
    """
    words: dict[str, list[int]] = {}
    for m in _CAPITAL_WORD.finditer(text):
        word = m.group("w")
        if word[0].isupper():
            words.setdefault(word, []).append(m.start("w"))
    return words


def _resolve_surnames(chosen: list[Candidate], people: _People, text: str, kb: KnowledgeBase) -> None:
    last_seen: dict[str, int] = {}
    for cand in chosen:
        if cand.label != "PERSON":
            continue
        if cand.key:
            last_seen[cand.key] = cand.start
            continue
        surface = text[cand.start : cand.end]
        keys = people.by_surname(surface)
        if len(keys) > 1:
            keys = sorted(keys, key=lambda k: -last_seen.get(k, -1))
        if keys:
            cand.key = keys[0]
        else:
            known = kb.by_surname(surface)
            following = text[cand.end : cand.end + 12]
            if len(known) == 1 and (cand.priority >= 1 or _SPEECH_AFTER.match(following)):
                cand.key = people.add_full(known[0].name)
        if cand.key:
            last_seen[cand.key] = cand.start


def _build(
    doc: Doc,
    text: str,
    chosen: list[Candidate],
    phrases: list[TitlePhrase],
    people: _People,
    kb: KnowledgeBase,
    published: str | None,
) -> Analysis:
    starts = _sentence_starts(doc, text)
    person_spans = [(c.start, c.end, c.key) for c in chosen if c.label == "PERSON" and c.key]

    def person_at(start: int, end: int) -> str | None:
        for a, b, key in person_spans:
            if a < end and start < b:
                return key
        return None

    def persons_before(pos: int, _: int) -> list[str]:
        sent_start = max((s for s in starts if s <= pos), default=0)
        inside = [key for a, _b, key in reversed(person_spans) if sent_start <= a < pos]
        earlier = [key for a, _b, key in reversed(person_spans) if a < sent_start]
        return list(dict.fromkeys([*inside, *earlier]))

    countries = _country_mentions(text, chosen, kb)
    # sentences with words in them (a blank line between paragraphs may be a "sentence" of the parse)
    worded = [s for s, nxt in zip(starts, [*starts[1:], len(text)], strict=True) if text[s:nxt].strip()]

    def country_near(pos: int, skip_start: int, skip_end: int) -> str | None:
        return context_country(pos, countries=countries, sentence_starts=worded, skip=(skip_start, skip_end))

    place_spans = _place_spans(text, chosen, kb)
    places = [(a, b, code) for a, b, code in countries if (a, b) in place_spans]

    def place_near(pos: int, skip_start: int, skip_end: int) -> str | None:
        """Places of the sentence and the one before, else the article's country (not a nationality nearby)."""
        near = context_country(pos, countries=places, sentence_starts=worded, skip=(skip_start, skip_end), article=False)
        return near or article_country(countries, skip=(skip_start, skip_end))

    bodies = [(c.start, c.end, c.country) for c in chosen if c.key.startswith("org:") and c.country and c.country not in kb.countries]

    def antecedent(noun: str, pos: int) -> str | None:
        return antecedent_country(noun, pos, text=text, countries=countries, bodies=bodies)

    claims = build_claims(
        text, phrases, kb=kb, when=published, person_at=person_at,
        kb_person=lambda key: people.records.get(key), persons_before=persons_before, country_near=country_near,
        place_near=place_near, antecedent=antecedent,
    )
    # title-alone and counterpart mentions resolved by the claims
    title_cands: list[Candidate] = []
    for claim in claims:
        if claim.name_start is None:
            kind = "counterpart" if claim.source == "counterpart" else "title"
            title_cands.append(Candidate(claim.start, claim.end, "PERSON", kind, claim.person, priority=5))
    for phrase in phrases:
        if (
            not phrase.names
            and not phrase.plural
            and phrase.tense == "current"
            and phrase.office.id not in GENERIC_OFFICES
            and phrase.office.id != "counterpart"
            and not any(c.start <= phrase.title_start < c.end for c in title_cands)
        ):
            title_cands.append(Candidate(phrase.start, phrase.end, "PERSON", "title", "", priority=5))
    chosen = _select([*title_cands, *[c for c in chosen if not any(_overlaps(c, t) for t in title_cands)]])

    # anaphors ("the alliance") of organisations named in the article
    named_orgs = {c.kb_id for c in chosen if c.kb_id and c.key.startswith("org:")}
    for org_id in named_orgs:
        org = kb.organisations[org_id]
        for anaphor in org.anaphors:
            for start, end in _occurrences(text, anaphor):
                cand = Candidate(start, end, "ORG", "title", f"org:{org.id}", country=org.actor_code,
                                 sector=org.sector, kb_id=org.id, name=org.name, priority=1)
                if not any(_overlaps(cand, c) for c in chosen):
                    chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    _consistent_types(chosen, text)
    return _entities(text, chosen, claims, people, phrases, kb, published)


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """The matches of ``(?<![\\w])surface(?![\\w])`` in ``text`` (``re.finditer``'s, without compiling a pattern
    per surface): ``surface`` where no word character (``str.isalnum`` or ``_``) touches it on either side."""
    out: list[tuple[int, int]] = []
    if not surface:
        return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w])(?![\w])", text)]
    size = len(surface)
    at = text.find(surface)
    while at >= 0:
        end = at + size
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            out.append((at, end))
            at = text.find(surface, end)
        else:
            at = text.find(surface, at + 1)
    return out


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _country_mentions(text: str, chosen: Sequence[Candidate], kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of every mention that names a country: states, demonyms, capitals, national bodies."""
    out: list[tuple[int, int, str]] = []
    for cand in chosen:
        if cand.label == "PERSON" or cand.label in _VALUE_LABELS:
            continue
        surface = text[cand.start : cand.end]
        code = cand.country if cand.country in kb.countries else kb.country(surface)
        if code is None and " " in surface:
            code = kb.country(surface.split()[0]) or kb.country(surface.split()[-1])
        if code is not None and code in kb.countries:
            out.append((cand.start, cand.end, code))
    # "Beijing's Taiwan Affairs Office": a country inside a body another country owns says nothing of the context
    owned = {(a, b) for (_a0, b0, _c0), (a, b, _c) in pairwise(out) if re.fullmatch(r"['’]s\s+", text[b0:a])}
    return [m for m in out if (m[0], m[1]) not in owned]


def _place_spans(text: str, chosen: Sequence[Candidate], kb: KnowledgeBase) -> set[tuple[int, int]]:
    """Spans of place names (cities, regions), as opposed to countries, nationalities and national bodies."""
    return {
        (c.start, c.end)
        for c in chosen
        if c.label in ("GPE", "LOC", "FAC")
        and not c.key.startswith(("country:", "org:", "body:"))
        and kb.country_name(text[c.start : c.end]) is None
    }


def _consistent_types(chosen: list[Candidate], text: str) -> None:
    """A name typed once is typed the same everywhere: model-only spans take the type of the same words elsewhere."""
    typed: dict[str, Candidate] = {}
    for cand in chosen:
        if cand.priority >= 1 and cand.kind == "name":
            typed.setdefault(text[cand.start : cand.end], cand)
    for cand in chosen:
        if cand.priority <= 0 and cand.label in _NAME_LABELS:
            same = typed.get(text[cand.start : cand.end])
            if same is not None:
                cand.label, cand.key, cand.country, cand.sector, cand.kb_id, cand.name = (
                    same.label, same.key, same.country, same.sector, same.kb_id, same.name)
    # the model typed a name once: every other occurrence of those words gets the same type
    ner_only = {text[c.start : c.end]: c for c in chosen if c.priority == 0 and c.label in _NAME_LABELS and c.key.startswith("ner:")}
    for surface, cand in ner_only.items():
        for start, end in _occurrences(text, surface):
            clone = Candidate(start, end, cand.label, cand.kind, cand.key, cand.country, cand.sector, cand.kb_id, cand.name, priority=-2)
            if not any(_overlaps(clone, c) for c in chosen):
                chosen.append(clone)
    chosen.sort(key=lambda c: c.start)


def _entities(
    text: str,
    chosen: list[Candidate],
    claims: list[Claim],
    people: _People,
    phrases: list[TitlePhrase],
    kb: KnowledgeBase,
    published: str | None,
) -> Analysis:
    ids: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    first: dict[str, Candidate] = {}
    metonymic: set[str] = set()
    for cand in chosen:
        if not cand.key:
            continue
        if cand.key not in ids:
            ids[cand.key] = f"e{len(ids) + 1}"
            first[cand.key] = cand
            variants[cand.key] = []
        surface = text[cand.start : cand.end]
        if cand.kind in ("name", "surname", "metonym") and surface not in variants[cand.key]:
            variants[cand.key].append(surface)
        if cand.kind == "metonym":
            metonymic.add(cand.key)
    claim_of: dict[str, Claim] = {}
    for claim in claims:
        claim_of.setdefault(claim.person, claim)
    entities: list[Entity] = []
    for key, entity_id in ids.items():
        cand = first[key]
        if cand.label == "PERSON":
            record = people.records.get(key)
            name = record.name if record is not None else _longest(variants[key], people.names.get(key))
            country, sector = _person_country(claim_of.get(key), record, published, kb, phrases)
            entities.append(Entity(entity_id, name, "PERSON", country, sector, record.id if record else None, tuple(variants[key])))
        else:
            sector = cand.sector if (cand.key in metonymic or cand.label == "ORG") else None
            name = cand.name or text[cand.start : cand.end]
            entities.append(Entity(entity_id, name, cand.label, cand.country, sector, cand.kb_id, tuple(variants[key])))
    mentions = [
        Mention(c.start, c.end, text[c.start : c.end], c.label, c.kind, ids.get(c.key) if c.key else None)
        for c in chosen
    ]
    return Analysis(mentions, entities, claims, text, phrases, ids)


def _longest(forms: Sequence[str], fallback: str | None) -> str:
    if not forms:
        return fallback or ""
    return max(forms, key=lambda f: (len(f.split()), len(f)))


def _person_country(
    claim: Claim | None, record: Person | None, published: str | None, kb: KnowledgeBase, phrases: Sequence[TitlePhrase]
) -> tuple[str | None, str | None]:
    if claim is not None and claim.country:
        sector = claim.office.sector
        org = kb.organisation(claim.org) if claim.org else None
        if org is not None and org.country and org.sector:
            sector = org.sector
        return claim.country, sector
    held = kb_role_on(record, published, kb=kb)
    if held is not None:
        office = kb.office(held.role)
        return held.country, office.sector if office is not None else record.sector if record else None
    if record is not None:
        return record.country, None
    return None, None
