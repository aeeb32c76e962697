"""Figures stated in event sentences (sitrep.events.quantities)."""

from __future__ import annotations

import pytest

from sitrep.events.quantities import find_quantities, load_quantity_rules, quantities_for_type


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling killed four soldiers and wounded two others.", {"killed": 4, "injured": 2}),
        ("Officials said five killed and 26 wounded in the strike.", {"killed": 5, "injured": 26}),
        ("Three border guards were killed overnight.", {"killed": 3}),
        ("The raid left at least seven people dead.", {"killed": 7}),
        ("The army has more than 100,000 troops near the frontier.", {"troops": 100000}),
        ("Moscow massed 80,000 troops and 28 battalion tactical groups.", {"troops": 80000, "units": 28}),
        ("The country expelled 10 foreign diplomats.", {"diplomats": 10}),
        ("Lawmakers approved $61bn in military aid.", {"money": {"amount": 61000000000, "currency": "USD"}}),
        ("The $95 billion package passed.", {"money": {"amount": 95000000000, "currency": "USD"}}),
        ("Brussels pledged €1.5 billion.", {"money": {"amount": 1500000000, "currency": "EUR"}}),
        ("Police detained more than 1,700 people at rallies.", {"detained": 1700}),
        ("Some twenty-five warships sailed out.", {"warships": 25}),
        ("The war began in 2014 and flared in 2021.", {}),
        # a day of the month is not a count: "On March 26, ... killed four"
        ("On March 26, shelling killed four soldiers near the village.", {"killed": 4}),
        ("By 1 May some 300 troops had left the range.", {"troops": 300}),
        ("As many as 20 may have been killed in the raid.", {"killed": 20}),
        # a vague amount of a vague amount states no figure ("tens of thousands" is not 2,000)
        ("Russia has moved tens of thousands of troops to the border.", {}),
        ("Hundreds of thousands of people were displaced and 12 were killed.", {"killed": 12}),
        ("Thousands of troops took part.", {"troops": 2000}),
    ],
)
def test_find_quantities(sentence: str, expected: dict[str, object]) -> None:
    assert find_quantities(sentence) == expected


def test_quantities_go_to_matching_event_types() -> None:
    found = find_quantities("Shelling killed four soldiers as 10 diplomats were expelled.")
    assert quantities_for_type(found, "ASSAULT") == {"killed": 4}
    assert quantities_for_type(found, "SANCTION") == {"diplomats": 10}
    assert quantities_for_type(found, "CONSULT") == {}


def test_rules_are_versioned() -> None:
    assert load_quantity_rules().version
