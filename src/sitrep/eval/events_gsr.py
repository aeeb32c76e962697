"""Score the event-type classifier on the PLOVER gold-standard records (PLOVER_GSR, held out).

``python -m sitrep.eval.events_gsr --corpora ../shared/corpora [--events-model accurate] [--parties]`` prints JSON: micro and macro F1
of the coded type (a sentence coded as "no event" is a miss), the forced-choice accuracy (best
PLOVER type even when the model says "no event"), per-type precision/recall/F1, the most frequent
confusions, mode accuracy where the gold record has a mode, and the classifier's speed; ``--parties`` adds
the actor/recipient country and sector accuracy of correctly typed events (:mod:`sitrep.eval.events_gsr_parties`).

The records use PLOVER v0.5b1 labels; they are mapped to current types with the
``legacy_labels`` table of ``data/plover.json`` (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE,
FIGHT→ASSAULT; DOCUMENT records are skipped).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.eval.scoring import SHORT_KEYS, prf
from sitrep.events.classify import EventClassifier, load_classifier
from sitrep.events.embed import load_encoder
from sitrep.events.ontology import load_ontology

__all__ = ["GoldEvent", "load_gsr", "main", "score_gsr"]

GSR_FILE = Path("PLOVER_GSR") / "PLOVER_GSR_CAMEO.txt"


@dataclass(slots=True, frozen=True)
class GoldEvent:
    """One gold record mapped to current PLOVER: type, mode (or None), sentence, and its actors and
    recipients as ``(code, sector or None)`` pairs as the record gives them (the sector cut to its
    first three letters: ``CVLalb`` is ``CVL``; ``***`` is no sector)."""

    id: str
    type: str
    mode: str | None
    old_type: str
    text: str
    actors: tuple[tuple[str, str | None], ...]
    recipients: tuple[tuple[str, str | None], ...]


def _parties(value: Any) -> tuple[tuple[str, str | None], ...]:
    if not isinstance(value, list):
        return ()
    out: list[tuple[str, str | None]] = []
    for item in value:
        if isinstance(item, dict) and item.get("code"):
            sector = str(item.get("sector") or "")[:3].upper()
            out.append((str(item["code"]).upper(), sector if sector.isalpha() else None))
    return tuple(out)


def load_gsr(corpora: Path) -> list[GoldEvent]:
    """The gold records of ``<corpora>/PLOVER_GSR`` with current type and mode names."""
    onto = load_ontology()
    records = json.loads((corpora / GSR_FILE).read_text(encoding="utf-8"))
    events: list[GoldEvent] = []
    for record in records:
        new_type, implied_mode = onto.legacy_type(record["event"])
        if new_type is None or not record.get("text"):
            continue
        mode = implied_mode or onto.legacy_mode(new_type, record.get("mode"))
        events.append(
            GoldEvent(
                id=record["id"],
                type=new_type,
                mode=mode,
                old_type=record["event"],
                text=record["text"],
                actors=_parties(record.get("source")),
                recipients=_parties(record.get("target")),
            )
        )
    return events


def score_gsr(
    corpora: Path, *, classifier: EventClassifier | None = None, governing: bool = True
) -> dict[str, Any]:
    """Score ``classifier`` (default: the packaged model) on PLOVER_GSR."""
    clf = classifier or load_classifier()
    gold = load_gsr(corpora)
    if clf.accurate:
        load_encoder()  # a one-off load, outside the timing
    started = time.perf_counter()
    guesses = [clf.classify(event.text, governing=governing) for event in gold]
    seconds = time.perf_counter() - started
    onto = load_ontology()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    mode_total = mode_right = 0
    for event, guess in zip(gold, guesses, strict=True):
        predicted = guess.type or "NONE"
        if predicted == event.type:
            tp[event.type] += 1
            if event.mode is not None:
                mode_total += 1
                mode_right += guess.mode == event.mode
        else:
            fn[event.type] += 1
            if guess.type is not None:
                fp[guess.type] += 1
            confusions[(event.type, predicted)] += 1
    per_type = {
        name: {**prf(tp[name], tp[name] + fp[name], tp[name] + fn[name], keys=SHORT_KEYS), "support": tp[name] + fn[name]} for name in onto.types
    }
    present = [name for name in onto.types if per_type[name]["support"]]
    n_tp = sum(tp.values())
    micro = prf(n_tp, n_tp + sum(fp.values()), n_tp + sum(fn.values()), keys=SHORT_KEYS)
    forced = sum(g.best_type == e.type for e, g in zip(gold, guesses, strict=True)) / len(gold)
    words = sum(len(event.text.split()) for event in gold)
    return {
        "n": len(gold),
        "model": clf.meta.get("kind"),
        "accurate": clf.accurate,
        "governing": governing,
        "micro": micro,
        "micro_f1": micro["f1"],
        "macro_f1": round(sum(per_type[name]["f1"] for name in present) / len(present), 4),
        "forced_accuracy": round(forced, 4),
        "no_event": sum(g.type is None for g in guesses),
        "mode_accuracy": {"n": mode_total, "accuracy": round(mode_right / mode_total, 4) if mode_total else None},
        "per_type": per_type,
        "gold_counts": dict(Counter(event.old_type for event in gold)),
        "confusions": [
            {"gold": gold_type, "predicted": predicted, "n": n} for (gold_type, predicted), n in confusions.most_common(15)
        ],
        "speed": {"sentences_per_s": round(len(gold) / seconds, 1), "words_per_s": round(words / seconds, 1)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.events_gsr", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, required=True, help="folder holding PLOVER_GSR/")
    parser.add_argument("--model", type=Path, help="model file (default: the packaged one)")
    parser.add_argument(
        "--events-model",
        choices=("fast", "accurate"),
        default="fast",
        help="fast (sparse, the default) or accurate (mixed with MiniLM sentence embeddings)",
    )
    parser.add_argument("--no-governing", action="store_true", help="code the model's type, not the governing verb's")
    parser.add_argument(
        "--parties",
        action="store_true",
        help="also read each record and score the coded actor/recipient country and sector (about 20 s more)",
    )
    args = parser.parse_args(argv)
    accurate = args.events_model == "accurate"
    clf = EventClassifier.load(args.model, accurate=accurate) if args.model else load_classifier(accurate=accurate)
    result = score_gsr(args.corpora, classifier=clf, governing=not args.no_governing)
    if args.parties:
        from sitrep.eval.events_gsr_parties import score_gsr_parties

        result["parties"] = score_gsr_parties(args.corpora, classifier=clf)
    sys.stdout.write(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
