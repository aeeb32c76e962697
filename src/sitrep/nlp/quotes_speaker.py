"""Who is speaking: from the words naming the speaker to an entity of the article.

The speaker is the entity whose mention covers the *head* of the speaker's noun
phrase: "Pentagon press secretary John Kirby" is Kirby, "a spokesperson for the
headquarters" and "Ukraine's defence ministry" are descriptions (no entity, the
words are kept), "a readout issued by the Pentagon" is the Pentagon. Pronouns
take the speaker of a recent quote or the most recent fitting mention ("he"
-> a person, "it" -> an organisation), relative pronouns their antecedent, and
a definite description ("the readout") a speaker named earlier with the same
head word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.nlp.layers import Entity, Mention
from sitrep.nlp.quotes_tokens import TokenView

__all__ = ["Resolved", "SpeakerResolver"]

_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved speaker: entity id (or ``None``), its label and the token range of the words naming it."""

    entity: str | None
    label: str | None
    span: tuple[int, int]
    head: str = ""


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker spans in document order, remembering earlier speakers."""

    view: TokenView
    mentions: Sequence[Mention]
    entities: Sequence[Entity]
    _by_token: list[int] = field(default_factory=list)
    _spans: list[tuple[int, int]] = field(default_factory=list)
    _labels: dict[str, str] = field(default_factory=dict)
    quoted: Sequence[tuple[int, int]] = ()
    history: list[tuple[int, Resolved]] = field(default_factory=list)

    def __post_init__(self) -> None:
        view = self.view
        self._labels = {e.id: e.label for e in self.entities}
        self._by_token = [-1] * len(view)
        for m_idx, mention in enumerate(self.mentions):
            a = view.char_to_token(mention.start)
            b = view.char_to_token(mention.end - 1) + 1 if mention.end > mention.start else a
            self._spans.append((a, b))
            for t in range(a, min(b, len(view))):
                old = self._by_token[t]
                if old < 0 or (b - a) > (self._spans[old][1] - self._spans[old][0]):
                    self._by_token[t] = m_idx

    # --- helpers ----------------------------------------------------------
    def _mention_at(self, t: int) -> Mention | None:
        idx = self._by_token[t] if 0 <= t < len(self._by_token) else -1
        return self.mentions[idx] if idx >= 0 else None

    def _label(self, mention: Mention) -> str:
        if mention.entity and mention.entity in self._labels:
            return self._labels[mention.entity]
        return mention.label

    def _head(self, start: int, end: int) -> int:
        """The head token of the noun phrase ``start .. end``: last word of its first chunk."""
        view = self.view
        c = view.cues
        t = start
        while t < end:
            w = view.lower[t]
            if w == "," or w in c.relatives or w in c.document_verbs:
                break
            if w in c.np_prepositions and not (
                t > start and view.is_cap(t - 1) and t + 1 < end and view.is_cap(t + 1) and w in {"of", "for"}
            ):
                break
            t += 1
        h = t - 1
        while h > start and (view.is_punct(h) or view.lower[h] in {"'s", "\u2019s"}):
            h -= 1
        return max(h, start)

    def _parts(self, start: int, end: int) -> list[tuple[int, int]]:
        parts: list[tuple[int, int]] = []
        s = start
        for t in range(start, end):
            if self.view.words[t] == ",":
                if t > s:
                    parts.append((s, t))
                s = t + 1
        if end > s:
            parts.append((s, end))
        return parts

    def mention_end(self, t: int) -> int | None:
        """Token index after the mention covering token ``t``, if any."""
        idx = self._by_token[t] if 0 <= t < len(self._by_token) else -1
        return self._spans[idx][1] if idx >= 0 else None

    def covers_mention(self, span: tuple[int, int]) -> bool:
        """Whether a resolved mention lies within the token range ``span``."""
        return any(self._mention_at(t) is not None for t in range(*span))

    # --- resolution -------------------------------------------------------
    def resolve(self, span: tuple[int, int], *, at: int) -> Resolved:
        """Resolve the speaker words ``span``; ``at`` is the token where the quote's cue is."""
        view = self.view
        start, end = span
        word = view.lower[start] if end - start == 1 else ""
        if word in view.cues.pronouns:
            res = self._pronoun(start, view.cues.pronouns[word], at=at)
        elif word in view.cues.relatives:
            res = self._relative(start, at=at)
        else:
            res = self._noun_phrase(start, end)
        self.history.append((at, res))
        return res

    def remember(self, res: Resolved, *, at: int) -> None:
        self.history.append((at, res))

    def _noun_phrase(self, start: int, end: int) -> Resolved:
        view = self.view
        best: Mention | None = None
        parts = self._parts(start, end)
        if "and" in view.lower[start:end]:
            parts = parts[:1]  # a list of names ("the ministers of A, B and C"): its head is the first part's
        for a, b in parts:
            head = self._head(a, b)
            mention = self._mention_at(head)
            if mention is None:
                continue
            if best is None or (self._label(mention) == "PERSON" and self._label(best) != "PERSON"):
                best = mention
        if best is None:
            for t in range(start, end - 2):
                if view.lower[t] in view.cues.document_verbs and view.lower[t + 1] == "by":
                    best = self._mention_at(self._head(t + 2, end))
                    break
        head_word = view.lower[self._head(start, end)]
        if best is None and view.lower[start] == "the":
            for _, old in reversed(self.history):
                if old.head == head_word and old.entity is not None:
                    return Resolved(old.entity, old.label, (start, end), head_word)
        if best is None:
            return Resolved(None, None, (start, end), head_word)
        return Resolved(best.entity, self._label(best), (start, end), head_word)

    def _recent(self, at: int, *, sentences: int) -> list[Resolved]:
        view = self.view
        here = view.sent_of[min(at, len(view) - 1)]
        return [r for pos, r in reversed(self.history) if pos <= at and here - view.sent_of[pos] <= sentences]

    def _pronoun(self, t: int, kind: str, *, at: int) -> Resolved:
        if kind == "PERSON":
            person = frozenset({"PERSON"})
            for res in self._recent(at, sentences=0):
                if res.label == "PERSON" and res.entity is not None:
                    return Resolved(res.entity, "PERSON", (t, t + 1))
            # "Zelensky recorded a video in which he said": the sentence's own subject
            mention = self._sentence_opener(t, labels=person)
            if mention is None:
                # "..., Medinsky said. He also stressed": the speaker of the sentence before
                for res in self._recent(at, sentences=1):
                    if res.label == "PERSON" and res.entity is not None:
                        return Resolved(res.entity, "PERSON", (t, t + 1))
                mention = self._subject_mention(t, labels=person)
            if mention is not None:
                return Resolved(mention.entity, "PERSON", (t, t + 1))
            for res in self._recent(at, sentences=3):
                if res.label == "PERSON" and res.entity is not None:
                    return Resolved(res.entity, "PERSON", (t, t + 1))
            mention = self._last_mention(t, labels=person, sentences=4)
        elif kind == "GROUP":
            group = frozenset({"ORG"})
            mention = self._sentence_opener(t, labels=group) or self._subject_mention(t, labels=group)
            mention = mention or self._last_mention(t, labels=frozenset({"ORG"}), sentences=1)
            if mention is None:
                for res in self._recent(at, sentences=2):
                    if res.label != "PERSON":
                        return Resolved(res.entity, res.label, (t, t + 1))
        else:
            for res in self._recent(at, sentences=2):
                return Resolved(res.entity, res.label, (t, t + 1))
            mention = None
        if mention is None:
            return Resolved(None, None, (t, t + 1))
        return Resolved(mention.entity, self._label(mention), (t, t + 1))

    def _last_mention(self, t: int, *, labels: frozenset[str], sentences: int) -> Mention | None:
        view = self.view
        here = view.sent_of[t]
        for u in range(t - 1, -1, -1):
            if here - view.sent_of[u] > sentences:
                break
            mention = self._mention_at(u)
            if mention is None or any(a <= mention.start < b for a, b in self.quoted):
                continue  # a name inside quoted words does not speak them
            if self._label(mention) in labels and mention.entity is not None:
                return mention
        return None

    def _sentence_opener(self, t: int, *, labels: frozenset[str]) -> Mention | None:
        """A mention opening the sentence of ``t`` (its subject), when the pronoun comes later in it."""
        view = self.view
        s0, _ = view.sents[view.sent_of[t]]
        while s0 < t and (view.is_space(s0) or view.is_punct(s0)):
            s0 += 1
        if s0 < t and (view.lower[s0] in view.cues.intro_starters or (view.has_pos and view.token(s0).tag_ == "IN")):
            return None  # "In a report to President Putin, he said": no subject there
        u = s0
        while u < min(t - 1, s0 + 8):
            if view.is_quote_mark(u):
                return None
            mention = self._mention_at(u)
            if mention is not None and mention.entity is not None:
                if self._label(mention) in labels:
                    return mention
                # "United Nations Secretary-General Antonio Guterres": a body inside the title, the name follows
                after = self.mention_end(u) or u + 1
                if not (after < t and (view.is_cap(after) or view.words[after] == "-")):
                    return None
                u = after
                continue
            u += 1
        return None

    def _subject_mention(self, t: int, *, labels: frozenset[str]) -> Mention | None:
        """A mention near the start of the sentence before ``t`` (its likely subject)."""
        view = self.view
        here = view.sent_of[t]
        if here == 0:
            return None
        s0, s1 = view.sents[here - 1]
        while s0 < s1 and (view.is_space(s0) or view.is_punct(s0)):
            s0 += 1
        for u in range(s0, min(s1, s0 + 6)):
            if view.is_quote_mark(u):
                return None  # the sentence opens with a quotation
            mention = self._mention_at(u)
            if mention is not None and self._label(mention) in labels and mention.entity is not None:
                return mention
        return None

    def _relative(self, t: int, *, at: int) -> Resolved:
        """"officials in Ankara, who said": the antecedent before the comma."""
        view = self.view
        comma = t - 1
        if comma >= 0 and view.words[comma] == ",":
            s0, _ = view.sent_bounds(t)
            start = view.np_back(comma, floor=s0)
            if start < comma:
                return self._noun_phrase(start, comma)
        return Resolved(None, None, (t, t + 1))
