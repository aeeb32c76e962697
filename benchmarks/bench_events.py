"""Event-coding benchmark: the coder's time against the reading pipeline's on the same articles (issue 4).

    python benchmarks/bench_events.py [--examples DIR ...] [--repeat 3] [--unique] [--events-model fast|accurate]
                                      [--out benchmarks/results/events.json]

The target (issue 4) is that event coding adds at most 30 % to the reading pipeline's time on the same
articles. Both are measured in the same run on the same articles, so the reading time is the baseline
the ratio is taken against:

* reading: the spaCy pipeline and :func:`sitrep.nlp.read.read_doc` (entities, roles, dates, quotes);
* coding: :func:`sitrep.events.extract.code_events` on that parse and reading.

The articles are those of each example corpus's event gold (``DIR/truth/events.jsonl``, as
``python -m sitrep.eval.events_gold`` scores them; every article when it has no gold), read and coded
one after the other as the scorer does. ``--unique`` drops articles whose text repeats an earlier one's
(the bundled corpus has one exact duplicate, whose coding would otherwise be served from the coder's
per-sentence memos).

Each of the ``--repeat`` passes starts with empty memos (:func:`sitrep.events.memo.clear_memos`) so a
pass never reuses an earlier one's answers; one-off loads (the parser, the knowledge base, the place
tables, the event model) happen before the clock starts. Times are CPU seconds of this process
(``time.process_time``, robust to other jobs sharing the cores) and wall seconds; the median pass is
reported, with the fastest and slowest (and each pass in ``--out``). The first pass is the coldest: the
parser and the knowledge base fill their own caches as they meet new words and names, so reading gets
faster in later passes and the ratio rises a little (``events_gold`` times one pass after one untimed article). Every process
does its matrix products on one thread.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from sitrep.eval.events_gold import load_gold
from sitrep.eval.examples import load_examples
from sitrep.events.classify import EventClassifier, load_classifier
from sitrep.events.embed import load_encoder
from sitrep.events.extract import code_events
from sitrep.events.geo import load_gazetteer
from sitrep.events.memo import clear_memos
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.model import Article
from sitrep.nlp.pipeline import load_pipeline
from sitrep.nlp.read import read_doc
from sitrep.nlp.speedups import blas_threads

TARGET = 0.30
BUNDLED = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--examples", type=Path, action="append", default=None,
        help="example corpus directory (repeat for several; default: the bundled examples)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per corpus")
    parser.add_argument("--unique", action="store_true", help="drop articles whose text repeats an earlier one's")
    parser.add_argument("--events-model", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/events.json"))
    parser.add_argument(
        "--no-gc-freeze", action="store_true",
        help="leave the loaded models in the garbage collector's view (each full collection walks them again)",
    )
    args = parser.parse_args()

    blas_threads(1)
    nlp = load_pipeline()
    kb = load_kb()
    classifier = load_classifier(accurate=args.events_model == "accurate")
    if classifier.accurate:
        load_encoder()
    load_gazetteer().warm()
    if not args.no_gc_freeze:
        # what is loaded once stays for the process: out of the collector's view, as a long ``sitrep analyze`` would
        # hold it, so a full collection does not walk the parser and the knowledge base again (~0.13 s each)
        gc.collect()
        gc.freeze()
    load_start = os.getloadavg()[0]
    sets: dict[str, Any] = {}
    for examples in args.examples or [BUNDLED]:
        articles = _articles(examples, unique=args.unique)
        _time_pass(nlp, articles[:2], kb=kb, classifier=classifier)  # warm up: one-off loads stay off the clock
        passes = [_time_pass(nlp, articles, kb=kb, classifier=classifier) for _ in range(args.repeat)]
        sets[str(examples)] = _summary(articles, passes)
    result = {
        "target_coding_over_reading": TARGET,
        "events_model": args.events_model,
        "repeat": args.repeat,
        "unique": args.unique,
        "gc_freeze": not args.no_gc_freeze,
        "sets": sets,
        "load_average_start_end": [round(load_start, 2), round(os.getloadavg()[0], 2)],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name, figures in sets.items():
        cpu, wall = figures["coding_over_reading_cpu"], figures["coding_over_reading_wall"]
        verdict = "met" if cpu["median"] <= TARGET else "NOT met"
        print(
            f"{name}: {figures['articles']} articles, {figures['words']} words, {figures['events']} events; "
            f"read {figures['read_cpu_s']['median']} CPU-s, code {figures['code_cpu_s']['median']} CPU-s (medians); "
            f"coding/reading CPU {cpu['median']} [{cpu['min']}-{cpu['max']}], wall {wall['median']} "
            f"[{wall['min']}-{wall['max']}]; target <= {TARGET}: {verdict}"
        )
    print(f"load average start/end: {result['load_average_start_end']}; written to {args.out}")


def _articles(examples: Path, *, unique: bool) -> list[Article]:
    """The articles the corpus's event gold names (all, without a gold file), in the scorer's order."""
    articles = load_examples(None if examples == BUNDLED else examples)
    truth = examples / "truth" / "events.jsonl"
    if truth.exists():
        gold = load_gold(truth, texts={key: a.text for key, a in articles.items()})
        keys = sorted({g.article for g in gold})
    else:
        keys = sorted(articles)
    chosen: list[Article] = []
    seen: set[str] = set()
    for key in keys:
        if unique and articles[key].text in seen:
            continue
        seen.add(articles[key].text)
        chosen.append(articles[key])
    return chosen


def _time_pass(nlp: Any, articles: list[Article], *, kb: KnowledgeBase, classifier: EventClassifier) -> dict[str, float]:
    """Read and code every article once, from empty memos; CPU and wall seconds of each stage."""
    clear_memos()
    read_cpu = read_wall = code_cpu = code_wall = 0.0
    events = 0
    for article in articles:
        c0, w0 = time.process_time(), time.perf_counter()
        doc = nlp(article.text)
        reading = read_doc(doc, article=article, kb=kb)
        c1, w1 = time.process_time(), time.perf_counter()
        events += len(code_events(doc, reading, article=article, kb=kb, classifier=classifier))
        c2, w2 = time.process_time(), time.perf_counter()
        read_cpu += c1 - c0
        read_wall += w1 - w0
        code_cpu += c2 - c1
        code_wall += w2 - w1
    return {"read_cpu": read_cpu, "read_wall": read_wall, "code_cpu": code_cpu, "code_wall": code_wall, "events": events}


def _summary(articles: list[Article], passes: list[dict[str, float]]) -> dict[str, Any]:
    def spread(values: list[float]) -> dict[str, float]:
        return {"median": round(statistics.median(values), 4), "min": round(min(values), 4), "max": round(max(values), 4)}

    return {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "events": int(passes[0]["events"]),
        "read_cpu_s": spread([p["read_cpu"] for p in passes]),
        "code_cpu_s": spread([p["code_cpu"] for p in passes]),
        "read_wall_s": spread([p["read_wall"] for p in passes]),
        "code_wall_s": spread([p["code_wall"] for p in passes]),
        "coding_over_reading_cpu": spread([p["code_cpu"] / p["read_cpu"] for p in passes]),
        "coding_over_reading_wall": spread([p["code_wall"] / p["read_wall"] for p in passes]),
        "passes": [{k: round(v, 4) for k, v in p.items() if k != "events"} for p in passes],
    }


if __name__ == "__main__":
    main()
