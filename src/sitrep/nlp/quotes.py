"""Direct and indirect quotes with their speaker, cue and content.

:func:`find_quotes` reads a parsed (or merely tokenised) ``Doc`` whose text is
the article text and returns :class:`~sitrep.nlp.layers.Quote` records:

* direct speech by its quotation marks (:mod:`sitrep.nlp.quotes_direct`), with
  the cue after the quote (``"...," he said``; ``"...," said a spokesman``),
  before it (``He said: "..."``), or inherited by a quote that continues the
  previous one;
* indirect speech from cue verbs and "according to"
  (:mod:`sitrep.nlp.quotes_frames`): the reported clause after the cue, or the
  clause before a trailing cue ("..., the ministry said");
* the speaker as an entity of the article where one covers the head of the
  speaker's words (:mod:`sitrep.nlp.quotes_speaker`), keeping the direction of
  reported speech: "agencies quoted Shoigu as saying" is Shoigu's quote.

Mentions and entities come from the entity resolver; :func:`mentions_from_doc`
builds simple ones from ``doc.ents`` when no resolver is at hand.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.nlp.layers import Entity, Mention, Quote
from sitrep.nlp.quotes_cues import load_cues
from sitrep.nlp.quotes_direct import QuotedSpan, find_quoted_spans
from sitrep.nlp.quotes_frames import Frame, according_frame, backward_content, cue_frame, forward_content
from sitrep.nlp.quotes_speaker import Resolved, SpeakerResolver
from sitrep.nlp.quotes_tokens import TokenView

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_quotes", "mentions_from_doc"]

_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved: content in characters, frame in tokens."""

    start: int
    end: int
    direct: bool
    frame: Frame | None
    inherit_from: int | None = None  # index of the direct quote this one continues
    fragment: bool = False  # quoted words inside a clause: 'stressed the "..."'


def find_quotes(doc: Doc, *, mentions: Sequence[Mention], entities: Sequence[Entity]) -> list[Quote]:
    """Every quote in ``doc`` with speaker, cue and content, ordered by content start."""
    cues = load_cues()
    view = TokenView.build(doc, cues=cues)
    found, used_cues = _direct_quotes(view)
    attributed = [(q.start, q.end) for q in found if not q.fragment and (q.frame or q.inherit_from is not None)]
    inside = [(q.start, q.end) for q in found]
    indirect = _indirect_quotes(view, inside=inside, attributed=attributed, used=used_cues)
    kept: list[_Found] = []
    for item in found:
        if item.frame is None and item.inherit_from is None:
            # a quoted fragment inside reported speech: 'said Austin "reiterated ..."'
            host = next((q for q in indirect if q.start <= item.start and item.end <= q.end + 1), None)
            if host is not None:
                item.frame = host.frame
            elif len(view.text[item.start : item.end].split()) <= view.cues.scare_quote_max_words:
                continue
        kept.append(item)
    found = [*kept, *indirect]
    return _resolve(view, found, mentions=mentions, entities=entities)


# --- direct speech ---------------------------------------------------------
def _direct_quotes(view: TokenView) -> tuple[list[_Found], set[int]]:
    cues = view.cues
    found: list[_Found] = []
    used: set[int] = set()
    last_with_cue: tuple[int, QuotedSpan] | None = None
    text = view.text
    for span in find_quoted_spans(text, cues=cues):
        frame = _cue_after(view, span)
        fragment = False
        if frame is None:
            frame, fragment = _cue_before(view, span)
        inherit: int | None = None
        if frame is None and last_with_cue is not None:
            idx, prev = last_with_cue
            between = text[prev.close : span.open]
            if "\n" not in between or len(between.split()) <= 14:
                inherit = idx
        if frame is None and inherit is None and span.words < 3:
            continue  # a quoted term ("red lines"), not speech
        if frame is not None and not fragment:
            used.add(frame.verb)
            last_with_cue = (len(found), span)
        elif inherit is not None and last_with_cue is not None:
            last_with_cue = (last_with_cue[0], span)
        found.append(_Found(span.start, span.end, True, frame, inherit, fragment))
    return found, used


def _cue_after(view: TokenView, span: QuotedSpan) -> Frame | None:
    i = view.char_to_token(span.close)
    n = len(view)
    sentence = view.sent_of[max(i - 1, 0)] if n else 0
    while i < n and view.is_space(i) and not view.is_break(i):
        i += 1
    if i < n and view.words[i] == ",":
        i += 1
    floor = i
    for k in range(i, min(n, i + 14)):
        if view.is_break(k) or view.is_quote_mark(k) or view.words[k] in {".", "!", "?", ";"}:
            break
        if view.sent_of[k] != sentence:
            break  # '... "united in leaving together." He said ...': the next sentence has its own cue
        if view.cues.lemma(view.lower[k]) is not None:
            frame = cue_frame(view, k, floor=floor, after_quote=True)
            if frame is not None:
                return frame
    return None


