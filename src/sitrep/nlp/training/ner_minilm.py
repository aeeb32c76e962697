"""Train the frozen-feature entity tagger (``sitrep.nlp.ner_minilm``): one seeded command.

This is the baseline kind of the tagger (MiniLM frozen, an MLP over its states);
the shipped tagger is fine-tuned by :mod:`sitrep.nlp.training.ner_finetune`, which
reads the same data and splits from here.

    python -m sitrep.nlp.training.ner_minilm --corpora ../shared/corpora --output build/ner_minilm

Data (held-out sets are never read here: UNER EWT test, UD EWT test):

* UNER English-EWT **dev** (CC BY-SA 4.0): PER/ORG/LOC as annotated;
* GUM (UD_English-GUM, only the CC BY / public-domain genres listed in
  ``labels.json``), train, dev and test: the named entities that
  :func:`sitrep.nlp.training.corpora.gum_labelled_extents` derives, mapped
  PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC (NORP and EVENT are not UNER types: O).

``--select`` instead trains on the selection split's complement and scores the
selection split (every fourth UNER dev document and GUM dev): the settings in
:data:`SETTINGS` were chosen that way. Features come from the frozen MiniLM
encoder (NumPy, one thread is enough) plus spelling and gazetteer features; the
tagger is a one-hidden-layer MLP (scikit-learn, fixed seed) with BIO Viterbi.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.nlp.ner_minilm.encoder import ContextualEncoder
from sitrep.nlp.ner_minilm.features import sentence_features
from sitrep.nlp.ner_minilm.tagger import TAGS, TYPES, MinilmTagger, Mlp, TokenSpan
from sitrep.nlp.training.conllu import Sentence, iob_spans, read_iob2
from sitrep.nlp.training.corpora import (
    SELECTION_EVERY,
    gum_documents,
    gum_labelled_extents,
    non_overlapping,
    uner_dir,
)

Array = NDArray[np.float32]

GUM_TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SETTINGS: dict[str, Any] = {"layers": [3, 4, 5, 6], "hidden": 512, "epochs": 5, "alpha": 1e-4, "gum": True, "seed": 0}


@dataclass(slots=True)
class TaggedSentence:
    words: list[str]
    tags: list[str]
    source: str  # "uner" or "gum"


def _tags(n: int, spans: Sequence[TokenSpan]) -> list[str]:
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def uner_dev_documents(corpora: Path) -> list[list[TaggedSentence]]:
    """UNER EWT dev, grouped into documents in file order."""
    docs: list[list[TaggedSentence]] = []
    last = None
    for sent_id, tokens in read_iob2(uner_dir(corpora) / "en_ewt-ud-dev.iob2").items():
        doc_id = sent_id.rsplit("-", 1)[0]
        if doc_id != last:
            docs.append([])
            last = doc_id
        words = [t for t, _ in tokens]
        spans = [s for s in iob_spans([tag for _, tag in tokens]) if s[2] in TYPES]
        docs[-1].append(TaggedSentence(words, _tags(len(words), spans), "uner"))
    return docs


def gum_uner_spans(sentence: Sentence) -> list[TokenSpan]:
    """GUM named entities of one sentence in UNER types (names without a UNER type are left out first)."""
    extents = gum_labelled_extents(sentence)
    return non_overlapping((left, right, GUM_TO_UNER[label]) for left, right, label in extents if label in GUM_TO_UNER)


def gum_sentences(corpora: Path, splits: Sequence[str]) -> list[TaggedSentence]:
    """GUM sentences (CC BY genres) with their named entities in UNER types."""
    out: list[TaggedSentence] = []
    for split in splits:
        for document in gum_documents(corpora, split):
            for sentence in document:
                words = [w.form for w in sentence.words]
                out.append(TaggedSentence(words, _tags(len(words), gum_uner_spans(sentence)), "gum"))
    return out


def training_splits(corpora: Path, *, select: bool) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """``(train, selection)``; without ``select`` everything trains and the selection list is empty."""
    uner = uner_dev_documents(corpora)
    if not select:
        flat = [s for doc in uner for s in doc]
        return flat + gum_sentences(corpora, ("train", "dev", "test")), []
    train = [s for i, doc in enumerate(uner) if i % SELECTION_EVERY != 0 for s in doc]
    selection = [s for i, doc in enumerate(uner) if i % SELECTION_EVERY == 0 for s in doc]
    return train + gum_sentences(corpora, ("train", "test")), selection + gum_sentences(corpora, ("dev",))


def features(encoder: ContextualEncoder, sentences: Sequence[TaggedSentence]) -> list[Array]:
    states = encoder.encode([s.words for s in sentences])
    return [np.concatenate([x, sentence_features(s.words)], axis=1) for x, s in zip(states, sentences, strict=True)]


def fit_mlp(x: Array, y: NDArray[np.int64], *, hidden: int, epochs: int, alpha: float, seed: int) -> Mlp:
    """Standardise ``x`` and fit a one-hidden-layer MLP (scikit-learn, Adam, fixed seed)."""
    from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
    from sklearn.neural_network import MLPClassifier  # type: ignore[import-untyped]

    mean = x.mean(0)
    scale = x.std(0) + 1e-3
    model = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, batch_size=256, learning_rate_init=1e-3,
                          max_iter=epochs, shuffle=True, random_state=seed, tol=0.0, n_iter_no_change=10**6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit((x - mean) / scale, y)
    w2 = np.zeros((hidden, len(TAGS)), dtype=np.float32)
    b2 = np.full(len(TAGS), -1e4, dtype=np.float32)  # a tag never seen in training is never predicted
    for k, cls in enumerate(model.classes_):
        w2[:, int(cls)] = model.coefs_[1][:, k]
        b2[int(cls)] = model.intercepts_[1][k]
    return Mlp(mean=mean.astype(np.float32), scale=scale.astype(np.float32),
               w1=model.coefs_[0].astype(np.float32), b1=model.intercepts_[0].astype(np.float32), w2=w2, b2=b2)


def stack(feats: Sequence[Array], sentences: Sequence[TaggedSentence]) -> tuple[Array, NDArray[np.int64]]:
    index = {t: i for i, t in enumerate(TAGS)}
    x = np.concatenate(feats).astype(np.float32)
    y = np.array([index[t] for s in sentences for t in s.tags], dtype=np.int64)
    return x, y


def score(gold: Sequence[TaggedSentence], pred: Sequence[Sequence[TokenSpan]]) -> dict[str, dict[str, float]]:
    """Exact-span P/R/F1 per type and micro-averaged."""
    g = {(n, *span) for n, s in enumerate(gold) for span in iob_spans(s.tags)}
    p = {(n, *span) for n, spans in enumerate(pred) for span in spans}
    out: dict[str, dict[str, float]] = {}
    for t in (*TYPES, "micro"):
        gs = {x for x in g if t in ("micro", x[3])}
        ps = {x for x in p if t in ("micro", x[3])}
        tp = len(gs & ps)
        prec = tp / len(ps) if ps else 0.0
        rec = tp / len(gs) if gs else 0.0
        out[t] = {"p": round(prec, 4), "r": round(rec, 4),
                  "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "gold": len(gs)}
    return out


def selection_scores(tagger: MinilmTagger, selection: Sequence[TaggedSentence]) -> dict[str, Any]:
    """``selection_uner`` and ``selection_gum``: the tagger's scores on each part of the selection split."""
    out: dict[str, Any] = {}
    for source in ("uner", "gum"):
        part = [s for s in selection if s.source == source]
        out[f"selection_{source}"] = score(part, tagger.tag([s.words for s in part]))
    return out


