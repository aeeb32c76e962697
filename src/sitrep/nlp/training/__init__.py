"""Training recipe for sitrep's own English spaCy pipeline (``sitrep train nlp``)."""

from sitrep.nlp.training.train import install_model, train_pipeline

__all__ = ["install_model", "train_pipeline"]
