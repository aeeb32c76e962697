"""``quote_speaker`` flags: the same quoted words given to another person than independent sources give.

Two quotations are the same words when they share at least
``MIN_SHARED_WORDS`` content words or their content words overlap by
``MIN_JACCARD`` (Jaccard, with at least ``MIN_JACCARD_WORDS`` in common);
reported speech (indirect quotes, often paraphrased and attributed to an office
or a ministry) counts only on the Jaccard test. Both speakers must be resolved
people; they are the same person when they share a knowledge-base id or, when
either has none, a surname. The claim is the speaker's mention in the flagged
article. Quotations are compared within a story and, quoted directly on both
sides, with articles published within ``QUOTE_WINDOW_DAYS`` (a recap or a
later report repeats a quote weeks after it was said, in another story).
Severity: ``high`` when two or more independent clusters give the words to one
other person and none to this one, ``medium`` with one, ``low`` when some agree
but more differ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.nlp.layers import Entity, Quote, Reading
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, judge_severity
from sitrep.verify.lexicon import Lexicon, load_lexicon

__all__ = [
    "MIN_JACCARD",
    "MIN_JACCARD_WORDS",
    "MIN_SHARED_WORDS",
    "QUOTE_WINDOW_DAYS",
    "quote_speaker_flags",
    "quote_words",
    "same_words",
]

MIN_SHARED_WORDS = 6
MIN_JACCARD = 0.6
MIN_JACCARD_WORDS = 3
#: Direct quotations in articles of other stories published within this many days are compared too.
QUOTE_WINDOW_DAYS = 42
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(slots=True, frozen=True)
class _Said:
    article_id: str
    quote: Quote
    speaker: Entity
    words: frozenset[str]


def _content(text: str, lexicon: Lexicon) -> frozenset[str]:
    words = (w.casefold() for w in _WORD.findall(text))
    return frozenset(w for w in words if len(w) > 2 and w not in lexicon.function_words)


def quote_words(text: str, *, lexicon: Lexicon | None = None) -> frozenset[str]:
    """The content words of a quotation (case-folded; no function words, none under three letters)."""
    return _content(text, lexicon or load_lexicon())


def same_words(a: frozenset[str], b: frozenset[str], *, direct: bool) -> bool:
    """Whether two quotations' content words make them the same words."""
    shared = len(a & b)
    union = len(a | b)
    if union and shared >= MIN_JACCARD_WORDS and shared / union >= MIN_JACCARD:
        return True
    return direct and shared >= MIN_SHARED_WORDS


def _same_person(a: Entity, b: Entity) -> bool:
    if a.kb_id and b.kb_id:
        return a.kb_id == b.kb_id
    return a.name.split()[-1].casefold() == b.name.split()[-1].casefold()


def _said(article_id: str, reading: Reading, lexicon: Lexicon) -> list[_Said]:
    people = {e.id: e for e in reading.entities if e.label == "PERSON"}
    out: list[_Said] = []
    for quote in reading.quotes:
        speaker = people.get(quote.speaker or "")
        if speaker is None or quote.speaker_start is None or quote.speaker_end is None:
            continue
        out.append(_Said(article_id, quote, speaker, _content(quote.text, lexicon)))
    return out


def quote_speaker_flags(corpus: Corpus, *, window_days: int = QUOTE_WINDOW_DAYS) -> list[Flag]:
    """Quotations that independent sources of the same story, or direct quotations in articles published
    within ``window_days``, give to another person."""
    said: dict[str, list[_Said]] = {}
    for article_id in corpus.texts:
        reading = corpus.readings.get(article_id)
        if corpus.story(article_id) is not None and reading is not None:
            said[article_id] = _said(article_id, reading, corpus.lexicon)
    nearby = corpus.related_articles(said, window_days=window_days)
    flags: list[Flag] = []
    for article_id, mine in said.items():
        story = corpus.story_of[article_id]
        group = corpus.group(article_id)
        others = [(o, corpus.story_of[a] == story) for a in nearby[article_id] for o in said[a]]
        for item in mine:
            agree: set[str] = set()
            differ: dict[str, dict[str, _Said]] = {}
            for other, same_story in others:
                other_group = corpus.group(other.article_id)
                direct = item.quote.direct and other.quote.direct
                if other_group == group or not (same_story or direct):
                    continue
                if not same_words(item.words, other.words, direct=direct):
                    continue
                if _same_person(item.speaker, other.speaker):
                    agree.add(other_group)
                else:
                    differ.setdefault(other.speaker.name, {}).setdefault(other_group, other)
            flag = _judge(item, agree, differ, texts=corpus.texts, story=story)
            if flag is not None:
                flags.append(flag)
    return flags


def _judge(
    item: _Said, agree: set[str], differ: dict[str, dict[str, _Said]], *, texts: Mapping[str, str], story: str
) -> Flag | None:
    if not differ:
        return None
    expected = min(differ, key=lambda v: (-len(differ[v]), v))
    backing = {g: o for g, o in differ[expected].items() if g not in agree}
    n_exp = len(backing)
    if n_exp <= len(agree):
        return None
    severity = judge_severity(backing=n_exp, against=len(agree))
    evidence = [
        {"article_id": o.article_id, "span": texts[o.article_id][o.quote.start:o.quote.end], "start": o.quote.start,
         "end": o.quote.end, "source": "independent", "speaker": o.speaker.name}
        for o in backing.values()
    ]
    start, end = int(item.quote.speaker_start or 0), int(item.quote.speaker_end or 0)
    words = item.quote.text if len(item.quote.text) <= 80 else item.quote.text[:77] + "..."
    sources = f"{n_exp} independent source{'s' if n_exp != 1 else ''}"
    message = (
        f'this article gives the words "{words}" to {item.speaker.name}; {sources} give{"s" if n_exp == 1 else ""} '
        f"them to {expected}" + (f" ({len(agree)} agree with this article)" if agree else "")
    )
    return Flag(item.article_id, "quote_speaker", severity, texts[item.article_id][start:end], start, end, expected,
                evidence, message, story)
