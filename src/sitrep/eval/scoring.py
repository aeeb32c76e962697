"""Precision, recall and F1 from counts: the one helper every scorer in :mod:`sitrep.eval` uses.

The scorers differ only in presentation, so those differences are keyword options:

* ``empty``: the precision (recall) given when nothing was predicted (nothing is in the gold).
  ``0.0`` (the default) scores an empty side as a miss; ``1.0`` scores "nothing to find, nothing
  found" as perfect, as the timex and cleaning scorers do.
* ``digits``: figures are rounded to this many decimals (default 4); ``None`` leaves them unrounded.
  F1 is always computed from the unrounded precision and recall, then rounded.
* ``keys``: the names of the three figures, ``("precision", "recall", "f1")`` by default;
  :data:`SHORT_KEYS` gives ``("p", "r", "f1")``.

Callers that count false positives and false negatives pass ``n_pred=tp + fp`` and ``n_gold=tp + fn``.
Extra fields (counts, support) are added by the caller around the returned dict, e.g.
``{**prf(tp, n_pred, n_gold), "gold": n_gold}``.
"""

from __future__ import annotations

__all__ = ["LONG_KEYS", "SHORT_KEYS", "prf"]

LONG_KEYS: tuple[str, str, str] = ("precision", "recall", "f1")
SHORT_KEYS: tuple[str, str, str] = ("p", "r", "f1")


def prf(
    tp: int,
    n_pred: int,
    n_gold: int,
    *,
    empty: float = 0.0,
    digits: int | None = 4,
    keys: tuple[str, str, str] = LONG_KEYS,
) -> dict[str, float]:
    """Precision ``tp / n_pred``, recall ``tp / n_gold`` and their harmonic mean, as a dict.

    ``tp`` is the number of true positives, ``n_pred`` the number of predictions and ``n_gold``
    the number of gold items. A zero denominator gives ``empty``; F1 is 0.0 when precision and
    recall are both 0. See the module docstring for ``digits`` and ``keys``.

    >>> prf(3, 4, 6)
    {'precision': 0.75, 'recall': 0.5, 'f1': 0.6}
    >>> prf(0, 0, 0, empty=1.0, keys=SHORT_KEYS)
    {'p': 1.0, 'r': 1.0, 'f1': 1.0}
    """
    precision = tp / n_pred if n_pred else empty
    recall = tp / n_gold if n_gold else empty
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if digits is not None:
        precision, recall, f1 = round(precision, digits), round(recall, digits), round(f1, digits)
    key_p, key_r, key_f = keys
    return {key_p: precision, key_r: recall, key_f: f1}
