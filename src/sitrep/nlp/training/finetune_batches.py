"""What the two MiniLM fine-tuning recipes (:mod:`~sitrep.nlp.training.ner_finetune`,
:mod:`~sitrep.nlp.training.parser_finetune`) share: length-bucketed batch plans and the two-rate AdamW.

JAX and optax are needed to train only; this module imports optax where it is used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

__all__ = ["bucket_plan", "two_rate_adamw"]


def bucket_plan(
    lengths: Sequence[int], *, buckets: Sequence[int], batch_pieces: int, rng: np.random.RandomState | None
) -> Iterator[tuple[int, list[int], int]]:
    """``(bucket, member indices, rows)`` per batch: items grouped by the smallest bucket that holds their
    length, ``rows = batch_pieces // bucket`` (at least 1) per batch. With ``rng`` each bucket's members and
    then the batches are shuffled (in that order of draws); without it the plan is in bucket order."""
    by_bucket: dict[int, list[int]] = {}
    for i, length in enumerate(lengths):
        by_bucket.setdefault(next(b for b in buckets if b >= length), []).append(i)
    plan: list[tuple[int, list[int]]] = []
    for bucket in sorted(by_bucket):
        members = by_bucket[bucket]
        if rng is not None:
            members = [members[j] for j in rng.permutation(len(members))]
        rows = max(1, batch_pieces // bucket)
        plan.extend((bucket, members[k : k + rows]) for k in range(0, len(members), rows))
    order = rng.permutation(len(plan)) if rng is not None else range(len(plan))
    for p in order:
        bucket, members = plan[p]
        yield bucket, members, max(1, batch_pieces // bucket)


def two_rate_adamw(cfg: dict[str, Any], *, steps: int, clip: float, b2: float = 0.999) -> Any:
    """AdamW with linear warm-up (``cfg["warmup"]`` of the steps) then linear decay to zero, gradients clipped
    to global norm ``clip``; the encoder layers (parameter ``layers``) peak at ``cfg["lr"]``, the rest (the
    head) at ``cfg["head_lr"]``."""
    import optax  # type: ignore[import-untyped,import-not-found,unused-ignore]

    warm = max(1, round(steps * float(cfg["warmup"])))

    def adamw(peak: float) -> Any:
        schedule = optax.join_schedules(
            [optax.linear_schedule(0.0, peak, warm), optax.linear_schedule(peak, 0.0, max(1, steps - warm))], [warm]
        )
        return optax.adamw(schedule, b2=b2, weight_decay=float(cfg["weight_decay"]))

    return optax.chain(
        optax.clip_by_global_norm(clip),
        optax.multi_transform(
            {"encoder": adamw(float(cfg["lr"])), "head": adamw(float(cfg["head_lr"]))},
            lambda params: {k: ("encoder" if k == "layers" else "head") for k in params},
        ),
    )
