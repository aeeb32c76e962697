"""Score :func:`sitrep.nlp.timex.find_timexes` against gold date expressions.

Gold rows (JSON lines, or a JSON file with an ``expressions`` list) name an article and an
expression in it: ``text`` (the exact surface string), ``occurrence`` (1-based, counting whole-word
occurrences of ``text`` in the article), ``value``, ``precision``, ``relation``, ``end_value``.

* ``--examples DIR`` (default: the bundled corpus) with ``--truth`` (default
  ``DIR/truth/timexes.jsonl``): rows name articles by their example key
  (:func:`sitrep.eval.examples.load_examples`). The gold is exhaustive for each article it names,
  so span precision counts every prediction in those articles.
* ``--seeds DIR --truth FILE``: rows name a seed file (``seed``); the seeds are ingested with the
  real ingest stage (publication dates included). Seed truth lists chosen expressions, not all of
  them, so only recall-type figures are given (``value_accuracy``: share of listed expressions
  found with the right value and precision).

A prediction matches a gold expression when their spans overlap (one to one, in text order);
it counts for value+precision when, in addition, value and precision are equal.

    python -m sitrep.eval.timex [--examples examples]
    python -m sitrep.eval.timex --seeds ../shared/seeds --truth tests/data/seed_timexes.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.eval.scoring import prf
from sitrep.model import Article
from sitrep.nlp.layers import Timex
from sitrep.nlp.timex import find_timexes

__all__ = ["GoldTimex", "load_gold", "locate", "score", "score_examples", "score_seeds"]


@dataclass(slots=True, frozen=True)
class GoldTimex:
    article: str
    text: str
    occurrence: int
    value: str | None
    precision: str
    relation: str = "point"
    end_value: str | None = None
    warning: str | None = None


def load_gold(path: Path) -> list[GoldTimex]:
    """Rows of a ``.jsonl`` file, or of the ``expressions`` list of a ``.json`` file."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        rows: list[dict[str, Any]] = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        rows = list(json.loads(raw)["expressions"])
    return [
        GoldTimex(
            article=str(r.get("article") or r.get("seed")),
            text=r["text"],
            occurrence=int(r.get("occurrence", 1)),
            value=r.get("value"),
            precision=r["precision"],
            relation=r.get("relation", "point"),
            end_value=r.get("end_value"),
            warning=r.get("warning"),
        )
        for r in rows
    ]


