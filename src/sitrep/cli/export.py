"""``sitrep export``."""

from __future__ import annotations

import click

from sitrep.cli.options import db_option, open_store
from sitrep.errors import UsageError
from sitrep.store.export import ARTICLE_COLUMNS, FORMATS, article_records, write_records
from sitrep.store.export_layers import LAYER_EXPORTS, layer_records


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


def _layer_command(name: str, help_text: str) -> click.Command:
    @db_option
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
    @click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
    def command(db_path: str, fmt: str, output: str) -> None:
        _table, columns = LAYER_EXPORTS[name]
        with open_store(db_path) as store:
            try:
                count = write_records(layer_records(store, name), columns=columns, fmt=fmt, path=output)
            except UsageError as e:
                raise click.UsageError(str(e)) from e
        if output != "-":
            click.echo(f"wrote {count} {name} to {output}", err=True)

    command.__doc__ = help_text
    return click.command(name)(command)


for _name, _help in (
    ("roles", "Who holds which office for which country or body, with the evidence span (from analyze)."),
    ("quotes", "Direct and indirect quotes with speaker, cue and content span (from analyze)."),
    ("mentions", "Entity mentions with their type, kind and resolved entity (from analyze)."),
    ("dates", "Date expressions normalised against publication, with precision and relation."),
    ("entities", "Entities resolved within each article, with country, sector and name variants."),
):
    export.add_command(_layer_command(_name, _help))
