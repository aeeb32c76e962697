"""Fixtures of the web tests: a store built from examples/ with hand-made reading layers, and live servers.

The reading layers are written by hand from a small list of actors and two
patterns (offices before names, quoted speech), the way the other stages' tests
build annotated articles without loading a model. Offsets point into each
article's text, as the real reader's do.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.types import ASGIApp

from sitrep.ingest.batch import ingest
from sitrep.nlp.layers import Entity, Mention, Quote, Reading, Role, Sentence
from sitrep.store.db import Store
from sitrep.store.reading import save_reading

# surface form -> (canonical name, label, country, kb id)
ACTORS: dict[str, tuple[str, str, str | None, str | None]] = {
    "Shoigu": ("Sergei Shoigu", "PERSON", "RUS", "Q312680"),
    "Putin": ("Vladimir Putin", "PERSON", "RUS", "Q7747"),
    "Biden": ("Joe Biden", "PERSON", "USA", "Q6279"),
    "Zelensky": ("Volodymyr Zelensky", "PERSON", "UKR", "Q3881635"),
    "Kuleba": ("Dmytro Kuleba", "PERSON", "UKR", "Q21550467"),
    "Taran": ("Andrii Taran", "PERSON", "UKR", "Q42307473"),
    "Khomchak": ("Ruslan Khomchak", "PERSON", "UKR", "Q19839434"),
    "Austin": ("Lloyd Austin", "PERSON", "USA", "Q1077594"),
    "Blinken": ("Antony Blinken", "PERSON", "USA", "Q4773767"),
    "Milley": ("Mark Milley", "PERSON", "USA", "Q6769099"),
    "Lavrov": ("Sergei Lavrov", "PERSON", "RUS", "Q80447"),
    "Stoltenberg": ("Jens Stoltenberg", "PERSON", "NOR", "Q57286"),
    "NATO": ("NATO", "ORG", "NATO", "Q7184"),
    "Pentagon": ("United States Department of Defense", "ORG", "USA", "Q11209"),
    "Kremlin": ("Government of Russia", "ORG", "RUS", "Q1637210"),
    "Ukraine": ("Ukraine", "GPE", "UKR", "Q212"),
    "Russia": ("Russia", "GPE", "RUS", "Q159"),
    "Kyiv": ("Ukraine", "GPE", "UKR", "Q212"),
    "Moscow": ("Russia", "GPE", "RUS", "Q159"),
    "Washington": ("United States", "GPE", "USA", "Q30"),
}
_NAME = re.compile(r"\b(" + "|".join(ACTORS) + r")\b")
_OFFICE = re.compile(
    r"\b(Defen[cs]e Minister|Foreign Minister|President|Secretary of State|Defense Secretary|"
    r"commander-in-chief)(?:,)? ((?:[A-Z][a-z]+ )?(" + "|".join(ACTORS) + r"))\b"
)
_QUOTE = re.compile(r"[“\"]([^”\"\n]{20,400})[”\"]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def reading_for(text: str) -> Reading:
    """A reading of ``text`` from :data:`ACTORS` and the office and quote patterns."""
    reading = Reading()
    reading.sentences = [Sentence(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    ids: dict[str, str] = {}
    for match in _NAME.finditer(text):
        name, label, country, kb_id = ACTORS[match.group(1)]
        if name not in ids:
            ids[name] = f"e{len(ids) + 1}"
            variants = tuple(sorted(k for k, v in ACTORS.items() if v[0] == name))
            reading.entities.append(Entity(ids[name], name, label, country, None, kb_id, variants))
        kind = "metonym" if match.group(1) in ("Kyiv", "Moscow", "Washington", "Kremlin") else "name"
        reading.mentions.append(Mention(match.start(), match.end(), match.group(1), label, kind, ids[name]))
    for match in _OFFICE.finditer(text):
        name, _, country, _ = ACTORS[match.group(3)]
        reading.roles.append(
            Role(name, match.group(1).replace("Defense", "Defence").title(), country, None, match.start(),
                 match.end(), match.group(0), ids.get(name), match.group(1), "title")
        )
    for match in _QUOTE.finditer(text):
        sentence = next((s for s in reading.sentences if s.start <= match.start() < s.end), None)
        window = text[sentence.start : sentence.end] if sentence else ""
        who = _NAME.search(window)
        speaker = ACTORS[who.group(1)][0] if who else None
        offset = sentence.start if sentence else 0
        reading.quotes.append(
            Quote(match.start(1), match.end(1), match.group(1), True, ids.get(speaker or ""),
                  who.group(1) if who else None, offset + who.start() if who else None,
                  offset + who.end() if who else None, None, None, None)
        )
    return reading


def build_examples_store(db: Path, examples: Path, *, extra: list[Path] | None = None) -> Path:
    """Ingest examples/articles and examples/feeds (and ``extra`` inputs) into ``db``, with reading layers."""
    args = [str(examples / "articles"), str(examples / "feeds"), *(str(p) for p in extra or [])]
    with Store(db) as store:
        ingest(args, store)
        articles = list(store.iter_articles())
        with store.batch():
            for article in articles:
                save_reading(store, article.id, reading_for(article.text), pipeline="test-patterns",
                             version="test", n_words=len(article.text.split()))
    return db


SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(2)>"


def add_hostile_article(db: Path, folder: Path) -> dict[str, str]:
    """Ingest an article whose title, outlet, URL and text carry script and onerror payloads.

    Returns its ``id`` and the two payloads (``script``, ``img``)."""
    record = {
        "title": f"Breaking {SCRIPT_PAYLOAD} news",
        "outlet": f"Evil {IMG_PAYLOAD} Outlet",
        "url": "javascript:alert(3)",
        "published": "2021-04-24",
        "text": f"Officials in Kyiv said on Saturday that {SCRIPT_PAYLOAD} was typed into a form. "
        f"Another line carried {IMG_PAYLOAD} as plain words, and the ministry said nothing more about it.",
    }
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store(db) as store:
        ingest([str(path)], store)
        article_id = next(a.id for a in store.iter_articles() if a.title and SCRIPT_PAYLOAD in a.title)
    return {"id": article_id, "script": SCRIPT_PAYLOAD, "img": IMG_PAYLOAD}


def free_port() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_server(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a background thread; yield its base URL."""
    sock = free_port()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """A store of examples/articles and examples/feeds with reading layers (shared: treat it as read-only)."""
    return build_examples_store(tmp_path_factory.mktemp("web") / "examples.db", examples_dir)


@pytest.fixture(scope="session")
def serve() -> Callable[[ASGIApp], AbstractContextManager[str]]:
    """``with serve(app) as base_url:`` runs ``app`` under uvicorn on a free local port."""
    return running_server


@pytest.fixture(scope="session")
def add_hostile() -> Callable[[Path, Path], dict[str, str]]:
    """``add_hostile(db, folder)`` ingests the script/onerror test article into ``db``."""
    return add_hostile_article


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser); skips when absent."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium): browser tests need /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser page; ``page.problems`` collects console errors, page errors, CSP violations, dialogs."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts(repo_dir: Path) -> Path:
    """test-artifacts/web/ (gitignored): screenshots the browser tests keep."""
    out = repo_dir / "test-artifacts" / "web"
    out.mkdir(parents=True, exist_ok=True)
    return out
