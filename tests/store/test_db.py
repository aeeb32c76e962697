from __future__ import annotations

import sqlite3
from pathlib import Path

from sitrep.model import Article, Rejection, Removal, article_id
from sitrep.store.db import Store


def make_article(text: str, **kwargs: object) -> Article:
    return Article(id=article_id(text), source="test.txt", text=text, **kwargs)  # type: ignore[arg-type]


def test_db_creates_wal_file_with_recorded_migrations(db_path: Path) -> None:
    with Store(db_path) as store:
        names = [m["name"] for m in store.migrations()]
    assert names == ["articles_sources_rejections", "articles_fts", "reading_layers", "events", "verify", "date_keys", "analysis_errors"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "article_sources", "removed_spans", "article_links", "rejections"} <= tables


def test_db_reopen_applies_no_migration_twice(db_path: Path) -> None:
    Store(db_path).close()
    with Store(db_path) as store:
        assert len(store.migrations()) == 7


def test_db_article_round_trip_with_removed_spans(db_path: Path) -> None:
    article = make_article(
        "Kyiv said the talks went well.",
        title="Talks",
        published="2021-04-01",
        published_from="dateline",
        wire_credits=("Meridian Wire",),
        removed=(Removal(0, 10, "Skip to main", "navigation"),),
        extra={"section": "world"},
    )
    with Store(db_path) as store, store.batch():
        assert store.add_article(article)
        assert not store.add_article(article)
    with Store(db_path) as store:
        back = store.get_article(article.id)
        assert back == article
        assert store.get_article(article.id[:8]) == article


def test_db_batch_rolls_back_on_error(db_path: Path) -> None:
    with Store(db_path) as store:
        try:
            with store.batch():
                store.add_article(make_article("One sentence here."))
                raise RuntimeError("killed")
        except RuntimeError:
            pass
        assert store.stats()["articles"] == 0


def test_db_search_uses_fts5_and_survives_bad_syntax(db_path: Path) -> None:
    with Store(db_path) as store:
        with store.batch():
            store.add_article(make_article("Austin spoke with Taran about the buildup.", title="Call"))
            store.add_article(make_article("Blinken met Stoltenberg in Brussels.", title="Meeting"))
        hits = store.search("buildup")
        assert [h["title"] for h in hits] == ["Call"]
        assert "[buildup]" in hits[0]["snippet"]
        assert store.search('Brussels "unbalanced') != [] or store.search("Brussels") != []


def test_db_rejection_is_replaced_when_source_later_succeeds(db_path: Path) -> None:
    with Store(db_path) as store:
        with store.batch():
            store.add_rejection(Rejection("a.txt", "", "empty", "the input is empty"))
        assert store.stats()["rejections"] == {"empty": 1}
        article = make_article("Now it has text.")
        with store.batch():
            store.add_article(article)
            store.add_source(article.id, "a.txt", "", "abc")
        assert store.stats()["rejections"] == {}


def test_db_lsh_candidates_need_min_shared_bands(db_path: Path) -> None:
    with Store(db_path) as store, store.batch():
        store.add_bands("aaa", [1, 2, 3, 4])
        store.add_bands("bbb", [1, 9, 9, 9])
        assert store.lsh_candidates([1, 2, 0, 0], min_shared=2) == ["aaa"]
        assert set(store.lsh_candidates([1, 0, 0, 0], min_shared=1)) == {"aaa", "bbb"}


def test_db_reading_layers_round_trip_and_pending(db_path: Path) -> None:
    from sitrep.nlp.layers import Entity, Mention, Quote, Reading, Role, Sentence, Timex
    from sitrep.store.reading import load_reading, pending_article_ids, save_reading

    text = "U.S. Defense Secretary Lloyd Austin spoke on Thursday. \"We stand with Ukraine,\" he said."
    article = make_article(text)
    reading = Reading(
        sentences=[Sentence(0, 54), Sentence(55, len(text))],
        mentions=[Mention(23, 35, "Lloyd Austin", "PERSON", "name", "e1")],
        entities=[Entity("e1", "Lloyd Austin", "PERSON", "USA", "GOV", "lloyd-austin", ("Austin",))],
        roles=[Role("Lloyd Austin", "Secretary of Defense", "USA", None, 0, 35, text[:35], "e1", "Defense Secretary")],
        timexes=[Timex(45, 53, "Thursday", "2021-04-01", "day")],
        quotes=[Quote(56, 77, "We stand with Ukraine", True, "e1", "he", 80, 82, "said", 83, 87)],
    )
    with Store(db_path) as store:
        with store.batch():
            store.add_article(article)
        assert pending_article_ids(store, version="v1") == [article.id]
        with store.batch():
            save_reading(store, article.id, reading, pipeline="read", version="v1", n_words=14)
        assert pending_article_ids(store, version="v1") == []
        assert pending_article_ids(store, version="v2") == [article.id]
        assert load_reading(store, article.id) == reading
        with store.batch():  # saving again replaces, never duplicates
            save_reading(store, article.id, reading, pipeline="read", version="v1", n_words=14)
        assert load_reading(store, article.id) == reading
