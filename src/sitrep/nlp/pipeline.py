"""Load sitrep's own English spaCy pipeline (shipped in ``sitrep/models/en_sitrep_core``).

No model is downloaded: the trained weights ship inside the package. The pipeline
is loaded once per process and shared (``load_pipeline`` is cached).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

MODEL_NAME = "en_sitrep_core"


def default_model_path() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("sitrep").joinpath("models", MODEL_NAME)))


RULE_COMPONENTS = ("sitrep_gazetteer", "sitrep_ent_consistency")


def load_pipeline(*, path: Path | None = None, rules: bool = True) -> Language:
    """The English pipeline: tokenizer, tagger, morphologizer (UPOS), lemmatizer, parser, NER.

    ``path`` loads another trained model directory instead of the shipped one.
    ``rules`` adds the entity gazetteer and the document consistency pass after
    the NER (:mod:`sitrep.nlp.ner_rules`). Sentence boundaries come from the
    parser (``doc.sents``). The result is cached: one pipeline per process.
    """
    return _load(str(Path(path).resolve() if path is not None else default_model_path()), rules)


@lru_cache(maxsize=4)
def _load(path: str, rules: bool) -> Language:
    if not (Path(path) / "meta.json").is_file():
        raise FileNotFoundError(f"no trained spaCy model at {path} (train one: sitrep train nlp)")
    nlp = spacy.load(path)
    if rules:
        import sitrep.nlp.ner_rules  # noqa: F401  (registers the rule factories)

        for name in RULE_COMPONENTS:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, last=True)
    return nlp
