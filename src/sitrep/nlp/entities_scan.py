"""Candidate mentions in an article's text: known names from the knowledge base, NER spans, bodies.

Each candidate is a :class:`Candidate` with character offsets, an entity type,
how it refers (``name``, ``surname``, ``metonym``, ``title``, ``counterpart``)
and a grouping ``key`` (same key = same entity). The knowledge base supplies
what the NER model may miss or mistype; the model supplies names the base does
not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitrep.kb import KnowledgeBase
from sitrep.kb.names import person_key
from sitrep.nlp.roles_names import qualifier_before

__all__ = ["Candidate", "KbPatterns", "kb_patterns", "organisations_in"]

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|into|towards?|across|around|via|through|over|inside|of|between|and|or)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_LIST_AFTER_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near)\s+(?:[A-Z][\w'’\-]+(?:,\s+|\s+and\s+))+$")
_DATELINE = re.compile(r"^,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    kind: str
    key: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    name: str | None = None
    priority: int = 0
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class KbPatterns:
    """Compiled regexes over every name of the knowledge base (built once per base)."""

    persons: re.Pattern[str]
    organisations: re.Pattern[str]
    countries: re.Pattern[str]
    bodies: re.Pattern[str]
    qualifier_left: re.Pattern[str]


def _alternation(names: Iterable[str]) -> str:
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+") for n in ordered)


def _trie(names: Iterable[str], *, ignorecase: bool = False) -> str:
    """The names of :func:`_alternation` as one regex with shared prefixes factored out (a trie).

    It matches what the alternation matches at every position, and picks the same name: at a
    node the branches start with different characters (or ``\\s+``), so only one can go on, and
    a name that ends at a node is tried after every longer name through it, as the
    longest-first alternation does. The engine then tries a few branches per character instead
    of every name at every place a name may start. ``ignorecase``: for a pattern compiled with
    ``re.IGNORECASE`` (the names are compared lower-cased). Names with other whitespace than a
    space, or non-ASCII names under ``ignorecase``, get the plain alternation.
    """
    unique = {n for n in names if n}
    if any(c.isspace() and c != " " for n in unique for c in n) or (ignorecase and not all(n.isascii() for n in unique)):
        return _alternation(unique)
    root: dict[str, Any] = {}
    for name in unique:
        for variant in _apostrophe_variants(name.lower() if ignorecase else name):
            node = root
            for char in variant:
                node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
            node[""] = {}  # a name ends here
    return _trie_regex(root)


def _apostrophe_variants(name: str) -> list[str]:
    """``name`` with each straight apostrophe also as a curly one (the ``['’]`` of :func:`_alternation`)."""
    variants = [""]
    for char in name:
        variants = [v + c for v in variants for c in (("'", "’") if char == "'" else (char,))]
    return variants


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [unit + _trie_regex(child) for unit, child in sorted(node.items()) if unit]
    ends = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ("|" if ends else "") + ")"


def _first_chars(names: Iterable[str]) -> str:
    """A lookahead for the characters that any of ``names`` can start with (as :func:`_alternation` spells them).

    Prefixed to a long alternation it changes no match and spares the regex engine
    from trying every name at every position of the text.
    """
    firsts: set[str] = set()
    for name in names:
        if name:
            firsts.update(("'", "’") if name[0] == "'" else (r"\s",) if name[0] == " " else (re.escape(name[0]),))
    return f"(?=[{''.join(sorted(firsts))}])" if firsts else ""


@lru_cache(maxsize=4)
def _cached(kb_id: int, kb: KnowledgeBase) -> KbPatterns:
    person_names = [name for name, _ in kb.person_names()]
    org_names = [n[4:] if n.lower().startswith("the ") else n for n, _ in kb.organisation_names()]
    country_terms = [term for term, _, _ in kb.country_terms()]
    persons = _first_chars(person_names) + f"(?:{_trie(person_names)})"
    orgs = _first_chars(org_names) + f"(?:{_trie(org_names)})"
    countries = _first_chars(country_terms) + f"(?:{_trie(country_terms)})"
    generic = _trie(kb.generic_bodies, ignorecase=True)
    fillers = _alternation(kb.fillers)
    bodies = rf"{_first_chars(kb.generic_bodies)}(?<![\w])(?P<b>{generic})(?![\w])"
    qualifier_left = rf"(?<![\w])(?P<q>{kb.qualifier_regex()})\s+(?:(?:{fillers})\s+)?$"
    return KbPatterns(
        persons=re.compile(rf"(?<![\w]){persons}(?![\w])"),
        organisations=re.compile(rf"(?<![\w]){orgs}(?![\w])"),
        countries=re.compile(rf"(?<![\w.]){countries}(?:['’]s)?(?![\w])"),
        bodies=re.compile(bodies, re.IGNORECASE),
        qualifier_left=re.compile(qualifier_left),
    )


def organisations_in(text: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """(start, end, organisation id) of every known organisation name in ``text``."""
    out: list[tuple[int, int, str]] = []
    for m in kb_patterns(kb).organisations.finditer(text):
        org = kb.organisation(m.group(0))
        if org is not None:
            out.append((m.start(), m.end(), org.id))
    return out


def kb_patterns(kb: KnowledgeBase) -> KbPatterns:
    """The compiled name patterns of ``kb`` (cached per knowledge base)."""
    return _cached(id(kb), kb)


def scan_persons(text: str, kb: KnowledgeBase) -> list[Candidate]:
    """Every known person's name or spelling variant in ``text``."""
    out: list[Candidate] = []
    for m in kb_patterns(kb).persons.finditer(text):
        person = kb.person(m.group(0))
        if person is None:
            continue
        kind = "name" if " " in m.group(0).strip() else "surname"
        out.append(Candidate(m.start(), m.end(), "PERSON", kind, f"kb:{person.id}", kb_id=person.id, name=person.name, priority=3))
    return out


def scan_organisations(text: str, kb: KnowledgeBase) -> list[Candidate]:
    """Known organisations and national bodies ("NATO", "the Pentagon", "Verkhovna Rada")."""
    out: list[Candidate] = []
    for m in kb_patterns(kb).organisations.finditer(text):
        surface = m.group(0)
        org = kb.organisation(surface)
        if org is None:
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        kind = "metonym" if org.metonym and not _LOCATIVE.search(before) else "name"
        out.append(
            Candidate(m.start(), m.end(), "ORG", kind, f"org:{org.id}", country=org.actor_code, sector=org.sector,
                      kb_id=org.id, name=org.name, priority=3)
        )
    patterns = kb_patterns(kb)
    for m in patterns.bodies.finditer(text):
        head_end = m.start()
        filler = re.search(r"(?:^|\s)(\S+)\s+$", text[max(0, head_end - 30) : head_end])
        if filler and filler.group(1).lower() in kb.fillers:
            head_end = max(0, head_end - 30) + filler.start(1)
        found = qualifier_before(text, head_end, kb)
        body = kb.generic_body(m.group("b"))
        if found is None or found[1].country is None or body is None:
            continue
        start, qualifier = found
        name = re.sub(r"^the\s+", "", text[start : m.end()], flags=re.IGNORECASE)
        out.append(
            Candidate(start, m.end(), "ORG", "name", f"body:{qualifier.country}:{body[0]}", country=qualifier.country,
                      sector=body[1], name=name, priority=2)
        )
    return out


def scan_places(text: str, kb: KnowledgeBase) -> list[Candidate]:
    """Countries (GPE), demonyms (NORP) and capitals, as places or standing for governments (metonyms)."""
    out: list[Candidate] = []
    for m in kb_patterns(kb).countries.finditer(text):
        surface = m.group(0)
        bare = re.sub(r"['’]s$", "", surface)
        end = m.start() + len(bare)
        name_code = kb.country_name(bare)
        if name_code is not None:
            country = kb.countries.get(name_code)
            out.append(Candidate(m.start(), end, "GPE", "name", f"country:{name_code}", country=name_code,
                                 kb_id=name_code, name=country.name if country else bare, priority=2))
            continue
        metonym = kb.metonym(bare)
        if metonym is not None and metonym.org is None:
            before = text[max(0, m.start() - 30) : m.start()]
            after = text[end : end + 12]
            possessive = len(surface) > len(bare)
            place = not possessive and (
                bool(_LOCATIVE.search(before)) or bool(_LIST_AFTER_LOCATIVE.search(before))
                or bool(_DATELINE.match(after)) or bare.isupper()
            )
            if place:
                out.append(Candidate(m.start(), end, "GPE", "name", f"place:{person_key(bare)}", country=metonym.country,
                                     name=bare, priority=2))
            else:
                out.append(Candidate(m.start(), end, "GPE", "metonym", f"gov:{metonym.country}", country=metonym.country,
                                     sector=metonym.sector, name=bare, priority=2))
            continue
        code = kb.demonym(bare)
        if code is not None:
            plural = bare.endswith("s") and bare[:-1] != "" and kb.demonym(bare[:-1]) == code
            out.append(Candidate(m.start(), end, "NORP", "name", f"people:{code}" if plural else "", country=code,
                                 name=bare, priority=1))
    return out
