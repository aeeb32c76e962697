"""``sitrep articles``, ``show``, ``search`` and ``stats``."""

from __future__ import annotations

import json
import textwrap

import click

from sitrep.cli.options import db_option, json_option, open_store


@click.command("articles")
@db_option
@json_option
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
def articles_command(db_path: str, as_json: bool, limit: int, offset: int) -> None:
    """List stored articles."""
    with open_store(db_path) as store:
        rows = store.list_articles(limit=limit, offset=offset)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        dup = f"  ~{row['duplicate_of'][:8]} {row['similarity']:.2f}" if row["duplicate_of"] else ""
        click.echo(
            f"{row['id']}  {row['published'] or '----------'}  {row['language'] or '??'}  "
            f"{(row['outlet'] or '-')[:20]:<20}  {(row['title'] or '(no title)')[:70]}{dup}"
        )


@click.command("show")
@click.argument("article_id")
@db_option
@json_option
@click.option("--removed", is_flag=True, help="Also list what cleaning removed, with reasons.")
def show_command(article_id: str, db_path: str, as_json: bool, removed: bool) -> None:
    """Show one article (an id or a unique id prefix of at least 6 characters)."""
    with open_store(db_path) as store:
        article = store.get_article(article_id)
        if article is None:
            raise click.ClickException(f"no article with id {article_id!r}: list ids with `sitrep articles`")
        sources = store.article_sources(article.id)
        links = store.links(article.id)
    if as_json:
        data = article.to_dict()
        data["sources"] = sources
        data["links"] = links
        if not removed:
            data.pop("removed")
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"id         {article.id}")
    click.echo(f"title      {article.title or '-'}")
    click.echo(f"outlet     {article.outlet or '-'}    byline {article.byline or '-'}")
    click.echo(f"published  {article.published or '-'} (from {article.published_from or '-'})")
    click.echo(
        f"language   {article.language or '-'}    wire credits {', '.join(article.wire_credits) or '-'}"
    )
    for source in sources:
        click.echo(f"source     {source['source']}{source['locator']}")
    for link in links:
        other = link["other_id"] if link["article_id"] == article.id else link["article_id"]
        click.echo(
            f"link       {link['kind']} {other} similarity {link['similarity']:.2f} "
            f"containment {link['containment']:.2f} paragraphs {link['paragraph_overlap']:.2f}"
        )
    for warning in article.warnings:
        click.echo(f"warning    {warning}")
    click.echo("")
    for para in article.text.split("\n"):
        if para.strip():
            click.echo(textwrap.fill(para, width=100) + "\n")
    if removed:
        click.echo(f"--- removed ({len(article.removed)} spans) ---")
        for span in article.removed:
            click.echo(f"[{span.reason:>14}] {span.start}-{span.end}: {span.text[:120]}")


@click.command("search")
@click.argument("query")
@db_option
@json_option
@click.option("--limit", default=20, show_default=True)
def search_command(query: str, db_path: str, as_json: bool, limit: int) -> None:
    """Full-text search over titles and texts (SQLite FTS5 query syntax)."""
    with open_store(db_path) as store:
        rows = store.search(query, limit=limit)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['published'] or '----------'}  {row['title'] or '(no title)'}")
        click.echo(f"    {row['snippet']}")


@click.command("stats")
@db_option
@json_option
def stats_command(db_path: str, as_json: bool) -> None:
    """Counts of what the store holds, and every rejection with its reason."""
    with open_store(db_path) as store:
        stats = store.stats()
        rejections = store.rejections()
    if as_json:
        stats["rejection_list"] = [r.to_dict() for r in rejections]
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    for key, value in stats.items():
        click.echo(f"{key:<16} {value}")
    for r in rejections:
        click.echo(f"  rejected {r.source}{r.locator}: {r.code}: {r.detail}")
