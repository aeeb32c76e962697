"""Detection rules of task D5: a second act in a sentence already coded — the last verb of a list the parse hung
higher, a noun trigger in another party's clause opened by "and", a possessive that is the agent of a performed
object, a noun the parse hangs on "worth" — and the trigger phrase "build up" (sitrep.events.coder.candidates,
syntax, trigger_checks). Sentences are ours."""

from __future__ import annotations

from typing import Any


def _spans(events: list[Any], event_type: str) -> list[str]:
    return [e.span for e in events if e.type == event_type]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_the_last_verb_of_a_list_is_an_act_of_its_own(coder: Any) -> None:
    events = coder(
        "The president on Monday signed a decree that expelled eight Belarusian diplomats, sanctioned 20 officials "
        "accused of rigging the vote, and barred Belarusian airlines from entering Lithuanian airspace."
    )
    assert {"expelled", "sanctioned", "barred"} <= set(_spans(events, "SANCTION"))


def test_a_noun_in_another_partys_clause_is_an_act_of_its_own(coder: Any) -> None:
    events = coder(
        "The Canadian prime minister said on Friday that Ottawa would send more armoured vehicles, and Dutch "
        "Defence Minister Kajsa Ollongren announced a package worth 250 million euros for Kyiv."
    )
    package = next(e for e in events if e.type == "AID" and e.span == "package")
    assert _countries(package.actor) == {"NLD"} and _countries(package.recipient) == {"UKR"}
    # "would send" in a reported clause is aid promised, not given: AGREE (the guide's rule for aid to come)
    assert any(e.type == "AGREE" and e.span == "send" and _countries(e.actor) == {"CAN"} for e in events)
    # a clause the parse joined with no "and" opening it is no second act ("after the general ordered a pullback")
    events = coder("Poland's forces withdrew from the village last week, after the general ordered a pullback to spare his men.")
    assert _spans(events, "RETREAT") == ["withdrew"]


def test_a_possessive_before_a_performed_object_is_its_agent(coder: Any) -> None:
    events = coder("Scholz met Macron and Meloni in Rome on Thursday, and the three leaders affirmed their support for Moldova.")
    assert "CONSULT" in [e.type for e in events]
    support = next(e for e in events if e.type == "SUPPORT")
    assert _countries(support.recipient) == {"MDA"}


def test_building_up_forces_is_a_mobilisation(coder: Any) -> None:
    events = coder("The army chief told lawmakers on Monday that Azerbaijan was building up forces near the Armenian border.")
    build = next(e for e in events if e.type == "MOBILIZE")
    assert build.span == "building up" and _countries(build.actor) == {"AZE"}

