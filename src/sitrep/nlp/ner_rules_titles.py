"""Persons after office titles, ranks and role words (called by :mod:`sitrep.nlp.ner_rules`).

The knowledge base's title lexicon (:meth:`sitrep.kb.KnowledgeBase.find_titles`,
``data/kb/offices.json``) finds "Kremlin spokesman", "Secretary-General",
"Secretary of State", "President"; its ranks ("Lieutenant General") and
honorifics ("Mr.") and the role words of ``data/ner_rules.json`` ("businessman",
"counterpart") are read the same way. Capitalised name words right after one of
them are a PERSON, the title left out ("President Vladimir Putin" ->
``Vladimir Putin``). An entity that runs into a title loses the title words:
"President Vladimir" -> ``Vladimir``, "U.S. Secretary" -> ``U.S.``, "Moscow
Mayor" -> ``Moscow`` (typed as a body or place, not a person); one made only of
title words ("Defence Minister", "Speaker") is dropped unless it names a known
body ("European Commission" in "European Commission President").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Doc

from sitrep.kb import KnowledgeBase
from sitrep.nlp.memo import doc_titles, doc_words
from sitrep.nlp.ner_rules_lexicon import NerLexicon
from sitrep.nlp.ner_rules_spans import HYPHENS, Ent, is_cap, put, replace_any

__all__ = ["name_end", "title_persons"]

def _cue_spans(doc: Doc, kb: KnowledgeBase, lex: NerLexicon) -> list[tuple[int, int, bool]]:
    """Token ranges of titles, ranks, honorifics and role words, in text order, not overlapping.

    The flag is true for office titles (their words are never part of another
    name) and false for ranks, honorifics and role words (cues only before a name).
    """
    found: list[tuple[int, int, bool]] = []
    for hit in doc_titles(doc, kb):
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            continue
        last = span[-1]
        if last.pos_ in ("VERB", "AUX") and last.text.islower():
            continue  # "heads", "commands": verbs, not titles
        found.append((span.start, span.end, True))
    taken = {i for s, e, _ in found for i in range(s, e)}
    i = 0
    words = doc_words(doc)
    while i < len(doc):
        word = words[i]
        if i in taken or not (word[:1].isupper() or word in lex.role_words):
            i += 1
            continue
        end = _rank_end(doc, i, lex) if word.rstrip(".") in lex.rank_starts else None
        if end is None and (word in lex.honorifics or word.lower() in lex.role_words):
            end = i + 1
        if end is not None and taken.isdisjoint(range(i, end)):
            found.append((i, end, False))
            i = end
        else:
            i += 1
    return sorted(found)


def _rank_end(doc: Doc, i: int, lex: NerLexicon) -> int | None:
    """End of a run of ranks starting at ``i`` ("Navy Senior Colonel", "Maj. Gen."), or ``None``."""
    end = i
    last = ""
    while end < len(doc) and doc[end].text.rstrip(".") in lex.rank_starts:
        for size in range(min(4, len(doc) - end), 0, -1):
            words = doc[end:end + size].text
            if words in lex.ranks:
                end += size
                last = words
                break
        else:
            break
    if end == i or last in lex.rank_prefix_only:
        return None
    return end


def _name_word(doc: Doc, k: int, lex: NerLexicon) -> bool:
    token = doc[k]
    text = token.text
    return (
        is_cap(token)
        and (token.is_alpha or (text.endswith(".") and len(text) == 2) or "'" in text)
        and text not in lex.not_names
        and text not in lex.date_words
        and text not in lex.org_heads
        and text not in lex.loc_heads
        and text not in lex.never_name_start
    )


def name_end(doc: Doc, k: int, lex: NerLexicon, gazetteer: Mapping[str, str]) -> int:
    """End of the capitalised person name starting at token ``k`` (``k`` when there is none).

    Name particles ("von der Leyen", "bin Salman") and hyphenated parts
    ("Thomas-Greenfield", "Ching-te") stay in the name; a lone known place,
    nationality or body ("President Israel", "spokesman Kremlin") is not a name.
    """
    end = k
    while end < len(doc) and end - k < 5:
        if end > k and doc[end - 1].whitespace_ != " " and doc[end].text not in HYPHENS \
                and not (doc[end - 1].text in HYPHENS and not doc[end - 1].whitespace_):
            break
        token = doc[end]
        particle = end > k and token.text.lower() in lex.name_particles and end + 1 < len(doc) \
            and (_name_word(doc, end + 1, lex) or doc[end + 1].text in HYPHENS)
        if _name_word(doc, end, lex) or particle:
            end += 1
        elif end > k and token.text in HYPHENS and not doc[end - 1].whitespace_ and not token.whitespace_ \
                and end + 1 < len(doc) and doc[end + 1].is_alpha \
                and doc[end + 1].text.lower() not in lex.hyphen_suffix_stop:
            end += 2
        else:
            break
    while end > k and (doc[end - 1].text in HYPHENS or doc[end - 1].text.lower() in lex.name_particles):
        end -= 1
    if end == k:
        return k
    words = [t.text for t in doc[k:end] if t.text not in HYPHENS]
    if doc[k].text in gazetteer and len(words) == 1:
        return k
    if gazetteer.get(doc[k:end].text) is not None:
        return k
    return end


def _full_name(doc: Doc, start: int, end: int, lex: NerLexicon, gazetteer: Mapping[str, str]) -> bool:
    """``doc[start:end]`` is a name of two or more capitalised words none of which is a known place or body."""
    words = doc[start:end]
    return (
        end - start >= 2
        and all(_name_word(doc, t.i, lex) and t.text not in gazetteer for t in words)
        and all(t.whitespace_ == " " for t in words[:-1])
    )


def _appositions(
    doc: Doc, cues: list[tuple[int, int, bool]], lex: NerLexicon, gazetteer: Mapping[str, str]
) -> list[tuple[int, int, int]]:
    """Names set off by a comma from an office title: "Omar Touray, president of ...", "Hikmet Hajiyev,
    Aliyev's foreign policy adviser", "The foreign ministers, Sergei Lavrov and Dmytro Kuleba, met"."""
    found: list[tuple[int, int, int]] = []
    cue_end = {s: e for s, e, _ in cues}
    in_cue = {i for s, e, _ in cues for i in range(s, e)}
    for ts, te, is_title in cues:
        if not is_title:
            continue
        j, steps = ts - 1, 0
        while j > 0 and steps < 6 and doc[j].text != "," and (
            doc[j].text in ("'s", "’s") or doc[j].is_lower or is_cap(doc[j])
        ):
            j, steps = j - 1, steps + 1
        if j > 0 and doc[j].text == ",":
            start = j
            while start > 0 and j - start < 4 and _name_word(doc, start - 1, lex) and start - 1 not in in_cue \
                    and (start == j or doc[start - 1].whitespace_ == " "):
                start -= 1
            before = doc[start - 1] if start > 0 else None
            if _full_name(doc, start, j, lex, gazetteer) and (before is None or not is_cap(before)) \
                    and start - 1 not in in_cue:
                found.append((ts, start, j))
        k = te
        while k + 1 < len(doc) and doc[k].text in (",", "and") and (doc[k].text == "and" or not doc[k - 1].whitespace_):
            k += 1
            if k in cue_end:
                break  # "spokesman, Colonel Major Amadou Abdramane": the rank's own rule
            end = k
            while end < len(doc) and end - k < 4 and _name_word(doc, end, lex):
                end += 1
                if doc[end - 1].whitespace_ != " ":
                    break
            if end == k or not _full_name(doc, k, end, lex, gazetteer):
                break
            if end < len(doc) and doc[end].text not in (",", "and", "."):
                break
            found.append((ts, k, end))
            k = end
    return found


