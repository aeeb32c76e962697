"""Event dates of every precision sort and filter by the first day of the period they name."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from sitrep.events.record import Event
from sitrep.model import Article, article_id
from sitrep.nlp.timex_context import period_start
from sitrep.store.db import Store
from sitrep.store.events import save_events
from sitrep.store.migrations import DATE_KEY_SQL
from sitrep.store.views import list_rows, open_readonly

DATES = ["2021-04-01", "2021-W13", "2021-03", "2021", "2021-SU", "2020-W53", "2019-W01", "199", "2021-04-12"]


def _key(value: str | None) -> str | None:
    conn = sqlite3.connect(":memory:")
    return conn.execute(f"SELECT {DATE_KEY_SQL} FROM (SELECT ? AS date)", (value,)).fetchone()[0]


@pytest.mark.parametrize("value", DATES)
def test_date_key_is_the_periods_first_day(value: str) -> None:
    start = period_start(value)
    assert start is not None and _key(value) == start.isoformat()


def test_date_key_matches_iso_weeks_over_a_decade() -> None:
    day = date(2015, 1, 1)
    while day < date(2026, 1, 1):
        year, week, _ = day.isocalendar()
        assert _key(f"{year}-W{week:02d}") == date.fromisocalendar(year, week, 1).isoformat()
        day += timedelta(days=7)


def test_event_lists_put_a_week_among_its_days(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    text = "Troops moved. Talks were held. Shelling resumed."
    article = Article(id=article_id(text), source="t.txt", text=text, published="2021-04-12")
    dates = {"e1": "2021-04-12", "e2": "2021-W13", "e3": "2021-03-20", "e4": "2021-04-01", "e5": "2021"}
    events = [
        Event(id=k, article_id=article.id, type="MOBILIZE", mode=None, cameo="150", goldstein=-7.2, quad=4,
              sentence="Troops moved.", sentence_start=0, sentence_end=13, span="moved", start=7, end=12, date=v,
              date_precision="day")
        for k, v in dates.items()
    ]
    with Store(db) as store:
        store.add_article(article)
        with store.batch():
            save_events(store, article.id, events)
    view = open_readonly(db)
    try:
        ordered = [r["id"] for r in list_rows(view, "events").items]
        assert ordered == ["e1", "e4", "e2", "e3", "e5"]  # W13 = 29 March to 4 April
        march = list_rows(view, "events", filters={"since": "2021-03-01", "until": "2021-03-31"})
        assert sorted(r["id"] for r in march.items) == ["e2", "e3"]
    finally:
        view.close()
