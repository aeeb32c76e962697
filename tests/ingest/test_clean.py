"""Tests for sitrep.ingest.clean: gold seeds, example corpus and hand-made cases."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sitrep.eval.cleaning import load_example_pairs, load_seed_pairs, load_truth_dir, score_files
from sitrep.ingest.clean import CleanedText, clean_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED_TRUTH = ROOT / "tests" / "data" / "seed_cleaning_truth.json"
EXAMPLES = ROOT / "examples"
HELDOUT = ROOT / "tests" / "data" / "heldout_dumps"
FLOOR = 0.97
HELDOUT_FLOOR = 0.95  # development figure reached: 1.000 P and R


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


@pytest.mark.skipif(not any(HELDOUT.glob("*.json")), reason="no held-out cleaning truth")
def test_clean_heldout_precision_recall() -> None:
    result = score_files(load_truth_dir(HELDOUT, base=HELDOUT))
    assert result["precision"] >= HELDOUT_FLOOR, result["wrong"]
    assert result["recall"] >= HELDOUT_FLOOR, result["wrong"]


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


def kinds(cleaned: CleanedText) -> list[str]:
    return [label for _, label, _ in cleaned.line_labels]


def test_clean_title_skips_reading_time_listen_and_place_bylines() -> None:
    raw = (
        "Harbour authority bans cruise ships from the old port\n"
        "Greta Holm in Bergen and Ivo Rask in Oslo\n"
        "Reading time: about 4 minutes\n"
        "Listen to this story · 6 min\n\n"
        "The harbour authority said on Thursday that large cruise ships would no longer dock in the old port.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Harbour authority bans cruise ships from the old port"
    assert kinds(cleaned) == ["title", "drop", "drop", "drop", "keep"]
    assert reasons(raw, cleaned)["Greta Holm in Bergen and Ivo Rask in Oslo"] == "byline"


def test_clean_title_shown_twice_after_consent_notice_is_the_title() -> None:
    raw = (
        "Your privacy choices: we store data on your device. Tap Accept to continue.\n"
        "News › Europe › Norway\n\n"
        "Ferry service resumes after winter storms\n"
        "Ferry service resumes after winter storms\n\n"
        "Ferries returned to the fjord routes on Monday after a week of storms kept them in port.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Ferry service resumes after winter storms"
    assert kinds(cleaned) == ["drop", "drop", "title", "drop", "keep"]


def test_clean_labelled_date_is_metadata_but_plain_date_is_kept() -> None:
    raw = (
        "Posted: 4 March 2022, 09:15 CET\n\n"
        "4 March 2022\n\n"
        "The bridge reopened to traffic on Friday after two years of repairs.\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["drop", "keep", "keep"]
    assert cleaned.removed[0].reason == "metadata"


def test_clean_calls_to_action_and_legal_found_inside_short_lines() -> None:
    raw = (
        "The council voted to close the library on Sundays.\n\n"
        "Keep reading for just $2 a month. Cancel anytime.\n\n"
        "Our morning digest lands in your inbox before breakfast.\n\n"
        "The decision takes effect in June.\n\n"
        "97 replies · Join in\n\n"
        "Imprint | Privacy | © 2024 Example Media GmbH\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["keep", "drop", "drop", "keep", "drop", "drop"]
    assert [rm.reason for rm in cleaned.removed] == ["subscribe", "subscribe", "comments", "legal"]


def test_clean_wages_and_prices_in_prose_are_not_subscription_offers() -> None:
    raw = (
        "Dock workers earn about $15 a day, the union said, and want a raise of $3.\n\n"
        "Officials declined to comment on the email sent to staff.\n"
    )
    assert kinds(clean_text(raw)) == ["keep", "keep"]


def test_clean_foreign_latin_script_ui_lines_are_dropped() -> None:
    raw = (
        "Water levels on the river fell overnight, the agency said.\n\n"
        "Compartilhar no Facebook\n"
        "Leggi anche: Il fiume torna a scendere\n"
        "Haberin devamı için tıklayın\n\n"
        "La Paz mayor visits flooded districts\n\n"
        "Residents began clearing mud from their homes on Sunday.\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned)[1:4] == ["drop", "drop", "drop"]
    assert kinds(cleaned)[4:] == ["keep", "keep"]  # a place name is not an interface string


def test_clean_share_row_behind_its_own_label() -> None:
    raw = "Fishing quotas were cut by a tenth.\n\nSend this to a friend:  WhatsApp · Telegram · Email\n"
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["keep", "drop"]
    assert cleaned.removed[0].reason == "share"


def test_clean_headline_glued_to_sentence_without_prefix_is_split() -> None:
    line = "EXPLAINER: How the new toll will be collectedDrivers will pay the charge through an app, the city said."
    raw = "Tolls start in May.\n\n" + line + "\n"
    cleaned = clean_text(raw)
    _, label, keep_from = cleaned.line_labels[1]
    assert label == "split"
    assert line[keep_from:].startswith("Drivers will pay")


def test_clean_brand_names_and_closing_quotes_are_not_glued_seams() -> None:
    raw = (
        "Investors said the AstraZeneca and ExxonMobil results beat forecasts this quarter, analysts said.\n\n"
        'He said he would "not rule out" further cuts to the budget next year.\n'
    )
    assert kinds(clean_text(raw)) == ["keep", "keep"]


def test_clean_list_header_in_list_vocabulary_swallows_glued_headlines() -> None:
    raw = (
        "The mine will close by the end of the year, the company said.\n\n"
        "What readers liked this week\n"
        "Ten walks along the northern coast\n"
        "City plans a second tram line\n\n"
        "About 400 workers will lose their jobs.\n\n"
        "What comes next\n"
        "Unions will meet the company on Monday.\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["keep", "drop", "drop", "drop", "keep", "keep", "keep"]
    assert {rm.reason for rm in cleaned.removed} == {"related_list"}


def test_clean_boxes_glued_to_ad_label_credit_and_newsletter_line() -> None:
    raw = (
        "Snow closed the mountain pass on Tuesday.\n\n"
        "Stay in the know\n"
        "Get our weekly briefing in your inbox.\n"
        "Sign me up\n\n"
        "Sponsored\n"
        "Switch your energy plan and save on winter bills\n\n"
        "Ploughs worked through the night to clear the road.\n\n"
        "A snowplough clears the road near the summit.\n"
        "Photo: Lars Dahl / Example Agency\n\n"
        "The pass is expected to reopen on Thursday, the roads agency said in a statement.\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["keep", "drop", "drop", "drop", "drop", "drop", "keep", "drop", "drop", "keep"]


def test_clean_author_bio_emoji_promo_and_sponsored_by_near_the_end() -> None:
    raw = (
        "The strike ended after the union accepted a pay offer.\n\n"
        "Workers return to the plant on Monday morning.\n\n"
        "Trains will run on a reduced timetable until Wednesday.\n\n"
        "🎙️ Our podcast: the week in ten minutes\n\n"
        "Sponsored by Example Bank\n\n"
        "Mara Lind covers labour and industry for the Example Times from Gothenburg.\n"
    )
    cleaned = clean_text(raw)
    assert kinds(cleaned) == ["keep", "keep", "keep", "drop", "drop", "drop"]
