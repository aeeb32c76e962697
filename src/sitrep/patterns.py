"""Regex building blocks shared by the stages that match word lists from the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["phrase_alternation"]


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first, their words joined by any whitespace.

    >>> phrase_alternation(["in kind", "in response to"])
    'in\\\\s+response\\\\s+to|in\\\\s+kind'
    """
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))
