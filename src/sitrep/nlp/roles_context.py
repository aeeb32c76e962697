"""The country of an office whose title names none, read from the words around it.

Titles often carry no country ("Foreign Minister Israel Katz", "Military
spokesman Daniel Hagari", "his spokesman Serhiy Nykyforov"): the reader takes
it from the context. :func:`owner_country` reads the owner a title names
("Aliyev's adviser" -> Aliyev's country, "Odesa's governor", "the governor of
the Kursk region" -> the place's country); :func:`context_country` falls back
on the countries the article names around the title: the nearest one earlier in
the same sentence, else the one named most in the sentence before, else the
one named most in the article. The word lists live in
``sitrep/data/role_context.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitrep.kb import KnowledgeBase

__all__ = ["RoleWords", "antecedent_country", "article_country", "context_country", "place_country", "role_words"]


@dataclass(slots=True, frozen=True)
class RoleWords:
    """The vocabulary of ``role_context.json``."""

    version: str
    body_nouns: frozenset[str]
    in_bodies: tuple[str, ...]
    run_by: tuple[str, ...]
    place_suffixes: frozenset[str]
    portfolio_words: frozenset[str]
    installed_by: tuple[str, ...] = ()
    owner_nouns: frozenset[str] = frozenset()
    bloc_nouns: frozenset[str] = frozenset()
    ruler_nouns: frozenset[str] = frozenset()
    head_bodies: tuple[tuple[str, str], ...] = ()
    territorial_offices: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """The context word lists (read once)."""
    raw = json.loads((resources.files("sitrep") / "data" / "role_context.json").read_text(encoding="utf-8"))
    return RoleWords(
        version=str(raw["version"]),
        body_nouns=frozenset(w.lower() for w in raw["body_nouns"]),
        in_bodies=tuple(sorted((w.lower() for w in raw["in_bodies"]), key=len, reverse=True)),
        run_by=tuple(w.lower() for w in raw["run_by"]),
        place_suffixes=frozenset(w.lower() for w in raw["place_suffixes"]),
        portfolio_words=frozenset(w.lower() for w in raw["portfolio_words"]),
        installed_by=tuple(w.lower() for w in raw.get("installed_by", ())),
        owner_nouns=frozenset(w.lower() for w in raw.get("owner_nouns", ())),
        bloc_nouns=frozenset(w.lower() for w in raw.get("bloc_nouns", ())),
        ruler_nouns=frozenset(w.lower() for w in raw.get("ruler_nouns", ())),
        head_bodies=tuple((k.lower(), str(v)) for k, v in raw.get("head_bodies", {}).items()),
        territorial_offices=frozenset(w.lower() for w in raw.get("territorial_offices", ())),
    )


def place_country(name: str, *, kb: KnowledgeBase) -> str | None:
    """ISO code of the country a place name ("Odesa", "the Kursk region", "Kyiv") lies in, or ``None``."""
    code = kb.country(name)
    if code is not None and code in kb.countries:
        return code
    from sitrep.events.geo import geocode

    place = geocode(name)
    if place is None or place.country is None or place.country not in kb.countries:
        return None
    return place.country


def context_country(
    pos: int,
    *,
    countries: Sequence[tuple[int, int, str]],
    sentence_starts: Sequence[int],
    skip: tuple[int, int],
    article: bool = True,
) -> str | None:
    """The country the article gives around ``pos`` (see the module docstring).

    ``countries`` lists the article's country mentions as (start, end, ISO
    code) in text order; mentions inside ``skip`` (the claim's own words, such
    as "Israel" in "Israel Katz") do not count. With ``article=False`` only
    the sentence and the one before are read.
    """
    usable = [(a, b, code) for a, b, code in countries if not (skip[0] <= a < skip[1])]
    if not usable:
        return None
    sent_start = max((s for s in sentence_starts if s <= pos), default=0)
    prev_start = max((s for s in sentence_starts if s < sent_start), default=0)
    same = [code for a, _b, code in usable if sent_start <= a < pos]
    if same:
        return same[-1]
    before = [code for a, _b, code in usable if prev_start <= a < sent_start]
    if before:
        return _most_named(before)
    if not article:
        return None
    return _most_named([code for _a, _b, code in usable])


def article_country(countries: Sequence[tuple[int, int, str]], *, skip: tuple[int, int]) -> str | None:
    """The country the article names most (mentions inside ``skip`` left out)."""
    codes = [code for a, _b, code in countries if not (skip[0] <= a < skip[1])]
    return _most_named(codes) if codes else None


def _most_named(codes: Sequence[str]) -> str:
    """The code named most often; a tie goes to the one named last."""
    counts = Counter(codes)
    best = max(counts.values())
    return next(code for code in reversed(codes) if counts[code] == best)


def antecedent_country(
    noun: str,
    pos: int,
    *,
    text: str,
    countries: Sequence[tuple[int, int, str]],
    bodies: Sequence[tuple[int, int, str]],
) -> str | None:
    """The country (or organisation code) of "the junta" in "the junta's spokesman" at ``pos``.

    The noun refers back to its last mention that names its owner: "Niger junta"
    (a country right before it) or "the Eastern Theater Command of the People's
    Liberation Army" (a country or national body in the "of" phrase after it);
    with no such mention, rulers ("the junta") are those of the first country
    the article names (its lead's), and other nouns get ``None``.
    Nouns for international groupings ("the bloc") take the international
    organisation named last before ``pos``; ``bodies`` lists the article's
    organisation mentions as (start, end, code).
    """
    words = role_words()
    if noun.lower() in words.bloc_nouns:
        named = [code for a, _b, code in bodies if a < pos]
        return named[-1] if named else None
    for m in reversed(list(re.finditer(rf"\b{re.escape(noun)}\b", text[:pos], re.IGNORECASE))):
        head = re.search(r"((?:[A-Z](?:[\w'’.]|-(?=[A-Z]))*\s+){1,4})$", text[max(0, m.start() - 60) : m.start()])
        start = m.start() - len(head.group(1)) if head is not None else m.start()
        tail = re.match(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’.\-]*\s*)+", text[m.end() : m.end() + 80])
        end = m.end() + (tail.end() if tail is not None else 0)
        found = [code for a, b, code in countries if start <= a and b <= end]
        if found:
            return found[0]
    # no antecedent names its owner: a state's rulers are those of the country the article's lead is about
    if noun.lower() in words.ruler_nouns and countries:
        return countries[0][2]
    return None
