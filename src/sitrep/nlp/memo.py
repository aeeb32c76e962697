"""Memos shared by the reading layers: one parse's text, words and title hits.

The rule components and layers read the same things many times per article:
spaCy rebuilds ``doc.text`` token by token on every access, ``[t.text for t in doc]``
creates a Python object per token each time, and the knowledge base scans the whole
text for titles on every call. :func:`doc_text`, :func:`doc_words` and
:func:`doc_titles` compute each once per doc and keep it in ``doc.user_data`` (a
doc's text and tokens do not change once it is parsed); the knowledge base itself
remembers its answers for short titles and names (:meth:`sitrep.kb.KnowledgeBase.office`).

Callers must not change what they get back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.kb import KnowledgeBase
    from sitrep.kb.offices import TitleHit

__all__ = ["doc_text", "doc_titles", "doc_words", "remember_text"]

_TEXT = "sitrep.memo:text"
_WORDS = "sitrep.memo:words"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """``doc``, made by the tokenizer from ``text``, with ``text`` kept as its :func:`doc_text`.

    spaCy's tokens keep every character of the text they were made from, so ``doc.text``
    equals ``text`` and need not be rebuilt token by token.
    """
    doc.user_data[_TEXT] = text
    return doc


def doc_words(doc: Doc) -> list[str]:
    """The text of each token (``[t.text for t in doc]``), built once per doc."""
    words = doc.user_data.get(_WORDS)
    if not isinstance(words, list):
        strings = doc.vocab.strings
        words = [strings[orth] for orth in doc.to_array("ORTH").tolist()] if len(doc) else []
        doc.user_data[_WORDS] = words
    return words


def doc_titles(doc: Doc, kb: KnowledgeBase) -> list[TitleHit]:
    """``kb.find_titles(doc.text)``, found once per doc and knowledge base."""
    key = f"sitrep.memo:titles:{id(kb)}"
    hits = doc.user_data.get(key)
    if not isinstance(hits, list):
        hits = kb.find_titles(doc_text(doc))
        doc.user_data[key] = hits
    return hits
