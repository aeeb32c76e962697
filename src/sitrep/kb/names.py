"""Name normalisation shared by the knowledge base and the readers that query it."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "is_case_sensitive", "person_key", "plural_forms", "strip_possessive"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|s')$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-variant-insensitive key ("Élysée  Palace" -> "elysee palace")."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=65536)
def person_key(text: str) -> str:
    """Key for person names: folded, without dots and hyphen variants ("Lloyd J. Austin" -> "lloyd j austin")."""
    return _SPACE.sub(" ", fold(text).replace(".", " ").replace("-", " ")).strip()


def strip_possessive(text: str) -> str:
    """``Ukraine's`` -> ``Ukraine``; other text unchanged."""
    text = text.translate(_APOSTROPHES)
    return _POSSESSIVE.sub("", text) if text.endswith(("'s", "s'")) else text


def is_case_sensitive(name: str) -> bool:
    """Short all-capital names (``US``, ``UK``, ``DRC``) only match as written."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and len(letters) <= 4 and all(ch.isupper() for ch in letters)


def plural_forms(demonym: str) -> list[str]:
    """Plural nouns of a demonym adjective ("Ukrainian" -> "Ukrainians"; "Chinese" -> none)."""
    if is_case_sensitive(demonym) or demonym.endswith(("ese", "sh", "ch", "ss", "s", "i")):
        return [demonym + "s"] if demonym.endswith("i") and not is_case_sensitive(demonym) else []
    return [demonym + "s"]
