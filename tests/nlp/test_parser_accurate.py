"""The accurate dependency parser wired into the pipeline, the reader, ``analyze`` and the CLI (``--parser``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.ingest.batch import ingest
from sitrep.nlp.pipeline import MINILM_PACKAGE, load_pipeline
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.reading import load_reading

pytestmark = pytest.mark.issue(3)

ARTICLES = ("baltic_observer_austin_taran.txt", "kyiv_ledger_shumy_attack.txt")


def test_accurate_parser_follows_the_cnn_parser_and_keeps_its_sentences() -> None:
    pytest.importorskip(MINILM_PACKAGE)
    accurate = load_pipeline(parser="minilm")
    assert accurate is load_pipeline(parser="minilm") and accurate is not load_pipeline()
    assert "sitrep_parser_minilm" not in load_pipeline().pipe_names
    names = accurate.pipe_names
    assert names.index("parser") < names.index("sitrep_parser_minilm")
    text = "Ukraine's defence minister met his American counterpart in Kyiv on Friday. They discussed air defence."
    fast_doc, accurate_doc = load_pipeline()(text), accurate(text)
    assert [s.text for s in accurate_doc.sents] == [s.text for s in fast_doc.sents]
    met = next(t for t in accurate_doc if t.text == "met")
    assert met.dep_ == "ROOT"
    assert {c.dep_: c.text for c in met.children}["nsubj"] == "minister"
    assert {c.dep_: c.text for c in met.children}["obj"] == "counterpart"


def test_reader_version_names_the_accurate_parser() -> None:
    pytest.importorskip(MINILM_PACKAGE)
    fast, accurate = Reader.load().version, Reader.load(parser="minilm").version
    assert "+parser-minilm-" in accurate and "+parser-minilm-" not in fast
    assert "+ner-minilm-" in Reader.load(parser="minilm", ner="minilm").version


def test_analyze_with_the_accurate_parser_stores_the_reading_and_switching_reads_again(
    tmp_path: Path, examples_dir: Path
) -> None:
    pytest.importorskip(MINILM_PACKAGE)
    db = tmp_path / "a.db"
    with Store(db) as store:
        ingest([str(examples_dir / "articles" / name) for name in ARTICLES], store)
    run = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--parser", "accurate", "--json", "--workers", "1"])
    assert run.exit_code == 0, run.output
    summary = json.loads(run.output)
    assert summary["analysed"] == len(ARTICLES) and "+parser-minilm-" in summary["version"]
    with Store(db) as store:
        readings = [load_reading(store, a.id) for a in store.iter_articles()]
    roles = {(role.person, role.country) for r in readings for role in r.roles}
    assert ("Lloyd Austin", "USA") in roles and ("Andrii Taran", "UKR") in roles
    assert all(r.sentences and r.timexes for r in readings)
    again = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--parser", "accurate", "--json"])
    assert json.loads(again.output)["analysed"] == 0  # same parser: nothing pending
    fast = CliRunner().invoke(cli, ["analyze", "--db", str(db), "--json"])
    assert json.loads(fast.output)["analysed"] == len(ARTICLES)  # another version: read again
