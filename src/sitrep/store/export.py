"""Streamed exports of store records to JSONL, CSV and Parquet.

Each exported record type declares its columns and their types once
(``ARTICLE_COLUMNS``); JSONL keeps lists and objects as JSON, CSV encodes
them as JSON strings, Parquet stores lists of strings natively and objects as
JSON strings. Records are written in chunks, so memory stays flat however many
articles the store holds.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from sitrep.errors import UsageError
from sitrep.store.db import Store

FORMATS = ("jsonl", "csv", "parquet")

# (name, type) with type one of: str, float, int, list, json
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"),
    ("source", "str"),
    ("locator", "str"),
    ("kind", "str"),
    ("url", "str"),
    ("outlet", "str"),
    ("title", "str"),
    ("published", "str"),
    ("published_from", "str"),
    ("byline", "str"),
    ("language", "str"),
    ("wire_credits", "list"),
    ("duplicate_of", "str"),
    ("similarity", "float"),
    ("sources", "list"),
    ("n_chars", "int"),
    ("warnings", "list"),
    ("extra", "json"),
    ("text", "str"),
)


def article_records(store: Store) -> Iterator[dict[str, Any]]:
    """One flat record per stored article, in ingest order."""
    for article in store.iter_articles():
        sources = [s["source"] + s["locator"] for s in store.article_sources(article.id)]
        yield {
            "id": article.id,
            "source": article.source,
            "locator": article.locator,
            "kind": article.kind,
            "url": article.url,
            "outlet": article.outlet,
            "title": article.title,
            "published": article.published,
            "published_from": article.published_from,
            "byline": article.byline,
            "language": article.language,
            "wire_credits": list(article.wire_credits),
            "duplicate_of": article.duplicate_of,
            "similarity": article.similarity,
            "sources": sources,
            "n_chars": len(article.text),
            "warnings": list(article.warnings),
            "extra": article.extra,
            "text": article.text,
        }


def write_records(
    records: Iterable[dict[str, Any]], *, columns: tuple[tuple[str, str], ...], fmt: str, path: str | Path
) -> int:
    """Write records to ``path`` (``-`` = stdout for jsonl/csv); return how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if str(path) == "-":
            raise UsageError("parquet cannot be written to stdout: give a file with -o")
        return _write_parquet(records, columns=columns, path=Path(path))
    if str(path) == "-":
        import sys

        return _write_text(records, columns=columns, fmt=fmt, out=sys.stdout)
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        return _write_text(records, columns=columns, fmt=fmt, out=out)


def _write_text(
    records: Iterable[dict[str, Any]], *, columns: tuple[tuple[str, str], ...], fmt: str, out: IO[str]
) -> int:
    count = 0
    names = [name for name, _ in columns]
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(names)
    for record in records:
        if writer is None:
            out.write(json.dumps({n: record.get(n) for n in names}, ensure_ascii=False) + "\n")
        else:
            writer.writerow([_csv_cell(record.get(n), kind) for n, kind in columns])
        count += 1
    return count


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind in {"list", "json"}:
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_parquet(
    records: Iterable[dict[str, Any]], *, columns: tuple[tuple[str, str], ...], path: Path, chunk: int = 2000
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "str": pa.string(),
        "float": pa.float64(),
        "int": pa.int64(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for record in records:
            rows.append({n: _parquet_cell(record.get(n), kind) for n, kind in columns})
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


def _parquet_cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "list":
        return [str(v) for v in value]
    return value