def _trim(ent: Ent, cue: tuple[int, int], doc: Doc, lex: NerLexicon, known: Collection[str]) -> Ent | None:
    """``ent`` without the title words of ``cue`` (see the module docstring); ``None`` when nothing is left."""
    start, end, label = ent
    ts, te = cue
    text = doc[start:end].text
    if text in known or text in lex.title_org_keep:
        return ent
    if start < ts and end > te:
        return (te, end, label) if label == "PERSON" else ent
    if start < ts:
        return (start, ts, "ORG" if label == "PERSON" else label)
    if end > te:
        return (te, end, label)
    if end - start >= 2 and doc[end - 1].text in lex.org_heads:
        return ent
    return None


def title_persons(
    doc: Doc, ents: list[Ent], *, kb: KnowledgeBase, lex: NerLexicon, gazetteer: Mapping[str, str],
    known: Collection[str],
) -> list[Ent]:
    """Persons after titles, ranks and role words; title words cut out of other entities."""
    out = sorted(ents)
    cues = _cue_spans(doc, kb, lex)
    cue_end = {s: e for s, e, _ in cues}
    persons: list[tuple[int, int, int]] = []  # (cue start, name start, name end)
    for ts, te, _ in cues:
        if te >= len(doc) or doc[te - 1].whitespace_ != " ":
            continue
        k = te
        while k in cue_end and doc[cue_end[k] - 1].whitespace_ == " " \
                and not any(doc[t].text.lower() in lex.role_words for t in range(k, cue_end[k])):
            k = cue_end[k]  # "spokesman Rear Admiral Daniel Hagari"
        end = name_end(doc, k, lex, gazetteer)
        if end > k:
            persons.append((ts, k, end))
    persons = _appositions(doc, cues, lex, gazetteer) + persons  # a name right after a title wins
    named = {ts for ts, _, _ in persons}
    for ts, te, is_title in cues:
        if not is_title and ts not in named:
            continue
        trimmed: list[Ent] = []
        for ent in out:
            if ent[1] <= ts or ent[0] >= te:
                trimmed.append(ent)
                continue
            kept = _trim(ent, (ts, te), doc, lex, known)
            if kept is not None and kept[0] < kept[1]:
                trimmed.append(kept)
        out = sorted(set(trimmed))
    for _, k, end in persons:
        for s, e, label in out:
            if label == "PERSON" and k <= s < end < e:
                end = e  # the model's own longer name
        merged = put(out, (k, end, "PERSON"), replace=replace_any)
        if merged is not None:
            out = merged
    return out
