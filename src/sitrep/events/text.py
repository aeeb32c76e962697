"""Tokens and stems for event coding: a fast regex tokenizer and a small suffix stemmer.

The stemmer only needs to be consistent: trigger phrases in the lexicon and the words of a
sentence go through the same :func:`stem`, so "attacked", "attacks" and "attacking" all meet at
"attack", and "agree"/"agreed"/"agrees" at "agre".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from sitrep.events.memo import Memo

__all__ = ["Token", "is_headline", "shift_tokens", "slice_tokens", "stem", "tokenize", "window_span"]

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


# the tokens of recent texts, keyed by text and the identity of the ``irregular`` mapping (which the entry
# keeps alive, so its id is not reused while the entry stands); the coder tokenizes each sentence many times
_MEMO: Memo[tuple[str, int], tuple[Mapping[str, str] | None, tuple[Token, ...]]] = Memo(size=4096)
# each word's (stem, lower-cased form, capitalised), per ``irregular`` mapping (kept alive by its entry)
_WORDS: Memo[int, tuple[Mapping[str, str], dict[str, tuple[str, str, bool]]]] = Memo(size=8)
_WORD_MEMO = 1 << 16
_NO_IRREGULAR: Mapping[str, str] = MappingProxyType({})
_new_token = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__


def tokenize(text: str, *, irregular: Mapping[str, str] | None = None) -> list[Token]:
    """Words and numbers of ``text`` with stems; offsets are relative to ``text``.

    ``irregular`` (stem look-ups before stemming, e.g. ``TriggerLexicon.irregular``) must not change once
    used: the tokens of a text are remembered per mapping.
    """
    key = (text, id(irregular))
    found = _MEMO.get(key)
    if found is not None and found[0] is irregular:
        return list(found[1])
    tokens = tuple(_tokens(text, irregular or _NO_IRREGULAR))
    _MEMO.put(key, (irregular, tokens))
    return list(tokens)


def _tokens(text: str, irregular: Mapping[str, str]) -> list[Token]:
    words = _WORDS.get(id(irregular))
    if words is None or words[0] is not irregular:
        words = _WORDS.put(id(irregular), (irregular, {}))
    known = words[1]
    tokens: list[Token] = []
    append, find = tokens.append, text.find
    end = 0
    # the regex's words in one call; each one's offset is where it first occurs from the end of the one before (a
    # word begins with a letter or a digit, so it cannot begin in the characters the regex skipped)
    for word in _TOKEN.findall(text):
        found = known.get(word)
        if found is None:
            if len(known) >= _WORD_MEMO:
                known.clear()
            lower = word.lower().replace("’", "'")
            key = "<num>" if lower[0].isdigit() else _stem(irregular.get(lower, lower))
            found = known[word] = (key, lower, word[0].isupper())
        start = find(word, end)
        end = start + len(word)
        append(_new_token(Token, (found[0], found[1], start, end, found[2])))
    return tokens


def slice_tokens(tokens: Sequence[Token], text: str, part: str) -> tuple[Token, ...] | None:
    """The tokens of ``part`` when it is a stretch of ``text`` (whose tokens are ``tokens``) from a token's start to a
    token's end, as :func:`tokenize` would give them (offsets relative to ``part``); None when it is not.

    A word window of a sentence is such a stretch: its words are the sentence's, so it need not be tokenized again
    (the regex finds the same words in the stretch as in the whole, since no word crosses its ends).
    """
    found = window_span(tokens, text, part)
    if found is None:
        return None
    first, last, at = found
    return shift_tokens(tokens[first:last], at)


def window_span(tokens: Sequence[Token], text: str, part: str) -> tuple[int, int, int] | None:
    """Where ``part`` stands in ``text`` as a stretch of its tokens (:func:`slice_tokens`): the positions ``first``
    and ``last`` (excluded) of its tokens in ``tokens`` and its character offset in ``text``; None when it is no
    such stretch."""
    if not tokens:
        return None
    at = text.find(part)
    while at >= 0:
        first = bisect_left(tokens, at, key=_start)
        end = at + len(part)
        last = bisect_left(tokens, end, lo=first, key=_end)
        if first < len(tokens) and tokens[first].start == at and last < len(tokens) and tokens[last].end == end:
            return first, last + 1, at
        at = text.find(part, at + 1)  # found inside a word ("with" in "without"): the next place it stands
    return None


def shift_tokens(tokens: Sequence[Token], shift: int) -> tuple[Token, ...]:
    """``tokens`` with their offsets moved ``shift`` characters back (relative to a stretch starting there)."""
    if not shift:
        return tuple(tokens)
    return tuple(_new_token(Token, (t[0], t[1], t[2] - shift, t[3] - shift, t[4])) for t in tokens)


def token_index(tokens: Sequence[Token], start: int) -> int | None:
    """The index of the token that begins at character ``start``, if one does."""
    return next((i for i, t in enumerate(tokens) if t.start == start), None)


def _start(token: Token) -> int:
    return token.start


def _end(token: Token) -> int:
    return token.end


def is_headline(tokens: Sequence[Token]) -> bool:
    """True for Title Case text (a headline), where capitals do not mark names.

    A sentence dense with names ("Gen. Mark Milley, chairman of the U.S. Joint Chiefs of Staff, spoke
    ...") is not a headline: it still has several lower-case content words.
    """
    words = [token for token in tokens[1:] if token.stem != "<num>" and len(token.lower) > 3]
    lower = sum(not token.capital for token in words)
    return len(words) >= 2 and lower <= 2 and sum(token.capital for token in words) > 0.6 * len(words)
