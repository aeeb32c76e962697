"""Flags from the rewrite diff: what a stored copy changed in the stored article it copies.

For every article the foundation linked as a near-copy or rewrite of another
stored article (``article_links`` of kind ``copy``, ``partial_copy`` or
``rewrite``), the copy is diffed against its original
(:func:`sitrep.verify.rewrite_diff.diff_texts`) and each fact-changing edit of
severity ``high`` or ``medium`` becomes a :class:`~sitrep.verify.flags.Flag` on
the copy: the claim is the copy's changed words, ``expected`` the original's
words, and the evidence the original's passage (``"source": "original"``) plus
the passages of other independent articles of the same story that state the
original's value in the same context (``"source": "independent"``; for a
reversed order, its names in the original's order around its verb in any
tense, also in articles of other stories published within
``REVERSAL_WINDOW_DAYS``). Severity
follows :func:`sitrep.verify.flags.judge_severity`: the original is in the
copy's own independence cluster, so it counts as one supporting source but
never as independent evidence; a flag whose only evidence is the original is
``medium``, and ``high`` (at most the edit's own severity) once an independent
cluster supports the original's value.

A copy's original is the linked article that copies nothing (else the earliest
linked one). Identical texts are not diffed. :func:`merge_flags` folds
cross-source flags of the same kind on the same words into the rewrite flag
(evidence merged, severity judged again on the merged evidence), so a claim is
flagged once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from sitrep.nlp.layers import Reading
from sitrep.verify.consensus import dates_compatible
from sitrep.verify.corpus import Corpus
from sitrep.verify.flags import SEVERITIES, Flag, judge_severity
from sitrep.verify.flags_reversal import REVERSAL_WINDOW_DAYS
from sitrep.verify.lexicon import Lexicon, load_flag_words
from sitrep.verify.records import Edit
from sitrep.verify.rewrite_diff import diff_texts

__all__ = ["COPY_LINK_KINDS", "EDIT_FLAG_KINDS", "merge_flags", "pick_originals", "rewrite_flags"]

#: Link kinds that make one article a copy of another.
COPY_LINK_KINDS = frozenset({"copy", "partial_copy", "rewrite"})
#: Fact-changing edit kind -> flag kind.
EDIT_FLAG_KINDS: dict[str, str] = {
    "entity_change": "entity",
    "name_corruption": "corrupted_name",
    "affiliation_change": "affiliation",
    "role_change": "affiliation",
    "number_change": "number",
    "date_change": "date",
    "negation_change": "negation",
    "actor_swap": "reversal",
    "quote_qualifier_dropped": "quote_changed",
    "quote_speaker_change": "quote_speaker",
    "quote_changed": "quote_changed",
    "qualifier_dropped": "qualifier",
    "internal_contradiction": "internal",
}
_WHAT = {
    "entity": "a name was replaced",
    "corrupted_name": "a name is misspelt",
    "affiliation": "a country or office changed",
    "number": "a number changed",
    "date": "a date changed",
    "negation": "a negation was added or removed",
    "reversal": "who did what to whom is reversed",
    "quote_changed": "the words of a quotation changed",
    "quote_speaker": "the quotation is given to another speaker",
    "qualifier": "a hedge was removed",
    "internal": "the copy now contradicts itself",
}
_FLAGGED_SEVERITIES = frozenset({"high", "medium"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+|\n+")
#: Shared context words (besides the value itself), in number and as a share of the smaller sentence's,
#: for another article's sentence to count as stating the original's value about the same thing.
MIN_CONTEXT_WORDS = 4
MIN_CONTEXT_SHARE = 0.3
_NAME_KINDS = frozenset({"name_corruption", "entity_change"})
_LEADING = re.compile(r"(?:\s|[,;:]\s|[\"”’)]\s)+")
MAX_INDEPENDENT_EVIDENCE = 3


def pick_originals(links: Iterable[Mapping[str, Any]], published: Mapping[str, str | None]) -> dict[str, str]:
    """Copy id -> the stored article it copies: a linked article that copies nothing, else the earliest."""
    linked: dict[str, set[str]] = {}
    for link in links:
        if link.get("kind") in COPY_LINK_KINDS:
            linked.setdefault(str(link["article_id"]), set()).add(str(link["other_id"]))
    copies = set(linked)

    def rank(article_id: str) -> tuple[bool, str, str]:
        return (article_id in copies, published.get(article_id) or "9999", article_id)

    return {copy_id: min(others, key=rank) for copy_id, others in sorted(linked.items())}


def _usable(reading: Reading | None, text: str) -> Reading | None:
    """The reading with sentences that hold no word removed (the diff cannot align empty sentences)."""
    if reading is None:
        return None
    sentences = [s for s in reading.sentences if _WORD.search(text, s.start, s.end)]
    return reading if len(sentences) == len(reading.sentences) else replace(reading, sentences=sentences)


def _sentences(text: str, reading: Reading | None) -> list[tuple[int, int]]:
    if reading is not None and reading.sentences:
        return [(s.start, s.end) for s in reading.sentences]
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start() + (len(match.group()) - len(match.group().lstrip("\"'”’)")))))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for start, end in spans:
        if start <= offset < end or (offset == end and start < end):
            return start, end
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence span without surrounding blanks or a stray leading comma or closing quotation mark."""
    lead = _LEADING.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _content(text: str, lexicon: Lexicon) -> set[str]:
    words = (w.casefold() for w in _WORD.findall(text))
    return {w for w in words if len(w) > 2 and w not in lexicon.function_words}


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """An empty span (an insertion point) widened to the words on either side of it."""
    if start < end:
        return start, end
    before = list(_WORD.finditer(text, max(0, start - 40), start))
    after = _WORD.search(text, end, min(len(text), end + 40))
    lo = before[-1].start() if before else start
    hi = after.end() if after else end
    return lo, max(hi, lo)


