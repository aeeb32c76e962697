"""The accurate entity recogniser wired into the pipeline, the reader, ``analyze`` and the CLI (``--ner``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.ingest.batch import ingest
from sitrep.nlp.pipeline import MINILM_PACKAGE, load_pipeline
from sitrep.store.db import Store
from sitrep.store.reading import load_reading

pytestmark = pytest.mark.issue(3)

ARTICLES = ("capitol_brief_nato_ministers.txt", "baltic_observer_austin_taran.txt", "kyiv_ledger_shumy_attack.txt")


def test_default_pipeline_keeps_the_cnn_recogniser() -> None:
    assert "sitrep_ner_minilm" not in load_pipeline().pipe_names


@pytest.fixture(scope="module")
def accurate_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    pytest.importorskip(MINILM_PACKAGE)
    db = tmp_path_factory.mktemp("accurate") / "a.db"
    with Store(db) as store:
        ingest([str(examples_dir / "articles" / name) for name in ARTICLES], store)
    result = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--ner", "accurate", "--json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["analysed"] == len(ARTICLES)
    assert "+ner-minilm-2+" in summary["version"]
    return db


def test_accurate_pipeline_is_cached_apart_from_the_default() -> None:
    pytest.importorskip(MINILM_PACKAGE)
    accurate = load_pipeline(ner="minilm")
    assert accurate is load_pipeline(ner="minilm") and accurate is not load_pipeline()
    names = accurate.pipe_names
    assert names.index("ner") < names.index("sitrep_ner_minilm") < names.index("sitrep_gazetteer")


def test_analyze_with_the_accurate_recogniser_stores_mentions_roles_and_quotes(accurate_db: Path) -> None:
    with Store(accurate_db) as store:
        readings = [load_reading(store, a.id) for a in store.iter_articles()]
    mentions = {m.text for r in readings for m in r.mentions}
    assert {"Lloyd Austin", "Andrii Taran", "NATO"} <= mentions
    roles = {(role.person, role.country) for r in readings for role in r.roles}
    assert ("Lloyd Austin", "USA") in roles
    assert ("Andrii Taran", "UKR") in roles
    assert all(r.sentences and r.timexes for r in readings)
    assert sum(len(r.quotes) for r in readings) > 0


def test_switching_recogniser_reads_the_store_again(accurate_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(accurate_db.read_bytes())
    again = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--ner", "accurate", "--json"])
    assert json.loads(again.output)["analysed"] == 0  # same recogniser: nothing pending
    fast = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--json"])
    assert json.loads(fast.output)["analysed"] == len(ARTICLES)  # another version: read again
