"""API benchmark: p50/p95 of the list endpoints and the overview page's load on a large generated store.

    python benchmarks/bench_api.py [--articles 100000] [--db /tmp/bench_api.db] [--reuse]
                                   [--out benchmarks/results/api.json]

The store is generated directly through ``Store`` (not through ingest, which
has its own benchmark): N articles with synthetic text, outlets, dates and
sources, plus reading layers (entities, mentions, roles, quotes) for each,
``--events-per-article`` coded events each (10 by default: 1,000,000 events for
100,000 articles, written by ``save_events``), and verification results written
by ``save_verification``: one story per 50 articles, one canonical event per 10
events, one contradiction flag per 20 articles.

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

from sitrep.events.record import Event, EventActor, Place
from sitrep.model import Article, article_id
from sitrep.nlp.layers import Entity, Mention, Quote, Reading, Role, Sentence
from sitrep.store.db import Store
from sitrep.store.events import save_events
from sitrep.store.reading import save_reading
from sitrep.store.verify import save_verification

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
# (type, cameo, goldstein, quad class) for the generated events
EVENT_TYPES = [
    ("CONSULT", "040", 1.0, 1), ("AGREE", "030", 4.0, 1), ("SUPPORT", "050", 3.5, 2), ("AID", "070", 7.0, 2),
    ("ACCUSE", "112", -2.0, 3), ("THREATEN", "130", -4.4, 3), ("MOBILIZE", "150", -7.2, 3),
    ("SANCTION", "160", -5.6, 3), ("ASSAULT", "190", -10.0, 4), ("COERCE", "170", -7.0, 4),
]
PLACES = [("Kyiv", "UKR", 50.45, 30.52), ("Donetsk", "UKR", 48.0, 37.8), ("Moscow", "RUS", 55.75, 37.62),
          ("Brussels", "BEL", 50.85, 4.35), ("Washington", "USA", 38.9, -77.04)]
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
    "/api/mentions",
    "/api/mentions?label=PERSON&text=Shoigu",
    "/api/quotes",
    "/api/events",
    "/api/events?offset=500000",
    "/api/events?type=ASSAULT",
    "/api/events?country=RUS",
    "/api/events?actor=Sergei%20Shoigu",
    "/api/events?since=2021-03-01&until=2021-03-31",
    "/api/events?type=MOBILIZE&country=UKR&since=2021-01-01&until=2021-12-31",
    "/api/events?story=st_000123",
    "/api/events?status=asserted",
    "/api/canonical-events",
    "/api/canonical-events?story=st_000123",
    "/api/canonical-events?type=ASSAULT&country=RUS",
    "/api/canonical-events?since=2021-03-01&until=2021-03-31",
    "/api/stories",
    "/api/stories?since=2021-03-01&until=2021-03-31",
    "/api/flags",
    "/api/flags?severity=high",
    "/api/flags?kind=number&severity=medium",
    "/api/dyad?a=RUS&b=UKR",
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


def _actor(spec: tuple[str, str, str, str | None]) -> EventActor:
    sector = "GOV" if spec[1] != "ORG" else "IGO"
    return EventActor(spec[0], spec[2], sector)


def _events(rng: random.Random, article: Article, reading: Reading, count: int) -> list[Event]:
    events = []
    for k in range(count):
        sent = reading.sentences[k % len(reading.sentences)]
        text = article.text[sent.start:sent.end]
        kind, cameo, goldstein, quad = rng.choice(EVENT_TYPES)
        source, target = rng.sample(ACTORS[:14], 2)
        place = rng.choice(PLACES)
        day = article.published or "2021-04-01"
        events.append(Event(
            id=f"ev_{article.id[:16]}_{k}", article_id=article.id, type=kind, mode=None, cameo=cameo,
            goldstein=goldstein, quad=quad, sentence=text, sentence_start=sent.start, sentence_end=sent.end,
            span=text[:40], start=sent.start, end=sent.start + min(40, len(text)),
            actor=(_actor(source),), recipient=(_actor(target),), date=day, date_precision="day",
            location=Place(place[0], place[1], place[2], place[3]),
            quantities={"killed": rng.randint(1, 30)} if kind == "ASSAULT" else {},
            confidence=round(rng.random(), 3),
        ))
    return events


def _verification(rng: random.Random, articles: list[tuple[str, str | None]],
                  events: list[tuple[str, str, str | None, Event]]) -> dict[str, list[dict[str, object]]]:
    stories = []
    story_of: dict[str, str] = {}
    for s, lo in enumerate(range(0, len(articles), 50)):
        members = articles[lo:lo + 50]
        dates = sorted(d for _, d in members if d)
        sid = f"st_{s:06d}"
        stories.append({"id": sid, "title": f"Story {s}", "first_date": dates[0] if dates else None,
                        "last_date": dates[-1] if dates else None, "n_articles": len(members),
                        "n_independent": max(1, len(members) - 5), "article_ids": [a for a, _ in members]})
        story_of.update((a, sid) for a, _ in members)
    canonical = []
    for c, lo in enumerate(range(0, len(events), 10)):
        group = events[lo:lo + 10]
        e = group[0][3]
        canonical.append({
            "id": f"ce_{c:07d}", "story_id": story_of.get(group[0][0]), "type": e.type, "date": e.date,
            "source_country": e.actor[0].country, "target_country": e.recipient[0].country,
            "quad_class": e.quad, "goldstein": e.goldstein, "n_mentions": len(group),
            "n_articles": len({g[0] for g in group}), "n_independent": len({g[0] for g in group}),
            "mention_ids": [g[1] for g in group]})
    flags = []
    for f, (aid, _) in enumerate(articles[::20]):
        severity = rng.choice(["high", "medium", "low", "low"])
        flags.append({"id": f"fl_{f:07d}", "article_id": aid, "story_id": story_of.get(aid),
                      "kind": rng.choice(["affiliation", "number", "reversal", "corrupted_name"]),
                      "severity": severity, "claim": "Russian Foreign Minister Dmytro Kuleba", "start": 0,
                      "end": 10, "expected": "UKR", "message": "Independent sources give another value.",
                      "evidence": [{"article_id": articles[(f * 20 + 7) % len(articles)][0], "start": 0,
                                    "end": 10, "text": "Ukrainian Foreign Minister Dmytro Kuleba"}]})
    return {"stories": stories, "canonical_events": canonical, "flags": flags}


def generate(db: Path, n: int, *, events_per_article: int = 10) -> float:
    start = time.perf_counter()
    rng = random.Random(7)
    kept: list[tuple[str, str | None]] = []
    sample: list[tuple[str, str, str | None, Event]] = []
    with Store(db) as store:
        for lo in range(0, n, 2000):
            with store.batch():
                for i in range(lo, min(n, lo + 2000)):
                    article, reading = _article(rng, i)
                    if store.add_article(article):
                        store.add_source(article.id, article.source, "", None)
                        save_reading(store, article.id, reading, pipeline="bench", version="bench", n_words=0)
                        events = _events(rng, article, reading, events_per_article)
                        save_events(store, article.id, events)
                        kept.append((article.id, article.published))
                        sample.extend((article.id, e.id, e.date, e) for e in events)
            print(f"  generated {min(n, lo + 2000):,} articles", file=sys.stderr)
        with store.batch():
            rows = _verification(rng, kept, sample)
            save_verification(store, stories=rows["stories"], canonical_events=rows["canonical_events"],
                              flags=rows["flags"])
        print(f"  generated {len(sample):,} events, {len(rows['stories']):,} stories, "
              f"{len(rows['canonical_events']):,} canonical events, {len(rows['flags']):,} flags", file=sys.stderr)
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
                    client.get("/api")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            # the overview as the first visitor after the server starts sees it (aggregates warming up)
            with ThreadPoolExecutor(len(OVERVIEW)) as pool:
                t = time.perf_counter()
                for r in pool.map(client.get, OVERVIEW):
                    r.raise_for_status()
                cold_overview_ms = round((time.perf_counter() - t) * 1000, 1)
            print(f"  overview, first load after the server started: {cold_overview_ms} ms", file=sys.stderr)
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
                results["overview page (HTML + its API calls)"]["first_ms"] = cold_overview_ms
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
    parser.add_argument("--events-per-article", type=int, default=10)
    parser.add_argument("--db", type=Path, default=Path("/tmp/sitrep_bench_api.db"))
    parser.add_argument("--reuse", action="store_true", help="Measure an existing --db without regenerating it.")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/api.json"))
    args = parser.parse_args()
    generated = None
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        generated = generate(args.db, args.articles, events_per_article=args.events_per_article)
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
