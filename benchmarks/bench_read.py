"""Reading benchmark: words/s of the whole reading stage on 2 cores, against the bare model.

    python benchmarks/bench_read.py [--repeat 20] [--out benchmarks/results/read.json]

Measured in the same run on the same articles (the English example articles,
repeated ``--repeat`` times so the run lasts long enough to time):

* baseline: the bundled spaCy model alone (``nlp.pipe``: tokenizer, tagger,
  lemmatizer, parser, NER, and the two rule components that repair its entities;
  ``model_only_*``); and its trained components alone as sitrep runs them
  (:mod:`sitrep.nlp.speedups`; ``trained_components_*``) and as plain
  ``spacy.load`` runs them — what any spaCy user pays (``plain_spacy_*``);
* sitrep reading: :meth:`sitrep.nlp.read.Reader.read_many` — the model plus entity
  resolution, roles, dates and quotes;
* each extra layer's share of the time (entities, roles, dates, quotes);
* the whole reading stage in ``--workers`` forked processes (:meth:`sitrep.analyze.ReadPool.read`; the target's figure),
  also per CPU-second of the workers and this process together;
* reading and event coding together, in one process and in ``--workers``
  forked processes (:class:`sitrep.analyze.ReadPool`, what ``sitrep analyze``
  uses), with the speed-up between the two.

The target (issue 3) is >= 10,000 words/s for the whole reading stage.

Wall-clock figures suffer when other jobs share the cores, so the single-process
stages are also given per CPU-second of this process (``*_words_per_cpu_s``), and
the load average at the start and the end is recorded. Every process does its
matrix products on one thread (numpy's BLAS would otherwise spread one process
over the cores, spinning while it waits), as a :class:`~sitrep.analyze.ReadPool`
worker does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

import spacy

from sitrep.analyze import ReadPool
from sitrep.eval.examples import load_examples
from sitrep.model import Article
from sitrep.nlp.pipeline import default_model_path
from sitrep.nlp.read import Reader, read_doc
from sitrep.nlp.speedups import blas_threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/read.json"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    blas_threads(1)
    reader = Reader.load()
    unique = {a.id: a for a in load_examples().values() if reader.skip_reason(a) is None}
    articles = list(unique.values()) * args.repeat
    words = sum(len(a.text.split()) for a in articles)

    load_start = os.getloadavg()[0]
    for doc, article in zip(reader.nlp.pipe(a.text for a in articles[:5]), articles, strict=False):
        read_doc(doc, article=article, kb=reader.kb)  # warm up: one-off loads stay off the clock
    start, cpu = time.perf_counter(), time.process_time()
    docs = list(reader.nlp.pipe((a.text for a in articles), batch_size=reader.batch_size))
    model_s, model_cpu = time.perf_counter() - start, time.process_time() - cpu

    # the trained components alone (no rule components), as sitrep runs them and as plain spaCy does
    bare_cpu, plain_cpu = _bare_model_cpu(reader, articles)

    start, cpu = time.perf_counter(), time.process_time()
    for doc, article in zip(docs, articles, strict=True):
        read_doc(doc, article=article, kb=reader.kb)
    layers_s, layers_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for _ in reader.read_many(articles))
    whole_s, whole_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert n == len(articles)

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ReadPool(reader, workers=args.workers) as pool:
        pool.read(articles[: 2 * args.workers])  # fork and warm up outside the clock
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(articles), 64):
            pool.read(articles[i : i + 64])
        reading_workers_s, parent_cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers' time, counted once they are joined
    workers_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime + parent_cpu

    timings = {}
    for workers in (1, args.workers):
        with ReadPool(reader, workers=workers) as pool:
            pool.read_and_code(articles[: 2 * workers])  # fork and warm up outside the clock
            start = time.perf_counter()
            for i in range(0, len(articles), 64):
                pool.read_and_code(articles[i : i + 64])
            timings[workers] = time.perf_counter() - start

    result = {
        "articles": len(articles),
        "words": words,
        "model_only_words_per_s": round(words / model_s),
        "reading_words_per_s": round(words / whole_s),
        "model_only_words_per_cpu_s": round(words / model_cpu),
        "trained_components_words_per_cpu_s": round(words / bare_cpu),
        "plain_spacy_words_per_cpu_s": round(words / plain_cpu),  # the same components without sitrep's speed-ups
        "trained_components_vs_plain_spacy_cpu": round(plain_cpu / bare_cpu, 2),
        "layers_only_words_per_cpu_s": round(words / layers_cpu),
        "reading_words_per_cpu_s": round(words / whole_cpu),
        "layers_share_of_reading": round(layers_s / (model_s + layers_s), 3),
        "reading_vs_model_only_time": round(whole_s / model_s, 2),
        f"reading_{args.workers}_workers_words_per_s": round(words / reading_workers_s),
        f"reading_{args.workers}_workers_words_per_cpu_s": round(words / workers_cpu),  # incl. fork and warm-up
        "read_and_code_1_process_words_per_s": round(words / timings[1]),
        f"read_and_code_{args.workers}_workers_words_per_s": round(words / timings[args.workers]),
        "workers_speedup": round(timings[1] / timings[args.workers], 2),
        "model": reader.version,
        "load_average_start_end": [round(load_start, 2), round(os.getloadavg()[0], 2)],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


def _bare_model_cpu(reader: Reader, articles: list[Article]) -> tuple[float, float]:
    """CPU seconds of the trained components on ``articles``: in ``reader.nlp``, then as ``spacy.load`` loads them."""
    plain = spacy.load(reader.nlp.path) if reader.nlp.path is not None else spacy.load(default_model_path())
    timings = []
    for nlp in (reader.nlp, plain):
        with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n not in plain.pipe_names]):
            list(nlp.pipe(a.text for a in articles[:5]))
            cpu = time.process_time()
            for i in range(0, len(articles), reader.batch_size):
                list(nlp.pipe(a.text for a in articles[i : i + reader.batch_size]))
            timings.append(time.process_time() - cpu)
    return timings[0], timings[1]


if __name__ == "__main__":
    main()
