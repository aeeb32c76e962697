"""The coder's speed shortcuts answer what the full computation answers (no timing here).

``find_quantities`` skips a text with no digit and no number word without tokenizing it; the figures of
texts with a number word in any case, hyphenated or in another script's digits are still found.
"""

from __future__ import annotations

import pytest

from sitrep.events.quantities import _tokens, find_quantities, load_quantity_rules


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling killed ٣ soldiers overnight.", {"killed": 3}),  # an Arabic-Indic digit is a digit
        ("Twenty-five soldiers were killed.", {"killed": 25}),
        ("Dozens of protesters were detained.", {"detained": 24}),
        ("Kyiv asked for €50bn in aid.", {"money": {"amount": 50_000_000_000, "currency": "EUR"}}),
        ("Tens of thousands of troops massed near the border.", {}),
        ("The ministers met in Brussels and agreed on new sanctions.", {}),
    ],
)
def test_find_quantities_with_and_without_numbers(sentence: str, expected: dict[str, object]) -> None:
    assert find_quantities(sentence) == expected


def test_text_without_numbers_has_no_number_token() -> None:
    """What the shortcut assumes: with no digit and no number word, no token carries a value."""
    rules = load_quantity_rules()
    text = "Forty-something officials met the envoys of both sides in Geneva on Monday."
    assert all(tok.value is None for tok in _tokens(text, rules))
    assert find_quantities(text) == {}
