"""The figures (:mod:`sitrep.events.quantities`) each event of a sentence states: one event takes the whole
sentence; with several, the sentence is cut before each later trigger's clause, never between a currency sign
and its amount, and the clauses of other subjects are left out."""

from __future__ import annotations

import re
from itertools import pairwise
from string import ascii_letters
from typing import TYPE_CHECKING, Any

from sitrep.events.coder.predicates import predicate_of
from sitrep.events.coder.syntax import RELATIVE, RELATIVE_PRONOUNS, VERB_POS, subject_children
from sitrep.events.quantities import find_quantities, may_state_figures

if TYPE_CHECKING:
    from sitrep.events.coder.candidates import Candidate
    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Sentence

_FIGURE_PREFIX = re.compile(r"[$€£¥₴]")
_LETTERS = frozenset(ascii_letters)  # what the letter runs of :mod:`sitrep.events.quantities` are made of


def figure_segments(ctx: ArticleContext, sentence: Sentence, candidates: list[Candidate]) -> dict[int, dict[str, Any]]:
    """The figures each candidate's own stretch of the sentence states (keyed by ``id(candidate)``).

    One event takes the whole sentence. With several, the sentence is cut before each later trigger's
    clause (where the subtree of its predicate starts, not before the previous trigger): "Shoigu accused
    NATO of preparing *to deploy 40,000 troops* and said *Russia had shifted two armies*" gives the
    40,000 to the deployment NATO is accused of and the two armies to Russia's move, none to the
    accusation."""
    if not candidates:
        return {}  # (no event: no figures to look for)
    text = ctx.article.text[sentence.start : sentence.end]
    if len(candidates) < 2:
        whole = find_quantities(text)
        return {id(c): whole for c in candidates}
    if _figure_free(ctx, sentence, text):
        return {id(c): {} for c in candidates}  # no stretch of the sentence states a figure (most sentences)
    starts: list[tuple[int, int, int]] = []  # (trigger start, trigger end, candidate id), sentence-relative
    for cand in candidates:
        if cand.end > cand.start:
            starts.append((cand.start, cand.end, id(cand)))
        else:
            verb = ctx.first_verb(sentence)
            starts.append((verb.idx - sentence.start, verb.idx + len(verb.text) - sentence.start, id(cand)))
    starts.sort()
    cuts = [0]
    for (_, prev_end, _), (start, _, _) in pairwise(starts):
        clause = predicate_of(ctx.token_at(sentence.start + start)).left_edge.idx - sentence.start
        cut = max(prev_end, min(start, clause))
        while cut > prev_end and _FIGURE_PREFIX.fullmatch(text[cut - 1]):
            cut -= 1  # never between a currency sign and its amount ("the $|95 billion package")
        cuts.append(cut)
    cuts.append(len(text))
    out: dict[int, dict[str, Any]] = {}
    for k, (start, _, key) in enumerate(starts):
        stretch = _own_clause_text(ctx, sentence, text, start, cuts[k], cuts[k + 1])
        out[key] = find_quantities(stretch)
    return out


def _figure_free(ctx: ArticleContext, sentence: Sentence, text: str) -> bool:
    """Whether no stretch of the sentence with clauses blanked out can state a figure: the sentence has no digit and
    no number word (:func:`~sitrep.events.quantities.may_state_figures`) and no word of the parse begins or ends
    inside a run of its letters, so every letter run of a stretch is one of the sentence's."""
    if may_state_figures(text):
        return False
    size = len(text)
    for token in ctx.tokens[ctx.token_at(sentence.start).i :]:
        start = token.idx - sentence.start
        if start >= size:
            break
        for at in (start, start + len(token.text)):
            if 0 < at < size and text[at - 1] in _LETTERS and text[at] in _LETTERS:
                return False
    return True


def _own_clause_text(ctx: ArticleContext, sentence: Sentence, text: str, trigger: int, lo: int, hi: int) -> str:
    """``text[lo:hi]`` with the clauses of other subjects blanked out ("... and said *Russia had shifted two
    armies*" is not part of the deployment told before it); relative clauses stay ("the attack *that
    killed four*")."""
    token = ctx.token_at(sentence.start + trigger)
    own = {token.i, predicate_of(token).i, *(a.i for a in token.ancestors)}
    chars = list(text[lo:hi])
    first = ctx.token_at(sentence.start + lo)
    for verb in ctx.tokens[first.i : ctx.token_at(sentence.start + max(lo, hi - 1)).i + 1]:
        if verb.i in own or verb.pos_ not in VERB_POS or verb.dep_ in RELATIVE:
            continue
        if not any(c.lower_ not in RELATIVE_PRONOUNS for c in subject_children(verb)):
            continue
        a = max(lo, verb.left_edge.idx - sentence.start)
        b = min(hi, verb.right_edge.idx + len(verb.right_edge.text) - sentence.start)
        for i in range(a, b):
            chars[i - lo] = " "
    return "".join(chars)
