"""Proxy groups named by their backer: "Russia-backed separatists", "Iran-backed Houthis", "the U.S.-led coalition".

PLOVER codes a group by what it is and where it operates, never by who backs it: the backer is kept out of
the actor and recipient roles. :func:`find_proxies` finds the phrases in a text (data:
``data/event_proxies.json``); :func:`proxy_actor` codes one:

* a group the knowledge base knows ("Iran-backed *Houthis*") by its entry (YEM, REB);
* a coalition led by a state ("the U.S.-led coalition") as a multinational military actor (``IGO``, ``MIL``);
* any other group ("Russia-backed *separatists*") by its noun's sector and the country where it operates,
  which the caller gives (the place the sentence names, else the story's other main state); with none
  known the group is not coded at all, rather than as its backer.

>>> from sitrep.kb import load_kb
>>> [(p.phrase, p.backer, p.group) for p in find_proxies("Russia-backed separatists shelled the town.", kb=load_kb())]
[('Russia-backed separatists', 'RUS', 'separatists')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sitrep.events.record import EventActor
from sitrep.patterns import phrase_alternation

if TYPE_CHECKING:
    from sitrep.kb import KnowledgeBase

__all__ = ["Proxy", "ProxyRules", "find_proxies", "load_proxy_rules", "proxy_actor"]

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_STOP = re.compile(r"[,;:.()\"“”]")


@dataclass(slots=True, frozen=True)
class ProxyRules:
    """Word lists from ``data/event_proxies.json``."""

    version: str
    pattern: re.Pattern[str]
    leading: frozenset[str]
    coalition_nouns: frozenset[str]
    group_nouns: dict[str, str]
    max_modifiers: int
    # the dash and backing word every match of ``pattern`` holds: a text without them has no proxy phrase
    cue: re.Pattern[str]


@lru_cache(maxsize=1)
def load_proxy_rules() -> ProxyRules:
    raw = json.loads((files("sitrep") / "data" / "event_proxies.json").read_text(encoding="utf-8"))
    words = {*raw["backing_words"], *raw["leading_words"]}
    pattern = re.compile(
        r"(?P<backer>\b(?:[A-Z][\w.'’]*)(?:\s+[A-Z][\w.'’]*)?)\s?[-‑–]\s?(?P<rel>"
        + phrase_alternation(words)
        + r")\b"
    )
    return ProxyRules(
        version=raw["version"],
        pattern=pattern,
        leading=frozenset(raw["leading_words"]),
        coalition_nouns=frozenset(raw["coalition_nouns"]),
        group_nouns={k.lower(): v for k, v in raw["group_nouns"].items()},
        max_modifiers=int(raw.get("max_modifiers", 2)),
        cue=re.compile(r"[-‑–]\s?(?:" + phrase_alternation(words) + r")\b"),
    )


@dataclass(slots=True, frozen=True)
class Proxy:
    """One proxy phrase ("Russia-backed separatists"): its span, its backer's span and country, its group."""

    start: int
    end: int
    backer_start: int
    backer_end: int
    backer: str  # the backer's country code
    group: str  # the group's words ("separatists", "Houthis", "coalition")
    led: bool  # "X-led": the backer leads a coalition
    organisation: EventActor | None  # the group as the KB knows it
    phrase: str

    def covers(self, offset: int) -> bool:
        return self.start <= offset < self.end


def find_proxies(text: str, *, kb: KnowledgeBase) -> list[Proxy]:
    """The proxy phrases of ``text`` in text order."""
    rules = load_proxy_rules()
    out: list[Proxy] = []
    if rules.cue.search(text) is None:
        return out  # (most articles: one quick scan instead of a try of the pattern at every capital)
    for found in rules.pattern.finditer(text):
        backer_text, shift = found.group("backer"), 0
        backer = kb.demonym(backer_text) or kb.country(backer_text)
        if " " in backer_text and (backer is None or backer_text.split()[0].lower() == "the"):
            # "The U.S.-led", "Moscow-backed" after a capitalised word of the sentence: the last word
            tail = backer_text.split()[-1]
            backer = kb.demonym(tail) or kb.country(tail)
            shift = len(backer_text) - len(tail)
        if backer is None:
            continue
        led = found.group("rel") in rules.leading
        group = _group_after(text, found.end(), rules=rules, kb=kb, led=led)
        if group is None:
            continue
        g_end, words, organisation = group
        out.append(
            Proxy(
                start=found.start() + shift,
                end=g_end,
                backer_start=found.start("backer") + shift,
                backer_end=found.end("backer"),
                backer=backer,
                group=words,
                led=led,
                organisation=organisation,
                phrase=text[found.start() + shift : g_end],
            )
        )
    return out


def _group_after(
    text: str, at: int, *, rules: ProxyRules, kb: KnowledgeBase, led: bool
) -> tuple[int, str, EventActor | None] | None:
    """The group a backing word qualifies: a known organisation's name or a group noun after at most
    ``max_modifiers`` words ("Russia-backed *separatist fighters*", "Iran-backed *Houthis*")."""
    stop = _STOP.search(text, at)
    window = text[at : stop.start() if stop else min(len(text), at + 120)]
    words = list(_WORD.finditer(window))[: rules.max_modifiers + 3]
    for i, word in enumerate(words[: rules.max_modifiers + 1]):
        # a known body: the longest capitalised run from here ("Kataib Hezbollah", "Houthis")
        if word.group()[0].isupper():
            run = [w for w in words[i:] if w.group()[0].isupper()]
            for size in range(len(run), 0, -1):
                name = window[run[0].start() : run[size - 1].end()]
                org = kb.organisation(name)
                if org is not None and org.actor_code is not None:
                    actor = EventActor(org.name, org.actor_code, org.sector, org.id)
                    return at + run[size - 1].end(), name, actor
        lower = word.group().lower()
        if led and lower in rules.coalition_nouns:
            return at + word.end(), lower, None
        if not led and lower in rules.group_nouns:
            last = word  # "separatist *authorities*", "rebel *fighters*": the last group noun heads the phrase
            for later in words[i + 1 :]:
                if later.group().lower() not in rules.group_nouns:
                    break
                last = later
            return at + last.end(), last.group().lower(), None
    return None


def proxy_actor(proxy: Proxy, *, operates_in: str | None) -> EventActor | None:
    """The actor a proxy phrase stands for; ``operates_in``: the country where the group operates (for a group
    the KB does not know). None: a group whose country is unknown (never its backer)."""
    if proxy.organisation is not None:
        return proxy.organisation
    if proxy.led:
        return EventActor(proxy.phrase, "IGO", "MIL", None)
    if operates_in is None or operates_in == proxy.backer:
        return None
    sector = load_proxy_rules().group_nouns.get(proxy.group, "REB")
    return EventActor(proxy.phrase, operates_in, sector, None)
