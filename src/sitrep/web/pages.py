"""HTML pages: server-rendered shells (Jinja2, autoescaped) whose scripts fill them from the JSON API."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from sitrep import __version__
from sitrep.store import views
from sitrep.store.views import ViewConn

__all__ = ["NAV", "page_routes", "render", "templates"]

#: (path, label) of each page in the navigation bar
NAV = (("/", "Overview"), ("/timeline", "Timeline"), ("/network", "Network"), ("/dyad", "Dyads"))
SCRIPTS = ("core.js", "highlight.js", "overview.js", "article.js", "timeline.js", "network.js", "dyad.js",
           "main.js")


@lru_cache(maxsize=1)
def templates() -> Environment:
    return Environment(
        loader=PackageLoader("sitrep.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, *, status: int = 200, **context: object) -> HTMLResponse:
    html = templates().get_template(name).render(
        nav=NAV, scripts=SCRIPTS, version=__version__, report=False, **context
    )
    return HTMLResponse(html, status_code=status)


def _page(view: str, title: str, path: str) -> Route:
    def endpoint(request: Request) -> Response:
        return render("page.html", view=view, title=title, current=path)

    endpoint.__name__ = f"page_{view}"
    return Route(path, endpoint)


def article_page(request: Request) -> Response:
    article_id = str(request.path_params["article_id"])
    pool_view: ViewConn = request.app.state.pool.get()
    detail = views.article_detail(pool_view, article_id) if len(article_id) <= 64 else None
    if detail is None:
        return render("not_found.html", status=404, title="Not found", current="",
                      message=f"No article with id {article_id[:64]}.")
    return render("page.html", view="article", title=detail["title"] or detail["id"], current="",
                  article_id=detail["id"])


def page_routes() -> list[Route]:
    return [
        _page("overview", "Overview", "/"),
        _page("timeline", "Timeline", "/timeline"),
        _page("network", "Actor network", "/network"),
        _page("dyad", "Dyads", "/dyad"),
        Route("/articles/{article_id}", article_page),
    ]
