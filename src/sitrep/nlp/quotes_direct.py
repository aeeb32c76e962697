"""Direct speech by its quotation marks, robust to parse errors.

Marks are paired on the characters of each paragraph: straight double quotes
open after whitespace (or at a paragraph start) and close after a word or
punctuation; curly and angle quotes pair as written. A quotation left open at
the end of a paragraph continues when the next paragraph opens with a quote
mark (the newspaper convention for quotes running over paragraphs), so one
quote may span several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.nlp.quotes_cues import QuoteCues

__all__ = ["QuotedSpan", "find_quoted_spans"]

_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_AFTER = frozenset(" \t([{\u2014\u2013-/")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quotation: ``open``/``close`` are the mark offsets, ``start``/``end`` the content."""

    open: int
    close: int
    start: int
    end: int
    words: int


def _kind(text: str, pos: int, para_start: int, cues: QuoteCues) -> str | None:
    ch = text[pos]
    if ch == '"':
        if pos == para_start or text[pos - 1] in _OPEN_AFTER:
            return "open"
        return "close"
    if ch in cues.quote_marks and ch not in cues.quote_marks.values():
        return "open"
    if ch in cues.quote_marks.values() and ch not in cues.quote_marks:
        return "close"
    if ch in cues.quote_marks:  # a mark that both opens and closes ("\u201c" after "\u201e")
        return "open" if pos == para_start or text[pos - 1] in _OPEN_AFTER else "close"
    return None


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_quoted_spans(text: str, *, cues: QuoteCues) -> list[QuotedSpan]:
    """Every quotation in ``text`` in order, with content offsets without the marks."""
    marks = set(cues.quote_marks) | set(cues.quote_marks.values())
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for p_idx, (p_start, p_end) in enumerate(paragraphs):
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        for pos in range(lead, p_end):
            if text[pos] not in marks:
                continue
            kind = _kind(text, pos, lead, cues)
            if open_at is not None and p_start > open_at and pos == lead and kind == "open":
                continue  # the opening mark of a continued quotation
            if kind == "open" and open_at is None:
                open_at = pos
            elif kind == "close" and open_at is not None:
                start, end = _content(text, open_at + 1, pos)
                if end > start:
                    spans.append(QuotedSpan(open_at, pos + 1, start, end, len(text[start:end].split())))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[p_idx + 1] if p_idx + 1 < len(paragraphs) else None
            continues = nxt is not None and text[nxt[0] : nxt[1]].lstrip()[:1] in marks
            if not continues:
                start, end = _content(text, open_at + 1, p_end)
                if end > start:
                    spans.append(QuotedSpan(open_at, p_end, start, end, len(text[start:end].split())))
                open_at = None
    return spans
