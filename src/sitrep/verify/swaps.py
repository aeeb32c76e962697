"""Actor–recipient reversals: two participants of a sentence that traded places.

A participant is a run of name tokens (keyed by its last word) or a country
mention (keyed by its words: "Russia" and "Moscow" are two participants).
Two participants that occur once on each side have swapped when each now
stands in the other's word context ("Russia has massed troops near Ukraine's
borders" -> "Ukraine has massed troops near Russia's borders"). A plain change
of word order keeps each participant's own context, and a pair joined only by
symmetric links ("X and Y", "X met Y") is not a reversal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sitrep.verify.lexicon import Lexicon
from sitrep.verify.tags import Tagged

__all__ = ["Participant", "Swap", "find_swaps", "participants"]

_CONTEXT = 2
_PAD = "<s>"


@dataclass(slots=True, frozen=True)
class Participant:
    key: str
    first: int  # position in the side's token index list
    last: int  # inclusive


@dataclass(slots=True, frozen=True)
class Swap:
    x: Participant  # first in the original
    y: Participant
    x_copy: Participant
    y_copy: Participant


def participants(tagged: Tagged, idx: list[int]) -> list[Participant]:
    out: list[Participant] = []
    pos = 0
    while pos < len(idx):
        tag = tagged.tags[idx[pos]]
        if tag not in ("name", "country"):
            pos += 1
            continue
        end = pos
        code = tagged.codes[idx[pos]]
        while end + 1 < len(idx) and idx[end + 1] == idx[end] + 1 and tagged.tags[idx[end + 1]] == tag:
            if tag == "country" and tagged.codes[idx[end + 1]] != code:
                break
            end += 1
        key = (
            " ".join(tagged.tokens[idx[k]].norm for k in range(pos, end + 1))
            if tag == "country"
            else tagged.tokens[idx[end]].norm
        )
        out.append(Participant(key, pos, end))
        pos = end + 1
    return out


def _context(tagged: Tagged, idx: list[int], part: Participant, parts: list[Participant]) -> list[str]:
    taken = {p for q in parts for p in range(q.first, q.last + 1)}

    def usable(pos: int) -> bool:
        tag = tagged.tags[idx[pos]]
        return pos not in taken and tag not in ("punct", "quote", "office")

    left = [tagged.tokens[idx[p]].norm for p in range(part.first - 1, -1, -1) if usable(p)][:_CONTEXT]
    right = [tagged.tokens[idx[p]].norm for p in range(part.last + 1, len(idx)) if usable(p)][:_CONTEXT]
    left += [_PAD] * (_CONTEXT - len(left))
    right += [_PAD] * (_CONTEXT - len(right))
    return left + right


def _same(a: list[str], b: list[str]) -> int:
    return sum(x == y and x != _PAD for x, y in zip(a, b, strict=True))


def find_swaps(
    orig: Tagged, orig_idx: list[int], copy: Tagged, copy_idx: list[int], *, lexicon: Lexicon
) -> list[Swap]:
    parts_o = participants(orig, orig_idx)
    parts_c = participants(copy, copy_idx)
    count_o = Counter(p.key for p in parts_o)
    count_c = Counter(p.key for p in parts_c)
    once = [p for p in parts_o if count_o[p.key] == 1 and count_c[p.key] == 1]
    by_key_c = {p.key: p for p in parts_c}
    used: set[str] = set()
    swaps: list[Swap] = []
    for a, x in enumerate(once):
        for y in once[a + 1 :]:
            if x.key in used or y.key in used or x.key == y.key:
                continue
            xc, yc = by_key_c[x.key], by_key_c[y.key]
            if xc.first < yc.first:
                continue  # same order in the copy
            between = [
                orig.tokens[orig_idx[p]].norm
                for p in range(x.last + 1, y.first)
                if orig.tags[orig_idx[p]] not in ("name", "country", "office")
            ]
            if all(w in lexicon.symmetric_links for w in between):
                continue
            ctx_ox, ctx_oy = _context(orig, orig_idx, x, parts_o), _context(orig, orig_idx, y, parts_o)
            ctx_cx, ctx_cy = _context(copy, copy_idx, xc, parts_c), _context(copy, copy_idx, yc, parts_c)
            crossed = _same(ctx_ox, ctx_cy) + _same(ctx_oy, ctx_cx)
            straight = _same(ctx_ox, ctx_cx) + _same(ctx_oy, ctx_cy)
            if crossed >= 3 and crossed > straight + 1:
                swaps.append(Swap(x, y, xc, yc))
                used.update((x.key, y.key))
    return swaps
