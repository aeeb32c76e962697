"""``sitrep events`` and ``sitrep actors``: look at coded events and the actors in them."""

from __future__ import annotations

import json

import click

from sitrep.cli.options import db_option, json_option, open_store
from sitrep.store.events import actor_summary, find_events


def _actors(actors: list[dict[str, object]]) -> str:
    return " + ".join(f"{a.get('name')} ({a.get('country') or '?'}/{a.get('sector') or '?'})" for a in actors) or "-"


@click.command("events")
@db_option
@json_option
@click.option("--type", "event_type", help="PLOVER type, e.g. ASSAULT.")
@click.option("--country", help="ISO alpha-3 (or body code) on either side, e.g. RUS.")
@click.option("--actor", help="Part of an actor's or recipient's name.")
@click.option("--since", help="Earliest event date (YYYY-MM-DD).")
@click.option("--until", help="Latest event date (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
def events_command(
    db_path: str,
    as_json: bool,
    event_type: str | None,
    country: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    limit: int,
) -> None:
    """Coded events (newest first), each with its actors, date and evidence sentence."""
    with open_store(db_path) as store:
        rows = find_events(
            store, type=event_type, country=country, actor=actor, since=since, until=until, limit=limit
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        status = "" if r["status"] == "asserted" else f" [{r['status']}]"
        click.echo(
            f"{r['date'] or '????-??-??'}  {r['type']}{'/' + r['mode'] if r['mode'] else ''}{status}  "
            f"{_actors(r['actor'])} -> {_actors(r['recipient'])}"
        )
        click.echo(f"    {r['article_id']}[{r['start']}:{r['end']}] {r['sentence'][:160]}")
    if not rows:
        click.echo("no events match (run `sitrep analyze` first?)", err=True)


@click.command("actors")
@db_option
@json_option
@click.option("--limit", default=50, show_default=True)
def actors_command(db_path: str, as_json: bool, limit: int) -> None:
    """People, organisations and places across articles, with country, sector and counts."""
    with open_store(db_path) as store:
        rows = actor_summary(store, limit=limit)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        click.echo(
            f"{r['articles']:4d} art {r['events']:4d} ev  {r['label']:<6} {r['country'] or '-':<5} "
            f"{r['sector'] or '-':<4} {r['name']}"
        )
