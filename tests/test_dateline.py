"""The one dateline grammar (:mod:`sitrep.dateline`) on hand-made lines and on the example corpus."""

from __future__ import annotations

import pytest

from sitrep.dateline import Dateline, dateline_after_date, line_place, match_dateline
from sitrep.eval.examples import load_examples


def _parts(text: str, found: Dateline | None) -> tuple[str | None, ...] | None:
    if found is None:
        return None
    return tuple(None if span is None else text[span[0] : span[1]] for span in (found.place, found.date, found.outlet))


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("KYIV, Oct 10 (Wire) - Troops crossed.", ("KYIV", "Oct 10", "Wire")),
        ("ST. PETERSBURG, Russia, April 1, 2021 (Atlas Daily) -- Talks ended.", ("ST. PETERSBURG", "April 1, 2021", "Atlas Daily")),
        ("SAN JOSE, Costa Rica (Wire) — Rain fell.", ("SAN JOSE", None, "Wire")),
        ("N'DJAMENA - Troops crossed.", ("N'DJAMENA", None, None)),
        ("  MOSCOW, Aug. 8 – Talks ended.", ("MOSCOW", "Aug. 8", None)),
        ("UN - The council met.", None),  # too short to be a place
        ("Kyiv, Oct 10 (Wire) - Troops crossed.", None),  # a place in title case only with loose=True
        ("KYIV, Oct 10: Troops crossed.", None),  # no dash
        ("NEW\nYORK - Troops crossed.", None),  # a place stays on its line
    ],
)
def test_dateline_parts(line: str, parts: tuple[str | None, ...] | None) -> None:
    assert _parts(line, match_dateline(line)) == parts


def test_dateline_span_starts_at_its_first_word_and_ends_after_its_dash() -> None:
    text = "Title\n  KYIV, Oct 10 (Wire) -- Troops crossed."
    found = match_dateline(text, 5)
    assert found is not None
    assert text[found.start : found.end] == "KYIV, Oct 10 (Wire) --"
    assert match_dateline(text, 5, 20) is None  # endpos cuts the dash off


def test_dateline_loose_place_in_any_case_or_none_and_own_date_pattern() -> None:
    day_month = r"\d{1,2} [A-Z][a-z]+"
    assert _parts("Kyiv, Ukraine, 2 April (Reuters) - x", match_dateline("Kyiv, Ukraine, 2 April (Reuters) - x", date=day_month, loose=True)) == (
        "Kyiv, Ukraine",
        "2 April",
        "Reuters",
    )
    assert _parts("April 2 (Reuters) - x", match_dateline("April 2 (Reuters) - x", loose=True)) == (None, "April 2", "Reuters")
    assert match_dateline("Kyiv, Ukraine, 2 April (Reuters) - x", date=day_month) is None


def test_dateline_after_date() -> None:
    text = "Headline\nMOSCOW, April 13 (Wire) - The minister said on April 12 - or so - that talks went well."
    date = text.index("April 13")
    assert dateline_after_date(text, date, date + len("April 13")) == text.index(" The minister")
    later = text.index("April 12")
    assert dateline_after_date(text, later, later + len("April 12")) is None  # not after the line's place


def test_line_place_before_a_comma_or_dash_even_without_the_rest() -> None:
    text = "Report\nKYIV, the capital, was quiet.\nBEIJING - Talks.\nnot KYIV, here"
    found = []
    pos = 0
    while (m := line_place(text, pos)) is not None:
        found.append(m.group("place"))
        pos = m.end()
    assert found == ["KYIV", "BEIJING"]


def test_dateline_example_wire_stories() -> None:
    articles = load_examples()
    opened = {}
    for key, article in articles.items():
        found = match_dateline(article.text)
        if found is not None:
            opened[key] = _parts(article.text, found)
    assert opened["feeds/wire.jsonl#2"] == ("MOSCOW", "April 13", "Meridian Wire")
    assert opened["feeds/wire.jsonl#3"] == ("ANKARA", "April 15", "Meridian Wire")
    assert all(parts[2] == "Meridian Wire" for parts in opened.values())
