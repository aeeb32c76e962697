"""The actor knowledge base: lookups by name, title and date.

Built by :func:`sitrep.kb.load_kb` from the versioned data files in
``sitrep/data/kb`` (plus a user's own file). Every lookup is exact on a
normalised key (case, accents, apostrophe variants and possessives ignored;
short all-capital names such as ``US`` only as written); fuzzy matching is the
reader's business, not the knowledge base's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sitrep.kb.model import Country, Office, Organisation, Person, PersonRole
from sitrep.kb.names import fold, is_case_sensitive, person_key, plural_forms, strip_possessive
from sitrep.kb.offices import OfficeIndex, TitleHit

__all__ = ["KnowledgeBase", "Metonym", "Qualifier"]

#: Answers :meth:`KnowledgeBase.office` and :meth:`KnowledgeBase.find_titles` remember (per kind; past
#: this many the memo starts again) and the longest text whose titles are remembered (names and titles,
#: not running text).
MEMO_SIZE = 20_000
MEMO_TEXT = 200


@dataclass(slots=True, frozen=True)
class Metonym:
    """A place or building name standing for a government: "Moscow", "the Pentagon"."""

    text: str
    country: str
    sector: str
    org: str | None = None


@dataclass(slots=True, frozen=True)
class Qualifier:
    """What a word before or inside a title says: a country ("Ukrainian") and maybe a body ("Pentagon")."""

    country: str | None
    org: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class _NameIndex:
    exact: dict[str, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        if not name:
            return
        if is_case_sensitive(name):
            self.exact.setdefault(name, value)
        else:
            self.folded.setdefault(fold(name), value)

    def get(self, name: str) -> str | None:
        name = " ".join(name.split())
        if name in self.exact:
            return self.exact[name]
        return self.folded.get(fold(name))

    def names(self) -> list[str]:
        return list(self.exact) + list(self.folded)


class KnowledgeBase:
    """Countries, organisations, offices and people, with the lookups readers need.

    Build it with :func:`sitrep.kb.load_kb`; the constructor takes the merged
    data (``countries``, ``organisations``, ``generic``, ``offices``, ``ranks``,
    ``honorifics``, ``modifiers``, ``persons``) and the ``versions`` of the
    files it came from.
    """

    def __init__(self, data: Mapping[str, Any], *, versions: Mapping[str, str]) -> None:
        self.versions: dict[str, str] = dict(versions)
        self.countries: dict[str, Country] = {}
        self.organisations: dict[str, Organisation] = {}
        self.persons: dict[str, Person] = {}
        self.ranks: tuple[str, ...] = tuple(data.get("ranks", ()))
        self.honorifics: tuple[str, ...] = tuple(data.get("honorifics", ()))
        self.modifiers: dict[str, dict[str, Any]] = dict(data.get("modifiers", {}))
        self.name_particles: tuple[str, ...] = tuple(data.get("name_particles", ()))
        self.fillers: tuple[str, ...] = tuple(data.get("fillers", ()))
        self.not_names: frozenset[str] = frozenset(data.get("not_names", ()))
        self.generic_bodies: dict[str, tuple[str, str]] = {
            fold(str(row["pattern"])): (str(row["name"]), str(row["sector"])) for row in data.get("generic", ())
        }
        self._country_names = _NameIndex()
        self._demonyms = _NameIndex()
        self._metonyms: dict[str, Metonym] = {}
        self._orgs = _NameIndex()
        self._anaphors: dict[str, str] = {}
        self._persons = _NameIndex()
        self._surnames: dict[str, list[str]] = {}
        for demonym, codes in data.get("shared_demonyms", {}).items():
            # a demonym two states share goes to the one news usually means
            self._demonyms.add(str(demonym), str(codes[0]))
        for row in data.get("countries", ()):
            self._add_country(row)
        for row in data.get("organisations", ()):
            self._add_organisation(row)
        for row in data.get("persons", ()):
            self._add_person(row)
        self._qualifier_regex = self._build_qualifier_regex()
        self._offices = OfficeIndex(list(data.get("offices", ())), qualifier=self._qualifier_regex)
        # the records do not change once built, so answers to repeated questions are remembered
        self._office_memo: dict[str, Office | None] = {}
        self._titles_memo: dict[str, list[TitleHit]] = {}

    # -- building -------------------------------------------------------------------------------

    def _add_country(self, row: Mapping[str, Any]) -> None:
        code = str(row["code"])
        country = Country(
            code=code,
            alpha2=str(row.get("alpha2") or ""),
            name=str(row["name"]),
            names=tuple(dict.fromkeys([str(row["name"]), *row.get("aliases", ()), *row.get("iso_names", ())])),
            demonyms=tuple(row.get("demonyms", ())),
            capital=row.get("capital"),
            capital_aliases=tuple(row.get("capital_aliases", ())),
            metonyms=tuple(row.get("metonyms", ())),
            un_member=bool(row.get("un_member", False)),
        )
        self.countries[code] = country
        for name in country.names:
            self._country_names.add(name, code)
        for demonym in country.demonyms:
            self._demonyms.add(demonym, code)
            for plural in plural_forms(demonym):
                self._demonyms.add(plural, code)
        for seat in (country.capital, *country.capital_aliases, *country.metonyms):
            if seat:
                self._metonyms.setdefault(fold(seat), Metonym(seat, code, "GOV"))

    def _add_organisation(self, row: Mapping[str, Any]) -> None:
        org = Organisation(
            id=str(row["id"]),
            name=str(row["name"]),
            aliases=tuple(row.get("aliases", ())),
            code=row.get("code"),
            country=row.get("country"),
            sector=row.get("sector"),
            plover_country=row.get("plover_country"),
            metonym=bool(row.get("metonym", False)),
            anaphors=tuple(row.get("anaphors", ())),
        )
        self.organisations[org.id] = org
        for name in (org.name, *org.aliases):
            self._orgs.add(name, org.id)
            if name.lower().startswith("the "):
                self._orgs.add(name[4:], org.id)
        for anaphor in org.anaphors:
            self._anaphors.setdefault(fold(anaphor), org.id)
        if org.metonym and org.country:
            for name in (org.name, *org.aliases):
                bare = name[4:] if name.lower().startswith("the ") else name
                self._metonyms.setdefault(fold(bare), Metonym(bare, org.country, org.sector or "GOV", org.name))

    def _add_person(self, row: Mapping[str, Any]) -> None:
        roles = tuple(
            PersonRole(
                office=str(r.get("office") or ""),
                role=str(r["role"]),
                country=r.get("country"),
                start=r.get("start"),
                end=r.get("end"),
                org=r.get("org"),
            )
            for r in row.get("roles", ())
        )
        person = Person(
            id=str(row["id"]),
            name=str(row["name"]),
            aliases=tuple(row.get("aliases", ())),
            country=row.get("country"),
            sector=row.get("sector"),
            roles=roles,
        )
        self.persons[person.id] = person
        family = person_key(str(row["surname"])) if row.get("surname") else None  # family name first: "Xi Jinping"
        for name in (person.name, *person.aliases):
            self._persons.exact.setdefault(person_key(name), person.id)
            parts = person_key(name).split()
            if len(parts) > 1 or name in person.aliases:
                surname = family if family in parts else parts[-1]
                ids = self._surnames.setdefault(surname, [])
                if person.id not in ids:
                    ids.append(person.id)

    # -- countries and bodies -------------------------------------------------------------------

    def country(self, name: str) -> str | None:
        """ISO alpha-3 code for a country's name, alias, demonym, possessive or capital metonym.

        ``"Ukraine"``, ``"Ukrainian"``, ``"Ukraine's"``, ``"U.S."``, ``"Kiev"``,
        ``"the Kremlin"`` -> ``UKR``/``USA``/``RUS``; ``None`` when unknown.
        """
        text = " ".join(name.split())
        if text.lower().startswith("the ") and len(text) > 4:
            found = self.country(text[4:])
            if found:
                return found
        for candidate in dict.fromkeys((text, strip_possessive(text))):
            code = self._country_names.get(candidate) or self._demonyms.get(candidate)
            if code:
                return code
            metonym = self._metonyms.get(fold(candidate))
            if metonym:
                return metonym.country
        return None

    def country_name(self, name: str) -> str | None:
        """Like :meth:`country` but only for names and aliases of the state itself (no demonyms, no capitals)."""
        return self._country_names.get(strip_possessive(" ".join(name.split())))

    def demonym(self, word: str) -> str | None:
        """ISO code for a demonym/adjective ("Ukrainian", "Ukrainians", "U.S.")."""
        return self._demonyms.get(word)

    def metonym(self, name: str) -> Metonym | None:
        """A capital or building standing for a government ("Moscow", "the White House")."""
        text = " ".join(name.split())
        if text.lower().startswith("the "):
            text = text[4:]
        return self._metonyms.get(fold(strip_possessive(text)))

    def organisation(self, name: str) -> Organisation | None:
        """An international organisation or national body by name or alias."""
        text = strip_possessive(" ".join(name.split()))
        org_id = self._orgs.get(text)
        if org_id is None and text.lower().startswith("the "):
            org_id = self._orgs.get(text[4:])
        return self.organisations.get(org_id) if org_id else None

    def anaphor(self, phrase: str) -> Organisation | None:
        """The organisation a description such as "the alliance" refers to."""
        org_id = self._anaphors.get(fold(phrase))
        return self.organisations.get(org_id) if org_id else None

    def generic_body(self, phrase: str) -> tuple[str, str] | None:
        """(name, sector) for a body word that needs a country from context ("defence ministry")."""
        return self.generic_bodies.get(fold(phrase))

    def qualify(self, text: str) -> Qualifier | None:
        """What a qualifier before a title means: "U.S." -> USA; "Pentagon" -> USA + Pentagon; "NATO" -> NATO."""
        text = " ".join(text.split())
        org = self.organisation(text)
        if org is not None:
            return Qualifier(org.actor_code, org.name if org.country else None, org.sector)
        code = self.country(text)
        if code is not None:
            metonym = self.metonym(text)
            if metonym is not None and metonym.org:
                return Qualifier(code, metonym.org, metonym.sector)
            return Qualifier(code)
        body = self.generic_body(text[4:] if text.lower().startswith("the ") else text)
        if body is not None:
            return Qualifier(None, body[0], body[1])
        return None

    def qualifier_regex(self) -> str:
        """A regex alternation of every country/organisation qualifier, longest first (no groups)."""
        return self._qualifier_regex

    def _build_qualifier_regex(self) -> str:
        names: set[str] = set()
        for country in self.countries.values():
            names.update(country.names)
            names.update(country.demonyms)
        for org in self.organisations.values():
            names.update(n[4:] if n.lower().startswith("the ") else n for n in (org.name, *org.aliases))
        ordered = sorted((n for n in names if n), key=len, reverse=True)
        alternation = "|".join(re.escape(n).replace("'", "['’]") for n in ordered)
        return rf"(?:{alternation})(?:['’]s)?"

    # -- offices --------------------------------------------------------------------------------

    def office(self, title: str) -> Office | None:
        """The normalised office a title names, with the country it implies or states.

        ``"Defense Secretary"`` -> Secretary of Defense (USA); ``"Russian Defence
        Minister"`` -> Defense Minister (RUS); ``"NATO Secretary-General"`` ->
        Secretary-General (NATO); ``"Deputy Foreign Minister"`` -> Deputy Foreign
        Minister; ``"head of the General Staff of Ukraine's military"`` ->
        Chief of the General Staff (UKR); ``None`` for text that is not a title.
        Answers are remembered (the reading layers ask about the same titles many times).
        """
        memo = self._office_memo
        try:
            return memo[title]
        except KeyError:
            pass
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        office = memo[title] = self._office_uncached(title)
        return office

    def _office_uncached(self, title: str) -> Office | None:
        text = " ".join(title.split())
        hit = self._offices.lookup(text)
        if hit is not None:
            return self._qualified(hit, None)
        words = text.split(" ")
        for cut in range(1, min(len(words), 5)):
            head, rest = " ".join(words[:cut]), " ".join(words[cut:])
            modifier = self.modifiers.get(head.lower()) or ({} if head.lower() in self.fillers else None)
            qualifier = self.qualify(head)
            if qualifier is None and modifier is None:
                continue
            inner = self.office(rest)
            if inner is None:
                continue
            if modifier is not None:
                if modifier.get("prefix"):
                    inner = replace(inner, role=f"{modifier['prefix']} {inner.role}")
                return inner
            if qualifier is not None and qualifier.country is not None:
                inner = self._offices.variant(inner, qualifier.country)
            if qualifier is not None and qualifier.org and inner.org is None:
                inner = replace(inner, org=qualifier.org)
            return inner
        to_target = re.match(r"(.+?)\s+to\s+(?:the\s+)?(.+)$", text)
        if to_target and self.qualify(to_target.group(2)) is not None:
            return self.office(to_target.group(1))
        for match in reversed(list(re.finditer(r"\s+(?:of|for|at|in)\s+", text))):
            head, tail = text[: match.start()], text[match.end() :]
            qualifier = self.qualify(tail)
            if qualifier is None or qualifier.country is None:
                continue
            inner = self.office(head)
            if inner is not None:
                inner = self._offices.variant(inner, qualifier.country)
                org = self.organisation(tail)
                return replace(inner, org=org.name) if org is not None and org.country else inner
        return None

    def _qualified(self, hit: TitleHit, outer: Qualifier | None) -> Office:
        inner = self.qualify(hit.qualifier) if hit.qualifier else None
        qualifier = outer or inner
        office = hit.office
        if qualifier is not None and qualifier.country is not None:
            office = self._offices.variant(office, qualifier.country)
            if qualifier.org and office.org is None:
                office = Office(office.id, office.role, office.office_class, office.sector, office.country, qualifier.org)
        return office

    def find_titles(self, text: str) -> list[TitleHit]:
        """Every office title in ``text`` with character offsets (longest match wins). The answer for a
        short text (a name or title, :data:`MEMO_TEXT` characters at most) is remembered: do not change it."""
        if len(text) > MEMO_TEXT:
            return self._offices.find(text)
        memo = self._titles_memo
        try:
            return memo[text]
        except KeyError:
            pass
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        hits = memo[text] = self._offices.find(text)
        return hits

    def office_variant(self, office: Office, country: str | None) -> Office:
        """``office`` as named in ``country`` ("Defense Minister" + USA -> "Secretary of Defense")."""
        return self._offices.variant(office, country)

    def counterpart(self, office_class: str, country: str | None) -> Office | None:
        """The office of the same class in another country (counterparts)."""
        return self._offices.for_class(office_class, country)

    # -- people ---------------------------------------------------------------------------------

    def person(self, name: str) -> Person | None:
        """A known person by full name or spelling variant ("Zelenskyy", "Lloyd J. Austin")."""
        key = person_key(name)
        person_id = self._persons.exact.get(key)
        if person_id is None:
            parts = [p for p in key.split() if len(p) > 1 or len(key.split()) < 3]
            person_id = self._persons.exact.get(" ".join(parts))
        return self.persons.get(person_id) if person_id else None

    def by_surname(self, surname: str) -> list[Person]:
        """Known people with this surname (spelling variants included)."""
        return [self.persons[pid] for pid in self._surnames.get(person_key(surname), [])]

    def roles_on(self, person: Person | str, when: str | dt.date) -> list[PersonRole]:
        """The offices ``person`` (a :class:`Person`, id or name) held on ``when`` ("who was X on date D")."""
        found = person if isinstance(person, Person) else (self.persons.get(person) or self.person(person))
        if found is None and isinstance(person, str) and len(self.by_surname(person)) == 1:
            found = self.by_surname(person)[0]
        return found.roles_on(when) if found is not None else []

    def holders(self, role: str, country: str | None, when: str | dt.date) -> list[Person]:
        """Who held ``role`` (normalised name or office id) for ``country`` on ``when``."""
        wanted = fold(role)
        out: list[Person] = []
        for person in self.persons.values():
            for held in person.roles:
                if (fold(held.role) == wanted or held.office == role) and held.country == country and held.held_on(when):
                    out.append(person)
                    break
        return out

    # -- export ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Everything the base holds, as plain data (``sitrep export kb``)."""
        return {
            "versions": dict(self.versions),
            "countries": [c.to_dict() for c in self.countries.values()],
            "organisations": [o.to_dict() for o in self.organisations.values()],
            "persons": [p.to_dict() for p in self.persons.values()],
        }

    def person_names(self) -> Iterable[tuple[str, Person]]:
        """Every (name or variant, person) pair, for readers that scan text for known names."""
        for person in self.persons.values():
            for name in dict.fromkeys((person.name, *person.aliases)):
                yield name, person

    def organisation_names(self) -> Iterable[tuple[str, Organisation]]:
        """Every (name or alias, organisation) pair."""
        for org in self.organisations.values():
            for name in dict.fromkeys((org.name, *org.aliases)):
                yield name, org

    def country_terms(self) -> Sequence[tuple[str, str, str]]:
        """Every (term, code, kind) with kind ``name``, ``demonym`` or ``metonym``."""
        out: list[tuple[str, str, str]] = []
        for country in self.countries.values():
            out.extend((name, country.code, "name") for name in country.names)
            for demonym in country.demonyms:
                out.append((demonym, country.code, "demonym"))
                out.extend((plural, country.code, "demonym") for plural in plural_forms(demonym))
            out.extend(
                (seat, country.code, "metonym")
                for seat in (country.capital, *country.capital_aliases, *country.metonyms)
                if seat
            )
        return out
