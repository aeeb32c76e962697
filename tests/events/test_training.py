"""Training data for the event classifier: deterministic, and never drawn from PLOVER_GSR."""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from sitrep.events.classify import NONE
from sitrep.events.ontology import load_ontology
from sitrep.events.training import TrainConfig, build_examples, split_sentences

HERE = Path(__file__).resolve().parent


def test_split_sentences_keeps_abbreviations() -> None:
    text = "The U.S. envoy met Gen. Haftar on Monday. Talks will resume.\nA new paragraph here."
    assert split_sentences(text) == [
        "The U.S. envoy met Gen. Haftar on Monday.",
        "Talks will resume.",
        "A new paragraph here.",
    ]


def test_written_sentences_are_valid_and_disjoint_from_dev() -> None:
    onto = load_ontology()
    written = json.loads((files("sitrep") / "models" / "events" / "written_train.json").read_text(encoding="utf-8"))
    dev = json.loads((HERE / "dev_sentences.json").read_text(encoding="utf-8"))
    for label, mode, text in written["sentences"] + dev["sentences"]:
        assert label == NONE or label in onto.types
        assert mode is None or mode in onto.modes_for(label)
        assert text.strip()
    assert not {row[2] for row in written["sentences"]} & {row[2] for row in dev["sentences"]}
    assert set(Counter(row[0] for row in written["sentences"])) == {*onto.types, NONE}


@pytest.mark.shared
def test_build_examples_never_uses_gsr(shared_dir: Path) -> None:
    corpora = shared_dir / "corpora"
    first = build_examples(corpora, cfg=TrainConfig())
    sources = Counter(example.source for example in first)
    assert sources["ngec_first"] == 4500
    assert sources["written"] > 400
    gsr_texts = {r.get("text") for r in json.loads((corpora / "PLOVER_GSR" / "PLOVER_GSR_CAMEO.txt").read_text())}
    assert not gsr_texts & {example.text for example in first}
