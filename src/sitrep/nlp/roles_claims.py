"""From title phrases to claims: who holds which office, for which country or body.

A :class:`Claim` joins a person (an id the caller chose: an entity id or a
cluster key), an office in its normal form, a country (ISO alpha-3 or an
organisation code) and the evidence span. The country comes, in this order,
from the words of the title ("U.S.", "Ukraine's", "of the Armed Forces of
Ukraine"), from "his Ukrainian counterpart", from the office the person held
on the article's date in the knowledge base, from the title itself ("Pentagon
chief"), and last from the person's nationality. What the text says wins over
the knowledge base, so an article that calls Kuleba "Russian Foreign Minister"
yields exactly that claim (verification compares sources later).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sitrep.kb import KnowledgeBase, Office, Person, PersonRole
from sitrep.kb.model import date_bounds
from sitrep.nlp.roles_context import place_country, role_words
from sitrep.nlp.roles_titles import TitlePhrase

__all__ = ["GENERIC_OFFICES", "Claim", "build_claims", "kb_role_on"]

# generic offices need a name next to them to make a claim
GENERIC_OFFICES = frozenset(
    {
        "director", "minister", "commander", "chief_of_staff", "speaker", "lawmaker", "senator", "mayor", "governor", "king",
        "adviser", "chairman", "founder", "ombudsman", "chief_negotiator",
    }
)


@dataclass(slots=True, frozen=True)
class Claim:
    person: str
    office: Office
    country: str | None
    org: str | None
    start: int
    end: int
    name_start: int | None
    name_end: int | None
    role_text: str
    source: str


def kb_role_on(person: Person | None, when: str | None, *, office_class: str | None = None, kb: KnowledgeBase) -> PersonRole | None:
    """The office ``person`` held on ``when`` (of ``office_class`` when given); without a date, the latest one."""
    if person is None:
        return None
    roles = list(person.roles)
    if office_class is not None:
        roles = [r for r in roles if _class_of(r, kb) == office_class]
    if when:
        held = [r for r in roles if r.held_on(when)]
        return held[0] if held else None
    if not roles:
        return None
    return max(roles, key=lambda r: date_bounds(r.end)[1] if r.end else dt.date.max)


def _class_of(role: PersonRole, kb: KnowledgeBase) -> str | None:
    office = kb.office(role.role)
    return office.office_class if office is not None else None


@dataclass(slots=True)
class _Context:
    text: str
    kb: KnowledgeBase
    when: str | None
    person_at: Callable[[int, int], str | None]
    kb_person: Callable[[str], Person | None]
    persons_before: Callable[[int, int], list[str]]
    country_near: Callable[[int, int, int], str | None] | None = None
    place_near: Callable[[int, int, int], str | None] | None = None
    antecedent: Callable[[str, int], str | None] | None = None


def build_claims(
    text: str,
    phrases: Sequence[TitlePhrase],
    *,
    kb: KnowledgeBase,
    when: str | None,
    person_at: Callable[[int, int], str | None],
    kb_person: Callable[[str], Person | None],
    persons_before: Callable[[int, int], list[str]],
    country_near: Callable[[int, int, int], str | None] | None = None,
    place_near: Callable[[int, int, int], str | None] | None = None,
    antecedent: Callable[[str, int], str | None] | None = None,
) -> list[Claim]:
    """Claims for every current, named (or resolvable title-alone) office in ``phrases``.

    ``person_at(start, end)`` names the person a name span belongs to;
    ``kb_person(person)`` gives their knowledge-base record; ``persons_before(pos,
    sentence_start)`` lists the people mentioned before ``pos``, nearest first
    (the sentence's people first, then earlier ones); ``country_near(pos,
    skip_start, skip_end)``, when given, is the country the article's context
    gives a claim at ``pos`` whose own text gives none (see
    :func:`sitrep.nlp.roles_context.context_country`); ``place_near`` the
    same from place names only, for offices over a place (governors, mayors);
    ``antecedent(noun, pos)`` the country of "the junta" in "the junta's
    spokesman" (see :func:`sitrep.nlp.roles_context.antecedent_country`).
    """
    ctx = _Context(text, kb, when, person_at, kb_person, persons_before, country_near, place_near, antecedent)
    claims: list[Claim] = []
    counterparts = [p for p in phrases if p.office.id == "counterpart"]
    for phrase in phrases:
        if phrase.tense != "current" or phrase.office.id == "counterpart":
            continue
        nested_in = next((c for c in counterparts if c.title_end < phrase.title_start <= c.title_end + 3), None)
        for i, (n_start, n_end) in enumerate(phrase.names):
            person = person_at(n_start, n_end)
            if person is None:
                continue
            per_name = phrase.per_name[i] if i < len(phrase.per_name) else None
            country = per_name.country if per_name else phrase.country
            org = per_name.org if per_name else phrase.org
            if country is None and nested_in is not None and nested_in.counterpart:
                country = nested_in.counterpart[0]
            claim = _claim(ctx, phrase, person, country, org, n_start, n_end, claims)
            if nested_in is not None:
                claim = replace(claim, start=min(claim.start, nested_in.start))
            claims.append(claim)
    for phrase in phrases:
        if phrase.tense != "current":
            continue
        if phrase.office.id == "counterpart":
            claims.extend(_counterpart_claims(ctx, phrase, claims))
        elif not phrase.names and not phrase.plural and phrase.office.id not in GENERIC_OFFICES:
            alone = _alone_claim(ctx, phrase, claims)
            if alone is not None:
                claims.append(alone)
    claims.sort(key=lambda c: (c.start, c.name_start or 0))
    return claims


def _claim(
    ctx: _Context,
    phrase: TitlePhrase,
    person: str,
    country: str | None,
    org: str | None,
    n_start: int | None,
    n_end: int | None,
    earlier: Sequence[Claim],
) -> Claim:
    kb = ctx.kb
    office = phrase.office
    record = ctx.kb_person(person)
    if country is None:
        held = kb_role_on(record, ctx.when, office_class=office.office_class, kb=kb)
        if held is not None:
            country = held.country
    if country is None and office.country is not None:
        country = office.country
    if country is None:
        known = [c for c in earlier if c.person == person and c.country]
        if known:
            country = known[0].country
    if country is None and record is not None:
        held = kb_role_on(record, ctx.when, kb=kb)
        country = held.country if held is not None else record.country
    if country is None:
        country = _owner_country(ctx, phrase, person, earlier)
    if country is None:
        territorial = office.id in role_words().territorial_offices
        near = ctx.place_near if territorial and ctx.place_near is not None else ctx.country_near
        if near is not None:
            country = near(phrase.start, phrase.start, phrase.end)
    if country is not None:
        office = kb.office_variant(office, country)
    if phrase.portfolio:
        office = replace(office, role=f"{phrase.portfolio} {office.role}")
    if phrase.prefix:
        office = replace(office, role=f"{phrase.prefix} {office.role}")
    return Claim(
        person=person,
        office=office,
        country=country,
        org=org or office.org,
        start=phrase.start,
        end=phrase.end,
        name_start=n_start,
        name_end=n_end,
        role_text=ctx.text[phrase.title_start : phrase.title_end],
        source=phrase.relation,
    )


def _owner_country(ctx: _Context, phrase: TitlePhrase, person: str, earlier: Sequence[Claim]) -> str | None:
    """The country of whoever the title belongs to: "Aliyev's adviser", "his spokesman", "Odesa's governor"."""
    owners: list[str] = []
    for start, end in phrase.owners:
        key = ctx.person_at(start, end)
        if key is not None and key != person:
            owners.append(key)
        elif ctx.text[start:start + 1].islower():
            # "the junta's spokesman": the body the noun refers back to
            code = ctx.antecedent(ctx.text[start:end], start) if ctx.antecedent is not None else None
            if code is not None:
                return code
        else:
            code = place_country(ctx.text[start:end], kb=ctx.kb)
            if code is not None:
                return code
    if phrase.possessive and not owners:
        anchor = _anchor(ctx, phrase, {person})
        if anchor is not None:
            owners.append(anchor)
    for owner in owners:
        _, country = _office_class_of(ctx, owner, earlier)
        if country is None:
            record = ctx.kb_person(owner)
            country = record.country if record is not None else None
        if country is not None:
            return country
    heads = dict(role_words().head_bodies)
    for _, _, qualifier in phrase.qualifiers:
        head_class = heads.get((qualifier.org or "").lower()) if qualifier.country is None else None
        if head_class is not None:
            # "Presidential Office spokeswoman": the office of the president the article named before
            holder = next((c for c in reversed(earlier) if c.office.office_class == head_class and c.country), None)
            if holder is not None:
                return holder.country
            continue
        if qualifier.org and qualifier.country is None and qualifier.sector is None and qualifier.org[:1].isupper():
            code = place_country(qualifier.org, kb=ctx.kb)
            if code is not None:
                return code
    return None


def _anchor(ctx: _Context, phrase: TitlePhrase, exclude: set[str]) -> str | None:
    for person in ctx.persons_before(phrase.title_start, phrase.title_start):
        if person not in exclude:
            return person
    return None


def _office_class_of(ctx: _Context, person: str, claims: Sequence[Claim]) -> tuple[str | None, str | None]:
    """(office class, country) of ``person`` from this article's claims, else from the knowledge base."""
    for claim in claims:
        if claim.person == person and claim.office.office_class != "counterpart":
            return claim.office.office_class, claim.country
    held = kb_role_on(ctx.kb_person(person), ctx.when, kb=ctx.kb)
    if held is not None:
        office = ctx.kb.office(held.role)
        return (office.office_class if office else None), held.country
    return None, None


