"""API benchmark: p50/p95 of the list endpoints and the overview page's load on a large generated store.

    python benchmarks/bench_api.py [--articles 100000] [--db /tmp/bench_api.db] [--reuse]
                                   [--out benchmarks/results/api.json]

The store is generated directly through ``Store`` (not through ingest, which
has its own benchmark): N articles with synthetic text, outlets, dates and
sources, plus reading layers (entities, mentions, roles, quotes) for each. When
an ``events`` table exists in the schema (after the events stage lands), it is
not filled here yet: add its generator then (the issue asks for 1,000,000).

The server runs in a child process (``sitrep.web.create_app`` under uvicorn);
each endpoint is requested ``--repeat`` times after one warm-up request, from a
plain HTTP client; ``first_ms`` is the first (cold) request, which computes the
totals and aggregates that the server then keeps until the store changes. "overview" is the page's HTML plus every API call its script
makes, issued concurrently as a browser would.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from sitrep.model import Article, article_id
from sitrep.nlp.layers import Entity, Mention, Quote, Reading, Role, Sentence
from sitrep.store.db import Store
from sitrep.store.reading import save_reading

WORDS = [
    "border", "troops", "ministry", "talks", "ceasefire", "artillery", "village", "statement", "briefing",
    "counterpart", "shelling", "convoy", "drills", "exercise", "sanctions", "envoy", "parliament", "corridor",
    "summit", "pledge", "officials", "region", "forces", "agreement", "spokesman", "minister", "security",
    "council", "delegation", "warning", "response", "attack", "defence", "support", "military",
]
ACTORS = [
    ("Sergei Shoigu", "PERSON", "RUS", "Defence Minister"), ("Vladimir Putin", "PERSON", "RUS", "President"),
    ("Joe Biden", "PERSON", "USA", "President"), ("Volodymyr Zelensky", "PERSON", "UKR", "President"),
    ("Dmytro Kuleba", "PERSON", "UKR", "Foreign Minister"), ("Lloyd Austin", "PERSON", "USA", "Defense Secretary"),
    ("Antony Blinken", "PERSON", "USA", "Secretary of State"), ("Jens Stoltenberg", "PERSON", "NOR", "Secretary General"),
    ("NATO", "ORG", "NATO", None), ("Ukraine", "GPE", "UKR", None), ("Russia", "GPE", "RUS", None),
    ("United States", "GPE", "USA", None), ("European Union", "ORG", "EU", None), ("Germany", "GPE", "DEU", None),
]
ACTORS += [(f"Official {i}", "PERSON", random.Random(i).choice(["RUS", "UKR", "USA", "DEU", "FRA"]), "Spokesperson")
           for i in range(400)]
OUTLETS = [f"Outlet {i}" for i in range(40)]
ENDPOINTS = [
    "/api/articles",
    "/api/articles?offset=50000",
    "/api/articles?outlet=Outlet%207",
    "/api/articles?since=2021-03-01&until=2021-03-31",
    "/api/articles?q=ceasefire%20convoy",  # words in nearly every generated article: the worst case
    "/api/search?q=ceasefire%20convoy",
    "/api/articles?q=7777",  # a rare word, as most analyst searches are
    "/api/search?q=7777",
    "/api/actors",
    "/api/actors?country=RUS",
    "/api/roles",
    "/api/quotes",
    "/api/events",
    "/api/canonical-events",
    "/api/stories",
    "/api/flags",
    "/api/outlets",
    "/api/stats",
    "/api/network",
]
OVERVIEW = ["/", "/api/stats", "/api/stories?limit=8", "/api/events?limit=8", "/api/flags?limit=8",
            "/api/actors?limit=12", "/api/outlets", "/api/articles?limit=25&offset=0"]


def _article(rng: random.Random, i: int) -> tuple[Article, Reading]:
    actors = rng.sample(ACTORS[:14], 3) + rng.sample(ACTORS[14:], 2)
    paras, reading, ids = [], Reading(), {}
    text = ""
    for p in range(rng.randint(4, 8)):
        actor = actors[p % len(actors)]
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45)))
        prefix = f"{actor[3]} " if actor[3] else ""
        sentence = f"{prefix}{actor[0]} said the {words} on day {i}."
        start = len(text) + len(prefix)
        if actor[0] not in ids:
            ids[actor[0]] = f"e{len(ids) + 1}"
            reading.entities.append(Entity(ids[actor[0]], actor[0], actor[1], actor[2], None, None, ()))
        reading.mentions.append(Mention(start, start + len(actor[0]), actor[0], actor[1], "name", ids[actor[0]]))
        if actor[3]:
            reading.roles.append(Role(actor[0], actor[3], actor[2], None, len(text), start + len(actor[0]),
                                      f"{actor[3]} {actor[0]}", ids[actor[0]], actor[3], "title"))
        q0 = start + len(actor[0]) + len(" said ")
        reading.quotes.append(Quote(q0, q0 + len(words) + 4, sentence[q0 - len(text):][: len(words) + 4], False,
                                    ids[actor[0]], actor[0], start, start + len(actor[0]), "said", None, None))
        reading.sentences.append(Sentence(len(text), len(text) + len(sentence)))
        paras.append(sentence)
        text = "\n\n".join(paras)
    day = 1 + (i * 7919) % 1200
    published = time.strftime("%Y-%m-%d", time.gmtime(1577836800 + day * 86400)) if i % 20 else None
    article = Article(id=article_id(text), source=f"gen/{i // 1000:03d}/{i}.txt", text=text,
                      outlet=rng.choice(OUTLETS), title=f"Report {i}: {actors[0][0]} and {actors[1][0]}",
                      published=published, published_from="metadata" if published else None, language="en")
    return article, reading


def generate(db: Path, n: int) -> float:
    start = time.perf_counter()
    rng = random.Random(7)
    with Store(db) as store:
        for lo in range(0, n, 2000):
            with store.batch():
                for i in range(lo, min(n, lo + 2000)):
                    article, reading = _article(rng, i)
                    if store.add_article(article):
                        store.add_source(article.id, article.source, "", None)
                        save_reading(store, article.id, reading, pipeline="bench", version="bench", n_words=0)
            print(f"  generated {min(n, lo + 2000):,} articles", file=sys.stderr)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    port = _free_port()
    code = ("import sys, uvicorn; from pathlib import Path; from sitrep.web import create_app; "
            "uvicorn.run(create_app(db=Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), "
            "log_level='warning', ws='none')")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict[str, float]] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            some_id = client.get("/api/articles?limit=1&offset=777").json()["items"][0]["id"]
            for path in [*ENDPOINTS, f"/api/articles/{some_id}"]:
                t = time.perf_counter()
                client.get(path)  # the first request computes the memoised totals and aggregates
                first_ms = round((time.perf_counter() - t) * 1000, 1)
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = client.get(path)
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                results[path] = {**_summary(times), "first_ms": first_ms}
                print(f"  {path:<55} p50 {results[path]['p50_ms']:7.1f} ms  p95 {results[path]['p95_ms']:7.1f} ms"
                      f"  first {first_ms:7.1f} ms", file=sys.stderr)
            with ThreadPoolExecutor(len(OVERVIEW)) as pool:
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    for r in pool.map(client.get, OVERVIEW):
                        r.raise_for_status()
                    times.append((time.perf_counter() - t) * 1000)
                results["overview page (HTML + its API calls)"] = _summary(times)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return results


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
            "max_ms": round(ordered[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/sitrep_bench_api.db"))
    parser.add_argument("--reuse", action="store_true", help="Measure an existing --db without regenerating it.")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/api.json"))
    args = parser.parse_args()
    generated = None
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        generated = generate(args.db, args.articles)
    with Store(args.db) as store:
        stats = store.stats()
    results = measure(args.db, args.repeat)
    slow = {k: v["p95_ms"] for k, v in results.items() if v["p95_ms"] >= 100 and not k.startswith("overview")}
    report = {"articles": stats["articles"], "generate_seconds": generated, "repeat": args.repeat,
              "endpoints": results, "list_endpoints_over_100ms_p95": slow}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"articles": stats["articles"], "over_100ms_p95": slow,
                      "overview_p95_ms": results["overview page (HTML + its API calls)"]["p95_ms"]}, indent=2))


if __name__ == "__main__":
    main()
