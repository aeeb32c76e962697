"""Sentence alignment of a copy to its original, by word overlap rather than position.

1. Every original sentence is scored against every copy sentence with the Dice
   overlap of their word multisets; pairs at or above ``PAIR_MIN`` are taken
   greedily, best first (so reordered paragraphs still pair up).
2. A copy sentence left over whose words are mostly contained in the *rest* of
   an original sentence (the words its partner did not take) joins that group:
   a split. The same test the other way round finds merges.
3. Leftovers that overlap at ``LOOSE_MIN`` and sit between the same aligned
   neighbours pair up as heavy paraphrases.
Whatever is still unpaired was dropped from, or added to, the copy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sitrep.verify.text import Token

__all__ = ["Group", "align_sentences"]

PAIR_MIN = 0.5
LOOSE_MIN = 0.3
SPLIT_CONTAINMENT = 0.7
MIN_SPLIT_WORDS = 3


@dataclass(slots=True)
class Group:
    original: list[int] = field(default_factory=list)
    copy: list[int] = field(default_factory=list)


def _bag(tokens: list[Token]) -> Counter[str]:
    return Counter(t.norm for t in tokens if t.kind != "punct")


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _contained(part: Counter[str], whole: Counter[str]) -> float:
    size = sum(part.values())
    return sum((part & whole).values()) / size if size else 0.0


def align_sentences(original: list[list[Token]], copy: list[list[Token]]) -> list[Group]:
    """Groups of aligned sentence indices, in the copy's order, then dropped originals."""
    bags_o = [_bag(s) for s in original]
    bags_c = [_bag(s) for s in copy]
    n, m = len(original), len(copy)
    scored = []
    for i in range(n):
        for j in range(m):
            sim = _dice(bags_o[i], bags_c[j])
            if sim >= LOOSE_MIN:
                drift = abs(i / max(n, 1) - j / max(m, 1))
                scored.append((sim, -drift, i, j))
    scored.sort(reverse=True)
    group_of_o: dict[int, Group] = {}
    group_of_c: dict[int, Group] = {}
    for sim, _, i, j in scored:
        if sim < PAIR_MIN:
            break
        if i not in group_of_o and j not in group_of_c:
            group = Group([i], [j])
            group_of_o[i] = group_of_c[j] = group
    _attach_splits(bags_o, bags_c, group_of_o, group_of_c)
    _attach_splits(bags_c, bags_o, group_of_c, group_of_o, swap=True)
    for _sim, _, i, j in scored:
        if i not in group_of_o and j not in group_of_c and _same_gap(i, j, group_of_o, group_of_c):
            group = Group([i], [j])
            group_of_o[i] = group_of_c[j] = group
    groups: list[Group] = []
    seen: set[int] = set()
    for j in range(m):
        group = group_of_c.get(j) or Group([], [j])
        if id(group) not in seen:
            seen.add(id(group))
            group.original.sort()
            group.copy.sort()
            groups.append(group)
    groups.extend(Group([i], []) for i in range(n) if i not in group_of_o)
    return groups


def _attach_splits(
    bags_a: list[Counter[str]],
    bags_b: list[Counter[str]],
    group_of_a: dict[int, Group],
    group_of_b: dict[int, Group],
    *,
    swap: bool = False,
) -> None:
    """Attach each unpaired sentence of side b to the a-sentence whose remaining words contain it."""
    for j, bag in enumerate(bags_b):
        if j in group_of_b or sum(bag.values()) < MIN_SPLIT_WORDS:
            continue
        best: tuple[float, int] | None = None
        for i, whole in enumerate(bags_a):
            group = group_of_a.get(i)
            rest = Counter(whole)
            if group is not None:
                for k in group.original if swap else group.copy:
                    rest -= bags_b[k]
            share = _contained(bag, rest)
            if share >= SPLIT_CONTAINMENT and (best is None or share > best[0]):
                best = (share, i)
        if best is None:
            continue
        i = best[1]
        group = group_of_a.get(i)
        if group is None:
            group = Group([i], []) if not swap else Group([], [i])
            group_of_a[i] = group
        (group.original if swap else group.copy).append(j)
        group_of_b[j] = group


def _same_gap(i: int, j: int, group_of_o: dict[int, Group], group_of_c: dict[int, Group]) -> bool:
    """Whether original i and copy j lie between the same two aligned neighbours."""
    prev_o = max((k for k in group_of_o if k < i), default=None)
    prev_c = max((k for k in group_of_c if k < j), default=None)
    if (prev_o is None) != (prev_c is None):
        return False
    if prev_o is not None and prev_c is not None and group_of_o[prev_o] is not group_of_c[prev_c]:
        return False
    next_o = min((k for k in group_of_o if k > i), default=None)
    next_c = min((k for k in group_of_c if k > j), default=None)
    if (next_o is None) != (next_c is None):
        return False
    return next_o is None or next_c is None or group_of_o[next_o] is group_of_c[next_c]
