"""`sitrep analyze` / `sitrep run`: the reading stage over a real store of the example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep.analyze as analyze_module
from sitrep.analyze import analyze
from sitrep.cli import cli
from sitrep.cli.analyze import format_analysis
from sitrep.ingest.batch import ingest
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.reading import LAYER_TABLES, load_reading

pytestmark = pytest.mark.issue(3)


def _ingest_examples(db: Path, examples_dir: Path) -> None:
    with Store(db) as store:
        ingest([str(examples_dir / "articles"), str(examples_dir / "feeds")], store)


def test_analyze_fills_layers_and_is_incremental(tmp_path: Path, examples_dir: Path, reader: Reader) -> None:
    db = tmp_path / "a.db"
    _ingest_examples(db, examples_dir)
    with Store(db) as store:
        first = analyze(store, reader=reader)
        n_articles = store.stats()["articles"]
        assert first.analysed == n_articles
        assert first.skipped == {"language de": 1}
        for layer in ("sentences", "mentions", "entities", "roles", "timexes", "quotes"):
            assert first.counts[layer] > 0, layer
        before = {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in LAYER_TABLES}
        again = analyze(store, reader=reader)
        assert again.pending == 0 and again.analysed == 0
        after = {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in LAYER_TABLES}
        assert [list(map(tuple, before[t])) for t in LAYER_TABLES] == [
            list(map(tuple, after[t])) for t in LAYER_TABLES
        ]


def test_analyze_interrupted_then_resumed_in_worker_processes_equals_one_run(
    tmp_path: Path, examples_dir: Path, reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, parts = tmp_path / "whole.db", tmp_path / "parts.db"
    tables = (*LAYER_TABLES, "events")
    for db in (whole, parts):
        _ingest_examples(db, examples_dir)
    with Store(whole) as store:
        analyze(store, reader=reader)
        expected = {t: store.table_rows(t) for t in tables}
    monkeypatch.setattr(analyze_module, "POOL_MIN_ARTICLES", 2)  # the examples are a small job
    with Store(parts) as store:
        assert analyze(store, reader=reader, limit=5, batch_size=2).analysed == 5
        rest = analyze(store, reader=reader, workers=2)  # the rest in two forked worker processes
        assert rest.pending == rest.analysed > 0
        assert {t: store.table_rows(t) for t in tables} == expected


def test_layer_offsets_point_at_their_text(analysed_examples_db: Path) -> None:
    with Store(analysed_examples_db) as store:
        for article in store.iter_articles():
            reading = load_reading(store, article.id)
            assert reading.sentences or article.language not in (None, "en")
            for s in reading.sentences:  # trimmed, never whitespace-only
                sentence = article.text[s.start : s.end]
                assert sentence.strip() == sentence != ""
            for m in reading.mentions:
                assert article.text[m.start : m.end] == m.text
            for r in reading.roles:
                assert article.text[r.start : r.end] == r.span
            for t in reading.timexes:
                assert article.text[t.start : t.end] == t.text
            for q in reading.quotes:
                assert article.text[q.start : q.end] == q.text
                if q.speaker_start is not None and q.speaker_end is not None:
                    assert article.text[q.speaker_start : q.speaker_end] == q.speaker_text


def test_run_then_export_roles_and_quotes(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "run.db"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["run", str(examples_dir / "articles"), str(examples_dir / "feeds"), "--db", str(db), "-q"]
    )
    assert result.exit_code == 0, result.output
    roles = [json.loads(x) for x in runner.invoke(cli, ["export", "roles", "--db", str(db)]).output.splitlines()]
    assert roles and {"person", "role", "country", "org", "article_id", "span", "start", "end"} <= set(roles[0])
    austin = [r for r in roles if r["person"] == "Lloyd Austin"]
    assert austin and all(r["country"] == "USA" for r in austin)
    quotes = [json.loads(x) for x in runner.invoke(cli, ["export", "quotes", "--db", str(db)]).output.splitlines()]
    assert quotes and {"speaker", "cue", "text", "article_id", "start", "end"} <= set(quotes[0])
    out = tmp_path / "roles.parquet"
    result = runner.invoke(cli, ["export", "roles", "--db", str(db), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_read_pool_reads_in_worker_processes_like_one_process(reader: Reader) -> None:
    from sitrep.analyze import ReadPool
    from sitrep.eval.examples import load_examples

    articles = list({a.id: a for a in load_examples().values()}.values())[:6]
    expected = list(reader.read_many(articles))
    with ReadPool(reader, workers=2) as pool:
        got = pool.read(articles)
    assert got == expected
    assert sum(len(r.sentences) for r in got) > 0


def _layer_rows(store: Store, ids: set[str]) -> dict[str, list[tuple[object, ...]]]:
    return {t: [r for r in store.table_rows(t) if r[0] in ids] for t in LAYER_TABLES}


def _examples_store(db: Path, examples_dir: Path, reader: Reader) -> list[str]:
    """Ingest the examples into ``db``; the ids of the first six articles pending for ``reader``."""
    from sitrep.store.reading import pending_article_ids

    _ingest_examples(db, examples_dir)
    with Store(db) as store:
        return pending_article_ids(store, version=reader.version, limit=6)


def test_an_article_that_fails_is_recorded_and_the_run_goes_on(
    tmp_path: Path, examples_dir: Path, reader: Reader, analysed_examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the real coder, made to raise on one article (a stand-in for a bug some text exposes)."""
    from sitrep.store.reading import analysis_errors, pending_article_ids

    db = tmp_path / "fault.db"
    ids = _examples_store(db, examples_dir, reader)
    bad = ids[1]
    real_code_events = analyze_module.code_events

    def code_events(doc: object, reading: object, *, article: object, kb: object) -> object:
        if getattr(article, "id", None) == bad:
            raise RuntimeError("injected fault")
        return real_code_events(doc, reading, article=article, kb=kb)  # type: ignore[arg-type]

    monkeypatch.setattr(analyze_module, "code_events", code_events)
    with Store(db) as store:
        summary = analyze(store, reader=reader, limit=6, batch_size=3)
        assert summary.analysed == 6 and summary.skipped.get("failed") == 1
        [failure] = summary.failed
        assert failure["article_id"] == bad
        assert failure["error"].startswith("RuntimeError: injected fault (at test_analyze.py:")
        assert analysis_errors(store) == [{"article_id": bad, "version": reader.version, "error": failure["error"]}]
        assert bad not in pending_article_ids(store, version=reader.version)  # the same version does not retry it
        assert _layer_rows(store, {bad}) == {t: [] for t in LAYER_TABLES}
        got = _layer_rows(store, set(ids) - {bad})
    with Store(analysed_examples_db) as store:
        assert got == _layer_rows(store, set(ids) - {bad})  # the others exactly as in a run without the fault
    assert f"failed      {bad}: RuntimeError: injected fault" in format_analysis(summary)


def test_a_parser_failure_in_a_worker_sets_aside_only_its_article(
    tmp_path: Path, examples_dir: Path, reader: Reader, analysed_examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection in the parse of a whole batch, in forked workers: the batch is re-read one article at a time."""
    db = tmp_path / "parse_fault.db"
    ids = _examples_store(db, examples_dir, reader)
    bad = ids[3]
    real_parse_batch = Reader._parse_batch

    def parse_batch(self: Reader, batch: list[object]) -> object:
        if any(getattr(a, "id", None) == bad for a in batch):
            raise ValueError("injected parser fault")
        return real_parse_batch(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(Reader, "_parse_batch", parse_batch)
    monkeypatch.setattr(analyze_module, "POOL_MIN_ARTICLES", 2)
    with Store(db) as store:
        summary = analyze(store, reader=reader, limit=6, workers=2)
        assert [f["article_id"] for f in summary.failed] == [bad]
        assert summary.failed[0]["error"].startswith("ValueError: injected parser fault")
        got = _layer_rows(store, set(ids) - {bad})
        assert all(got[t] for t in ("sentences", "mentions"))
    with Store(analysed_examples_db) as store:
        assert got == _layer_rows(store, set(ids) - {bad})
