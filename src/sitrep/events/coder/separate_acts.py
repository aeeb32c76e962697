"""One event or several: triggers of a sentence telling the same act by the same parties are one event
(:func:`drop_restatements`), while an act told separately with each party ("held calls with his Russian and
Ukrainian counterparts", "met Kuleba and, *separately*, Stoltenberg") is one event per party state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.events.coder.predicates import predicate_of
from sitrep.events.coder.refusals import load_precision_rules
from sitrep.events.coder.syntax import OBJECTS, UD_OBLIQUE, in_clause
from sitrep.events.record import Event, event_id

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext


def separate_party_events(ctx: ArticleContext, event: Event) -> list[Event]:
    """One event per party state where the text states separate acts with each, else ``[event]``.

    "Milley held *calls* with his Russian and Ukrainian counterparts" (a plural act noun, data:
    ``separate_act_nouns``), "spoke by phone with Gerasimov, and *with* Khomchak" (the preposition
    repeated), "met Kuleba and, *separately*, Stoltenberg" / "Britain and France *each* sent ..." (an
    adverb of _separateness, data: ``separate_act_adverbs``): one event per recipient (or, for "each" with
    compound actors, per actor). A joint act ("met French and German leaders in Paris", "spoke with
    Macron, Scholz and Sunak") stays one event with several recipients.
    """
    if len({p.country for p in event.recipient}) < 2 and len({p.country for p in event.actor}) < 2:
        return [event]  # no side names two states: one event whatever the words say (most events)
    lexicon = ctx.clf.lexicon
    trigger = ctx.content_token(event.start, event.end)
    predicate = predicate_of(trigger)
    words = list(ctx.tokens[trigger.i : ctx.token_at(max(event.start, event.end - 1)).i + 1])
    words += [c for c in predicate.children if c.dep_ in OBJECTS]
    plural = any(t.lower_ in lexicon.separate_act_nouns and ctx.names_type(t.text, event.type) for t in words)
    adverb = _separateness(predicate, lexicon.separate_act_adverbs)
    side = "recipient"
    if not (plural or adverb or _repeated_preposition(predicate)):
        return [event]
    parties = event.recipient
    if len({p.country for p in parties}) < 2 and adverb:
        parties, side = event.actor, "actor"
    states = list(dict.fromkeys(p.country for p in parties))
    if len(states) < 2 or None in states:
        return [event]
    out: list[Event] = []
    for k, state in enumerate(states):
        group = tuple(p for p in parties if p.country == state)
        new_id = event.id if k == 0 else event_id(ctx.article.id, event.start, -k)  # trigger offsets are never negative
        if side == "actor":
            out.append(replace(event, id=new_id, actor=group))
        else:
            out.append(replace(event, id=new_id, recipient=group))
    return out


def _separateness(predicate: SpacyToken, adverbs: frozenset[str]) -> bool:
    """Whether a word of _separateness (``adverbs``) qualifies the verb's own clause: "met X and, *separately*,
    Y", "Britain and France *each* sent ..." ("each" floats next to the verb; "each other" is reciprocal)."""
    for token in predicate.subtree:
        if token.lower_ not in adverbs:
            continue
        if not in_clause(token, predicate):  # in a clause of its own below the verb
            continue
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "each" and (token.head.i != predicate.i or following in ("other", "of")):
            continue
        return True
    return False


def _repeated_preposition(predicate: SpacyToken) -> bool:
    """Whether a verb's oblique party is coordinated with another that repeats its preposition ("spoke *with*
    Gerasimov and *with* Khomchak"): two acts, not one with two parties."""
    for child in predicate.children:
        if child.dep_ not in UD_OBLIQUE:
            continue
        case = next((c.lower_ for c in child.children if c.dep_ == "case"), None)
        if case is None:
            continue
        for conj in child.children:
            if conj.dep_ == "conj" and any(c.dep_ == "case" and c.lower_ == case for c in conj.children):
                return True
    return False


def restatement_key(event: Event) -> tuple[object, ...]:
    """One event per sentence, type and parties: two triggers of a sentence telling the same act by the same parties are one event."""
    return (
        event.sentence_start,
        event.type,
        frozenset(a.country for a in event.actor),
        frozenset(r.country for r in event.recipient),
    )


def drop_restatements(events: list[Event], *, separate: frozenset[int] = frozenset()) -> list[Event]:
    """The events less those that repeat an earlier one (same :func:`restatement_key`); an event whose trigger
    starts at an offset in ``separate`` states an act of its own ("expelled 10 diplomats and *barred* 8
    officials") and is kept."""
    kept: dict[tuple[object, ...], int] = {}
    out: list[Event] = []
    for event in events:
        key = restatement_key(event)
        if key in kept and event.start not in separate:
            first = out[kept[key]]
            if any(k not in first.quantities for k in event.quantities):  # the figures either trigger's clause states
                out[kept[key]] = replace(first, quantities={**event.quantities, **first.quantities})
            continue
        kept[key] = len(out)
        out.append(event)
    return out


def retells_told(event: Event, told: Sequence[Event], *, types: frozenset[str]) -> bool:
    """Whether ``event`` retells an act the article told in an earlier sentence (gold guide: one record per event
    per article): an act of one of ``types`` by the same states, on the same states (or with no target named on
    one side), on the same day, with the same status, no other mode and no other place ("Russia launched a massive
    missile attack on Ukraine on Friday ... The air force said Russia had *fired* 88 missiles"; "Blinken stood
    firmly behind Kyiv ... '*The United States stands firmly behind Ukraine*,' he said"). A strike the text places
    at a named site of its own is a separate event. A meeting is told again when the same people meet
    (:func:`retells_meeting`)."""
    if event.type in load_precision_rules().retold_meeting_types and retells_meeting(event, told):
        return True
    if event.type not in types or event.date is None:
        return False
    actors = frozenset(a.country for a in event.actor)
    if not actors or None in actors:
        return False
    recipients = frozenset(r.country for r in event.recipient)
    place = event.location.name if event.location is not None else None
    for earlier in told:
        if earlier.type != event.type or earlier.sentence_start >= event.sentence_start:
            continue
        if frozenset(a.country for a in earlier.actor) != actors:
            continue
        others = frozenset(r.country for r in earlier.recipient)
        if recipients and others and recipients != others:
            continue
        if (earlier.date, earlier.date_precision) != (event.date, event.date_precision):
            continue
        if (earlier.negated, earlier.future, earlier.hypothetical) != (event.negated, event.future, event.hypothetical):
            continue
        if event.mode is not None and earlier.mode is not None and event.mode != earlier.mode:
            continue
        if place is not None and (earlier.location is None or earlier.location.name != place):
            continue
        return True
    return False


def _people(event: Event) -> frozenset[str | None]:
    """The entities of an event's parties, on both sides."""
    return frozenset(p.entity_id for p in (*event.actor, *event.recipient))


def retells_meeting(event: Event, told: Sequence[Event]) -> bool:
    """Whether a meeting is one an earlier sentence of the article told: the same people (entities, on either
    side: "Biden spoke with Zelensky ... The two leaders also *discussed* ...", "Zelensky wrote that he was glad
    to have *spoken with* the American president"), on the same day, with the same status. Two calls of the same
    states by other people on one day ("Blinken spoke with Kuleba; Milley spoke with Khomchak") are two events."""
    if event.date is None:
        return False
    people = _people(event)
    if len(people) < 2 or None in people:
        return False
    status = (event.negated, event.future, event.hypothetical)
    return any(
        earlier.type == event.type
        and earlier.sentence_start < event.sentence_start
        and _people(earlier) == people
        and (earlier.date, earlier.date_precision) == (event.date, event.date_precision)
        and (earlier.negated, earlier.future, earlier.hypothetical) == status
        for earlier in told
    )


_RELATIVE_CLAUSES = frozenset({"acl:relcl", "relcl"})
_POSSESSORS = frozenset({"nmod:poss", "poss"})


def presupposed(trigger: SpacyToken) -> bool:
    """Whether a trigger names an act as known rather than telling it: a relative clause describing a thing ("the
    summit Biden *proposed* during the call") or an act noun with its doer as possessor ("Biden's *offer* of a
    summit")."""
    if trigger.dep_ in _RELATIVE_CLAUSES:
        return True
    return trigger.pos_ == "NOUN" and any(c.dep_ in _POSSESSORS for c in trigger.children)


def retells_presupposed(event: Event, trigger: SpacyToken, told: Sequence[Event]) -> bool:
    """Whether ``event`` names as known (:func:`presupposed`) an act of its type (data: ``presupposed_types``) that
    an earlier sentence of the article told with the same actor (entities: "Biden proposed a summit ... the summit
    *Biden proposed*", "... weighing *Biden's offer* of a summit"): that act again (task D11). An offer stated
    anew ("Biden repeated his offer") is no presupposition and stays an event."""
    if event.type not in load_precision_rules().presupposed_types or not presupposed(trigger):
        return False
    people = frozenset(a.entity_id for a in event.actor)
    if not people or None in people:
        return False
    return any(
        earlier.type == event.type
        and earlier.sentence_start < event.sentence_start
        and frozenset(a.entity_id for a in earlier.actor) == people
        for earlier in told
    )
