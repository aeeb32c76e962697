"""One self-contained HTML file with the same views as the server, to send to someone without sitrep.

The report embeds our own CSS and JavaScript inline and the data as JSON in a
``<script type="application/json">`` block, which browsers never execute. A
Content-Security-Policy meta tag allows exactly the bundled script and style
(by SHA-256 hash) and nothing else: no network access, no other inline code.
The pages read the embedded answers of the same API paths the server would
answer, so each view is the server's view.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from sitrep.errors import UsageError
from sitrep.store import views
from sitrep.store.views import ViewConn, open_readonly
from sitrep.web.api import page_body
from sitrep.web.pages import NAV, SCRIPTS, templates

__all__ = ["DEFAULT_MAX_ARTICLES", "build_report", "report_data", "write_report"]

DEFAULT_MAX_ARTICLES = 1000
_LATER_PATHS = {"events": "/api/events", "canonical_events": "/api/canonical-events", "stories": "/api/stories",
                "flags": "/api/flags"}


def _full_page(page: views.Page, path: str) -> dict[str, Any]:
    return page_body(page, limit=max(len(page.items), 1), offset=0, path=path, query={})


def report_data(view: ViewConn, *, max_articles: int = DEFAULT_MAX_ARTICLES, max_rows: int = 20_000) -> dict[str, Any]:
    """The API answers the report's pages ask for, keyed by path: the newest ``max_articles`` articles in full."""
    api: dict[str, Any] = {"/api/stats": views.stats(view)}
    outlets = views.outlets(view)
    api["/api/outlets"] = {"items": outlets, "total": len(outlets), "limit": len(outlets), "offset": 0,
                           "next": None, "previous": None}
    articles = views.list_articles(view, limit=max_articles)
    api["/api/articles"] = _full_page(articles, "/api/articles")
    for item in articles.items:
        api[f"/api/articles/{item['id']}"] = views.article_detail(view, item["id"])
    api["/api/actors"] = _full_page(views.actors(view, limit=1000), "/api/actors")
    for table, path in _LATER_PATHS.items():
        api[path] = _full_page(views.list_rows(view, table, limit=max_rows), path)
    api["/api/network"] = views.network(view)
    api["/api/dyad"] = {"pairs": [views.dyad(view, a, b) for a, b in views.dyad_pairs(view)]}
    return {"api": api, "articles_total": articles.total, "articles_included": len(articles.items)}


def _asset(name: str) -> str:
    return files("sitrep.web").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _embedded_json(data: Any) -> str:
    """JSON that cannot end its <script> block or open a comment: <, >, & and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def build_report(db: Path, *, max_articles: int = DEFAULT_MAX_ARTICLES, title: str = "sitrep report") -> str:
    """The report HTML for the store at ``db``."""
    view = open_readonly(db)
    try:
        data = report_data(view, max_articles=max_articles)
    finally:
        view.close()
    css = _asset("sitrep.css")
    js = "\n".join(_asset(name) for name in SCRIPTS)
    if "</style" in css.lower() or "</script" in js.lower():
        raise UsageError("a bundled asset contains a closing tag and cannot be inlined")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return templates().get_template("report.html").render(
        report=True, nav=NAV, title=title, current="/", css=css, js=js, csp=csp, generated=generated,
        data=_embedded_json(data),
    )


def write_report(db: Path, out: Path, *, max_articles: int = DEFAULT_MAX_ARTICLES) -> dict[str, Any]:
    """Write the report to ``out``; return what it holds (articles included and in all, bytes)."""
    html = build_report(db, max_articles=max_articles)
    out.write_text(html, encoding="utf-8")
    view = open_readonly(db)
    try:
        total = views.list_articles(view, limit=1).total
    finally:
        view.close()
    return {"path": str(out), "bytes": len(html.encode("utf-8")), "articles": min(total, max_articles),
            "articles_total": total}
