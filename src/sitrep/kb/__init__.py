"""The actor knowledge base: countries, organisations, offices and people over time.

>>> kb = load_kb()
>>> kb.country("Kiev"), kb.office("Defense Secretary").role
('UKR', 'Secretary of Defense')
>>> [r.role for r in kb.roles_on("Sergei Shoigu", "2021-04-13")]
['Defense Minister']
"""

from __future__ import annotations

from sitrep.kb.base import KnowledgeBase, Metonym, Qualifier
from sitrep.kb.load import load_kb
from sitrep.kb.model import Country, Office, Organisation, Person, PersonRole
from sitrep.kb.offices import TitleHit

__all__ = [
    "Country",
    "KnowledgeBase",
    "Metonym",
    "Office",
    "Organisation",
    "Person",
    "PersonRole",
    "Qualifier",
    "TitleHit",
    "load_kb",
]