def locate(text: str, phrase: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th whole-word occurrence of ``phrase`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    for i, m in enumerate(pattern.finditer(text), start=1):
        if i == occurrence:
            return m.start(), m.end()
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(
    articles: dict[str, Article], gold: Sequence[GoldTimex], *, exhaustive: bool = True
) -> dict[str, Any]:
    """Span and value+precision scores of the predictions on the articles the gold names."""
    by_article: dict[str, list[GoldTimex]] = {}
    for row in gold:
        by_article.setdefault(row.article, []).append(row)
    errors: list[dict[str, Any]] = []
    per_article: dict[str, dict[str, int]] = {}
    totals = {"gold": 0, "pred": 0, "span_tp": 0, "value_tp": 0, "relation_tp": 0, "end_value_tp": 0}
    chars = 0
    seconds = 0.0
    for key, rows in sorted(by_article.items()):
        article = articles.get(key)
        if article is None:
            errors.append({"article": key, "error": "article not found"})
            continue
        t0 = time.perf_counter()
        preds = find_timexes(article.text, published=article.published)
        seconds += time.perf_counter() - t0
        chars += len(article.text)
        counts = _score_article(key, article, rows, preds, errors, exhaustive=exhaustive)
        per_article[key] = counts
        for name in totals:
            totals[name] += counts[name]
    n_pred = totals["pred"] if exhaustive else totals["span_tp"]
    out: dict[str, Any] = {
        "articles": len(per_article),
        "gold": totals["gold"],
        "predicted": totals["pred"] if exhaustive else None,
        "span": prf(totals["span_tp"], n_pred, totals["gold"], empty=1.0),
        "value_precision": prf(totals["value_tp"], n_pred, totals["gold"], empty=1.0),
        "value_accuracy": round(totals["value_tp"] / totals["gold"], 4) if totals["gold"] else 1.0,
        "relation_accuracy_on_matched": round(totals["relation_tp"] / max(1, totals["span_tp"]), 4),
        "end_value_accuracy_on_matched": round(totals["end_value_tp"] / max(1, totals["span_tp"]), 4),
        "chars_per_second": round(chars / seconds) if seconds else None,
        "per_article": per_article,
        "errors": errors,
    }
    return out


def _score_article(
    key: str,
    article: Article,
    rows: list[GoldTimex],
    preds: list[Timex],
    errors: list[dict[str, Any]],
    *,
    exhaustive: bool,
) -> dict[str, int]:
    counts = {"gold": len(rows), "pred": len(preds), "span_tp": 0, "value_tp": 0, "relation_tp": 0, "end_value_tp": 0}
    used: set[int] = set()
    for row in rows:
        span = locate(article.text, row.text, row.occurrence)
        if span is None:
            errors.append({"article": key, "gold": row.text, "occurrence": row.occurrence, "error": "gold text not found"})
            continue
        match = next(
            (i for i, p in enumerate(preds) if i not in used and _overlap(span, (p.start, p.end))),
            None,
        )
        if match is None:
            errors.append({"article": key, "error": "missed", "gold": row.text, "start": span[0], "value": row.value})
            continue
        used.add(match)
        pred = preds[match]
        counts["span_tp"] += 1
        counts["relation_tp"] += pred.relation == row.relation
        counts["end_value_tp"] += pred.end_value == row.end_value
        if pred.value == row.value and pred.precision == row.precision:
            counts["value_tp"] += 1
        else:
            errors.append(
                {
                    "article": key,
                    "error": "value",
                    "gold": row.text,
                    "predicted": pred.text,
                    "start": pred.start,
                    "want": [row.value, row.precision],
                    "got": [pred.value, pred.precision],
                }
            )
    if exhaustive:
        for i, pred in enumerate(preds):
            if i not in used:
                errors.append(
                    {"article": key, "error": "spurious", "predicted": pred.text, "start": pred.start, "got": pred.value}
                )
    return counts


def score_examples(examples: Path | None = None, truth: Path | None = None) -> dict[str, Any]:
    """Scores on the example corpus against ``truth`` (default ``examples/truth/timexes.jsonl``)."""
    from sitrep.eval.examples import EXAMPLES_DIR, load_examples

    base = examples or EXAMPLES_DIR
    return score(load_examples(base), load_gold(truth or base / "truth" / "timexes.jsonl"))


def load_seed_articles(seeds: Path) -> dict[str, Article]:
    """Each seed file's clean article (through the real ingest stage), keyed by file name."""
    from sitrep.ingest.batch import ingest
    from sitrep.store.db import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "seeds.db") as store:
        ingest([str(seeds)], store)
        out: dict[str, Article] = {}
        for article in store.iter_articles():
            for src in store.article_sources(article.id):
                out[Path(src["source"]).name] = article
    return out


def score_seeds(seeds: Path, truth: Path) -> dict[str, Any]:
    """Recall-type scores on the listed seed expressions (the list is not exhaustive)."""
    articles = load_seed_articles(seeds)
    result = score(articles, load_gold(truth), exhaustive=False)
    raw = json.loads(truth.read_text(encoding="utf-8"))
    mismatched = {
        name: {"truth": want, "ingest": articles[name].published}
        for name, want in raw.get("published", {}).items()
        if name in articles and articles[name].published != want
    }
    result["published_mismatches"] = mismatched
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.timex", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=Path, default=None, help="example corpus folder (default: bundled)")
    parser.add_argument("--seeds", type=Path, default=None, help="score seed files in this folder instead")
    parser.add_argument("--truth", type=Path, default=None, help="gold file (.jsonl, or .json for seeds)")
    parser.add_argument("--no-errors", action="store_true", help="leave the error list out")
    args = parser.parse_args(argv)
    if args.seeds is not None:
        if args.truth is None:
            parser.error("--seeds needs --truth")
        result = score_seeds(args.seeds, args.truth)
    else:
        result = score_examples(args.examples, args.truth)
    if args.no_errors:
        result.pop("errors", None)
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
