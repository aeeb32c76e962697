"""``reversal`` flags: an event whose actor and recipient countries are the reverse of what independent
sources report of the same fact.

Which reports count
    Events of the same type in the same story with the same trigger word,
    events of the same type in sentences on the same topic
    (:func:`same_sentence_topic`), or events of another type (event typing is
    noisy: "urged NATO ... and thanked the allies" may be coded as a request in
    one article and as support in another) in sentences sharing
    ``OTHER_TYPE_SHARE`` of their content words and each other's trigger
    words; from articles of the same story or published within
    ``REVERSAL_WINDOW_DAYS`` (a recap or a later report restates a fact in
    another story), their events dated within ``window_days`` of each other.
Who speaks for an independence cluster
    An article never supports itself: only clusters other than the flagged
    article's own count. Within a cluster the original (the article the
    cluster is named after) speaks for the fact when it reports it; a copy or
    rewrite speaks only on what the original does not address. A cluster backs
    an order only when none of its members reports the fact the other way
    round (in an event of the same type): a copy that reversed its original's
    fact never counts for the reversed order, and its cluster then backs
    neither (two reversed copies of different originals are no two sources
    against an honest report).
Replies
    An event whose sentence reports it as the answer to another ("in response
    to", "in retaliation for": :func:`answers_reverse_act`) is a fact of its
    own, not the reverse act told the wrong way round: never flagged.
Reciprocal facts
    A fact reported both ways within one article (mutual expulsions,
    accusations traded: two events of one type and opposite directions that
    report the same fact, one of them the flagged event's fact) is never
    flagged.

Severity follows :func:`sitrep.verify.flags.judge_severity`: ``high`` when two
independent clusters report the reverse order and none this article's order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sitrep.patterns import phrase_alternation
from sitrep.verify.consensus import dates_compatible, event_date
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, judge_severity, sources_phrase
from sitrep.verify.lexicon import load_flag_words, load_lexicon

__all__ = ["REVERSAL_WINDOW_DAYS", "answers_reverse_act", "reversal_flags", "same_sentence_topic"]

#: Articles of other stories published within this many days are read too (kept within
#: :data:`sitrep.verify.scope.EVIDENCE_WINDOW_DAYS`, what an incremental verification reads).
REVERSAL_WINDOW_DAYS = 42
_WORD = re.compile(r"[^\W\d_]{3,}")
#: Two sentences are on the same topic with this many content words in common (as a share of the smaller
#: sentence's words, and in number).
SAME_TOPIC_SHARE = 0.3
SAME_TOPIC_WORDS = 4
#: Events of two types report the same fact only in sentences sharing this share of their content words (one
#: sentence often codes several events: "Kuleba urged NATO ..., and he thanked the allies").
OTHER_TYPE_SHARE = 0.5

Event = Mapping[str, Any]


def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(sentence)) - load_lexicon().function_words


def _topic_match(wa: frozenset[str], wb: frozenset[str], *, share: float = SAME_TOPIC_SHARE) -> bool:
    shared = len(wa & wb)
    return shared >= SAME_TOPIC_WORDS and shared >= share * min(len(wa), len(wb))


def same_sentence_topic(a: str, b: str) -> bool:
    """Whether two sentences share most of their content words (see ``SAME_TOPIC_SHARE``)."""
    return _topic_match(_content_words(a), _content_words(b))


def _says(a: Event, b: Event) -> bool:
    """Whether ``a``'s sentence contains ``b``'s trigger words."""
    words = re.escape(str(b["span"]).casefold())
    return re.search(rf"(?<!\w){words}(?!\w)", str(a["sentence"]).casefold()) is not None


@cache
def _reply_cue() -> re.Pattern[str]:
    cues = phrase_alternation(load_flag_words()["reply_cues"])
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


def answers_reverse_act(sentence: str) -> bool:
    """Whether a sentence reports its act as the answer to another ("expelled ten U.S. diplomats *in response
    to* Washington's sanctions"): the reverse act is a separate fact, so it is no reversal (data:
    ``reply_cues`` in ``verify_flags.json``)."""
    return _reply_cue().search(sentence) is not None


def _direction(e: Event) -> tuple[str, str]:
    return str(e["source_country"]), str(e["target_country"])


class _Facts:
    """Whether two events report the same fact (see the module docstring), with cached sentence words."""

    def __init__(self, story_of: Mapping[str, str]) -> None:
        self.story_of = story_of
        self._words: dict[str, frozenset[str]] = {}

    def words(self, sentence: str) -> frozenset[str]:
        if sentence not in self._words:
            self._words[sentence] = _content_words(sentence)
        return self._words[sentence]

    def same(self, a: Event, b: Event) -> bool:
        wa, wb = self.words(str(a["sentence"])), self.words(str(b["sentence"]))
        if a["type"] != b["type"]:
            return _topic_match(wa, wb, share=OTHER_TYPE_SHARE) and _says(b, a) and _says(a, b)
        story = self.story_of.get(str(a["article_id"]))
        if story is not None and story == self.story_of.get(str(b["article_id"])) and (
            str(a["span"]).casefold() == str(b["span"]).casefold()
        ):
            return True
        return _topic_match(wa, wb)


def _reciprocal_pairs(mentions: Sequence[Event], facts: _Facts) -> list[tuple[Event, Event]]:
    """Pairs of one article's events of one type that report the same fact in opposite directions."""
    return [
        (m, r)
        for i, m in enumerate(mentions)
        for r in mentions[i + 1:]
        if m["type"] == r["type"] and _direction(r) == _direction(m)[::-1] and facts.same(m, r)
    ]


