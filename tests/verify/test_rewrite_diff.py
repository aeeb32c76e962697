"""Rewrite diff on the example corpus's rewrite and syndicated copies, and on small made-up edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.examples import load_examples
from sitrep.model import Article
from sitrep.nlp.layers import Quote, Reading
from sitrep.verify.affiliations import affiliation_conflicts
from sitrep.verify.records import FACT_KINDS, HARMLESS_KINDS, RewriteDiff
from sitrep.verify.rewrite_diff import diff_articles, diff_texts

REWRITE = "articles/global_newsdesk_brussels.txt"
ORIGINAL = "articles/capitol_brief_blinken_brussels.html"
WIRE = "feeds/wire.jsonl#1"
SYNDICATED = ("articles/harbour_post_austin_taran.html", "articles/baltic_observer_austin_taran.txt")
MANIFEST_KINDS = {
    "affiliation_swap": "affiliation_change",
    "actor_target_reversal": "actor_swap",
    "name_corruption": "name_corruption",
    "date_change": "date_change",
    "number_change": "number_change",
}


@pytest.fixture(scope="module")
def examples() -> dict[str, Article]:
    return load_examples()


@pytest.fixture(scope="module")
def rewrite_diff(examples: dict[str, Article]) -> RewriteDiff:
    return diff_articles(examples[ORIGINAL], examples[REWRITE])


def _manifest_edits(examples_dir: Path) -> list[dict[str, str]]:
    entries = json.loads((examples_dir / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in entries if e["file"] == REWRITE)
    edits: list[dict[str, str]] = entry["edits"]
    return edits


def _within(span_start: int, span_end: int, text: str, phrase: str) -> bool:
    at = text.find(phrase)
    assert at >= 0, phrase
    return at <= span_start and span_end <= at + len(phrase)


def test_every_fact_edit_of_the_example_rewrite_is_found_with_its_kind(
    rewrite_diff: RewriteDiff, examples: dict[str, Article], examples_dir: Path
) -> None:
    original, copy = examples[ORIGINAL].text, examples[REWRITE].text
    truth = [e for e in _manifest_edits(examples_dir) if e["kind"] != "harmless"]
    assert len(truth) == 6
    for item in truth:
        kind = MANIFEST_KINDS[item["kind"]]
        hits = [
            e
            for e in rewrite_diff.fact_edits
            if e.kind == kind
            and e.severity == "high"
            and _within(e.copy.start, e.copy.end, copy, item["changed"])
            and _within(e.original.start, e.original.end, original, item["original"])
        ]
        assert hits, f"{item['kind']}: {item['changed']}"
    assert len(rewrite_diff.fact_edits) == len(truth)


def test_harmless_edits_of_the_example_rewrite_are_not_fact_changing(
    rewrite_diff: RewriteDiff, examples: dict[str, Article], examples_dir: Path
) -> None:
    copy = examples[REWRITE].text
    harmless = [e for e in _manifest_edits(examples_dir) if e["kind"] == "harmless"]
    assert len(harmless) == 7
    for item in harmless:
        at = copy.find(item["changed"])
        overlapping = [
            e
            for e in rewrite_diff.edits
            if at <= e.copy.start <= at + len(item["changed"]) or e.copy.start < at < e.copy.end
        ]
        assert overlapping, item["changed"]  # the change is seen ...
        assert all(e.kind in HARMLESS_KINDS for e in overlapping), item["changed"]  # ... and judged harmless


def test_edit_spans_point_into_both_texts(rewrite_diff: RewriteDiff, examples: dict[str, Article]) -> None:
    original, copy = examples[ORIGINAL].text, examples[REWRITE].text
    for edit in rewrite_diff.edits:
        assert original[edit.original.start : edit.original.end] == edit.original.text
        assert copy[edit.copy.start : edit.copy.end] == edit.copy.text
        assert edit.message
    data = rewrite_diff.to_dict()
    assert data["summary"]["sentences_identical"] >= 4
    assert json.loads(json.dumps(data)) == data


def test_the_diff_shows_what_matched_not_a_verdict(rewrite_diff: RewriteDiff) -> None:
    statuses = {p.status for p in rewrite_diff.pairs}
    assert {"identical", "changed", "dropped"} <= statuses
    assert "fake" not in json.dumps(rewrite_diff.to_dict()).casefold()


@pytest.mark.parametrize("key", SYNDICATED)
def test_syndicated_wire_copies_have_no_fact_changing_edit(examples: dict[str, Article], key: str) -> None:
    diff = diff_articles(examples[WIRE], examples[key])
    assert diff.fact_edits == []
    assert diff.matched_share > 0.8


def test_identical_text_has_no_edit(examples: dict[str, Article]) -> None:
    diff = diff_articles(examples[WIRE], examples[WIRE])
    assert diff.edits == []
    assert diff.matched_share == 1.0


@pytest.mark.parametrize(
    ("original", "copy", "kind", "old", "new"),
    [
        (
            "The minister said the talks had not failed.",
            "The minister said the talks had failed.",
            "negation_change",
            "not",
            "",
        ),
        (
            '"We will not send troops for now," the minister said on Friday.',
            '"We will send troops," the minister said on Friday.',
            "quote_qualifier_dropped",
            "for now",
            "",
        ),
        (
            '"We are ready to talk," Zelensky told reporters in Kyiv.',
            '"We are ready to talk," Kuleba told reporters in Kyiv.',
            "quote_speaker_change",
            "Zelensky",
            "Kuleba",
        ),
        (
            "Russia accused NATO of provocations near the border.",
            "NATO accused Russia of provocations near the border.",
            "actor_swap",
            "Russia accused NATO",
            "NATO accused Russia",
        ),
        (
            "U.S. Defense Secretary Lloyd Austin spoke with Taran.",
            "British Defense Secretary Lloyd Austin spoke with Taran.",
            "affiliation_change",
            "U.S.",
            "British",
        ),
        (
            "Washington had provided more than $2 billion in aid.",
            "Washington had provided more than $2 million in aid.",
            "number_change",
            "billion",
            "million",
        ),
        (
            "Three soldiers were wounded on March 26.",
            "Three soldiers were wounded on March 27.",
            "date_change",
            "26",
            "27",
        ),
        (
            "Defence Minister Andrii Taran briefed Austin.",
            "Foreign Minister Andrii Taran briefed Austin.",
            "role_change",
            "Defence",
            "Foreign",
        ),
    ],
)
def test_fact_edit_kinds(original: str, copy: str, kind: str, old: str, new: str) -> None:
    diff = diff_texts(original, copy)
    assert (kind, old, new) in [(e.kind, e.original.text, e.copy.text) for e in diff.fact_edits]
    assert all(e.severity == "high" for e in diff.fact_edits)


@pytest.mark.parametrize(
    ("original", "copy"),
    [
        (
            "Blinken met Kuleba and Stoltenberg in Brussels.",
            "Blinken met Stoltenberg and Kuleba in Brussels.",
        ),
        ("The talks were held in Geneva, officials said.", "Officials said the talks were held in Geneva."),
        (
            "The minister told reporters the border was calm.",
            "The minister told journalists the border was calm.",
        ),
        ("NATO rejected the claim on Tuesday.", "The alliance rejected the claim on Tuesday."),
        ("Austin spoke with Taran, and he pledged support.", "Austin spoke with Taran. He pledged support."),
    ],
)
def test_harmless_rewordings(original: str, copy: str) -> None:
    diff = diff_texts(original, copy)
    assert diff.edits
    assert diff.fact_edits == []


def test_added_sentence_that_contradicts_a_kept_number_is_internal_contradiction() -> None:
    original = "Shoigu said 40,000 troops were moving west. The drills would end in May."
    copy = "Shoigu said 40,000 troops were moving west. The drills would end in May. Officials later put the figure at 4,000 troops."
    diff = diff_texts(original, copy)
    assert [(e.kind, e.original.text, e.copy.text) for e in diff.fact_edits] == [
        ("internal_contradiction", "40,000 troops", "4,000 troops")
    ]


def test_reading_speaker_span_marks_a_speaker_change() -> None:
    original = '"Our doors stay open," Stoltenberg added after the meeting.'
    copy = '"Our doors stay open," Kuleba added after the meeting.'

    def reading(text: str, name: str) -> Reading:
        at = text.index(name)
        quote = Quote(
            1,
            text.index(",") + 1,
            "Our doors stay open,",
            True,
            "e1",
            name,
            at,
            at + len(name),
            "added",
            None,
            None,
        )
        return Reading(quotes=[quote])

    diff = diff_texts(
        original,
        copy,
        reading_original=reading(original, "Stoltenberg"),
        reading_copy=reading(copy, "Kuleba"),
    )
    assert [e.kind for e in diff.fact_edits] == ["quote_speaker_change"]


def test_every_kind_is_declared(rewrite_diff: RewriteDiff) -> None:
    for edit in rewrite_diff.edits:
        assert edit.kind in FACT_KINDS + HARMLESS_KINDS + (
            "content_added",
            "content_dropped",
            "sentence_added",
            "sentence_dropped",
        )


def test_affiliation_conflicts_between_the_example_rewrite_and_its_original(
    examples: dict[str, Article],
) -> None:
    conflicts = affiliation_conflicts(examples[ORIGINAL], examples[REWRITE])
    assert [(e.severity, e.original.text, e.copy.text) for e in conflicts] == [
        ("medium", "Ukrainian Foreign Minister Dmytro Kuleba", "Russian Foreign Minister Dmytro Kuleba")
    ]
    assert affiliation_conflicts(examples[WIRE], examples[SYNDICATED[0]]) == []


def test_public_api() -> None:
    import sitrep.verify

    assert set(sitrep.verify.__all__) >= {"diff_articles", "affiliation_conflicts", "RewriteDiff"}
