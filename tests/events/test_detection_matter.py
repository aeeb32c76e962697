"""Detection rules of task D4: what a request asks for, an act's motive, a name kept at a distance, a phone call
told by "called", and tolls (sitrep.events.coder.trigger_checks, candidates, extract). Sentences are ours."""

from __future__ import annotations

from typing import Any


def _types(events: list[Any]) -> list[str]:
    return [e.type for e in events]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_what_a_request_asks_for_is_no_act(coder: Any) -> None:
    events = coder("The envoy called on Baku to halt the offensive and return to negotiations.")
    assert _types(events) == ["REQUEST"]
    events = coder("The minister asked the allies to impose new sanctions on Iran's drone industry.")
    assert _types(events) == ["REQUEST"]
    events = coder("The rebel leader demanded that the two generals be handed over to him.")
    assert "COOPERATE" not in _types(events)


def test_a_motive_noun_is_no_act(coder: Any) -> None:
    events = coder("Latvia expelled two Russian diplomats in a show of solidarity with Lithuania.")
    assert _types(events) == ["SANCTION"]
    events = coder("Moscow expelled five Estonian diplomats in retaliation for sanctions imposed last month.")
    assert _types(events) == ["SANCTION"]


def test_a_name_kept_at_a_distance_is_no_accusation(coder: Any) -> None:
    events = coder("Jets struck a port in what the government called its largest operation so far.")
    assert "ACCUSE" not in _types(events)


def test_calling_a_party_is_a_phone_call(coder: Any) -> None:
    events = coder("The chancellor called the Polish prime minister last week to discuss the border.")
    call = next(e for e in events if e.type == "CONSULT" and e.span.startswith("called"))
    assert call.mode == "phone" and _countries(call.recipient) == {"POL"}
    assert "ACCUSE" not in _types(events)
    events = coder("Germany's foreign minister spoke about the crisis on Monday. Later she also called Blinken.")
    assert any(e.type == "CONSULT" and e.span == "called" and _countries(e.recipient) == {"USA"} for e in events)


def test_calling_with_a_name_or_a_particle_is_no_call(coder: Any) -> None:
    assert "CONSULT" not in _types(coder("The senator called Putin a war criminal."))
    assert "CONSULT" not in _types(coder("The secretary-general called for the journalist's immediate release."))


def test_tolls_are_no_attacks(coder: Any) -> None:
    assert coder("Police in the capital said two protesters died overnight.") == []
    assert coder("Fighting between the army and the rebels has claimed more than 5,000 lives since 2016.") == []
    # a death with an attack told in the sentence stays one
    events = coder("Two soldiers died when their vehicle was hit by an artillery shell near the front.")
    assert "ASSAULT" in _types(events)
