"""Fixtures of the web tests: a store built from examples/ by the real pipeline, and live servers.

The store is made once per session the way `sitrep run` makes it: ingest
examples/articles, examples/feeds and one hostile article (script and onerror
payloads in its title, outlet, URL and text), then analyze (read with the shipped
model, code events, verify: stories, canonical events, flags). Tests that write
(ingest, a live event row) work on copies.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.types import ASGIApp

from sitrep.analyze import analyze
from sitrep.ingest.batch import ingest
from sitrep.store.db import Store

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(2)>"
#: articles/global_newsdesk_brussels.txt: a rewrite of a wire story with a wrong affiliation
#: (Russian ... Kuleba), a corrupted name (Stoltenbarg) and a wrong number (8,000 troops)
REWRITE_KEY = "articles/global_newsdesk_brussels.txt"


def hostile_record() -> dict[str, str]:
    """An article whose title, outlet, URL and text carry script and onerror payloads."""
    return {
        "title": f"Breaking {SCRIPT_PAYLOAD} news",
        "outlet": f"Evil {IMG_PAYLOAD} Outlet",
        "url": "javascript:alert(3)",
        "published": "2021-04-24",
        "text": f"Officials in Kyiv said on Saturday that {SCRIPT_PAYLOAD} was typed into a form. "
        f"Another line carried {IMG_PAYLOAD} as plain words, and the ministry said nothing more about it.",
    }


def build_examples_store(db: Path, examples: Path, folder: Path) -> dict[str, Any]:
    """Ingest examples/articles, examples/feeds and the hostile article into ``db`` and analyze them.

    Returns ``db``, the ids of the ``hostile`` article and the ``rewrite``, and the payloads."""
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(hostile_record()) + "\n", encoding="utf-8")
    rewrite = examples / REWRITE_KEY
    with Store(db) as store:
        ingest([str(examples / "articles"), str(examples / "feeds"), str(hostile)], store)
        analyze(store)
        ids = {a.title: a.id for a in store.iter_articles()}
        by_source = store.conn.execute(
            "SELECT article_id FROM article_sources WHERE source = ?", (str(rewrite),)
        ).fetchone()
    hostile_id = ids[hostile_record()["title"]]
    return {"db": db, "hostile": hostile_id, "rewrite": str(by_source[0]), "script": SCRIPT_PAYLOAD,
            "img": IMG_PAYLOAD}


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
def web_built(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> dict[str, Any]:
    """The examples store made by the real pipeline (db, hostile and rewrite ids, payloads)."""
    folder = tmp_path_factory.mktemp("web")
    return build_examples_store(folder / "examples.db", examples_dir, folder)


@pytest.fixture(scope="session")
def web_store(web_built: dict[str, Any]) -> Path:
    """The shared examples store (treat it as read-only; copy it to write)."""
    path: Path = web_built["db"]
    return path


@pytest.fixture(scope="session")
def serve() -> Any:
    """``with serve(app) as base_url:`` runs ``app`` under uvicorn on a free local port."""
    return running_server


CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser); skips when absent."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not at {CHROMIUM} (apt-get install -y chromium, or set SITREP_CHROMIUM)")
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
