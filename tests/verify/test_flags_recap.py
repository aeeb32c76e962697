"""Evidence found beyond the week an article was published in, through the real pipeline.

The small corpus below is written for this test: two independent reports of a
U.S. expulsion of Russian diplomats (one also reporting Moscow's reply a day
later), a report of that reply, and a recap published nine days later that
counts the expelled diplomats wrongly (a sentence placed in time by its own
dates, "On April 13 ... two days later", is compared with the reports of those
days) and misspells a minister's surname next to his first name.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.verify.flags_match import Local, same_lead

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

REPORTS = [
    ("HG-7", "Harbour Gazette", "2021-04-15T18:00:00Z", "Washington expels Russian diplomats",
     "The United States on Thursday expelled 10 Russian diplomats and imposed sanctions on dozens of companies, "
     "accusing Moscow of interfering in the presidential election.\n\n"
     "In Kyiv, Foreign Minister Dmytro Kuleba welcomed the measures and said Ukraine stood with its partners."),
    ("NC-3", "Northern Courier", "2021-04-16T12:00:00Z", "Moscow answers U.S. sanctions",
     "President Joe Biden on Thursday signed an executive order that expelled 10 Russian diplomats and sanctioned "
     "dozens of companies.\n\n"
     "Russia will expel 10 U.S. diplomats in response, Foreign Minister Sergei Lavrov said on Friday.\n\n"
     "Ukrainian Foreign Minister Dmytro Kuleba said Kyiv backed the American decision."),
    ("EP-8", "Eastfield Post", "2021-04-17T09:00:00Z", "Russia retaliates",
     "On April 16, Russia retaliated by expelling 10 U.S. diplomats and barring eight American officials.\n\n"
     "The Kremlin said it was still studying an offer of a summit."),
    ("LT-5", "Lakeside Times", "2021-04-24T10:00:00Z", "A month of pressure on Moscow",
     "Western capitals spent the month weighing how to answer the Russian buildup near Ukraine.\n\n"
     "On April 13, President Joe Biden called Russian President Vladimir Putin and proposed a summit, and two days "
     "later Washington announced sanctions and expelled 13 Russian diplomats.\n\n"
     "Foreign Minister Dmytro Koleba said Ukraine would judge Moscow by its actions rather than its words."),
]


def test_a_recap_is_compared_with_the_reports_of_the_days_it_names(feed: Feed) -> None:
    number = feed.flags(article_id=feed.ids["Lakeside Times"], min_severity="high", kind="number")
    assert [(f["claim"], f["expected"]) for f in number] == [("13", "10")]
    assert {e["article_id"] for e in number[0]["evidence"]} == {feed.ids["Harbour Gazette"], feed.ids["Northern Courier"]}


def test_a_misspelt_surname_beside_a_known_first_name_is_flagged(feed: Feed) -> None:
    names = feed.flags(article_id=feed.ids["Lakeside Times"], kind="corrupted_name")
    assert [(f["claim"], f["expected"], f["severity"]) for f in names] == [("Koleba", "Kuleba", "high")]


def test_a_reply_on_the_next_day_is_not_a_date_conflict(feed: Feed) -> None:
    honest = {feed.ids[o] for o in ("Harbour Gazette", "Northern Courier", "Eastfield Post")}
    assert not [f for f in feed.flags(min_severity="high") if f["article_id"] in honest]
    # "On April 16, Russia retaliated by expelling 10 U.S. diplomats" is not the U.S. expulsion of Thursday
    assert not feed.flags(article_id=feed.ids["Eastfield Post"], kind="date")


def test_contexts_led_by_other_countries_are_other_facts() -> None:
    us = Local(frozenset({"expell", "diplom"}), frozenset({"USA", "RUS"}), "USA")
    russia = Local(frozenset({"expell", "diplom"}), frozenset({"USA", "RUS"}), "RUS")
    unknown = Local(frozenset({"expell", "diplom"}), frozenset({"USA", "RUS"}))
    assert not same_lead(us, russia)
    assert same_lead(us, unknown) and same_lead(russia, russia)
