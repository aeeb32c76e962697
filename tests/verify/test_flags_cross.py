"""Cross-source ``date`` and ``quote_speaker`` flags and ``internal`` flags, through the real pipeline.

The small corpus below is written for this test: three independent reports of
one statement and one quotation (the third dates the statement, counts its
units and names the speaker differently), and an article that contradicts itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.store.db import Store
from sitrep.store.verify import find_flags

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

_QUOTE = "Russia must end this military buildup, stop its provocations and de-escalate immediately"
REPORTS = [
    ("NC-1", "Northern Courier", "2021-04-14T09:00:00Z", "NATO chief tells Moscow to pull back troops from Ukraine's border",
     "BRUSSELS, April 14 (Northern Courier) - NATO Secretary-General Jens Stoltenberg urged Russia to withdraw the "
     "forces it has gathered close to Ukraine.\n\n"
     f'"{_QUOTE}," Stoltenberg told reporters at the alliance headquarters after talks with allied ministers.\n\n'
     "In Moscow, Defence Minister Sergei Shoigu said on Tuesday that Russia had moved two armies and three airborne "
     "units to its western borders for exercises.\n\nThe ministers are expected to return to the issue at a summit in June."),
    ("HG-7", "Harbour Gazette", "2021-04-14T11:30:00Z", "Stoltenberg warns Russia over troop concentration",
     "The head of NATO, Jens Stoltenberg, called on Moscow on Wednesday to reverse its troop concentration along the "
     f'Ukrainian frontier.\n\nSpeaking in Brussels, Stoltenberg said: "{_QUOTE}."\n\n'
     "Russian Defence Minister Sergei Shoigu said on Tuesday that Russia had moved two armies and three airborne units "
     "to its western borders over three weeks.\n\nUkraine's government welcomed the statement from the alliance."),
    ("LT-3", "Lakeside Times", "2021-04-14T15:10:00Z", "Alliance presses Kremlin as Ukraine tensions grow",
     "Western governments stepped up pressure on the Kremlin on Wednesday as tensions with Ukraine grew.\n\n"
     f'"{_QUOTE}," U.S. Secretary of State Antony Blinken told a news conference in Brussels.\n\n'
     "Defence Minister Sergei Shoigu said on Monday that Russia had moved two armies and five airborne units to its "
     "western borders in response to alliance drills.\n\n"
     "Diplomats said the coming weeks would show whether Moscow was ready to talk."),
    ("EP-2", "Eastfield Post", "2021-04-20T08:00:00Z", "Kuleba seeks more support on Baltic tour",
     "VILNIUS - Ukrainian Foreign Minister Dmytro Kuleba arrived in Vilnius on Tuesday, April 15, 2021 to ask the "
     "Baltic states for more support.\n\nUkraine says Russia has deployed 80,000 troops near its border and in Crimea.\n\n"
     "Lithuania's foreign minister Gabrielius Landsbergis promised to raise the issue in Brussels.\n\n"
     "Russian Foreign Minister Dmytro Kuleba later told reporters that Kyiv wanted a firm answer from its allies.\n\n"
     "Ukrainian officials said Russia has deployed 8,000 troops near the border in recent weeks."),
]


def test_quote_given_to_another_speaker_is_flagged_high(feed: Feed) -> None:
    flags = feed.flags(kind="quote_speaker")
    assert [(f["article_id"], f["severity"], f["expected"]) for f in flags] == [
        (feed.ids["Lakeside Times"], "high", "Jens Stoltenberg")
    ]
    assert "Blinken" in flags[0]["claim"]
    assert {e["article_id"] for e in flags[0]["evidence"]} == {feed.ids["Northern Courier"], feed.ids["Harbour Gazette"]}


def test_statement_dated_otherwise_is_flagged_high_on_the_date_words(feed: Feed) -> None:
    flags = feed.flags(kind="date")
    assert [(f["article_id"], f["severity"], f["claim"]) for f in flags] == [(feed.ids["Lakeside Times"], "high", "Monday")]
    assert flags[0]["expected"].startswith("2021-04-13")
    assert len({e["article_id"] for e in flags[0]["evidence"]}) == 2


def test_count_given_otherwise_is_flagged_high_on_the_number(feed: Feed) -> None:
    flags = feed.flags(kind="number")
    assert [(f["article_id"], f["severity"], f["claim"], f["expected"]) for f in flags] == [
        (feed.ids["Lakeside Times"], "high", "five", "3")
    ]


def test_internal_contradictions_are_flagged_without_high_severity(feed: Feed) -> None:
    flags = feed.flags(kind="internal")
    assert {f["article_id"] for f in flags} == {feed.ids["Eastfield Post"]}
    by_claim = {f["claim"]: f for f in flags}
    assert by_claim["Tuesday, April 15, 2021"]["expected"] == "Thursday"
    assert by_claim["Russian Foreign Minister Dmytro Kuleba"]["expected"] == "UKR"
    assert by_claim["Russian Foreign Minister Dmytro Kuleba"]["severity"] == "medium"
    assert by_claim["8,000"]["expected"] == "80,000"
    assert all(f["severity"] != "high" for f in flags)


def test_the_agreeing_reports_get_no_flag(feed: Feed) -> None:
    flagged = {f["article_id"] for f in feed.flags()}
    assert feed.ids["Northern Courier"] not in flagged and feed.ids["Harbour Gazette"] not in flagged


def test_evidence_spans_point_into_their_articles(feed: Feed) -> None:
    db = feed.db
    with Store(db) as store:
        for f in find_flags(store):
            text = store.texts([f["article_id"]])[f["article_id"]]
            assert text[f["start"]:f["end"]] == f["claim"]
            for e in f["evidence"]:
                if e["article_id"] is not None:
                    assert store.texts([e["article_id"]])[e["article_id"]][e["start"]:e["end"]] == e["span"]


def test_honest_examples_get_no_new_kind_of_flag(analysed_examples_db: Path) -> None:
    with Store(analysed_examples_db) as store:
        flags = find_flags(store)
        outlets = {r[0]: r[1] for r in store.conn.execute("SELECT id, outlet FROM articles")}
    new_kinds = {"date", "quote_speaker", "internal", "negation", "entity", "quote_changed", "qualifier"}
    assert {outlets[f["article_id"]] for f in flags if f["kind"] in new_kinds} <= {"Global Newsdesk 24"}
