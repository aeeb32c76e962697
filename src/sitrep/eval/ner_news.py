"""Score sitrep's entity recogniser on news text: our own gold on the blind reading sets.

The gold (``tests/data/ner_news/<set>.jsonl``, guideline in that folder's
README) marks every PER, ORG and LOC mention in the English articles of an
example set (``tests/data/blind_reading`` and ``blind_reading2`` by default),
one line per mention: ``{"article", "text", "type", "start", "end"}`` with
character offsets into the clean article text of :func:`load_examples`.

Our labels are mapped as for UNER (:data:`sitrep.eval.nlp.UNER_MAP`:
PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC; NORP, EVENT and the rest are not
scored). Exact-span precision, recall and F1, micro and per type; with
``errors`` every mismatch, sorted into kinds: ``type`` (right span, wrong
type), ``boundary`` (overlapping spans), ``missed`` and ``spurious``.

Usage::

    python -m sitrep.eval.ner_news [--examples DIR ...] [--ner cnn|minilm] [--no-rules] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.examples import gold_rows, load_examples
from sitrep.eval.nlp import UNER_MAP, UNER_TYPES, EntitySpan, score_spans

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "GOLD_DIR",
    "NEWS_SETS",
    "GoldEntity",
    "load_gold",
    "main",
    "match_entities",
    "predict_entities",
    "score_news",
]

_DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
GOLD_DIR = _DATA / "ner_news"
NEWS_SETS = (_DATA / "blind_reading", _DATA / "blind_reading2")

Span = tuple[int, int, str]


@dataclass(slots=True, frozen=True)
class GoldEntity:
    article: str
    text: str
    type: str
    start: int
    end: int


def load_gold(path: Path, texts: Mapping[str, str]) -> list[GoldEntity]:
    """The gold mentions of one set; raises ``ValueError`` when an offset does not hold its surface text."""
    gold: list[GoldEntity] = []
    for where, row, text in gold_rows(path, texts):
        if row["type"] not in UNER_TYPES:
            raise ValueError(f"{where}: type {row['type']!r} is not one of {', '.join(UNER_TYPES)}")
        if text[row["start"]:row["end"]] != row["text"]:
            raise ValueError(f"{where}: {row['text']!r} is not at {row['start']}-{row['end']} of {row['article']}")
        gold.append(GoldEntity(row["article"], row["text"], row["type"], row["start"], row["end"]))
    return gold


def predict_entities(texts: Mapping[str, str], *, nlp: Language) -> dict[str, list[Span]]:
    """``(start, end, type)`` of each article's PER/ORG/LOC entities (our labels mapped as for UNER)."""
    keys = list(texts)
    return {
        key: [(e.start_char, e.end_char, UNER_MAP[e.label_]) for e in doc.ents if e.label_ in UNER_MAP]
        for key, doc in zip(keys, nlp.pipe(texts[k] for k in keys), strict=True)
    }


def match_entities(gold: Sequence[Span], predicted: Sequence[Span]) -> list[tuple[str, Span | None, Span | None]]:
    """Every mismatch of one article as ``(kind, gold, predicted)``; exact matches are left out."""
    gold_set, pred_set = set(gold), set(predicted)
    pred_by_span = {(s, e): (s, e, t) for s, e, t in predicted}
    gold_spans = {(s, e) for s, e, _ in gold}
    out: list[tuple[str, Span | None, Span | None]] = []
    for g in sorted(gold_set - pred_set):
        same = pred_by_span.get(g[:2])
        if same is not None:
            out.append(("type", g, same))
            continue
        over = [p for p in predicted if p[0] < g[1] and g[0] < p[1]]
        out.append(("boundary", g, over[0]) if over else ("missed", g, None))
    for p in sorted(pred_set - gold_set):
        if p[:2] in gold_spans:
            continue
        if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
            out.append(("spurious", None, p))
        elif not any(k == "boundary" and q == p for k, _, q in out):
            out.append(("boundary", None, p))
    return out


