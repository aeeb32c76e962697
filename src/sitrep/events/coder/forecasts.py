"""Warnings that forecast rather than threaten, and acts only feared (task D11).

A threat warns of what the speaker's side will do to someone ("warned that *Washington* would act", "warned that
*anyone* crossing its red lines would get a response", "warned that *America and Britain* would pay a heavy
price"). A warning whose forecast is about no party at all ("warned that *hundreds of millions of people* would
pay the price", "warn that *a miscalculation* could escalate quickly") forecasts: no event. One that another
party might do something ("warned that *Russia might* blow up the dam") voices fear of that party's act: an
accusation of it (gold guide: expressions of concern are ACCUSE), and the feared act is no act told. Words:
``data/event_precision.json`` (``possibility_modals``, ``any_words``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sitrep.events.actors import ActorResolver
from sitrep.events.coder.refusals import load_precision_rules
from sitrep.events.coder.rules import load_coding_rules
from sitrep.events.coder.syntax import SUBJECTS, VERB_POS
from sitrep.events.coder.trigger_checks import warning_clause

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.record import EventActor

_HELPERS = frozenset({"aux", "aux:pass", "auxpass"})


def _warning(trigger: SpacyToken) -> SpacyToken | None:
    """The verb of warning a trigger is (or heads), else None."""
    if trigger.pos_ not in VERB_POS or trigger.lemma_.lower() not in load_coding_rules().detection.fact_warning_verbs:
        return None
    return trigger


def forecast_subject(trigger: SpacyToken) -> SpacyToken | None:
    """The subject of the clause a verb of warning forecasts ("warned that *Russia* might blow up the dam"), else
    None (no clause, or a clause with no subject of its own)."""
    verb = _warning(trigger)
    clause = warning_clause(verb) if verb is not None else None
    if clause is None:
        return None
    return next((c for c in clause.children if c.dep_ in SUBJECTS), None)


def generic_subject(subject: SpacyToken) -> bool:
    """Whether a forecast's subject names whoever it may concern ("*anyone* who crossed", "*any* further attacks",
    "*whoever* tried"): the target of a threat, named by a word of ``any_words``, or a pronoun (resolved
    elsewhere)."""
    if subject.pos_ == "PRON":
        return True
    words = load_precision_rules().any_words
    return any(t.lower_ in words for t in subject.subtree)


def possibility(trigger: SpacyToken) -> bool:
    """Whether the clause a verb of warning forecasts is told as a mere possibility ("Russia *might* blow up the
    dam"), not as what will come ("would", "will": a threat)."""
    verb = _warning(trigger)
    clause = warning_clause(verb) if verb is not None else None
    if clause is None:
        return False
    modals = load_precision_rules().possibility_modals
    return any(c.dep_ in _HELPERS and c.lower_ in modals for c in clause.children)


def feared_act(trigger: SpacyToken) -> bool:
    """Whether a trigger is the act a warning fears as possible ("warned that Russia might *blow up* the dam"):
    no act told."""
    if trigger.pos_ not in VERB_POS or trigger.dep_ != "ccomp":
        return False
    head = trigger.head
    clause = warning_clause(head) if _warning(head) is not None else None
    return clause is not None and clause.i == trigger.i and possibility(head)


def forecast_reading(
    trigger: SpacyToken,
    *,
    actors: Sequence[EventActor],
    parties_of: Callable[[SpacyToken], list[EventActor]],
    names_act: Callable[[str], bool],
) -> tuple[str, list[EventActor]] | None:
    """What a threat told by a verb of warning is: None (a threat, as coded), ``("", [])`` (a forecast about no
    party: no event) or ``("ACCUSE", parties)`` (fear voiced of another party's possible act, which is accused).
    ``parties_of`` gives the parties a noun phrase names, ``names_act`` whether a word names an act ("warned that
    further *strikes* would follow": the speaker's own act to come, a threat)."""
    subject = forecast_subject(trigger)
    if subject is None or generic_subject(subject):
        return None
    named = parties_of(subject)
    if not named:
        if names_act(subject.text) or ActorResolver.military_head(subject.text) or any(t.pos_ == "PROPN" or t.ent_type_ for t in subject.subtree):
            return None  # "warned that *the army* would defend the nation", "*independence forces* would end up ...": a party
        return "", []
    own = {a.country for a in actors}
    others = [p for p in named if p.country not in own]
    if others and len(others) == len(named) and possibility(trigger):
        return "ACCUSE", others
    return None
