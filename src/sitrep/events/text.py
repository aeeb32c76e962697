"""Tokens and stems for event coding: a fast regex tokenizer and a small suffix stemmer.

The stemmer only needs to be consistent: trigger phrases in the lexicon and the words of a
sentence go through the same :func:`stem`, so "attacked", "attacks" and "attacking" all meet at
"attack", and "agree"/"agreed"/"agrees" at "agre".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "is_headline", "stem", "tokenize"]

_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_NO_UNDOUBLE = frozenset("lsz")
_VOWELS = frozenset("aeiou")


class Token(NamedTuple):
    """One word: its stem (or ``<num>``), lower-cased form, character offsets, and whether it is capitalised."""

    stem: str
    lower: str
    start: int
    end: int
    capital: bool


def stem(word: str, *, irregular: Mapping[str, str] | None = None) -> str:
    """A crude, consistent English stem of a lower-cased word."""
    if irregular is not None:
        word = irregular.get(word, word)
    return _stem(word)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 3:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) >= 4:
        word = word[:-1]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _NO_UNDOUBLE and word[-1] not in _VOWELS:
        word = word[:-1]
    if len(word) >= 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str, *, irregular: Mapping[str, str] | None = None) -> list[Token]:
    """Words and numbers of ``text`` with stems; offsets are relative to ``text``."""
    irregular = irregular or {}
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        lower = word.lower().replace("’", "'")
        key = "<num>" if lower[0].isdigit() else _stem(irregular.get(lower, lower))
        tokens.append(Token(key, lower, match.start(), match.end(), word[0].isupper()))
    return tokens


def is_headline(tokens: list[Token]) -> bool:
    """True for Title Case text (a headline), where capitals do not mark names.

    A sentence dense with names ("Gen. Mark Milley, chairman of the U.S. Joint Chiefs of Staff, spoke
    ...") is not a headline: it still has several lower-case content words.
    """
    words = [token for token in tokens[1:] if token.stem != "<num>" and len(token.lower) > 3]
    lower = sum(not token.capital for token in words)
    return len(words) >= 2 and lower <= 2 and sum(token.capital for token in words) > 0.6 * len(words)
