"""Contradiction flags: a claim in one article that independent sources contradict, with their passages.

Severity, one rule for every kind (:func:`judge_severity`):

* ``high`` only with independent evidence: at least one independence cluster
  *other than the flagged article's own* supports the expected value, none
  supports the claim's value, and at least two clusters support the expected
  value in all. A copy or rewrite of a stored original counts the original as
  one of those two (it is in the copy's own cluster, so it is never
  independent: a rewrite flag whose only evidence is its original is
  ``medium`` and becomes ``high`` once an independent cluster supports the
  original's value). An internal contradiction is ``high`` only when two
  independent clusters back the side the flag calls right.
* ``medium``: clusters support the expected value and none the claim's value,
  but not enough for ``high``.
* ``low``: some independent clusters agree with the claim, more give another
  value (or only the knowledge base disagrees).

Kinds:

``affiliation``
    a person given another country's office than the consensus of independent
    sources near that date (the knowledge base's dated offices are extra
    evidence; the knowledge base alone gives ``low``);
``corrupted_name``
    an unknown capitalised name, found in no other source, within a small edit
    distance (a swap of two letters counts as one edit) of a person named by
    other independent articles of the same story or of the same week, or of a
    person the article names itself as independent articles of the same year
    (or undated ones) spell them ("Vladimir Ptuin" beside "Vladimir Putin"),
    the article's own full name differing from theirs in the last name only
    ("Dmytro Koleba" where they name "Dmytro Kuleba");
``number`` and ``reversal``
    from the coded events (:mod:`sitrep.verify.flags_events`);
``date``, ``quote_speaker``, ``internal``
    :mod:`sitrep.verify.flags_date`, :mod:`sitrep.verify.flags_quote`,
    :mod:`sitrep.verify.flags_internal`;
``entity``, ``negation``, ``quote_changed``, ``qualifier`` (and the kinds above)
    what a stored copy changed in the stored article it copies
    (:mod:`sitrep.verify.flags_rewrite`).

An article never supports itself: evidence always comes from clusters other
than the article's own (see :mod:`sitrep.verify.independence`), so a copy or a
rewrite never counts for what it copied.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.kb import KnowledgeBase
from sitrep.nlp.layers import Reading
from sitrep.verify.consensus import (
    ROLE_WINDOW_DAYS,
    RoleClaim,
    dates_compatible,
    supporting_groups,
)
from sitrep.verify.corpus import Corpus

__all__ = [
    "NAME_WINDOW_DAYS",
    "SEVERITIES",
    "Flag",
    "affiliation_flags",
    "edit_distance",
    "give_phrase",
    "judge_severity",
    "name_flags",
    "sort_flags",
    "sources_phrase",
]

SEVERITIES = ("high", "medium", "low")
#: Persons named by articles published this many days apart count for the corrupted-name check.
NAME_WINDOW_DAYS = 7
_CAP_WORD = re.compile(r"\b[^\W\d_][^\W\d_'’-]{3,}\b")


@dataclass(slots=True, frozen=True)
class Flag:
    """A claim contradicted by the consensus of independent sources."""

    article_id: str
    kind: str
    severity: str
    claim_text: str
    claim_start: int
    claim_end: int
    expected: str | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""
    story_id: str | None = None

    @property
    def id(self) -> str:
        key = f"{self.article_id}|{self.kind}|{self.claim_start}|{self.claim_end}|{self.expected}"
        return "fl_" + hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "story_id": self.story_id,
            "kind": self.kind,
            "severity": self.severity,
            "claim": self.claim_text,
            "start": self.claim_start,
            "end": self.claim_end,
            "expected": self.expected,
            "evidence": list(self.evidence),
            "message": self.message,
        }


def judge_severity(*, backing: int, against: int = 0, original: bool = False, cap: str = "high") -> str:
    """The one severity rule of every flag kind (see the module docstring).

    ``backing``: independence clusters other than the flagged article's own
    that support the expected value; ``against``: such clusters that support
    the claim's value; ``original``: the flagged article copies a stored
    original that supports the expected value (it counts as one supporting
    cluster, never as an independent one); ``cap``: the most a kind allows.
    """
    if against:
        severity = "low"
    elif backing >= 1 and backing + int(original) >= 2:
        severity = "high"
    else:
        severity = "medium"
    return max(severity, cap, key=SEVERITIES.index)


def _lower(severity: str) -> str:
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def sources_phrase(n: int) -> str:
    return f"{n} independent source{'s' if n != 1 else ''}"


def give_phrase(n: int) -> str:
    return f"{sources_phrase(n)} give{'s' if n == 1 else ''}"


# -- affiliation -----------------------------------------------------------------------------------


def _kb_countries(kb: KnowledgeBase, person_key: str, name: str, when: str | None) -> tuple[set[str], str]:
    person = kb.persons.get(person_key) or kb.person(name)
    if person is None:
        return set(), ""
    roles = person.roles_on(when) if when else list(person.roles)
    codes = {r.country or r.org or "" for r in roles} - {""}
    text = "; ".join(f"{r.role} ({r.country or r.org}) {r.start or '?'} to {r.end or 'now'}" for r in roles)
    return codes, f"{person.name}: {text}" if text else ""


def affiliation_flags(
    claims: Sequence[RoleClaim],
    corpus: Corpus,
    *,
    kb: KnowledgeBase,
    window_days: int = ROLE_WINDOW_DAYS,
) -> list[Flag]:
    """Role claims whose country differs from what independent sources (and the KB) give that person."""
    by_person: dict[str, list[RoleClaim]] = {}
    for c in claims:
        by_person.setdefault(c.person_key, []).append(c)
    flags: list[Flag] = []
    for person_claims in by_person.values():
        for claim in person_claims:
            if claim.country is None:
                continue
            support = supporting_groups(person_claims, exclude_group=claim.group, date=claim.date, window_days=window_days)
            n_own = len(support.get(claim.country, {}))
            others = {v: g for v, g in support.items() if v != claim.country}
            when = claim.date or min((c.date for g in others.values() for c in g.values() if c.date), default=None)
            kb_codes, kb_text = _kb_countries(kb, claim.person_key, claim.person, when)
            if others:
                expected = min(others, key=lambda v: (-len(others[v]), v))
                n_exp = len(others[expected])
                if n_exp <= n_own or (claim.country in kb_codes and expected not in kb_codes):
                    continue
                severity = judge_severity(backing=n_exp, against=n_own)
                if claim.country in kb_codes:
                    severity = _lower(severity)
                evidence = [c.evidence() for c in others[expected].values()]
                message = (
                    f'"{claim.span}" gives {claim.person} an office of {claim.country}; '
                    f"{give_phrase(n_exp)} {expected}"
                    + (f" ({sources_phrase(n_own)} agree with this article)" if n_own else "")
                )
            elif kb_codes and claim.country not in kb_codes:
                expected, severity, evidence = sorted(kb_codes)[0], "low", []
                message = f'"{claim.span}" gives {claim.person} an office of {claim.country}; no other source names them'
            else:
                continue
            if kb_text:
                agrees = expected in kb_codes
                message += f"; the knowledge base {'agrees' if agrees else 'has'}: {kb_text}"
                evidence.append({"article_id": None, "source": "kb", "span": kb_text, "start": None, "end": None})
            flags.append(
                Flag(
                    claim.article_id, "affiliation", severity, claim.span, claim.start, claim.end, expected,
                    evidence, message, corpus.story(claim.article_id),
                )
            )
    return flags


# -- corrupted names -------------------------------------------------------------------------------


def edit_distance(a: str, b: str, *, limit: int = 3) -> int:
    """Edit distance counting a swap of two adjacent letters as one edit ("Ptuin"/"Putin": 1), capped
    at ``limit + 1`` once it is certain to exceed ``limit`` (optimal string alignment distance)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            cur.append(cost)
        if min(cur) > limit and min(prev) > limit:
            return limit + 1
        before, prev = prev, cur
    return prev[-1]


