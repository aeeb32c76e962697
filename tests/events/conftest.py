"""Fixtures of the event-coding tests: the trained reading model and a coder over it.

The tests that use them need the trained spaCy model (src/sitrep/models/en_sitrep_core) and skip without
it; ``SITREP_TEST_MODEL=DIR`` points them at another trained model directory.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.events.classify import EventClassifier
from sitrep.events.record import Event

Coder = Callable[..., list[Event]]  # coder(text, *, published="2021-04-15") -> the events coded in text


@pytest.fixture(scope="session")
def event_model_dir() -> Path:
    """The reading model the event tests read with (skips when it is not trained)."""
    from sitrep.nlp.pipeline import default_model_path

    override = os.environ.get("SITREP_TEST_MODEL")
    path = Path(override) if override else default_model_path()
    if not (path / "meta.json").is_file():
        pytest.skip("the trained model src/sitrep/models/en_sitrep_core is missing (sitrep train nlp)")
    return path


@pytest.fixture(scope="session")
def coder(event_model_dir: Path) -> Coder:
    """``coder(text, *, published=...)``: reads ``text`` as one article and returns its coded events."""
    from sitrep.events.classify import load_classifier
    from sitrep.events.extract import code_events
    from sitrep.kb import load_kb
    from sitrep.model import Article
    from sitrep.nlp.pipeline import load_pipeline
    from sitrep.nlp.read import read_doc

    nlp = load_pipeline(path=event_model_dir)
    kb = load_kb()
    classifier = load_classifier()

    def run(text: str, *, published: str = "2021-04-15") -> list[Event]:
        article = Article(id="t1", source="test", text=text, published=published, language="en")
        doc = nlp(text)
        reading = read_doc(doc, article=article, kb=kb)
        return code_events(doc, reading, article=article, kb=kb, classifier=classifier)

    return run


@pytest.fixture(scope="session")
def classifier() -> EventClassifier:
    """The fast (default) event-type classifier, as shipped."""
    from sitrep.events.classify import load_classifier

    return load_classifier(accurate=False)


@pytest.fixture(scope="session")
def example_sentences() -> list[str]:
    """Every sentence of the example corpus's distinct article texts, in a fixed order."""
    from sitrep.eval.examples import load_examples
    from sitrep.events.sentences import split_sentences

    texts = {article.text for article in load_examples(None).values()}
    return [text[s.start : s.end] for text in sorted(texts) for s in split_sentences(text)]
