"""Session 11's reading speed-ups change nothing that is read (no timings here: see benchmarks/bench_read.py).

* :mod:`sitrep.nlp.speedups`: the parser's, entity recogniser's and embedding's vector additions through
  OpenBLAS (``saxpy``) give bit-identical model outputs and the same parses as thinc's own table;
* :func:`sitrep.nlp.ner_rules_lowercase.add_lowercase_places` only looks where a listed name can start:
  the same places as a scan of every word, on lower-cased example articles;
* :mod:`sitrep.nlp.roles_qualifiers`: its context patterns are compiled once per knowledge base.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

from sitrep.eval.examples import load_examples
from sitrep.kb import KnowledgeBase
from sitrep.nlp import roles_qualifiers, speedups
from sitrep.nlp.ner_rules_lowercase import _MAX_WORDS, _NOT_BEFORE, _lists, add_lowercase_places
from sitrep.nlp.pipeline import load_pipeline
from sitrep.nlp.read import Reader
from sitrep.nlp.roles_titles import find_title_phrases


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The English example articles' texts, once each."""
    unique = {a.id: a for a in load_examples().values() if Reader.skip_reason(a) is None}
    return [a.text for a in unique.values()]


def _use(nlp: Language, ops: NumpyOps) -> None:
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _parse(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


def test_openblas_vector_additions_are_bit_identical(texts: list[str]) -> None:
    """tok2vec's output bit for bit, and every parse and entity, with OpenBLAS's saxpy and with thinc's own."""
    if not isinstance(speedups._NUMPY_BLAS, speedups._OpenBlasOps):
        pytest.skip("scipy's OpenBLAS (cblas_saxpy) is not available here")
    nlp = load_pipeline(path=None, rules=False)
    assert isinstance(nlp.get_pipe("parser").model.ops, speedups._OpenBlasOps)  # type: ignore[attr-defined]
    tok2vec: Any = nlp.get_pipe("tok2vec")
    sample = texts[:8]
    try:
        _use(nlp, NumpyOps(use_blis=False))
        before = tok2vec.model.predict([nlp.make_doc(t) for t in sample])
        parses_before = [_parse(doc) for doc in nlp.pipe(sample)]
    finally:
        _use(nlp, speedups._NUMPY_BLAS)
    after = tok2vec.model.predict([nlp.make_doc(t) for t in sample])
    assert all(np.array_equal(x, y) for x, y in zip(before, after, strict=True))
    assert [_parse(doc) for doc in nlp.pipe(sample)] == parses_before


def _every_word_scan(doc: Doc) -> list[tuple[int, int]]:
    """The places :func:`add_lowercase_places` adds, found by trying every word (the plain algorithm)."""
    add = _lists()[1]
    taken = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    found = []
    i = 0
    while i < len(doc):
        match = 0
        if doc[i].is_lower and doc[i].is_alpha and not (i > 0 and doc[i - 1].text in _NOT_BEFORE):
            for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
                words = doc[i : i + n]
                if all(t.is_lower and t.is_alpha and not taken[t.i] for t in words) and (
                    " ".join(t.text for t in words) in add
                ):
                    match = n
                    break
        found += [(i, i + match)] if match else []
        i += max(match, 1)
    return found


def test_lowercase_places_are_those_of_a_scan_of_every_word(texts: list[str]) -> None:
    nlp = load_pipeline(rules=False)
    lowered = [t.lower() for t in texts[:12]]
    lowered.append("flights to new south wales, papua new guinea and kerala; not @india or #punjab, but punjab punjab")
    added = 0
    for doc in nlp.pipe(lowered):
        before = {(e.start, e.end) for e in doc.ents}
        expected = _every_word_scan(doc)
        add_lowercase_places(doc)
        new = sorted((e.start, e.end) for e in doc.ents if (e.start, e.end) not in before)
        assert new == expected
        assert all(e.label_ == "GPE" for e in doc.ents if (e.start, e.end) in set(new))
        added += len(new)
    assert added > 50  # lower-cased news names many countries


def test_lowercase_places_leave_a_doc_without_candidates_alone(nlp: Language) -> None:
    doc = nlp("Nothing here names a place in lower case.")
    doc.ents = [Span(doc, 0, 1, label="ORG")]
    assert add_lowercase_places(doc).ents == doc.ents


def test_title_context_patterns_are_compiled_once(kb: KnowledgeBase) -> None:
    text = "Ruslan Khomchak, the foreign minister in the Ukrainian government, met the governor of the Kursk region."
    first = find_title_phrases(text, kb=kb)
    hits = roles_qualifiers._in_body_regexes.cache_info().hits
    misses = roles_qualifiers._in_body_regexes.cache_info().misses
    assert find_title_phrases(text, kb=kb) == first
    assert roles_qualifiers._in_body_regexes.cache_info().hits > hits
    assert roles_qualifiers._in_body_regexes.cache_info().misses == misses  # not compiled again
