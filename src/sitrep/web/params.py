"""Query-string parsing for the API: known names only, typed values, 400 with a readable reason otherwise."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import QueryParams

from sitrep.web.errors import ApiError

__all__ = ["MAX_LIMIT", "Params"]

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class Params:
    """The query parameters of one request, checked against the names an endpoint accepts."""

    def __init__(self, query: QueryParams, allowed: set[str] | frozenset[str]) -> None:
        unknown = sorted(set(query.keys()) - set(allowed) - {"limit", "offset"})
        if unknown:
            raise ApiError(
                400,
                f"unknown parameter {unknown[0]!r}; this endpoint accepts: {', '.join(sorted(allowed)) or 'none'}",
                code="bad_parameter",
            )
        self.query = query

    def text(self, name: str, *, max_len: int = 500) -> str | None:
        value = self.query.get(name)
        if value is None or not value.strip():
            return None
        if len(value) > max_len:
            raise ApiError(400, f"{name} is longer than {max_len} characters", code="bad_parameter")
        return value.strip()

    def required_text(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            raise ApiError(400, f"the {name!r} parameter is required", code="missing_parameter")
        return value

    def integer(self, name: str, *, default: int, minimum: int = 0, maximum: int | None = None) -> int:
        raw = self.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ApiError(400, f"{name} must be an integer, not {raw[:40]!r}", code="bad_parameter") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
            raise ApiError(400, f"{name} must be {bounds}", code="bad_parameter")
        return value

    def limit(self) -> int:
        return self.integer("limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)

    def offset(self) -> int:
        return self.integer("offset", default=0, minimum=0, maximum=10_000_000)

    def day(self, name: str) -> str | None:
        """A YYYY-MM-DD date."""
        raw = self.text(name, max_len=10)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ApiError(400, f"{name} must be a date as YYYY-MM-DD, not {raw!r}", code="bad_parameter") from None

    def boolean(self, name: str) -> bool | None:
        raw = self.text(name, max_len=5)
        if raw is None:
            return None
        lowered = raw.lower()
        if lowered in ("1", "true", "yes"):
            return True
        if lowered in ("0", "false", "no"):
            return False
        raise ApiError(400, f"{name} must be true or false, not {raw!r}", code="bad_parameter")

    def date_range(self) -> tuple[str | None, str | None]:
        since, until = self.day("since"), self.day("until")
        if since and until and since > until:
            raise ApiError(400, f"since ({since}) is after until ({until})", code="bad_parameter")
        return since, until
