"""Score quote finding against ``examples/truth/quotes.jsonl``.

``python -m sitrep.eval.quotes [--examples DIR] [--model PATH]`` reads the
example articles with sitrep's pipeline, finds quotes and prints JSON:

* ``detection``: precision/recall/F1 of quote contents; a found quote matches a
  gold one when their overlap covers at least half of the longer of the two
  (one-to-one, best overlaps first);
* ``speaker``: attribution over matched quotes (``accuracy``) and as P/R/F1
  over all found and all gold quotes. A gold speaker written as a name
  ("Sergei Shoigu", "Kremlin") is matched by the resolved entity's name or
  variants (a surname is enough), or, when no entity was resolved, by the
  speaker words containing the name. A gold speaker that is a description
  ("JFO headquarters spokesperson") is matched when no entity was resolved
  and the speaker words overlap the gold ``speaker_text`` (also when they say
  the same words);
* ``direct``: accuracy of the direct/indirect flag over matched quotes;
* ``articles``: the same counts per article, and ``errors``: every miss.

Gold lines: ``{"article", "text", "occurrence", "direct", "speaker",
"speaker_text", "cue"}``; ``text`` is found in the article's clean text
(``occurrence`` counts from 1).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.examples import EXAMPLES_DIR, load_examples
from sitrep.eval.scoring import prf
from sitrep.nlp.layers import Entity, Quote

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["GoldQuote", "evaluate", "load_gold", "main", "score"]

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "who", "which"})
_NAME_WORDS = frozenset({"of", "the", "for", "and", "de", "von", "van", "al"})


@dataclass(frozen=True, slots=True)
class GoldQuote:
    article: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: str
    speaker_text: str
    speaker_start: int
    speaker_end: int
    cue: str


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(occurrence, 1)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} (occurrence {occurrence}) is not in the article")
    return pos


def _nearest(text: str, needle: str, start: int, end: int) -> int:
    best, best_d = -1, None
    for m in re.finditer(re.escape(needle), text):
        d = 0 if start <= m.start() < end else min(abs(m.start() - start), abs(m.start() - end))
        if best_d is None or d < best_d:
            best, best_d = m.start(), d
    return best


def load_gold(path: Path, articles: Mapping[str, str]) -> list[GoldQuote]:
    """Gold quotes with offsets resolved in ``articles`` (key -> clean text)."""
    out: list[GoldQuote] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        text = articles[raw["article"]]
        try:
            start = _find(text, raw["text"], int(raw.get("occurrence", 1)))
        except ValueError as err:
            raise ValueError(f"{path}:{line_no}: {err}") from None
        end = start + len(raw["text"])
        sp = _nearest(text, raw["speaker_text"], start, end)
        out.append(
            GoldQuote(
                article=raw["article"],
                text=raw["text"],
                start=start,
                end=end,
                direct=bool(raw["direct"]),
                speaker=raw["speaker"],
                speaker_text=raw["speaker_text"],
                speaker_start=sp,
                speaker_end=sp + len(raw["speaker_text"]) if sp >= 0 else -1,
                cue=raw.get("cue", ""),
            )
        )
    return out


def _norm(name: str) -> str:
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    name = re.sub(r"[^\w\s]", " ", name)
    words = name.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _is_name(speaker: str) -> bool:
    words = speaker.replace("'s", "").split()
    return bool(words) and all(w[:1].isupper() or w in _NAME_WORDS for w in words)


def _names_match(gold: str, name: str) -> bool:
    g, n = _norm(gold), _norm(name)
    if not g or not n:
        return False
    if g == n:
        return True
    g_words, n_words = g.split(), n.split()
    return len(g_words) >= 2 and g_words[-1] == n_words[-1] and len(g_words[-1]) > 2


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0])
    return inter / longer if inter > 0 and longer > 0 else 0.0


def speaker_correct(gold: GoldQuote, quote: Quote, entities: Mapping[str, Entity]) -> bool:
    """Whether ``quote``'s speaker is ``gold``'s (see the module docstring)."""
    entity = entities.get(quote.speaker) if quote.speaker else None
    said = quote.speaker_text or ""
    if entity is not None:
        if any(_names_match(gold.speaker, n) for n in (entity.name, *entity.variants)):
            return True
        # a description that the resolver made an entity of ("Ukraine's delegation")
        described = f" {_norm(gold.speaker_text)} "
        return not _is_name(gold.speaker) and _spans_meet(gold, quote) and f" {_norm(entity.name)} " in described
    if not said:
        return False
    if _is_name(gold.speaker):
        return _norm(said) not in _PRONOUNS and (
            f" {_norm(gold.speaker)} " in f" {_norm(said)} " or _norm(said) == _norm(gold.speaker_text)
        )
    return _spans_meet(gold, quote) or _norm(said) == _norm(gold.speaker_text)


def _spans_meet(gold: GoldQuote, quote: Quote) -> bool:
    if quote.speaker_start is None or quote.speaker_end is None or gold.speaker_start < 0:
        return False
    return min(quote.speaker_end, gold.speaker_end) > max(quote.speaker_start, gold.speaker_start)


def _match(gold: Sequence[GoldQuote], found: Sequence[Quote]) -> list[tuple[int, int]]:
    pairs = [
        (_overlap((g.start, g.end), (q.start, q.end)), gi, qi)
        for gi, g in enumerate(gold)
        for qi, q in enumerate(found)
    ]
    pairs = sorted((p for p in pairs if p[0] >= 0.5), reverse=True)
    used_g: set[int] = set()
    used_q: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, qi in pairs:
        if gi in used_g or qi in used_q:
            continue
        used_g.add(gi)
        used_q.add(qi)
        out.append((gi, qi))
    return out


def _speaker_name(quote: Quote, entities: Mapping[str, Entity]) -> str | None:
    entity = entities.get(quote.speaker) if quote.speaker else None
    return entity.name if entity is not None else None


def score(
    gold: Sequence[GoldQuote],
    found: Mapping[str, Sequence[Quote]],
    entities: Mapping[str, Mapping[str, Entity]],
) -> dict[str, Any]:
    """Figures for ``found`` quotes (article key -> quotes) against ``gold``."""
    by_article: dict[str, list[GoldQuote]] = {}
    for g in gold:
        by_article.setdefault(g.article, []).append(g)
    totals = {"gold": 0, "found": 0, "matched": 0, "speaker": 0, "direct": 0}
    per_article: dict[str, dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    for key in sorted(set(by_article) | set(found)):
        g_list = by_article.get(key, [])
        q_list = list(found.get(key, []))
        ents = entities.get(key, {})
        pairs = _match(g_list, q_list)
        counts = {"gold": len(g_list), "found": len(q_list), "matched": len(pairs), "speaker": 0, "direct": 0}
        for gi, qi in pairs:
            g, q = g_list[gi], q_list[qi]
            ok = speaker_correct(g, q, ents)
            counts["speaker"] += ok
            counts["direct"] += g.direct == q.direct
            if not ok:
                errors.append({
                    "article": key, "kind": "speaker", "text": g.text[:80], "gold_speaker": g.speaker,
                    "gold_speaker_text": g.speaker_text, "speaker": _speaker_name(q, ents), "speaker_text": q.speaker_text,
                })
        matched_g = {gi for gi, _ in pairs}
        matched_q = {qi for _, qi in pairs}
        for gi, g in enumerate(g_list):
            if gi not in matched_g:
                errors.append({"article": key, "kind": "missed", "text": g.text[:80], "gold_speaker": g.speaker})
        for qi, q in enumerate(q_list):
            if qi not in matched_q:
                errors.append({
                    "article": key, "kind": "spurious", "text": q.text[:80], "speaker_text": q.speaker_text,
                    "cue": q.cue,
                })
        per_article[key] = counts
        for name in totals:
            totals[name] += counts[name]
    matched = totals["matched"]
    return {
        "gold": totals["gold"],
        "found": totals["found"],
        "matched": matched,
        "detection": prf(matched, totals["found"], totals["gold"]),
        "speaker": {
            "accuracy": round(totals["speaker"] / matched, 4) if matched else 0.0,
            **prf(totals["speaker"], totals["found"], totals["gold"]),
        },
        "direct": {"accuracy": round(totals["direct"] / matched, 4) if matched else 0.0},
        "articles": per_article,
        "errors": errors,
    }


def _load_nlp(model: Path | None) -> tuple[Language, str]:
    import spacy

    from sitrep.nlp.pipeline import default_model_path, load_pipeline

    if model is not None and not (model / "meta.json").is_file():
        raise FileNotFoundError(f"no trained spaCy model at {model}")
    path = model or default_model_path()
    if (path / "meta.json").is_file():
        nlp = load_pipeline(path=path)
        return nlp, f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    return spacy.blank("en"), "blank (no trained model)"


def evaluate(
    *,
    examples: Path | None = None,
    model: Path | None = None,
    gold_file: Path | None = None,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """Read the example articles, find their quotes and score them against the gold file.

    ``nlp`` replaces the pipeline (default: the trained model at ``model`` or the
    shipped one, and a blank English tokenizer when there is none).
    """
    from sitrep.nlp.quotes import find_quotes, mentions_from_doc

    base = examples or EXAMPLES_DIR
    articles = load_examples(base)
    gold = load_gold(gold_file or base / "truth" / "quotes.jsonl", {k: a.text for k, a in articles.items()})
    keys = sorted({g.article for g in gold})
    if nlp is None:
        nlp, model_name = _load_nlp(model)
    else:
        model_name = f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    resolver = "sitrep.nlp.quotes.mentions_from_doc"
    resolve_entities: Any = None
    kb: Any = None
    try:
        from sitrep.kb import load_kb

        resolve_entities = importlib.import_module("sitrep.nlp.entities").resolve_entities
        kb = load_kb()
        resolver = "sitrep.nlp.entities.resolve_entities"
    except (ImportError, AttributeError):
        kb = None
    found: dict[str, list[Quote]] = {}
    entities: dict[str, dict[str, Entity]] = {}
    for key, doc in zip(keys, nlp.pipe(articles[k].text for k in keys), strict=True):
        if kb is not None:
            mentions, ents = resolve_entities(doc, kb=kb, published=articles[key].published)
        else:
            mentions, ents = mentions_from_doc(doc)
        found[key] = find_quotes(doc, mentions=mentions, entities=ents)
        entities[key] = {e.id: e for e in ents}
    result = score(gold, found, entities)
    return {"model": model_name, "entities": resolver, **result}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.quotes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=Path, default=None, help="example corpus (default: the bundled one)")
    parser.add_argument("--model", type=Path, default=None, help="a trained spaCy model directory")
    parser.add_argument("--gold", type=Path, default=None, help="gold file (default: EXAMPLES/truth/quotes.jsonl)")
    parser.add_argument("--no-errors", action="store_true", help="leave the error list out")
    args = parser.parse_args(argv)
    result = evaluate(examples=args.examples, model=args.model, gold_file=args.gold)
    if args.no_errors:
        result.pop("errors")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
