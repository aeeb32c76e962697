"""The ``sitrep`` command line: thin click commands over library functions."""

from __future__ import annotations

import logging

import click

from sitrep import __version__
from sitrep.cli.analyze import analyze_command
from sitrep.cli.events import actors_command, events_command
from sitrep.cli.export import export
from sitrep.cli.ingest import ingest_command, run_command
from sitrep.cli.query import articles_command, search_command, show_command, stats_command
from sitrep.cli.report import report_command
from sitrep.cli.serve import serve_command
from sitrep.cli.train import train
from sitrep.cli.train_events import events_command as train_events_command
from sitrep.cli.verify import check_command, stories_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """sitrep: corroborated, source-linked event data from news articles."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


cli.add_command(ingest_command)
cli.add_command(run_command)
cli.add_command(analyze_command)
cli.add_command(articles_command)
cli.add_command(show_command)
cli.add_command(search_command)
cli.add_command(stats_command)
cli.add_command(events_command)
cli.add_command(actors_command)
cli.add_command(check_command)
cli.add_command(stories_command)
cli.add_command(export)
cli.add_command(serve_command)
cli.add_command(report_command)
train.add_command(train_events_command, "events")
cli.add_command(train)


def main() -> None:
    cli()