def _independent_passages(
    edit: Edit,
    *,
    original_sentence: str,
    candidates: Sequence[str],
    corpus: Corpus,
) -> list[dict[str, Any]]:
    """Sentences of other independent articles that state the original's value in the same context (for an
    actor swap, its names in the original's order around its verb: :func:`_order_pattern`)."""
    texts, readings, lexicon = corpus.texts, corpus.readings, corpus.lexicon
    value = edit.original.text.strip()
    if not value or not any(c.isdigit() or c.isupper() for c in value):
        return []
    order = _order_pattern(value, lexicon) if edit.kind == "actor_swap" else None
    by_name = order is not None or (edit.kind in _NAME_KINDS and len(value) >= 4 and value[0].isupper())
    pattern = order or re.compile(r"(?<![\w,.])" + re.escape(value) + r"(?![\w]|[,.]\d)")
    context = _content(original_sentence, lexicon) - _content(value, lexicon)
    out: list[dict[str, Any]] = []
    seen_groups: set[str] = set()
    for other_id in candidates:
        group = corpus.group(other_id)
        if group in seen_groups:
            continue
        text = texts.get(other_id, "")
        for match in pattern.finditer(text):
            found = _sentence_at(_sentences(text, readings.get(other_id)), match.start())
            if found is None:
                continue
            span = _trim(text, *found)
            sentence = text[span[0]:span[1]]
            words = _content(sentence, lexicon)
            shared = len(context & words)
            if not by_name and (
                shared < MIN_CONTEXT_WORDS or shared < MIN_CONTEXT_SHARE * min(len(context), len(words))
            ):
                continue
            out.append({"article_id": other_id, "span": sentence, "start": span[0], "end": span[1],
                        "source": "independent"})
            seen_groups.add(group)
            break
        if len(out) >= MAX_INDEPENDENT_EVIDENCE:
            break
    return out


#: Letters of a verb or noun compared between two wordings of one order ("provided"/"has provides", "briefed").
_STEM = 5
#: Characters between the words of an order in another sentence ("Washington has quietly provided Ukraine").
_ORDER_GAP = 60


@cache
def _order_skip() -> frozenset[str]:
    """Auxiliaries and adverbs another wording of an order may lack (``order_skip`` of ``data/verify_flags.json``)."""
    raw = load_flag_words()
    return frozenset(str(w).casefold() for w in raw["order_skip"])


