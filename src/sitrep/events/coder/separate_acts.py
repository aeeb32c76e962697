"""One event or several: triggers of a sentence telling the same act by the same parties are one event
(:func:`drop_restatements`), while an act told separately with each party ("held calls with his Russian and
Ukrainian counterparts", "met Kuleba and, *separately*, Stoltenberg") is one event per party state."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.events.coder.syntax import OBJECTS, UD_OBLIQUE, in_clause, predicate_of
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