def train(*, corpora: Path, output: Path | None, select: bool = False,
          settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train (and with ``select`` score on the selection split); writes the model to ``output``."""
    cfg = {**SETTINGS, **(settings or {})}
    start = time.perf_counter()
    train_set, selection = training_splits(corpora, select=select)
    if not cfg["gum"]:
        train_set = [s for s in train_set if s.source != "gum"]
    encoder = ContextualEncoder(layers=cfg["layers"])
    x, y = stack(features(encoder, train_set), train_set)
    mlp = fit_mlp(x, y, hidden=int(cfg["hidden"]), epochs=int(cfg["epochs"]), alpha=float(cfg["alpha"]),
                  seed=int(cfg["seed"]))
    tagger = MinilmTagger(mlp=mlp, layers=cfg["layers"], encoder=encoder)
    report: dict[str, Any] = {"settings": cfg, "train_sentences": len(train_set), "train_words": len(y)}
    if select:
        report.update(selection_scores(tagger, selection))
    if output is not None:
        tagger.save(output, extra={"settings": cfg, "trained_on": "UNER EWT dev + GUM CC BY genres"})
    report["seconds"] = round(time.perf_counter() - start, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.nlp.training.ner_minilm", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--output", type=Path, default=None, help="model folder to write")
    parser.add_argument("--select", action="store_true", help="train without the selection split and score it")
    parser.add_argument("--settings", type=json.loads, default=None, help='JSON overrides, e.g. \'{"hidden": 128}\'')
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    with threadpool_limits(limits=args.threads):
        report = train(corpora=args.corpora, output=args.output, select=args.select, settings=args.settings)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
