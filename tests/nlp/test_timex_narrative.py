"""Date expressions of narrative time: durations, runs of days, "overnight", dates anchored in the sentence.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from sitrep.nlp.layers import Timex
from sitrep.nlp.timex import find_timexes

PUB = "2023-06-25"  # a Sunday


def _find(text: str, span: str, published: str | None = PUB) -> Timex:
    found = [t for t in find_timexes(text, published=published) if span in t.text or t.text in span]
    assert found, find_timexes(text, published=published)
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "precision", "relation", "end_value"),
    [
        ("The ministry had warned for months that stocks were low.", "for months", None, "month", "interval", None),
        ("Traders had been bracing for weeks.", "for weeks", None, "week", "interval", None),
        ("The Kremlin has for two and a half years said otherwise.", "for two and a half years", None, "year", "interval", None),
        ("Rebels fought on Sunday for a third day.", "for a third day", "2023-06-23", "day", "interval", "2023-06-25"),
        ("The mandate was extended by a year.", "a year", None, "year", "interval", None),
        ("It was the gravest crisis in more than two decades.", "more than two decades", None, "decade", "interval", None),
        ("The army said it won in less than 24 hours.", "less than 24 hours", None, "day", "interval", None),
        ("Drones struck the city overnight, officials said.", "overnight", "2023-06-25", "day", "point", None),
        ("The ministry said on Friday that it had struck a depot overnight.", "overnight", "2023-06-23", "day", "point", None),
        ("The mayor said later in the day that roads were open.", "later in the day", "2023-06-25", "day", "point", None),
        ("The mayor told residents that Monday would be a day off.", "Monday", "2023-06-26", "day", "point", None),
        ("In 2020 a war ended with a truce signed in November of that year.", "November of that year", "2020-11", "month", "point", None),
        ("The bridge opened in 2018, four years after the annexation.", "four years after", "2014", "year", "point", None),
        ("It was their largest attack so far.", "so far", None, "day", "until", None),
    ],
)
def test_narrative_time(
    text: str, span: str, value: str | None, precision: str, relation: str, end_value: str | None
) -> None:
    t = _find(text, span)
    assert (t.value, t.precision, t.relation, t.end_value) == (value, precision, relation, end_value)


def test_overnight_next_to_a_day_is_left_to_the_day() -> None:
    found = find_timexes("Russia struck power plants overnight into Friday.", published=PUB)
    assert [t.text for t in found] == ["into Friday"] or [t.text for t in found] == ["Friday"]
