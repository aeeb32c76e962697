"""Trigger words in non-event uses, further events told by noun modifiers, and sentence patterns the written
training sentences teach (all sentences written for these tests; none is in the training or dev sets)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest

from sitrep.events.classify import classify_sentence
from sitrep.events.lexicon import load_lexicon
from sitrep.events.text import tokenize


def _hits(sentence: str) -> set[tuple[str, str]]:
    lexicon = load_lexicon()
    tokens = tokenize(sentence, irregular=lexicon.irregular)
    return {
        (hit.type, sentence[tokens[hit.first].start : tokens[hit.last - 1].end]) for hit in lexicon.type_hits(tokens)
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy flew back to the capital on Sunday night.",
        "Fishing boats were coming back to the harbour by noon.",
        "Border guards tried to hold back the crowd at the gate.",
        "The airline will cut back flights over the winter.",
    ],
)
def test_back_as_a_particle_is_no_support(sentence: str) -> None:
    assert not {hit for hit in _hits(sentence) if hit[0] == "SUPPORT"}


def test_back_as_a_verb_still_is_support() -> None:
    assert ("SUPPORT", "backed") in _hits("The upper house backed the reform plan on Friday.")


def test_claiming_responsibility_is_no_accusation() -> None:
    assert not {hit for hit in _hits("A little-known cell claimed responsibility for the blast.") if hit[0] == "ACCUSE"}
    assert ("ACCUSE", "claimed") in _hits("The opposition claimed that the count had been rigged.")


def test_close_to_a_place_is_no_closure() -> None:
    assert not {hit for hit in _hits("Two brigades are camped close to the frontier.") if hit[0] == "COERCE"}
    assert ("COERCE", "closure") in _hits("The ministry ordered the closure of three newspapers.")


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [
        ("ASSAULT", "Missiles struck a power station on the edge of the city late on Friday."),
        ("MOBILIZE", "The general said thousands of paratroopers had gathered near the northern border."),
        ("COOPERATE", "Jets from two partner air forces helped to shoot down the incoming missiles."),
    ],
)
def test_written_patterns(expected: str, sentence: str) -> None:
    assert classify_sentence(sentence).type == expected


def test_new_written_sentences_are_ours_and_unique() -> None:
    written = json.loads((files("sitrep") / "models" / "events" / "written_train.json").read_text(encoding="utf-8"))
    texts = [row[2] for row in written["sentences"]]
    assert len(texts) == len(set(texts))
    assert written["version"] >= "1.7.0"


def _typed(coder: Any, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.span) for e in coder(text, published="2024-01-10")]


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The ministry imposed sanctions on twelve firms accused of supplying drone engines to the army.",
         ("SANCTION", "imposed")),
        ("The EU fined three banks accused of laundering money for the cartel.", ("SANCTION", "fined")),
    ],
)
def test_participle_describing_a_noun_is_no_further_event(coder: Any, sentence: str, event: tuple[str, str]) -> None:
    """"firms *accused* of ...": the participle describes the firms; no accusation is told here."""
    assert _typed(coder, sentence) == [event]
