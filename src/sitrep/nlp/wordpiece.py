"""BERT's uncased tokenization, shared by every use of the MiniLM encoder.

:func:`basic_words` is BERT's basic step (lower case, accents stripped, split on
spaces, control characters and punctuation); :func:`greedy_pieces` its
longest-match-first WordPiece step for one word. The callers add their own
limits (pieces per word or per text).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = ["basic_words", "greedy_pieces", "is_punct"]


def is_punct(char: str) -> bool:
    """BERT's punctuation: ASCII symbols and every Unicode P* character."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_words(text: str) -> list[str]:
    """BERT's basic (uncased) tokenization: lower case, strip accents, split on spaces and punctuation."""
    text = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if unicodedata.category(char) == "Mn":
            continue
        if char.isspace() or unicodedata.category(char) in {"Cc", "Cf"}:
            if current:
                words.append("".join(current))
                current = []
        elif is_punct(char):
            if current:
                words.append("".join(current))
                current = []
            words.append(char)
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


def greedy_pieces(word: str, ids: Mapping[str, int]) -> list[int] | None:
    """Longest-match-first word-piece ids of ``word`` as given (``None`` when some part has no piece)."""
    out: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                out.append(ids[piece])
                break
            end -= 1
        if end == start:
            return None
        start = end
    return out
