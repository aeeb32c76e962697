"""Shared fixtures of the reading tests: the knowledge base, a blank English tokenizer, and the
small helpers that run the role and quote rules on sentences written for a test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

import pytest
import spacy
from spacy.language import Language

from sitrep.kb import KnowledgeBase, load_kb
from sitrep.nlp.entities import resolve_entities
from sitrep.nlp.layers import Entity, Role
from sitrep.nlp.ner_rules import repair_entities
from sitrep.nlp.quotes import find_quotes, mentions_from_doc
from sitrep.nlp.roles import extract_roles

RoleClaims = Callable[..., set[tuple[str, str, str | None]]]
QuotePairs = Callable[[Language, str], list[tuple[str, str | None]]]
Repaired = Callable[..., set[tuple[str, str]]]


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


@pytest.fixture
def ran_in_jax_child(request: pytest.FixtureRequest) -> bool:
    """Runs the requesting JAX test in a child pytest process and gives True (the test then returns), unless
    this is that child (False). JAX starts threads when it loads; forking worker processes later in the same
    process (the analyze tests do) could deadlock, so JAX never loads in the main test process."""
    if os.environ.get("SITREP_JAX_CHILD") == "1":
        return False
    pytest.importorskip("jax")
    env = {**os.environ, "SITREP_JAX_CHILD": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
                          env=env, cwd=request.config.rootpath, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    return True


#: The pipeline components a repair test leaves out: the recogniser itself and the rule components that add
#: or retype names on their own, so that the rules see only the spans the test hands them.
REPAIR_SKIPS = frozenset({"sitrep_gazetteer", "sitrep_ent_consistency", "ner"})


@pytest.fixture(scope="session")
def repaired() -> Repaired:
    """``repair_entities`` on spans a test hands it as a recogniser might produce them (surface, label; first
    occurrence of each surface), after the pipeline's other components (less ``also_skip``): (surface, label)."""

    def run(
        nlp: Language, text: str, spans: list[tuple[str, str]], *, also_skip: frozenset[str] = frozenset()
    ) -> set[tuple[str, str]]:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name not in REPAIR_SKIPS and name not in also_skip:
                doc = proc(doc)
        raw = []
        for surface, label in spans:
            start = text.index(surface)
            span = doc.char_span(start, start + len(surface))
            assert span is not None, surface
            raw.append((span.start, span.end, label))
        return {(doc[s:e].text, label) for s, e, label in repair_entities(doc, raw)}

    return run
