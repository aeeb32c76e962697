"""Quotes: coordinated attributions, a second speaker after "and", pronouns and new cues.

Sentences written for these tests, read with a blank English tokenizer and an
entity ruler for the names (no trained model needed).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

QuotePairs = Callable[[Language, str], list[tuple[str, str | None]]]  # the quote_pairs fixture

NAMES = {
    "PERSON": ["Anna Kovacs", "Kovacs", "Piotr Lind", "Lind", "Marta Ibsen", "Ibsen"],
    "ORG": ["Harbour Authority", "Northern Command"],
    "GPE": ["Valmora"],
}


@pytest.fixture(scope="module")
def nlp(ruler_pipeline: Callable[[dict[str, list[str]]], Language]) -> Language:
    return ruler_pipeline(NAMES)


def test_a_second_that_clause_stays_in_the_quote(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "Anna Kovacs said the port was closed and that ships would wait offshore."
    assert quote_pairs(nlp, text) == [("the port was closed and that ships would wait offshore", "Anna Kovacs")]


def test_the_speakers_next_cue_ends_the_quote(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "Piotr Lind said he regretted the decision and warned that prices would rise."
    quotes = quote_pairs(nlp, text)
    assert ("he regretted the decision", "Piotr Lind") in quotes
    assert ("prices would rise", "Piotr Lind") in quotes


def test_though_he_said_ends_the_quote(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "Marta Ibsen told reporters that the talks were useful, though she said a deal was far off."
    quotes = quote_pairs(nlp, text)
    assert quotes[0] == ("the talks were useful", "Marta Ibsen")
    assert ("a deal was far off", "Marta Ibsen") in quotes


def test_a_second_speaker_after_and(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = "The Harbour Authority said two cranes were hit, and the regional mayor, Piotr Lind, said the quay had been damaged."
    quotes = quote_pairs(nlp, text)
    assert ("two cranes were hit", "Harbour Authority") in quotes
    assert any(content == "the quay had been damaged" and speaker == "Piotr Lind" for content, speaker in quotes)


def test_he_is_the_subject_of_his_own_sentence(nlp: Language, quote_pairs: QuotePairs) -> None:
    text = (
        "Anna Kovacs said the vote was fair. "
        "Piotr Lind recorded a video in which he said the count was rigged."
    )
    assert ("the count was rigged", "Piotr Lind") in quote_pairs(nlp, text)


def test_demanded_that_and_called_are_cues(nlp: Language, quote_pairs: QuotePairs) -> None:
    quotes = quote_pairs(nlp, 'Piotr Lind demanded that the governor resign. Marta Ibsen called him "a danger to the region".')
    assert ("the governor resign", "Piotr Lind") in quotes
    assert ("a danger to the region", "Marta Ibsen") in quotes
