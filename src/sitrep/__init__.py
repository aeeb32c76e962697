"""sitrep: corroborated, source-linked event data from news articles."""

from __future__ import annotations

from sitrep.model import Article, RawDoc, Rejection, Removal
from sitrep.store.db import Store

__version__ = "0.1.0"

__all__ = ["Article", "RawDoc", "Rejection", "Removal", "Store", "__version__"]