def _order_pattern(value: str, lexicon: Lexicon) -> re.Pattern[str] | None:
    """An order as written ("Washington had provided Ukraine"): its first and last names with the content
    words between them (not adverbs), in that order within one sentence ("Washington has provided Ukraine
    with aid"), any tense; None when it does not start and end with a name."""
    words = _WORD.findall(value)
    if len(words) < 3 or not words[0][0].isupper() or not words[-1][0].isupper():
        return None
    skip = lexicon.function_words | _order_skip()
    middle = [w for w in words[1:-1] if len(w) > 2 and w.casefold() not in skip
              and not w.casefold().endswith("ly")]  # an adverb is optional ("quietly sent", "secretly sent")
    if not middle:
        return None
    gap = rf"[^.;!?\n]{{0,{_ORDER_GAP}}}?"
    steps = "".join(rf"\b{re.escape(w[:_STEM])}\w*{gap}" for w in middle)
    return re.compile(rf"(?<![\w-]){re.escape(words[0])}\b{gap}{steps}\b{re.escape(words[-1])}(?![\w-])",
                      re.IGNORECASE)


def _candidates(edit: Edit, copy_id: str, corpus: Corpus) -> list[str]:
    """The articles of other independence clusters to look in: the copy's story, and for an actor swap also
    those published within ``REVERSAL_WINDOW_DAYS`` (a recap restates an order of another story)."""
    story_of, published = corpus.story_of, corpus.published
    story, group = story_of.get(copy_id), corpus.group(copy_id)
    wide = edit.kind == "actor_swap"
    return sorted(
        a for a in {*story_of, *published}
        if corpus.group(a) != group and a != copy_id and (
            (story is not None and story_of.get(a) == story)
            or (wide and dates_compatible(published.get(copy_id), published.get(a),
                                          window_days=REVERSAL_WINDOW_DAYS))
        )
    )


def rewrite_flags(links: Iterable[Mapping[str, Any]], corpus: Corpus) -> list[Flag]:
    """One flag per fact-changing edit (severity high or medium) a stored copy made to its stored original."""
    texts, readings, lex = corpus.texts, corpus.readings, corpus.lexicon
    flags: list[Flag] = []
    present = [link for link in links if link["article_id"] in texts and link["other_id"] in texts]
    for copy_id, original_id in pick_originals(present, corpus.published).items():
        copy_text, original_text = texts.get(copy_id), texts.get(original_id)
        if copy_text is None or original_text is None or copy_text == original_text:
            continue
        reading_o = _usable(readings.get(original_id), original_text)
        reading_c = _usable(readings.get(copy_id), copy_text)
        diff = diff_texts(original_text, copy_text, original_id=original_id, copy_id=copy_id,
                          reading_original=reading_o, reading_copy=reading_c, lexicon=lex)
        edits = [e for e in diff.fact_edits if e.severity in _FLAGGED_SEVERITIES and e.kind in EDIT_FLAG_KINDS]
        if not edits:
            continue
        story = corpus.story(copy_id)
        outlet = corpus.outlets.get(original_id) or "another outlet"
        sentences_o = _sentences(original_text, reading_o)
        for edit in edits:
            flags.append(_flag(
                edit, copy_id=copy_id, original_id=original_id, copy_text=copy_text, outlet=outlet,
                sentences_o=sentences_o, original_text=original_text, story=story,
                independent=_independent_passages(
                    edit, original_sentence=_sentence_text(original_text, sentences_o, edit.original.start),
                    candidates=_candidates(edit, copy_id, corpus), corpus=corpus,
                ),
            ))
    return flags


def _sentence_text(text: str, spans: Sequence[tuple[int, int]], offset: int) -> str:
    span = _sentence_at(spans, offset)
    return text[span[0]:span[1]] if span else ""