def _max_distance(name: str) -> int:
    return 1 if len(name) <= 6 else 2


def _persons(reading: Reading) -> dict[str, str]:
    """Token of four letters or more of a person's name -> the person's full name, for one reading."""
    out: dict[str, str] = {}
    for entity in reading.entities:
        if entity.label == "PERSON":
            for token in {t for n in (entity.name, *entity.variants) for t in n.split() if len(t) >= 4}:
                out.setdefault(token, entity.name)
    return out


def _full_names(reading: Reading) -> set[tuple[str, ...]]:
    """The names of two or more words, of four letters or more each, of the persons of one reading."""
    out: set[tuple[str, ...]] = set()
    for entity in reading.entities:
        if entity.label == "PERSON":
            for name in (entity.name, *entity.variants):
                parts = tuple(name.split())
                if len(parts) >= 2 and all(len(p) >= 4 for p in parts):
                    out.add(parts)
    return out


def name_flags(corpus: Corpus, *, kb: KnowledgeBase, window_days: int = NAME_WINDOW_DAYS) -> list[Flag]:
    """Unknown names, found in no other source, a letter or two away from a person other sources name.

    The other sources are the independent articles of the same story and those
    published within ``window_days`` (a name is often reported in stories the
    clustering keeps apart)."""
    texts, readings, story_of = corpus.texts, corpus.readings, corpus.story_of
    words_by_group: dict[str, set[str]] = {}
    for article_id, text in texts.items():
        words_by_group.setdefault(corpus.group(article_id), set()).update(_CAP_WORD.findall(text))
    kb_tokens = {part for name, _ in kb.person_names() for part in name.split()}
    nearby = corpus.related_articles(story_of, window_days=window_days)
    persons = {a: _persons(r) for a, r in readings.items() if a in story_of}
    naming: dict[str, list[str]] = {}  # token -> the articles naming a person with it
    for other_id, named in persons.items():
        for token in named:
            naming.setdefault(token, []).append(other_id)
    full_names = {a: _full_names(r) for a, r in readings.items() if a in story_of}
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # first token -> (article, full name's tokens)
    for other_id, names in full_names.items():
        for parts in names:
            by_first.setdefault(parts[0], []).append((other_id, parts))
    dates = corpus.published
    distances: dict[tuple[str, str], int] = {}
    flags: list[Flag] = []
    for article_id in sorted(story_of):
        story_id = story_of[article_id]
        group = corpus.group(article_id)
        # token -> {group -> (article, full name)} for persons named in the related articles of other clusters
        known: dict[str, dict[str, tuple[str, str]]] = {}
        for other_id in nearby.get(article_id, []):
            other_group = corpus.group(other_id)
            if other_group == group:
                continue
            for token, full in persons.get(other_id, {}).items():
                known.setdefault(token, {}).setdefault(other_group, (other_id, full))
        # and the persons this article names itself, as other clusters spell them within the role window
        # ("Vladimir Ptuin" in an article naming Vladimir Putin elsewhere): both dated, so that an incremental
        # verification reads the same articles (verify.scope: same people within the role window)
        # (an undated one fits every date; verify.scope reads the undated articles naming the same people);
        # and a full name of this article that differs from one of theirs in its last name only ("Dmytro
        # Koleba" beside "Dmytro Kuleba")
        own = set(persons.get(article_id, {}))
        for parts in full_names.get(article_id, ()):
            for _, theirs in by_first.get(parts[0], ()):
                if len(theirs) == len(parts) and theirs[:-1] == parts[:-1] and theirs[-1] != parts[-1] and (
                    edit_distance(parts[-1], theirs[-1], limit=_max_distance(theirs[-1])) <= _max_distance(theirs[-1])
                ):
                    own.add(theirs[-1])
        for token in sorted(own) if dates.get(article_id) else ():
            for other_id in naming.get(token, []):
                other_group = corpus.group(other_id)
                if other_group != group and dates_compatible(
                    dates.get(article_id), dates.get(other_id), window_days=ROLE_WINDOW_DAYS
                ):
                    known.setdefault(token, {}).setdefault(other_group, (other_id, persons[other_id][token]))
        if not known:
            continue
        elsewhere = set().union(*(w for g, w in words_by_group.items() if g != group))
        text = texts.get(article_id, "")
        reported: set[str] = set()
        for match in _CAP_WORD.finditer(text):
            token = match.group()
            if not token[0].isupper() or token in elsewhere or token in kb_tokens or token in reported:
                continue
            best: tuple[int, str] | None = None
            for name in known:
                if name == token or token in (name + "s", name + "es"):
                    continue
                pair = (token, name)
                if pair not in distances:
                    distances[pair] = edit_distance(token, name, limit=_max_distance(name))
                dist = distances[pair]
                if dist <= _max_distance(name) and (best is None or dist < best[0]):
                    best = (dist, name)
            if best is None:
                continue
            reported.add(token)
            name = best[1]
            holders = known[name]
            evidence = []
            for other_id, full in holders.values():
                other_text = texts.get(other_id, "")
                at = other_text.find(full) if full in other_text else other_text.find(name)
                span = full if full in other_text else name
                evidence.append({"article_id": other_id, "span": span, "start": at, "end": at + len(span)})
            n = len(holders)
            severity = judge_severity(backing=n)
            message = (
                f'"{token}" is named nowhere else; {sources_phrase(n)} of this story or its time '
                f'name{"s" if n == 1 else ""} "{name}" ({best[0]} letter{"s" if best[0] != 1 else ""} apart)'
            )
            flags.append(
                Flag(article_id, "corrupted_name", severity, token, match.start(), match.end(), name, evidence,
                     message, story_id)
            )
    return flags


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Most severe first, then by article and position; one flag per id."""
    unique = {f.id: f for f in flags}
    return sorted(unique.values(), key=lambda f: (SEVERITIES.index(f.severity), f.article_id, f.claim_start, f.kind))

