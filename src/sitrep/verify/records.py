"""What a rewrite diff reports: aligned sentence groups and the edits inside them.

An :class:`Edit` says what changed between an original and its copy, with the
exact spans on both sides, whether the change alters a fact, how severe it is,
and a sentence a reader understands. A :class:`RewriteDiff` lists the edits
*and* what matched, so a reader sees what the copy reproduces faithfully: the
diff never labels a whole article.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["FACT_KINDS", "HARMLESS_KINDS", "Edit", "RewriteDiff", "SentencePair", "Span"]

#: Edit kinds that change a fact (severity high unless stated otherwise).
FACT_KINDS = (
    "entity_change",  # one named person, organisation or place replaced by another
    "name_corruption",  # a name replaced by a close misspelling of it
    "affiliation_change",  # a country or demonym changed ("Ukrainian" -> "Russian")
    "role_change",  # the office changed ("Defence Minister" -> "Foreign Minister")
    "number_change",
    "date_change",  # weekday, date, month, year or relative date changed
    "negation_change",  # a negation added or removed
    "actor_swap",  # who acts and who is acted on swapped ("X accused Y" -> "Y accused X")
    "quote_qualifier_dropped",  # "not", "yet", "for now", "possibly" removed inside quotation marks
    "quote_speaker_change",  # the same words attributed to a different speaker
    "quote_changed",  # other words changed inside quotation marks (medium)
    "qualifier_dropped",  # a hedge removed outside quotation marks (medium)
    "internal_contradiction",  # an added sentence contradicts a number or date stated earlier
)
#: Edit kinds that leave the facts alone.
HARMLESS_KINDS = ("synonym", "paraphrase", "reorder", "typography", "boilerplate")
#: Changes that are neither: material added or left out (severity low, not fact-changing).
OTHER_KINDS = ("content_added", "content_dropped", "sentence_added", "sentence_dropped")


@dataclass(slots=True, frozen=True)
class Span:
    """``text[start:end]`` of one article (``start == end`` for an insertion point)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Edit:
    """One difference between an original and its copy."""

    kind: str
    severity: str  # "high" | "medium" | "low" | "none"
    original: Span
    copy: Span
    message: str

    @property
    def fact_changing(self) -> bool:
        return self.kind in FACT_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "fact_changing": self.fact_changing,
            "severity": self.severity,
            "original": self.original.to_dict(),
            "copy": self.copy.to_dict(),
            "message": self.message,
        }


@dataclass(slots=True, frozen=True)
class SentencePair:
    """Sentences of the original aligned with sentences of the copy (1:1, split, or merge).

    ``original``/``copy`` are ``(start, end)`` spans; one side is empty for a
    sentence dropped from or added to the copy. ``similarity`` is the token
    overlap of the two sides (1.0 for identical text).
    """

    original: tuple[tuple[int, int], ...]
    copy: tuple[tuple[int, int], ...]
    similarity: float

    @property
    def status(self) -> str:
        """``identical``, ``changed``, ``dropped`` or ``added``."""
        if not self.copy:
            return "dropped"
        if not self.original:
            return "added"
        return "identical" if self.similarity >= 1.0 else "changed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": [list(s) for s in self.original],
            "copy": [list(s) for s in self.copy],
            "similarity": self.similarity,
            "status": self.status,
        }


@dataclass(slots=True)
class RewriteDiff:
    """The sentence alignment of a copy to its original and every edit found."""

    original_id: str
    copy_id: str
    pairs: list[SentencePair] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)

    @property
    def fact_edits(self) -> list[Edit]:
        return [e for e in self.edits if e.fact_changing]

    @property
    def matched_share(self) -> float:
        """Share of the original's sentences that the copy reproduces word for word."""
        total = sum(len(p.original) for p in self.pairs)
        same = sum(len(p.original) for p in self.pairs if p.status == "identical")
        return same / total if total else 0.0

    def summary(self) -> dict[str, int]:
        """Number of sentence groups per status and of edits per kind."""
        out: dict[str, int] = {}
        for pair in self.pairs:
            out[f"sentences_{pair.status}"] = out.get(f"sentences_{pair.status}", 0) + 1
        for edit in self.edits:
            out[edit.kind] = out.get(edit.kind, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "original_id": self.original_id,
            "copy_id": self.copy_id,
            "matched_share": round(self.matched_share, 4),
            "summary": self.summary(),
            "pairs": [p.to_dict() for p in self.pairs],
            "edits": [e.to_dict() for e in self.edits],
        }
