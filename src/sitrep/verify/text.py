"""Plain-text units for the rewrite diff: tokens, sentences and quotation ranges.

Everything keeps character offsets into the text it came from. Tokens are
words (hyphenated compounds and dotted abbreviations such as ``U.S.`` stay
whole; the clitic ``n't`` is its own token), numbers (``40,000``, ``1.5``),
and single punctuation or quote characters. ``norm`` is the case-folded form
with typographic quotes and dashes made plain, which is what the diff compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.verify.lexicon import Lexicon

__all__ = ["Token", "quote_ranges", "split_sentences", "tokenize"]

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|\d+(?:[.,:]\d+)*"  # 40,000  1.5  10:30
    r"|n['’]t\b"  # the clitic of don't, wasn't
    r"|[^\W\d_]+(?:-[^\W\d_]+)*(?=n['’]t\b)"  # the stem of don't
    r"|[^\W\d_]+(?:-[^\W\d_]+)*"  # words (Secretary-General, Russia-backed)
    r"|['’]s\b"  # possessive
    r"|\S",  # any other character: punctuation, quotes, $, %
)
_PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-"}
)
_OPEN = {"“": "”", "„": "“", '"': '"'}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


@dataclass(slots=True, frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str
    kind: str  # "word", "num", "punct"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, stop):
        word = m.group()
        if word[0].isdigit():
            kind = "num"
        elif word[0].isalpha() or (word[0] in "'’" and len(word) > 1):
            kind = "word"
        else:
            kind = "punct"
        out.append(Token(m.start(), m.end(), word, word.translate(_PLAIN).casefold(), kind))
    return out


def split_sentences(text: str, *, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs split at sentence-final punctuation (abbreviations kept)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        cut = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            if (
                m.group().startswith(".")
                and m.end() - m.start() == 1
                and _abbreviation(text, m.start(), lexicon)
            ):
                continue
            spans.append((cut, m.end()))
            cut = m.end()
        spans.append((cut, p_end))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _abbreviation(text: str, dot: int, lexicon: Lexicon) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot + 1].lstrip('"“‘(').casefold()
    return word in lexicon.abbreviations or bool(re.fullmatch(r"(?:[a-z]\.)+", word))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks (the marks excluded), paragraph by paragraph.

    A quotation that runs on into the next paragraph without a closing mark
    ends at the paragraph's end.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        closing: str | None = None
        opened = 0
        for i, ch in enumerate(para, start=pos):
            if closing is None and ch in _OPEN:
                closing, opened = _OPEN[ch], i + 1
            elif closing is not None and (ch == closing or ch in '”"'):
                out.append((opened, i))
                closing = None
        if closing is not None:
            out.append((opened, pos + len(para)))
        pos += len(para) + 1
    return out
