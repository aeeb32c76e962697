"""Maximum spanning tree decoding for the dependency parser (Chu-Liu/Edmonds, NumPy).

``scores[d, h]`` is the score of word ``h`` heading word ``d``; index 0 is the
artificial root, words are 1..n. :func:`mst_heads` returns the best tree in which
exactly one word hangs from the root (as UD requires), non-projective arcs allowed.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["find_cycle", "mst_heads"]

Scores = NDArray[np.float64]
Heads = NDArray[np.int64]


def find_cycle(heads: Heads) -> list[int] | None:
    """Nodes of one cycle in a head array (``heads[0]`` ignored), or ``None`` when there is none."""
    n = len(heads)
    state = np.zeros(n, dtype=np.int8)  # 0 unseen, 1 on the current path, 2 done
    state[0] = 2
    for start in range(1, n):
        path: list[int] = []
        node = start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = int(heads[node])
        if state[node] == 1:
            return path[path.index(node):]
        for p in path:
            state[p] = 2
    return None


def _chu_liu_edmonds(scores: Scores) -> Heads:
    """Best arborescence rooted at 0 for a square score matrix (row 0 and the diagonal already -inf)."""
    heads: Heads = np.asarray(scores.argmax(1), dtype=np.int64)
    heads[0] = 0
    cycle = find_cycle(heads)
    if cycle is None:
        return heads
    n = len(scores)
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    outside = np.flatnonzero(~in_cycle)  # includes 0, first
    inside = np.array(cycle, dtype=np.int64)
    m = len(outside)
    cycle_score = float(scores[inside, heads[inside]].sum())
    new = np.full((m + 1, m + 1), -np.inf)
    new[:m, :m] = scores[np.ix_(outside, outside)]
    out_of_cycle = scores[np.ix_(outside, inside)]  # outside dependents, heads in the cycle
    new[:m, m] = out_of_cycle.max(1)
    best_head = inside[out_of_cycle.argmax(1)]
    into_cycle = scores[np.ix_(inside, outside)] - scores[inside, heads[inside]][:, None]
    new[m, :m] = into_cycle.max(0) + cycle_score
    best_dep = inside[into_cycle.argmax(0)]
    new[0] = -np.inf
    sub = _chu_liu_edmonds(new)
    result: Heads = heads.copy()
    for k in range(1, m):
        node = outside[k]
        h = int(sub[k])
        result[node] = outside[h] if h < m else best_head[k]
    h = int(sub[m])
    result[best_dep[h]] = outside[h]
    return result


def _tree_score(scores: Scores, heads: Heads) -> float:
    return float(scores[np.arange(1, len(heads)), heads[1:]].sum())


def mst_heads(scores: NDArray[np.floating]) -> list[int]:
    """Heads (0 = root) of words 1..n for ``(n + 1, n + 1)`` arc scores; exactly one root child.

    Returns a list of n ints. Among trees, the one with the highest total score when
    a single root child is enforced by trying each root child of the unconstrained
    best tree in turn.
    """
    s = np.array(scores, dtype=np.float64)
    n = len(s) - 1
    if n <= 0:
        return []
    s[0] = -np.inf
    np.fill_diagonal(s, -np.inf)
    heads = _chu_liu_edmonds(s)
    roots = [int(i) for i in np.flatnonzero(heads[1:] == 0) + 1]
    if len(roots) > 1:
        best: tuple[float, Heads] | None = None
        for r in roots:
            t = s.copy()
            t[1:, 0] = -np.inf
            t[r, 0] = s[r, 0]
            cand = _chu_liu_edmonds(t)
            score = _tree_score(s, cand)
            if best is None or score > best[0]:
                best = (score, cand)
        assert best is not None
        heads = best[1]
    return [int(h) for h in heads[1:]]
