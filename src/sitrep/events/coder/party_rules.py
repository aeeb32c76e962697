"""Extra rules for an event's parties and dates (data: ``event_parties_extra.json``), and the adversary an act
with no named target is aimed at.

The data file lists the event types whose unnamed target is the actor's adversary in the article
(``adversary_types``), the prepositions whose noun may refer back to an earlier event ("deeply shocked *by the
attacks*", ``referring_preps``) and the date words that only place a state at the time of writing ("troops are
*now* deployed", ``present_timexes``); the event types whose recipient is the state of the place the actor
leaves (``origin_types``), named after ``origin_preps`` ("withdrew *from* southern Lebanon") or as the object of
``origin_verbs`` ("*left* Afghanistan"); the prepositions after which a government building is the event's
site ("signed *at* the White House", ``site_preps``) but for the types whose acts aim at it (``site_target_types``); the prepositions naming where a thing
handed over goes, whose party outranks one that only qualifies the object ("handed over an al-Qaeda suspect *to*
the United States", ``goal_preps``); the prepositions whose noun may be a body an attack or arrest aims at ("opened
fire *on* villagers", ``body_target_preps``) and the sectors of bodies that are no such target ("declared a
counter-terrorism *regime*", ``body_skip_sectors``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sitrep.events.record import EventActor

if TYPE_CHECKING:
    from sitrep.events.coder.context import ArticleContext


@dataclass(frozen=True, slots=True)
class PartyRules:
    """Extra rules for the parties and dates (data: ``event_parties_extra.json``)."""

    version: str
    adversary_types: frozenset[str]
    referring_preps: frozenset[str]
    present_timexes: frozenset[str]
    origin_types: frozenset[str] = frozenset()
    origin_preps: frozenset[str] = frozenset()
    origin_verbs: frozenset[str] = frozenset()
    site_preps: frozenset[str] = frozenset()
    site_target_types: frozenset[str] = frozenset()
    goal_preps: frozenset[str] = frozenset()
    body_target_preps: frozenset[str] = frozenset()
    body_skip_sectors: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_party_rules() -> PartyRules:
    """The packaged extra party rules (read once)."""
    raw = json.loads((files("sitrep") / "data" / "event_parties_extra.json").read_text(encoding="utf-8"))
    return PartyRules(
        version=raw["version"],
        adversary_types=frozenset(raw.get("adversary_types", ())),
        referring_preps=frozenset(raw.get("referring_preps", ())),
        present_timexes=frozenset(w.lower() for w in raw.get("present_timexes", ())),
        origin_types=frozenset(raw.get("origin_types", ())),
        origin_preps=frozenset(w.lower() for w in raw.get("origin_preps", ())),
        origin_verbs=frozenset(w.lower() for w in raw.get("origin_verbs", ())),
        site_preps=frozenset(w.lower() for w in raw.get("site_preps", ())),
        site_target_types=frozenset(raw.get("site_target_types", ())),
        goal_preps=frozenset(w.lower() for w in raw.get("goal_preps", ())),
        body_target_preps=frozenset(w.lower() for w in raw.get("body_target_preps", ())),
        body_skip_sectors=frozenset(raw.get("body_skip_sectors", ())),
    )


def adversary(ctx: ArticleContext, actors: list[EventActor]) -> list[EventActor] | None:
    """The state an act with no named target is aimed at ("Ukrainian troops struggle to hold back *Russian
    attacks*"): the one the actor's state most often acts against in the article's conflictual events so far, or
    that most often acts against it. ``[]`` for an actor of several states or none, or a tie; ``None`` when the
    article has told no conflictual event between the actor's state and another yet (the caller may fall back
    on the article's two main states)."""
    own = {a.country for a in actors if a.country is not None}
    if len(own) != 1:
        return []
    onto = ctx.clf.ontology
    kb = ctx.resolver.kb
    counts: Counter[str] = Counter()
    for event in ctx.history:
        if onto.quad_class(event.type) not in (3, 4):
            continue
        acting = {a.country for a in event.actor if a.country is not None}
        receiving = {r.country for r in event.recipient if r.country is not None}
        if not acting or not receiving or acting & receiving:
            continue
        if acting == own:
            counts.update(receiving)
        elif own <= receiving and len(acting) == 1:
            counts.update(acting)
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return []
    code = ranked[0][0]
    if code not in kb.countries:
        return []
    return [EventActor(kb.countries[code].name, code, "GOV", None)]
