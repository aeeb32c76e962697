"""Quotes: where reported content ends and who "he" is, round 2 of the rules.

Sentences written for these tests, read with a blank English tokenizer and an
entity ruler for the names (no trained model needed).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

QuotePairs = Callable[[Language, str], list[tuple[str, str | None]]]  # the quote_pairs fixture

NAMES = {
    "PERSON": ["Anna Kovacs", "Kovacs", "Piotr Lind", "Lind", "Marta Ibsen", "Ibsen", "Omar Sill", "Sill"],
    "ORG": ["Harbour Authority", "United Nations"],
    "GPE": ["Valmora", "Kyiv"],
}


@pytest.fixture(scope="module")
def nlp(ruler_pipeline: Callable[[dict[str, list[str]]], Language]) -> Language:
    return ruler_pipeline(NAMES)


@pytest.mark.parametrize("directive", ["called on", "urged", "again called on", "accused"])
def test_a_directive_after_and_ends_the_content(nlp: Language, quote_pairs: QuotePairs, directive: str) -> None:
    text = f"Anna Kovacs said the port was closed and {directive} the ship owners to wait offshore."
    assert ("the port was closed", "Anna Kovacs") in quote_pairs(nlp, text)


def test_told_reporters_without_that(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "Piotr Lind told reporters the region would remain part of Valmora and that its status was fixed."
    assert ("the region would remain part of Valmora and that its status was fixed", "Piotr Lind") in quote_pairs(nlp, text)


def test_warned_against_is_no_hearer(nlp: Language, quote_pairs: QuotePairs) -> None:
    assert quote_pairs(nlp, "Valmora had warned against the deployment.") == []


def test_a_duration_between_subject_and_verb(nlp: Language, quote_pairs: QuotePairs) -> None:
    found = quote_pairs(nlp, "Valmora officials have for two and a half years warned that the dam might fail.")
    assert found == [("the dam might fail", "Valmora officials")]


def test_a_participle_of_the_content_stays(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "Marta Ibsen said the troops had kept up heavy strikes, dropping bombs on the town."
    assert ("the troops had kept up heavy strikes, dropping bombs on the town", "Marta Ibsen") in quote_pairs(nlp, text)
    text = "Marta Ibsen said the troops had kept up heavy strikes, adding that the town was lost."
    assert ("the troops had kept up heavy strikes", "Marta Ibsen") in quote_pairs(nlp, text)


def test_he_after_a_titled_name_opening_the_sentence(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = ("Piotr Lind spoke first. United Nations Secretary-General Omar Sill called the flood a disaster, "
            "though he said the UN had no information on its cause.")
    assert ("the UN had no information on its cause", "Omar Sill") in quote_pairs(nlp, text)


def test_he_is_the_speaker_of_the_sentence_before(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = ("A meeting between Lind and Ibsen could take place soon, Kovacs said. "
            "He also stressed that the ceasefire was not agreed.")
    assert ("the ceasefire was not agreed", "Kovacs") in quote_pairs(nlp, text)


def test_a_subject_with_its_apposition(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "The head of the delegation, presidential aide Omar Sill, called the talks useful and said the proposals would be studied."
    assert ("the proposals would be studied", "Omar Sill") in quote_pairs(nlp, text)
