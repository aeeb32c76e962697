"""Records of the actor knowledge base: countries, organisations, offices, people.

All are frozen value objects. Countries carry ISO 3166 alpha-3 codes;
international organisations carry their short code (``NATO``, ``EU``) which is
what :class:`sitrep.nlp.layers.Entity` and ``Role`` use as ``country``. Sectors
are PLOVER sector codes (``GOV``, ``MIL``, ``LEG``, ``SPY``, ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Country", "Office", "Organisation", "Person", "PersonRole", "date_bounds"]


@dataclass(slots=True, frozen=True)
class Country:
    """A state: ISO code, display name, every name it goes by, capital, metonyms."""

    code: str
    alpha2: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    un_member: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Organisation:
    """An international organisation (``code`` set) or a national body (``country`` set).

    ``metonym`` marks a name that stands for a government ("the Kremlin");
    ``anaphors`` are descriptions that refer back to it once it has been named
    ("the alliance" for NATO).
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    plover_country: str | None = None
    metonym: bool = False
    anaphors: tuple[str, ...] = ()

    @property
    def actor_code(self) -> str | None:
        """What ``Entity.country`` carries for this body: its own code or its country."""
        return self.code or self.country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Office:
    """A normalised office as one title names it.

    ``role`` is the country-specific normal form ("Secretary of Defense" for
    the USA, "Defense Minister" elsewhere); ``office_class`` groups counterparts
    across countries (``defence``, ``foreign``, ``top_military``). ``country``
    is set when the title itself implies one ("Pentagon chief" -> USA).
    """

    id: str
    role: str
    office_class: str
    sector: str
    country: str | None = None
    org: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class PersonRole:
    """One office a person held, with its validity interval (ISO dates, possibly partial)."""

    office: str
    role: str
    country: str | None
    start: str | None = None
    end: str | None = None
    org: str | None = None

    def held_on(self, when: str | dt.date) -> bool:
        """Whether the interval covers ``when`` (a date, or an ISO day, month or year)."""
        lo, hi = date_bounds(when) if isinstance(when, str) else (when, when)
        start = date_bounds(self.start)[0] if self.start else dt.date.min
        end = date_bounds(self.end)[1] if self.end else dt.date.max
        return start <= hi and lo <= end

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Person:
    """A known person: canonical name, spelling variants, nationality, offices over time."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    roles: tuple[PersonRole, ...] = ()

    @property
    def surname(self) -> str:
        return self.name.split()[-1].rstrip(".")

    def roles_on(self, when: str | dt.date) -> list[PersonRole]:
        """The offices held on ``when``."""
        return [role for role in self.roles if role.held_on(when)]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["roles"] = [role.to_dict() for role in self.roles]
        return out


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by an ISO date, year-month or year (``2021``, ``2021-04``, ``2021-04-01``).

    Raises ``ValueError`` for anything else.
    """
    text = value.strip()[:10]
    parts = text.split("-")
    if len(parts) == 1:
        year = int(parts[0])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(text)
    return day, day
