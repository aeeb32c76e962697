"""The dense head of the event classifier: a linear model over MiniLM sentence (and trigger-clause) embeddings.

Used by the "accurate" classifier (:func:`sitrep.events.classify.load_classifier` with ``accurate=True``):
its class probabilities are mixed with the sparse model's, ``log p = (1 - mix) log p_sparse + mix log
p_dense``. The head is trained by ``sitrep train events`` alongside the sparse model
(:mod:`sitrep.events.training`) and stored next to it (``models/events/minilm.npz``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.events.features import main_hit
from sitrep.events.lexicon import TriggerLexicon
from sitrep.events.text import tokenize

__all__ = ["CLAUSE_AFTER", "CLAUSE_BEFORE", "DenseHead", "trigger_clause"]

CLAUSE_BEFORE = 3  # tokens kept before the trigger
CLAUSE_AFTER = 6  # tokens kept after it: the window the event coder types further triggers on (`WINDOW_AFTER` in events.coder.options)


def trigger_clause(text: str, *, lexicon: TriggerLexicon) -> str:
    """The stretch of a sentence around its main trigger (the whole sentence when it has no trigger)."""
    tokens = tokenize(text, irregular=lexicon.irregular)
    hits = [hit for hit in lexicon.type_hits(tokens) if not hit.participant]
    if not hits:
        return text
    words = [token.lower for token in tokens]
    hit = main_hit(hits, words, complement_markers=lexicon.complement_markers) or min(hits, key=lambda h: h.first)
    lo = max(0, hit.first - CLAUSE_BEFORE)
    hi = min(len(tokens), hit.last + CLAUSE_AFTER)
    return text[tokens[lo].start : tokens[hi - 1].end]


@dataclass(slots=True)
class DenseHead:
    """Softmax regression over ``[sentence embedding, clause embedding]`` (clause part only if ``clause``)."""

    classes: list[str]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    mix: float
    clause: bool
    meta: dict[str, Any]
    none_vote: bool = False
    skip_above: float = 1.0

    @classmethod
    def load(cls, path: Path) -> DenseHead:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(
                classes=[str(name) for name in data["classes"]],
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                mix=float(meta["mix"]),
                clause=bool(meta["clause"]),
                meta=meta,
                none_vote=bool(meta.get("none_vote", False)),
                skip_above=float(meta.get("skip_above", 1.0)),
            )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            **self.meta,
            "mix": self.mix,
            "clause": self.clause,
            "none_vote": self.none_vote,
            "skip_above": self.skip_above,
        }
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            meta=np.array(json.dumps(meta, sort_keys=True)),
        )

    def log_probs(self, inputs: NDArray[np.float32]) -> NDArray[np.float64]:
        """Log class probabilities for rows of inputs (``(n, 384)`` or ``(n, 768)`` with the clause part)."""
        logits = inputs.astype(np.float64) @ self.weights.astype(np.float64) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        result: NDArray[np.float64] = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return result
