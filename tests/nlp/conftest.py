"""Shared fixtures of the reading tests: the knowledge base, a blank English tokenizer, and the
small helpers that run the role and quote rules on sentences written for a test."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest
import spacy
from spacy.language import Language

from sitrep.kb import KnowledgeBase, load_kb
from sitrep.nlp.entities import resolve_entities
from sitrep.nlp.layers import Entity, Role
from sitrep.nlp.quotes import find_quotes, mentions_from_doc
from sitrep.nlp.roles import extract_roles

RoleClaims = Callable[..., set[tuple[str, str, str | None]]]
QuotePairs = Callable[[Language, str], list[tuple[str, str | None]]]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """A blank English tokenizer: the rules must work without the trained model."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def ruler_pipeline() -> Callable[[Mapping[str, Sequence[str]]], Language]:
    """``ruler_pipeline(names)``: a blank English tokenizer whose entity ruler knows exactly ``names``."""

    def build(names: Mapping[str, Sequence[str]]) -> Language:
        pipe = spacy.blank("en")
        ruler = pipe.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": label, "pattern": name} for label, group in names.items() for name in group])  # type: ignore[attr-defined]
        return pipe

    return build


@pytest.fixture(scope="session")
def role_claims(nlp: Language, kb: KnowledgeBase) -> RoleClaims:
    """``role_claims(text, published)``: (person, role, country) of every role read, spans checked."""

    def claims(text: str, published: str | None) -> set[tuple[str, str, str | None]]:
        doc = nlp(text)
        mentions, entities = resolve_entities(doc, kb=kb, published=published)
        roles: list[Role] = extract_roles(doc, mentions=mentions, entities=entities, kb=kb, published=published)
        for role in roles:
            assert text[role.start : role.end] == role.span
        return {(r.person, r.role, r.country) for r in roles}

    return claims


@pytest.fixture(scope="session")
def quote_pairs() -> QuotePairs:
    """``quote_pairs(nlp, text)``: (content, speaker name or speaker text) of every quote found."""

    def pairs(nlp: Language, text: str) -> list[tuple[str, str | None]]:
        doc = nlp(text)
        mentions, entities = mentions_from_doc(doc)
        by_id: dict[str, Entity] = {e.id: e for e in entities}
        found = find_quotes(doc, mentions=mentions, entities=entities)
        return [(q.text, by_id[q.speaker].name if q.speaker else q.speaker_text) for q in found]

    return pairs
