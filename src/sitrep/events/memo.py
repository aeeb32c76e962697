"""Bounded memos for the event coder's pure per-sentence steps (tokens, trigger hits, type probabilities).

One article asks the same questions of a sentence several times (the classifier, then the coder's
further triggers, its fallbacks and its clause windows), and a corpus repeats sentences (syndicated
copies, boilerplate). The answers depend only on the text and on data loaded once per process, so
they are kept in a :class:`Memo`: a dictionary that empties itself when it reaches its size, which
bounds the memory of a long ``sitrep analyze`` run. Stored answers must never be mutated: memoised
functions hand out immutable values or fresh copies.

:func:`clear_memos` empties every memo (the benchmark starts each timed pass cold with it).
"""

from __future__ import annotations

from typing import Generic, TypeVar
from weakref import WeakSet

__all__ = ["Memo", "clear_memos"]

K = TypeVar("K")
V = TypeVar("V")

_ALL: WeakSet[Memo[object, object]] = WeakSet()


class Memo(dict[K, V], Generic[K, V]):
    """A dictionary of remembered answers holding at most ``size`` of them (emptied when full).

    Look answers up with the dictionary's own ``get`` (no Python-level call); store them with :meth:`put`.
    """

    __slots__ = ("__weakref__", "size")

    def __init__(self, *, size: int) -> None:
        super().__init__()
        self.size = size
        _ALL.add(self)  # type: ignore[arg-type]

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` and return it."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value

    # a memo is equal only to itself (two empty memos are not the same memo), and so hashable for the registry
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return self is other


def clear_memos() -> None:
    """Forget every remembered answer of every memo."""
    for memo in list(_ALL):
        memo.clear()
