"""``sitrep train``: train sitrep's own models from local corpora."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("train")
def train() -> None:
    """Train sitrep's own models (no downloads; corpora are read from a local folder)."""


@train.command("nlp")
@click.option(
    "--corpora",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/corpora"),
    show_default=True,
    help="Folder holding UD_English-EWT, UD_English-GUM and UNER_English-EWT.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/en_sitrep_core"),
    show_default=True,
    help="Working folder: converted corpora, training checkpoints, and the model in OUTPUT/model.",
)
@click.option(
    "--config",
    "config_name",
    default="fast_vectors",
    show_default=True,
    help="Pinned config in sitrep/nlp/training/configs (the *_vectors configs need the train extra).",
)
@click.option("--max-epochs", type=int, default=None, help="Override the config's number of epochs.")
@click.option("--install", is_flag=True, help="Replace the model shipped inside the package with the result.")
def train_nlp(corpora: Path, output: Path, config_name: str, max_epochs: int | None, install: bool) -> None:
    """Train the English pipeline (tagger, lemmatizer, parser, NER) reproducibly (seed 0)."""
    from sitrep.nlp.pipeline import default_model_path
    from sitrep.nlp.training import install_model, train_pipeline

    model = train_pipeline(corpora=corpora, output=output, config=config_name, max_epochs=max_epochs)
    click.echo(f"trained model: {model}", err=True)
    if install:
        click.echo(f"installed: {install_model(model, default_model_path())}", err=True)
