"""Token classes the rewrite diff compares: names, countries, offices, numbers, dates, negations.

Plain text alone gives capitalised-word names, number values, dates, country
names and demonyms (from the lexicon) and quotation ranges. When the reading
layers are given, their mentions decide what is a name or a country, their
quotes give exact quotation and speaker spans, and their roles say which
person an office phrase belongs to.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.nlp.layers import Reading
from sitrep.verify.lexicon import Lexicon
from sitrep.verify.text import Token, quote_ranges, split_sentences, tokenize

__all__ = ["TagCache", "Tagged", "tag_article"]

_STRONG_OFFICES = frozenset(
    {"minister", "president", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy"}
)
_DATE_LEADS = frozenset({"this", "last", "next", "past", "coming", "previous", "following", "that", "same"})
_DATE_HEADS = frozenset(
    {"week", "weekend", "month", "year", "day", "morning", "evening", "night", "afternoon"}
)
_QUOTE_CHARS = frozenset('"“”„')
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "LOC", "EVENT", "GPE", "NORP", "WORK_OF_ART", "LAW"})


@dataclass(slots=True)
class Tagged:
    """One article's text cut into sentences and tagged tokens (parallel lists)."""

    text: str
    tokens: list[Token]
    tags: list[str]  # name country office num date neg word punct quote
    codes: list[str | None]  # ISO code of a country token
    values: list[float | None]  # value of a number token
    in_quote: list[bool]
    speaker: list[bool]  # inside a speaker span of a reading's quote
    sentences: list[tuple[int, int]]  # (start, end) character spans
    sentence_tokens: list[tuple[int, int]]  # token index ranges, parallel to sentences
    role_spans: list[tuple[int, int, str]]  # (start, end, "person: role of country") from a reading

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


class TagCache:
    """Each article's text tagged once (without its reading) for one verification run, by article id.

    The date, number and internal checks all tag the same articles; they
    share one cache so that each text is tagged at most once per run.
    """

    def __init__(self, texts: Mapping[str, str], *, lexicon: Lexicon) -> None:
        self._texts = texts
        self._lexicon = lexicon
        self._tagged: dict[str, Tagged] = {}

    def __call__(self, article_id: str) -> Tagged:
        tagged = self._tagged.get(article_id)
        if tagged is None:
            tagged = tag_article(self._texts[article_id], lexicon=self._lexicon)
            self._tagged[article_id] = tagged
        return tagged


def tag_article(text: str, *, lexicon: Lexicon, reading: Reading | None = None) -> Tagged:
    tokens = tokenize(text)
    if reading is not None and reading.sentences:
        sentences = [(s.start, s.end) for s in reading.sentences]
    else:
        sentences = split_sentences(text, lexicon=lexicon)
    starts = [t.start for t in tokens]
    sentence_tokens = [(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)) for s, e in sentences]
    first_of_sentence = {lo for lo, _ in sentence_tokens}
    lower_words = {t.norm for t in tokens if t.kind == "word" and t.text[0].islower()}
    n = len(tokens)
    tags = ["word"] * n
    codes: list[str | None] = [None] * n
    values: list[float | None] = [None] * n
    i = 0
    while i < n:
        tok = tokens[i]
        width = _country_at(tokens, i, lexicon)
        if width:
            code = lexicon.country(" ".join(t.norm for t in tokens[i : i + width]))
            for k in range(i, i + width):
                tags[k], codes[k] = "country", code
            i += width
            continue
        tags[i], values[i] = _tag_one(tok, i, tokens, lexicon, first_of_sentence, lower_words)
        i += 1
    _date_phrases(tokens, tags)
    in_quote = _inside(tokens, quote_ranges(text))
    speaker = [False] * n
    role_spans: list[tuple[int, int, str]] = []
    if reading is not None:
        _overlay_reading(reading, tokens, tags, codes, lexicon)
        direct = [(q.start, q.end) for q in reading.quotes if q.direct]
        in_quote = [a or b for a, b in zip(in_quote, _inside(tokens, direct), strict=True)]
        spans = [(q.speaker_start, q.speaker_end) for q in reading.quotes if q.speaker_start is not None]
        speaker = _inside(tokens, [(s, e) for s, e in spans if e is not None])
        role_spans = [
            (r.start, r.end, f"{r.person}: {r.role} of {r.country or r.org}") for r in reading.roles
        ]
    return Tagged(
        text, tokens, tags, codes, values, in_quote, speaker, sentences, sentence_tokens, role_spans
    )


