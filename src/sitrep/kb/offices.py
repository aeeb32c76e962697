"""Office titles: compiled patterns, lookup of a title, and search for titles in running text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sitrep.kb.model import Office

__all__ = ["OfficeIndex", "TitleHit"]


@dataclass(slots=True, frozen=True)
class TitleHit:
    """A title found in text: ``office`` as the words name it, and a qualifier inside the title."""

    start: int
    end: int
    office: Office
    implied: bool
    qualifier: str | None = None
    qualifier_start: int | None = None


@dataclass(slots=True, frozen=True)
class _Spec:
    entry_id: str
    office: Office
    implied: bool
    regex: re.Pattern[str]
    first: str


def _phrase_regex(pattern: str, qualifier: str) -> str:
    out: list[str] = []
    for i, word in enumerate(pattern.split(" ")):
        if i:
            out.append(r"[\s\-]+")
        if word.startswith("{Q}"):
            out.append(rf"(?:(?P<q>{qualifier})\s+)?")
            word = word[3:]
        for piece in re.split(r"([\-'])", word):
            if piece == "-":
                out.append(r"[\s\-]+")
            elif piece == "'":
                out.append("['’]")
            elif piece:
                out.append(re.escape(piece))
    return "".join(out)


def _lower(pattern: str) -> str:
    return " ".join(pattern.replace("{Q}", "\0").lower().split()).replace("\0", "{Q}")


class OfficeIndex:
    """All office titles of the knowledge base, longest match first."""

    def __init__(self, rows: Sequence[Mapping[str, Any]], *, qualifier: str) -> None:
        self._entries: dict[str, Mapping[str, Any]] = {}
        specs: list[tuple[int, _Spec]] = []
        for row in rows:
            entry_id = str(row["id"])
            self._entries[entry_id] = row
            base = Office(
                id=entry_id,
                role=str(row["role"]),
                office_class=str(row.get("class") or entry_id),
                sector=str(row.get("sector") or "GOV"),
                country=row.get("country"),
                org=row.get("org"),
            )
            variants: list[tuple[Office, bool, Iterable[str]]] = [
                (base, base.country is not None, row.get("patterns", []))
            ]
            for code, variant in (row.get("by_country") or {}).items():
                office = replace(base, role=str(variant["role"]), country=code, org=variant.get("org", base.org))
                variants.append((office, True, variant.get("patterns", [])))
            for office, implied, patterns in variants:
                for pattern in patterns:
                    regex = re.compile(
                        r"(?<![\w])" + _phrase_regex(_lower(pattern), qualifier) + r"(?![\w])", re.IGNORECASE
                    )
                    first = re.split(r"[\s\-']", _lower(pattern).replace("{Q}", ""))[0]
                    specs.append((len(pattern), _Spec(entry_id, office, implied, regex, first)))
        specs.sort(key=lambda item: -item[0])
        self._specs = [spec for _, spec in specs]
        # titles are found from their first word: one small regex, then the few patterns starting with it
        self._by_first: dict[str, list[_Spec]] = {}
        for spec in self._specs:
            self._by_first.setdefault(spec.first, []).append(spec)
        firsts = sorted(self._by_first, key=len, reverse=True)
        self._anchor = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in firsts) + r")(?![\w])", re.IGNORECASE)

    def variant(self, office: Office, country: str | None) -> Office:
        """``office`` as it is called in ``country`` ("Defense Minister" of the USA -> "Secretary of Defense")."""
        row = self._entries.get(office.id)
        if row is None or country is None or country == office.country:
            return office
        by_country = row.get("by_country") or {}
        if country in by_country:
            variant = by_country[country]
            return replace(office, role=str(variant["role"]), country=country, org=variant.get("org", row.get("org")))
        if office.country is not None and office.country in by_country:
            # a country-specific title ("Defense Secretary") used for another country
            return replace(office, role=str(row["role"]), country=country, org=row.get("org"))
        return replace(office, country=country)

    def for_class(self, office_class: str, country: str | None) -> Office | None:
        """The office of ``office_class`` in ``country`` (counterparts: "defence" in the USA -> Secretary of Defense)."""
        fallback: Office | None = None
        for spec in self._specs:
            office = spec.office
            if office.office_class != office_class:
                continue
            if country is not None and office.country == country:
                return office
            if fallback is None and self._entries[office.id].get("country") is None:
                fallback = self.variant(replace(office, role=str(self._entries[office.id]["role"])), country)
        return fallback

    def lookup(self, title: str) -> TitleHit | None:
        """The office a whole title names ("Defence Minister", "chief of Russia's General Staff")."""
        text = re.sub(r"^the\s+", "", " ".join(title.split()), flags=re.IGNORECASE)
        for spec in self._specs:
            match = spec.regex.fullmatch(text)
            if match:
                return self._hit(spec, match, 0)
        return None

    def find(self, text: str) -> list[TitleHit]:
        """Every title in ``text``, non-overlapping, leftmost first and longest at one position."""
        hits: list[TitleHit] = []
        taken_until = 0
        for anchor in self._anchor.finditer(text):
            if anchor.start() < taken_until:
                continue
            best: tuple[_Spec, re.Match[str]] | None = None
            for spec in self._by_first.get(anchor.group(0).lower(), ()):
                match = spec.regex.match(text, anchor.start())
                if match and (best is None or match.end() > best[1].end()):
                    best = (spec, match)
            if best is not None:
                hits.append(self._hit(best[0], best[1], 0))
                taken_until = best[1].end()
        return hits

    @staticmethod
    def _hit(spec: _Spec, match: re.Match[str], offset: int) -> TitleHit:
        qualifier = match.groupdict().get("q")
        q_start = match.start("q") + offset if qualifier else None
        return TitleHit(
            start=match.start() + offset,
            end=match.end() + offset,
            office=spec.office,
            implied=spec.implied,
            qualifier=qualifier,
            qualifier_start=q_start,
        )
