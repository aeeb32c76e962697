"""The PLOVER event ontology with its CAMEO mapping, read from ``data/plover.json``.

>>> onto = load_ontology()
>>> onto.cameo_for("ASSAULT", mode="aerial"), onto.goldstein("ASSAULT", mode="aerial")
('19', -10.0)

``score`` is the PLOVER manual's intensity for a type or mode; ``goldstein`` and
``gdelt_quad_class`` belong to the CAMEO root code the event maps to (GDELT's
Goldstein and QuadClass); ``quad_class`` is PLOVER's own quad (they differ for
CONCEDE: PLOVER verbal cooperation, CAMEO 08 material cooperation).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sitrep.errors import UsageError

__all__ = ["CameoRoot", "EventType", "Ontology", "load_ontology"]


@dataclass(slots=True, frozen=True)
class EventType:
    """One PLOVER event type; ``modes`` maps each mode to its PLOVER score (None where the manual gives none)."""

    name: str
    quad: int
    requires_recipient: bool | str
    score: float
    cameo: str
    modes: dict[str, float | None]
    cameo_by_mode: dict[str, str]


@dataclass(slots=True, frozen=True)
class CameoRoot:
    """A CAMEO root code (two digits) with GDELT's Goldstein value and quad class."""

    code: str
    name: str
    goldstein: float
    gdelt_quad: int
    plover: str | None


class Ontology:
    """Typed read access to the PLOVER/CAMEO data; build it with :func:`load_ontology`."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw["version"]
        self._types: dict[str, EventType] = {
            item["name"]: EventType(
                name=item["name"],
                quad=int(item["quad"]),
                requires_recipient=item["requires_recipient"],
                score=float(item["score"]),
                cameo=item["cameo"],
                modes=dict(item["modes"]),
                cameo_by_mode=dict(item.get("cameo_by_mode", {})),
            )
            for item in raw["types"]
        }
        self._roots: dict[str, CameoRoot] = {
            item["code"]: CameoRoot(
                code=item["code"],
                name=item["name"],
                goldstein=float(item["goldstein"]),
                gdelt_quad=int(item["gdelt_quad"]),
                plover=item["plover"],
            )
            for item in raw["cameo_roots"]
        }
        self.contexts: tuple[str, ...] = tuple(raw["contexts"])
        self.protest_contexts: tuple[str, ...] = tuple(raw["protest_extension_contexts"])
        self.sectors: tuple[str, ...] = tuple(raw["sectors"]["frequent"] + raw["sectors"]["less_frequent"])
        self.non_state_codes: dict[str, str] = dict(raw["non_state_codes"])
        self.partially_recognized: dict[str, str] = dict(raw["partially_recognized"])
        self.auxiliary_modes: tuple[str, ...] = tuple(raw["auxiliary_modes"])
        self._future: dict[str, str] = dict(raw["future_recoding"])
        legacy = raw["legacy_labels"]
        self._legacy_types: dict[str, tuple[str | None, str | None]] = {
            old: (new[0], new[1]) for old, new in legacy["types"].items()
        }
        self._legacy_modes: dict[str, str | None] = dict(legacy["modes"])
        self._legacy_modes_by_type: dict[str, dict[str, str | None]] = {
            key: dict(value) for key, value in legacy["modes_by_type"].items()
        }
        self._legacy_contexts: dict[str, str | None] = dict(legacy["contexts"])
        self.legacy_actor_codes: dict[str, str] = {
            old: new for old, new in legacy.get("actor_codes", {}).items() if not old.startswith("_")
        }

    # -- types and modes ---------------------------------------------------------------------------------
    @property
    def types(self) -> tuple[str, ...]:
        """The 16 PLOVER type names in the manual's order."""
        return tuple(self._types)

    def event_type(self, name: str) -> EventType:
        try:
            return self._types[name]
        except KeyError:
            raise UsageError(f"unknown PLOVER event type {name!r}; known: {', '.join(self._types)}") from None

    def modes_for(self, name: str) -> tuple[str, ...]:
        return tuple(self.event_type(name).modes)

    def _check_mode(self, event: EventType, mode: str | None) -> None:
        if mode is not None and mode not in event.modes:
            raise UsageError(f"{event.name} has no mode {mode!r}; modes: {', '.join(event.modes) or 'none'}")

    def score(self, name: str, *, mode: str | None = None) -> float | None:
        """PLOVER intensity of a type, or of its mode when given (None where the manual lists none)."""
        event = self.event_type(name)
        self._check_mode(event, mode)
        return event.score if mode is None else event.modes[mode]

    def quad_class(self, name: str) -> int:
        """PLOVER quad: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
        return self.event_type(name).quad

    def future_type(self, name: str) -> str:
        """The type a future (intended) event of ``name`` is coded as (CONSULT→AGREE, RETREAT→CONCEDE, ...)."""
        return self._future.get(self.event_type(name).name, name)

    # -- CAMEO ---------------------------------------------------------------------------------------------
    def cameo_for(self, name: str, *, mode: str | None = None) -> str:
        """The CAMEO root code (two digits) an event of this type and mode maps to."""
        event = self.event_type(name)
        self._check_mode(event, mode)
        if mode is not None and mode in event.cameo_by_mode:
            return event.cameo_by_mode[mode]
        return event.cameo

    def cameo_root(self, code: str) -> CameoRoot:
        try:
            return self._roots[code[:2]]
        except KeyError:
            raise UsageError(f"unknown CAMEO root code {code!r}") from None

    def goldstein(self, name: str, *, mode: str | None = None) -> float:
        """GDELT's Goldstein value of the CAMEO root that ``name``/``mode`` maps to."""
        return self.cameo_root(self.cameo_for(name, mode=mode)).goldstein

    def gdelt_quad_class(self, name: str, *, mode: str | None = None) -> int:
        """GDELT's QuadClass (1-4) of the CAMEO root that ``name``/``mode`` maps to."""
        return self.cameo_root(self.cameo_for(name, mode=mode)).gdelt_quad

    # -- legacy (PLOVER v0.5b1) labels ---------------------------------------------------------------------
    def legacy_type(self, old: str) -> tuple[str | None, str | None]:
        """Map an old label to (current type or None for non-events, implied mode or None)."""
        try:
            return self._legacy_types[old.upper()]
        except KeyError:
            raise UsageError(f"unknown PLOVER v0.5b1 label {old!r}") from None

    def legacy_mode(self, new_type: str, old_mode: str | None) -> str | None:
        """Map an old mode name to a mode of ``new_type``; None when it has no counterpart."""
        if not old_mode:
            return None
        mode = old_mode.strip().lower()
        overrides = self._legacy_modes_by_type.get(new_type, {})
        mapped = overrides[mode] if mode in overrides else self._legacy_modes.get(mode, mode)
        return mapped if mapped in self.event_type(new_type).modes else None

    def legacy_contexts(self, old: str | None) -> tuple[str, ...]:
        """Map an old comma-separated context string to current context names (unknown ones dropped)."""
        out: list[str] = []
        for part in (old or "").split(","):
            name = part.strip().lower()
            mapped = self._legacy_contexts.get(name, name)
            if mapped and mapped in self.contexts and mapped not in out:
                out.append(mapped)
        return tuple(out)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged ontology (parsed once per process)."""
    raw = json.loads((files("sitrep") / "data" / "plover.json").read_text(encoding="utf-8"))
    return Ontology(raw)