def _cue_before(view: TokenView, span: QuotedSpan) -> tuple[Frame | None, bool]:
    """The cue before the opening mark, and whether the quote is a fragment of the cue's clause."""
    o = view.char_to_token(span.open)
    k = o - 1
    while k >= 0 and view.is_space(k) and not view.is_break(k):
        k -= 1
    if k < 0 or view.is_break(k):
        return None, False
    s0, _ = view.sent_bounds(k)
    if view.words[k] not in {":", ","} and view.lower[k] != "that":
        # a quoted phrase as the object of the cue: 'stressed the "..."'
        for v in range(k, max(s0, k - 4) - 1, -1):
            if view.is_punct(v) or view.lower[v] == "that":
                return None, False
            if view.cues.lemma(view.lower[v]) is not None:
                return cue_frame(view, v), True
        return None, False
    for v in range(k - 1, max(s0, k - 12) - 1, -1):
        if (view.lower[v] == "that" and v != k) or view.is_quote_mark(v):
            return None, False
        if view.cues.lemma(view.lower[v]) is not None:
            return cue_frame(view, v), False
    return None, False


# --- indirect speech -------------------------------------------------------
def _indirect_quotes(
    view: TokenView, *, inside: list[tuple[int, int]], attributed: list[tuple[int, int]], used: set[int]
) -> list[_Found]:
    in_direct = bytearray(len(view))  # 1 for a token that starts inside a direct quote
    for a, b in inside:
        first, stop = bisect_left(view.starts, a), bisect_left(view.starts, b)  # token starts ascend
        in_direct[first:stop] = b"\x01" * (stop - first)

    frames: list[Frame] = []
    cuts: set[int] = set()
    for t in range(len(view)):
        if in_direct[t] or t in used:
            continue
        w = view.lower[t]
        frame: Frame | None = None
        if w == "according":
            frame = according_frame(view, t)
            if frame is not None and t > 0 and view.words[t - 1] == ",":
                cuts.add(t - 1)
        elif view.cues.lemma(w) is not None:
            frame = cue_frame(view, t)
            if frame is not None:
                back = backward_content(view, frame)
                if back is not None:
                    frame.content = back
                    if frame.speaker is not None:
                        cuts.add(frame.speaker[0] - 1 if frame.speaker[0] < frame.verb else frame.verb - 1)
        if frame is not None:
            frames.append(frame)
    out: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    for frame in frames:
        if frame.content is None:
            frame.content = forward_content(view, frame, cuts=cuts)
        if frame.content is None:
            continue
        a, b = view.chars(*frame.content)
        if (a, b) in seen or any(x < b and a < y for x, y in attributed):
            continue
        seen.add((a, b))
        out.append(_Found(a, b, False, frame))
    return out


# --- speakers --------------------------------------------------------------
def _main_subject(
    view: TokenView, frame: Frame, earlier: list[tuple[Frame, Resolved]], resolver: SpeakerResolver
) -> tuple[int, int] | None:
    """The subject a participle or coordinated cue shares: an earlier cue's speaker, a name opening the
    sentence, the parse's subject, the sentence's first noun phrase."""
    s0, _ = view.sent_bounds(frame.verb)
    for other, res in reversed(earlier):
        if view.sent_bounds(other.verb)[0] == s0 and other.verb < frame.verb:
            return res.span
    surface = _surface_subject(view, frame, s0)
    if surface is not None:
        surface = _with_apposition(view, surface, frame.verb)
    if surface is not None and resolver.covers_mention(surface):
        return _name_subject(view, surface, resolver)
    if view.has_dep:
        tok = view.token(frame.verb)
        for _ in range(4):
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj:
                a, b = view.trim(subj[0].left_edge.i, subj[0].right_edge.i + 1)
                if a < b:
                    return (a, b)
            if tok.dep_ not in {"conj", "advcl", "xcomp", "acl"} or tok.head.i == tok.i:
                break
            tok = tok.head
    return surface


def _surface_subject(view: TokenView, frame: Frame, s0: int) -> tuple[int, int] | None:
    """The noun phrase that opens the sentence (after an introductory phrase)."""
    while s0 < frame.verb and (view.is_space(s0) or view.is_punct(s0)):
        s0 += 1
    start = s0
    if view.lower[s0] in view.cues.intro_starters:
        commas = [t for t in range(s0, frame.verb) if view.words[t] == ","]
        if not commas:
            return None
        start = commas[0] + 1
    end = start
    c = view.cues
    while end < frame.verb:
        w = view.lower[end]
        if view.is_punct(end) and w not in {"'s", "-", "\u2019s"}:
            break
        if w in c.auxiliaries or w in c.be_forms or w in c.time_words or w in c.np_boundaries:
            break
        if w in {"on", "this", "last"} and end + 1 < frame.verb and view.lower[end + 1] in c.time_words:
            break
        if c.lemma(w) is not None or (not view.is_cap(end) and view.is_finite_verb(end)):
            break
        if not view.is_cap(end) and w.endswith("ed") and end > start:
            break
        end += 1
    return (start, end) if end > start else None


