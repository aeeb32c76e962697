"""Proper names next to titles: the words a person's name is made of, read off the text.

Used where the NER model may miss a name ("Defence Minister Andrii Taran"):
after or before a title, a run of capitalised words (with particles such as
``von``, initials such as ``J.``, and ranks or honorifics stripped) is a name.
Pure text functions; offsets are character offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sitrep.kb import KnowledgeBase, Qualifier

__all__ = ["name_after", "name_before", "qualifier_before", "rank_after", "rank_before"]

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_BLANKS = re.compile(r"[ \t]+")


def _skip_blanks(text: str, pos: int) -> int:
    """The first offset at or after ``pos`` that is not a space or tab."""
    gap = _BLANKS.match(text, pos)
    return gap.end() if gap else pos


@lru_cache(maxsize=8)
def _longest_first(ranks: tuple[str, ...], honorifics: tuple[str, ...]) -> tuple[str, ...]:
    """Ranks and honorifics, longest first (sorted once per knowledge base, not per call)."""
    return tuple(sorted((*ranks, *honorifics), key=len, reverse=True))


def _words_from(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = pos
    while len(out) < limit:
        j = _skip_blanks(text, i)
        if out and j == i:
            break
        m = _WORD.match(text, j)
        if not m:
            break
        out.append((m.start(), m.end()))
        i = m.end()
        if text[m.end() - 1 : m.end()] in {","} or text[i : i + 1] in {",", ";", ":", ")", "("}:
            break
    return out


def _strip_token(text: str, start: int, end: int) -> tuple[int, int]:
    word = text[start:end]
    for tail in ("'s", "’s"):
        if word.endswith(tail):
            return start, end - len(tail)
    while end > start and text[end - 1] in ".-'’" and not re.fullmatch(r"(?:[A-Z]\.)+", text[start:end]):
        end -= 1
    return start, end


def _is_name_word(word: str, kb: KnowledgeBase) -> bool:
    # "al-Ezzi", "bin-Salman": a lowercase particle joined to a capitalised name
    head, dash, rest = word.partition("-")
    if dash and head.lower() in kb.name_particles and rest[:1].isupper():
        return True
    if not word or not word[0].isupper() or word in kb.not_names:
        return False
    return not (len(word) > 1 and word.isupper() and kb.organisation(word) is not None)


def rank_after(text: str, pos: int, kb: KnowledgeBase) -> int:
    """Position after any ranks and honorifics starting at ``pos`` ("Maj. Gen. Pat" -> at "Pat")."""
    prefixes = _longest_first(kb.ranks, kb.honorifics)
    moved = True
    while moved:
        moved = False
        at = _skip_blanks(text, pos)
        for prefix in prefixes:
            stop = at + len(prefix)
            if text.startswith(prefix, at) and (prefix.endswith(".") or text[stop : stop + 1] == " "):
                pos = stop
                moved = True
                break
    return pos


def rank_before(text: str, start: int, kb: KnowledgeBase) -> int:
    """Start of any ranks and honorifics ending just before ``start`` ("Gen. Mark" -> at "Gen.")."""
    prefixes = _longest_first(kb.ranks, kb.honorifics)
    moved = True
    while moved:
        moved = False
        end = start  # the text before ``start`` without trailing blanks, as an end offset (no copy)
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        for prefix in prefixes:
            n = len(prefix)
            if text.endswith(prefix, 0, end) and (end == n or not text[end - n - 1].isalnum()):
                start = end - n
                moved = True
                break
    return start


def name_after(text: str, pos: int, kb: KnowledgeBase, *, limit: int = 4) -> tuple[int, int] | None:
    """The personal name that starts at ``pos`` (after spaces, ranks, honorifics), or ``None``."""
    pos = rank_after(text, pos, kb)
    spans = _words_from(text, pos, limit + 2)
    particles = set(kb.name_particles)
    taken: list[tuple[int, int]] = []
    for k, (start, end) in enumerate(spans):
        word = text[start:end].rstrip(",")
        if _is_name_word(word, kb) or (word in particles and taken and _capital_follows(text, spans, k + 1, particles)):
            taken.append(_strip_token(text, start, end))
            raw = text[start:end]
            sentence_end = raw.endswith(".") and not re.fullmatch(r"[A-Z]\.|Jr\.|Sr\.|St\.", raw)
            if len(taken) >= limit or raw.endswith(("'s", "’s")) or sentence_end:
                break
            continue
        break
    while taken and text[taken[-1][0] : taken[-1][1]] in particles:
        taken.pop()
    if not taken:
        return None
    return _plausible(text, taken, kb)


def _capital_follows(text: str, spans: Sequence[tuple[int, int]], k: int, particles: set[str]) -> bool:
    """After any further particles ("von der"), the next word is capitalised."""
    while k < len(spans) and text[spans[k][0] : spans[k][1]] in particles:
        k += 1
    return k < len(spans) and text[spans[k][0]].isupper()


def name_before(text: str, end: int, kb: KnowledgeBase, *, limit: int = 4) -> tuple[int, int] | None:
    """The personal name that ends at ``end`` (right before a comma), or ``None``."""
    tokens = list(_WORD.finditer(text, max(0, end - 80), end))
    taken: list[tuple[int, int]] = []
    particles = set(kb.name_particles)
    expect_end = end
    for m in reversed(tokens):
        start, stop = m.start(), m.end()
        if text[stop:expect_end].strip(" \t") != "":
            break
        word = text[start:stop]
        if taken and word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|Jr\.|Sr\.|St\.", word):
            break  # "on Monday. Farid Guliyev": the sentence before ends there
        if not (_is_name_word(word, kb) or (word in particles and taken)):
            break
        taken.insert(0, _strip_token(text, start, stop))
        expect_end = start
        if len(taken) >= limit:
            break
    while taken and text[taken[0][0] : taken[0][1]] in particles:
        taken.pop(0)
    # ranks, honorifics and qualifiers are not part of the name ("U.S. General Mark Milley")
    prefixes = _longest_first(kb.ranks, kb.honorifics)
    stripped = True
    while stripped and len(taken) > 1:
        stripped = False
        first_word = text[taken[0][0] : taken[0][1]]
        # a country or its adjective ("U.S. General Mark Milley"), not a capital that is also a first name ("Douglas")
        is_country = kb.country_name(first_word) is not None or kb.demonym(first_word) is not None
        if is_country and kb.person(text[taken[0][0] : taken[-1][1]]) is None:
            taken.pop(0)
            stripped = True
            continue
        run = text[taken[0][0] : taken[-1][1]]
        for rank in prefixes:
            if run == rank or run.startswith(rank + " ") or first_word == rank.rstrip("."):
                cut = taken[0][0] + len(rank)
                rest = [t for t in taken if t[0] >= cut]
                if rest:
                    taken = rest
                    stripped = True
                break
    if not taken:
        return None
    return _plausible(text, taken, kb)


def _plausible(text: str, taken: Sequence[tuple[int, int]], kb: KnowledgeBase) -> tuple[int, int] | None:
    start, end = taken[0][0], taken[-1][1]
    name = text[start:end]
    if kb.person(name) is not None:
        return start, end
    if kb.country(name) or kb.organisation(name) or kb.office(name) or kb.metonym(name):
        return None
    if any(hit.start == 0 for hit in kb.find_titles(name)):
        return None
    if len(taken) == 1 and not kb.by_surname(name):
        return None
    return start, end


_QWORD = re.compile(r"[\w'’.\-]+")


def qualifier_before(text: str, end: int, kb: KnowledgeBase, *, max_words: int = 5) -> tuple[int, Qualifier] | None:
    """The country or body named by the words ending at ``end`` ("U.S.", "Ukraine's", "the Pentagon"), longest first."""
    window_start = max(0, end - 70)
    words = list(_QWORD.finditer(text, window_start, end))
    if not words or text[words[-1].end() : end].strip():
        return None
    for n in range(min(max_words, len(words)), 0, -1):
        first = words[-n]
        if n < len(words) and words[-n - 1].end() == first.start():
            continue
        candidate = text[first.start() : words[-1].end()]
        if not candidate[:1].isupper():
            continue
        qualifier = kb.qualify(candidate)
        if qualifier is not None:
            return first.start(), qualifier
    return None
