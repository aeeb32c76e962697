"""Near-copy detection: MinHash signatures, LSH bands and paragraph alignment.

Exact duplicates need nothing here: the article id is a hash of the normalised
text, so the same text is stored once. Near-copies (syndicated wire copies,
trimmed copies, rewrites) are *linked*, never dropped: a rewrite is evidence
for the verify stage.

* shingles: word 3-grams of the normalised text, hashed to 32 bits;
* signature: a ``datasketch`` MinHash of ``NUM_PERM`` permutations;
* LSH: ``BANDS`` bands of ``ROWS`` rows, each band hashed to a signed 64-bit
  integer that the store indexes; a stored article is a candidate when it
  shares at least ``MIN_SHARED_BANDS`` bands (about 94% recall at Jaccard 0.3,
  and a false candidate rate near 2e-4 per unrelated pair at Jaccard 0.02);
* verification: exact Jaccard and containment of the shingle sets, and the
  share of paragraphs that align with a paragraph of the other article.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import struct
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from sitrep.model import normalise_text

NUM_PERM = 96
ROWS = 2
BANDS = NUM_PERM // ROWS
MIN_SHARED_BANDS = 2
SHINGLE = 3
SEED = 20210401
ALIGN_MIN_JACCARD = 0.15
ALIGN_MIN_CONTAINMENT = 0.3

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class Overlap:
    """How much of two texts is shared."""

    jaccard: float
    containment: float
    paragraph_overlap: float

    @property
    def kind(self) -> str | None:
        """``copy``, ``partial_copy``, ``rewrite`` or None (not a copy at all)."""
        if self.jaccard >= 0.85:
            return "copy"
        if self.containment >= 0.95:
            return "partial_copy"
        if self.jaccard >= 0.3 or self.containment >= 0.5 or self.paragraph_overlap >= 0.5:
            return "rewrite"
        return None


def shingles(text: str) -> set[int]:
    words = _WORD.findall(normalise_text(text))
    if len(words) < SHINGLE:
        return {_hash32(" ".join(words))} if words else set()
    return {_hash32(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _hash32(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=4).digest(), "little")


def signature(shingle_set: set[int]) -> np.ndarray:
    """MinHash signature of a shingle set (``NUM_PERM`` uint64 values)."""
    sig = MinHash(num_perm=NUM_PERM, seed=SEED)
    if shingle_set:
        sig.update_batch([value.to_bytes(4, "little") for value in shingle_set])
    return np.asarray(sig.hashvalues, dtype=np.uint64)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per LSH band (fits an SQLite INTEGER)."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append(struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0])
    return out


def compare(text: str, other: str, *, text_shingles: set[int] | None = None) -> Overlap:
    """Overlap of ``text`` with ``other``; containment is the share of the smaller one."""
    a = text_shingles if text_shingles is not None else shingles(text)
    b = shingles(other)
    if not a or not b:
        return Overlap(0.0, 0.0, 0.0)
    inter = len(a & b)
    jaccard = inter / len(a | b)
    containment = inter / min(len(a), len(b))
    if jaccard < ALIGN_MIN_JACCARD and containment < ALIGN_MIN_CONTAINMENT:
        # too little shared wording to be a copy: skip the (quadratic) paragraph alignment
        return Overlap(round(jaccard, 4), round(containment, 4), 0.0)
    return Overlap(round(jaccard, 4), round(containment, 4), round(paragraph_overlap(text, other), 4))


def paragraph_overlap(text: str, other: str) -> float:
    """Share of ``text``'s paragraphs that align with a paragraph of ``other``.

    A paragraph aligns when it is identical after normalisation or when
    difflib's ratio against some paragraph of ``other`` is at least 0.8.
    """
    mine = [normalise_text(p) for p in text.split("\n") if p.strip()]
    theirs = [normalise_text(p) for p in other.split("\n") if p.strip()]
    if not mine or not theirs:
        return 0.0
    exact = set(theirs)
    hits = 0
    for para in mine:
        if para in exact:
            hits += 1
            continue
        matcher = difflib.SequenceMatcher(a=para, autojunk=False)
        for candidate in theirs:
            matcher.set_seq2(candidate)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                hits += 1
                break
    return hits / len(mine)
