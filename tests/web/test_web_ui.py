"""The pages end to end in headless Chromium (Debian's `chromium`, driven by Playwright; no browser downloads).

Screenshots are kept under test-artifacts/web/ (gitignored).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from starlette.types import ASGIApp

from sitrep.store.db import Store
from sitrep.web import create_app

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package")

Serve = Callable[[ASGIApp], AbstractContextManager[str]]
KYIV_WARY = "c576e105253db2f7"  # feeds/kyiv_ledger.xml[1]: "Kyiv wary as Russia begins pulling troops back"
KHOMCHAK = "c0a2eda59f20d9de"  # articles/eastern_dispatch_khomchak_parliament.txt
SCRIPT = "<script>alert(1)</script>"  # the payloads of conftest's hostile article
IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def ui_store(
    tmp_path_factory: pytest.TempPathFactory, web_store: Path, add_hostile: Callable[[Path, Path], dict[str, str]]
) -> dict[str, Any]:
    """The examples store plus a hostile article, and a stand-in flags table with one flag and its evidence."""
    root = tmp_path_factory.mktemp("ui")
    db = root / "ui.db"
    shutil.copy(web_store, db)
    hostile = add_hostile(db, root)
    assert (hostile["script"], hostile["img"]) == (SCRIPT, IMG)
    with Store(db) as store:
        kyiv_text = store.texts([KYIV_WARY])[KYIV_WARY]
        khomchak_text = store.texts([KHOMCHAK])[KHOMCHAK]
    claim = "28 battalion tactical groups had been deployed"
    start = kyiv_text.index(claim)
    passage = next(line for line in khomchak_text.split("\n") if "battalion" in line)
    conn = sqlite3.connect(db)  # a stand-in for the verify stage's table, until it lands
    conn.execute(
        'CREATE TABLE flags (id TEXT PRIMARY KEY, article_id TEXT, story_id TEXT, kind TEXT, status TEXT, '
        'claim TEXT, start INTEGER, "end" INTEGER, evidence TEXT)'
    )
    evidence = [{"article_id": KHOMCHAK, "outlet": "Eastern Dispatch", "text": passage, "stance": "contradicts"}]
    conn.execute(
        "INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ("f1", KYIV_WARY, None, "count_conflict", "open", claim, start, start + len(claim), json.dumps(evidence)),
    )
    conn.commit()
    conn.close()
    return {"db": db, "hostile": hostile["id"], "passage": passage}


@pytest.fixture(scope="module")
def base(ui_store: dict[str, Any], serve: Serve) -> Iterator[str]:
    with serve(create_app(db=ui_store["db"])) as url:
        yield url


def test_web_ui_overview_then_article(page: Any, base: str, artifacts: Path) -> None:
    page.goto(base + "/")
    page.wait_for_selector(".article-list tbody tr")
    assert page.locator(".counts .card").count() >= 8
    assert "No stories yet" in page.locator(".stories").inner_text()
    page.screenshot(path=str(artifacts / "overview.png"), full_page=True)
    page.get_by_role("link", name="Kyiv wary as Russia begins pulling troops back from border").click()
    page.wait_for_selector(".article-text")
    assert page.url.endswith(f"/articles/{KYIV_WARY}")
    text = page.locator(".article-text").inner_text()
    assert "Shoigu said on Thursday" in text.replace("Defence Minister Sergei ", "")
    assert page.locator(".article-text mark.m-person").count() >= 5
    assert page.locator(".article-text mark.role").count() >= 3
    page.screenshot(path=str(artifacts / "article.png"), full_page=True)
    assert page.problems == []


def test_web_ui_flag_is_shown_beside_the_independent_passage(
    page: Any, base: str, artifacts: Path, ui_store: dict[str, Any]
) -> None:
    page.goto(base + "/")
    page.wait_for_selector(".flags li")
    page.locator(".flags li a").first.click()
    page.wait_for_selector(".flag-item")
    assert page.locator(".article-text mark.flag").inner_text() == "28 battalion tactical groups had been deployed"
    item = page.locator(".flag-item")
    assert "count_conflict" in item.inner_text()
    assert ui_store["passage"][:60] in item.locator(".passage blockquote").inner_text()
    item.locator(".passage a").click()
    page.wait_for_selector(".article-text")
    assert page.url.endswith(f"/articles/{KHOMCHAK}")
    page.go_back()
    page.wait_for_selector(".flag-item")
    page.screenshot(path=str(artifacts / "article-flag.png"), full_page=True)
    assert page.problems == []


def test_web_ui_hostile_article_renders_as_text(page: Any, base: str, artifacts: Path, ui_store: dict[str, Any]) -> None:
    page.goto(f"{base}/articles/{ui_store['hostile']}")
    page.wait_for_selector(".article-text")
    assert SCRIPT in page.locator(".article-text").inner_text()
    assert IMG in page.locator(".article-text").inner_text()
    assert SCRIPT in page.locator("h1").inner_text()
    assert page.locator("#app script, #app img, .article-text *:not(mark)").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(base + "/")
    page.wait_for_selector(".article-list tbody tr")
    page.fill("input[name=q]", "typed form")
    page.click(".filters button[type=submit]")
    sync_api.expect(page.locator(".article-list tbody tr")).to_have_count(1)  # our CSP forbids eval polling
    assert SCRIPT in page.locator(".article-list tbody tr").inner_text()
    page.screenshot(path=str(artifacts / "hostile.png"), full_page=True)
    assert page.problems == []  # no alert() dialog fired, no CSP violation reported


@pytest.mark.parametrize(("path", "selector"), [
    ("/timeline", ".empty"), ("/network", ".network-svg circle"), ("/dyad", ".empty"),
])
def test_web_ui_pages_render_without_errors(page: Any, base: str, artifacts: Path, path: str, selector: str) -> None:
    page.goto(base + path)
    page.wait_for_selector(selector)
    if path == "/network":
        assert page.locator(".network-svg .node").count() >= 10
        page.locator(".network-svg .node").first.click()
        assert page.locator(".network-info li").count() >= 1
    page.screenshot(path=str(artifacts / f"{path.strip('/')}.png"), full_page=True)
    assert page.problems == []


def test_web_ui_diff_of_a_rewrite(page: Any, base: str) -> None:
    page.goto(base + "/api/articles?limit=500")
    copies = [a for a in json.loads(page.locator("body").inner_text())["items"] if a["duplicate_of"]]
    page.goto(f"{base}/articles/{copies[0]['id']}")
    page.wait_for_selector(".links button")
    page.locator(".links button").first.click()
    page.wait_for_selector(".diff")
    assert page.locator(".diff").inner_text().strip()
    assert page.problems == []
