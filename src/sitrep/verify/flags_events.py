"""``number`` and ``reversal`` flags, from the coded events of independent articles.

``number``
    a quantity (troops, killed, ...) of the same event that independent sources
    of the same story give as another value (events reported as negated,
    hypothetical or in the future are left out). Two events are the same event when
    they share the kind of quantity, actor and recipient countries and a date
    window, and either the event type or most of their sentence's words (event
    typing is noisy: "move 40,000 troops" may be coded as a plan or a
    deployment, and a count of the killed must not be compared with a count of
    troops deployed);
``reversal``
    an event whose actor and recipient countries are swapped relative to what
    independent sources report of the same fact (:mod:`sitrep.verify.flags_reversal`).

An article never supports itself: evidence always comes from clusters other
than the article's own (see :mod:`sitrep.verify.independence`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.verify.consensus import dates_compatible, event_date, heads_only
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import Flag, give_phrase, judge_severity, sources_phrase
from sitrep.verify.flags_reversal import reversal_flags, same_sentence_topic

__all__ = ["number_flags", "reversal_flags", "same_sentence_topic"]

_NUMBER_WINDOW_DAYS = 3
#: Events whose quantities are no report of what happened ("accused NATO of preparing to deploy 40,000 troops"
#: is not a count of the troops deployed): the text check (:mod:`sitrep.verify.flags_numbers`) still reads them.
_UNREAL = frozenset({"negated", "hypothetical", "future"})
_NUMBER_RATIO = 1.5


def _quantities(event: Mapping[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in (event.get("quantities") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[str(key)] = float(value)
        elif isinstance(value, dict) and isinstance(value.get("amount"), int | float):
            out[f"{key}:{value.get('currency', '')}"] = float(value["amount"])
    return out


def _close(a: float, b: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high == low or (low > 0 and high / low < _NUMBER_RATIO)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def number_flags(
    events: Sequence[Mapping[str, Any]], corpus: Corpus
) -> list[Flag]:
    """Quantities of an event (same story, kind of quantity, actor and recipient countries, dates close)
    that independent sources give as another value."""
    usable = [e for e in events if e.get("status") not in _UNREAL and _quantities(e)]
    flags: list[Flag] = []
    for e in usable:
        article_id = str(e["article_id"])
        group, story = corpus.group(article_id), corpus.story(article_id)
        date = event_date(e, corpus.published)
        for key, value in _quantities(e).items():
            agree: set[str] = set()
            differ: dict[float, dict[str, Mapping[str, Any]]] = {}
            sides = (e.get("source_country"), e.get("target_country"))
            comparable = [
                o for o in usable
                if corpus.group(str(o["article_id"])) != group
                and corpus.story(str(o["article_id"])) == story and key in _quantities(o)
                and (o.get("source_country"), o.get("target_country")) == sides
                and (o.get("type") == e.get("type") or same_sentence_topic(str(o["sentence"]), str(e["sentence"])))
            ]
            for o in heads_only(comparable, group=lambda o: corpus.group(str(o["article_id"])),
                                article=lambda o: str(o["article_id"])):
                if not dates_compatible(date, event_date(o, corpus.published), window_days=_NUMBER_WINDOW_DAYS):
                    continue
                other_id = str(o["article_id"])
                other_group = corpus.group(other_id)
                other_value = _quantities(o)[key]
                if _close(other_value, value):
                    agree.add(other_group)
                else:
                    differ.setdefault(other_value, {}).setdefault(other_group, o)
            if not differ:
                continue
            expected = min(differ, key=lambda v: (-len(differ[v]), v))
            n_exp = len(differ[expected])
            if n_exp <= len(agree):
                continue
            severity = judge_severity(backing=n_exp, against=len(agree))
            evidence = [
                {"article_id": o["article_id"], "span": o["sentence"], "start": o["sentence_start"], "end": o["sentence_end"]}
                for o in differ[expected].values()
            ]
            label = key.split(":")[0]
            message = (
                f"this article gives {label} as {_fmt(value)}; {give_phrase(n_exp)} {_fmt(expected)} in this story"
                + (f" ({sources_phrase(len(agree))} agree with this article)" if agree else "")
            )
            flags.append(
                Flag(article_id, "number", severity, str(e["sentence"]), int(e["sentence_start"]),
                     int(e["sentence_end"]), _fmt(expected), evidence, message, story)
            )
    return flags
