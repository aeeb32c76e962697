"""Roles: who holds which office, for which country or body, at the article's time.

:func:`extract_roles` reads titles and appositions ("U.S. Defense Secretary
Lloyd Austin", "his Ukrainian counterpart, Defence Minister Andrii Taran",
"Ruslan Khomchak, head of the General Staff of Ukraine's military",
"Pentagon spokesman Major General Pat Ryder"), titles standing alone for a
person of the article ("the Pentagon chief") and counterparts, and returns one
:class:`~sitrep.nlp.layers.Role` per claim with its evidence span. Offices are
normalised by the knowledge base ("Defence Minister" -> "Defense Minister";
for the USA "Secretary of Defense"); the country is an ISO alpha-3 code or an
organisation code (``NATO``). Former and future offices ("former national
security adviser", "to become defence minister") are not claims about the
article's time and are left out. "Belousov, who was appointed in May" repeats
the office the article gives him elsewhere (or the knowledge base on the
article's date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.kb import KnowledgeBase
from sitrep.nlp.entities import Analysis, analyse
from sitrep.nlp.layers import Entity, Mention, Role
from sitrep.nlp.roles_claims import Claim, kb_role_on

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_roles"]

_APPOINTED = re.compile(
    r",\s+who\s+(?:was|has\s+been|had\s+been)\s+(?:appointed|named|elected|sworn\s+in|confirmed)\b[^.,;]*", re.IGNORECASE
)


def extract_roles(
    doc: Doc,
    *,
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    kb: KnowledgeBase,
    published: str | None = None,
) -> list[Role]:
    """Every role claim of the article in ``doc``, in text order (see the module docstring).

    ``mentions`` and ``entities`` are those :func:`sitrep.nlp.entities.resolve_entities`
    returned for the same ``doc``: a claim's person is the entity whose
    mention covers the name (or the title standing for it).
    """
    analysis = analyse(doc, kb=kb, published=published)
    text = analysis.text
    by_id = {entity.id: entity for entity in entities}
    roles: list[Role] = []
    for claim in analysis.claims:
        entity = _entity_for(claim, analysis, mentions, by_id)
        person = entity.name if entity is not None else analysis_name(analysis, claim)
        roles.append(
            Role(
                person=person,
                role=claim.office.role,
                country=claim.country,
                org=claim.org,
                start=claim.start,
                end=claim.end,
                span=text[claim.start : claim.end],
                entity=entity.id if entity is not None else None,
                role_text=claim.role_text,
                source=claim.source,
            )
        )
    roles.extend(_appointed(text, analysis, roles, mentions, by_id, kb, published))
    return _merge(roles, text)


def analysis_name(analysis: Analysis, claim: Claim) -> str:
    entity_id = analysis.entity_of_key.get(claim.person)
    for entity in analysis.entities:
        if entity.id == entity_id:
            return entity.name
    return claim.person.split(":", 1)[-1]


def _entity_for(claim: Claim, analysis: Analysis, mentions: Sequence[Mention], by_id: dict[str, Entity]) -> Entity | None:
    if claim.name_start is not None and claim.name_end is not None:
        start, end = claim.name_start, claim.name_end
    else:
        start, end = claim.start, claim.end
    for mention in mentions:
        if mention.start < end and start < mention.end and mention.entity in by_id and by_id[mention.entity].label == "PERSON":
            return by_id[mention.entity]
    own = analysis.entity_of_key.get(claim.person)
    if own is not None:
        own_entity = next((e for e in analysis.entities if e.id == own), None)
        if own_entity is not None:
            for entity in by_id.values():
                if entity.name == own_entity.name and entity.label == "PERSON":
                    return entity
    return None


def _appointed(
    text: str,
    analysis: Analysis,
    roles: Sequence[Role],
    mentions: Sequence[Mention],
    by_id: dict[str, Entity],
    kb: KnowledgeBase,
    published: str | None,
) -> list[Role]:
    """ "Belousov, who was appointed in May": the office the article (or the base) gives him, with this evidence."""
    out: list[Role] = []
    for mention in mentions:
        if mention.entity is None or mention.entity not in by_id or by_id[mention.entity].label != "PERSON":
            continue
        m = _APPOINTED.match(text, mention.end)
        if m is None:
            continue
        entity = by_id[mention.entity]
        known = [r for r in roles if r.entity == entity.id and r.country]
        if known:
            role, country, org = known[0].role, known[0].country, known[0].org
        else:
            person = kb.person(entity.name)
            held = kb_role_on(person, published, kb=kb)
            if held is None:
                continue
            role, country, org = held.role, held.country, held.org
        out.append(
            Role(entity.name, role, country, org, mention.start, m.end(), text[mention.start : m.end()],
                 entity.id, text[m.start() : m.end()].strip(", "), "appointed")
        )
    return out


def _merge(roles: list[Role], text: str) -> list[Role]:
    """One role per (person, role, country) and evidence: overlapping duplicates are merged into the wider span."""
    out: list[Role] = []
    for role in sorted(roles, key=lambda r: (r.start, -(r.end - r.start))):
        idx = next(
            (
                i
                for i, kept in enumerate(out)
                if kept.person == role.person
                and kept.role == role.role
                and kept.country == role.country
                and kept.start <= role.end + 2
                and role.start <= kept.end + 2
            ),
            None,
        )
        if idx is None:
            out.append(role)
            continue
        kept = out[idx]
        start, end = min(kept.start, role.start), max(kept.end, role.end)
        out[idx] = replace(kept, start=start, end=end, span=text[start:end], org=kept.org or role.org)
    return out
