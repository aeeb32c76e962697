"""Fixtures shared by the whole suite (one conftest, clearly named fixtures)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sitrep.nlp.read import Reader

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (real seeds and corpora); tests that need it skip when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def reader() -> Reader:
    """The shipped reading model (or the one named by SITREP_MODEL), loaded once for the session."""
    from sitrep.nlp.read import Reader

    env = os.environ.get("SITREP_MODEL")
    return Reader.load(model=Path(env) if env else None)


@pytest.fixture(scope="session")
def analysed_examples_db(tmp_path_factory: pytest.TempPathFactory, reader: Reader) -> Path:
    """The example corpus ingested, read, coded and verified once per session: treat it as read-only."""
    from sitrep.analyze import analyze
    from sitrep.ingest.batch import ingest
    from sitrep.store.db import Store

    db = tmp_path_factory.mktemp("analysed") / "examples.db"
    with Store(db) as store:
        ingest([str(EXAMPLES / "articles"), str(EXAMPLES / "feeds")], store)
        analyze(store, reader=reader)
    return db
