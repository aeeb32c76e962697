"""Score the rewrite diff on the perturbation benchmark (``python -m sitrep.eval.perturb --seed 0``).

Each perturbed copy is diffed against its clean original. A *flag* is a
fact-changing edit of high severity. For a fact-changing perturbation, a flag
is correct when its span in the copy overlaps the perturbed fact; the copy is
found (kind-strict) when a correct flag also has one of the kinds the
perturbation expects. Figures:

* per-kind and overall recall: share of perturbed copies found (kind-strict),
  and share with a correct flag of any kind;
* precision: correct flags / all flags, over every perturbed copy (a flag on a
  harmless rewrite is a wrong flag);
* harmless flagged: share of harmless rewrites with any high-severity flag, and
  with any fact-changing edit at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.model import Article
from sitrep.verify.perturb import Perturbation, clean_examples, generate
from sitrep.verify.records import Edit, Span
from sitrep.verify.rewrite_diff import diff_articles

__all__ = ["KindScore", "score"]


@dataclass(slots=True)
class KindScore:
    kind: str
    harmful: bool
    n: int = 0
    found: int = 0  # kind-strict
    found_any_kind: int = 0
    flags: int = 0
    correct_flags: int = 0
    flagged: int = 0  # copies with any high-severity flag
    any_fact_edit: int = 0  # copies with any fact-changing edit
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "n": self.n}
        if self.harmful:
            out["recall"] = _ratio(self.found, self.n)
            out["recall_any_kind"] = _ratio(self.found_any_kind, self.n)
            out["precision"] = _ratio(self.correct_flags, self.flags)
        else:
            out["flagged_high"] = _ratio(self.flagged, self.n)
            out["flagged_any_fact"] = _ratio(self.any_fact_edit, self.n)
        out["misses"] = self.misses[:5]
        return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _overlaps(edit: Span, truth: Span) -> bool:
    if edit.start == edit.end:
        return truth.start <= edit.start <= truth.end
    return edit.start < truth.end and truth.start < edit.end


def score(perturbations: Sequence[Perturbation], originals: Mapping[str, Article]) -> dict[str, Any]:
    """Per-kind and overall figures for the rewrite diff on ``perturbations``."""
    per_kind: dict[str, KindScore] = {}
    for item in perturbations:
        ks = per_kind.setdefault(item.kind, KindScore(item.kind, item.harmful))
        diff = diff_articles(originals[item.article_key], item.article)
        flags = [e for e in diff.fact_edits if e.severity == "high"]
        ks.n += 1
        ks.flags += len(flags)
        ks.flagged += bool(flags)
        ks.any_fact_edit += bool(diff.fact_edits)
        correct = [e for e in flags if item.harmful and _overlaps(e.copy, item.copy)]
        ks.correct_flags += len(correct)
        if item.harmful:
            ks.found_any_kind += bool(correct)
            if any(e.kind in item.expected_kinds for e in correct):
                ks.found += 1
            else:
                ks.misses.append(_miss(item, flags))
        elif flags:
            ks.misses.append(_miss(item, flags))
    harmful = [k for k in per_kind.values() if k.harmful]
    harmless = [k for k in per_kind.values() if not k.harmful]
    n_harmful = sum(k.n for k in harmful)
    n_harmless = sum(k.n for k in harmless)
    all_flags = sum(k.flags for k in per_kind.values())
    return {
        "n": len(perturbations),
        "recall": _ratio(sum(k.found for k in harmful), n_harmful),
        "recall_any_kind": _ratio(sum(k.found_any_kind for k in harmful), n_harmful),
        "precision": _ratio(sum(k.correct_flags for k in harmful), all_flags),
        "harmless_flagged_high": _ratio(sum(k.flagged for k in harmless), n_harmless),
        "harmless_flagged_any_fact": _ratio(sum(k.any_fact_edit for k in harmless), n_harmless),
        "per_kind": [
            per_kind[k].to_dict() for k in sorted(per_kind, key=lambda k: (not per_kind[k].harmful, k))
        ],
    }


def _miss(item: Perturbation, flags: list[Edit]) -> str:
    got = ", ".join(f"{e.kind}:{e.copy.text!r}" for e in flags) or "no flag"
    return f"{item.id}: {item.original.text!r} -> {item.replacement!r} ({got})"


def _table(result: dict[str, Any]) -> str:
    lines = [f"{'kind':28s} {'n':>4s} {'recall':>7s} {'any-kind':>8s} {'prec.':>6s} {'flagged':>8s}"]
    for row in result["per_kind"]:

        def cell(key: str, row: dict[str, Any] = row) -> str:
            value = row.get(key)
            return "" if value is None else f"{value:.3f}"

        lines.append(
            f"{row['kind']:28s} {row['n']:4d} {cell('recall'):>7s} {cell('recall_any_kind'):>8s} "
            f"{cell('precision'):>6s} {cell('flagged_high'):>8s}"
        )
    lines.append(
        f"overall: recall {result['recall']}, any-kind recall {result['recall_any_kind']}, "
        f"precision {result['precision']}, harmless flagged {result['harmless_flagged_high']} "
        f"(any fact-changing edit: {result['harmless_flagged_any_fact']}), n={result['n']}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.perturb", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-per-kind", type=int, default=30)
    parser.add_argument(
        "--examples", type=Path, default=None, help="example corpus folder (default: bundled)"
    )
    parser.add_argument("--background", type=int, default=2, help="extra harmless rewrites per copy")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed and wrongly flagged edits")
    args = parser.parse_args(argv)
    originals = clean_examples(args.examples)
    items = generate(originals, seed=args.seed, n_per_kind=args.n_per_kind, background=args.background)
    result = score(items, originals)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_table(result))
        if args.misses:
            for row in result["per_kind"]:
                for miss in row["misses"]:
                    print(f"  {row['kind']}: {miss}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
