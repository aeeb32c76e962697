"""Biaffine dependency parser over MiniLM word states (Dozat and Manning 2017 style), in NumPy.

Each word is represented by a learned mix of MiniLM's layer states at its first
word piece (the top layers fine-tuned by sitrep, the others the package's) and a
few spelling features (MiniLM is uncased). Two small MLPs per task give each word
a "dependent" and a "head" vector; a biaffine product scores every head for every
word (a learned root vector stands for the root), the best tree with one root
child is decoded by Chu-Liu/Edmonds (:mod:`sitrep.nlp.parser_minilm.mst`), and a
biaffine classifier labels each arc. A softmax layer also tags UPOS.

The model folder holds ``head.npz`` (the parser head and the layer-mix weights),
``encoder.npz`` (fine-tuned MiniLM layers in float16, replacing the package's; ``config.json``'s
``tuned_layers`` names them, 1 to 6) and ``config.json`` (labels, UPOS tags, mixed layers, version).
Only NumPy is needed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.digest import weights_digest
from sitrep.nlp.ner_minilm.encoder import BLOCK_KEYS, ContextualEncoder
from sitrep.nlp.parser_minilm.mst import mst_heads

Array = NDArray[np.float32]

HEAD_FILE = "head.npz"
ENCODER_FILE = "encoder.npz"
NOT_WEIGHTS = ("config.json", "LICENSE-ATTRIBUTION.md")
HEAD_KEYS = ("root", "arc_dep_w", "arc_dep_b", "arc_head_w", "arc_head_b", "arc_U", "arc_u",
             "lab_dep_w", "lab_dep_b", "lab_head_w", "lab_head_b", "lab_U", "pos_w", "pos_b")
SHAPE_WIDTH = 8
ROOT_LABEL = "root"


def shape_features(words: Sequence[str]) -> Array:
    """``(len(words), SHAPE_WIDTH)`` spelling features: casing, digits, punctuation, position."""
    out = np.zeros((len(words), SHAPE_WIDTH), dtype=np.float32)
    letters_words = 0
    lower_words = 0
    for i, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        out[i, 0] = bool(letters) and word[:1].isupper()
        out[i, 1] = len(letters) > 1 and upper == len(letters)
        out[i, 2] = bool(letters) and upper == 0
        out[i, 3] = any(c.isdigit() for c in word)
        out[i, 4] = not any(c.isalnum() for c in word)
        out[i, 5] = i == 0
        out[i, 6] = "-" in word
        if letters:
            letters_words += 1
            lower_words += upper == 0
    out[:, 7] = lower_words / letters_words if letters_words else 0.0
    return out


def leaky_relu(x: Array) -> Array:
    return np.asarray(np.where(x > 0, x, 0.1 * x), dtype=np.float32)


def mixed_states(encoder: ContextualEncoder, sentences: Sequence[Sequence[str]], weights: Mapping[int, float], *,
                 batch_pieces: int = 1024) -> list[Array]:
    """Per sentence, ``(words, dim)``: the first word piece's states, summed over layers with ``weights``."""

    def mix(states: list[Array]) -> Array:
        mixed = np.zeros_like(states[0])
        for layer, w in weights.items():
            mixed += np.float32(w) * states[layer]
        return mixed

    return encoder.first_piece_states(sentences, mix, upto=max(weights), batch_pieces=batch_pieces)


@dataclass(slots=True)
class Parse:
    """One sentence's analysis: 1-based heads (0 = root), dependency labels and UPOS tags, one per word."""

    heads: list[int]
    deps: list[str]
    upos: list[str]


class ParserHead:
    """The biaffine arc scorer, label classifier and UPOS tagger over word vectors (NumPy)."""

    def __init__(self, params: Mapping[str, Array]) -> None:
        self.p = {k: np.asarray(params[k], dtype=np.float32) for k in HEAD_KEYS}

    def arc_scores(self, x: Array) -> tuple[Array, Array]:
        """``(log-probabilities (n, n + 1) of each word's head, head candidates' vectors (n + 1, dim))``."""
        p = self.p
        h = np.concatenate([p["root"][None, :], x], axis=0)
        dep = leaky_relu(x @ p["arc_dep_w"] + p["arc_dep_b"])
        head = leaky_relu(h @ p["arc_head_w"] + p["arc_head_b"])
        s = (dep @ p["arc_U"]) @ head.T + (head @ p["arc_u"])[None, :]
        n = len(x)
        s[np.arange(n), np.arange(n) + 1] = -np.inf
        s = s - s.max(1, keepdims=True)
        return np.asarray(s - np.log(np.exp(s).sum(1, keepdims=True)), dtype=np.float32), h

    def label_scores(self, x: Array, h: Array, heads: Sequence[int]) -> Array:
        """``(n, labels)`` label logits of each word's arc from ``heads`` (0 = root)."""
        p = self.p
        dep = leaky_relu(x @ p["lab_dep_w"] + p["lab_dep_b"])
        head = leaky_relu(h[np.asarray(heads, dtype=np.int64)] @ p["lab_head_w"] + p["lab_head_b"])
        ones = np.ones((len(x), 1), dtype=np.float32)
        d1 = np.concatenate([dep, ones], axis=1)
        h1 = np.concatenate([head, ones], axis=1)
        n_labels, width, _ = p["lab_U"].shape
        left = (d1 @ p["lab_U"].transpose(1, 0, 2).reshape(width, n_labels * width)).reshape(len(x), n_labels, width)
        return np.asarray((left * h1[:, None, :]).sum(-1), dtype=np.float32)  # d1 U_l h1 for every label l

    def pos_scores(self, x: Array) -> Array:
        return np.asarray(x @ self.p["pos_w"] + self.p["pos_b"], dtype=np.float32)