def _error_row(set_name: str, key: str, text: str, kind: str, g: Span | None, p: Span | None) -> dict[str, Any]:
    start = min(x[0] for x in (g, p) if x is not None)
    end = max(x[1] for x in (g, p) if x is not None)
    return {
        "set": set_name, "article": key, "kind": kind,
        "gold": None if g is None else f"{text[g[0]:g[1]]}/{g[2]}",
        "predicted": None if p is None else f"{text[p[0]:p[1]]}/{p[2]}",
        "context": text[max(0, start - 40):end + 40].replace("\n", " "),
    }


def score_news(
    examples: Sequence[Path] = NEWS_SETS,
    *,
    gold_dir: Path = GOLD_DIR,
    model: Path | None = None,
    ner: str = "cnn",
    rules: bool = True,
    errors: bool = False,
    articles: Collection[str] | None = None,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """P/R/F1 per type and micro over the gold of each set in ``examples`` (see the module docstring).

    ``articles`` limits the score to those article keys. The pipeline is
    :func:`sitrep.nlp.pipeline.load_pipeline` with ``model``, ``rules`` and ``ner``
    as in :mod:`sitrep.eval.nlp`, unless ``nlp`` is given.
    """
    if nlp is None:
        from sitrep.nlp.pipeline import load_pipeline

        nlp = load_pipeline(path=model, rules=rules, ner="minilm" if ner == "minilm" else "default")
    gold_all: set[EntitySpan] = set()
    pred_all: set[EntitySpan] = set()
    wrong: list[dict[str, Any]] = []
    scored = 0
    for examples_dir in examples:
        set_name = examples_dir.name
        texts = {k: a.text for k, a in load_examples(examples_dir).items()}
        gold = load_gold(gold_dir / f"{set_name}.jsonl", texts)
        keys = sorted({g.article for g in gold if articles is None or g.article in articles})
        predicted = predict_entities({k: texts[k] for k in keys}, nlp=nlp)
        for key in keys:
            n = scored
            scored += 1
            g_spans = [(g.start, g.end, g.type) for g in gold if g.article == key]
            gold_all.update((n, *s) for s in g_spans)
            pred_all.update((n, *s) for s in predicted[key])
            if errors:
                wrong.extend(_error_row(set_name, key, texts[key], *m) for m in match_entities(g_spans, predicted[key]))
    out: dict[str, Any] = {
        "sets": [str(p) for p in examples],
        "articles": scored,
        "model": f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}",
        "ner": ner,
        "rules": rules,
        "match": "exact character span and type (PER, ORG, LOC)",
        "scores": score_spans(gold_all, pred_all),
    }
    if errors:
        out["error_kinds"] = dict(Counter(f"{w['kind']} {(w['gold'] or w['predicted']).rsplit('/', 1)[1]}"
                                          for w in wrong).most_common())
        out["errors"] = wrong
    return out


def _table(result: Mapping[str, Any]) -> str:
    rows = [f"{result['model']}, ner={result['ner']}, rules={result['rules']}, {result['articles']} articles",
            f"{'type':<6} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, s in result["scores"].items():
        rows.append(f"{name:<6} {s['gold']:>5} {s['pred']:>5} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f}")
    if "errors" in result:
        rows.append("error kinds: " + ", ".join(f"{k} {v}" for k, v in result["error_kinds"].items()))
        rows.extend(f"{w['kind']:<8} gold={w['gold']} pred={w['predicted']} | {w['context']}" for w in result["errors"])
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.ner_news", description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, nargs="+", default=list(NEWS_SETS),
                        help="example sets with gold in --gold-dir (default: blind_reading, blind_reading2)")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR, help="folder of <set>.jsonl gold files")
    parser.add_argument("--model", type=Path, default=None, help="trained model directory (default: shipped)")
    parser.add_argument("--no-rules", action="store_true", help="trained model only (no gazetteer/consistency)")
    parser.add_argument("--ner", choices=("cnn", "minilm"), default="cnn",
                        help="entities from the pipeline's CNN (default) or the MiniLM tagger (accurate variant)")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    result = score_news(args.examples, gold_dir=args.gold_dir, model=args.model, ner=args.ner,
                        rules=not args.no_rules, errors=args.errors)
    if args.json:
        json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
