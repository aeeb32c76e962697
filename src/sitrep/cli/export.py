"""``sitrep export``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from sitrep.cli.options import db_option, open_store
from sitrep.errors import UsageError
from sitrep.store.db import Store
from sitrep.store.export import ARTICLE_COLUMNS, FORMATS, article_records, write_records
from sitrep.store.export_layers import LAYER_EXPORTS, layer_records


@click.group("export")
def export() -> None:
    """Export records as JSONL, CSV or Parquet."""


def _records_command(
    name: str,
    help_text: str,
    columns: tuple[tuple[str, str], ...],
    records: Callable[[Store], Iterable[dict[str, Any]]],
) -> click.Command:
    """An ``export NAME`` command writing ``records(store)`` with ``columns`` in any of FORMATS."""

    @db_option
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
    @click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
    def command(db_path: str, fmt: str, output: str) -> None:
        with open_store(db_path) as store:
            try:
                count = write_records(records(store), columns=columns, fmt=fmt, path=output)
            except UsageError as e:
                raise click.UsageError(str(e)) from e
        if output != "-":
            click.echo(f"wrote {count} {name} to {output}", err=True)

    command.__doc__ = help_text
    return click.command(name)(command)


export.add_command(_records_command(
    "articles",
    "One record per article: id, source, outlet, title, published, text, duplicate_of, similarity, ...",
    ARTICLE_COLUMNS,
    article_records,
))


def _layer_command(name: str, help_text: str) -> click.Command:
    return _records_command(name, help_text, LAYER_EXPORTS[name][1], lambda store: layer_records(store, name))


for _name, _help in (
    ("roles", "Who holds which office for which country or body, with the evidence span (from analyze)."),
    ("quotes", "Direct and indirect quotes with speaker, cue and content span (from analyze)."),
    ("mentions", "Entity mentions with their type, kind and resolved entity (from analyze)."),
    ("dates", "Date expressions normalised against publication, with precision and relation."),
    ("entities", "Entities resolved within each article, with country, sector and name variants."),
):
    export.add_command(_layer_command(_name, _help))


@export.command("kb")
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra knowledge-base file merged over the bundled one.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
def export_kb(kb_file: Path | None, output: str) -> None:
    """The actor knowledge base (countries, bodies, offices, people with dated roles) as JSON."""
    from sitrep.kb import load_kb

    text = json.dumps(load_kb(extra=kb_file).to_dict(), indent=2, ensure_ascii=False)
    if output == "-":
        click.echo(text)
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote the knowledge base to {output}", err=True)


@export.command("events")
@db_option
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "gdelt")), default="jsonl", show_default=True,
              help="gdelt: GDELT 2.0 event-table columns, tab-separated, no header, as GDELT ships them.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
def export_events(db_path: str, fmt: str, output: str) -> None:
    """One record per coded event: type, mode, CAMEO, Goldstein, quad, actors, date, place, evidence."""
    from sitrep.store.events import EVENT_COLUMNS, event_records
    from sitrep.store.gdelt import GDELT_COLUMNS, gdelt_rows

    with open_store(db_path) as store:
        if fmt == "gdelt":
            out = click.open_file(output, "w", encoding="utf-8")
            count = 0
            with out:
                for row in gdelt_rows(event_records(store)):
                    out.write("\t".join(str(row[c]) for c in GDELT_COLUMNS) + "\n")
                    count += 1
        else:
            try:
                count = write_records(event_records(store), columns=EVENT_COLUMNS, fmt=fmt, path=output)
            except UsageError as e:
                raise click.UsageError(str(e)) from e
    if output != "-":
        click.echo(f"wrote {count} events to {output}", err=True)


def _actor_records(store: Store) -> Iterable[dict[str, Any]]:
    from sitrep.store.events import actor_summary

    return actor_summary(store, limit=1_000_000)


_ACTOR_COLUMNS = (("name", "str"), ("label", "str"), ("country", "str"), ("sector", "str"),
                  ("articles", "int"), ("events", "int"))
export.add_command(_records_command(
    "actors", "Actors across articles: name, label, country, sector, articles and events counts.",
    _ACTOR_COLUMNS, _actor_records,
))


_VERIFY_EXPORTS: dict[str, tuple[tuple[str, str], ...]] = {
    "flags": (
        ("id", "str"), ("article_id", "str"), ("story_id", "str"), ("kind", "str"), ("severity", "str"),
        ("claim", "str"), ("start", "int"), ("end", "int"), ("expected", "str"), ("evidence", "json"),
        ("message", "str"), ("status", "str"),
    ),
    "stories": (
        ("id", "str"), ("title", "str"), ("first_date", "str"), ("last_date", "str"),
        ("n_articles", "int"), ("n_independent", "int"), ("article_ids", "list"),
    ),
    "canonical-events": (
        ("id", "str"), ("story_id", "str"), ("type", "str"), ("date", "str"), ("source_country", "str"),
        ("target_country", "str"), ("quad_class", "int"), ("goldstein", "float"), ("n_mentions", "int"),
        ("n_articles", "int"), ("n_independent", "int"), ("mention_ids", "list"),
    ),
}


def _verify_command(name: str, help_text: str) -> click.Command:
    from sitrep.store.verify import find_flags, list_canonical_events, list_stories

    readers: dict[str, Callable[[Store], Iterable[dict[str, Any]]]] = {
        "flags": find_flags, "stories": list_stories, "canonical-events": list_canonical_events,
    }
    return _records_command(name, help_text, _VERIFY_EXPORTS[name], readers[name])


for _name, _help in (
    ("flags", "Contradiction flags: the claim, the consensus it contradicts, the independent evidence."),
    ("stories", "Developing stories: grouped articles with dates and independent-source counts."),
    ("canonical-events", "Events merged across articles, with mentions, articles and independent sources."),
):
    export.add_command(_verify_command(_name, _help))
