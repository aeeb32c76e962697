"""The ASGI app: JSON API under ``/api``, HTML pages, bundled static assets, security headers.

``create_app(db=...)`` serves one store read-only; with ``ingest_token`` it
also accepts ``POST /api/ingest``. Run it with ``sitrep serve`` or any ASGI
server (``uvicorn --factory``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from sitrep.web.api import api_routes
from sitrep.web.connections import ConnectionPool
from sitrep.web.errors import ApiError, api_error_handler, error_response
from sitrep.web.ingest import IngestGate, ingest_endpoint
from sitrep.web.openapi import openapi_document
from sitrep.web.pages import page_routes, render
from sitrep.web.security import SecurityHeaders

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 5_000_000


def _openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())


def _api_index(request: Request) -> Response:
    return JSONResponse({"openapi": "/api/openapi.json", "paths": sorted(openapi_document()["paths"])})


def _favicon(request: Request) -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api") or status not in (404,):
        message = {404: f"no such endpoint: {request.url.path}", 405: f"{request.method} is not allowed here"}
        return error_response(status, message.get(status, str(detail)))
    return render("not_found.html", status=404, title="Not found", current="",
                  message=f"There is no page at {request.url.path}.")


async def _server_error(request: Request, exc: Exception) -> Response:
    log.error("error answering %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error")


def create_app(*, db: Path, ingest_token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> ASGIApp:
    """The sitrep web app over the store at ``db`` (``StoreError`` when it cannot be opened)."""
    pool = ConnectionPool(Path(db))
    gate = IngestGate(Path(db), token=ingest_token or None, max_body=max_body)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.warm()
        yield
        pool.close()
        gate.close()

    routes = [
        *api_routes(),
        Route("/api", _api_index),
        Route("/api/openapi.json", _openapi),
        Route("/api/ingest", ingest_endpoint, methods=["POST"]),
        *page_routes(),
        Route("/favicon.ico", _favicon),
        Mount("/static", app=StaticFiles(packages=[("sitrep.web", "static")]), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={ApiError: api_error_handler, HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.ingest = gate
    return app