def tuned_layers(overrides: Mapping[str, Array]) -> list[int]:
    """The 1-based transformer layers (as in the layer mix) that ``overrides`` replaces whole; a layer with only
    some of its weights replaced is an error."""
    keys: dict[int, set[str]] = {}
    for name in overrides:
        _, index, key = name.split(".")
        keys.setdefault(int(index) + 1, set()).add(key)
    partial = [layer for layer, names in keys.items() if names != set(BLOCK_KEYS)]
    if partial:
        raise ValueError(f"fine-tuned layers {partial} lack some of their weights")
    return sorted(keys)


class MinilmParser:
    """Parses tokenised sentences (lists of words) into UD heads, labels and UPOS tags."""

    def __init__(
        self,
        *,
        head: ParserHead,
        mix: Mapping[int, float],
        labels: Sequence[str],
        upos: Sequence[str],
        overrides: Mapping[str, Array] | None = None,
        encoder: ContextualEncoder | None = None,
        version: str = "1",
        digest: str = "",
    ) -> None:
        self.head = head
        self.mix = dict(mix)
        self.labels = tuple(labels)
        self.upos = tuple(upos)
        self.overrides = dict(overrides or {})
        self.version = version
        self.digest = digest
        self.encoder = encoder or ContextualEncoder(layers=(max(self.mix),), overrides=self.overrides)

    @classmethod
    def load(cls, path: Path) -> MinilmParser:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        with np.load(path / HEAD_FILE) as data:
            params = {k: np.asarray(data[k], dtype=np.float32) for k in HEAD_KEYS}
            weights = np.asarray(data["mix"], dtype=np.float32)
        overrides: dict[str, Array] = {}
        if (path / ENCODER_FILE).exists():
            with np.load(path / ENCODER_FILE) as data:
                overrides = {k: np.asarray(data[k], dtype=np.float32) for k in data.files}
        if "tuned_layers" in config and sorted(config["tuned_layers"]) != tuned_layers(overrides):
            raise ValueError(f"{path / ENCODER_FILE} does not hold the layers config.json names as fine-tuned")
        mix = {int(layer): float(w) for layer, w in zip(config["mix_layers"], weights, strict=True)}
        return cls(head=ParserHead(params), mix=mix, labels=config["labels"], upos=config["upos"],
                   overrides=overrides, version=str(config["version"]),
                   digest=weights_digest(path, skip=NOT_WEIGHTS))

    @property
    def reading_version(self) -> str:
        """The config version and the weights' digest (``1+1a2b3c4d5e``)."""
        return f"{self.version}+{self.digest}" if self.digest else self.version

    def save(self, path: Path, *, extra: dict[str, Any] | None = None) -> None:
        """Write the model folder: the head in float16, fine-tuned encoder layers in float16."""
        path.mkdir(parents=True, exist_ok=True)
        mixed = sorted(self.mix)
        halves: dict[str, Any] = {k: v.astype(np.float16) for k, v in self.head.p.items()}
        np.savez_compressed(path / HEAD_FILE, mix=np.array([self.mix[k] for k in mixed], dtype=np.float32), **halves)
        if self.overrides:
            layers: dict[str, Any] = {k: v.astype(np.float16) for k, v in sorted(self.overrides.items())}
            np.savez(path / ENCODER_FILE, **layers)
        config = {"version": self.version, "mix_layers": mixed, "tuned_layers": tuned_layers(self.overrides),
                  "labels": list(self.labels), "upos": list(self.upos), **(extra or {})}
        (path / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")

    def word_vectors(self, sentences: Sequence[Sequence[str]]) -> list[Array]:
        """The head's input per sentence: mixed MiniLM states and spelling features."""
        states = mixed_states(self.encoder, sentences, self.mix)
        return [np.concatenate([s, shape_features(w)], axis=1) for s, w in zip(states, sentences, strict=True)]

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[Parse]:
        """Heads, labels and UPOS for each sentence (a list of words, the sentence's tokens)."""
        return [decode(self.head, x, labels=self.labels, upos=self.upos) for x in self.word_vectors(sentences)]


def decode(head: ParserHead, x: Array, *, labels: Sequence[str], upos: Sequence[str]) -> Parse:
    """One sentence's parse from its word vectors: the best tree with one root child, then arc labels.

    The root child is labelled ``root`` and no other word is.
    """
    if len(x) == 0:
        return Parse([], [], [])
    logp, h = head.arc_scores(x)
    full = np.full((len(x) + 1, len(x) + 1), -np.inf, dtype=np.float64)
    full[1:] = logp
    heads = mst_heads(full)
    logits = head.label_scores(x, h, heads)
    root = list(labels).index(ROOT_LABEL)
    is_root = np.array(heads) == 0
    logits[is_root] = -np.inf
    logits[is_root, root] = 0.0
    logits[~is_root, root] = -np.inf
    return Parse(heads=heads, deps=[labels[int(i)] for i in logits.argmax(1)],
                 upos=[upos[int(i)] for i in head.pos_scores(x).argmax(1)])
