"""A token view of a spaCy ``Doc`` for the quote finder.

:class:`TokenView` gives the surface patterns what they need whether or not the
pipeline has a tagger and parser: word forms, character offsets, its own
rule-based sentences (so quote handling does not depend on the parser's
sentence splits), paragraph breaks, and scans for the noun phrase that names a
speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.nlp.memo import doc_text, doc_words
from sitrep.nlp.quotes_cues import QuoteCues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["TokenView"]

_STOP_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2014", "\u2013"})
_SENT_END = frozenset({".", "!", "?", "...", "\u2026"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@dataclass(slots=True)
class TokenView:
    """Word forms, offsets and sentences of ``doc``, plus noun-phrase scans."""

    doc: Doc
    cues: QuoteCues
    text: str = ""
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    has_pos: bool = False
    has_dep: bool = False

    @classmethod
    def build(cls, doc: Doc, *, cues: QuoteCues) -> TokenView:
        view = cls(doc=doc, cues=cues, text=doc_text(doc))
        view.words = list(doc_words(doc))
        view.starts = doc.to_array("IDX").tolist() if len(doc) else []
        view.lower = [w.lower() for w in view.words]
        view.ends = [a + len(w) for a, w in zip(view.starts, view.words, strict=True)]
        view.has_pos = doc.has_annotation("TAG")
        view.has_dep = doc.has_annotation("DEP")
        view._split_sentences()
        return view

    def __len__(self) -> int:
        return len(self.words)

    # --- basic predicates -------------------------------------------------
    def is_space(self, i: int) -> bool:
        return not self.words[i].strip()

    def is_break(self, i: int) -> bool:
        """A paragraph break (a whitespace token holding a newline)."""
        return self.is_space(i) and "\n" in self.words[i]

    def is_punct(self, i: int) -> bool:
        return not any(c.isalnum() for c in self.words[i])

    def is_cap(self, i: int) -> bool:
        return self.words[i][:1].isupper()

    def is_quote_mark(self, i: int) -> bool:
        w = self.words[i]
        return w in self.cues.quote_marks or w in self.cues.quote_marks.values()

    def attached_left(self, i: int) -> bool:
        """No whitespace between token ``i - 1`` and token ``i``."""
        return i > 0 and self.ends[i - 1] == self.starts[i]

    def is_finite_verb(self, i: int) -> bool:
        return self.has_pos and self.doc[i].tag_ in _FINITE_TAGS

    def token(self, i: int) -> Token:
        return self.doc[i]

    def char_to_token(self, char: int) -> int:
        """Index of the first token that ends after ``char``."""
        lo, hi = 0, len(self.ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def sent_bounds(self, i: int) -> tuple[int, int]:
        return self.sents[self.sent_of[i]]

    # --- sentences --------------------------------------------------------
    def _split_sentences(self) -> None:
        n = len(self.words)
        bounds: list[tuple[int, int]] = []
        start = 0
        i = 0
        while i < n:
            end: int | None = None
            if self.is_break(i):
                end = i + 1
            elif self.words[i] in _SENT_END and not self._after_abbreviation(i):
                j = i + 1
                while j < n and self.is_quote_mark(j) and self.attached_left(j):
                    j += 1
                k = j
                while k < n and self.is_space(k) and not self.is_break(k):
                    k += 1
                if k >= n or self.is_break(k) or self._opens_sentence(k):
                    end = j
            if end is not None:
                if bounds and all(self.is_space(t) for t in range(start, end)):
                    bounds[-1] = (bounds[-1][0], end)  # whitespace joins the sentence before it
                else:
                    bounds.append((start, end))
                start = end
                i = end
                continue
            i += 1
        if start < n:
            bounds.append((start, n))
        self.sents = bounds
        self.sent_of = [0] * n
        for s_idx, (s, e) in enumerate(bounds):
            for t in range(s, e):
                self.sent_of[t] = s_idx

    def _after_abbreviation(self, i: int) -> bool:
        """A period that ends an abbreviation written as its own token ("Maj" ".")."""
        return (
            self.words[i] == "."
            and i > 0
            and self.attached_left(i)
            and self.lower[i - 1].rstrip(".") in self.cues.abbreviations
        )

    def _opens_sentence(self, k: int) -> bool:
        w = self.words[k]
        return w[:1].isupper() or w[:1].isdigit() or self.is_quote_mark(k) or w in {"\u2022", "(", "-"}

    # --- noun phrases -----------------------------------------------------
    def skip_back_aux(self, v: int, *, floor: int) -> tuple[int, bool]:
        """Index just after the subject of the verb at ``v``, skipping auxiliaries and adverbs.

        Returns that index and whether a negation was passed.
        """
        c = self.cues
        negated = False
        j = v
        while j - 1 >= floor:
            w = self.lower[j - 1]
            if w in c.negations:
                negated = True
            elif not (
                w in c.auxiliaries
                or w in c.time_words
                or (w.endswith("ly") and not self.is_cap(j - 1))
                or (w == "on" and j < v and self.lower[j] in c.time_words)
            ):
                # "Ukrainian officials have for months warned": a duration between subject and verb
                if w in c.duration_units:
                    k = j - 2  # "for months", "for two and a half years"
                    while k >= floor and j - 1 - k <= 5 and self.lower[k] != "for" and not self.is_cap(k) and not self.is_punct(k):
                        k -= 1
                    if k >= floor and self.lower[k] == "for":
                        j = k
                        continue
                break
            j -= 1
        return j, negated

    def np_back(self, end: int, *, floor: int) -> int:
        """Start of the noun phrase that ends just before token ``end`` (``end`` when there is none)."""
        c = self.cues
        start = end
        i = end - 1
        while i >= floor and end - i <= c.max_np_tokens:
            w = self.words[i]
            lw = self.lower[i]
            if self.is_space(i) or w in _STOP_PUNCT:
                break
            if w == "-":
                if not (self.attached_left(i) and i + 1 < len(self.words) and self.attached_left(i + 1)):
                    break
            elif w in {"'s", "\u2019s"}:
                pass
            elif lw in c.np_boundaries or lw in c.relatives or lw in c.auxiliaries or lw in c.be_forms:
                break
            elif lw in c.np_prepositions:
                left = i - 1
                hyphenated = left >= floor and self.words[left] == "-" and self.attached_left(i)
                if hyphenated:
                    pass
                elif self.is_cap(i) or left < floor or not (self.is_cap(left) or c.is_speaker_noun(self.lower[left])):
                    break
            elif not self.is_cap(i) and (self.is_finite_verb(i) or c.lemma(lw) is not None):
                break
            start = i
            i -= 1
        while start < end and (self.lower[start] in c.np_prepositions or self.is_punct(start)):
            start += 1
        return start

    def np_forward(self, begin: int, *, ceiling: int) -> int:
        """End (exclusive) of the noun phrase that starts at ``begin``: up to a comma or the sentence end."""
        c = self.cues
        i = begin
        while i < ceiling and i - begin < c.max_np_tokens + 6:
            w = self.words[i]
            if self.is_space(i) or w in _STOP_PUNCT or w in _SENT_END:
                break
            lw = self.lower[i]
            if i > begin and lw in c.time_phrase_starts and lw not in {"of", "for"} and self.is_cap(i - 1):
                break  # "said Stoltenberg at his news conference": the name ends before the adverbial
            i += 1
        return i

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Token range without leading/trailing spaces, commas, dashes and quote marks."""
        while start < end and (self.is_space(start) or self.words[start] in {",", ";", ":", "-", "\u2014", "\u2013"}):
            start += 1
        while end > start and (self.is_space(end - 1) or self.words[end - 1] in {",", ";", ":", "-", "\u2014", "\u2013", "."}):
            end -= 1
        return start, end

    def match_words(self, i: int, seq: tuple[str, ...]) -> bool:
        return i + len(seq) <= len(self.lower) and tuple(self.lower[i : i + len(seq)]) == seq

    def chars(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]
