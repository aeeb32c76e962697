"""``sitrep ingest`` and ``sitrep run``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from sitrep.cli.analyze import analyze_options, run_analysis
from sitrep.cli.options import db_option, json_option, open_store
from sitrep.ingest.batch import IngestSummary, ingest
from sitrep.ingest.options import ReadOptions


def _ingest_options(fn: Any) -> Any:
    fn = click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")(fn)
    fn = click.option("--timeout", default=15.0, show_default=True, help="URL fetch timeout in seconds.")(fn)
    fn = click.option(
        "--max-bytes", default=20_000_000, show_default=True, help="Size cap per file, record or URL."
    )(fn)
    fn = click.option("--batch-size", default=100, show_default=True, help="Inputs per transaction.")(fn)
    fn = click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")(fn)
    fn = json_option(fn)
    fn = db_option(fn)
    fn = click.argument("paths", nargs=-1, required=True)(fn)
    return fn


def _do_ingest(
    paths: tuple[str, ...],
    db_path: str,
    *,
    as_json: bool,
    quiet: bool,
    batch_size: int,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
) -> IngestSummary:
    store = open_store(db_path, must_exist=False)
    options = ReadOptions(allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    with store, tqdm(desc="ingest", unit=" inputs", disable=quiet or as_json or None, file=sys.stderr) as bar:
        summary = ingest(list(paths), store, read_options=options, batch_size=batch_size, progress=bar.update)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(format_summary(summary, db_path=db_path))
    return summary


@click.command("ingest")
@_ingest_options
def ingest_command(paths: tuple[str, ...], db_path: str, **kwargs: Any) -> None:
    """Read files, folders, globs, URLs or - (stdin) into the store.

    Exit status: 0 when anything was ingested, 1 when nothing was, 2 for usage errors.
    """
    summary = _do_ingest(paths, db_path, **kwargs)
    sys.exit(0 if summary.accepted else 1)


@click.command("run")
@_ingest_options
@analyze_options
@click.option("--ingest-only", is_flag=True, help="Stop after ingest (run `sitrep analyze` later).")
def run_command(
    paths: tuple[str, ...],
    db_path: str,
    model: Path | None,
    kb_file: Path | None,
    workers: int,
    ner: str,
    parser: str,
    ingest_only: bool,
    **kwargs: Any,
) -> None:
    """The main job: ingest PATHS, then run every later stage on what is stored and not yet analysed."""
    summary = _do_ingest(paths, db_path, **kwargs)
    if not ingest_only and Path(db_path).exists():
        run_analysis(
            db_path,
            model=model,
            kb_file=kb_file,
            quiet=kwargs["quiet"],
            as_json=kwargs["as_json"],
            workers=workers,
            ner=ner,
            parser=parser,
        )
    sys.exit(0 if summary.accepted else 1)


def format_summary(summary: IngestSummary, *, db_path: str) -> str:
    """A short human summary of an ingest run."""

    def counts(counter: dict[str, int]) -> str:
        return (
            ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) or "-"
        )

    lines = [
        f"Read {summary.inputs} inputs into {db_path}",
        f"  stored      {summary.new_articles} new articles ({summary.unchanged} already stored, unchanged)",
        f"  copies      {summary.exact_duplicates} exact duplicates stored once; "
        f"{summary.near_copies} near-copies linked ({counts(dict(summary.links))})",
        f"  cleaned     {sum(summary.removed_by_reason.values())} junk lines removed "
        f"({counts(dict(summary.removed_by_reason))})",
        f"  dates       {counts(dict(summary.published_from))}",
        f"  languages   {counts(dict(summary.languages))}",
        f"  rejected    {summary.rejected} ({counts(dict(summary.rejections_by_code))})",
    ]
    for rejection in summary.rejections:
        lines.append(
            f"    - {rejection['source']}{rejection['locator']}: {rejection['code']}: {rejection['detail']}"
        )
    if summary.rejected > len(summary.rejections):
        lines.append(f"    ... and {summary.rejected - len(summary.rejections)} more (sitrep stats)")
    return "\n".join(lines)
