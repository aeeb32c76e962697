"""Faster execution of the loaded pipeline, with the same weights and the same annotations.

:func:`speed_up` is applied once to a loaded pipeline (:func:`sitrep.nlp.pipeline.load_pipeline`):

* **Matrix products through numpy's BLAS.** thinc multiplies matrices with BLIS,
  whose bundled build does not recognise every processor: on AMD Zen 3, for one,
  it falls back to its generic reference kernel, which spends about a third of the
  model's time. numpy's OpenBLAS picks an optimised kernel at run time. The two
  round the last bits of a product differently (as BLIS itself does on another
  processor; the tok2vec output moves by about 1e-5), which left every token
  attribute and every reading layer of the example and blind articles unchanged.
  The parser's per-step products stay inside spaCy (BLIS).
* **Vector additions through OpenBLAS.** The parser and entity recogniser add up
  precomputed feature vectors for every state at every step, and the embedding
  layer adds up its hashed rows, through the C function table of thinc's
  ``CBlas`` (BLIS's generic ``saxpy``, called with alpha 1: ``y += x``). thinc
  lets a table's ``saxpy`` be replaced (``thinc.backends.cblas.set_saxpy``); here
  it is scipy's OpenBLAS ``cblas_saxpy`` (32-bit integers, the same C signature).
  Adding ``x`` to ``y`` rounds once whichever library does it, so every sum is
  bit-identical. Without scipy's OpenBLAS the table stays as it is.
* **Lemmas without repeated work.** spaCy's edit-tree lemmatizer applies the
  predicted tree to each token twice (once to check that it applies, once to set
  the lemma) through Python loops over the tokens. Here each (tree, word) pair is
  applied once and remembered, and the lemmas are written in one array
  operation: the same lemmas, in the same string store.

Pipelines that lack a component are left as they are; nothing here changes a model's
weights or configuration.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from importlib import import_module
from types import MethodType
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.pipeline import EditTreeLemmatizer
from spacy.tokens import Doc
from thinc.api import NumpyOps
from thinc.backends.cblas import CBlas  # type: ignore[import-not-found]  # compiled, no stubs

from sitrep.nlp.memo import doc_words

__all__ = ["blas_threads", "speed_up"]

#: Above this many remembered (tree, word) pairs the lemmatizer's memory is cleared.
LEMMA_CACHE_SIZE = 200_000



class _OpenBlasOps(NumpyOps):  # type: ignore[misc]
    """numpy's BLAS for matrix products and a C BLAS table whose ``saxpy`` is OpenBLAS's (see the module)."""

    def __init__(self, table: CBlas) -> None:
        super().__init__(use_blis=False)
        self._table = table

    def cblas(self) -> CBlas:
        return self._table


def _openblas_saxpy() -> int | None:
    """The address of scipy's OpenBLAS ``cblas_saxpy`` (32-bit integers), or None where there is none."""
    try:
        import_module("scipy.linalg")  # loads scipy's OpenBLAS
        from threadpoolctl import threadpool_info  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - both come with scikit-learn, which sitrep requires
        return None
    for lib in threadpool_info():
        if lib.get("internal_api") != "openblas":
            continue
        try:
            # the scipy-openblas32 name; the 64-bit-integer build (numpy's) names it scipy_cblas_saxpy64_
            function = ctypes.CDLL(lib["filepath"]).scipy_cblas_saxpy
        except (OSError, AttributeError):
            continue
        address = ctypes.cast(function, ctypes.c_void_p).value
        if address:
            return int(address)
    return None


def _capi(name: str, signature: str) -> int | None:
    """The address of the C function ``name`` that ``thinc.backends.cblas`` exports, if its signature has ``signature``."""
    module = import_module("thinc.backends.cblas")

    capsule = getattr(module, "__pyx_capi__", {}).get(name)
    if capsule is None:
        return None
    get_name = ctypes.pythonapi.PyCapsule_GetName
    get_name.restype, get_name.argtypes = ctypes.c_char_p, [ctypes.py_object]
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype, get_pointer.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
    capsule_name = get_name(capsule)
    if capsule_name is None or signature.encode() not in capsule_name:
        return None
    address = get_pointer(capsule, capsule_name)
    return int(address) if address else None


