"""Where an article can be perturbed, and how, one finder per edit kind.

Each finder returns every :class:`Site` of one article for its kind: the span
of the original text to replace, the replacement, and where in the replacement
the changed fact sits. Finders use plain patterns and the word lists of
``data/perturb_lexicon.json``, not the rewrite diff's own tagging, so the
benchmark does not share the detector's blind spots. Text inside quotation
marks is never touched except where the kind is about quotations.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep.verify.lexicon import load_lexicon
from sitrep.verify.text import quote_ranges, split_sentences

__all__ = ["FINDERS", "Site", "load_perturb_lexicon"]


@dataclass(slots=True, frozen=True)
class Site:
    start: int
    end: int
    replacement: str
    fact_start: int = 0  # the changed fact inside ``replacement``
    fact_end: int | None = None
    contradicts: tuple[int, int] | None = None  # the original span an inserted sentence contradicts
    note: str = ""


@cache
def load_perturb_lexicon() -> dict[str, Any]:
    raw = (resources.files("sitrep") / "data" / "perturb_lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _words(values: list[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))


def _quoted(text: str) -> Callable[[int, int], bool]:
    ranges = quote_ranges(text)

    def inside(start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in ranges)

    return inside


def _sentences(text: str) -> list[tuple[int, int]]:
    return split_sentences(text, lexicon=load_lexicon())


# -- fact-changing kinds -------------------------------------------------------------------------


def role_affiliation_swap(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    demonyms: dict[str, str] = lex["demonyms"]
    offices = _words(lex["office_words"])
    pattern = re.compile(
        rf"(?<![\w.])({_words(list(demonyms))})(?=\s+(?:(?:{offices})\b|[A-Z][a-z]+\s+[A-Z][a-z]+))"
    )
    inside = _quoted(text)
    sites = []
    for m in pattern.finditer(text):
        if inside(m.start(), m.end()):
            continue
        targets = [t for t in lex["swap_targets"] if demonyms.get(t) != demonyms[m.group(1)]]
        new = rng.choice(targets)
        sites.append(Site(m.start(), m.end(), new, note=f"{m.group(1)} -> {new}"))
    return sites


def actor_reversal(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    actors = _words(lex["actors"])
    verbs = _words(lex["asymmetric_verbs"])
    pattern = re.compile(
        rf"\b({actors})\b(?!-)([^.;:\"“”\n]{{0,50}}?\b(?:{verbs})\b[^.;:\"“”\n]{{0,50}}?)\b({actors})\b(?!-)"
    )
    inside = _quoted(text)
    sites = []
    for m in pattern.finditer(text):
        x, middle, y = m.group(1), m.group(2), m.group(3)
        if x == y or inside(m.start(), m.end()) or re.search(rf"\b(?:{actors})\b", middle):
            continue
        if _part_of_longer_name(text, m.start(1), m.end(1)) or _part_of_longer_name(
            text, m.start(3), m.end(3)
        ):
            continue
        if re.fullmatch(r"\s*(?:,|and|&|with)\s*", middle):
            continue
        # the second actor must be the verb's recipient, not a place or a companion ("told reporters in Moscow")
        after_verb = re.split(rf"\b(?:{verbs})\b", middle)[-1]
        if re.search(r"\b(?:in|with|at|from|by)\s+$", after_verb) or len(after_verb.split()) > 6:
            continue
        sites.append(Site(m.start(), m.end(), f"{y}{middle}{x}", note=f"{x} <-> {y}"))
    return sites


def _part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word or "the" stands right before, or a capitalised word right after."""
    before = re.search(r"(\S+)\s$", text[max(0, start - 30) : start])
    after = re.match(r"\s(\S+)", text[end : end + 30])
    if before and (before.group(1)[0].isupper() or before.group(1).casefold() == "the"):
        return not before.group(1).endswith((".", ","))
    return bool(after and after.group(1)[0].isupper())


_NUMBER = re.compile(r"(?<![\w.,$:])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,:]|\.\d)")


