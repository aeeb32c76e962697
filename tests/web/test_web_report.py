"""`sitrep report` (one self-contained HTML file) and `sitrep serve` (the real command, in a subprocess)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from sitrep.cli.report import report_command
from sitrep.cli.serve import serve_command


@pytest.fixture(scope="module")
def report_store(tmp_path_factory: pytest.TempPathFactory, web_built: dict[str, Any]) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(report_command, ["--db", str(web_built["db"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return {"html": out, **web_built, "id": web_built["hostile"]}


def _inline(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)


def test_web_report_is_one_file_with_a_hash_pinned_csp(report_store: dict[str, Any]) -> None:
    html = report_store["html"].read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = csp.group(1).replace("&#39;", "'")
    (script,) = _inline(html, "script")  # exactly one executable script: ours
    (style,) = _inline(html, "style")
    for text, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)  # nothing loaded from anywhere
    assert report_store["script"] not in html and report_store["img"] not in html  # payloads only escaped
    data = re.search(r'<script type="application/json" id="sitrep-data">(.*?)</script>', html, flags=re.S)
    assert data is not None
    api = json.loads(data.group(1))["api"]
    assert api[f"/api/articles/{report_store['id']}"]["title"] == f"Breaking {report_store['script']} news"
    assert api["/api/stats"]["articles"] == api["/api/articles"]["total"] == len(api["/api/articles"]["items"])
    flags = api[f"/api/articles/{report_store['rewrite']}"]["flags"]
    assert {"affiliation", "corrupted_name", "number"} <= {f["kind"] for f in flags}
    assert api["/api/canonical-events"]["total"] == len(api["/api/canonical-events"]["items"]) > 0
    assert api["/api/network"]["basis"] == "events" and api["/api/dyad"]["pairs"]


def test_web_report_opens_offline_in_chromium(page: Any, report_store: dict[str, Any], artifacts: Path) -> None:
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    page.goto(report_store["html"].as_uri())
    page.wait_for_selector(".article-list tbody tr")
    page.screenshot(path=str(artifacts / "report-overview.png"), full_page=True)
    page.get_by_role("link", name="Kyiv wary as Russia begins pulling troops back from border").click()
    page.wait_for_selector(".article-text mark.m-person")
    assert "Shoigu" in page.locator(".article-text").inner_text()
    page.goto(report_store["html"].as_uri() + f"#/articles/{report_store['id']}")
    page.wait_for_selector(".article-text")
    assert report_store["script"] in page.locator(".article-text").inner_text()
    assert page.locator("#app img, #app script").count() == 0
    page.goto(report_store["html"].as_uri() + f"#/articles/{report_store['rewrite']}")
    page.wait_for_selector(".flag-item .passage blockquote")
    assert "Stoltenbarg" in page.locator(".flags").inner_text()
    for name, selector in (("Network", ".network-svg circle"), ("Timeline", ".timeline-svg circle"),
                           ("Dyads", ".dyad-svg")):
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_selector(selector)
    page.screenshot(path=str(artifacts / "report-dyad.png"), full_page=True)
    assert page.problems == []


def test_web_serve_command_serves_and_ingests_with_a_token(web_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "serve.db"
    shutil.copy(web_store, db)
    sock = __import__("socket").socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    code = "from sitrep.cli.serve import serve_command; serve_command()"
    env = {**os.environ, "SITREP_TEST_TOKEN": "a-long-enough-token"}
    args = [sys.executable, "-c", code, "--db", str(db), "--port", str(port), "--ingest-token-env", "SITREP_TEST_TOKEN"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                stats = httpx.get(f"{base}/api/stats").json()
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        headers = {"authorization": "Bearer a-long-enough-token", "content-type": "text/plain"}
        text = "Negotiators met again on Thursday near the border and agreed to keep talking next week, officials said."
        created = httpx.post(f"{base}/api/ingest", content=text.encode(), headers=headers)
        assert created.status_code == 201, created.text
        assert httpx.get(f"{base}/api/stats").json()["articles"] == stats["articles"] + 1
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_web_serve_command_errors_say_how_to_fix(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(serve_command, ["--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "sitrep run" in missing.output
    (tmp_path / "x.db").write_bytes(b"")
    no_token = runner.invoke(serve_command, ["--db", str(tmp_path / "x.db"), "--ingest-token-env", "SITREP_UNSET_VAR"])
    assert no_token.exit_code == 1 and "SITREP_UNSET_VAR" in no_token.output
