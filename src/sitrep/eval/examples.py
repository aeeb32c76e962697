"""The bundled example corpus as articles, keyed the way gold files name them.

Gold files under ``examples/truth/`` refer to an article by the file it came
from, relative to ``examples/``, plus the locator of a record inside it:
``articles/kyiv_ledger_shumy_attack.txt``, ``feeds/wire.jsonl#2`` (second JSONL
line), ``feeds/kyiv_ledger.xml[0]`` (first feed item). :func:`load_examples`
ingests the corpus into a throw-away SQLite store with the real ingest stage and
returns the clean articles under those keys, so gold offsets and strings always
refer to the text the rest of sitrep sees.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sitrep.ingest.batch import ingest
from sitrep.model import Article
from sitrep.store.db import Store

__all__ = ["EXAMPLES_DIR", "example_key", "load_examples"]

EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples"


def example_key(source: str, locator: str, *, base: Path) -> str:
    """``source`` relative to ``base`` (POSIX separators) followed by ``locator``."""
    try:
        rel = Path(source).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = source
    return f"{rel}{locator}"


def load_examples(examples: Path | None = None) -> dict[str, Article]:
    """Every example article under its key; an exact duplicate appears under each of its keys."""
    base = examples or EXAMPLES_DIR
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "examples.db") as store:
        ingest([str(base / "articles"), str(base / "feeds")], store)
        out: dict[str, Article] = {}
        for article in store.iter_articles():
            for src in store.article_sources(article.id):
                out[example_key(src["source"], src["locator"], base=base)] = article
    return dict(sorted(out.items()))
