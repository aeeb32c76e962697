"""What the MiniLM spaCy components (accurate entities, accurate parser) share: batches of documents of
about ``batch_words`` words, read one sentence at a time, with the encoder on ``threads`` BLAS threads.

A document with sentence boundaries is read sentence by sentence; one without is read whole (one window
sequence). Subclasses of :class:`SentenceBatchComponent` say what to do with a batch in :meth:`process`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from spacy.tokens import Doc

__all__ = ["SentenceBatchComponent", "doc_sentences"]

T = TypeVar("T")


def doc_sentences(docs: Sequence[Doc]) -> list[tuple[int, int, int]]:
    """``(doc index, start token, end token)`` of each sentence of ``docs`` (a whole document without
    sentence boundaries counts as one)."""
    sentences: list[tuple[int, int, int]] = []
    for d, doc in enumerate(docs):
        if doc.has_annotation("SENT_START"):
            sentences.extend((d, s.start, s.end) for s in doc.sents)
        elif len(doc):
            sentences.append((d, 0, len(doc)))
    return sentences


class SentenceBatchComponent:
    """A spaCy component that handles documents in word-bounded batches (see the module docstring)."""

    batch_words: int = 2000
    threads: int = 1  # BLAS threads for the encoder: more than the free cores is much slower

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        words = 0
        for doc in docs:
            batch.append(doc)
            words += len(doc)
            if words >= self.batch_words or len(batch) >= batch_size:
                yield from self.process(batch)
                batch, words = [], 0
        if batch:
            yield from self.process(batch)

    def process(self, docs: list[Doc]) -> list[Doc]:
        """Annotate one batch in place and return it."""
        raise NotImplementedError

    def read_sentences(
        self, docs: Sequence[Doc], read: Callable[[list[list[str]]], list[T]]
    ) -> list[tuple[tuple[int, int, int], T]]:
        """Each sentence of ``docs`` (:func:`doc_sentences`) with what ``read`` gives for its words, ``read``
        running on :attr:`threads` BLAS threads."""
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        sentences = doc_sentences(docs)
        with threadpool_limits(limits=self.threads):
            results = read([[t.text for t in docs[d][s:e]] for d, s, e in sentences])
        return list(zip(sentences, results, strict=True))
