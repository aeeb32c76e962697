"""A short digest of a model folder's weight files, recorded in readings' versions.

Readings store the version of what produced them, and ``analyze`` re-reads an
article when that version changes. A version taken from a config file stays the
same when a model is retrained the same way; one that carries a digest of the
weights changes with them (and stays the same for the same weights).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

__all__ = ["weights_digest"]


def weights_digest(model: Path, *, skip: Collection[str] = ("meta.json",)) -> str:
    """Short SHA-256 (10 hex digits) of the files under ``model`` whose names are not in ``skip``.

    Files are read in sorted order with their relative paths, so the same files give
    the same digest wherever the folder lies. ``skip`` names the files that describe
    the weights rather than hold them (the default: a spaCy model's ``meta.json``).
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in model.rglob("*") if p.is_file() and p.name not in skip):
        digest.update(path.relative_to(model).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]
