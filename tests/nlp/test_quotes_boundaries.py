"""Quotes: where reported content ends and who "he" is, round 2 of the rules.

Sentences written for these tests, read with a blank English tokenizer and an
entity ruler for the names (no trained model needed).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from sitrep.nlp.layers import Entity, Quote
from sitrep.nlp.quotes import find_quotes, mentions_from_doc

NAMES = {
    "PERSON": ["Anna Kovacs", "Kovacs", "Piotr Lind", "Lind", "Marta Ibsen", "Ibsen", "Omar Sill", "Sill"],
    "ORG": ["Harbour Authority", "United Nations"],
    "GPE": ["Valmora", "Kyiv"],
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipe = spacy.blank("en")
    ruler = pipe.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": name} for label, names in NAMES.items() for name in names])  # type: ignore[attr-defined]
    return pipe


def _quotes(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    mentions, entities = mentions_from_doc(doc)
    by_id: dict[str, Entity] = {e.id: e for e in entities}
    found: list[Quote] = find_quotes(doc, mentions=mentions, entities=entities)
    return [(q.text, by_id[q.speaker].name if q.speaker else q.speaker_text) for q in found]


@pytest.mark.parametrize("directive", ["called on", "urged", "again called on", "accused"])
def test_a_directive_after_and_ends_the_content(nlp: Language, directive: str) -> None:
    text = f"Anna Kovacs said the port was closed and {directive} the ship owners to wait offshore."
    assert ("the port was closed", "Anna Kovacs") in _quotes(nlp, text)


def test_told_reporters_without_that(nlp: Language) -> None:
    text = "Piotr Lind told reporters the region would remain part of Valmora and that its status was fixed."
    assert ("the region would remain part of Valmora and that its status was fixed", "Piotr Lind") in _quotes(nlp, text)


def test_warned_against_is_no_hearer(nlp: Language) -> None:
    assert _quotes(nlp, "Valmora had warned against the deployment.") == []


def test_a_duration_between_subject_and_verb(nlp: Language) -> None:
    found = _quotes(nlp, "Valmora officials have for two and a half years warned that the dam might fail.")
    assert found == [("the dam might fail", "Valmora officials")]


def test_a_participle_of_the_content_stays(nlp: Language) -> None:
    text = "Marta Ibsen said the troops had kept up heavy strikes, dropping bombs on the town."
    assert ("the troops had kept up heavy strikes, dropping bombs on the town", "Marta Ibsen") in _quotes(nlp, text)
    text = "Marta Ibsen said the troops had kept up heavy strikes, adding that the town was lost."
    assert ("the troops had kept up heavy strikes", "Marta Ibsen") in _quotes(nlp, text)


def test_he_after_a_titled_name_opening_the_sentence(nlp: Language) -> None:
    text = ("Piotr Lind spoke first. United Nations Secretary-General Omar Sill called the flood a disaster, "
            "though he said the UN had no information on its cause.")
    assert ("the UN had no information on its cause", "Omar Sill") in _quotes(nlp, text)


def test_he_is_the_speaker_of_the_sentence_before(nlp: Language) -> None:
    text = ("A meeting between Lind and Ibsen could take place soon, Kovacs said. "
            "He also stressed that the ceasefire was not agreed.")
    assert ("the ceasefire was not agreed", "Kovacs") in _quotes(nlp, text)


def test_a_subject_with_its_apposition(nlp: Language) -> None:
    text = "The head of the delegation, presidential aide Omar Sill, called the talks useful and said the proposals would be studied."
    assert ("the proposals would be studied", "Omar Sill") in _quotes(nlp, text)
