"""The benchmark's figures: per-kind and overall recall, precision and harmless copies flagged.

:func:`summarise` turns the scored copies (:class:`~sitrep.eval.perturb_score.CopyResult`)
into the figures :mod:`sitrep.eval.perturb_flags` defines; :func:`format_table`
prints them as the per-kind table and the overall lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sitrep.eval.perturb_score import ACCEPTED_FLAG_KINDS, CopyResult

__all__ = ["format_table", "summarise"]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _miss(result: CopyResult) -> str:
    got = ", ".join(f"{f['kind']}:{f['claim']!r}({f['verdict']})" for f in result.flags) or "no high flag"
    return f"{result.id}: {got}"


def _figures(rows: Sequence[CopyResult], *, harmful: bool, cross: bool) -> dict[str, Any]:
    scored = [r for r in rows if r.stored]
    flags = [f for r in scored for f in r.flags]
    out: dict[str, Any] = {"n": len(scored), "lost": len(rows) - len(scored), "high_flags": len(flags)}
    if harmful:
        out["recall"] = _ratio(sum(r.found for r in scored), len(scored))
        out["recall_any_kind"] = _ratio(sum(r.found_any_kind for r in scored), len(scored))
        out["recall_any_severity"] = _ratio(sum(r.found_any_severity for r in scored), len(scored))
        out["precision"] = _ratio(sum(f["verdict"] == "correct" for f in flags), len(flags))
        if cross:
            stated = [r for r in scored if r.stated]
            out["n_stated"] = len(stated)
            out["recall_stated"] = _ratio(sum(r.found for r in stated), len(stated))
            out["recall_stated_any_kind"] = _ratio(sum(r.found_any_kind for r in stated), len(stated))
    else:
        out["flagged"] = _ratio(sum(bool(r.flags) for r in scored), len(scored))
    out["misses"] = [_miss(r) for r in scored if (not r.found if harmful else r.flags)][:10]
    return out


def summarise(results: Sequence[CopyResult], *, mode: str = "with-original") -> dict[str, Any]:
    """Per-kind and overall figures over scored copies (see the module docstring for the definitions)."""
    cross = mode == "cross-source"
    per_kind: dict[str, list[CopyResult]] = {}
    for result in results:
        per_kind.setdefault(result.kind, []).append(result)
    harmful = [r for r in results if r.harmful]
    harmless = [r for r in results if not r.harmful]
    overall = _figures(harmful, harmful=True, cross=cross)
    flags = [f for r in results if r.stored for f in r.flags]
    strict = sum(
        f["verdict"] == "correct" and f["kind"] in ACCEPTED_FLAG_KINDS[r.kind]
        for r in results
        if r.stored
        for f in r.flags
    )
    out: dict[str, Any] = {
        "mode": mode,
        "n": len(results),
        "lost": sum(not r.stored for r in results),
        "recall": overall["recall"],
        "recall_any_kind": overall["recall_any_kind"],
        "recall_any_severity": overall["recall_any_severity"],
        "precision": _ratio(sum(f["verdict"] == "correct" for f in flags), len(flags)),
        "precision_kind_strict": _ratio(strict, len(flags)),
        "harmless_flagged": _figures(harmless, harmful=False, cross=cross)["flagged"],
        "high_flags": len(flags),
        "wrong_flags": {
            "on_harmless_edits": sum(f["verdict"] == "harmless_edit" for f in flags),
            "on_unperturbed_words": sum(f["verdict"] == "unperturbed" for f in flags),
        },
        "per_kind": [
            {"kind": kind, "harmful": rows[0].harmful, **_figures(rows, harmful=rows[0].harmful, cross=cross)}
            for kind, rows in sorted(per_kind.items(), key=lambda kv: (not kv[1][0].harmful, kv[0]))
        ],
        "copies": [r.to_dict() for r in results],
    }
    if cross:
        out["n_stated"] = overall["n_stated"]
        out["recall_stated"] = overall["recall_stated"]
        out["recall_stated_any_kind"] = overall["recall_stated_any_kind"]
    return out


def _cell(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else f"{value:.3f}"


def format_table(result: Mapping[str, Any]) -> str:
    """The per-kind table and the overall line, as ``python -m sitrep.eval.perturb`` prints them."""
    cross = result["mode"] == "cross-source"
    head = f"{'kind':28s} {'n':>4s} {'recall':>7s} {'any-kind':>8s} {'any-sev.':>8s} {'prec.':>6s} {'flagged':>8s}"
    lines = [head + (f" {'stated':>6s} {'rec|st':>7s}" if cross else "")]
    for row in result["per_kind"]:
        line = (
            f"{row['kind']:28s} {row['n']:4d} {_cell(row, 'recall'):>7s} {_cell(row, 'recall_any_kind'):>8s} "
            f"{_cell(row, 'recall_any_severity'):>8s} {_cell(row, 'precision'):>6s} {_cell(row, 'flagged'):>8s}"
        )
        if cross and row["harmful"]:
            line += f" {row['n_stated']:6d} {_cell(row, 'recall_stated'):>7s}"
        lines.append(line)
    wrong = result["wrong_flags"]
    lines.append(
        f"overall ({result['mode']}): recall {result['recall']}, any-kind recall {result['recall_any_kind']}, "
        f"any-severity recall {result['recall_any_severity']}, "
        f"precision {result['precision']} (kind-strict {result['precision_kind_strict']}), "
        f"harmless flagged {result['harmless_flagged']}, n={result['n']} (lost {result['lost']})"
    )
    lines.append(
        f"high flags on copies {result['high_flags']} (wrong: {wrong['on_harmless_edits']} on harmless edits, "
        f"{wrong['on_unperturbed_words']} on unperturbed words); new high flags on other articles "
        f"{result.get('collateral_high_flags', 0)}"
    )
    if cross:
        lines.append(
            f"original fact stated by another article: {result['n_stated']} copies, recall "
            f"{result['recall_stated']} (any kind {result['recall_stated_any_kind']})"
        )
    if "seconds" in result:
        s = result["seconds"]
        lines.append(f"time: base store {s['base']} s, rounds {s['rounds']} s, total {s['total']} s")
    return "\n".join(lines)
