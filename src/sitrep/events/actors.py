"""Turn the words naming a party to an event into coded actors (name, country, sector, entity id).

The reading stage has already resolved mentions to entities ("Moscow" → the Russian government,
"the Pentagon chief" → Lloyd Austin). This module adds what depends on the event: people are coded
by the office they held **on the event's date** (the knowledge base's "who was X on date D", then
the article's roles layer), bare states and demonyms ("Russia", "Russian troops") get the sector
the event implies (``MIL`` for deployments and attacks, ``GOV`` otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.events.record import EventActor
from sitrep.nlp.layers import Entity, Mention, Reading

if TYPE_CHECKING:
    from sitrep.kb import KnowledgeBase

__all__ = ["ActorResolver"]

MILITARY_TYPES = frozenset({"MOBILIZE", "ASSAULT", "RETREAT", "CONCEDE"})
_MILITARY_WORDS = frozenset(
    ["troops", "forces", "army", "armies", "military", "soldiers", "units", "servicemen", "navy", "fleet", "drones", "missiles", "artillery", "warships", "jets", "aircraft", "brigades", "battalions", "airborne"]
)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class ActorResolver:
    """Codes mentions of one article as :class:`EventActor` (build one per article)."""

    def __init__(self, reading: Reading, *, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entities: dict[str, Entity] = {entity.id: entity for entity in reading.entities}
        self.mentions: list[Mention] = sorted(reading.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._coded: dict[tuple[Mention, str | None, str, bool], EventActor | None] = {}  # answers of :meth:`code`
        self._roles: dict[str, list[tuple[str | None, str | None, str]]] = {}
        self._titles: dict[str, set[str]] = {}  # a title as written ("army chief") -> the people the article gives it
        for role in reading.roles:
            if role.entity:
                self._roles.setdefault(role.entity, []).append((role.country, role.org, role.role))
                if role.role_text:
                    self._titles.setdefault(role.role_text.lower(), set()).add(role.entity)
        self._surnames: dict[str, set[str]] = {}  # last name word -> the article's people of that name
        for entity in reading.entities:
            if entity.label == "PERSON":
                for name in (entity.name, *entity.variants):
                    last = _last_name_word(name)
                    if last:
                        self._surnames.setdefault(last, set()).add(entity.id)

    # -- mention lookup ----------------------------------------------------------------------------
    def mention_at(self, offset: int) -> Mention | None:
        """The mention covering character ``offset``, if any."""
        i = bisect_right(self._starts, offset) - 1
        while i >= 0 and self.mentions[i].end > offset - 200:
            mention = self.mentions[i]
            if mention.start <= offset < mention.end:
                return mention
            i -= 1
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        i = bisect_right(self._starts, start - 1)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    # -- coding ------------------------------------------------------------------------------------
    def code(self, mention: Mention, *, date: str | None, event_type: str, military: bool = False) -> EventActor | None:
        """The actor a mention stands for on ``date`` in an event of ``event_type`` (None: not an actor)."""
        key = (mention, date, event_type, military)
        if key in self._coded:  # the coder asks about a party once per event and role
            return self._coded[key]
        found = self._coded[key] = self._code(mention, date=date, event_type=event_type, military=military)
        return found

    def _code(self, mention: Mention, *, date: str | None, event_type: str, military: bool) -> EventActor | None:
        if mention.label not in _ACTOR_LABELS:
            return None
        entity = self.entities.get(mention.entity) if mention.entity else None
        if entity is None:
            code = self.kb.demonym(mention.text) or self.kb.country(mention.text)
            if code is None:
                return self._described(mention)
            name = self.kb.countries[code].name if code in self.kb.countries else mention.text
            return EventActor(name, code, self._state_sector(event_type, military), None)
        if entity.label in PLACE_LABELS and entity.country is None:
            return None
        country, sector = entity.country, entity.sector
        if entity.label == "PERSON":
            country, sector = self._person_on(entity, date, country, sector)
        elif entity.label in ("GPE", "NORP") and (sector is None or mention.kind == "name"):
            sector = self._state_sector(event_type, military) if sector is None or military else sector
        if country is None:
            return None
        return EventActor(entity.name, country, sector, entity.id)

    def _described(self, mention: Mention) -> EventActor | None:
        """A person named only by an office that states its country ("Ukraine's foreign minister",
        "the Polish ambassador"): coded by that country and the office's sector; an office the article has
        given one person ("Sudan's army chief Abdel Fattah al-Burhan ... *the army chief* rejected"): that person."""
        if mention.label not in ("PERSON", "ORG"):
            return None
        written = re.sub(r"^(?:the|this|that|a|an)\s+", "", " ".join(mention.text.split()), flags=re.IGNORECASE)
        title = written.lower()
        holders = self._titles.get(title, set())
        if mention.label == "PERSON" and len(holders) == 1:
            entity = self.entities.get(next(iter(holders)))
            if entity is not None:
                country, sector = self._person_on(entity, None, entity.country, entity.sector)
                if country is not None:
                    return EventActor(entity.name, country, sector, entity.id)
        office = self.kb.office(mention.text) or self.kb.office(written)  # "*a* U.N. envoy held talks"
        if office is None or office.country is None:
            return None
        return EventActor(mention.text, office.country, office.sector, None)

    def code_name(self, name: str, *, date: str | None, event_type: str, military: bool = False) -> EventActor | None:
        """The actor a proper name the reading layer left unrecognised stands for: a known person (full name,
        or a surname only one known person has) by the office held on ``date``, else a state or one of its
        capitals or metonyms ("Putin", "Zelensky" -> RUS, UKR); None when the knowledge base does not know it
        (a full name whose surname alone is known is not taken for that person)."""
        words = name.split()
        if not words:
            return None
        person = self.kb.person(name)
        if person is None and len(words) == 1:
            # a surname the article has given in full, with a title ("Sudan's army chief Abdel Fattah al-Burhan
            # ... *Burhan* accused"): that person, coded by the article's roles when the KB does not know them
            found_here = self._surnames.get(_last_name_word(name) or "", set())
            if len(found_here) == 1:
                entity = self.entities.get(next(iter(found_here)))
                if entity is not None:
                    country, sector = self._person_on(entity, date, entity.country, entity.sector)
                    if country is not None:
                        return EventActor(entity.name, country, sector, entity.id)
        if person is None and len(words) == 1:  # "Mike Johnson" is not the one known Johnson
            found = self.kb.by_surname(words[0])
            person = found[0] if len(found) == 1 else None
            if len(found) > 1 and len({(p.country, p.sector) for p in found}) == 1 and found[0].country:
                # "Bush", "Clinton", "Gandhi": several known people of one country and sector code alike
                return EventActor(words[0], found[0].country, found[0].sector, None)
        if person is not None:
            country, sector = person.country, person.sector
            when = _day_or_coarser(date) if date else None
            for held in self.kb.roles_on(person, when) if when else ():
                office = self.kb.office(held.role)
                org = self.kb.organisation(held.org) if held.org else None
                country = held.country or (org.actor_code if org else None) or country
                sector = office.sector if office else sector
                break
            return EventActor(person.name, country, sector, None) if country else None
        code = self.kb.country(name)
        if code is None or code not in self.kb.countries:
            return None
        return EventActor(self.kb.countries[code].name, code, self._state_sector(event_type, military), None)

    def _person_on(
        self, entity: Entity, date: str | None, country: str | None, sector: str | None
    ) -> tuple[str | None, str | None]:
        when = _day_or_coarser(date) if date else None
        if when and entity.kb_id:
            for held in self.kb.roles_on(entity.kb_id, when):
                office = self.kb.office(held.role)
                org = self.kb.organisation(held.org) if held.org else None
                code = held.country or (org.actor_code if org else None)
                return code or country, office.sector if office else sector
        for role_country, role_org, role_name in self._roles.get(entity.id, ()):
            office = self.kb.office(role_name)
            org = self.kb.organisation(role_org) if role_org else None
            code = role_country or (org.actor_code if org else None)
            return code or country, office.sector if office else sector
        return country, sector

    @staticmethod
    def _state_sector(event_type: str, military: bool) -> str:
        return "MIL" if military or event_type in MILITARY_TYPES else "GOV"

    @staticmethod
    def military_head(word: str) -> bool:
        """Whether a head noun names armed forces ("troops", "forces")."""
        return word.lower() in _MILITARY_WORDS


def _last_name_word(name: str) -> str | None:
    """The last word of a person's name, lower-cased, without an Arabic article ("al-Burhan" -> "burhan")."""
    words = name.replace("’", "'").split()
    if not words:
        return None
    last = words[-1].lower()
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "ar-", "an-", "at-", "az-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            return last[len(prefix) :]
    return last


@lru_cache(maxsize=4096)
def _day_or_coarser(value: str) -> str | None:
    """A date the KB's interval test understands (an ISO week becomes its Monday; seasons etc.: None)."""
    week = _WEEK.match(value)
    if week:
        return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
    return value if _DATE.match(value) else None
