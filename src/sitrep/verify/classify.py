"""Edits inside one aligned sentence group, each classified as fact-changing or harmless.

The two sides are diffed word by word (``difflib`` on normalised tokens).
Swapped participants are found first (:mod:`sitrep.verify.swaps`); words that
were deleted in one place and inserted in another are a *reorder*; what is left
of each changed chunk is compared class by class: negations and qualifiers,
numbers, dates, countries, offices, names. A class that changed on both sides
is a fact-changing edit with the exact words on each side; a chunk with no such
change is a synonym, paraphrase, typography or boilerplate edit, or, when a
longer passage was only added or only left out, ``content_added`` /
``content_dropped`` (low severity).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sitrep.verify.lexicon import Lexicon
from sitrep.verify.records import Edit, Span
from sitrep.verify.swaps import find_swaps
from sitrep.verify.tags import Tagged

__all__ = ["Side", "diff_group", "side_span"]

NAME_CORRUPTION_MIN = 0.75
SMALL_CHUNK = 4
_SEVERITY = {"quote_changed": "medium", "qualifier_dropped": "medium"}
_HARMLESS_SEVERITY = "none"
_Spans = Callable[[Iterable[int], Iterable[int]], tuple[Span, Span]]


@dataclass(slots=True)
class Side:
    tagged: Tagged
    idx: list[int]  # global token indices of the group's sentences, in order

    def tok_text(self, pos: int) -> str:
        return self.tagged.tokens[self.idx[pos]].text

    def tag(self, pos: int) -> str:
        return self.tagged.tags[self.idx[pos]]

    def norm(self, pos: int) -> str:
        return self.tagged.tokens[self.idx[pos]].norm


def side_span(side: Side, positions: Iterable[int], *, at: int) -> Span:
    """The character span covering ``positions`` (an insertion point before position ``at`` if none)."""
    pos = sorted(positions)
    tokens = side.tagged.tokens
    if not pos:
        if at < len(side.idx):
            point = tokens[side.idx[at]].start
        elif side.idx:
            point = tokens[side.idx[-1]].end
        else:
            point = 0
        return Span(point, point, "")
    start, end = tokens[side.idx[pos[0]]].start, tokens[side.idx[pos[-1]]].end
    return Span(start, end, side.tagged.text[start:end])


def _edit(kind: str, orig: Span, copy: Span, message: str, *, fact: bool = True) -> Edit:
    severity = _SEVERITY.get(kind, "high") if fact else _HARMLESS_SEVERITY
    return Edit(kind, severity, orig, copy, message)


def diff_group(orig: Side, copy: Side, *, lexicon: Lexicon) -> list[Edit]:
    """Every edit between the two sides of one aligned group."""
    edits: list[Edit] = []
    taken_o: set[int] = set()
    taken_c: set[int] = set()
    for swap in find_swaps(orig.tagged, orig.idx, copy.tagged, copy.idx, lexicon=lexicon):
        lo_o, hi_o = min(swap.x.first, swap.y.first), max(swap.x.last, swap.y.last)
        lo_c, hi_c = min(swap.x_copy.first, swap.y_copy.first), max(swap.x_copy.last, swap.y_copy.last)
        for part in (swap.x, swap.y):
            taken_o.update(range(part.first, part.last + 1))
        for part in (swap.x_copy, swap.y_copy):
            taken_c.update(range(part.first, part.last + 1))
        o_span = side_span(orig, range(lo_o, hi_o + 1), at=lo_o)
        c_span = side_span(copy, range(lo_c, hi_c + 1), at=lo_c)
        x_text = side_span(orig, range(swap.x.first, swap.x.last + 1), at=0).text
        y_text = side_span(orig, range(swap.y.first, swap.y.last + 1), at=0).text
        edits.append(
            _edit(
                "actor_swap",
                o_span,
                c_span,
                f'who did what to whom is reversed: the original has "{o_span.text}", '
                f'the copy "{c_span.text}" ({x_text} and {y_text} traded places)',
            )
        )
    a = [orig.norm(p) for p in range(len(orig.idx))]
    b = [copy.norm(p) for p in range(len(copy.idx))]
    chunks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            rem_o = [p for p in range(i1, i2) if p not in taken_o]
            rem_c = [p for p in range(j1, j2) if p not in taken_c]
            chunks.append((i1, j1, rem_o, rem_c))
    moved_o, moved_c = _moved(orig, copy, chunks)
    for i1, j1, rem_o, rem_c in chunks:
        left_o = [p for p in rem_o if p not in moved_o]
        left_c = [p for p in rem_c if p not in moved_c]
        if not rem_o and not rem_c:
            continue
        if not _content(orig, left_o) and not _content(copy, left_c):
            kind = "reorder" if len(left_o) < len(rem_o) or len(left_c) < len(rem_c) else "typography"
            o_span, c_span = side_span(orig, rem_o, at=i1), side_span(copy, rem_c, at=j1)
            message = (
                f'word order changed: "{o_span.text}" moved, the words are the same'
                if kind == "reorder"
                else f'punctuation or typography only: "{o_span.text}" became "{c_span.text}"'
            )
            edits.append(_edit(kind, o_span, c_span, message, fact=False))
            continue
        edits.extend(_classify_chunk(orig, copy, left_o, left_c, i1, j1, lexicon=lexicon))
    return edits


def _content(side: Side, positions: list[int]) -> bool:
    return any(side.tag(p) not in ("punct", "quote") and side.norm(p) != "'s" for p in positions)


def _moved(
    orig: Side, copy: Side, chunks: list[tuple[int, int, list[int], list[int]]]
) -> tuple[set[int], set[int]]:
    """Positions of words deleted in one place and inserted in another (or within one chunk)."""
    pool: dict[str, list[int]] = {}
    for _, _, _, rem_c in chunks:
        for p in rem_c:
            if copy.tag(p) not in ("punct", "quote"):
                pool.setdefault(copy.norm(p), []).append(p)
    moved_o: set[int] = set()
    moved_c: set[int] = set()
    for _, _, rem_o, _ in chunks:
        for p in rem_o:
            spots = pool.get(orig.norm(p))
            if spots and orig.tag(p) not in ("punct", "quote"):
                moved_o.add(p)
                moved_c.add(spots.pop(0))
    return moved_o, moved_c


def _of(side: Side, positions: list[int], *tags: str) -> list[int]:
    return [p for p in positions if side.tag(p) in tags]


def _runs(side: Side, positions: list[int], tag: str) -> list[list[int]]:
    out: list[list[int]] = []
    for p in positions:
        if side.tag(p) != tag:
            continue
        if out and out[-1][-1] == p - 1:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _phrases(side: Side, positions: list[int], phrases: tuple[tuple[str, ...], ...]) -> list[list[int]]:
    """Occurrences of lexicon phrases among consecutive ``positions``."""
    found: list[list[int]] = []
    taken: set[int] = set()
    pos_set = set(positions)
    for p in positions:
        for phrase in phrases:
            span = list(range(p, p + len(phrase)))
            if any(q not in pos_set or q in taken for q in span):
                continue
            if tuple(side.norm(q) for q in span) == phrase:
                found.append(span)
                taken.update(span)
                break
    return found


def _classify_chunk(
    orig: Side, copy: Side, lo: list[int], lc: list[int], i1: int, j1: int, *, lexicon: Lexicon
) -> list[Edit]:
    edits: list[Edit] = []

    def spans(po: Iterable[int], pc: Iterable[int]) -> tuple[Span, Span]:
        return side_span(orig, po, at=i1), side_span(copy, pc, at=j1)

    # negation and qualifiers
    neg_o, neg_c = _of(orig, lo, "neg"), _of(copy, lc, "neg")
    if len(neg_o) != len(neg_c):
        so, sc = spans(neg_o, neg_c)
        if len(neg_o) > len(neg_c) and all(orig.tagged.in_quote[orig.idx[p]] for p in neg_o):
            edits.append(
                _edit("quote_qualifier_dropped", so, sc, f'"{so.text}" was removed from inside a quotation')
            )
        elif len(neg_o) > len(neg_c):
            edits.append(_edit("negation_change", so, sc, f'the negation "{so.text}" was removed'))
        else:
            edits.append(_edit("negation_change", so, sc, f'a negation "{sc.text}" was added'))
    qual_c = {tuple(copy.norm(q) for q in ph) for ph in _phrases(copy, lc, lexicon.quote_qualifiers)}
    for phrase in _phrases(orig, lo, lexicon.quote_qualifiers):
        words = tuple(orig.norm(q) for q in phrase)
        if words in qual_c or words[0] in lexicon.negations:
            continue
        so, sc = spans(phrase, [])
        if orig.tagged.in_quote[orig.idx[phrase[0]]]:
            edits.append(
                _edit(
                    "quote_qualifier_dropped",
                    so,
                    sc,
                    f'the qualifier "{so.text}" was removed from a quotation',
                )
            )
        elif words in lexicon.hedges:
            edits.append(_edit("qualifier_dropped", so, sc, f'the hedge "{so.text}" was removed'))
    # values
    edits.extend(_numbers(orig, copy, lo, lc, spans))
    date_o, date_c = _of(orig, lo, "date"), _of(copy, lc, "date")
    if date_o and date_c and Counter(orig.norm(p) for p in date_o) != Counter(copy.norm(p) for p in date_c):
        so, sc = spans(date_o, date_c)
        edits.append(_edit("date_change", so, sc, f'date changed: "{so.text}" became "{sc.text}"'))
    edits.extend(_countries(orig, copy, lo, lc, spans, lexicon=lexicon))
    off_o, off_c = _of(orig, lo, "office"), _of(copy, lc, "office")
    offices_differ = Counter(orig.norm(p) for p in off_o) != Counter(copy.norm(p) for p in off_c)
    if off_o and off_c and offices_differ and _names_follow(copy, lc):
        so, sc = spans(off_o, off_c)
        edits.append(_edit("role_change", so, sc, f'office changed: "{so.text}" became "{sc.text}"'))
    edits.extend(_names(orig, copy, lo, lc, spans, lexicon=lexicon))
    if edits:
        return edits
    return [_harmless(orig, copy, lo, lc, spans, lexicon=lexicon)]


def _numbers(orig: Side, copy: Side, lo: list[int], lc: list[int], spans: _Spans) -> list[Edit]:
    num_o = [p for p in _of(orig, lo, "num") if orig.tagged.values[orig.idx[p]] is not None]
    num_c = [p for p in _of(copy, lc, "num") if copy.tagged.values[copy.idx[p]] is not None]
    if not num_o or not num_c:
        return []
    val_o = Counter(orig.tagged.values[orig.idx[p]] for p in num_o)
    val_c = Counter(copy.tagged.values[copy.idx[p]] for p in num_c)
    if val_o == val_c:
        return []
    only_o = val_o - val_c
    only_c = val_c - val_o
    po = [p for p in num_o if orig.tagged.values[orig.idx[p]] in only_o]
    pc = [p for p in num_c if copy.tagged.values[copy.idx[p]] in only_c]
    so, sc = spans(po or num_o, pc or num_c)
    return [_edit("number_change", so, sc, f'number changed: "{so.text}" became "{sc.text}"')]


def _countries(
    orig: Side, copy: Side, lo: list[int], lc: list[int], spans: _Spans, *, lexicon: Lexicon
) -> list[Edit]:
    cty_o, cty_c = _of(orig, lo, "country"), _of(copy, lc, "country")
    if not cty_o or not cty_c:
        return []
    codes_o = Counter(orig.tagged.codes[orig.idx[p]] for p in _runs_first(orig, cty_o))
    codes_c = Counter(copy.tagged.codes[copy.idx[p]] for p in _runs_first(copy, cty_c))
    if codes_o == codes_c:
        return []
    so, sc = spans(cty_o, cty_c)
    attributive = any(
        copy.norm(p) in lexicon.demonyms
        or (p + 1 < len(copy.idx) and copy.tag(p + 1) in ("office", "name"))
        or _in_role(copy, p)
        for p in cty_c
    )
    role = next((r for p in cty_c for r in [_in_role(copy, p)] if r), None)
    if attributive:
        where = f" (role: {role})" if role else ""
        return [
            _edit(
                "affiliation_change",
                so,
                sc,
                f'country affiliation changed: "{so.text}" became "{sc.text}"{where}',
            )
        ]
    return [_edit("entity_change", so, sc, f'country changed: "{so.text}" became "{sc.text}"')]


def _runs_first(side: Side, positions: list[int]) -> list[int]:
    """The first position of each run of one country mention."""
    out: list[int] = []
    for p in positions:
        same_run = (
            out and out[-1] == p - 1 and side.tagged.codes[side.idx[p]] == side.tagged.codes[side.idx[p - 1]]
        )
        if not same_run:
            out.append(p)
    return out


def _in_role(side: Side, pos: int) -> str | None:
    tok = side.tagged.tokens[side.idx[pos]]
    for start, end, what in side.tagged.role_spans:
        if start <= tok.start and tok.end <= end:
            return what
    return None


def _names_follow(copy: Side, lc: list[int]) -> bool:
    end = max(lc) + 1
    return any(copy.tag(p) == "name" for p in range(end, min(end + 3, len(copy.idx))))


def _names(
    orig: Side, copy: Side, lo: list[int], lc: list[int], spans: _Spans, *, lexicon: Lexicon
) -> list[Edit]:
    runs_o, runs_c = _runs(orig, lo, "name"), _runs(copy, lc, "name")
    if not runs_o or not runs_c:
        return []
    edits: list[Edit] = []
    for ro, rc in zip(runs_o, runs_c, strict=False):
        so, sc = spans(ro, rc)
        if so.text.casefold() == sc.text.casefold():
            continue
        ratio = difflib.SequenceMatcher(None, so.text.casefold(), sc.text.casefold()).ratio()
        if ratio >= NAME_CORRUPTION_MIN and min(len(so.text), len(sc.text)) >= 4:
            edits.append(
                _edit(
                    "name_corruption",
                    so,
                    sc,
                    f'name misspelt: "{so.text}" became "{sc.text}" (a different name)',
                )
            )
        elif _speaker_context(copy, rc, lexicon=lexicon) or _speaker_context(orig, ro, lexicon=lexicon):
            edits.append(
                _edit(
                    "quote_speaker_change",
                    so,
                    sc,
                    f'the words are attributed to "{sc.text}" instead of "{so.text}"',
                )
            )
        else:
            edits.append(_edit("entity_change", so, sc, f'name changed: "{so.text}" became "{sc.text}"'))
    return edits


def _speaker_context(side: Side, run: list[int], *, lexicon: Lexicon) -> bool:
    if any(side.tagged.speaker[side.idx[p]] for p in run):
        return True
    if any(side.tagged.in_quote[side.idx[p]] for p in run):
        return False
    near = list(range(max(0, run[0] - 3), run[0])) + list(range(run[-1] + 1, min(len(side.idx), run[-1] + 4)))
    return any(side.norm(p) in lexicon.reporting_verbs for p in near)


def _harmless(
    orig: Side, copy: Side, lo: list[int], lc: list[int], spans: _Spans, *, lexicon: Lexicon
) -> Edit:
    so, sc = spans(lo, lc)
    words_o = [p for p in lo if orig.tag(p) not in ("punct", "quote")]
    words_c = [p for p in lc if copy.tag(p) not in ("punct", "quote")]
    quoted = any(orig.tagged.in_quote[orig.idx[p]] for p in words_o) or any(
        copy.tagged.in_quote[copy.idx[p]] for p in words_c
    )
    if quoted and not lexicon.synonyms(so.text, sc.text):
        return _edit(
            "quote_changed", so, sc, f'words inside a quotation changed: "{so.text}" became "{sc.text}"'
        )
    if so.text and sc.text and lexicon.synonyms(so.text, sc.text):
        return _edit("synonym", so, sc, f'synonym: "{so.text}" became "{sc.text}"', fact=False)
    if lexicon.is_boilerplate(so.text or sc.text):
        return _edit("boilerplate", so, sc, f'boilerplate changed: "{so.text or sc.text}"', fact=False)
    if (len(words_o) <= SMALL_CHUNK and len(words_c) <= SMALL_CHUNK) or (words_o and words_c):
        return _edit("paraphrase", so, sc, f'reworded: "{so.text}" became "{sc.text}"', fact=False)
    if words_o:
        return Edit("content_dropped", "low", so, sc, f'the copy leaves out "{so.text}"')
    return Edit("content_added", "low", so, sc, f'the copy adds "{sc.text}"')
