"""Memos shared by the reading layers: one parse's text and words, and knowledge-base title look-ups.

The rule components and layers read the same things many times per article:
spaCy rebuilds ``doc.text`` token by token on every access, ``[t.text for t in doc]``
creates a Python object per token each time, and the knowledge base matches a
title against every office pattern on every call. These helpers compute each once
and hand back the same (read-only) result:

* :func:`doc_text`, :func:`doc_words` and :func:`doc_titles` keep theirs in
  ``doc.user_data`` (a doc's text and tokens do not change once it is parsed);
* :func:`kb_office` and :func:`kb_find_titles` remember the answers of one
  knowledge base for short strings (titles, names; its records do not change
  once it is loaded).

Callers must not change what they get back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.kb import KnowledgeBase, Office
    from sitrep.kb.offices import TitleHit

__all__ = ["doc_text", "doc_titles", "doc_words", "kb_find_titles", "kb_office"]

_TEXT = "sitrep.memo:text"
_WORDS = "sitrep.memo:words"

#: Above this many remembered answers a knowledge base's memo is cleared (a long run of new names).
KB_MEMO_SIZES = {"office": 20_000, "titles": 20_000}

# id(kb) -> (kb, {kind: {argument: answer}}); the kb is kept so that its id is not reused
_KB_MEMOS: dict[int, tuple[KnowledgeBase, dict[str, dict[str, Any]]]] = {}


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


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


def _memo(kb: KnowledgeBase, kind: str) -> dict[str, Any]:
    entry = _KB_MEMOS.get(id(kb))
    if entry is None or entry[0] is not kb:
        if len(_KB_MEMOS) >= 8:  # knowledge bases come and go in tests
            _KB_MEMOS.clear()
        entry = (kb, {})
        _KB_MEMOS[id(kb)] = entry
    memo = entry[1].setdefault(kind, {})
    if len(memo) >= KB_MEMO_SIZES[kind]:
        memo.clear()
    return memo


def kb_office(kb: KnowledgeBase, title: str) -> Office | None:
    """``kb.office(title)``, remembered."""
    memo = _memo(kb, "office")
    try:
        office: Office | None = memo[title]
    except KeyError:
        office = memo[title] = kb.office(title)
    return office


def kb_find_titles(kb: KnowledgeBase, text: str) -> list[TitleHit]:
    """``kb.find_titles(text)`` for a short ``text`` (a name), remembered (the same list: do not change it)."""
    memo = _memo(kb, "titles")
    try:
        hits: list[TitleHit] = memo[text]
    except KeyError:
        hits = memo[text] = kb.find_titles(text)
    return hits
