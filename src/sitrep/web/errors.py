"""The one error shape of the HTTP API: ``{"error": {"code": ..., "message": ...}}`` with a matching status."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

__all__ = ["ApiError", "error_response"]

#: default code for each HTTP status the API answers with
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    500: "internal",
    503: "unavailable",
}


class ApiError(Exception):
    """An error answered as JSON: ``status`` (HTTP), ``code`` (stable, greppable) and a readable message."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or STATUS_CODES.get(status, "error")
        self.message = message


def error_response(status: int, message: str, *, code: str | None = None) -> Response:
    body = {"error": {"code": code or STATUS_CODES.get(status, "error"), "message": message}}
    headers = {"WWW-Authenticate": 'Bearer realm="sitrep"'} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, ApiError):  # registered for ApiError only
        return error_response(500, "internal error")
    return error_response(exc.status, exc.message, code=exc.code)