def _is_date_number(text: str, start: int, end: int, lex: dict[str, Any]) -> bool:
    value = text[start:end]
    months = _words(lex["months"])
    before = text[max(0, start - 12) : start]
    after = text[end : end + 12]
    return (
        (len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100)
        or bool(re.search(rf"\b(?:{months})\s+$", before))
        or bool(re.match(rf"\s+(?:{months})\b", after))
        or bool(re.match(r"\s*(?:%|a\.m\.|p\.m\.|GMT|BST|:)", after))
    )


def _change_number(value: str, rng: random.Random, *, hedge: float | None = None) -> str:
    """Another value for the count ``value``; with ``hedge`` (the count is hedged: "about 25") one at least
    that ratio away, outside what the hedge allows."""
    n = int(value.replace(",", ""))
    if n >= 100 and n % 10 == 0:
        options = [n * 10, n // 10, n + n // 2, n * 2]
    elif n >= 100:
        options = [n * 10, n + 100, n * 2]
    else:
        options = [n + d for d in (1, 2, 3, 5, 10)] + [n - d for d in (1, 2, 3) if n - d > 1]
    if hedge is not None:
        options = [o for o in options if o > 0 and max(o, n) / min(o, n) >= hedge] or [n * 2, n * 3]
    new = rng.choice([o for o in options if o != n])
    return f"{new:,}" if "," in value or new >= 10000 else str(new)


def _hedged(text: str, start: int, lex: dict[str, Any]) -> bool:
    """Whether an ``approximators`` phrase stands right before ``start`` ("about 25", "more than 80,000")."""
    return bool(re.search(rf"\b(?:{_words(lex['approximators'])})\s+$", text[max(0, start - 20) : start], re.I))


def number_change(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    inside = _quoted(text)
    sites = []
    for m in _NUMBER.finditer(text):
        if inside(m.start(), m.end()) or _is_date_number(text, m.start(), m.end(), lex):
            continue
        hedge = float(lex["hedge_ratio"]) if _hedged(text, m.start(), lex) else None
        sites.append(Site(m.start(), m.end(), _change_number(m.group(1), rng, hedge=hedge)))
    words: dict[str, int] = lex["number_words"]
    for m in re.finditer(rf"\b({_words(list(words))})\b", text):
        if inside(m.start(), m.end()):
            continue
        others = [w for w in words if words[w] != words[m.group(1)]]
        if _hedged(text, m.start(), lex):
            n = words[m.group(1)]
            others = [w for w in others if max(words[w], n) / min(words[w], n) >= lex["hedge_ratio"]] or others
        sites.append(Site(m.start(), m.end(), rng.choice(others)))
    return sites


def date_change(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    inside = _quoted(text)
    days: list[str] = lex["weekdays"]
    sites = []
    for m in re.finditer(rf"\b({_words(days)})\b", text):
        if not inside(m.start(), m.end()):
            sites.append(Site(m.start(), m.end(), rng.choice([d for d in days if d != m.group(1)])))
    for m in re.finditer(rf"\b(?:{_words(lex['months'])})\s+(\d{{1,2}})\b(?!,\d)", text):
        if inside(m.start(), m.end()):
            continue
        day = int(m.group(1))
        new = day + rng.choice([-3, -2, -1, 1, 2, 3])
        new = new if 1 <= new <= 28 else day + 4 if day < 25 else day - 4
        sites.append(Site(m.start(1), m.end(1), str(new)))
    return sites


def _corrupt(name: str, rng: random.Random, vowels: str) -> str:
    inner = [i for i in range(1, len(name) - 1) if name[i] in vowels]
    choice = rng.random()
    if inner and choice < 0.6:
        i = rng.choice(inner)
        return name[:i] + rng.choice([v for v in vowels if v != name[i]]) + name[i + 1 :]
    i = rng.randrange(1, len(name) - 2)
    if name[i] != name[i + 1]:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i + 1 :]


def name_corruption(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    inside = _quoted(text)
    sites = []
    for m in re.finditer(rf"\b({_words(lex['people'])})\b(?!-)", text):
        if len(m.group(1)) < 5 or inside(m.start(), m.end()):
            continue
        new = _corrupt(m.group(1), rng, lex["vowels"])
        if new != m.group(1):
            sites.append(Site(m.start(), m.end(), new, note=f"{m.group(1)} -> {new}"))
    return sites


def internal_contradiction(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    """A sentence inserted later in the article restating an earlier number or weekday with another value."""
    inside = _quoted(text)
    sentences = _sentences(text)
    sites = []
    for m in re.finditer(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+) ([a-z]{4,})\b", text):
        if inside(m.start(), m.end()) or _is_date_number(text, m.start(1), m.end(1), lex):
            continue
        if m.group(2) in lex["not_units"]:
            continue
        value = _change_number(m.group(1), rng)
        template = rng.choice(lex["templates"]["number"])
        sites.append(
            _insert_after(text, sentences, m.start(), m.end(), template, value=value, unit=m.group(2))
        )
    people = _words(lex["people"])
    days = _words(lex["weekdays"])
    for m in re.finditer(rf"\b({people})\b[^.\n\"“”]{{0,60}}?\bon ({days})\b", text):
        if inside(m.start(), m.end()):
            continue
        unused = [d for d in lex["weekdays"] if d not in text]
        if not unused:
            continue
        day = rng.choice(unused)
        template = rng.choice(lex["templates"]["weekday"])
        site = _insert_after(text, sentences, m.start(2), m.end(2), template, name=m.group(1), day=day)
        sites.append(site)
    return sites


def _insert_after(
    text: str, sentences: list[tuple[int, int]], start: int, end: int, template: str, **values: str
) -> Site:
    """Insert the filled template one sentence after the one holding ``start`` (at a paragraph's end)."""
    current = next((k for k, (s, e) in enumerate(sentences) if s <= start < e), len(sentences) - 1)
    ends = [k for k, (_, e) in enumerate(sentences) if k >= current and text[e - 1] in '.!?"”']
    later = ends[1] if len(ends) > 1 else ends[0] if ends else current
    point = text.find("\n", sentences[later][1])
    point = len(text) if point < 0 else point
    while point > 0 and text[point - 1].isspace():
        point -= 1
    sentence = template.format(**values)
    fact = values.get("value") or values["day"]
    prefix = " "
    fact_start = len(prefix) + sentence.index(fact)
    fact_len = len(fact) + (len(" " + values["unit"]) if "unit" in values else 0)
    return Site(
        point,
        point,
        prefix + sentence,
        fact_start=fact_start,
        fact_end=fact_start + fact_len,
        contradicts=(start, end),
        note=f"restates {text[start:end]!r} as {fact!r}",
    )


def quote_speaker_change(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    people = lex["people"]
    verbs = _words(lex["reporting_verbs"])
    # a closing mark after a full stop ends the sentence: a name after it starts the next one
    after_quote = re.compile(rf"(?<![.!?])[”\"],?\s+(?:[A-Za-z.-]+\s+){{0,5}}?({_words(people)})\s+(?:{verbs})\b")
    before_quote = re.compile(rf"\b({_words(people)})\s+(?:{verbs})[:,]?\s+[“\"]")
    present = {p for p in people if re.search(rf"\b{re.escape(p)}\b", text)}
    sites = []
    for pattern in (after_quote, before_quote):
        for m in pattern.finditer(text):
            name = m.group(1)
            pool = sorted(present - {name}) or [p for p in people if p != name]
            new = rng.choice(pool)
            sites.append(Site(m.start(1), m.end(1), new, note=f"{name} -> {new}"))
    return sites


# -- harmless kinds ------------------------------------------------------------------------------


def synonym_swap(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    inside = _quoted(text)
    sites = []
    for group in lex["synonyms"]:
        for word in group:
            for m in re.finditer(rf"\b{re.escape(word)}\b", text):
                if not inside(m.start(), m.end()):
                    sites.append(Site(m.start(), m.end(), rng.choice([w for w in group if w != word])))
    return sites


def reporting_verb_paraphrase(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    inside = _quoted(text)
    table: dict[str, list[str]] = lex["reporting_paraphrase"]
    sites = []
    for m in re.finditer(rf"\b({_words(list(table))})\b(?! that\b)", text):
        if not inside(m.start(), m.end()):
            sites.append(Site(m.start(), m.end(), rng.choice(table[m.group(1)])))
    return sites


def clause_reorder(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    """Move a fronted adverbial ("On Tuesday, X did Y.") to the end ("X did Y on Tuesday.")."""
    openers = _words(lex["fronted_openers"])
    pattern = re.compile(rf"({openers}) ([^,.\"“”]{{2,40}}), ([^\"“”\n]{{10,}}?)\.$")
    function_words = load_lexicon().function_words
    sites = []
    for start, end in _sentences(text):
        m = pattern.fullmatch(text, start, end)
        if m is None:
            continue
        opener, phrase, rest = m.group(1), m.group(2), m.group(3)
        first = rest.split(" ", 1)[0]
        if first.casefold() in function_words and first.casefold() not in ("he", "she", "it", "they", "we"):
            rest = rest[0].upper() + rest[1:]
        elif not first[0].isupper():
            continue
        new = f"{rest} {opener[0].lower()}{opener[1:]} {phrase}."
        sites.append(Site(start, end, new, note="fronted adverbial moved to the end"))
    return sites


def quote_frame_paraphrase(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    """Reword the attribution outside the quotation marks, or move it in front of the quotation."""
    variants: dict[str, list[str]] = lex["quote_frame_variants"]
    sites = []
    front = re.compile(r"([“\"])([^”\"\n]{10,}?),([”\"]) ((?:[A-Z][\w.-]*\s){0,4}[A-Z][\w-]+) said\.")
    for m in front.finditer(text):
        opening, words, closing, name = m.group(1), m.group(2), m.group(3), m.group(4)
        sites.append(
            Site(m.start(), m.end(), f"{name} said: {opening}{words}.{closing}", note="attribution moved")
        )
    frame = re.compile(rf"[”\"],?\s+(?:[A-Z][\w.-]*\s){{1,4}}({_words(list(variants))})\b")
    for m in frame.finditer(text):
        sites.append(
            Site(m.start(1), m.end(1), rng.choice(variants[m.group(1)]), note="reporting verb reworded")
        )
    return sites


def typography(text: str, rng: random.Random, lex: dict[str, Any]) -> list[Site]:
    sites = []
    for m in re.finditer(r"“([^”\n]*)”|\"([^\"\n]*)\"", text):
        if m.group(1) is not None:
            sites.append(Site(m.start(), m.end(), f'"{m.group(1)}"', note="curly quotes made straight"))
        else:
            sites.append(Site(m.start(), m.end(), f"“{m.group(2)}”", note="straight quotes made curly"))
    for m in re.finditer(r" [-–] | — ", text):
        sites.append(Site(m.start(), m.end(), " — " if m.group() != " — " else " - ", note="dash"))
    for m in re.finditer(r"(?<=\w)['’](?=\w)", text):
        sites.append(Site(m.start(), m.end(), "’" if m.group() == "'" else "'", note="apostrophe"))
    return sites


FINDERS: dict[str, Callable[[str, random.Random, dict[str, Any]], list[Site]]] = {
    "role_affiliation_swap": role_affiliation_swap,
    "actor_reversal": actor_reversal,
    "number_change": number_change,
    "date_change": date_change,
    "name_corruption": name_corruption,
    "internal_contradiction": internal_contradiction,
    "quote_speaker_change": quote_speaker_change,
    "harmless_synonym": synonym_swap,
    "harmless_clause_reorder": clause_reorder,
    "harmless_reporting_verb": reporting_verb_paraphrase,
    "harmless_quote_frame": quote_frame_paraphrase,
    "harmless_typography": typography,
}
