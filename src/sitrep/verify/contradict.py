"""Added sentences that restate a number or date of the original with another value.

A sentence the copy adds is checked against the original: a number counting
the same thing (the same noun after it, or a synonym: "troops"/"soldiers") with
another value, or a weekday given for the same named person with another day.
When the copy also keeps the original value elsewhere it now contradicts
itself (``internal_contradiction``); otherwise the added sentence carries a
changed value (``number_change``/``date_change``, medium: it has no aligned
partner to confirm what it restates).
"""

from __future__ import annotations

from sitrep.verify.lexicon import Lexicon
from sitrep.verify.records import Edit, Span
from sitrep.verify.tags import Tagged

__all__ = ["added_sentence_conflicts"]

_SKIP = frozenset(
    {"more", "than", "about", "some", "around", "nearly", "almost", "over", "of", "the", "-", "$"}
)


def _unit(tagged: Tagged, k: int) -> str | None:
    for j in range(k + 1, min(k + 4, len(tagged.tokens))):
        tok = tagged.tokens[j]
        if tagged.tags[j] == "num" or tok.norm in _SKIP:
            continue
        return tok.norm if tok.kind == "word" else None
    return None


def _same_unit(a: str, b: str, lexicon: Lexicon) -> bool:
    return a == b or lexicon.synonyms(a, b)


def _numbers(tagged: Tagged, lo: int, hi: int) -> list[tuple[int, float, str]]:
    out = []
    for k in range(lo, hi):
        value = tagged.values[k]
        unit = _unit(tagged, k) if tagged.tags[k] == "num" and value is not None else None
        if value is not None and unit is not None:
            out.append((k, value, unit))
    return out


def _span(tagged: Tagged, k: int, j: int) -> Span:
    start, end = tagged.tokens[k].start, tagged.tokens[j].end
    return Span(start, end, tagged.text[start:end])


def _unit_end(tagged: Tagged, k: int) -> int:
    for j in range(k + 1, min(k + 4, len(tagged.tokens))):
        if tagged.tags[j] != "num" and tagged.tokens[j].norm not in _SKIP:
            return j
    return k


def _contradiction(orig_span: Span, copy_span: Span, detail: str) -> Edit:
    """A high ``internal_contradiction``: the copy's added ``copy_span`` disagrees with ``orig_span``,
    whose value the copy also keeps elsewhere; ``detail`` completes "the copy contradicts itself: "."""
    return Edit("internal_contradiction", "high", orig_span, copy_span, f"the copy contradicts itself: {detail}")


def added_sentence_conflicts(orig: Tagged, copy: Tagged, lo: int, hi: int, *, lexicon: Lexicon) -> list[Edit]:
    """Conflicts between the copy's added sentence (token range ``lo:hi``) and the original."""
    edits: list[Edit] = []
    orig_numbers = _numbers(orig, 0, len(orig.tokens))
    copy_rest = _numbers(copy, 0, lo) + _numbers(copy, hi, len(copy.tokens))
    for k, value, unit in _numbers(copy, lo, hi):
        same = [(j, v) for j, v, u in orig_numbers if _same_unit(u, unit, lexicon)]
        if not same or any(v == value for _, v in same):
            continue
        j, v = same[0]
        kept = any(cv == v and _same_unit(cu, unit, lexicon) for _, cv, cu in copy_rest)
        so, sc = _span(orig, j, _unit_end(orig, j)), _span(copy, k, _unit_end(copy, k))
        if kept:
            edits.append(_contradiction(so, sc, f'it adds "{sc.text}" but also keeps "{so.text}" from the original'))
        else:
            edits.append(
                Edit(
                    "number_change",
                    "medium",
                    so,
                    sc,
                    f'an added sentence gives "{sc.text}"; the original has "{so.text}"',
                )
            )
    edits.extend(_weekday_conflicts(orig, copy, lo, hi, lexicon=lexicon))
    return edits


def _weekday_conflicts(orig: Tagged, copy: Tagged, lo: int, hi: int, *, lexicon: Lexicon) -> list[Edit]:
    names = {copy.tokens[k].norm for k in range(lo, hi) if copy.tags[k] == "name"}
    days = [k for k in range(lo, hi) if copy.tokens[k].norm in lexicon.weekdays]
    edits: list[Edit] = []
    if not names or not days:
        return edits
    for k in days:
        day = copy.tokens[k].norm
        pairs_o = _name_days(orig, 0, len(orig.tokens), names, lexicon)
        if not pairs_o or any(d == day for _, d in pairs_o):
            continue
        j, other = pairs_o[0]
        kept = any(
            d == other
            for _, d in _name_days(copy, 0, lo, names, lexicon)
            + _name_days(copy, hi, len(copy.tokens), names, lexicon)
        )
        so, sc = _span(orig, j, j), _span(copy, k, k)
        if kept:
            edits.append(
                _contradiction(so, sc, f'an added sentence dates it "{sc.text}", earlier it says "{so.text}"')
            )
        else:
            edits.append(
                Edit(
                    "date_change",
                    "medium",
                    so,
                    sc,
                    f'an added sentence says "{sc.text}"; the original has "{so.text}"',
                )
            )
    return edits


def _name_days(tagged: Tagged, lo: int, hi: int, names: set[str], lexicon: Lexicon) -> list[tuple[int, str]]:
    """(token, weekday) for each sentence in ``lo:hi`` that names one of ``names`` and a weekday."""
    out: list[tuple[int, str]] = []
    for s_lo, s_hi in tagged.sentence_tokens:
        a, b = max(s_lo, lo), min(s_hi, hi)
        if a >= b or not any(
            tagged.tags[k] == "name" and tagged.tokens[k].norm in names for k in range(a, b)
        ):
            continue
        out.extend(
            (k, tagged.tokens[k].norm) for k in range(a, b) if tagged.tokens[k].norm in lexicon.weekdays
        )
    return out
