"""Errors and rejection codes.

Exception tree::

    SitrepError                 base of everything sitrep raises on purpose
    ├── StoreError              the SQLite store cannot be opened, migrated or written
    ├── UsageError              a caller asked for something impossible (bad format name, ...)
    └── FetchError              a URL could not be fetched (carries a rejection code)

Bad *input* is not an exception: each unreadable file, record or URL becomes a
:class:`sitrep.model.Rejection` with one of the codes in :data:`REJECTION_CODES`,
is stored with its reason, and the batch goes on.
"""

from __future__ import annotations

REJECTION_CODES: dict[str, str] = {
    "binary": "the content is binary, not text",
    "undecodable": "the bytes could not be decoded as text in any detected charset",
    "empty": "the input is empty",
    "no_text": "no article text was left after extraction and cleaning",
    "too_large": "the input is larger than the configured size cap",
    "malformed_json": "the JSON could not be parsed",
    "malformed_record": "the record has no usable `text` or `html` field",
    "malformed_html": "the HTML could not be parsed",
    "malformed_warc": "the WARC file is damaged or not a WARC file",
    "malformed_feed": "the RSS/Atom feed could not be parsed",
    "unreachable": "the URL could not be fetched",
    "http_error": "the server answered with an error status",
    "private_address": "the URL points to a private, loopback or link-local address",
    "permission": "the file or folder could not be read (permission denied)",
    "not_found": "the path does not exist",
    "unsupported": "the input type is not supported",
}


class SitrepError(Exception):
    """Base class of errors raised by sitrep."""


class StoreError(SitrepError):
    """The store could not be opened, migrated or written."""


class UsageError(SitrepError):
    """A caller asked for something that cannot be done (bad option value, unknown id)."""


class FetchError(SitrepError):
    """A URL could not be fetched; ``code`` is a rejection code."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
