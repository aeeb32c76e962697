"""Score :func:`sitrep.ingest.clean.clean_text` against hand-labelled lines.

Truth gives every non-blank raw line (1-based ``n``, lines split on ``\\n``) a label: ``keep``,
``title``, ``drop`` or ``split`` (a glued teaser; ``keep_from`` is the offset, within the raw line,
where the kept sentence starts).

The unit is one non-blank raw line. A line is *kept* when its label is ``keep``, ``title`` or
``split`` (a title counts as kept text; whether it was recognised as the title is not scored here).
A line is a **true positive** when truth and prediction both keep it *and agree on where the kept
text starts*: if either side says ``split``, both must say ``split`` with ``keep_from`` within
±2 characters. So a teaser left in place (truth ``split``, predicted ``keep``) or a sentence cut in
the wrong place counts against both precision and recall, and a real line wrongly cut in two
(truth ``keep``, predicted ``split``) likewise.

    precision = TP / lines predicted kept      recall = TP / lines kept in truth

Figures are micro-averaged over all lines of all files; per-file figures are given too. For dropped
lines, ``reason_agreement`` is the share of lines dropped by both sides with the same reason
(informative only). Lines present on one side only are counted in ``unlabelled``.

Usage::

    python -m sitrep.eval.cleaning --seeds ../shared/seeds --truth tests/data/seed_cleaning_truth.json
    python -m sitrep.eval.cleaning --examples examples
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitrep.eval.scoring import prf
from sitrep.ingest.clean import clean_text, iter_lines

__all__ = ["load_example_pairs", "load_seed_pairs", "load_truth_dir", "main", "score_files"]

KEPT = frozenset({"keep", "title", "split"})
SPLIT_TOLERANCE = 2

Pair = tuple[str, str, Sequence[Mapping[str, Any]]]  # (name, raw text, truth lines)


def _agree(truth: Mapping[str, Any], label: str, keep_from: int) -> bool:
    if truth["label"] not in KEPT or label not in KEPT:
        return False
    if truth["label"] != "split" and label != "split":
        return True
    if truth["label"] != label:
        return False
    return abs(int(truth.get("keep_from") or 0) - keep_from) <= SPLIT_TOLERANCE


def _predicted_reasons(raw: str, removed: Iterable[Any]) -> dict[int, str]:
    starts = [(offset, offset + len(line), n) for n, offset, line in iter_lines(raw)]
    reasons: dict[int, str] = {}
    for rm in removed:
        for lo, hi, n in starts:
            if lo <= rm.start <= hi:
                reasons[n] = rm.reason
                break
    return reasons


def score_files(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Score every ``(name, raw, truth_lines)`` pair; returns micro figures, per-file figures, errors."""
    files: dict[str, dict[str, Any]] = {}
    wrong: list[dict[str, Any]] = []
    tot = {"tp": 0, "pred": 0, "true": 0, "drop_both": 0, "reason_same": 0, "unlabelled": 0}
    for name, raw, truth_lines in pairs:
        cleaned = clean_text(raw)
        reasons = _predicted_reasons(raw, cleaned.removed)
        predicted = {n: (label, kf) for n, label, kf in cleaned.line_labels}
        truth = {int(t["n"]): t for t in truth_lines}
        counts = dict.fromkeys(tot, 0)
        counts["unlabelled"] = len(set(truth) ^ set(predicted))
        for n in sorted(set(truth) & set(predicted)):
            t, (label, kf) = truth[n], predicted[n]
            counts["pred"] += label in KEPT
            counts["true"] += t["label"] in KEPT
            ok = _agree(t, label, kf)
            counts["tp"] += ok
            both_drop = t["label"] == "drop" and label == "drop"
            counts["drop_both"] += both_drop
            counts["reason_same"] += both_drop and t.get("reason") == reasons.get(n)
            if not ok and not both_drop:
                wrong.append(
                    {
                        "file": name,
                        "n": n,
                        "truth": t["label"],
                        "truth_reason": t.get("reason"),
                        "truth_keep_from": t.get("keep_from"),
                        "pred": label,
                        "pred_reason": reasons.get(n),
                        "pred_keep_from": kf,
                    }
                )
        for key in tot:
            tot[key] += counts[key]
        files[name] = {**prf(counts["tp"], counts["pred"], counts["true"], empty=1.0, digits=None), **counts}
    reason_agreement = tot["reason_same"] / tot["drop_both"] if tot["drop_both"] else 1.0
    return {
        **prf(tot["tp"], tot["pred"], tot["true"], empty=1.0, digits=None),
        **tot,
        "reason_agreement": reason_agreement,
        "files": files,
        "wrong": wrong,
    }


