"""Numbers an event sentence states: killed, injured, troops, units, equipment, money, ...

>>> find_quantities("Mortar fire killed four soldiers and wounded two.")
{'killed': 4, 'injured': 2}
>>> find_quantities("Congress approved $61bn in aid.")
{'money': {'amount': 61000000000, 'currency': 'USD'}}

Rules over the word lists in ``data/quantities.json``: a number (digits, "80,000", "four",
"twenty-five", "$95 billion", "$61bn") counts what the nearest following noun names ("troops",
"battalion tactical groups", "diplomats"), unless a casualty word comes just before it ("killing
five") or shortly after it ("five killed"), which makes it ``killed``/``injured``/``detained``.
Numbers that count nothing known (years, ages, percentages) are ignored, and so are vague amounts
of vague amounts ("tens of thousands", "hundreds of thousands": no figure, not 2,000). The first
figure of each kind wins.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any, NamedTuple

__all__ = ["QuantityRules", "find_quantities", "load_quantity_rules", "may_state_figures", "quantities_for_type"]

_TOKEN = re.compile(
    r"(?P<cur>US\$|[$€£¥₴])?\s?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<suffix>bn|mn|tn|[mkb])?\b"
    r"|(?P<word>[A-Za-z]+(?:-[A-Za-z]+)*)"
)
_DIGIT = re.compile(r"\d")  # any digit ``num`` above can start with
_LETTERS = re.compile(r"[A-Za-z]+")  # the letter runs of ``word`` above (a number word is one, or two hyphened)
_APPROX = frozenset(
    ["more", "than", "less", "than", "about", "around", "nearly", "almost", "some", "at", "least", "up", "to", "over", "roughly", "approximately", "an", "estimated", "another"]
)
_new_tok = tuple.__new__  # builds a _Tok without NamedTuple's Python-level __new__
_FILLER = frozenset(["the", "a", "an", "of", "and", "more", "than", "some", "at", "least", "up", "to", "about"])


class _Tok(NamedTuple):
    lower: str
    value: float | None
    currency: str | None
    scaled: bool
    capital: bool = False  # the word starts with a capital ("May" the month, not "may")


class QuantityRules:
    """Compiled word lists; build with :func:`load_quantity_rules`."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw["version"]
        self.number_words: dict[str, int] = {k: int(v) for k, v in raw["number_words"].items() if " " not in k}
        self.scales: dict[str, int] = {k: int(v) for k, v in raw["scales"].items()}
        self.currency_symbols: dict[str, str] = dict(raw["currency_symbols"])
        self.currency_words: dict[str, str] = dict(raw["currency_words"])
        self.casualty: dict[str, str] = {
            word: kind for kind, words in raw["casualty_words"].items() for word in words
        }
        nouns = [(tuple(p.lower().split()), kind) for kind, phrases in raw["nouns"].items() for p in phrases]
        self.nouns: list[tuple[tuple[str, ...], str]] = sorted(nouns, key=lambda item: -len(item[0]))
        # the same phrases keyed by their first word, longest first
        self.nouns_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in self.nouns:
            self.nouns_by_first.setdefault(phrase[0], []).append((phrase, kind))
        self.window: int = int(raw["window"])
        self.months: frozenset[str] = frozenset(raw.get("months", ()))
        self.vague_multipliers: frozenset[str] = frozenset(raw.get("vague_multipliers", ()))
        self.vague_plurals: frozenset[str] = frozenset(raw.get("vague_plurals", ()))
        self.types_for: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in raw["types_for"].items()}

    def word_value(self, word: str) -> float | None:
        if word in self.number_words:
            return float(self.number_words[word])
        if "-" in word:
            parts = word.split("-")
            if len(parts) == 2 and parts[0] in self.number_words and parts[1] in self.number_words:
                return float(self.number_words[parts[0]] + self.number_words[parts[1]])
        return None


@lru_cache(maxsize=1)
def load_quantity_rules() -> QuantityRules:
    raw = json.loads((files("sitrep") / "data" / "quantities.json").read_text(encoding="utf-8"))
    return QuantityRules(raw)


