"""Score HTML main-text extraction against the article-extraction-benchmark ground truth.

The corpus directory holds ``ground-truth.json`` (``{page_id: {"articleBody": ..., "url": ...}}``) and
``html/<page_id>.html.gz``. Scores are bag-of-words token precision, recall and F1 per page (lowercased
``\\w+`` tokens, multiset overlap), averaged over pages.

    python -m sitrep.eval.extraction /path/to/article-extraction-benchmark [--baselines]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")

Extractor = Callable[[str], str]


def token_f1(pred: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``pred``'s word tokens against ``truth``'s (multiset overlap)."""
    p, t = Counter(_WORD.findall(pred.lower())), Counter(_WORD.findall(truth.lower()))
    if not p and not t:
        return 1.0, 1.0, 1.0
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def sitrep_text(html: str) -> str:
    """Our extractor: :func:`sitrep.ingest.html.extract_html`'s text, "" when it finds none."""
    from sitrep.ingest.html import extract_html

    try:
        return extract_html(html).text
    except ValueError:
        return ""


def trafilatura_text(html: str) -> str:
    """Baseline: ``trafilatura.extract`` with its defaults."""
    import trafilatura

    return str(trafilatura.extract(html) or "")


def readability_text(html: str) -> str:
    """Baseline: the text of readability-lxml's summary."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        return " ".join(lxml.html.fragment_fromstring(summary, create_parent="div").itertext())
    except Exception:  # readability raises on empty or odd documents: score it as no text
        return ""


def _score_page(
    task: tuple[str, Path, str, Sequence[tuple[str, Extractor]]],
) -> tuple[str, dict[str, dict[str, float]]]:
    from sitrep.ingest.html import decode_html

    page_id, path, truth, systems = task
    html = decode_html(gzip.decompress(path.read_bytes()))
    out: dict[str, dict[str, float]] = {}
    for name, extract in systems:
        start = time.perf_counter()
        pred = extract(html)
        seconds = time.perf_counter() - start
        p, r, f = token_f1(pred, truth)
        out[name] = {"p": p, "r": r, "f1": f, "seconds": seconds}
    return page_id, out


def score_benchmark(
    corpus_dir: Path,
    *,
    extractor: Extractor | None = None,
    baselines: bool = False,
    workers: int = 1,
) -> dict[str, Any]:
    """Score ``extractor`` (default: ours) and, with ``baselines``, trafilatura and readability.

    Returns ``{"n": pages, "pages": {id: {system: {p, r, f1, seconds}}}, "mean": {system: {p, r, f1}},
    "seconds": {system: total extraction seconds}}``. ``workers > 1`` scores pages in that many
    processes (the extractor must then be picklable, i.e. a module-level function).
    """
    truth = json.loads((corpus_dir / "ground-truth.json").read_text(encoding="utf-8"))
    systems: list[tuple[str, Extractor]] = [("sitrep", extractor or sitrep_text)]
    if baselines:
        systems += [("trafilatura", trafilatura_text), ("readability", readability_text)]
    tasks = [
        (pid, corpus_dir / "html" / f"{pid}.html.gz", str(rec.get("articleBody") or ""), systems)
        for pid, rec in sorted(truth.items())
    ]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            pages = dict(pool.map(_score_page, tasks, chunksize=4))
    else:
        pages = dict(map(_score_page, tasks))
    names = [name for name, _ in systems]
    n = max(len(pages), 1)
    mean = {
        name: {k: sum(pg[name][k] for pg in pages.values()) / n for k in ("p", "r", "f1")} for name in names
    }
    seconds = {name: sum(pg[name]["seconds"] for pg in pages.values()) for name in names}
    return {"n": len(pages), "pages": pages, "mean": mean, "seconds": seconds}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.eval.extraction", description=__doc__.split("\n")[0]
    )
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--baselines", action="store_true", help="also score trafilatura and readability")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worst", type=int, default=0, help="list this many lowest-F1 pages of ours")
    parser.add_argument("--json", type=Path, help="write the full result here")
    args = parser.parse_args(argv)
    result = score_benchmark(args.corpus_dir, baselines=args.baselines, workers=args.workers)
    lines = [f"{'system':<12} {'P':>7} {'R':>7} {'F1':>7} {'seconds':>8}   (n={result['n']})"]
    for name, m in result["mean"].items():
        lines.append(f"{name:<12} {m['p']:7.4f} {m['r']:7.4f} {m['f1']:7.4f} {result['seconds'][name]:8.2f}")
    worst = sorted(result["pages"].items(), key=lambda kv: kv[1]["sitrep"]["f1"])[: args.worst]
    lines += [f"  {pid[:16]}  F1 {pg['sitrep']['f1']:.3f}" for pid, pg in worst]
    sys.stdout.write("\n".join(lines) + "\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
