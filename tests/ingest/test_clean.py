"""Tests for sitrep.ingest.clean: gold seeds, example corpus and hand-made cases."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sitrep.eval.cleaning import load_example_pairs, load_seed_pairs, score_files
from sitrep.ingest.clean import CleanedText, clean_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED_TRUTH = ROOT / "tests" / "data" / "seed_cleaning_truth.json"
EXAMPLES = ROOT / "examples"
FLOOR = 0.97


def labels(cleaned: CleanedText) -> dict[int, str]:
    return {n: label for n, label, _ in cleaned.line_labels}


def reasons(raw: str, cleaned: CleanedText) -> dict[str, str]:
    return {rm.text: rm.reason for rm in cleaned.removed}


# --- gold data -------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_clean_seed_truth_matches_seed_files() -> None:
    truth = json.loads(SEED_TRUTH.read_text(encoding="utf-8"))
    for name, entry in truth.items():
        digest = hashlib.sha256((SHARED / "seeds" / name).read_bytes()).hexdigest()
        assert digest == entry["sha256"], name


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_clean_seeds_precision_recall() -> None:
    result = score_files(load_seed_pairs(SHARED / "seeds", SEED_TRUTH))
    assert result["unlabelled"] == 0
    assert result["precision"] >= FLOOR, result["wrong"]
    assert result["recall"] >= FLOOR, result["wrong"]


@pytest.mark.skipif(
    not any((EXAMPLES / "truth" / "cleaning").glob("*.json")), reason="no example cleaning truth"
)
def test_clean_examples_precision_recall() -> None:
    result = score_files(load_example_pairs(EXAMPLES))
    assert result["precision"] >= FLOOR, result["wrong"]
    assert result["recall"] >= FLOOR, result["wrong"]


# --- hand-made cases -------------------------------------------------------------------------


def test_clean_empty_input() -> None:
    for raw in ("", "\n\n  \n"):
        cleaned = clean_text(raw)
        assert cleaned.text == ""
        assert cleaned.title is None
        assert cleaned.removed == ()
        assert cleaned.line_labels == ()


def test_clean_glued_teaser_is_split_at_the_real_sentence() -> None:
    raw = (
        "Harbour workers strike for a second day in the northern port.\n\n"
        "Read alsoUnions call for talks over port wagesThe strike began on Monday after talks "
        "with the port authority collapsed, a union spokesman said.\n"
    )
    cleaned = clean_text(raw)
    line = raw.split("\n")[2]
    n, label, keep_from = cleaned.line_labels[1]
    assert (n, label) == (3, "split")
    assert line[keep_from:].startswith("The strike began on Monday")
    assert "The strike began on Monday after talks" in cleaned.text
    assert "Unions call for talks" not in cleaned.text
    teaser = next(rm for rm in cleaned.removed if rm.reason == "teaser")
    assert teaser.text == "Read alsoUnions call for talks over port wages"


def test_clean_teaser_line_without_sentence_is_dropped() -> None:
    raw = "The mayor opened the new bridge on Friday.\n\nRead More: Bridge costs double in five years\n"
    cleaned = clean_text(raw)
    assert labels(cleaned) == {1: "keep", 3: "drop"}
    assert cleaned.removed[0].reason == "teaser"


def test_clean_repeated_caption_drops_both_copies() -> None:
    caption = "Rescue teams search the rubble of a collapsed school in the hill town"
    raw = f"Rescue work went on through the night.\n\n{caption}\n{caption}\n\nOfficials said 12 died.\n"
    cleaned = clean_text(raw)
    assert labels(cleaned) == {1: "keep", 3: "drop", 4: "drop", 6: "keep"}
    assert [rm.reason for rm in cleaned.removed] == ["caption_repeat", "caption_repeat"]
    assert caption not in cleaned.text


def test_clean_caption_with_photo_credit_is_dropped() -> None:
    raw = "The minister arrives for talks in the capital. / Photo: Agency\n\nTalks lasted six hours.\n"
    cleaned = clean_text(raw)
    assert labels(cleaned)[1] == "drop"
    assert cleaned.removed[0].reason == "caption"


def test_clean_trailing_headline_list_after_marker() -> None:
    raw = (
        "Flood Waters Rise In River Delta\n\n"
        "Flood waters rose again on Tuesday across the delta, officials said.\n\n"
        "Thousands of families have moved to higher ground.\n\n"
        "More from World\n"
        "Storm season starts early across the Pacific\n"
        "Election count enters third day in coastal state\n"
        "By Jane Roe\n"
        "Central bank holds rates as inflation cools\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Flood Waters Rise In River Delta"
    assert labels(cleaned) == {1: "title", 3: "keep", 5: "keep"} | dict.fromkeys(range(7, 12), "drop")
    assert {rm.reason for rm in cleaned.removed} == {"related_list"}  # the list's byline is not ours
    assert cleaned.text.endswith("moved to higher ground.")


def test_clean_trailing_headline_run_without_marker() -> None:
    raw = (
        "The court adjourned the case until next month.\n\n"
        "Lawyers for both sides declined to comment.\n\n"
        "Storm season starts early across the Pacific\n"
        "Election count enters third day in coastal state\n"
        "Central bank holds rates as inflation cools\n"
    )
    cleaned = clean_text(raw)
    assert [label for _, label, _ in cleaned.line_labels] == ["keep", "keep", "drop", "drop", "drop"]


def test_clean_foreign_script_ui_line_is_dropped() -> None:
    raw = (
        "The council approved the budget on Wednesday after a long debate.\n\n"
        "Смотрите также\n\n"
        "The vote was 31 to 12, the council said in a statement.\n"
    )
    cleaned = clean_text(raw)
    assert labels(cleaned) == {1: "keep", 3: "drop", 5: "keep"}
    assert cleaned.removed[0].reason == "foreign_ui"


def test_clean_keeps_subheading_bullets_and_date() -> None:
    raw = (
        "March 3, 2025\n\n"
        "Ministers met in the capital to discuss grain exports.\n\n"
        "Background\n\n"
        "  • On March 1, the ministry published new export quotas.\n"
        "  • Traders said the quotas were lower than expected.\n"
    )
    cleaned = clean_text(raw)
    assert all(label == "keep" for _, label, _ in cleaned.line_labels)
    assert cleaned.text.split("\n\n") == [
        "March 3, 2025",
        "Ministers met in the capital to discuss grain exports.",
        "Background",
        "• On March 1, the ministry published new export quotas.",
        "• Traders said the quotas were lower than expected.",
    ]


def test_clean_byline_and_credit_are_reported() -> None:
    raw = (
        "Rebels Seize Border Town\n\n"
        "By Maria Lopez and Tom Hale\n\n"
        "Rebel fighters took control of the border town on Sunday, residents said.\n\n"
        "The army said it would retake the town within days.\n\n"
        "With reporting by Agence France-Presse and local media\n"
    )
    cleaned = clean_text(raw)
    found = reasons(raw, cleaned)
    assert found["By Maria Lopez and Tom Hale"] == "byline"
    assert found["With reporting by Agence France-Presse and local media"] == "credit"
    assert "Maria Lopez" not in cleaned.text
    assert "reporting by" not in cleaned.text


def test_clean_navigation_reading_time_title_repeat_comments() -> None:
    raw = (
        "Skip to content\n"
        "Breaking News\n"
        "Drought Hits Wheat Harvest\n\n"
        "4 min read\n"
        "Drought Hits Wheat Harvest\n\n"
        "The wheat harvest fell by a third this year, the farm ministry said on Monday.\n\n"
        "Comments\n"
        "Loading comments...\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Drought Hits Wheat Harvest"
    assert cleaned.text == "The wheat harvest fell by a third this year, the farm ministry said on Monday."
    assert [rm.reason for rm in cleaned.removed] == [
        "accessibility",
        "navigation",
        "reading_time",
        "title_repeat",
        "comments",
        "comments",
    ]


def test_clean_removal_offsets_point_into_raw() -> None:
    raw = (
        "\ufeffAccessibility links\r\n\r\n"
        "Port Reopens After Strike\r\n\r\n"
        "  • 16x9 Image\n"
        "Read alsoDockers vote on new contractThe port reopened on Thursday after a week-long strike.\n"
        "Dockers returned to work at dawn.\n\n"
        "SOURCE: Agencies\n"
        "Explore\n"
        "Markets rally as oil prices fall\n"
        "Heatwave grips southern cities\n"
        "Minister resigns over expenses row\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.removed[0].reason == "accessibility"
    assert cleaned.title == "Port Reopens After Strike"
    for rm in cleaned.removed:
        assert raw[rm.start : rm.end] == rm.text
    lines = raw.split("\n")
    for n, label, keep_from in cleaned.line_labels:
        if label == "split":
            assert lines[n - 1][keep_from:].startswith("The port reopened")


def test_clean_sentences_are_not_mistaken_for_boilerplate() -> None:
    raw = (
        "Also yesterday, the ministry said more troops had arrived.\n\n"
        "More than 500 people were evacuated from the area.\n\n"
        "By the end of the day, the fire was under control.\n\n"
        "Related talks are expected next week, officials said.\n"
    )
    cleaned = clean_text(raw)
    assert all(label == "keep" for _, label, _ in cleaned.line_labels)
    assert cleaned.removed == ()


def test_clean_header_masthead_menu_ticker_and_bare_byline() -> None:
    raw = (
        "VALLEY TIMES\n"
        "News   Sport   Business   Opinion\n"
        "Breaking News\n"
        "Airport closed after heavy snowfall\n\n"
        "Farmers protest against new water rules\n"
        "Anna Berg, Valley Times\n"
        "12 May 2024\n\n"
        "Hundreds of farmers drove tractors into the town centre on Monday.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Farmers protest against new water rules"
    assert [label for _, label, _ in cleaned.line_labels] == ["drop"] * 4 + ["title", "drop", "keep", "keep"]
    assert reasons(raw, cleaned)["Anna Berg, Valley Times"] == "byline"


def test_clean_tail_after_comments_widget_and_cookie_notice() -> None:
    raw = (
        "Ministers agreed a new fishing quota for the northern waters after two days of talks.\n\n"
        "The deal will be reviewed next year, the ministry said in a statement.\n\n"
        "Show comments\n\n"
        "The Valley Times is funded by its readers. Help us keep reporting from the region.\n"
        "This site uses cookies. By continuing you agree to our use of cookies.\n"
    )
    cleaned = clean_text(raw)
    assert [label for _, label, _ in cleaned.line_labels] == ["keep", "keep", "drop", "drop", "drop"]
