"""The reading stage's speed-ups change nothing that is read (no timings here: see benchmarks/bench_read.py).

* :mod:`sitrep.nlp.speedups`: numpy's BLAS for the model's matrix products and the memoised
  lemmatizer give the same token annotations as the model loaded by spaCy alone;
* :mod:`sitrep.nlp.memo`: the per-doc and per-knowledge-base memos answer as the calls they replace;
* :func:`sitrep.nlp.read.pack_reading`: what reading workers send back unpacks to the same reading.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.eval.examples import load_examples
from sitrep.kb import KnowledgeBase
from sitrep.kb.offices import OfficeIndex
from sitrep.model import Article
from sitrep.nlp.memo import doc_text, doc_titles, doc_words
from sitrep.nlp.ner_rules import _filter_spans
from sitrep.nlp.pipeline import default_model_path, load_pipeline
from sitrep.nlp.read import Reader, pack_reading, unpack_reading


@pytest.fixture(scope="module")
def english() -> list[Article]:
    """The English example articles, once each."""
    unique = {a.id: a for a in load_examples().values() if Reader.skip_reason(a) is None}
    return list(unique.values())


def _annotations(doc: Doc) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
        for t in doc
    ]


def test_sped_up_model_annotates_as_spacy_alone(english: list[Article]) -> None:
    """Tags, morphology, lemmas, parse and entities of the model as spaCy loads it, on ten example articles."""
    plain = spacy.load(default_model_path())
    fast = load_pipeline(rules=False)
    texts = [a.text for a in english[:10]]
    for before, after in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(after) == _annotations(before)


def test_speed_up_swaps_the_matrix_products_and_the_lemma_path() -> None:
    from thinc.api import NumpyOps

    fast = load_pipeline(rules=False)
    tok2vec: Any = fast.get_pipe("tok2vec")
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in tok2vec.model.walk())
    lemmatizer: Any = fast.get_pipe("trainable_lemmatizer")
    assert "set_annotations" in vars(lemmatizer)  # the memoised version, bound to this component


def test_memoised_lemmatizer_keeps_lemmas_set_before_it(english: list[Article]) -> None:
    """A token that has a lemma keeps it (the component does not overwrite), as in spaCy's own version."""
    fast = load_pipeline(rules=False)
    doc = fast.make_doc(english[0].text)
    doc[0].lemma_ = "KEPT"
    with fast.select_pipes(enable=["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer"]):
        for _name, proc in fast.pipeline:
            doc = proc(doc)
    assert doc[0].lemma_ == "KEPT"
    assert all(t.lemma_ for t in doc)


def test_memos_answer_as_the_calls_they_replace(english: list[Article], kb: KnowledgeBase, nlp: Language) -> None:
    article = english[0]
    doc = nlp(article.text)
    assert doc_text(doc) == doc.text == article.text
    assert doc_text(doc) is doc_text(doc)
    assert doc_words(doc) == [t.text for t in doc]
    assert doc_titles(doc, kb) == kb.find_titles(article.text)
    assert doc_words(nlp("")) == []
    for title in ("Defense Secretary", "Russian Defence Minister", "chief of the General Staff", "Lloyd Austin"):
        assert kb.office(title) == kb._office_uncached(title)
        assert kb.office(title) is kb.office(title)  # remembered
        assert kb.find_titles(title) == OfficeIndex.find(kb._offices, title)
        assert kb.find_titles(title) is kb.find_titles(title)  # remembered


def test_filter_spans_on_triples_is_spacys(nlp: Language) -> None:
    """Longest first, then leftmost, ties kept in input order: the same choice as :func:`spacy.util.filter_spans`."""
    doc = nlp(" ".join(f"w{i}" for i in range(30)))
    rng = random.Random(3)
    for _ in range(200):
        triples = []
        for _k in range(rng.randint(0, 12)):
            start = rng.randint(0, 28)
            triples.append((start, rng.randint(start + 1, min(30, start + 4)), rng.choice(["ORG", "GPE", "PERSON"])))
        expected = [(s.start, s.end, s.label_) for s in filter_spans([Span(doc, s, e, label=lab) for s, e, lab in triples])]
        assert _filter_spans(triples) == expected


def test_packed_reading_unpacks_to_the_same_reading(reader: Reader, english: list[Article]) -> None:
    for reading in reader.read_many(english[:6]):
        packed = pack_reading(reading)
        assert unpack_reading(packed) == reading
        assert all(type(part) is tuple for layer in packed for part in layer)