def reversal_flags(
    events: Sequence[Event],
    corpus: Corpus,
    *,
    window_days: int = 7,
    related_days: int = REVERSAL_WINDOW_DAYS,
) -> list[Flag]:
    """Events whose actor and recipient countries are the reverse of what independent sources report
    of the same fact (see the module docstring)."""
    usable = [
        e for e in events
        if e.get("status") not in ("negated", "hypothetical")
        and e.get("source_country") and e.get("target_country") and e["source_country"] != e["target_country"]
    ]
    answers = {id(e) for e in usable if answers_reverse_act(str(e["sentence"]))}
    by_article: dict[str, list[Event]] = {}
    for e in usable:
        by_article.setdefault(str(e["article_id"]), []).append(e)
    facts = _Facts(corpus.story_of)
    reciprocal = {a: pairs for a, mentions in by_article.items() if (pairs := _reciprocal_pairs(mentions, facts))}
    nearby = corpus.related_articles(by_article, window_days=related_days)

    members: dict[str, list[str]] = {}
    for article_id in by_article:
        members.setdefault(corpus.group(article_id), []).append(article_id)

    def muted(m: Event) -> bool:
        """A copy's report of a fact its cluster's original addresses itself."""
        article_id = str(m["article_id"])
        head = corpus.group(article_id)
        return article_id != head and any(facts.same(m, o) for o in by_article.get(head, ()))

    def contradicted(group: str, speaking: Sequence[Event]) -> bool:
        """Whether a member of ``group`` reports the fact of ``speaking`` in the opposite direction."""
        reverse = _direction(speaking[0])[::-1]
        return any(
            _direction(o) == reverse and o["type"] == m["type"] and facts.same(m, o)  # not another clause's event
            for member in members.get(group, ()) for o in by_article[member] for m in speaking
        )

    flags: list[Flag] = []
    for e in usable:
        if id(e) in answers:
            continue  # an answer to the reverse act, not that act told the wrong way round
        article_id = str(e["article_id"])
        story = corpus.story(article_id)
        s, t = _direction(e)
        if any(
            m["type"] == e["type"] and set(_direction(m)) == {s, t} and (facts.same(e, m) or facts.same(e, r))
            for other in [article_id, *nearby.get(article_id, [])] for m, r in reciprocal.get(other, ())
        ):
            continue  # one article reports this fact, or one like it, both ways: reciprocal
        own_group = corpus.group(article_id)
        date = event_date(e, corpus.published)
        pair = {(s, t), (t, s)}
        reported = [
            m for other in [article_id, *nearby.get(article_id, [])] for m in by_article.get(other, ())
            if m is not e and _direction(m) in pair and facts.same(e, m)
        ]
        by_source: dict[str, set[tuple[str, str]]] = {}
        for m in [e, *reported]:
            if m["type"] == e["type"]:
                by_source.setdefault(str(m["article_id"]), set()).add(_direction(m))
        if any(len(dirs) > 1 for dirs in by_source.values()):
            continue  # one article reports the fact both ways: reciprocal
        candidates: dict[str, list[Event]] = {}
        for m in reported:
            g = corpus.group(str(m["article_id"]))
            if g != own_group and dates_compatible(date, event_date(m, corpus.published), window_days=window_days):
                candidates.setdefault(g, []).append(m)
        same: dict[str, Event] = {}
        swapped: dict[str, Event] = {}
        for g, ms in candidates.items():
            heads = [m for m in ms if str(m["article_id"]) == g]
            speaking = heads or [m for m in ms if not muted(m)]
            speaking = [m for m in speaking if m["type"] == e["type"]] or speaking
            directions = {_direction(m) for m in speaking}
            if len(directions) != 1 or contradicted(g, speaking):
                continue  # the cluster is silent on the fact, or reports it both ways
            best = _best(speaking, e)
            (same if directions == {(s, t)} else swapped)[g] = best
        if len(swapped) <= len(same):
            continue
        flags.append(_flag(e, swapped, same, story=story))
    return flags


def _best(mentions: Sequence[Event], e: Event) -> Event:
    """The mention to cite: the same trigger word as ``e`` first, then the original article's."""
    word = str(e["span"]).casefold()
    return min(mentions, key=lambda m: (str(m["span"]).casefold() != word, str(m["article_id"])))


def _flag(e: Event, swapped: Mapping[str, Event], same: Mapping[str, Event], *, story: str | None) -> Flag:
    s, t = _direction(e)
    severity = judge_severity(backing=len(swapped), against=len(same))
    evidence = [
        {"article_id": m["article_id"], "span": m["sentence"], "start": m["sentence_start"], "end": m["sentence_end"]}
        for m in swapped.values()
    ]
    n = len(swapped)
    message = (
        f"this article has {s} as the actor of {e['type']} against {t}; "
        f"{sources_phrase(n)} report{'s' if n == 1 else ''} {t} acting against {s}"
        + (f" ({sources_phrase(len(same))} agree with this article)" if same else "")
    )
    return Flag(str(e["article_id"]), "reversal", severity, str(e["sentence"]), int(e["sentence_start"]),
                int(e["sentence_end"]), f"{t} -> {s}", evidence, message, story)
