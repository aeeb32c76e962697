"""Offline language identification (py3langid's bundled model)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, sample: int = 3000) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of the text's language; (None, 0.0) for no letters."""
    snippet = text[:sample]
    if not any(ch.isalpha() for ch in snippet):
        return None, 0.0
    lang, prob = _identifier().classify(snippet)
    return str(lang), float(prob)
