"""``sitrep check`` and ``sitrep stories``: contradiction flags with their evidence, and developing stories."""

from __future__ import annotations

import json

import click

from sitrep.cli.options import db_option, json_option, open_store
from sitrep.store.verify import find_flags, list_stories
from sitrep.verify.run import verify_store


@click.command("check")
@click.argument("article_id", required=False)
@db_option
@json_option
@click.option("--severity", type=click.Choice(["high", "medium", "low"]), help="Only flags at least this severe.")
@click.option("--kind", help="Only one kind (affiliation, corrupted_name, number, reversal).")
@click.option("--recompute", is_flag=True, help="Recompute stories, consensus and flags first.")
def check_command(
    article_id: str | None, db_path: str, as_json: bool, severity: str | None, kind: str | None, recompute: bool
) -> None:
    """Contradiction flags (of one article when ARTICLE_ID is given), each with the evidence behind it."""
    with open_store(db_path) as store:
        if recompute:
            verify_store(store)
        resolved = None
        if article_id is not None:
            article = store.get_article(article_id, with_removed=False)
            if article is None:
                raise click.ClickException(f"no article {article_id!r} in {db_path}")
            resolved = article.id
        flags = find_flags(store, article_id=resolved, min_severity=severity, kind=kind)
        titles = {r["id"]: r["title"] for r in store.list_articles(limit=1_000_000)}
    if as_json:
        click.echo(json.dumps(flags, indent=2, ensure_ascii=False))
        return
    for f in flags:
        click.echo(f"[{f['severity'].upper()}] {f['kind']}  {f['article_id']}[{f['start']}:{f['end']}]  "
                   f"{titles.get(f['article_id']) or ''}")
        click.echo(f"    claim:    {f['claim'][:200]}")
        click.echo(f"    expected: {f['expected']}")
        click.echo(f"    {f['message']}")
        for ev in f["evidence"]:
            where = (
                "knowledge base" if ev.get("article_id") is None
                else f"{ev['article_id']}[{ev['start']}:{ev['end']}] {titles.get(ev['article_id']) or ''}"
            )
            click.echo(f"      - {where}: {str(ev.get('span') or '')[:200]}")
    if not flags:
        click.echo("no flags (run `sitrep analyze` first, or `sitrep check --recompute`)", err=True)


@click.command("stories")
@db_option
@json_option
@click.option("--recompute", is_flag=True, help="Recompute stories, consensus and flags first.")
def stories_command(db_path: str, as_json: bool, recompute: bool) -> None:
    """Developing stories: articles about the same story, with their independent sources."""
    with open_store(db_path) as store:
        if recompute:
            verify_store(store)
        stories = list_stories(store)
        titles = {r["id"]: (r["outlet"], r["title"]) for r in store.list_articles(limit=1_000_000)}
    if as_json:
        click.echo(json.dumps(stories, indent=2, ensure_ascii=False))
        return
    for s in stories:
        click.echo(f"{s['id']}  {s['first_date'] or '?'} .. {s['last_date'] or '?'}  "
                   f"{s['n_articles']} articles, {s['n_independent']} independent  {s['title']}")
        for article_id in s["article_ids"]:
            outlet, title = titles.get(article_id, (None, None))
            click.echo(f"    {article_id}  {outlet or '-'}: {title or ''}")
    if not stories:
        click.echo("no stories (run `sitrep analyze` first, or `sitrep stories --recompute`)", err=True)
