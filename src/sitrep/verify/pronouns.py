"""Who a subject pronoun ("he", "she") stands for, from an article's reading layers.

A date's or a count's context names who the fact is about ("Biden warned Putin
during their call on Tuesday"); written with a pronoun ("he had warned Putin
during their call on Tuesday") the context loses that name and no longer
matches the independent sentences that name him. Two sources, in order:

* the quote layer: a quotation whose attribution is the pronoun ("he said",
  "adding that he had warned ...") and whose speaker the reader resolved to a
  person;
* the sentence before: a pronoun opening a sentence or a clause stands for the
  one person the previous sentence names (no resolution when it names none or
  several).

The pronouns are the ``subject_pronouns`` of ``data/verify_flags.json``.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.nlp.layers import Reading
from sitrep.verify.lexicon import load_flag_words

__all__ = ["resolve_pronouns"]

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _pronouns() -> frozenset[str]:
    raw = load_flag_words()
    return frozenset(str(w).casefold() for w in raw["subject_pronouns"])


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(name))


def resolve_pronouns(text: str, reading: Reading) -> dict[int, frozenset[str]]:
    """Start offset of each subject pronoun of ``text`` resolved to a person -> that person's name words,
    case-folded ("he" -> {"joe", "biden"})."""
    pronouns = _pronouns()
    people = {e.id: _name_words(e.name) for e in reading.entities if e.label == "PERSON"}
    out: dict[int, frozenset[str]] = {}
    for quote in reading.quotes:
        start, end = quote.speaker_start, quote.speaker_end
        if start is None or end is None or quote.speaker not in people:
            continue
        if text[start:end].casefold() in pronouns:
            out[start] = people[str(quote.speaker)]
    sentences = sorted((s.start, s.end) for s in reading.sentences)
    for k, (start, end) in enumerate(sentences):
        if k == 0:
            continue
        prev_start, prev_end = sentences[k - 1]
        named = {m.entity for m in reading.mentions
                 if prev_start <= m.start < prev_end and m.label == "PERSON" and m.entity in people}
        if len(named) != 1:
            continue
        person = people[str(named.pop())]
        for m in re.finditer(r"(?:^|(?<=[,;:]\s)|(?<=\band\s)|(?<=\bthat\s))([^\W\d_]+)\b", text[start:end]):
            if m.group(1).casefold() in pronouns:
                out.setdefault(start + m.start(1), person)
    return out
