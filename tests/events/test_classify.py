"""The event-type classifier, its status flags, and its score on PLOVER_GSR (when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.events.classify import NONE, classify_sentence, load_classifier
from sitrep.events.ontology import load_ontology
from sitrep.events.status import sentence_status

HERE = Path(__file__).resolve().parent
DEV = json.loads((HERE / "dev_sentences.json").read_text(encoding="utf-8"))["sentences"]

# one sentence per PLOVER type, written for this test (not in the training or dev sets)
PER_TYPE = [
    ("AGREE", None, "Egypt and Sudan agreed to set up a joint water authority."),
    ("CONSULT", None, "The Spanish prime minister held talks with the Moroccan king in Rabat."),
    ("SUPPORT", None, "The government praised the court for its independence."),
    ("CONCEDE", None, "The authorities lifted the nightly curfew in the capital."),
    ("COOPERATE", None, "Police from the two countries carried out a joint operation against traffickers."),
    ("AID", None, "Qatar delivered 40 tonnes of medical supplies to the hospitals in Gaza."),
    ("RETREAT", "release", "The rebels released the three kidnapped engineers."),
    ("REQUEST", "yield", "The foreign minister urged the rebels to return to the negotiating table."),
    ("ACCUSE", "allege", "The government accused the rebels of attacking a school."),
    ("REJECT", "change", "The junta rejected the opposition demand for elections."),
    ("THREATEN", "violence", "The militia threatened to attack the airport."),
    ("PROTEST", "demo", "Thousands of workers marched through the capital to demand higher wages."),
    ("SANCTION", None, "Canada imposed sanctions on four army generals."),
    ("MOBILIZE", "troops", "The army deployed thousands of troops to the northern border."),
    ("COERCE", "arrest", "Police arrested twelve journalists at the rally."),
    ("ASSAULT", "heavy-weapons", "Artillery shells hit a residential district, killing four civilians."),
]


def test_packaged_model_loads() -> None:
    clf = load_classifier()
    assert set(clf.classes) == {*load_ontology().types, NONE}
    assert clf.meta["kind"] == "sitrep.events.linear.v1"
    assert clf.meta["lexicon_version"] == clf.lexicon.version


@pytest.mark.parametrize(("expected", "mode", "sentence"), PER_TYPE)
def test_one_sentence_per_type(expected: str, mode: str | None, sentence: str) -> None:
    guess = classify_sentence(sentence)
    assert guess.type == expected
    if mode is not None:
        assert guess.mode == mode
    assert guess.status.factual
    assert guess.trigger is not None
    start, end = guess.trigger
    assert 0 <= start < end <= len(sentence)


def test_no_event_sentence() -> None:
    guess = classify_sentence("The building was completed in 1920 and houses a library.")
    assert guess.type is None
    assert guess.none_probability >= 0.5
    assert guess.best_type in load_ontology().types


def test_dev_sentences_accuracy() -> None:
    """Our own development sentences (never trained on): 136 events and 10 non-events."""
    clf = load_classifier()
    events = [row for row in DEV if row[0] != NONE]
    right = sum(clf.classify(text).best_type == label for label, _mode, text in events)
    assert right / len(events) >= 0.92  # measured 0.941
    nones = [row for row in DEV if row[0] == NONE]
    assert sum(clf.classify(text).type is None for _l, _m, text in nones) >= 8  # measured 10 of 10


def test_future_rule_and_governing_verb() -> None:
    future = classify_sentence("The president will visit Paris next week.")
    assert future.stated_type == "CONSULT"
    assert future.type == "AGREE"  # PLOVER: a future CONSULT is coded AGREE
    assert future.status.future
    past = classify_sentence("The president visited Paris on Monday.")
    assert (past.type, past.mode) == ("CONSULT", "visit")
    threat = classify_sentence("The army threatened to impose a curfew on the city.")
    assert threat.type == "THREATEN"


def test_status_flags_from_the_issue() -> None:
    text = "Washington will not leave Kyiv to its own devices, the minister said."
    status = sentence_status(text, trigger_start=text.index("leave"))
    assert status.negated and status.future and not status.factual
    text = "Russia may try to go for an incursion into the north."
    status = sentence_status(text, trigger_start=text.index("incursion"))
    assert status.hypothetical and not status.negated
    text = "Kyiv accused Moscow of conducting a buildup of forces near the border."
    status = sentence_status(text, trigger_start=text.index("buildup"))
    assert status.claim
    # the accusation itself is a plain event
    guess = classify_sentence(text)
    assert guess.type == "ACCUSE" and guess.status.factual
    text = "Russian forces shelled Kharkiv overnight."
    assert sentence_status(text, trigger_start=text.index("shelled")).factual
    # a summit that "it is too early to discuss" has not been held
    text = "A spokesman said it was too early to talk about details of the summit the president had offered."
    status = sentence_status(text, trigger_start=text.index("summit"))
    assert status.hypothetical and not status.factual


def test_status_flags_on_classified_sentences() -> None:
    guess = classify_sentence("Officials said the rebels allegedly executed two prisoners.")
    assert guess.type == "ASSAULT" and guess.status.claim
    guess = classify_sentence("The army did not withdraw from the town.")
    assert guess.status.negated



@pytest.mark.shared
def test_gsr_score(shared_dir: Path) -> None:
    from sitrep.eval.events_gsr import load_gsr, score_gsr

    corpora = shared_dir / "corpora"
    gold = load_gsr(corpora)
    assert len(gold) == 322
    assert {event.type for event in gold} == set(load_ontology().types)
    result = score_gsr(corpora)
    assert result["micro_f1"] >= 0.68  # measured 0.696 (task E8; target 0.80 not reached yet)
    assert result["macro_f1"] >= 0.60  # measured 0.621


@pytest.mark.parametrize(
    "text",
    [
        "KYIV, May 4 - Russia expelled two Estonian diplomats.",
        "On May 4, Russia expelled two Estonian diplomats.",
        "May 4 began with Russia expelling two Estonian diplomats.",
    ],
)
def test_may_the_month_is_no_modal(text: str) -> None:
    assert sentence_status(text, trigger_start=text.index("expel")).factual


def test_may_the_modal_still_counts() -> None:
    text = "May Russia expel more diplomats? Officials say Moscow may expel two Estonian diplomats."
    assert sentence_status(text, trigger_start=text.rindex("expel")).hypothetical