def load_seed_pairs(seeds: Path, truth_file: Path) -> list[Pair]:
    """Pairs for a truth file keyed by seed file name; raises ValueError if a seed's sha256 differs."""
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pairs: list[Pair] = []
    for name, entry in sorted(truth.items()):
        data = (seeds / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise ValueError(f"{name}: sha256 differs from the truth file; relabel it")
        pairs.append((name, data.decode("utf-8"), entry["lines"]))
    return pairs


def load_example_pairs(examples: Path) -> list[Pair]:
    """Pairs for ``examples/truth/cleaning/*.json``, each naming its text file relative to ``examples``."""
    return load_truth_dir(examples / "truth" / "cleaning", base=examples)


def load_truth_dir(truth_dir: Path, *, base: Path) -> list[Pair]:
    """Pairs for every ``*.json`` truth file in ``truth_dir``; each names its dump relative to ``base``."""
    pairs: list[Pair] = []
    for path in sorted(truth_dir.glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        raw = (base / entry["file"]).read_text(encoding="utf-8")
        pairs.append((entry["file"], raw, entry["lines"]))
    return pairs


def format_table(title: str, result: Mapping[str, Any], *, show_wrong: bool = True) -> str:
    rows = [f"{title}", f"{'file':<44} {'P':>6} {'R':>6} {'F1':>6} {'kept':>5} {'pred':>5}"]
    for name, f in result["files"].items():
        figures = f"{f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} {f['true']:5} {f['pred']:5}"
        rows.append(f"{name[-44:]:<44} {figures}")
    rows.append(
        f"{'ALL (micro)':<44} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f} "
        f"{result['true']:5} {result['pred']:5}"
    )
    rows.append(f"reason agreement on dropped lines: {result['reason_agreement']:.3f}")
    if result["unlabelled"]:
        rows.append(f"lines labelled on one side only: {result['unlabelled']}")
    if show_wrong:
        for w in result["wrong"]:
            rows.append(
                f"  {w['file']}:{w['n']}: truth {w['truth']}({w['truth_reason']}, {w['truth_keep_from']}) "
                f"pred {w['pred']}({w['pred_reason']}, {w['pred_keep_from']})"
            )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.eval.cleaning", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seeds", type=Path, help="folder of seed dumps")
    parser.add_argument("--truth", type=Path, help="seed truth file (with --seeds)")
    parser.add_argument("--examples", type=Path, help="examples folder holding truth/cleaning/*.json")
    parser.add_argument(
        "--heldout", type=Path, help="folder of held-out dumps with a <name>.json truth beside each"
    )
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    if not args.examples and not args.heldout and not (args.seeds and args.truth):
        parser.error("give --seeds and --truth, --examples or --heldout")
    results = {}
    if args.seeds and args.truth:
        results["seeds"] = score_files(load_seed_pairs(args.seeds, args.truth))
    if args.examples:
        results["examples"] = score_files(load_example_pairs(args.examples))
    if args.heldout:
        results["heldout"] = score_files(load_truth_dir(args.heldout, base=args.heldout))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("\n\n".join(format_table(name, result) for name, result in results.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
