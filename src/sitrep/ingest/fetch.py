"""The network seam: the only module that imports httpx.

:class:`Fetcher` GETs one URL at a time with a timeout, a streaming size cap
and at most ``max_redirects`` redirects, which it follows itself so that every
hop is checked. Before each connection the host is resolved and the request is
refused when any of its addresses is private, loopback, link-local,
multicast, reserved or unspecified (unless private addresses are allowed).
Every failure is a :class:`sitrep.errors.FetchError` carrying a rejection code.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.errors import FetchError

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Each connect/read/write waits at most ``timeout``; the whole fetch, redirects included, this many times it.
_TOTAL_TIMEOUT_FACTOR = 4


def is_public_address(ip: IPAddress) -> bool:
    """True for a globally routable unicast address; False for anything sitrep must not reach by default."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        not (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        )
        and ip.is_global
    )


@dataclass(slots=True, frozen=True)
class Fetched:
    """A successful response: the final URL after redirects, its content type and the body."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class Fetcher:
    """GETs URLs with the checks above. Use as a context manager, or call :meth:`close`.

    ``address_allowed`` decides which resolved addresses may be contacted; it
    defaults to :func:`is_public_address` (or to anything, with
    ``allow_private``).
    """

    def __init__(
        self,
        *,
        timeout: float = 15.0,
        max_bytes: int = 20_000_000,
        allow_private: bool = False,
        max_redirects: int = 5,
        address_allowed: Callable[[IPAddress], bool] | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        if address_allowed is None:
            address_allowed = (lambda _ip: True) if allow_private else is_public_address
        self.address_allowed = address_allowed
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            # trust_env=False: no proxy or .netrc from the environment, so the address
            # check below is about the host actually contacted.
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def check_url(self, url: str) -> None:
        """Raise FetchError unless ``url`` is http(s) and every address of its host is allowed."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise FetchError("unsupported", f"{url}: only http and https URLs can be fetched")
        host = parts.hostname
        if not host:
            raise FetchError("unsupported", f"{url}: the URL has no host")
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            raise FetchError("unsupported", f"{url}: the port is not valid") from None
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError("unreachable", f"{url}: cannot resolve the host {host!r} ({exc})") from None
        for info in infos:
            address = str(info[4][0]).split("%", 1)[0]
            try:
                ip = ipaddress.ip_address(address)
            except ValueError:
                continue
            if not self.address_allowed(ip):
                raise FetchError(
                    "private_address",
                    f"{url}: {host} resolves to {ip}, a private, loopback or reserved address",
                )

    def fetch(self, url: str) -> Fetched:
        """GET ``url``, following redirects; raises FetchError with a rejection code."""
        deadline = time.monotonic() + self.timeout * _TOTAL_TIMEOUT_FACTOR
        current = url
        for _hop in range(self.max_redirects + 1):
            self.check_url(current)
            try:
                with self._http().stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = urljoin(str(response.url), response.headers["location"])
                        log.debug("%s redirects to %s", current, target)
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            "http_error",
                            f"{current}: HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                        )
                    if response.status_code >= 300:
                        raise FetchError(
                            "http_error", f"{current}: HTTP {response.status_code} without a usable redirect"
                        )
                    body = self._read_capped(response, current, deadline)
                    mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    charset = response.charset_encoding
                    return Fetched(str(response.url), response.status_code, mime, charset, body)
            except httpx.TimeoutException as exc:
                raise FetchError("unreachable", f"{current}: timed out ({type(exc).__name__})") from None
            except httpx.InvalidURL as exc:
                raise FetchError("unsupported", f"{current}: invalid URL ({exc})") from None
            except httpx.HTTPError as exc:
                raise FetchError("unreachable", f"{current}: {type(exc).__name__}: {exc}") from None
        raise FetchError("http_error", f"{url}: more than {self.max_redirects} redirects")

    def _read_capped(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                "too_large",
                f"{url}: the response is {int(declared):,} bytes, over the {self.max_bytes:,}-byte cap",
            )
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchError("too_large", f"{url}: the response is over the {self.max_bytes:,}-byte cap")
            if time.monotonic() > deadline:
                raise FetchError("unreachable", f"{url}: the download took too long")
        return bytes(body)
