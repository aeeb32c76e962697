"""Date expressions: each kind the issue lists, the traps (verbs, ages, clock times), and the scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.eval.examples import load_examples
from sitrep.eval.timex import load_gold, score, score_seeds
from sitrep.nlp.layers import Sentence, Timex
from sitrep.nlp.timex import find_timexes, timex_version

PUB = "2021-04-01"  # a Thursday


def one(text: str, published: str | None = PUB) -> Timex:
    found = find_timexes(text, published=published)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start : t.end] == t.text
    return t


@pytest.mark.parametrize(
    ("text", "published", "span", "value", "precision", "relation", "end_value"),
    [
        ("They spoke on Thursday, April 1, by phone.", PUB, "Thursday, April 1", "2021-04-01", "day", "point", None),
        ("He raised the March 26 tragic events.", PUB, "March 26", "2021-03-26", "day", "point", None),
        ("Khomchak told lawmakers on Tuesday that...", PUB, "Tuesday", "2021-03-30", "day", "point", None),
        ("Peskov said on Thursday that...", PUB, "Thursday", "2021-04-01", "day", "point", None),
        ("a package announced last month", PUB, "last month", "2021-03", "month", "point", None),
        ("aid since 2014, the readout said", PUB, "since 2014", "2014", "year", "since", PUB),
        ("an agreement reached in July of last year", PUB, "July of last year", "2020-07", "month", "point", None),
        (
            "the second call over the past 1.5 months",
            "2021-04-20",
            "over the past 1.5 months",
            "2021-03",
            "month",
            "interval",
            "2021-04",
        ),
        ("Belousov, who was appointed in May.", "2024-06-26", "May", "2024-05", "month", "point", None),
        ("A ceasefire agreed last July had held.", PUB, "last July", "2020-07", "month", "point", None),
        ("The deadliest since last summer's truce.", PUB, "last summer", "2020-SU", "season", "point", None),
        ("Fighting broke out in spring 2014.", PUB, "spring 2014", "2014-SP", "season", "point", None),
        ("27 March 2021", PUB, "27 March 2021", "2021-03-27", "day", "point", None),
        ("It was signed on 2021-03-30 in Kyiv.", None, "2021-03-30", "2021-03-30", "day", "point", None),
        ("Kirby told reporters this week.", PUB, "this week", "2021-W13", "week", "point", None),
        ("They were notified last week.", PUB, "last week", "2021-W12", "week", "point", None),
        ("It happened yesterday.", PUB, "yesterday", "2021-03-31", "day", "point", None),
        ("It happened three weeks ago.", PUB, "three weeks ago", "2021-W10", "week", "point", None),
        ("Troops are now deployed.", PUB, "now", PUB, "day", "point", None),
        ("Units must be back by May 1, he said.", "2021-04-22", "by May 1", "2021-05-01", "day", "until", None),
        ("They will stay until early May.", "2021-04-15", "until early May", "2021-05", "month", "until", None),
        ("Bonds are barred from mid-June.", "2021-04-15", "from mid-June", "2021-06", "month", "since", None),
        ("Violations rose since the start of the year.", PUB, "since the start of the year", "2021", "year", "since", PUB),
        ("He spoke at the end of last month.", PUB, "the end of last month", "2021-03", "month", "point", None),
        ("the largest since the 1990s", PUB, "since the 1990s", "199", "decade", "since", PUB),
        ("the 1936 Montreux Convention", PUB, "1936", "1936", "year", "point", None),
        ("the war of 2014-2016", PUB, "2014-2016", "2014", "year", "interval", "2016"),
        ("talks from March 1 to March 5", PUB, "from March 1 to March 5", "2021-03-01", "day", "interval", "2021-03-05"),
        ("Shoigu said a buildup began in recent weeks.", PUB, "recent weeks", None, "week", "interval", None),
        ("his second visit in less than a month", "2021-04-13", "in less than a month", "2021-03", "month", "interval", "2021-04"),
        ("troops will be stationed there by the autumn", "2021-04-14", "by the autumn", "2021-FA", "season", "until", None),
        ("Russia plans to close it from Saturday until the end of October.", "2021-04-22",
         "from Saturday until the end of October", "2021-04-24", "day", "interval", "2021-10"),
        ("the arms would arrive within days", PUB, "within days", None, "day", "interval", None),
        ("it came less than three weeks after the arrest", PUB, "less than three weeks after", None, "week", "interval", None),
        ("Washington notified Ankara last week that...", "2021-04-15", "last week", "2021-W14", "week", "point", None),
        ("which Biden froze in February", "2021-04-14", "February", "2021-02", "month", "point", None),
    ],
)
def test_issue_expression_kinds(
    text: str,
    published: str | None,
    span: str,
    value: str | None,
    precision: str,
    relation: str,
    end_value: str | None,
) -> None:
    t = one(text, published)
    assert (t.text, t.value, t.precision, t.relation, t.end_value) == (span, value, precision, relation, end_value)


def test_future_context_picks_the_next_date() -> None:
    assert one("Kuleba is due to travel to Brussels on Tuesday.", "2021-04-12").value == "2021-04-13"
    assert one("The summit will be held in May.", "2021-06-10").value == "2022-05"
    assert one("an exercise planned for September", "2021-04-22").value == "2021-09"
    assert one("He said on Tuesday that...", "2021-04-14").value == "2021-04-13"


def test_reference_time_expressions_follow_the_last_explicit_date() -> None:
    text = "On March 30, Khomchak warned parliament. Four soldiers had died four days earlier. On April 13, Biden called Putin, and two days later sanctions followed. The call came a day after the G7 statement."
    found = {t.text: t.value for t in find_timexes(text, published="2021-04-23")}
    assert found["four days earlier"] == "2021-03-26"
    assert found["two days later"] == "2021-04-15"
    assert found["a day after"] == "2021-04-12"


def test_weekday_that_disagrees_with_its_date_is_reported_not_fixed() -> None:
    t = one("They met on Friday, April 1, 2021.")
    assert t.value == "2021-04-01"
    assert t.warning is not None and "Thursday" in t.warning
    assert one("They met on Thursday, April 1, 2021.").warning is None


def test_without_publication_date_relative_values_are_none() -> None:
    found = find_timexes(
        "On Tuesday he recalled the events of July 2020, last month and since 2014.", published=None
    )
    values = {t.text: t.value for t in found}
    assert values == {"Tuesday": None, "July 2020": "2020-07", "last month": None, "since 2014": "2014"}


@pytest.mark.parametrize(
    "text",
    [
        "Russia may try to go further.",
        "Thousands joined a march on the capital.",
        "The meeting starts at 10:30.",
        "A 45-year-old man, aged 45, was hurt.",
        "It cost $2014 and involved 2000 troops.",
        "Three years passed before anyone noticed.",
        "He wrote about 2000 words.",
        "Bloody Sunday is remembered.",
        "Her ambitions for one day joining NATO.",
        "Theresa May spoke.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_timexes(text, published=PUB) == []


def test_possessive_is_a_point_and_sentences_are_accepted() -> None:
    text = "European diplomats hoped the summit proposed during Tuesday's call would help."
    found = find_timexes(text, published="2021-04-15", sentences=[Sentence(0, len(text))])
    assert [(t.text, t.value, t.relation) for t in found] == [("Tuesday", "2021-04-13", "point")]


def test_data_file_is_versioned() -> None:
    raw = json.loads((Path(__file__).resolve().parents[2] / "src/sitrep/data/timex.json").read_text("utf-8"))
    assert raw["version"] == timex_version() >= 1



def test_example_gold_f1(examples_dir: Path) -> None:
    gold = load_gold(examples_dir / "truth" / "timexes.jsonl")
    assert len(gold) >= 150
    result = score(load_examples(examples_dir), gold)
    assert result["value_precision"]["f1"] >= 0.90, result["errors"]
    assert result["span"]["f1"] >= 0.90


def test_seed_truth(seeds_dir: Path, repo_dir: Path) -> None:
    result = score_seeds(seeds_dir, repo_dir / "tests" / "data" / "seed_timexes.json")
    assert result["gold"] >= 40
    assert result["published_mismatches"] == {}
    assert result["value_accuracy"] >= 0.90, result["errors"]


def test_out_of_range_dates_are_skipped_not_raised() -> None:
    assert find_timexes("some 3000 years ago", published="0005-01-01") == []
    assert [t.value for t in find_timexes("since 2014, last month", published="0001-01-15")] == ["2014"]