def _tokens(text: str, rules: QuantityRules) -> list[_Tok]:
    out: list[_Tok] = []
    number_words = rules.number_words
    # findall hands each match's groups over at once ("" for a group that took no part)
    for cur, num, suffix, word in _TOKEN.findall(text):
        if num:
            value = float(num.replace(",", ""))
            if suffix:
                value *= rules.scales.get(suffix.lower(), 1)
            out.append(_new_tok(_Tok, (num, value, rules.currency_symbols.get(cur) if cur else None, bool(suffix), False)))
            continue
        lower = word.lower()
        known = rules.word_value(lower) if lower in number_words or "-" in lower else None
        out.append(_new_tok(_Tok, (lower, known, None, False, word[0].isupper())))
    # fold "95 billion", "four thousand" into one number token; "tens of thousands" is one vague amount (no figure)
    folded: list[_Tok] = []
    for tok in out:
        prev = folded[-1] if folded else None
        if (
            len(folded) >= 2
            and tok.lower in rules.vague_plurals
            and folded[-1].lower == "of"
            and folded[-2].lower in rules.vague_multipliers
        ):
            folded[-2:] = [_Tok(f"{folded[-2].lower} of {tok.lower}", None, None, False)]
        elif prev is not None and prev.value is not None and tok.lower in rules.scales and len(tok.lower) > 2:
            folded[-1] = _Tok(prev.lower, prev.value * rules.scales[tok.lower], prev.currency, True)
        elif prev is not None and prev.value is not None and tok.lower in rules.currency_words and prev.currency is None:
            folded[-1] = _Tok(prev.lower, prev.value, rules.currency_words[tok.lower], prev.scaled)
        else:
            folded.append(tok)
    return folded


def _noun_after(words: list[str], i: int, rules: QuantityRules) -> str | None:
    for j in range(i + 1, min(len(words), i + 1 + rules.window)):
        for phrase, kind in rules.nouns_by_first.get(words[j], ()):
            if tuple(words[j : j + len(phrase)]) == phrase:
                return kind
    return None


def find_quantities(text: str, *, rules: QuantityRules | None = None) -> dict[str, Any]:
    """The figures stated in ``text``, by kind (``money`` is ``{"amount", "currency"}``)."""
    rules = rules or load_quantity_rules()
    if not may_state_figures(text, rules=rules):
        return {}  # no digit and no number word: nothing counts (most sentences), without tokenizing
    toks = _tokens(text, rules)
    words = [t.lower for t in toks]
    found: dict[str, Any] = {}
    for i, tok in enumerate(toks):
        if tok.value is None:
            continue
        if tok.currency is not None:
            found.setdefault("money", {"amount": int(tok.value), "currency": tok.currency})
            continue
        if _day_of_month(toks, i, rules):
            continue
        kind = _casualty_before(words, i, rules) or _casualty_after(toks, i, rules) or _noun_after(words, i, rules)
        if kind is None:
            continue
        found.setdefault(kind, int(tok.value))
    return found


def may_state_figures(text: str, *, rules: QuantityRules | None = None) -> bool:
    """False when ``text`` has no digit and no number word among its letter runs: :func:`find_quantities` finds
    nothing there (nor in any text whose digits and letter runs are among these)."""
    if _DIGIT.search(text) is not None:
        return True
    rules = rules or load_quantity_rules()
    return not rules.number_words.keys().isdisjoint(map(str.lower, _LETTERS.findall(text)))


def _day_of_month(toks: list[_Tok], i: int, rules: QuantityRules) -> bool:
    """Whether the number at ``i`` is the day of a date ("On March 26, ...", "26 March"), not a count."""
    value = toks[i].value
    if toks[i].scaled or value is None or not 1 <= value <= 31:
        return False
    return any(0 <= j < len(toks) and toks[j].capital and toks[j].lower in rules.months for j in (i - 1, i + 1))


def _casualty_before(words: list[str], i: int, rules: QuantityRules) -> str | None:
    j = i - 1
    while j >= 0 and words[j] in _APPROX:
        j -= 1
    if j >= 0 and words[j] in rules.casualty and words[j] not in ("lives", "deaths", "held"):
        return rules.casualty[words[j]]
    return None


def _casualty_after(toks: list[_Tok], i: int, rules: QuantityRules) -> str | None:
    for j in range(i + 1, min(len(toks), i + 2 + rules.window)):
        if toks[j].value is not None or toks[j].lower in ("and", "while", "but"):
            return None
        kind = rules.casualty.get(toks[j].lower)
        if kind is not None:
            return kind
    return None


def quantities_for_type(quantities: dict[str, Any], event_type: str, *, rules: QuantityRules | None = None) -> dict[str, Any]:
    """The figures that belong to an event of ``event_type`` (troops to MOBILIZE, money to AID, ...)."""
    rules = rules or load_quantity_rules()
    return {k: v for k, v in quantities.items() if event_type in rules.types_for.get(k, frozenset())}
