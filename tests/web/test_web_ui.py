"""The pages end to end in headless Chromium (Debian's `chromium`, driven by Playwright; no browser downloads).

Screenshots are kept under test-artifacts/web/ (gitignored).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from starlette.types import ASGIApp

from sitrep.web import create_app

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package")

Serve = Callable[[ASGIApp], AbstractContextManager[str]]
KYIV_WARY = "c576e105253db2f7"  # feeds/kyiv_ledger.xml[1]: "Kyiv wary as Russia begins pulling troops back"
SCRIPT = "<script>alert(1)</script>"  # the payloads of conftest's hostile article
IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def base(web_built: dict[str, Any], serve: Serve) -> Iterator[str]:
    with serve(create_app(db=web_built["db"])) as url:
        yield url


def test_web_ui_overview_then_article(page: Any, base: str, artifacts: Path) -> None:
    page.goto(base + "/")
    page.wait_for_selector(".article-list tbody tr")
    page.wait_for_selector(".stories li")
    page.wait_for_selector(".events li .swatch")
    assert page.locator(".counts .card").count() >= 8
    assert "G7 ministers urge Russia to halt troop buildup near Ukraine" in page.locator(".stories").inner_text()
    page.screenshot(path=str(artifacts / "overview.png"), full_page=True)
    page.get_by_role("link", name="Kyiv wary as Russia begins pulling troops back from border").click()
    page.wait_for_selector(".article-text")
    assert page.url.endswith(f"/articles/{KYIV_WARY}")
    assert "Shoigu" in page.locator(".article-text").inner_text()
    assert page.locator(".article-text mark.m-person").count() >= 3
    assert page.locator(".article-text mark.ev").count() >= 1
    assert page.locator(".panel[aria-label=Events] li.event").count() >= 1
    page.screenshot(path=str(artifacts / "article.png"), full_page=True)
    assert page.problems == []


def test_web_ui_flag_is_shown_beside_the_independent_passage(
    page: Any, base: str, artifacts: Path, web_built: dict[str, Any]
) -> None:
    """Overview -> the flagged rewrite -> each flag's claim beside passages from other articles."""
    page.goto(base + "/")
    page.wait_for_selector(".flags li")
    page.locator(".flags li a", has_text="Stoltenbarg").first.click()
    page.wait_for_selector(".flag-item")
    assert page.url.endswith(f"/articles/{web_built['rewrite']}")
    assert "Stoltenbarg" in page.locator(".article-text mark.flag").all_inner_texts()
    name = page.locator(".flag-item", has_text="corrupted_name")
    assert "Stoltenbarg" in name.locator(".claim").inner_text()
    assert "Stoltenberg" in name.locator(".claim-box").inner_text()
    assert "Stoltenberg" in name.locator(".passage blockquote").first.inner_text()
    number = page.locator(".flag-item", has_text="80,000").filter(
        has=page.locator(".pill.flag", has_text=re.compile(r"^number$"))
    )
    assert "80,000" in number.locator(".passage blockquote").first.inner_text()
    affiliation = page.locator(".flag-item", has_text="affiliation")
    assert "Russian" in affiliation.locator(".claim").inner_text()
    assert affiliation.locator(".passage-kb").count() == 1
    assert affiliation.locator(".passage a").count() >= 3
    page.screenshot(path=str(artifacts / "article-flag.png"), full_page=True)
    page.locator(".flags").screenshot(path=str(artifacts / "article-flag-panel.png"))
    evidence = name.locator(".passage a").first
    other = evidence.get_attribute("href").rsplit("/", 1)[1]
    assert other != web_built["rewrite"]
    evidence.click()
    page.wait_for_selector(".article-text")
    assert page.url.endswith(f"/articles/{other}")
    assert "Jens Stoltenberg" in page.locator(".article-text").inner_text()
    page.go_back()
    page.wait_for_selector(".flag-item")
    assert page.problems == []


def test_web_ui_hostile_article_renders_as_text(
    page: Any, base: str, artifacts: Path, web_built: dict[str, Any]
) -> None:
    page.goto(f"{base}/articles/{web_built['hostile']}")
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
    ("/timeline", ".timeline-svg circle"), ("/network", ".network-svg circle"), ("/dyad", ".dyad-svg"),
])
def test_web_ui_pages_render_without_errors(page: Any, base: str, artifacts: Path, path: str, selector: str) -> None:
    page.goto(base + path)
    page.wait_for_selector(selector)
    if path == "/network":
        assert page.locator(".network-svg .node").count() >= 10
        assert "events" in page.locator("main").inner_text()
        page.locator(".network-svg .node circle").first.click()
        assert page.locator(".network-info li").count() >= 1
    if path == "/timeline":
        assert page.locator(".timeline-list > li").count() >= 50
        assert page.locator(".timeline-list .evidence-links a").count() >= 50
        page.fill("input[name=country]", "RUS")
        page.fill("input[name=other]", "UKR")
        page.fill("input[name=type]", "ASSAULT")
        page.click(".filters button[type=submit]")
        api = page.request.get(base + "/api/canonical-events?country=RUS&type=ASSAULT&limit=500").json()["items"]
        expected = [c for c in api if "UKR" in (c["source_country"], c["target_country"])]
        assert expected
        sync_api.expect(page.locator(".timeline-list > li")).to_have_count(len(expected))
        assert all("ASSAULT" in line for line in page.locator(".timeline-list > li").all_inner_texts())
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


def test_web_ui_rewrite_diff_lists_fact_changing_edits_apart(
    page: Any, base: str, artifacts: Path, web_built: dict[str, Any]
) -> None:
    page.goto(f"{base}/articles/{web_built['rewrite']}")
    page.wait_for_selector(".links button")
    page.get_by_role("button", name="Diff against the original").first.click()
    page.wait_for_selector(".fact-edits li")
    facts = page.locator(".fact-edits li").all_inner_texts()
    assert len(facts) >= 6
    assert any("Stoltenbarg" in f for f in facts) and any("8,000" in f for f in facts)
    assert page.locator(".harmless-edits summary").count() == 1  # the rewording is folded away, not listed as facts
    page.screenshot(path=str(artifacts / "rewrite-diff.png"), full_page=True)
    assert page.problems == []
