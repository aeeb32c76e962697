from __future__ import annotations

import random

from sitrep.ingest import dedup


def _words(rng: random.Random, n: int) -> str:
    vocab = [f"w{i}" for i in range(5000)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def test_dedup_identical_texts_share_all_bands() -> None:
    text = _words(random.Random(1), 300)
    a = dedup.band_hashes(dedup.signature(dedup.shingles(text)))
    b = dedup.band_hashes(dedup.signature(dedup.shingles(text.upper())))
    assert a == b


def test_dedup_unrelated_texts_share_almost_no_band() -> None:
    rng = random.Random(2)
    a = dedup.band_hashes(dedup.signature(dedup.shingles(_words(rng, 300))))
    b = dedup.band_hashes(dedup.signature(dedup.shingles(_words(rng, 300))))
    assert sum(x == y for x, y in zip(a, b, strict=True)) < dedup.MIN_SHARED_BANDS


def test_dedup_rewrite_with_edits_is_still_a_candidate() -> None:
    rng = random.Random(3)
    words = _words(rng, 400).split()
    edited = list(words)
    for i in range(0, len(edited), 12):  # change one word in twelve
        edited[i] = "changed"
    a = dedup.band_hashes(dedup.signature(dedup.shingles(" ".join(words))))
    b = dedup.band_hashes(dedup.signature(dedup.shingles(" ".join(edited))))
    assert sum(x == y for x, y in zip(a, b, strict=True)) >= dedup.MIN_SHARED_BANDS


def test_dedup_compare_kinds() -> None:
    paras = [
        "The defence ministers spoke by phone on Thursday about the border.",
        "Both sides agreed to keep channels of communication open.",
        "The call was the second in six weeks, officials said.",
        "Neither ministry gave details of any new aid package.",
    ]
    original = "\n".join(paras)
    assert dedup.compare(original, original).kind == "copy"
    trimmed = "\n".join(paras[:3])
    assert dedup.compare(trimmed, original).kind in {"copy", "partial_copy"}
    rewrite = "\n".join(
        [paras[0].replace("Thursday", "Friday"), paras[1], "A new sentence entirely.", paras[3]]
    )
    overlap = dedup.compare(rewrite, original)
    assert overlap.kind is not None
    assert overlap.paragraph_overlap >= 0.75
    assert dedup.compare("Completely different words about football results.", original).kind is None
