"""Schema migrations, applied in order and recorded in ``schema_migrations``.

Each migration is a function registered with :func:`migration`; its name and
number never change once released. A new schema change is a new function at
the end of the list. See ``docs/schema.md`` for the tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[], str]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(number: int, name: str) -> Callable[[Migration], Migration]:
    """Register a function returning the SQL script of migration ``number``."""

    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((number, name, fn))
        return fn

    return register


@migration(1, "articles_sources_rejections")
def _m001() -> str:
    return """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            published_from TEXT,
            byline TEXT,
            language TEXT,
            wire_credits TEXT NOT NULL DEFAULT '[]',
            duplicate_of TEXT,
            similarity REAL,
            raw_sha256 TEXT,
            n_chars INTEGER NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            extra TEXT NOT NULL DEFAULT '{}',
            text TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

        -- every place an article was seen: exact duplicates are stored once,
        -- but each source that carried the same text is listed here
        CREATE TABLE article_sources (
            source TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            article_id TEXT NOT NULL REFERENCES articles(id),
            raw_sha256 TEXT,
            PRIMARY KEY (source, locator)
        );
        CREATE INDEX article_sources_article ON article_sources(article_id);

        CREATE TABLE removed_spans (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );

        -- near-copies, syndicated copies and rewrites: linked, never dropped
        CREATE TABLE article_links (
            article_id TEXT NOT NULL REFERENCES articles(id),
            other_id TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            similarity REAL NOT NULL,
            containment REAL NOT NULL,
            paragraph_overlap REAL NOT NULL,
            PRIMARY KEY (article_id, other_id)
        );
        CREATE INDEX article_links_other ON article_links(other_id);

        -- MinHash LSH bands, so near-copy candidates are found with an index
        -- lookup across runs instead of an in-memory index
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (band, hash, article_id)
        ) WITHOUT ROWID;

        CREATE TABLE rejections (
            source TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (source, locator)
        );

        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            args TEXT NOT NULL,
            summary TEXT
        );
        """


@migration(2, "articles_fts")
def _m002() -> str:
    return """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """


@migration(3, "reading_layers")
def _m003() -> str:
    return """
        -- filters of the HTTP API and the web UI
        CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, published);
        CREATE INDEX articles_language ON articles(language);

        -- one row per analysed article: which pipeline read it, so analyze is incremental
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            pipeline TEXT NOT NULL,
            version TEXT NOT NULL,
            analysed_at TEXT NOT NULL,
            n_sentences INTEGER NOT NULL DEFAULT 0,
            n_words INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles(id),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            kb_id TEXT,
            variants TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE INDEX entities_country ON entities(country);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE roles (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            person TEXT NOT NULL,
            role TEXT NOT NULL,
            country TEXT,
            org TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            span TEXT NOT NULL,
            entity_id TEXT,
            role_text TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX roles_person ON roles(person);
        CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            precision TEXT NOT NULL,
            relation TEXT NOT NULL,
            end_value TEXT,
            warning TEXT,
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            direct INTEGER NOT NULL,
            speaker_entity TEXT,
            speaker_text TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            PRIMARY KEY (article_id, seq)
        );
        """


@migration(4, "events")
def _m004() -> str:
    return """
        -- coded events (PLOVER), one row per event mention in one article; actor and recipient
        -- lists are JSON, their first member's name and country are repeated in columns for filters
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            context TEXT NOT NULL DEFAULT '[]',
            cameo TEXT,
            goldstein REAL,
            quad_class INTEGER,
            actor TEXT NOT NULL DEFAULT '[]',
            recipient TEXT NOT NULL DEFAULT '[]',
            source_actor TEXT,
            source_country TEXT,
            target_actor TEXT,
            target_country TEXT,
            date TEXT,
            date_precision TEXT,
            location TEXT,
            location_name TEXT,
            location_country TEXT,
            lat REAL,
            lon REAL,
            quantities TEXT NOT NULL DEFAULT '{}',
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            span TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL NOT NULL,
            negated INTEGER NOT NULL DEFAULT 0,
            future INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            claim INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'asserted'
        );
        CREATE INDEX events_article ON events(article_id, seq);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type ON events(type, date);
        CREATE INDEX events_source_country ON events(source_country, date);
        CREATE INDEX events_target_country ON events(target_country, date);
        """



@migration(5, "verify")
def _m005() -> str:
    return """
        -- developing stories: articles about the same story (similarity + time window)
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            n_articles INTEGER NOT NULL,
            n_independent INTEGER NOT NULL,
            article_ids TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        -- one event reported by several articles, merged; mention_ids are events(id)
        CREATE TABLE canonical_events (
            id TEXT PRIMARY KEY,
            story_id TEXT,
            type TEXT NOT NULL,
            date TEXT,
            source_country TEXT,
            target_country TEXT,
            quad_class INTEGER,
            goldstein REAL,
            n_mentions INTEGER NOT NULL,
            n_articles INTEGER NOT NULL,
            n_independent INTEGER NOT NULL,
            mention_ids TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX canonical_events_story ON canonical_events(story_id);
        CREATE INDEX canonical_events_date ON canonical_events(date);
        -- contradiction flags: a claim, the consensus it contradicts and the evidence for it
        CREATE TABLE flags (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            story_id TEXT,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            claim TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            expected TEXT,
            evidence TEXT NOT NULL DEFAULT '[]',
            message TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open'
        );
        CREATE INDEX flags_article ON flags(article_id);
        CREATE INDEX flags_kind ON flags(kind, severity);
        """


#: the first day of the period a stored date names, as SQL over a column ``date``: ``2021-W13`` is
#: 2021-03-29 (its Monday), ``2021-03`` 2021-03-01, ``2021`` and the season ``2021-SU`` 2021-01-01,
#: the decade ``199`` 1990-01-01 (the same rule as :func:`sitrep.nlp.timex_context.period_start`)
DATE_KEY_SQL = """CASE
    WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' THEN substr(date, 1, 10)
    WHEN date GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]' THEN date(substr(date, 1, 4) || '-01-04', '-6 days',
        'weekday 1', '+' || ((CAST(substr(date, 7, 2) AS INTEGER) - 1) * 7) || ' days')
    WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' THEN date || '-01'
    WHEN date GLOB '[0-9][0-9][0-9][0-9]' OR date GLOB '[0-9][0-9][0-9][0-9]-[A-Z][A-Z]' THEN substr(date, 1, 4) || '-01-01'
    WHEN date GLOB '[0-9][0-9][0-9]' THEN date || '0-01-01'
    ELSE date END"""


@migration(6, "date_keys")
def _m006() -> str:
    return f"""
        -- a sortable day for every event date, whatever its precision (a week-precision date sorted
        -- as text would land above every day of its year); lists sort and filter on it
        ALTER TABLE events ADD COLUMN date_key TEXT GENERATED ALWAYS AS ({DATE_KEY_SQL}) VIRTUAL;
        ALTER TABLE canonical_events ADD COLUMN date_key TEXT GENERATED ALWAYS AS ({DATE_KEY_SQL}) VIRTUAL;
        DROP INDEX events_date;
        DROP INDEX events_type;
        DROP INDEX events_source_country;
        DROP INDEX events_target_country;
        DROP INDEX canonical_events_date;
        CREATE INDEX events_date_key ON events(date_key DESC);
        CREATE INDEX events_type ON events(type COLLATE NOCASE, date_key DESC);
        CREATE INDEX events_source_country ON events(source_country, date_key DESC);
        CREATE INDEX events_target_country ON events(target_country, date_key DESC);
        CREATE INDEX events_source_actor ON events(source_actor COLLATE NOCASE, date_key DESC);
        CREATE INDEX events_target_actor ON events(target_actor COLLATE NOCASE, date_key DESC);
        CREATE INDEX canonical_events_date_key ON canonical_events(date_key DESC, n_independent DESC, id);
        """



@migration(7, "analysis_errors")
def _m007() -> str:
    return """
        -- why an article could not be read or coded (NULL when it was); such an article keeps its
        -- analyses row, so re-running the same pipeline version does not retry it, a new version does
        ALTER TABLE analyses ADD COLUMN error TEXT;
        """

def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied: list[str] = []
    for number, name, fn in sorted(MIGRATIONS, key=lambda m: m[0]):
        if number in done:
            continue
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        record = (
            "INSERT INTO schema_migrations(version, name, applied_at) "
            f"VALUES ({int(number)}, '{name}', '{stamp}');"
        )
        try:
            # executescript commits anything pending first, so the whole
            # migration and its record run as one explicit transaction
            conn.executescript(f"BEGIN;\n{fn()}\n{record}\nCOMMIT;")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