def _counterpart_claims(ctx: _Context, phrase: TitlePhrase, claims: Sequence[Claim]) -> list[Claim]:
    kb = ctx.kb
    named = [ctx.person_at(a, b) for a, b in phrase.names]
    anchor = _anchor(ctx, phrase, {p for p in named if p})
    if anchor is None:
        return []
    office_class, anchor_country = _office_class_of(ctx, anchor, claims)
    if office_class is None:
        return []
    out: list[Claim] = []
    if phrase.names:
        for i, ((n_start, n_end), person) in enumerate(zip(phrase.names, named, strict=True)):
            if person is None:
                continue
            countries = phrase.counterpart
            country = countries[i] if len(countries) == len(phrase.names) else (countries[0] if countries else None)
            held = kb_role_on(ctx.kb_person(person), ctx.when, office_class=office_class, kb=kb)
            if country is None and held is not None:
                country = held.country
            if country is None or country == anchor_country:
                continue
            mirrored = _mirrored_office(kb, anchor, claims, country)
            office = kb.office(held.role) if held is not None else kb.counterpart(office_class, country)
            if mirrored is not None:
                # "his Russian counterpart" of the Ukrainian ambassador is Russia's ambassador, whatever the base calls him
                office = mirrored
            elif office is None:
                continue
            else:
                office = kb.office_variant(replace(office, country=None), country)
                if held is not None:
                    office = replace(office, role=held.role)
            out.append(
                Claim(person, office, country, None, phrase.start, phrase.end, n_start, n_end,
                      ctx.text[phrase.title_start : phrase.title_end], "counterpart")
            )
        return out
    if phrase.plural or len(phrase.counterpart) != 1 or re.match(r",\s*(?:the\s+)?[A-Z]", ctx.text[phrase.title_end : phrase.title_end + 6]):
        return []
    country = phrase.counterpart[0]
    office = kb.counterpart(office_class, country)
    if office is None:
        return []
    person = _holder_in_article(ctx, office.office_class, country, phrase, claims)
    if person is None:
        return []
    return [
        Claim(person, kb.office_variant(office, country), country, None, phrase.title_start, phrase.title_end,
              None, None, ctx.text[phrase.title_start : phrase.title_end], "counterpart")
    ]