def _with_apposition(view: TokenView, span: tuple[int, int], verb: int) -> tuple[int, int]:
    """ "The head of the Russian delegation, presidential aide Vladimir Medinsky, ...": the subject with its apposition."""
    start, end = span
    if end >= verb or view.words[end] != ",":
        return span
    close = next((t for t in range(end + 1, min(verb, end + 12)) if view.words[t] == ","), None)
    if close is None or close == end + 1:
        return span
    c = view.cues
    inside = range(end + 1, close)
    if not any(view.is_cap(t) for t in inside) or any(
        view.lower[t] in c.auxiliaries or view.lower[t] in c.be_forms or view.lower[t] in c.relatives
        or c.lemma(view.lower[t]) is not None or (view.lower[t].endswith(("ing", "ed")) and not view.is_cap(t))
        for t in inside
    ):
        return span  # "Lai, visiting a marine corps base, ...": a clause, not a second name
    return (start, close)


def _name_subject(view: TokenView, span: tuple[int, int], resolver: SpeakerResolver) -> tuple[int, int]:
    """A subject that opens with a (titled) name ends with that name: "Blinken met Kuleba" -> "Blinken"."""
    start, end = span
    name_end: int | None = None
    t = start
    def in_name(t: int) -> bool:
        titled = view.lower[t] in {"of", "for"} and t + 1 < end and view.is_cap(t + 1)  # "Secretary of State"
        return view.is_cap(t) or titled or view.lower[t] in {"'s", "-", "\u2019s"}

    while t < end and in_name(t):
        name_end = resolver.mention_end(t) or name_end
        t += 1
    return (start, min(name_end, end)) if name_end is not None else span


def _resolve(
    view: TokenView, found: list[_Found], *, mentions: Sequence[Mention], entities: Sequence[Entity]
) -> list[Quote]:
    quoted = [(q.start, q.end) for q in found if q.direct]
    resolver = SpeakerResolver(view, mentions, entities, quoted=quoted)
    text = view.text
    order = sorted(range(len(found)), key=lambda i: _anchor(view, found[i]))
    resolved: dict[int, Resolved | None] = {}
    earlier: list[tuple[Frame, Resolved]] = []
    for idx in order:
        item = found[idx]
        frame = item.frame
        res: Resolved | None = None
        if frame is None and item.inherit_from is not None:
            res = resolved.get(item.inherit_from)
            frame = found[item.inherit_from].frame
            item.frame = frame
        elif frame is not None:
            span = frame.speaker
            if span is None and frame.mode == "main":
                span = _main_subject(view, frame, earlier, resolver)
            if span is not None:
                res = resolver.resolve(span, at=frame.verb)
                earlier.append((frame, res))
        resolved[idx] = res
    quotes: list[Quote] = []
    for idx, item in enumerate(found):
        res = resolved.get(idx)
        frame = item.frame
        sp_a = sp_b = cue_a = cue_b = None
        if res is not None:
            sp_a, sp_b = view.chars(*res.span)
        if frame is not None:
            cue_a, cue_b = view.chars(*frame.cue)
        quotes.append(
            Quote(
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                direct=item.direct,
                speaker=res.entity if res else None,
                speaker_text=text[sp_a:sp_b] if sp_a is not None else None,
                speaker_start=sp_a,
                speaker_end=sp_b,
                cue=text[cue_a:cue_b] if cue_a is not None else None,
                cue_start=cue_a,
                cue_end=cue_b,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _anchor(view: TokenView, item: _Found) -> tuple[int, int]:
    if item.frame is None:
        return (item.start, 1)
    return (view.starts[item.frame.verb], 0)


# --- fallback mentions -----------------------------------------------------
def mentions_from_doc(doc: Doc) -> tuple[list[Mention], list[Entity]]:
    """Mentions and entities from ``doc.ents`` alone: identical names, and a surname with its full name, are one entity.

    A stand-in for the article-level entity resolver (:mod:`sitrep.nlp.entities`)
    for tests and for pipelines without it.
    """
    ents = [e for e in doc.ents if e.label_ in _NAME_LABELS]
    names: dict[tuple[str, str], str] = {}
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    for ent in sorted(ents, key=lambda e: -len(e.text.split())):
        key = (ent.label_, _strip_the(ent.text))
        if key in names:
            continue
        target: str | None = None
        if ent.label_ == "PERSON" and len(key[1].split()) == 1:
            for (label, name), eid in names.items():
                if label == "PERSON" and name.split()[-1] == key[1]:
                    target = eid
                    break
        if target is None:
            target = f"e{len(entities) + 1}"
            entities[target] = Entity(id=target, name=key[1], label=ent.label_)
        else:
            old = entities[target]
            entities[target] = Entity(id=old.id, name=old.name, label=old.label, variants=(*old.variants, key[1]))
        names[key] = target
    for ent in ents:
        kind = "surname" if ent.label_ == "PERSON" and len(ent.text.split()) == 1 else "name"
        eid = names[(ent.label_, _strip_the(ent.text))]
        mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, kind, eid))
    return mentions, list(entities.values())


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