def _flag(
    edit: Edit,
    *,
    copy_id: str,
    original_id: str,
    copy_text: str,
    original_text: str,
    outlet: str,
    sentences_o: Sequence[tuple[int, int]],
    story: str | None,
    independent: list[dict[str, Any]],
) -> Flag:
    kind = EDIT_FLAG_KINDS[edit.kind]
    start, end = _widen(copy_text, edit.copy.start, edit.copy.end)
    claim = copy_text[start:end]
    o_start, o_end = _widen(original_text, edit.original.start, edit.original.end)
    expected = original_text[o_start:o_end]
    passage = _trim(original_text, *(_sentence_at(sentences_o, o_start) or (o_start, o_end)))
    evidence = [{"article_id": original_id, "span": original_text[passage[0]:passage[1]], "start": passage[0],
                 "end": passage[1], "source": "original"}, *independent]
    if kind == "internal":
        message = f"This copy of {outlet}'s story contradicts itself: {edit.message}"
    elif edit.copy.text and edit.original.text:
        message = (f'This copy of {outlet}\'s story says "{edit.copy.text}" where the original says '
                   f'"{edit.original.text}" ({_WHAT[kind]})')
    else:
        message = f"This copy of {outlet}'s story differs from the original: {edit.message}"
    if independent:
        n = len(independent)
        message += f"; {n} independent source{'s' if n != 1 else ''} agree{'s' if n == 1 else ''} with the original"
    else:
        message += _NO_INDEPENDENT
    severity = judge_severity(backing=len(independent), original=True, cap=edit.severity)
    return Flag(copy_id, kind, severity, claim, start, end, expected, evidence, message, story)


_NO_INDEPENDENT = "; it changed the original it copies and no independent source was found"
_NOT_INDEPENDENT = frozenset({"original", "same_article", "kb"})


def _clusters(evidence: Sequence[Mapping[str, Any]], groups: Mapping[str, str]) -> int:
    """Independence clusters of the evidence passages from independent articles."""
    return len({groups.get(str(e["article_id"]), str(e["article_id"])) for e in evidence
                if e.get("article_id") is not None and e.get("source") not in _NOT_INDEPENDENT})


def _overlaps(a: Flag, b: Flag) -> bool:
    if a.claim_start == a.claim_end:
        return b.claim_start <= a.claim_start <= b.claim_end
    return a.claim_start < b.claim_end and b.claim_start < a.claim_end


def merge_flags(
    flags: Sequence[Flag], rewrite: Sequence[Flag], *, groups: Mapping[str, str] | None = None
) -> list[Flag]:
    """``flags`` and ``rewrite`` flags together, a cross-source flag of the same kind on the same words
    folded into the rewrite flag (its evidence added, the rewrite's exact span).

    The merged flag keeps the higher severity, raised further when the merged
    evidence's independent clusters (``groups``: article -> cluster) earn more
    under :func:`~sitrep.verify.flags.judge_severity` and no merged flag was
    ``low`` (a source agreeing with the claim); a stored original in the
    evidence counts as the copy's own supporting source."""
    used: set[int] = set()
    merged: list[Flag] = []
    for r in rewrite:
        matches = [i for i, f in enumerate(flags) if i not in used and f.article_id == r.article_id
                   and f.kind == r.kind and _overlaps(r, f)]
        if not matches:
            merged.append(r)
            continue
        used.update(matches)
        evidence = list(r.evidence)
        keys = {(e.get("article_id"), e.get("start"), e.get("end")) for e in evidence}
        cited = {e.get("article_id") for e in evidence}
        severity = r.severity
        messages = [r.message]
        for i in matches:
            f = flags[i]
            messages.append(f.message)
            severity = min(severity, f.severity, key=SEVERITIES.index)
            for e in f.evidence:
                key = (e.get("article_id"), e.get("start"), e.get("end"))
                if key not in keys and (e.get("article_id") is None or e.get("article_id") not in cited):
                    keys.add(key)
                    cited.add(e.get("article_id"))
                    evidence.append({**e, "source": e.get("source") or "independent"})
        if all(flags[i].severity != "low" for i in matches) and r.severity != "low":
            backing = _clusters(evidence, groups or {})
            original = any(e.get("source") == "original" for e in evidence)
            if backing:
                rule = judge_severity(backing=backing, original=original)
                severity = min(severity, rule, key=SEVERITIES.index)
        if severity == "high":
            messages[0] = messages[0].removesuffix(_NO_INDEPENDENT)
        merged.append(replace(r, severity=severity, evidence=evidence, message="; ".join(messages),
                              story_id=r.story_id or flags[matches[0]].story_id))
    return [*merged, *(f for i, f in enumerate(flags) if i not in used)]