def _country_at(tokens: list[Token], i: int, lexicon: Lexicon) -> int:
    if not tokens[i].text[0].isupper():
        return 0
    for width in range(min(lexicon.max_country_words, len(tokens) - i), 0, -1):
        phrase = " ".join(t.norm for t in tokens[i : i + width])
        if lexicon.country(phrase) is not None and tokens[i + width - 1].text[0].isupper():
            return width
    head = tokens[i].norm.split("-")[0]
    return 1 if "-" in tokens[i].norm and lexicon.country(head) is not None else 0


def _tag_one(
    tok: Token,
    i: int,
    tokens: list[Token],
    lexicon: Lexicon,
    first_of_sentence: set[int],
    lower_words: set[str],
) -> tuple[str, float | None]:
    if tok.kind == "num":
        return _number_tag(tok, i, tokens, lexicon)
    if tok.kind == "punct":
        return ("quote" if tok.text in _QUOTE_CHARS else "punct"), None
    norm, capital = tok.norm, tok.text[0].isupper()
    if norm in lexicon.weekdays or (capital and norm in lexicon.months):
        return "date", None
    if norm in lexicon.negations:
        return "neg", None
    if norm in lexicon.number_words:
        return "num", lexicon.number_words[norm]
    if norm in lexicon.scale_words:
        return "num", lexicon.scale_words[norm]
    if norm in lexicon.offices and (capital or norm in _STRONG_OFFICES):
        return "office", None
    if capital and norm not in lexicon.function_words and norm not in ("'s", "'"):
        if i in first_of_sentence and norm in lower_words:
            return "word", None
        return "name", None
    return "word", None


def _number_tag(tok: Token, i: int, tokens: list[Token], lexicon: Lexicon) -> tuple[str, float | None]:
    raw = tok.norm.replace(",", "")
    if ":" in raw:
        return "date", None
    try:
        value = float(raw)
    except ValueError:
        return "num", None
    neighbours = [tokens[k].norm for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
    if any(w in lexicon.months for w in neighbours):
        return "date", value
    if len(tok.norm) == 4 and 1900 <= value <= 2100 and _year_context(i, tokens, lexicon):
        return "date", value
    if i + 1 < len(tokens) and tokens[i + 1].norm in lexicon.scale_words:
        value *= lexicon.scale_words[tokens[i + 1].norm]
    return "num", value


_YEAR_LEADS = frozenset(
    {
        "in",
        "since",
        "from",
        "until",
        "by",
        "before",
        "after",
        "of",
        "early",
        "late",
        "mid",
        "between",
        "and",
        "to",
        "the",
        ",",
    }
)


def _year_context(i: int, tokens: list[Token], lexicon: Lexicon) -> bool:
    """A four-digit number is a year unless a counted noun follows it ("1900 miles")."""
    if i > 0 and tokens[i - 1].norm in _YEAR_LEADS:
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is None or following.kind != "word" or following.norm in lexicon.function_words


def _date_phrases(tokens: list[Token], tags: list[str]) -> None:
    for i in range(len(tokens) - 1):
        if tokens[i].norm in _DATE_LEADS and (tokens[i + 1].norm in _DATE_HEADS or tags[i + 1] == "date"):
            tags[i] = tags[i + 1] = "date"
        elif tokens[i].norm in ("yesterday", "today", "tomorrow", "tonight"):
            tags[i] = "date"
        elif tokens[i + 1].norm == "ago" and tags[i] == "num":
            tags[i + 1] = "date"


def _inside(tokens: list[Token], ranges: list[tuple[int, int]]) -> list[bool]:
    out = [False] * len(tokens)
    if not ranges:
        return out
    ranges = sorted(ranges)
    starts = [s for s, _ in ranges]
    for k, tok in enumerate(tokens):
        pos = bisect.bisect_right(starts, tok.start) - 1
        out[k] = pos >= 0 and tok.start >= ranges[pos][0] and tok.end <= ranges[pos][1]
    return out


def _overlay_reading(
    reading: Reading, tokens: list[Token], tags: list[str], codes: list[str | None], lexicon: Lexicon
) -> None:
    starts = [t.start for t in tokens]
    for mention in reading.mentions:
        if mention.label not in _NAME_LABELS or mention.kind not in ("name", "surname", "metonym"):
            continue
        code = lexicon.country(mention.text) if mention.label in ("GPE", "NORP") else None
        for k in range(bisect.bisect_left(starts, mention.start), len(tokens)):
            tok = tokens[k]
            if tok.end > mention.end:
                break
            if code is not None:
                tags[k], codes[k] = "country", code
            elif tags[k] in ("word", "name") and tok.text[0].isupper():
                tags[k] = "name"
