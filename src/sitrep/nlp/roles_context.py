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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitrep.kb import KnowledgeBase

__all__ = ["RoleWords", "context_country", "place_country", "role_words"]


@dataclass(slots=True, frozen=True)
class RoleWords:
    """The vocabulary of ``role_context.json``."""

    version: str
    body_nouns: frozenset[str]
    in_bodies: tuple[str, ...]
    run_by: tuple[str, ...]
    place_suffixes: frozenset[str]
    portfolio_words: frozenset[str]


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
) -> str | None:
    """The country the article gives around ``pos`` (see the module docstring).

    ``countries`` lists the article's country mentions as (start, end, ISO
    code) in text order; mentions inside ``skip`` (the claim's own words, such
    as "Israel" in "Israel Katz") do not count.
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
    return _most_named([code for _a, _b, code in usable])


def _most_named(codes: Sequence[str]) -> str:
    """The code named most often; a tie goes to the one named last."""
    counts = Counter(codes)
    best = max(counts.values())
    return next(code for code in reversed(codes) if counts[code] == best)
