"""A seeded perturbation benchmark built from our own clean example articles.

:func:`generate` makes one perturbed copy per edit: a fact-changing edit of
one of the issue's kinds (a person given another country's office, actor and
recipient swapped, a number or a date changed, a name misspelt, a later
sentence contradicting an earlier number or date, a quotation given to another
speaker) or a harmless rewrite that must not be flagged (synonyms, clause
reordering, reporting verbs, the attribution outside quotation marks,
typography). Each :class:`Perturbation` carries the ground truth (kind, the
original span and its replacement, where the changed fact sits in the copy,
the severity a detector should give it) and the perturbed copy as a full
:class:`~sitrep.model.Article`, so the same benchmark can be scored against the
rewrite diff now and against cross-source contradiction flags later.

``python -m sitrep.verify.perturb --seed 0 -o bench.jsonl`` writes it as JSONL.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitrep.model import Article, article_id
from sitrep.verify.perturb_sites import FINDERS, Site, load_perturb_lexicon
from sitrep.verify.records import Span

__all__ = [
    "EXPECTED_KINDS",
    "KINDS",
    "Keep",
    "Perturbation",
    "clean_examples",
    "generate",
    "site_counts",
    "write_jsonl",
]

#: Benchmark kind -> the rewrite-diff edit kinds that count as finding it (empty: must not be flagged).
EXPECTED_KINDS: dict[str, tuple[str, ...]] = {
    "role_affiliation_swap": ("affiliation_change", "role_change"),
    "actor_reversal": ("actor_swap",),
    "number_change": ("number_change",),
    "date_change": ("date_change",),
    "name_corruption": ("name_corruption",),
    "internal_contradiction": ("internal_contradiction",),
    "quote_speaker_change": ("quote_speaker_change",),
    "harmless_synonym": (),
    "harmless_clause_reorder": (),
    "harmless_reporting_verb": (),
    "harmless_quote_frame": (),
    "harmless_typography": (),
}
KINDS = tuple(EXPECTED_KINDS)
BENCH_OUTLET = "sitrep perturbation benchmark"


@dataclass(slots=True, frozen=True)
class Perturbation:
    """One perturbed copy of a clean article and the truth about its single edit.

    ``original`` is the replaced span of the original text (empty for an
    inserted sentence), ``replacement`` what replaced it; ``copy`` is where the
    changed fact sits in the perturbed text, the span a detector should point
    at. ``contradicts`` is the original span an inserted sentence contradicts
    (the same offsets hold in the copy, which only inserts later).
    """

    id: str
    seed: int
    kind: str
    harmful: bool
    severity: str  # what a detector should give: "high", or "none" for a harmless rewrite
    expected_kinds: tuple[str, ...]
    article_key: str
    original_id: str
    original: Span
    replacement: str
    copy: Span
    contradicts: Span | None
    note: str
    article: Article  # the perturbed copy
    background: tuple[tuple[Span, str], ...] = ()  # extra harmless edits: (original span, replacement)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "seed": self.seed,
            "kind": self.kind,
            "harmful": self.harmful,
            "severity": self.severity,
            "expected_kinds": list(self.expected_kinds),
            "article_key": self.article_key,
            "original_id": self.original_id,
            "original": self.original.to_dict(),
            "replacement": self.replacement,
            "copy": self.copy.to_dict(),
            "contradicts": self.contradicts.to_dict() if self.contradicts else None,
            "note": self.note,
            "article": self.article.to_dict(),
            "background": [{"original": span.to_dict(), "replacement": new} for span, new in self.background],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Perturbation:
        return cls(
            id=data["id"],
            seed=data["seed"],
            kind=data["kind"],
            harmful=data["harmful"],
            severity=data["severity"],
            expected_kinds=tuple(data["expected_kinds"]),
            article_key=data["article_key"],
            original_id=data["original_id"],
            original=Span(**data["original"]),
            replacement=data["replacement"],
            copy=Span(**data["copy"]),
            contradicts=Span(**data["contradicts"]) if data["contradicts"] else None,
            note=data["note"],
            article=Article.from_dict(data["article"]),
            background=tuple((Span(**b["original"]), b["replacement"]) for b in data.get("background", [])),
        )


def clean_examples(examples: Path | None = None) -> dict[str, Article]:
    """The example corpus's clean English originals: no copies, rewrites, duplicates or other languages."""
    from sitrep.eval.examples import load_examples

    out: dict[str, Article] = {}
    seen: set[str] = set()
    for key, article in load_examples(examples).items():
        if article.id in seen or article.duplicate_of or article.language not in (None, "en"):
            continue
        seen.add(article.id)
        out[key] = article
    return out


#: A test a fact-changing site must pass to be used (it sees the perturbation without background edits).
Keep = Callable[["Perturbation"], bool]


def _unique(articles: Mapping[str, Article]) -> dict[str, Article]:
    unique: dict[str, Article] = {}
    for key in sorted(articles):
        if articles[key].id not in {a.id for a in unique.values()}:
            unique[key] = articles[key]
    return unique


def _sites(unique: Mapping[str, Article], kind: str, rng: random.Random, lex: dict[str, Any]) -> list[list[tuple[str, Site]]]:
    by_article: list[list[tuple[str, Site]]] = []
    for key, article in unique.items():
        sites = [(key, s) for s in FINDERS[kind](article.text, rng, lex) if _changes(article.text, s)]
        rng.shuffle(sites)
        if sites:
            by_article.append(sites)
    rng.shuffle(by_article)
    return by_article


