"""Recall rules of task D10 (sitrep.events.coder.consultations, candidates): a verb of talking with a party, or being
"in touch" with one, is a consultation though the model calls the sentence no event (an AGREE when still to come;
"our allies" of a NATO member is NATO), and forces a report says will stay at a place are a MOBILIZE to come beside
the exercise they wait for. Sentences are ours."""

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
def _without(monkeypatch: pytest.MonkeyPatch, **off: bool) -> Iterator[None]:
    """Code with the named D10 rules off (to show what each adds)."""
    with monkeypatch.context() as patch:
        patch.setattr(extract, "CodingOptions", lambda **kw: CodingOptions(**off, **kw))
        yield


def test_talking_to_our_allies_is_a_consultation(coder: Callable[..., list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        '"We are following the drills very carefully, and we are talking to our allies about what they mean," '
        "State Department spokesman Ned Price told reporters on Monday."
    )
    coded = _coded(coder(text, published="2021-04-06"))
    assert ("CONSULT", "talking to our allies", {"USA"}, {"NATO"}) in coded
    with _without(monkeypatch, consultations=False):
        assert "CONSULT" not in [t for t, *_ in _coded(coder(text, published="2021-04-06"))]


def test_in_touch_with_a_named_party(coder: Callable[..., list[Any]]) -> None:
    text = "Ned Price, the State Department spokesman, said the United States was in touch with Poland about the movements."
    coded = _coded(coder(text, published="2021-04-06"))
    assert [c for c in coded if c[0] == "CONSULT" and c[2] == {"USA"} and c[3] == {"POL"}]


def test_a_talk_still_to_come_is_an_agree(coder: Callable[..., list[Any]]) -> None:
    text = 'U.S. Secretary of State Antony Blinken said: "We will be discussing the sanctions with our allies next week."'
    coded = _coded(coder(text, published="2021-04-06"))
    assert [c for c in coded if c[0] == "AGREE" and c[2] == {"USA"} and c[3] == {"NATO"}]


def test_a_verb_of_talking_with_no_party_is_no_event(coder: Callable[..., list[Any]]) -> None:
    text = "Officials in Washington said they were still discussing the figures."
    assert "CONSULT" not in [t for t, *_ in _coded(coder(text, published="2021-04-06"))]


def test_forces_that_will_stay_at_a_range(coder: Callable[..., list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Shoigu said the tanks of the 58th Army would remain at the Kapustin Yar range "
        "until a large exercise planned for October."
    )
    coded = coder(text, published="2021-04-23")
    stays = [e for e in coded if e.type == "MOBILIZE" and e.span == "remain"]
    assert stays and stays[0].status["future"] and stays[0].mode == "weapons"
    with _without(monkeypatch, staying_forces=False):
        assert not [e for e in coder(text, published="2021-04-23") if e.span == "remain"]


def test_forces_that_stayed_are_no_new_mobilization(coder: Callable[..., list[Any]]) -> None:
    text = "The tanks of the 58th Army remained at the Kapustin Yar range last week, Shoigu said."
    assert not [e for e in coder(text, published="2021-04-23") if e.span == "remained"]
