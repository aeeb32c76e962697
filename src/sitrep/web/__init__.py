"""sitrep.web: the HTTP API, the analyst pages and the static report."""

from sitrep.web.app import create_app

__all__ = ["create_app"]