def generate(
    articles: Mapping[str, Article],
    *,
    seed: int,
    n_per_kind: int,
    kinds: Sequence[str] = KINDS,
    background: int = 0,
    keep: Keep | None = None,
) -> list[Perturbation]:
    """Up to ``n_per_kind`` perturbed copies per kind, spread over the articles round-robin.

    With ``background`` > 0 each copy also gets up to that many harmless
    rewrites elsewhere (synonyms, reordering, typography ...), as a real
    rewrite would, so a detector must find the one edit among harmless ones.
    With ``keep``, a fact-changing site is used only when ``keep`` accepts it
    (e.g. its original fact is stated by enough independent sources for a
    high-severity flag, :func:`sitrep.eval.perturb_stated.support_filter`);
    harmless kinds are never filtered.
    """
    lex = load_perturb_lexicon()
    unique = _unique(articles)
    out: list[Perturbation] = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        by_article = _sites(unique, kind, rng, lex)
        test = keep if keep is not None and EXPECTED_KINDS[kind] else None
        chosen: list[tuple[str, Site]] = []
        while len(chosen) < n_per_kind and any(by_article):
            for sites in by_article:
                while sites and len(chosen) < n_per_kind:
                    key, site = sites.pop()
                    if test is None or test(_perturbation("probe", seed, kind, key, unique[key], site, [])):
                        chosen.append((key, site))
                        break
        for number, (key, site) in enumerate(chosen):
            extra = _background(unique[key].text, site, rng, lex, background) if background else []
            out.append(
                _perturbation(f"s{seed}-{kind}-{number:03d}", seed, kind, key, unique[key], site, extra)
            )
    return out


def site_counts(
    articles: Mapping[str, Article], *, seed: int, kinds: Sequence[str] = KINDS, keep: Keep | None = None
) -> dict[str, tuple[int, int]]:
    """Kind -> (sites the finders return over all ``articles``, sites ``keep`` accepts)."""
    lex = load_perturb_lexicon()
    unique = _unique(articles)
    out: dict[str, tuple[int, int]] = {}
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        sites = [item for group in _sites(unique, kind, rng, lex) for item in group]
        test = keep if keep is not None and EXPECTED_KINDS[kind] else None
        kept = sum(1 for key, site in sites
                   if test is None or test(_perturbation("probe", seed, kind, key, unique[key], site, [])))
        out[kind] = (len(sites), kept)
    return out


def _background(text: str, main: Site, rng: random.Random, lex: dict[str, Any], count: int) -> list[Site]:
    """Up to ``count`` harmless sites that keep clear of ``main`` and of each other."""
    pool = [s for kind in KINDS if not EXPECTED_KINDS[kind] for s in FINDERS[kind](text, rng, lex)]
    rng.shuffle(pool)
    chosen: list[Site] = []
    for site in pool:
        if len(chosen) == count:
            break
        taken = [main, *chosen]
        if _changes(text, site) and all(site.end + 40 < t.start or t.end + 40 < site.start for t in taken):
            chosen.append(site)
    return chosen


def _changes(text: str, site: Site) -> bool:
    return text[site.start : site.end] != site.replacement


def _perturbation(
    pid: str, seed: int, kind: str, key: str, original: Article, site: Site, extra: list[Site]
) -> Perturbation:
    text = original.text
    for edit in sorted([site, *extra], key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    shift = sum(len(e.replacement) - (e.end - e.start) for e in extra if e.end <= site.start)
    fact_end = len(site.replacement) if site.fact_end is None else site.fact_end
    copy_start, copy_end = site.start + shift + site.fact_start, site.start + shift + fact_end
    copy_article = replace(
        original,
        id=article_id(text),
        source=f"perturb:{pid}",
        locator="",
        text=text,
        outlet=BENCH_OUTLET,
        url=None,
        duplicate_of=original.id,
        similarity=None,
        raw_sha256=None,
        removed=(),
        warnings=(),
        extra={"perturbation": pid, "of": key},
        layers={},
    )
    contradicts = None
    if site.contradicts is not None:
        c_start, c_end = site.contradicts
        contradicts = Span(c_start, c_end, original.text[c_start:c_end])
    harmful = bool(EXPECTED_KINDS[kind])
    return Perturbation(
        id=pid,
        seed=seed,
        kind=kind,
        harmful=harmful,
        severity="high" if harmful else "none",
        expected_kinds=EXPECTED_KINDS[kind],
        article_key=key,
        original_id=original.id,
        original=Span(site.start, site.end, original.text[site.start : site.end]),
        replacement=site.replacement,
        copy=Span(copy_start, copy_end, text[copy_start:copy_end]),
        contradicts=contradicts,
        note=site.note,
        article=copy_article,
        background=tuple(
            (Span(e.start, e.end, original.text[e.start : e.end]), e.replacement) for e in extra
        ),
    )


def write_jsonl(perturbations: Sequence[Perturbation], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for item in perturbations:
            fh.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.verify.perturb", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-per-kind", type=int, default=30)
    parser.add_argument("--background", type=int, default=0, help="extra harmless rewrites per copy")
    parser.add_argument(
        "--examples", type=Path, default=None, help="example corpus folder (default: bundled)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    items = generate(
        clean_examples(args.examples), seed=args.seed, n_per_kind=args.n_per_kind, background=args.background
    )
    write_jsonl(items, args.output)
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    print(json.dumps({"written": len(items), "path": str(args.output), "per_kind": counts}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
