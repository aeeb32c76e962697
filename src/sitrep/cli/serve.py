"""``sitrep serve``: the JSON API and the analyst pages over one store."""

from __future__ import annotations

import os
from pathlib import Path

import click

from sitrep.cli.options import db_option
from sitrep.errors import StoreError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--ingest-token-env",
    "token_env",
    metavar="VAR",
    help="Enable POST /api/ingest with the token in environment variable VAR (read-only without it).",
)
@click.option("--max-body", default=5_000_000, show_default=True, help="Largest POST /api/ingest body, in bytes.")
def serve_command(db_path: str, host: str, port: int, token_env: str | None, max_body: int) -> None:
    """Serve the API (/api, described at /api/openapi.json) and the web pages over the store."""
    import uvicorn

    from sitrep.web import create_app

    if not Path(db_path).exists():
        raise click.ClickException(
            f"no database at {db_path}: run `sitrep run PATH --db {db_path}` first, or pass --db"
        )
    token = None
    if token_env:
        token = os.environ.get(token_env, "")
        if len(token) < 8:
            raise click.ClickException(
                f"environment variable {token_env} must hold the ingest token (8 characters or more)"
            )
    try:
        app = create_app(db=Path(db_path), ingest_token=token, max_body=max_body)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    mode = "ingest enabled with a token" if token else "read-only"
    click.echo(f"sitrep: serving {db_path} ({mode}) at http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", ws="none", lifespan="on")
