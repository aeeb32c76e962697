"""``sitrep report``: one self-contained HTML file with the web views, to send to someone without sitrep."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sitrep.cli.options import db_option, json_option
from sitrep.errors import StoreError


@click.command("report")
@db_option
@json_option
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option(
    "--max-articles", default=1000, show_default=True, type=click.IntRange(1),
    help="Include the newest N articles in full (counts always cover the whole store).",
)
def report_command(db_path: str, as_json: bool, output: Path, max_articles: int) -> None:
    """Write a static HTML report (overview, articles, timeline, network, dyads) that opens offline."""
    from sitrep.web.report import write_report

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {db_path}: run `sitrep run PATH --db {db_path}` first, or pass --db")
    try:
        summary = write_report(Path(db_path), output, max_articles=max_articles)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo(
        f"Wrote {output} ({summary['bytes'] / 1e6:.1f} MB): {summary['articles']} of {summary['articles_total']} "
        "articles in full; open it in any browser, no server needed."
    )
