"""What places a count or a date in its context, through the real pipeline: a subject pronoun stands for the
person named before it, a count of another thing with the same value does not excuse a changed count, and
"late March" places a sentence in late March.

The small corpus below is written for this test. Two independent reports say
that Russia moved two armies and three airborne formations over three weeks
and that Biden warned Putin during their call on Tuesday; a third moves "eight"
airborne formations and dates the call to Sunday, through "he" (and with Washington named beside it, which
the others do not name: only the pronoun's Biden makes it the same fact). Two reports of
a mortar attack in late March count four soldiers killed; a fourth, published
three weeks later, counts five "since late March".
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.model import Article
from sitrep.nlp.layers import Reading, Sentence, Timex
from sitrep.nlp.read import Reader
from sitrep.verify.flags_match import sentence_days
from sitrep.verify.pronouns import resolve_pronouns

Feed = Any  # the feed fixture (conftest.Feed: .ids, outlet -> article id; .flags(**where), the stored flags)

pytestmark = pytest.mark.issue(5)

REPORTS = [
    ("RA-1", "Riverside Advocate", "2021-04-14T09:00:00Z", "Biden warns Putin and offers a summit",
     "Russia has moved two armies and three airborne formations to its western borders over the past three weeks, "
     "Defence Minister Sergei Shoigu said.\n\n"
     "In a telephone call with Russian President Vladimir Putin on Tuesday, President Joe Biden proposed a summit "
     "in a third country and warned of the costs of an invasion.\n\n"
     "The Pentagon said two destroyers would not enter the Black Sea after all, and Turkey confirmed that the "
     "notice of their passage through the Bosporus had been withdrawn."),
    ("CW-2", "Coastal Wire", "2021-04-14T11:00:00Z", "Summit offer follows a tense call",
     "In the last three weeks Russia moved two armies and three airborne formations to its western borders, "
     "Sergei Shoigu told military chiefs.\n\n"
     "Joe Biden offered Vladimir Putin a summit in their call on Tuesday and warned Russia against an invasion.\n\n"
     "European foreign ministers are to discuss the build-up by video link next week, and Germany and France "
     "urged both sides to return to the talks of the Normandy format."),
    ("VM-3", "Valley Monitor", "2021-04-15T08:00:00Z", "A warning, then an offer",
     "Sergei Shoigu said that in the last three weeks Russia had moved two armies and eight airborne formations to "
     "its western borders.\n\n"
     "Joe Biden spoke to reporters at the White House about the crisis. \"We are ready to talk,\" he said, adding "
     "that he had warned Russian President Vladimir Putin during their call on Sunday that Washington would respond."),
    ("EL-4", "Eastern Ledger", "2021-03-27T10:00:00Z", "Four soldiers killed near Shumy",
     "Four Ukrainian soldiers were killed by mortar fire near the village of Shumy on Friday, the army said."),
    ("DH-5", "Donbas Herald", "2021-03-28T10:00:00Z", "Mortar attack kills four near Shumy",
     "Mortar fire killed four Ukrainian soldiers near the village of Shumy on March 26, Kyiv said."),
    ("BP-6", "Border Post", "2021-04-16T10:00:00Z", "Ceasefire frays as Kyiv counts its losses",
     "Kyiv asked its Western partners on Thursday for more support as the truce agreed last July came close to "
     "collapse.\n\n"
     "Fighting in eastern Ukraine has grown since late March, when five Ukrainian soldiers were killed by mortar "
     "fire near the village of Shumy.\n\n"
     "Monitors from the OSCE recorded hundreds of ceasefire violations in the Donetsk and Luhansk regions this week, "
     "and both sides blamed each other for the shelling of villages along the front line."),
]


def _high(flags: list[dict[str, Any]], claim: str) -> list[dict[str, Any]]:
    return [f for f in flags if f["claim"] == claim and f["severity"] == "high"]


def test_a_date_given_through_a_pronoun_is_compared_with_the_person_it_stands_for(feed: Feed) -> None:
    (flag,) = _high(feed.flags(kind="date", article_id=feed.ids["Valley Monitor"]), "Sunday")
    assert flag["expected"].startswith("2021-04-13")
    assert {e["article_id"] for e in flag["evidence"]} == {feed.ids["Riverside Advocate"], feed.ids["Coastal Wire"]}


def test_a_count_of_weeks_with_the_other_value_does_not_excuse_a_changed_count(feed: Feed) -> None:
    (flag,) = _high(feed.flags(kind="number", article_id=feed.ids["Valley Monitor"]), "eight")
    assert flag["expected"] == "3"


def test_late_march_reaches_the_reports_of_late_march(feed: Feed) -> None:
    (flag,) = _high(feed.flags(kind="number", article_id=feed.ids["Border Post"]), "five")
    assert flag["expected"].casefold() in {"4", "four"}
    assert {e["article_id"] for e in flag["evidence"]} == {feed.ids["Eastern Ledger"], feed.ids["Donbas Herald"]}


def test_the_agreeing_reports_get_no_high_flag(feed: Feed) -> None:
    flagged = {f["article_id"] for f in feed.flags(min_severity="high")}
    assert not flagged & {feed.ids[o] for o in ("Riverside Advocate", "Coastal Wire", "Eastern Ledger", "Donbas Herald")}


def test_sentence_days_of_a_part_of_a_month_and_of_a_week() -> None:
    # "Fighting has grown since late March. It eased last week. It began in March."
    reading = Reading(
        sentences=[Sentence(0, 36), Sentence(37, 55), Sentence(56, 76)],
        timexes=[Timex(19, 35, "since late March", "2021-03", "month", "since"),
                 Timex(46, 55, "last week", "2021-W14", "week"),
                 Timex(68, 76, "in March", "2021-03", "month")],
    )
    late = sentence_days(reading, 0, 36, "2021-04-16")
    assert {d.isoformat() for d in late} == {"2021-04-16", *(f"2021-03-{d}" for d in range(21, 32))}
    week = sentence_days(reading, 37, 55, "2021-04-16")
    assert len(week) == 8 and min(week).isoformat() == "2021-04-05"
    # a whole month is too wide to place a sentence
    assert {d.isoformat() for d in sentence_days(reading, 56, 76, "2021-04-16")} == {"2021-04-16"}


def test_pronouns_resolve_through_the_quote_attribution_and_the_sentence_before(reader: Reader) -> None:
    text = ("Joe Biden spoke to reporters at the White House. \"We are ready to talk,\" he said, adding that he had "
            "warned Vladimir Putin during their call.\n\n"
            "Sergei Lavrov met the ambassador in Moscow. He said the talks were useful.")
    article = Article(id="t", source="t.txt", text=text, published="2021-04-15")
    resolved = resolve_pronouns(text, reader.read(article))
    assert resolved[text.index("he said")] >= {"biden"}
    assert resolved[text.index("he had")] >= {"biden"}
    assert resolved[text.index("He said")] >= {"lavrov"}
