"""Cue frames: the reporting verb, its speaker and its content, found on the surface.

A :class:`Frame` holds token ranges for one act of reported speech: the cue
("told reporters", "said in a statement", "was quoted by state media as
saying", "according to"), the words naming the speaker, and the content. The
patterns cover the speaker before the verb ("Kirby said ..."), after it
(", said a spokesman"), speech reported through someone else ("agencies quoted
Shoigu as saying": the speaker is Shoigu), participles (", saying ..."),
coordinated verbs ("... and said ..."), relative clauses ("officials, who said
...") and content before the cue ("..., the ministry said."). Where the
pipeline has a dependency parse, the clausal complement of the verb bounds the
content more exactly; without one the surface patterns still work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.nlp.quotes_tokens import TokenView

__all__ = ["Frame", "according_frame", "backward_content", "cue_frame", "forward_content"]

_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,[^\n]{0,40}?\s[-\u2013\u2014]\s+")
_ADDRESSEE_STOPS = frozenset({"that", "with", "after", "before", "by", "about", "as", "during", "while", "when"})
_NOT_HEARER = frozenset({"against", "about", "over", "on", "of", "with"})  # "warned against the deployment"
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
_TIME_UNITS = frozenset({"week", "month", "year", "weekend", "morning", "evening", "night", "afternoon", "time"})


@dataclass(slots=True)
class Frame:
    """Token ranges of one act of reported speech (``speaker`` is ``None`` when it must be inherited).

    ``mode`` says how the speaker was found: ``np`` (a noun phrase next to the
    cue), ``main`` (the subject of the clause the cue continues: participles,
    coordinated verbs), ``relative`` (a relative pronoun), ``relobj`` ("which
    X said had ...") or ``according``.
    """

    verb: int
    cue: tuple[int, int]
    speaker: tuple[int, int] | None
    mode: str
    content: tuple[int, int] | None = None


def _extend_cue(view: TokenView, i: int, *, end: int) -> int:
    """Index after any cue extensions ("in a statement", "on Twitter") starting at ``i``."""
    changed = True
    while changed and i < end:
        changed = False
        for ext in view.cues.extensions:
            if view.match_words(i, ext) and i + len(ext) <= end:
                i += len(ext)
                changed = True
                break
    return i


def _skip_time(view: TokenView, i: int, *, end: int) -> int:
    """Index after time adverbials ("on Tuesday, March 30,", "this week", "afterwards")."""
    c = view.cues
    while i < end:
        w = view.lower[i]
        if w in c.time_words:
            i += 1
        elif w in {"this", "last", "next", "late", "early"} and i + 1 < end and view.lower[i + 1] in _TIME_UNITS:
            i += 2
        elif w == "on" and i + 1 < end and (view.lower[i + 1] in c.time_words or view.words[i + 1][:1].isdigit()):
            i += 2
            while i < end and (view.words[i] == "," or view.words[i][:1].isdigit() or view.lower[i] in c.time_words):
                if view.words[i] == "," and i + 1 < end and not (
                    view.words[i + 1][:1].isdigit() or view.lower[i + 1] in c.time_words or view.lower[i + 1] == "that"
                ):
                    i += 1
                    break
                i += 1
        else:
            break
    return i


def _addressee_end(view: TokenView, i: int, *, end: int) -> int:
    c = view.cues
    j = i
    while j < end and j - i < 8:
        w = view.lower[j]
        if view.is_space(j) or (view.is_punct(j) and w not in {"'s", "-"}) or view.is_quote_mark(j):
            break
        if w in _ADDRESSEE_STOPS or w in c.time_words or w in c.auxiliaries or c.lemma(w) is not None:
            break
        if w in c.time_phrase_starts and j > i:
            break
        if w == "to" or any(view.match_words(j, ext) for ext in c.extensions):
            break
        if j > i and view.lower[i] not in _NOT_HEARER and view.lower[i] not in c.np_prepositions and _content_begins(view, j):
            break  # "told reporters the region remained": the content's subject, not more of the hearer
        j += 1
    return j


def _content_begins(view: TokenView, j: int) -> bool:
    """Whether token ``j`` after a hearer ("reporters") opens a new noun phrase: a determiner or a name."""
    prev = view.lower[j - 1]
    if prev in view.cues.np_prepositions or prev in _DETERMINERS or prev in {"on", "with", "by", "-", "'s", "\u2019s"}:
        return False
    if view.lower[j] in _DETERMINERS:
        return True
    return view.is_cap(j) and not view.is_cap(j - 1)


def _cue_end(view: TokenView, v: int, lemma: str, *, end: int) -> int:
    i = v + 1
    if lemma in view.cues.addressee_verbs:
        i = _addressee_end(view, i, end=end)
    return _extend_cue(view, i, end=end)


def _as_saying(view: TokenView, v: int, *, floor: int) -> Frame | None:
    """"X was quoted (by Y) as saying" -> X; "Y quoted X as saying" -> X."""
    c = view.cues
    if v - 1 < floor or view.lower[v - 1] != "as":
        return None
    for q in range(v - 2, max(floor, v - 12) - 1, -1):
        if view.lower[q] not in c.source_verbs:
            continue
        if q - 1 >= floor and view.lower[q - 1] in c.be_forms:
            subj_end, _ = view.skip_back_aux(q - 1, floor=floor)
            start = view.np_back(subj_end, floor=floor)
            speaker = (start, subj_end) if start < subj_end else None
            return Frame(v, (q - 1, v + 1), speaker, "np" if speaker else "main")
        obj_end = q + 1
        while obj_end < v - 1 and view.lower[obj_end] not in {"by", "as"}:
            obj_end += 1
        s, e = view.trim(q + 1, obj_end)
        return Frame(v, (q, v + 1), (s, e) if s < e else None, "np" if s < e else "main")
    return None


def cue_frame(view: TokenView, v: int, *, floor: int | None = None, after_quote: bool = False) -> Frame | None:
    """The frame of the cue verb at token ``v``, or ``None`` when it reports no speech here."""
    c = view.cues
    s0, s1 = view.sent_bounds(v)
    floor = s0 if floor is None else max(floor, s0)
    word = view.lower[v]
    quoted = _as_saying(view, v, floor=floor)
    if quoted is not None:
        quoted.cue = (quoted.cue[0], _extend_cue(view, quoted.cue[1], end=s1))
        return quoted
    lemma = c.lemma(word)
    if lemma is None:
        return None
    if view.is_cap(v) and v > s0:
        return None  # "Said" inside a name
    if word.endswith("ing"):
        return _participle(view, v, lemma, floor=floor, end=s1)
    j, negated = view.skip_back_aux(v, floor=floor)
    if negated or (j - 1 >= floor and view.lower[j - 1] in c.be_forms):
        return None
    if j - 1 >= floor and view.lower[j - 1] in {"'s", "\u2019s"}:
        return None  # "Ukraine's confirmed toll": a modifier, not a verb
    cue = (v, _cue_end(view, v, lemma, end=s1))
    bare = cue[1] == v + 1 and view.lower[v + 1 : v + 2] != ["that"]
    if lemma in {"tell", "inform", "notify", "assure"} and bare and not (v + 1 < s1 and view.words[v + 1] in {",", "."}):
        return None
    if after_quote and j == floor:
        e = view.np_forward(cue[1], ceiling=s1)
        return Frame(v, cue, (cue[1], e) if e > cue[1] else None, "np")
    if j - 1 < floor:
        return Frame(v, cue, None, "main")
    prev = view.lower[j - 1]
    if prev in {"and", "but"}:
        return Frame(v, cue, None, "main")
    if prev in c.relatives and prev != "that":
        return Frame(v, cue, (j - 1, j), "relative")
    if view.words[j - 1] == ",":
        return _after_comma(view, v, cue, j, floor=floor, end=s1)
    start = view.np_back(j, floor=floor)
    if start == j:
        return None
    nxt = view.lower[cue[1]] if cue[1] < s1 else ""
    if start - 1 >= floor and view.lower[start - 1] == "which" and (nxt in c.auxiliaries or nxt in c.be_forms):
        return Frame(v, cue, (start, j), "relobj")
    return Frame(v, cue, (start, j), "np")


def _participle(view: TokenView, v: int, lemma: str, *, floor: int, end: int) -> Frame | None:
    prev = v - 1
    cue_start = v
    if prev >= floor and view.lower[prev] in {"while", "and", "before", "after", "also"}:
        cue_start = prev
        prev -= 1
    cue = (cue_start, _cue_end(view, v, lemma, end=end))
    if prev >= floor and view.words[prev] == ",":
        return Frame(v, cue, None, "main")
    start = view.np_back(prev + 1, floor=floor)
    if start <= prev and start - 1 >= floor and view.lower[start - 1] == "with":
        return Frame(v, cue, (start, prev + 1), "np")
    return None


def _after_comma(
    view: TokenView, v: int, cue: tuple[int, int], j: int, *, floor: int, end: int
) -> Frame | None:
    """The verb follows a comma: an apposition or relative clause closes the subject, or the order is inverted."""
    comma = j - 1
    k = comma - 1
    while k >= floor and view.words[k] != "," and not view.is_quote_mark(k):
        k -= 1
    if k >= floor and view.words[k] == ",":
        seg_start = k + 1
        head_start = view.np_back(k, floor=floor)
        # a list of names: "The ministers of Britain, Canada ... and the United States, joined by ..., said"
        while head_start - 2 >= floor and view.lower[head_start - 1] in {"and", ","} and view.is_cap(head_start - 2):
            before = view.np_back(head_start - 1, floor=floor)
            if before >= head_start - 1:
                break
            head_start = before
        # the subject opens the sentence or a clause: ", and Odesa's regional governor, Oleh Kiper, said"
        whole = head_start == floor or view.words[head_start - 1] == "," or view.lower[head_start - 1] in {"and", "but"}
        if head_start < k and whole:
            if view.lower[seg_start] in view.cues.relatives:
                return Frame(v, cue, (head_start, k), "np")
            c = view.cues
            if not any(view.lower[t] in c.auxiliaries or view.lower[t] in c.be_forms for t in range(seg_start, comma)):
                return Frame(v, cue, (head_start, comma), "np")
    e = view.np_forward(cue[1], ceiling=end)
    c = view.cues
    # inverted order (", said a spokesman"), not a clause ("said port infrastructure had been damaged")
    clause = e < end and (view.lower[e] in c.auxiliaries or view.lower[e] in c.be_forms or view.is_finite_verb(e))
    if e > cue[1] and view.lower[cue[1]] != "that" and not clause:
        return Frame(v, cue, (cue[1], e), "np")
    return None


def according_frame(view: TokenView, i: int) -> Frame | None:
    """"according to X": the speaker is X; content before or after."""
    s0, s1 = view.sent_bounds(i)
    for seq in view.cues.according:
        if view.match_words(i, seq):
            sp_start = i + len(seq)
            sp_end = view.np_forward(sp_start, ceiling=s1)
            if sp_end <= sp_start:
                return None
            frame = Frame(i, (i, sp_start), (sp_start, sp_end), "according")
            if i == s0 or view.is_cap(i):
                frame.content = _clause(view, sp_end, s1)
            elif i - 1 > s0 and view.words[i - 1] == ",":
                frame.content = _clause(view, s0, i - 1)
            return frame if frame.content else None
    return None


def _clause(view: TokenView, start: int, end: int) -> tuple[int, int] | None:
    start, end = view.trim(start, end)
    if end - start < 3:
        return None
    text = view.text[view.starts[start] : view.ends[end - 1]]
    m = _DATELINE.match(text)
    if m:
        start = view.char_to_token(view.starts[start] + m.end())
    return (start, end) if end - start >= 3 else None


def _is_intro(view: TokenView, s0: int, comma: int) -> bool:
    """Whether tokens ``s0 .. comma`` are an introductory phrase rather than a clause."""
    if view.lower[s0] in view.cues.intro_starters and "," not in view.words[s0 + 1 : comma]:
        return True
    # "Speaking at ...," / "Asked about ...,": a participle opens the sentence
    return view.has_pos and view.token(s0).tag_ in {"VBG", "VBN"} and "," not in view.words[s0 + 1 : comma]


def backward_content(view: TokenView, frame: Frame) -> tuple[int, int] | None:
    """Content before the cue: "<content>, the ministry said." / "<content>, said a spokesman."."""
    if frame.speaker is None or frame.mode not in {"np"}:
        return None
    if view.cues.lemma(view.lower[frame.verb]) in view.cues.that_only:
        return None
    s0, s1 = view.sent_bounds(frame.verb)
    inverted = frame.speaker[0] > frame.verb
    comma = frame.verb - 1 if inverted else frame.speaker[0] - 1
    if comma <= s0 + 2 or view.words[comma] != ",":
        return None
    if view.is_quote_mark(comma - 1) or view.is_quote_mark(s0):
        return None
    if _is_intro(view, s0, comma):
        return None
    rest_end = frame.cue[1]
    while rest_end < s1 and view.words[rest_end] not in {",", ".", ";"} and not view.is_space(rest_end):
        if view.lower[rest_end] == "that":
            return None
        rest_end += 1
    if rest_end - frame.cue[1] > 10:
        return None
    return _clause(view, s0, comma)


def forward_content(view: TokenView, frame: Frame, *, cuts: set[int]) -> tuple[int, int] | None:
    """Content after the cue: "said (that) <content>", bounded by the sentence and ``cuts``."""
    c = view.cues
    _, s1 = view.sent_bounds(frame.verb)
    lemma = c.lemma(view.lower[frame.verb]) or "say"
    i = _skip_time(view, frame.cue[1], end=s1)
    i = _extend_cue(view, i, end=s1)
    start: int | None = None
    for t in range(i, min(s1, i + c.max_that_distance)):
        w = view.lower[t]
        if w == "that" and not view.is_cap(t):
            start = t + 1
            break
        if view.is_quote_mark(t) or w in {";", ":"} or (c.lemma(w) is not None and t > i):
            break
        if w in c.auxiliaries or w in c.be_forms or view.is_finite_verb(t):
            break  # a clause has begun: "said the forces had shown"
    if frame.mode == "relobj":
        start = i
    if start is None:
        if lemma in c.that_only or (i != frame.cue[1] and lemma in c.addressee_verbs):
            return None
        if i >= s1 or view.is_punct(i) or view.lower[i] in c.clause_starters_excluded:
            return None
        start = i
    end = s1
    for t in range(start, s1):
        w = view.words[t]
        if t in cuts or w == ";" or (t == start and view.is_quote_mark(t)):
            end = t
            break
        if t > start + 1 and view.lower[t] in c.coordinators and _new_attribution(view, frame, t + 1, s1):
            # "said X and warned that Y", "X, though he said Y": the speaker's next verb ends the content
            end = t - 1 if view.words[t - 1] == "," else t
            break
        if w == "," and t + 1 < s1:
            nxt = view.lower[t + 1]
            if frame.mode == "relobj":
                end = t
                break
            # ", dropping dozens of bombs" goes on with the content; ", saying ..." is the speaker's again
            participle = nxt.endswith("ing") and not view.is_cap(t + 1) and c.lemma(nxt) is not None
            if participle or nxt in c.participle_cuts or (nxt == "while" and t + 2 < s1 and view.lower[t + 2].endswith("ing")):
                end = t
                break
            if nxt in {"and", "but"} and t + 2 < s1:
                after = view.lower[t + 2]
                if after != "that" and not (after.endswith("ed") and not view.is_cap(t + 2)):
                    end = t
                    break
    end = _parse_end(view, frame, start, end)
    span = view.trim(start, end)
    return span if span[1] - span[0] >= 2 else None


def _new_attribution(view: TokenView, frame: Frame, k: int, s1: int) -> bool:
    """Whether the words from ``k`` start another verb of the speaker: a cue ("warned", "he said"), or a verb
    the parse coordinates with the cue ("told a meeting X and accused Y")."""
    c = view.cues
    subject = 0
    while k < s1 and subject < 1 and view.lower[k] in c.pronouns:
        k += 1
        subject += 1
    if not subject:
        # "said X and (again) called on Y": a directive of the speaker, not more of what was said
        d = k
        while d < s1 and view.lower[d] in c.content_adverbs:
            d += 1
        if any(view.match_words(d, seq) for seq in c.directive_verbs):
            return True
    if k >= s1 or view.is_punct(k):
        return False
    w = view.lower[k]
    if c.lemma(w) is not None and not w.endswith("ing"):
        if subject:
            return True
        # a bare past-tense cue ("and warned that"), not a participle ("are defensive and announced in advance")
        return view.token(k).tag_ == "VBD" if view.has_pos else w.endswith("ed") or w in {"said", "told", "wrote"}
    if subject or not view.has_dep:
        return False
    token = view.token(k)
    return token.dep_ == "conj" and token.head.i == frame.verb and token.tag_ in {"VBD", "VBZ", "VBP"}


def _parse_end(view: TokenView, frame: Frame, start: int, end: int) -> int:
    """Where the verb's clausal complement ends, when the parse agrees with the surface.

    The parse only shortens the content at a clause boundary the surface can see
    (a comma, "and", "but"), so a parse error cannot cut a clause in the middle.
    """
    if not view.has_dep:
        return end
    verb = view.token(frame.verb)
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.i >= start:
            left, right = child.left_edge.i, child.right_edge.i + 1
            if right >= end:
                continue  # the clause runs to the content's end: nothing to shorten
            at_boundary = view.words[right] in {",", ";"} or view.lower[right] in {"and", "but"}
            # "said X and that Y": a second clause of the same verb stays in the content
            nxt = right + 1 if view.words[right] == "," else right
            if nxt + 1 < end and view.lower[nxt] == "and" and view.lower[nxt + 1] == "that":
                at_boundary = False
            if left <= start + 1 and start + 2 < right and at_boundary:
                return right
    return end
