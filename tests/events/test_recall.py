"""Recall rules of task D8 (sitrep.events.coder.candidates, trigger_clauses): a verb coordinated with another is an
act of its own when its own clause reads as its type above all else ("..., and *promised* more air defence
systems"), also in a sentence the model calls "no event" when it is joined to the main verb ("said Canada was
following the manoeuvres and *urged* Russia to show restraint"), and a clause reported by a verb of saying that is
coordinated with the main verb tells its act ("The talks ended without a deal, and Pashinyan *said* Armenia would
meet Azerbaijan again"). Sentences are ours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import sitrep.events.extract as extract
from sitrep.events.coder.options import CodingOptions


def _coded(events: list[Any]) -> list[tuple[str, str, set[str | None], set[str | None]]]:
    return [(e.type, e.span, {a.country for a in e.actor}, {r.country for r in e.recipient}) for e in events]


@contextmanager
def _without_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Code with ``coordinated_acts`` off (to show what the rule adds)."""
    with monkeypatch.context() as patch:
        patch.setattr(extract, "CodingOptions", lambda **kw: CodingOptions(coordinated_acts=False, **kw))
        yield


def test_a_coordinated_promise_after_a_call_is_an_act(coder: Callable[..., list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Macron telephoned Zelensky on Saturday to discuss the offensive, the Elysee said, "
        "and promised more air defence systems."
    )
    coded = _coded(coder(text, published="2024-05-06"))
    assert ("AGREE", "promised", {"FRA"}, {"UKR"}) in coded
    assert ("CONSULT", "telephoned", {"FRA"}, {"UKR"}) in coded
    with _without_rule(monkeypatch):
        assert "AGREE" not in [t for t, *_ in _coded(coder(text, published="2024-05-06"))]


def test_a_request_joined_to_a_reported_verb_is_coded(coder: Callable[..., list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "In Ottawa, a foreign ministry spokeswoman said Canada was following the manoeuvres closely "
        "and urged Russia to show restraint."
    )
    assert ("REQUEST", "urged", {"CAN"}, {"RUS"}) in _coded(coder(text, published="2023-05-02"))
    with _without_rule(monkeypatch):
        assert coder(text, published="2023-05-02") == []


def test_a_clause_reported_by_a_coordinated_saying_verb(coder: Callable[..., list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The talks ended without a deal, and Pashinyan said Armenia would meet Azerbaijan again in June."
    coded = _coded(coder(text, published="2023-05-02"))
    assert ("AGREE", "meet", {"ARM"}, {"AZE"}) in coded
    with _without_rule(monkeypatch):
        assert coder(text, published="2023-05-02") == []


def test_a_listed_gerund_is_no_act_of_its_own(coder: Callable[..., list[Any]]) -> None:
    """What a demand lists ("its demands include reconnecting ... and *reopening* a pipeline") is named, not done."""
    text = (
        "Moscow's demands include reconnecting a state bank to the payments system "
        "and reopening a fertiliser pipeline to the Black Sea."
    )
    assert "RETREAT" not in [t for t, *_ in _coded(coder(text, published="2023-07-18"))]
