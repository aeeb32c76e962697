"""Ingest benchmark: throughput, memory as the corpus grows 10x, HTML cost vs trafilatura.

    python benchmarks/bench_ingest.py [--n 10000] [--out benchmarks/results/ingest.json]

Everything is measured in the same run on the same machine:

* throughput: ``sitrep ingest`` (the library call, in a child process) on a
  generated corpus of N inputs (40% text dumps, 40% HTML, 20% JSONL): articles/s
  and MB/s of input;
* memory: the child's peak RSS for N/10 and N inputs; "flat" means the ratio
  stays near 1 while the corpus grows 10x;
* HTML: time of ``sitrep.ingest.html.extract_html`` against ``trafilatura.extract``
  alone on the same pages (the baseline), printed as a ratio;
* cleaning: the text-dump cleaner's MB/s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Generator, write_corpus

CHILD = r"""
import json, resource, sys, time
from sitrep.ingest.batch import ingest
from sitrep.store.db import Store
root, db = sys.argv[1], sys.argv[2]
start = time.perf_counter()
with Store(db) as store:
    summary = ingest([root], store, batch_size=200)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "summary": summary.to_dict(),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_ingest(root: Path, db: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), str(db)], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def bench_html(n_pages: int = 300) -> dict[str, float]:
    import trafilatura

    from sitrep.ingest.html import extract_html

    gen = Generator(seed=11)
    pages = [gen.html_page() for _ in range(n_pages)]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    base = time.perf_counter() - start
    start = time.perf_counter()
    for page in pages:
        extract_html(page)
    ours = time.perf_counter() - start
    return {
        "pages": n_pages,
        "trafilatura_s": round(base, 3),
        "sitrep_s": round(ours, 3),
        "ratio_vs_trafilatura": round(ours / base, 2),
    }


def bench_clean(n_docs: int = 2000) -> dict[str, float]:
    from sitrep.ingest.clean import clean_text

    gen = Generator(seed=12)
    docs = [gen.text_dump() for _ in range(n_docs)]
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        clean_text(doc)
    elapsed = time.perf_counter() - start
    return {"docs": n_docs, "mb_per_s": round(size / elapsed / 1e6, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10000, help="inputs in the large corpus (>= 10,000)")
    parser.add_argument("--out", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for label, n in (("small", args.n // 10), ("large", args.n)):
            root = base / label
            write_corpus(root, n)
            size = corpus_bytes(root)
            run = run_ingest(root, base / f"{label}.db")
            seconds = float(run["seconds"])  # type: ignore[arg-type]
            summary = run["summary"]
            assert isinstance(summary, dict)
            results[label] = {
                "inputs": n,
                "input_mb": round(size / 1e6, 1),
                "seconds": round(seconds, 1),
                "articles_per_s": round(int(summary["accepted"]) / seconds, 1),
                "mb_per_s": round(size / seconds / 1e6, 2),
                "peak_rss_mb": round(float(run["peak_rss_mb"]), 1),
                "rejected": summary["rejected"],
                "near_copies": summary["near_copies"],
            }
            print(f"{label:>5}: {n} inputs, {results[label]}", flush=True)  # type: ignore[index]
    small, large = results["small"], results["large"]
    assert isinstance(small, dict) and isinstance(large, dict)
    results["memory_growth_ratio_10x"] = round(large["peak_rss_mb"] / small["peak_rss_mb"], 2)
    results["html"] = bench_html()
    results["clean"] = bench_clean()
    print(f"peak memory, 10x more inputs: x{results['memory_growth_ratio_10x']}")
    print(f"html extraction vs trafilatura.extract alone: {results['html']}")
    print(f"text-dump cleaner: {results['clean']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
