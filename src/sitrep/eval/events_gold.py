"""Score coded events (:func:`sitrep.events.extract.code_events`) against our own event gold.

Gold: ``examples/truth/events.jsonl`` (see ``EVENTS_GUIDE.md`` there), one event per line with its
article key, sentence, trigger, type, mode, actors, recipients, date, place and status.

Matching: a predicted event may match a gold event of the same article whose sentence overlaps its
evidence sentence; when several pairs compete, pairs whose trigger spans overlap and pairs of the
same type are preferred, then the nearest triggers; matching is one to one. Figures:

* event detection precision/recall/F1 (any matched pair counts);
* type micro-F1 (a matched pair with equal type is a true positive; every other prediction is a
  false positive and every other gold event a false negative), and per-type figures;
* actor-country and recipient-country accuracy on correctly typed pairs (set of countries equal);
* date accuracy (value and precision equal) and place accuracy (both empty, or same country and
  one name contains the other) on matched pairs.

Slices: ``dev`` (the 2021 articles, looked at while developing) and ``heldout`` (the 2024 articles,
kept for reporting). ``--errors`` lists every miss. Timing: reading (parse + layers) and coding of the
gold's articles in one pass, wall and CPU seconds; one-off loads (parser, classifier, gazetteer tables, and
what reading and coding a first article loads) happen before the clock starts, as in
``benchmarks/bench_events.py``, whose ratio this one is comparable with.

    python -m sitrep.eval.events_gold [--examples examples] [--model DIR] [--events-model fast|accurate] [--parser fast|accurate]
        [--errors] [--confusion] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.scoring import prf
from sitrep.events.record import Event
from sitrep.nlp.options import PARSER_OPTIONS

if TYPE_CHECKING:
    from sitrep.events.classify import EventClassifier

__all__ = ["GoldEvent", "Scores", "confusion_table", "load_gold", "match", "score", "score_examples"]

SLICES = {"dev": ("2021",), "heldout": ("2024",)}
NO_EVENT = "-"  # the confusion matrix's row of spurious events and column of missed ones


@dataclass(slots=True, frozen=True)
class GoldEvent:
    article: str
    sentence: str
    trigger: str
    type: str
    mode: str | None
    actor_countries: frozenset[str | None]
    recipient_countries: frozenset[str | None]
    date: str | None
    date_precision: str | None
    location: dict[str, Any] | None
    status: dict[str, bool]
    sentence_start: int = -1
    trigger_start: int = -1
    trigger_end: int = -1


def load_gold(path: Path, *, texts: dict[str, str]) -> list[GoldEvent]:
    """Gold events with their sentence and trigger located in the article text."""
    out: list[GoldEvent] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = texts.get(row["article"], "")
        s_start = text.find(row["sentence"])
        t_start = t_end = -1
        if s_start >= 0:
            found = re.search(r"(?<!\w)" + re.escape(row["trigger"]) + r"(?!\w)", row["sentence"])
            if found:
                t_start, t_end = s_start + found.start(), s_start + found.end()
        out.append(
            GoldEvent(
                article=row["article"],
                sentence=row["sentence"],
                trigger=row["trigger"],
                type=row["type"],
                mode=row.get("mode"),
                actor_countries=frozenset(a.get("country") for a in row.get("actor", [])),
                recipient_countries=frozenset(a.get("country") for a in row.get("recipient", [])),
                date=row.get("date"),
                date_precision=row.get("date_precision"),
                location=row.get("location"),
                status=dict(row.get("status", {})),
                sentence_start=s_start,
                trigger_start=t_start,
                trigger_end=t_end,
            )
        )
    return out


def _pair_rank(gold: GoldEvent, pred: Event) -> tuple[int, int, int] | None:
    if gold.sentence_start < 0:
        return None
    g_end = gold.sentence_start + len(gold.sentence)
    if pred.sentence_end <= gold.sentence_start or pred.sentence_start >= g_end:
        return None
    overlap = int(pred.start < gold.trigger_end and gold.trigger_start < pred.end)
    return overlap, int(pred.type == gold.type), -abs(pred.start - gold.trigger_start)


def match(gold: list[GoldEvent], predicted: list[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs for one article, best pairs first."""
    ranked: list[tuple[tuple[int, int, int], int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            rank = _pair_rank(g, p)
            if rank is not None:
                ranked.append((rank, gi, pi))
    ranked.sort(key=lambda item: item[0], reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in ranked:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _place_ok(gold: dict[str, Any] | None, pred: Event) -> bool:
    if gold is None or pred.location is None:
        return gold is None and pred.location is None
    g_name, p_name = str(gold.get("name", "")).lower(), pred.location.name.lower()
    return gold.get("country") == pred.location.country and (g_name in p_name or p_name in g_name)


@dataclass(slots=True)
class Scores:
    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    typed: int = 0
    actor_ok: int = 0
    recipient_ok: int = 0
    date_ok: int = 0
    place_ok: int = 0
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add_type(self, name: str, key: str) -> None:
        self.per_type.setdefault(name, Counter())[key] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "detection": prf(self.matched, self.n_pred, self.n_gold),
            "type": prf(self.typed, self.n_pred, self.n_gold),
            "actor_country_accuracy": round(self.actor_ok / self.typed, 4) if self.typed else 0.0,
            "recipient_country_accuracy": round(self.recipient_ok / self.typed, 4) if self.typed else 0.0,
            "date_accuracy": round(self.date_ok / self.matched, 4) if self.matched else 0.0,
            "location_accuracy": round(self.place_ok / self.matched, 4) if self.matched else 0.0,
            "per_type": {
                name: {**prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"]), "gold": c["tp"] + c["fn"]}
                for name, c in sorted(self.per_type.items())
            },
            "confusion": {f"{g}>{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def score(gold: list[GoldEvent], predicted: dict[str, list[Event]]) -> Scores:
    """Scores of predicted events (by article key) against gold (only the gold's articles count)."""
    scores = Scores()
    by_article: dict[str, list[GoldEvent]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    for article, golds in sorted(by_article.items()):
        preds = predicted.get(article, [])
        scores.n_gold += len(golds)
        scores.n_pred += len(preds)
        pairs = match(golds, preds)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            scores.matched += 1
            scores.date_ok += int((g.date, g.date_precision) == (p.date, p.date_precision))
            scores.place_ok += int(_place_ok(g.location, p))
            scores.confusion[(g.type, p.type)] += 1
            if g.type != p.type:
                scores.add_type(p.type, "fp")
                scores.add_type(g.type, "fn")
                scores.errors.append(_error("type", article, g, p))
                continue
            scores.typed += 1
            scores.add_type(g.type, "tp")
            actor_ok = frozenset(a.country for a in p.actor) == g.actor_countries
            recipient_ok = frozenset(a.country for a in p.recipient) == g.recipient_countries
            scores.actor_ok += int(actor_ok)
            scores.recipient_ok += int(recipient_ok)
            if not actor_ok:
                scores.errors.append(_error("actor", article, g, p))
            if not recipient_ok:
                scores.errors.append(_error("recipient", article, g, p))
            if (g.date, g.date_precision) != (p.date, p.date_precision):
                scores.errors.append(_error("date", article, g, p))
        for gi, g in enumerate(golds):
            if gi not in matched_g:
                scores.add_type(g.type, "fn")
                scores.confusion[(g.type, NO_EVENT)] += 1
                scores.errors.append(_error("missed", article, g, None))
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                scores.add_type(p.type, "fp")
                scores.confusion[(NO_EVENT, p.type)] += 1
                scores.errors.append(_error("spurious", article, None, p))
    return scores


def _error(kind: str, article: str, gold: GoldEvent | None, pred: Event | None) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind, "article": article}
    if gold is not None:
        out["gold"] = {
            "trigger": gold.trigger,
            "type": gold.type,
            "actor": sorted(str(c) for c in gold.actor_countries),
            "recipient": sorted(str(c) for c in gold.recipient_countries),
            "date": [gold.date, gold.date_precision],
            "sentence": gold.sentence[:120],
        }
    if pred is not None:
        out["pred"] = {
            "trigger": pred.span,
            "type": pred.type,
            "actor": sorted(str(a.country) for a in pred.actor),
            "recipient": sorted(str(a.country) for a in pred.recipient),
            "date": [pred.date, pred.date_precision],
            "sentence": pred.sentence[:120],
        }
    return out


def score_examples(
    examples: Path | None = None,
    *,
    model: Path | None = None,
    truth: Path | None = None,
    multi_event: bool = True,
    accurate: bool = False,
    classifier: EventClassifier | None = None,
    parser: str = "fast",
) -> dict[str, Any]:
    """Read and code the gold's example articles, score all, the dev and the held-out slice; time the stages.

    ``parser="accurate"`` reads with the MiniLM dependency parser (:mod:`sitrep.nlp.parser_minilm`).

    ``accurate`` codes with the MiniLM dense head mixed in (the encoder's load is a one-off, outside the
    timing; embedding the sentences is inside it); ``classifier`` overrides the packaged model.
    """
    from sitrep.eval.examples import load_examples
    from sitrep.events.classify import load_classifier
    from sitrep.events.embed import load_encoder
    from sitrep.events.extract import code_events
    from sitrep.events.geo import load_gazetteer
    from sitrep.events.memo import clear_memos
    from sitrep.kb import load_kb
    from sitrep.nlp.pipeline import load_pipeline
    from sitrep.nlp.read import read_doc

    articles = load_examples(examples)
    base = examples or Path(__file__).resolve().parents[3] / "examples"
    truth = truth or base / "truth" / "events.jsonl"
    gold = load_gold(truth, texts={key: a.text for key, a in articles.items()})
    wanted = sorted({g.article for g in gold})
    nlp = load_pipeline(path=model, parser=PARSER_OPTIONS[parser])
    kb = load_kb()
    classifier = classifier or load_classifier(accurate=accurate)
    if classifier.accurate:
        load_encoder()
    load_gazetteer().warm()  # one-off loads stay out of the timing, as the parser's load does
    if wanted:  # warm up, untimed: what reading and coding load on first use (the bench does the same)
        first = articles[wanted[0]]
        doc = nlp(first.text)
        code_events(
            doc, read_doc(doc, article=first, kb=kb), article=first, kb=kb, classifier=classifier, multi_event=multi_event
        )
        clear_memos()  # the timed pass starts from empty memos, as a fresh process does
    predicted: dict[str, list[Event]] = {}
    read_s = code_s = read_cpu = code_cpu = 0.0
    for key in wanted:
        article = articles[key]
        t0, c0 = time.perf_counter(), time.process_time()
        doc = nlp(article.text)
        reading = read_doc(doc, article=article, kb=kb)
        t1, c1 = time.perf_counter(), time.process_time()
        predicted[key] = code_events(doc, reading, article=article, kb=kb, classifier=classifier, multi_event=multi_event)
        t2, c2 = time.perf_counter(), time.process_time()
        read_s += t1 - t0
        code_s += t2 - t1
        read_cpu += c1 - c0
        code_cpu += c2 - c1
    manifest = _manifest_published(base)
    year = {key: (manifest.get(key) or articles[key].published or "")[:4] for key in wanted}
    result: dict[str, Any] = {}
    for name, years in (("all", None), *SLICES.items()):
        part = [g for g in gold if years is None or year[g.article] in years]
        sc = score(part, predicted)
        result[name] = sc.to_dict()
        if name == "all":
            result["errors"] = sc.errors
    result["timing"] = {
        "read_s": round(read_s, 2),
        "code_s": round(code_s, 2),
        "coding_over_reading": round(code_s / read_s, 4) if read_s else None,
        "read_cpu_s": round(read_cpu, 2),
        "code_cpu_s": round(code_cpu, 2),
        "coding_over_reading_cpu": round(code_cpu / read_cpu, 4) if read_cpu else None,
    }
    return result


def confusion_table(confusion: dict[str, int]) -> str:
    """The type confusion matrix as text: rows gold types, columns predicted ones, ``-`` no event."""
    cells = {tuple(key.split(">")): n for key, n in confusion.items()}
    names = [*sorted({name for pair in cells for name in pair} - {NO_EVENT}), NO_EVENT]
    short = {name: name[:4] for name in names}
    lines = ["gold\\pred " + " ".join(f"{short[n]:>4s}" for n in names)]
    for g in names:
        row = " ".join(f"{cells.get((g, p), 0) or '.':>4}" for p in names)
        lines.append(f"{g:10s} {row}")
    return "\n".join(lines)


def _manifest_published(base: Path) -> dict[str, str]:
    """Each example's true publication date by key (for slicing; articles without a dated byline included)."""
    path = base / "manifest.json"
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        record = row.get("record")
        if record is None:
            key = row["file"]
        elif row["file"].endswith(".jsonl"):
            key = f"{row['file']}#{int(record) + 1}"  # JSON-lines keys count lines from 1
        else:
            key = f"{row['file']}[{record}]"
        out[key] = str(row.get("published") or "")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.events_gold", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=Path, default=None, help="example corpus directory")
    parser.add_argument("--truth", type=Path, default=None, help="gold file (default DIR/truth/events.jsonl)")
    parser.add_argument("--model", type=Path, default=None, help="spaCy model directory (default: shipped)")
    parser.add_argument("--single", action="store_true", help="one event per sentence (the classifier's)")
    parser.add_argument(
        "--events-model",
        choices=("fast", "accurate"),
        default="fast",
        help="event-type model: fast (sparse, the default) or accurate (mixed with MiniLM sentence embeddings)",
    )
    parser.add_argument(
        "--parser", choices=tuple(PARSER_OPTIONS), default="fast",
        help="dependency parser: fast (the model's CNN) or accurate (MiniLM biaffine parser)",
    )
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument(
        "--confusion", action="store_true", help="print the type confusion matrix (rows gold, columns predicted)"
    )
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = score_examples(
        args.examples,
        model=args.model,
        truth=args.truth,
        multi_event=not args.single,
        accurate=args.events_model == "accurate",
        parser=args.parser,
    )
    errors = result.pop("errors")
    if args.json:
        print(json.dumps({**result, "errors": errors} if args.errors else result, indent=2))
        return 0
    for name in ("all", "dev", "heldout"):
        part = result[name]
        print(
            f"{name:8s} gold={part['gold']:4d} pred={part['predicted']:4d} "
            f"detect F1={part['detection']['f1']:.3f} type P/R/F1={part['type']['precision']:.3f}/"
            f"{part['type']['recall']:.3f}/{part['type']['f1']:.3f} actor={part['actor_country_accuracy']:.3f} "
            f"recipient={part['recipient_country_accuracy']:.3f} date={part['date_accuracy']:.3f} "
            f"place={part['location_accuracy']:.3f}"
        )
    for type_name, figures in result["all"]["per_type"].items():
        print(f"  {type_name:10s} gold={figures['gold']:3d} P={figures['precision']:.3f} R={figures['recall']:.3f} F1={figures['f1']:.3f}")
    if args.confusion:
        print(confusion_table(result["all"]["confusion"]))
    timing = result["timing"]
    print(
        f"timing: read {timing['read_s']}s, code {timing['code_s']}s, ratio {timing['coding_over_reading']} (wall); "
        f"CPU ratio {timing['coding_over_reading_cpu']}"
    )
    if args.errors:
        for err in errors:
            print(json.dumps(err, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
