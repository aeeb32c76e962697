"""How inputs are read: the caps and network settings every reader takes (:class:`ReadOptions`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadOptions"]


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How inputs are read.

    ``max_bytes`` caps one article: a whole text/HTML/JSON/feed file, a fetched
    URL, one JSON Lines record or one WARC payload. ``timeout`` bounds each
    network operation of a URL fetch. ``allow_private`` lets URLs reach
    private, loopback and link-local addresses.
    """

    allow_private: bool = False
    max_bytes: int = 20_000_000
    timeout: float = 15.0
