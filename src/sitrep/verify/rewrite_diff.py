"""Rewrite diff: what a near-copy or rewrite changed, sentence by sentence.

:func:`diff_articles` aligns the copy to the original by word overlap
(:mod:`sitrep.verify.align`: reordered, split, merged, dropped and added
sentences), lists the edits inside each aligned group
(:mod:`sitrep.verify.classify`), and checks sentences the copy added against the
original (:mod:`sitrep.verify.contradict`). Each edit says whether it changes a
fact (a name, an affiliation, an office, a number, a date, a negation, who did
what to whom, a qualifier or the speaker of a quotation) or is harmless
(synonym, reorder, paraphrase, typography, boilerplate), with the spans on both
sides. Plain text is enough; the reading layers, when given, sharpen names,
countries, quotation and speaker spans and roles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sitrep.model import Article
from sitrep.nlp.layers import Reading
from sitrep.verify.align import align_sentences
from sitrep.verify.classify import Side, diff_group
from sitrep.verify.contradict import added_sentence_conflicts
from sitrep.verify.lexicon import Lexicon, load_lexicon
from sitrep.verify.records import Edit, RewriteDiff, SentencePair, Span
from sitrep.verify.tags import Tagged, tag_article

__all__ = ["CONFIDENT_SIMILARITY", "diff_articles", "diff_texts"]

#: Below this word overlap two aligned sentences may not say the same thing, so
#: their fact-changing edits are uncertain: low severity.
CONFIDENT_SIMILARITY = 0.5


def diff_articles(
    original: Article,
    copy: Article,
    *,
    reading_original: Reading | None = None,
    reading_copy: Reading | None = None,
    lexicon: Lexicon | None = None,
) -> RewriteDiff:
    """Align ``copy`` to ``original`` and list every edit between them."""
    return diff_texts(
        original.text,
        copy.text,
        original_id=original.id,
        copy_id=copy.id,
        reading_original=reading_original,
        reading_copy=reading_copy,
        lexicon=lexicon,
    )


def diff_texts(
    original: str,
    copy: str,
    *,
    original_id: str = "original",
    copy_id: str = "copy",
    reading_original: Reading | None = None,
    reading_copy: Reading | None = None,
    lexicon: Lexicon | None = None,
) -> RewriteDiff:
    """:func:`diff_articles` for two plain texts."""
    lex = lexicon or load_lexicon()
    orig = tag_article(original, lexicon=lex, reading=reading_original)
    cop = tag_article(copy, lexicon=lex, reading=reading_copy)
    sents_o = [orig.tokens[lo:hi] for lo, hi in orig.sentence_tokens]
    sents_c = [cop.tokens[lo:hi] for lo, hi in cop.sentence_tokens]
    diff = RewriteDiff(original_id, copy_id)
    for group in align_sentences(sents_o, sents_c):
        idx_o = _indices(orig, group.original)
        idx_c = _indices(cop, group.copy)
        spans_o = tuple(orig.sentences[i] for i in group.original)
        spans_c = tuple(cop.sentences[j] for j in group.copy)
        similarity = _similarity(orig, idx_o, cop, idx_c)
        diff.pairs.append(SentencePair(spans_o, spans_c, similarity))
        if idx_o and idx_c:
            edits = diff_group(Side(orig, idx_o), Side(cop, idx_c), lexicon=lex)
            if similarity < CONFIDENT_SIMILARITY:
                edits = [_uncertain(e) for e in edits]
            diff.edits.extend(edits)
        elif idx_o:
            diff.edits.append(_unpaired(orig, spans_o[0], dropped=True, lexicon=lex))
        else:
            lo, hi = cop.sentence_tokens[group.copy[0]]
            conflicts = added_sentence_conflicts(orig, cop, lo, hi, lexicon=lex)
            diff.edits.extend(conflicts or [_unpaired(cop, spans_c[0], dropped=False, lexicon=lex)])
    diff.edits.sort(key=lambda e: (e.copy.start, e.original.start))
    return diff


def _uncertain(edit: Edit) -> Edit:
    if not edit.fact_changing or edit.severity == "low":
        return edit
    return replace(
        edit, severity="low", message=f"{edit.message} (uncertain: the sentences only loosely match)"
    )


def _indices(tagged: Tagged, sentences: list[int]) -> list[int]:
    out: list[int] = []
    for i in sentences:
        lo, hi = tagged.sentence_tokens[i]
        out.extend(range(lo, hi))
    return out


def _similarity(orig: Tagged, idx_o: list[int], cop: Tagged, idx_c: list[int]) -> float:
    a = [orig.tokens[k].norm for k in idx_o]
    b = [cop.tokens[k].norm for k in idx_c]
    if a == b:
        return 1.0 if a else 0.0
    bag_a, bag_b = Counter(a), Counter(b)
    return min(0.9999, round(2 * sum((bag_a & bag_b).values()) / (len(a) + len(b)), 4))


def _unpaired(tagged: Tagged, span: tuple[int, int], *, dropped: bool, lexicon: Lexicon) -> Edit:
    start, end = span
    text = tagged.text[start:end]
    here, empty = Span(start, end, text), Span(0, 0, "")
    if lexicon.is_boilerplate(text):
        message = f'boilerplate {"removed" if dropped else "added"}: "{text}"'
        return Edit("boilerplate", "none", here if dropped else empty, empty if dropped else here, message)
    if dropped:
        return Edit("sentence_dropped", "low", here, empty, f'the copy leaves out the sentence "{text}"')
    return Edit("sentence_added", "low", empty, here, f'the copy adds the sentence "{text}"')
