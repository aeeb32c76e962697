"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sitrep.errors import StoreError
from sitrep.store.db import Store

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db_path",
        default="sitrep.db",
        envvar="SITREP_DB",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file (env SITREP_DB).",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(fn)


def open_store(db_path: str, *, must_exist: bool = True) -> Store:
    """Open the store, with an error that says how to fix a missing file."""
    if must_exist and not Path(db_path).exists():
        raise click.ClickException(
            f"no database at {db_path}: run `sitrep ingest PATH --db {db_path}` first, or pass --db"
        )
    try:
        return Store(db_path)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
