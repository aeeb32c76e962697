"""``sitrep export``."""

from __future__ import annotations

import click

from sitrep.cli.options import db_option, open_store
from sitrep.errors import UsageError
from sitrep.store.export import ARTICLE_COLUMNS, FORMATS, article_records, write_records


@click.group("export")
def export() -> None:
    """Export records as JSONL, CSV or Parquet."""


@export.command("articles")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
def export_articles(db_path: str, fmt: str, output: str) -> None:
    """One record per article: id, source, outlet, title, published, text, duplicate_of, similarity, ..."""
    with open_store(db_path) as store:
        try:
            count = write_records(article_records(store), columns=ARTICLE_COLUMNS, fmt=fmt, path=output)
        except UsageError as e:
            raise click.UsageError(str(e)) from e
    if output != "-":
        click.echo(f"wrote {count} articles to {output}", err=True)
