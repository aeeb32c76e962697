"""The coded event record: who did what to whom, when and where, with the sentence that says so.

An :class:`Event` is one PLOVER event stated in one sentence of one article. Every field can be
traced: ``sentence_start``/``sentence_end`` and ``start``/``end`` (the trigger span) are character
offsets into ``article.text``. Compound and reciprocal actors ("Biden and Putin") are one record
with several :class:`EventActor` entries. Status flags mark events that are negated, future,
hypothetical or known only as someone's claim; such events are kept, never coded as facts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Event", "EventActor", "Place", "event_id"]


@dataclass(slots=True, frozen=True)
class EventActor:
    """One party to an event: display name, ISO alpha-3 country (or IGO code), PLOVER sector, entity id."""

    name: str
    country: str | None
    sector: str | None
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector, "entity_id": self.entity_id}


@dataclass(slots=True, frozen=True)
class Place:
    """Where an event happened; ``disputed`` marks places whose control is contested (coded under ``country``)."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    disputed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "disputed": self.disputed,
        }


def event_id(article_id: str, sentence_start: int, trigger_start: int) -> str:
    """Stable id of an event: the same article, sentence and trigger always give the same id."""
    digest = hashlib.sha1(f"{article_id}|{sentence_start}|{trigger_start}".encode()).hexdigest()
    return "ev_" + digest[:16]


@dataclass(slots=True, frozen=True)
class Event:
    """One coded event (see the module docstring); build with :func:`sitrep.events.extract.code_events`."""

    id: str
    article_id: str
    type: str
    mode: str | None
    cameo: str
    goldstein: float
    quad: int
    sentence: str
    sentence_start: int
    sentence_end: int
    span: str
    start: int
    end: int
    context: tuple[str, ...] = ()
    actor: tuple[EventActor, ...] = ()
    recipient: tuple[EventActor, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    quantities: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    claim: bool = False

    @property
    def status(self) -> dict[str, bool]:
        return {
            "negated": self.negated,
            "future": self.future,
            "hypothetical": self.hypothetical,
            "claim": self.claim,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (lists for actors, recipients and contexts)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad": self.quad,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "quantities": dict(self.quantities),
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "span": self.span,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 4),
            **self.status,
        }
