"""Score role extraction against the gold claims in ``examples/truth/roles.jsonl``.

``python -m sitrep.eval.roles [--examples examples] [--errors]`` prints JSON:
precision, recall and F1 over claims, overall and per article, and with
``--errors`` every missed and spurious claim.

A gold line is ``{"article", "person", "role", "country", "org", "text",
"occurrence"}``: ``text`` is the evidence as written and ``occurrence`` says
which occurrence of it in the article is meant (1 = first). A predicted role
matches a gold claim when person, role and country are equal (case- and
accent-insensitive; the person by full name, a knowledge-base spelling variant
or surname) and the evidence spans overlap. Each gold claim matches at most one
prediction. ``org`` is not scored (it is often not stated).

The reading pipeline is sitrep's own trained model when it ships
(:func:`sitrep.nlp.pipeline.load_pipeline`), else a blank English tokenizer; the
figures say which was used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.examples import EXAMPLES_DIR, gold_rows, load_examples
from sitrep.eval.scoring import prf
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.kb.names import fold, person_key
from sitrep.nlp.layers import Role

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["GoldClaim", "load_gold", "main", "match_roles", "predict_roles", "score_roles"]


@dataclass(slots=True, frozen=True)
class GoldClaim:
    article: str
    person: str
    role: str
    country: str | None
    org: str | None
    start: int
    end: int
    text: str


def load_gold(path: Path, texts: Mapping[str, str]) -> list[GoldClaim]:
    """Gold claims with their evidence located in the article texts (raises ``ValueError`` if one is missing)."""
    claims: list[GoldClaim] = []
    for where, row, text in gold_rows(path, texts):
        start = -1
        for _ in range(int(row.get("occurrence", 1))):
            start = text.find(row["text"], start + 1)
            if start < 0:
                raise ValueError(f"{where}: evidence {row['text']!r} not found in {row['article']}")
        claims.append(
            GoldClaim(row["article"], row["person"], row["role"], row.get("country"), row.get("org"),
                      start, start + len(row["text"]), row["text"])
        )
    return claims


def _same_person(gold: str, predicted: str, kb: KnowledgeBase) -> bool:
    if person_key(gold) == person_key(predicted):
        return True
    known = kb.person(gold)
    if known is not None and kb.person(predicted) == known:
        return True
    return person_key(gold).split()[-1:] == person_key(predicted).split()[-1:] and len(predicted.split()) == 1


def _key(value: str | None) -> str:
    return fold(value or "")


def match_roles(
    gold: Sequence[GoldClaim], predicted: Sequence[Role], *, kb: KnowledgeBase
) -> tuple[list[tuple[GoldClaim, Role]], list[GoldClaim], list[Role]]:
    """Matched pairs, missed gold claims and spurious predictions of one article."""
    used: set[int] = set()
    pairs: list[tuple[GoldClaim, Role]] = []
    missed: list[GoldClaim] = []
    for claim in gold:
        hit = None
        for i, role in enumerate(predicted):
            if i in used:
                continue
            if (
                role.start < claim.end
                and claim.start < role.end
                and _key(role.role) == _key(claim.role)
                and _key(role.country) == _key(claim.country)
                and _same_person(claim.person, role.person, kb)
            ):
                hit = i
                break
        if hit is None:
            missed.append(claim)
        else:
            used.add(hit)
            pairs.append((claim, predicted[hit]))
    spurious = [role for i, role in enumerate(predicted) if i not in used]
    return pairs, missed, spurious


def _counts_prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    return {"tp": tp, "fp": fp, "fn": fn, **prf(tp, tp + fp, tp + fn)}


def _pipeline() -> tuple[Language, str]:
    try:
        from sitrep.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
        return nlp, f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"
    except (ImportError, OSError):
        import spacy

        return spacy.blank("en"), "blank-en (no trained model found)"


def predict_roles(articles: Mapping[str, Any], *, kb: KnowledgeBase, nlp: Language) -> dict[str, list[Role]]:
    """Roles of each article (``articles`` maps keys to :class:`sitrep.model.Article`)."""
    from sitrep.nlp.entities import resolve_entities
    from sitrep.nlp.roles import extract_roles

    keys = list(articles)
    out: dict[str, list[Role]] = {}
    for key, doc in zip(keys, nlp.pipe(articles[k].text for k in keys), strict=True):
        published = articles[key].published
        mentions, entities = resolve_entities(doc, kb=kb, published=published)
        out[key] = extract_roles(doc, mentions=mentions, entities=entities, kb=kb, published=published)
    return out


def score_roles(examples: Path, *, errors: bool = False) -> dict[str, Any]:
    """The figures for the examples under ``examples`` (see the module docstring)."""
    articles = load_examples(examples)
    gold_path = examples / "truth" / "roles.jsonl"
    gold = load_gold(gold_path, {k: a.text for k, a in articles.items()})
    keys = sorted({c.article for c in gold})
    kb = load_kb()
    nlp, model = _pipeline()
    predicted = predict_roles({k: articles[k] for k in keys}, kb=kb, nlp=nlp)
    per_article: dict[str, Any] = {}
    tp = fp = fn = 0
    wrong: list[dict[str, Any]] = []
    for key in keys:
        pairs, missed, spurious = match_roles([c for c in gold if c.article == key], predicted[key], kb=kb)
        tp, fp, fn = tp + len(pairs), fp + len(spurious), fn + len(missed)
        per_article[key] = _counts_prf(len(pairs), len(spurious), len(missed))
        wrong.extend(_errors(key, missed, spurious))
    out: dict[str, Any] = {
        "gold": str(gold_path),
        "articles": len(keys),
        "claims": len(gold),
        "model": model,
        "match": "person + role + country, overlapping evidence",
        **_counts_prf(tp, fp, fn),
        "per_article": per_article,
    }
    if errors:
        out["errors"] = wrong
    return out


def _errors(key: str, missed: Iterable[GoldClaim], spurious: Iterable[Role]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"article": key, "kind": "missed", "person": c.person, "role": c.role, "country": c.country, "text": c.text}
        for c in missed
    ]
    rows.extend(
        {"article": key, "kind": "spurious", "person": r.person, "role": r.role, "country": r.country, "text": r.span}
        for r in spurious
    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.roles", description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES_DIR, help="the example corpus (default: examples/)")
    parser.add_argument("--errors", action="store_true", help="list every missed and spurious claim")
    args = parser.parse_args(argv)
    json.dump(score_roles(args.examples, errors=args.errors), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
