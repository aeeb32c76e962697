"""Evidence sentences for event coding: a deterministic splitter over the article text.

Event coding classifies whole sentences, so it needs boundaries that do not depend on how well the
parser segments a given text. Boundaries are paragraph breaks and sentence-final punctuation
(optionally followed by a closing quote) before an upper-case letter, a digit or an opening quote,
except after abbreviations ("U.S.", "Gen.", "Lt.", initials). Offsets are into the text.

>>> [(s.start, s.end) for s in split_sentences("Gen. Milley spoke. Kyiv agreed.")]
[(0, 18), (19, 31)]
"""

from __future__ import annotations

import re

from sitrep.nlp.layers import Sentence

__all__ = ["split_sentences"]

_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“‘'(]?[A-Z0-9•])")
_ABBREV = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Gov|Sen|Rep|St|Jr|Sr|Prof|No|Vol|Inc|Corp|Co"
    r"|Ltd|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|approx|vs)\.)$"
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (leading/trailing whitespace excluded), in order."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for match in _END.finditer(para.group()):
            end = para.start() + match.end()
            if _ABBREV.search(text[max(start, end - 8) : end].rstrip("\"'”’)")):
                continue
            _add(out, text, start, end)
            start = end
        _add(out, text, start, para.end())
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
