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

import json
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sitrep.ingest.batch import ingest
from sitrep.model import Article
from sitrep.store.db import Store

__all__ = ["EXAMPLES_DIR", "example_key", "gold_rows", "load_examples"]

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


def gold_rows(path: Path, texts: Mapping[str, str]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The records of a JSONL gold file, each as ``(where, record, its article's text)``; ``where`` is
    ``path:line`` for error messages. Blank lines are skipped; a record naming an article not in ``texts``
    raises ``ValueError``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = texts.get(row["article"])
        if text is None:
            raise ValueError(f"{path}:{n}: unknown article {row['article']!r}")
        yield f"{path}:{n}", row, text