def _mirrored_office(kb: KnowledgeBase, anchor: str, claims: Sequence[Claim], country: str) -> Office | None:
    """The anchor's office in this article, as ``country`` calls it (the counterpart holds the same office)."""
    for claim in claims:
        if claim.person == anchor and claim.office.office_class != "counterpart" and claim.country:
            generic = kb.office(claim.office.role)
            # a country's own office ("Chairman of the Joint Chiefs of Staff") has no namesake abroad
            if generic is None or generic.country is not None:
                return None
            return kb.office_variant(claim.office, country)
    return None


def _holder_in_article(
    ctx: _Context, office_class: str, country: str, phrase: TitlePhrase, claims: Sequence[Claim], role: str | None = None
) -> str | None:
    """The person of this article who holds an office of ``office_class`` for ``country``."""
    candidates = ctx.persons_before(phrase.title_start, phrase.title_start)
    for claim in claims:
        if claim.person not in candidates:
            candidates.append(claim.person)
    for person in candidates:
        for claim in claims:
            if (
                claim.person == person
                and claim.country == country
                and claim.office.office_class == office_class
                and (role is None or claim.office.role == role)
            ):
                return person
    for person in candidates:
        held = kb_role_on(ctx.kb_person(person), ctx.when, office_class=office_class, kb=ctx.kb)
        if held is not None and held.country == country:
            return person
    return None


def _alone_claim(ctx: _Context, phrase: TitlePhrase, claims: Sequence[Claim]) -> Claim | None:
    """A title alone ("the Pentagon chief", "the American president") resolved to a person of the article."""
    office = phrase.office
    country = phrase.country or office.country
    if country is None:
        return None
    office = ctx.kb.office_variant(office, country)
    if phrase.prefix:
        return None
    person = _holder_in_article(ctx, office.office_class, country, phrase, claims, role=office.role)
    if person is None:
        return None
    return Claim(
        person=person,
        office=office,
        country=country,
        org=phrase.org or office.org,
        start=phrase.start,
        end=phrase.end,
        name_start=None,
        name_end=None,
        role_text=ctx.text[phrase.title_start : phrase.title_end],
        source="title",
    )
