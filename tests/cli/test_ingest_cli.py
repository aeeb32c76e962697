from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.store.db import CONTENT_TABLES, Store

WORDS = [
    "border",
    "troops",
    "ministry",
    "talks",
    "ceasefire",
    "artillery",
    "village",
    "statement",
    "briefing",
    "counterpart",
    "shelling",
    "convoy",
    "drills",
    "exercise",
    "sanctions",
    "envoy",
    "parliament",
    "corridor",
    "summit",
    "pledge",
]


def _article(rng: random.Random, i: int) -> str:
    paras = []
    for _ in range(6):
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 40))]
        paras.append(f"Report {i} says " + " ".join(words) + f" near site {rng.randint(1, 10**6)}.")
    return "Skip to main content\n\n" + "\n\n".join(paras) + "\n\nLoading comments...\n"


def _write_corpus(root: Path, n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"{i:05d}.txt").write_text(_article(rng, i), encoding="utf-8")


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db) as store:
        return {t: store.table_rows(t) for t in CONTENT_TABLES}


def _sitrep(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitrep", *args]


def test_ingest_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good = tmp_path / "good.txt"
    good.write_text("Ukraine's defence minister spoke to his US counterpart on Thursday.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = str(tmp_path / "x.db")
    assert runner.invoke(cli, ["ingest", str(good), "--db", db, "-q"]).exit_code == 0
    assert runner.invoke(cli, ["ingest", str(empty), "--db", db, "-q"]).exit_code == 1
    assert runner.invoke(cli, ["ingest", "--db", db]).exit_code == 2  # no PATH: usage error
    assert runner.invoke(cli, ["export", "articles", "--db", db, "--format", "xml"]).exit_code == 2


def test_ingest_cli_batch_goes_on_and_summary_counts_rejections(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The ministry said talks would resume next week in Minsk.\n", encoding="utf-8"
    )
    (folder / "b.bin").write_bytes(random.Random(1).randbytes(4096))
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.jsonl").write_text(
        '{"text": "A record about the ceasefire in Donbas."}\n{broken\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new_articles"] == 2
    assert summary["rejected"] == 3
    assert set(summary["rejections_by_code"]) >= {"empty", "malformed_json"}
    assert all(r["detail"] for r in summary["rejections"])


def test_ingest_cli_rerun_changes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 30)
    db = tmp_path / "x.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    before = _rows(db)
    second = runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert json.loads(second.output)["unchanged"] == 30
    assert _rows(db) == before


def test_ingest_cli_sigkill_mid_batch_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 400)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        _sitrep("ingest", str(corpus), "--db", str(clean_db), "-q", "--batch-size", "25"), check=True, env=env
    )
    total = len(_rows(clean_db)["articles"])
    assert total == 400

    proc = subprocess.Popen(
        _sitrep("ingest", str(corpus), "--db", str(killed_db), "-q", "--batch-size", "25"), env=env
    )
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if killed_db.exists():
            try:
                with sqlite3.connect(f"file:{killed_db}?mode=ro", uri=True, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 100:
                break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(killed_db) as conn:
        partial = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < partial < total, "the kill must land mid-run"

    subprocess.run(
        _sitrep("ingest", str(corpus), "--db", str(killed_db), "-q", "--batch-size", "25"),
        check=True,
        env=env,
    )
    assert _rows(killed_db) == _rows(clean_db)


def test_ingest_cli_stdin(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = CliRunner().invoke(
        cli,
        ["ingest", "-", "--db", str(db), "--json"],
        input="Kremlin spokesman Dmitry Peskov said on Wednesday that no red lines had been drawn.\n",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["new_articles"] == 1


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    if not (examples_dir / "manifest.json").exists():
        pytest.skip("examples/ not written yet")
    db = tmp_path_factory.mktemp("ex") / "examples.db"
    inputs = [str(examples_dir / "articles"), str(examples_dir / "feeds")]
    result = CliRunner().invoke(cli, ["run", *inputs, "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_articles_formats_have_required_fields(examples_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"articles.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "articles", "--db", str(examples_db), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    required = {
        "id",
        "source",
        "outlet",
        "title",
        "published",
        "published_from",
        "language",
        "text",
        "duplicate_of",
        "similarity",
    }
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert records and required <= set(records[0])
    elif fmt == "csv":
        header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert required <= set(header)
    else:
        table = pq.read_table(out)
        assert required <= set(table.column_names)
        assert table.num_rows == len(Store(examples_db).list_articles(limit=10**6))


def test_show_search_stats_on_examples(examples_db: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["articles", "--db", str(examples_db), "--json"])
    rows = json.loads(listing.output)
    assert len(rows) >= 12
    with_removed = runner.invoke(cli, ["show", rows[0]["id"], "--db", str(examples_db), "--removed"])
    assert with_removed.exit_code == 0
    assert "--- removed" in with_removed.output
    search = runner.invoke(cli, ["search", "Stoltenberg", "--db", str(examples_db), "--json"])
    assert json.loads(search.output)
    stats = json.loads(runner.invoke(cli, ["stats", "--db", str(examples_db), "--json"]).output)
    assert stats["articles"] == len(rows)
    missing = runner.invoke(cli, ["show", "nosuchid", "--db", str(examples_db)])
    assert missing.exit_code == 1
    assert "sitrep articles" in missing.output


def test_missing_db_error_says_how_to_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "sitrep ingest" in result.output