def _fast_ops() -> NumpyOps:
    """numpy's BLAS for matrix products, with OpenBLAS's ``saxpy`` in the C BLAS table where both can be had."""
    saxpy = _openblas_saxpy()
    set_saxpy = _capi("set_saxpy", "CBlas *, __pyx_t_5thinc_8backends_5cblas_saxpy_ptr)")
    get_saxpy = _capi("saxpy", "saxpy_ptr (struct __pyx_obj_5thinc_8backends_5cblas_CBlas *)")
    if saxpy is None or set_saxpy is None or get_saxpy is None:
        return NumpyOps(use_blis=False)
    table = CBlas()
    ctypes.PYFUNCTYPE(None, ctypes.py_object, ctypes.c_void_p)(set_saxpy)(table, saxpy)
    if ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object)(get_saxpy)(table) != saxpy:  # pragma: no cover
        return NumpyOps(use_blis=False)
    return _OpenBlasOps(table)


_NUMPY_BLAS = _fast_ops()


def speed_up(nlp: Language) -> Language:
    """``nlp`` with numpy's BLAS for its models' matrix products and the fast lemma path (see the module)."""
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if isinstance(node.ops, NumpyOps) and node.ops.use_blis:
                    node.ops = _NUMPY_BLAS
        if type(proc) is EditTreeLemmatizer and proc.top_k == 1:
            _fast_lemmatizer(proc)
    return nlp


def blas_threads(n: int) -> None:
    """Limit numpy's BLAS to ``n`` threads in this process (a reading worker takes one core)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency of scikit-learn, which sitrep requires
        return
    threadpool_limits(limits=n, user_api="blas")


def _fast_lemmatizer(proc: EditTreeLemmatizer) -> None:
    """Replace the lemmatizer's top-1 guessing and annotation with the memoised versions below."""
    memo: dict[tuple[int, str], str | None] = {}
    state: dict[str, Any] = {"memo": memo}
    proc._scores2guesses_top_k_equals_1 = MethodType(  # type: ignore[method-assign]
        lambda self, docs, scores: _guesses(self, docs, scores, state), proc
    )
    proc.set_annotations = MethodType(  # type: ignore[method-assign]
        lambda self, docs, batch_tree_ids: _set_lemmas(self, docs, batch_tree_ids, state), proc
    )


def _apply(proc: EditTreeLemmatizer, state: dict[str, Any], tree_id: int, word: str) -> str | None:
    memo: dict[tuple[int, str], str | None] = state["memo"]
    key = (tree_id, word)
    try:
        return memo[key]
    except KeyError:
        pass
    if len(memo) >= LEMMA_CACHE_SIZE:
        memo.clear()
    lemma: str | None = proc.trees.apply(tree_id, word)
    memo[key] = lemma
    return lemma


def _guesses(proc: EditTreeLemmatizer, docs: Iterable[Doc], scores: Any, state: dict[str, Any]) -> list[Any]:
    """As ``EditTreeLemmatizer._scores2guesses_top_k_equals_1``: the best tree of each token, -1 where it does not apply."""
    labels = proc.cfg["labels"]
    guesses = []
    for doc, doc_scores in zip(docs, scores, strict=False):
        best = proc.numpy_ops.asarray(doc_scores.argmax(axis=1)).tolist()
        compat = []
        for label, word in zip(best, doc_words(doc), strict=False):
            tree_id = labels[label]
            compat.append(tree_id if _apply(proc, state, tree_id, word) is not None else -1)
        guesses.append(np.array(compat))
    return guesses


def _set_lemmas(proc: EditTreeLemmatizer, docs: Iterable[Doc], batch_tree_ids: Any, state: dict[str, Any]) -> None:
    """As ``EditTreeLemmatizer.set_annotations`` (a token that has a lemma keeps it unless ``overwrite``)."""
    for i, doc in enumerate(docs):
        tree_ids = batch_tree_ids[i]
        if hasattr(tree_ids, "get"):
            tree_ids = tree_ids.get()
        if not len(doc):
            continue
        strings = doc.vocab.strings
        lemmas = doc.to_array("LEMMA")
        words = doc_words(doc)
        changed = False
        for j, tree_id in enumerate(np.asarray(tree_ids).tolist()):
            if not proc.overwrite and lemmas[j] != 0:
                continue
            if tree_id == -1:
                if proc.backoff is None:
                    continue
                value = getattr(doc[j], proc.backoff)
            else:
                lemma = _apply(proc, state, tree_id, words[j])
                assert lemma is not None, "a predicted tree applies to its token"
                value = strings.add(lemma)
            lemmas[j] = value
            changed = True
        if changed:
            doc.from_array(["LEMMA"], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
