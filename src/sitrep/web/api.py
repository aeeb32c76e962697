"""JSON endpoints: thin handlers that parse parameters, call :mod:`sitrep.store.views` and shape the answer.

Handlers are plain functions; Starlette runs them in its thread pool, and each
thread reads through its own read-only connection. Lists share one shape,
``{"items", "total", "limit", "offset", "next", "previous"}``; new keys may
appear, existing ones keep their meaning.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sitrep.errors import UsageError
from sitrep.store import views
from sitrep.store.views import Page, ViewConn
from sitrep.verify.rewrite_diff import diff_texts
from sitrep.web.errors import ApiError
from sitrep.web.params import Params

__all__ = ["LATER_FILTERS", "api_routes", "page_body"]

#: query filters of the later-stage lists (events, canonical events, stories, flags)
LATER_FILTERS: dict[str, frozenset[str]] = {table: frozenset(f) for table, f in views.TABLE_FILTERS.items()}


def _view(request: Request) -> ViewConn:
    view: ViewConn = request.app.state.pool.get()
    return view


def page_body(page: Page, *, limit: int, offset: int, path: str, query: dict[str, str]) -> dict[str, Any]:
    """The list shape; ``next``/``previous`` are relative links, or None at either end."""

    def link(to: int) -> str:
        params = {**query, "limit": str(limit), "offset": str(to)}
        return f"{path}?{urlencode(params)}"

    body: dict[str, Any] = {
        "items": page.items,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < page.total else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
    }
    body.update(page.extra)
    return body


def _page_response(request: Request, page: Page, params: Params) -> Response:
    query = {k: v for k, v in request.query_params.items() if k not in ("limit", "offset")}
    return JSONResponse(
        page_body(page, limit=params.limit(), offset=params.offset(), path=request.url.path, query=query)
    )


def list_articles(request: Request) -> Response:
    params = Params(request.query_params, {"since", "until", "outlet", "source", "language", "q"})
    since, until = params.date_range()
    page = views.list_articles(
        _view(request),
        since=since,
        until=until,
        outlet=params.text("outlet"),
        source=params.text("source", max_len=2000),
        language=params.text("language", max_len=8),
        q=params.text("q"),
        limit=params.limit(),
        offset=params.offset(),
    )
    return _page_response(request, page, params)


def get_article(request: Request) -> Response:
    Params(request.query_params, set())
    article_id = str(request.path_params["article_id"])
    detail = views.article_detail(_view(request), article_id) if len(article_id) <= 64 else None
    if detail is None:
        raise ApiError(404, f"no article with id {article_id[:64]!r}", code="article_not_found")
    return JSONResponse(detail)


def get_diff(request: Request) -> Response:
    """The rewrite diff of an article against another (its original, or a copy of it)."""
    params = Params(request.query_params, {"against"})
    against = params.required_text("against")
    view = _view(request)
    texts = []
    for wanted in (against, str(request.path_params["article_id"])):
        found = views.article_text(view, wanted) if len(wanted) <= 64 else None
        if found is None:
            raise ApiError(404, f"no article with id {wanted[:64]!r}", code="article_not_found")
        texts.append(found)
    original, copy = texts
    diff = diff_texts(original["text"], copy["text"], original_id=original["id"], copy_id=copy["id"])
    body = diff.to_dict()
    body["fact_edits"] = sum(1 for e in diff.edits if e.fact_changing)
    body["original"] = {k: original[k] for k in ("id", "outlet", "title", "published")}
    body["copy"] = {k: copy[k] for k in ("id", "outlet", "title", "published")}
    return JSONResponse(body)


def search(request: Request) -> Response:
    params = Params(request.query_params, {"q"})
    page = views.search(
        _view(request), params.required_text("q"), limit=params.limit(), offset=params.offset()
    )
    return _page_response(request, page, params)


#: a list's filters: name -> the longest accepted value, or None for a yes/no filter
_Filters = dict[str, int | None]


def _listing(name: str, fetch: Any, filters: _Filters) -> Any:
    """A list handler that reads ``filters`` from the query and passes them to ``fetch`` as keywords."""

    def handler(request: Request) -> Response:
        params = Params(request.query_params, set(filters))
        values: dict[str, Any] = {
            key: params.boolean(key) if max_len is None else params.text(key, max_len=max_len)
            for key, max_len in filters.items()
        }
        page = fetch(_view(request), **values, limit=params.limit(), offset=params.offset())
        return _page_response(request, page, params)

    handler.__name__ = name
    return handler


list_actors = _listing("list_actors", views.actors, {"q": 500, "country": 8, "label": 16})
list_roles = _listing("list_roles", views.roles, {"person": 500, "country": 8, "article": 64})
list_mentions = _listing("list_mentions", views.mentions, {"text": 500, "label": 16, "article": 64})
list_quotes = _listing("list_quotes", views.quotes, {"speaker": 500, "article": 64, "direct": None})


def _later(table: str) -> Any:
    allowed = LATER_FILTERS[table]

    def handler(request: Request) -> Response:
        params = Params(request.query_params, allowed)
        filters: dict[str, str] = {}
        since, until = params.date_range() if "since" in allowed else (None, None)
        for name in sorted(allowed):
            if name in ("since", "until"):
                value = {"since": since, "until": until}[name]
            else:
                value = params.text(name, max_len=64 if name in ("article", "story") else 500)
            if value is not None:
                filters[name] = value
        try:
            page = views.list_rows(
                _view(request), table, filters=filters, limit=params.limit(), offset=params.offset()
            )
        except UsageError as e:
            raise ApiError(400, str(e), code="bad_filter") from e
        return _page_response(request, page, params)

    handler.__name__ = f"list_{table}"
    return handler


def get_network(request: Request) -> Response:
    params = Params(request.query_params, {"max_nodes", "min_weight"})
    return JSONResponse(
        views.network(
            _view(request),
            max_nodes=params.integer("max_nodes", default=60, minimum=2, maximum=300),
            min_weight=params.integer("min_weight", default=1, minimum=1),
        )
    )


def get_dyad(request: Request) -> Response:
    params = Params(request.query_params, {"a", "b"})
    a, b = params.required_text("a"), params.required_text("b")
    if len(a) > 8 or len(b) > 8:
        raise ApiError(400, "a and b are country codes (ISO 3166 alpha-3, or NATO, EU, ...)", code="bad_parameter")
    return JSONResponse(views.dyad(_view(request), a, b))


def get_stats(request: Request) -> Response:
    Params(request.query_params, set())
    return JSONResponse(views.stats(_view(request)))


def list_outlets(request: Request) -> Response:
    Params(request.query_params, set())
    items = views.outlets(_view(request))
    return JSONResponse({"items": items, "total": len(items), "limit": len(items), "offset": 0, "next": None,
                         "previous": None})


def api_routes() -> list[Route]:
    """Every GET route of the API (ingest and the OpenAPI document are added by the app)."""
    return [
        Route("/api/articles", list_articles),
        Route("/api/articles/{article_id}", get_article),
        Route("/api/articles/{article_id}/diff", get_diff),
        Route("/api/search", search),
        Route("/api/actors", list_actors),
        Route("/api/roles", list_roles),
        Route("/api/mentions", list_mentions),
        Route("/api/quotes", list_quotes),
        Route("/api/events", _later("events")),
        Route("/api/canonical-events", _later("canonical_events")),
        Route("/api/stories", _later("stories")),
        Route("/api/flags", _later("flags")),
        Route("/api/network", get_network),
        Route("/api/dyad", get_dyad),
        Route("/api/stats", get_stats),
        Route("/api/outlets", list_outlets),
    ]
