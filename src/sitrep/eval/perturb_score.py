"""Score one perturbed copy on the flags stored on it.

:func:`score_copy` sorts the high-severity flags of an ingested copy into
those on the perturbed fact (``correct``), those on a background harmless edit
and those on unperturbed words; a copy is *found* when a correct flag has a kind
:data:`ACCEPTED_FLAG_KINDS` accepts for its perturbation. :func:`copy_spans`
says where the perturbed fact and the background edits sit in the copy's text.
The definitions of the figures are in :mod:`sitrep.eval.perturb_flags`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.eval.perturb_store import StoredCopy, map_span
from sitrep.verify.perturb import Perturbation
from sitrep.verify.records import Span

__all__ = ["ACCEPTED_FLAG_KINDS", "CopyResult", "copy_spans", "score_copy"]

#: Perturbation kind -> stored flag kinds that count as finding it (empty: a harmless rewrite, must not be flagged).
ACCEPTED_FLAG_KINDS: dict[str, tuple[str, ...]] = {
    "role_affiliation_swap": ("affiliation",),
    "actor_reversal": ("reversal",),
    "number_change": ("number", "date"),  # date: the count of an interval ("two days later")
    "date_change": ("date", "internal"),  # internal: a weekday changed next to its date ("Tuesday, April 1")
    "name_corruption": ("corrupted_name",),
    "internal_contradiction": ("internal", "number", "date"),
    "quote_speaker_change": ("quote_speaker",),
    "harmless_synonym": (),
    "harmless_clause_reorder": (),
    "harmless_reporting_verb": (),
    "harmless_quote_frame": (),
    "harmless_typography": (),
}


@dataclass(slots=True)
class CopyResult:
    """How the stored flags of one perturbed copy scored."""

    id: str
    kind: str
    harmful: bool
    stored: bool = True  # False: ingest did not store the copy apart, or dropped the perturbed span
    found: bool = False  # kind-strict
    found_any_kind: bool = False
    found_any_severity: bool = False  # a flag of an accepted kind on the changed words, at any severity
    stated: bool | None = None  # cross-source: another article of the store states the original fact
    flags: list[dict[str, Any]] = field(default_factory=list)  # high flags with a verdict
    collateral: int = 0  # new high flags on other articles (the round's share, on its first copy)

    @property
    def correct(self) -> int:
        return sum(1 for f in self.flags if f["verdict"] == "correct")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "harmful": self.harmful,
            "stored": self.stored,
            "found": self.found,
            "found_any_kind": self.found_any_kind,
            "found_any_severity": self.found_any_severity,
            "stated": self.stated,
            "flags": self.flags,
        }


def _overlaps(a: Span, b: Span) -> bool:
    if a.start == a.end:
        return b.start <= a.start <= b.end
    return a.start < b.end and b.start < a.end


def _edit_span(item: Perturbation, index: int) -> Span:
    """Where edit ``index`` (0: the main one, then the background ones) sits in the copy's text."""
    edits = [(item.original.start, item.original.end, item.replacement)]
    edits += [(span.start, span.end, new) for span, new in item.background]
    start, _, new = edits[index]
    pos = start + sum(len(n) - (e - s) for i, (s, e, n) in enumerate(edits) if i != index and e <= start)
    return Span(pos, pos + len(new), new)


def copy_spans(item: Perturbation) -> tuple[list[Span], list[Span]]:
    """(spans that count as the perturbed fact, spans of the background harmless edits), in the copy's text."""
    target = [item.copy]
    if item.contradicts is not None:
        c = item.contradicts
        start = c.start + sum(
            len(new) - (span.end - span.start) for span, new in item.background if span.end <= c.start
        )
        target.append(Span(start, start + len(c.text), item.article.text[start : start + len(c.text)]))
    return target, [_edit_span(item, i) for i in range(1, len(item.background) + 1)]


def score_copy(item: Perturbation, stored: StoredCopy, flags: Sequence[Mapping[str, Any]]) -> CopyResult:
    """Score the high-severity ``flags`` stored on ``stored`` (the ingested copy of ``item``)."""
    result = CopyResult(item.id, item.kind, item.harmful)
    target, background = copy_spans(item)
    mapped = [map_span(s, item.article.text, stored.text) for s in target] if stored.article_id else [None]
    if mapped[0] is None:
        result.stored = False
        return result
    truth = [s for s in mapped if s is not None]
    noise = [s for s in (map_span(b, item.article.text, stored.text) for b in background) if s is not None]
    if not item.harmful:
        noise, truth = [*truth, *noise], []
    for flag in flags:
        claim = Span(int(flag["start"]), int(flag["end"]), str(flag["claim"]))
        if flag["kind"] in ACCEPTED_FLAG_KINDS[item.kind] and any(_overlaps(claim, s) for s in truth):
            result.found_any_severity = True
        if flag["severity"] != "high":
            continue
        if any(_overlaps(claim, s) for s in truth):
            verdict = "correct"
        elif any(_overlaps(claim, s) for s in noise):
            verdict = "harmless_edit"
        else:
            verdict = "unperturbed"
        result.flags.append(
            {"kind": flag["kind"], "start": claim.start, "end": claim.end, "claim": claim.text, "verdict": verdict}
        )
    correct = [f for f in result.flags if f["verdict"] == "correct"]
    result.found_any_kind = bool(correct)
    result.found = any(f["kind"] in ACCEPTED_FLAG_KINDS[item.kind] for f in correct)
    return result
