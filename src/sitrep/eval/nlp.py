"""Score sitrep's English pipeline on the held-out sets.

* Syntax on UD English-EWT **test** (never trained on): UPOS and XPOS accuracy,
  lemma accuracy, UAS and LAS over all words including punctuation. ``gold_tokens``
  runs the pipeline on the gold words and sentences (the usual treebank figure);
  ``raw_text`` runs it on each document's plain text (our tokenizer and sentence
  splitter) and counts a word right only when it is tokenised exactly as in gold
  and its head is the aligned gold head (CoNLL 2018 style alignment).
  ``las`` compares full labels (``nsubj:pass``); ``clas_universal`` would strip
  subtypes, we report ``las_universal`` for comparison with CoNLL 2018 tables.
* Entities on UNER English-EWT **test**: exact-span precision, recall and F1 per
  type and micro-averaged over PER, ORG, LOC, with our labels mapped
  PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC (other labels are not scored). On gold
  tokens (one sentence at a time) and on raw sentence text (character spans).
* Speed: words per second of ``nlp.pipe`` over the EWT test documents' raw text.

Usage::

    python -m sitrep.eval.nlp --corpora ../shared/corpora [--model DIR] [--limit N] [--ner minilm] [--parser minilm]

``--parser minilm`` scores the accurate dependency parser (:mod:`sitrep.nlp.parser_minilm`):
on gold tokens it parses each gold sentence directly (its own UPOS is reported as
``upos_parser``); from raw text its spaCy component re-parses the pipeline's sentences.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from sitrep.eval.scoring import SHORT_KEYS, prf
from sitrep.nlp.pipeline import load_pipeline
from sitrep.nlp.training.conllu import Sentence, iob_spans, read_conllu, read_iob2

__all__ = ["UNER_MAP", "UNER_TYPES", "EntitySpan", "main", "score_entities", "score_pipeline", "score_spans",
           "score_speed", "score_syntax"]

UNER_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
UNER_TYPES = ("PER", "ORG", "LOC")
#: One entity for :func:`score_spans`: ``(item, start, end, type)``, the item numbering sentences or articles.
EntitySpan = tuple[int, int, int, str]


def _sentence_text(sentence: Sentence) -> str:
    return "".join(w.form + (" " if w.space_after else "") for w in sentence.words).strip()


def _documents(sentences: Iterable[Sentence]) -> list[list[Sentence]]:
    docs: list[list[Sentence]] = []
    for sentence in sentences:
        if not docs or docs[-1][0].doc_id != sentence.doc_id:
            docs.append([])
        docs[-1].append(sentence)
    return docs


def _gold_doc(nlp: Language, sentences: Sequence[Sentence]) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    heads: list[int] = []
    deps: list[str] = []
    pos: list[str] = []
    tags: list[str] = []
    lemmas: list[str] = []
    for sentence in sentences:
        offset = len(words)
        for w in sentence.words:
            words.append(w.form)
            spaces.append(w.space_after)
            heads.append(offset + w.head - 1 if w.head else len(words) - 1)
            deps.append(w.deprel)
            pos.append(w.upos)
            tags.append(w.xpos)
            lemmas.append(w.lemma)
        if spaces:
            spaces[-1] = True
    spaces[-1] = False
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def _dep(label: str) -> str:
    return "root" if label == "ROOT" else label


class _Counts:
    def __init__(self) -> None:
        self.c: Counter[str] = Counter()

    def add(self, gold: Any, pred: Any | None) -> None:
        self.c["words"] += 1
        if pred is None:
            return
        self.c["upos"] += pred.pos_ == gold.pos_
        self.c["xpos"] += pred.tag_ == gold.tag_
        self.c["lemma"] += pred.lemma_ == gold.lemma_

    def add_arc(self, gold: Any, pred: Any | None, head_ok: bool) -> None:
        if pred is None:
            return
        self.add_labelled_arc(gold.dep_, pred.dep_, head_ok)

    def add_labelled_arc(self, gold_dep: str, pred_dep: str, head_ok: bool) -> None:
        if not head_ok:
            return
        self.c["uas"] += 1
        gdep, pdep = _dep(gold_dep), _dep(pred_dep)
        self.c["las"] += pdep == gdep
        self.c["las_universal"] += pdep.split(":")[0] == gdep.split(":")[0]

    def result(self) -> dict[str, float]:
        n = self.c["words"] or 1
        keys: tuple[str, ...] = ("upos", "xpos", "lemma", "uas", "las", "las_universal")
        if "upos_parser" in self.c:  # the MiniLM parser's own tags (--parser minilm, gold tokens)
            keys += ("upos_parser",)
        return {k: round(self.c[k] / n, 4) for k in keys} | {"words": self.c["words"]}


def score_syntax(
    nlp: Language, sentences: Sequence[Sentence], *, raw_text: bool = True, parser: Any | None = None
) -> dict[str, Any]:
    """UPOS/XPOS/lemma accuracy, UAS and LAS on gold tokens (and from raw text).

    With ``parser`` (a :class:`~sitrep.nlp.parser_minilm.MinilmParser`) the gold-token
    heads and labels are that parser's on each whole gold sentence.
    """
    gold_counts = _Counts()
    parses = parser.parse([[w.form for w in s.words] for s in sentences]) if parser is not None else None
    for n, sentence in enumerate(sentences):
        gold = _gold_doc(nlp, [sentence])
        pred = nlp(Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold]))
        for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
            gold_counts.add(g, p)
            if parses is None:
                gold_counts.add_arc(g, p, p.head.i == g.head.i)
            else:
                word = sentence.words[i]
                gold_counts.add_labelled_arc(word.deprel, parses[n].deps[i], parses[n].heads[i] == word.head)
                gold_counts.c["upos_parser"] += parses[n].upos[i] == word.upos
    out: dict[str, Any] = {"gold_tokens": gold_counts.result()}
    if raw_text:
        raw_counts = _Counts()
        for document in _documents(sentences):
            gold = _gold_doc(nlp, document)
            pred = nlp(gold.text)
            align = Example(pred, gold).alignment
            y2x, x2y = align.y2x, align.x2y
            one_to_one: dict[int, int] = {}
            for g in gold:
                xs = [int(x) for x in y2x[g.i]]
                if len(xs) == 1 and len(list(x2y[xs[0]])) == 1:
                    one_to_one[g.i] = int(xs[0])
            for g in gold:
                token = pred[one_to_one[g.i]] if g.i in one_to_one else None
                raw_counts.add(g, token)
                head_ok = token is not None and one_to_one.get(g.head.i) == token.head.i
                raw_counts.add_arc(g, token, head_ok)
        out["raw_text"] = raw_counts.result()
    return out


def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    return {**prf(tp, pred, gold, keys=SHORT_KEYS), "gold": gold, "pred": pred}


def score_spans(gold: set[EntitySpan], pred: set[EntitySpan]) -> dict[str, Any]:
    """Exact-match precision, recall and F1 of predicted entity spans, per type in ``UNER_TYPES`` and micro.

    Each span is ``(item, start, end, type)``; a prediction counts when the same
    tuple is in ``gold``. Returns ``{type: {p, r, f1, gold, pred}, "micro": {...}}``
    with figures rounded to four places (0.0 where nothing was predicted or expected).
    Used by :func:`score_entities` (UNER) and :mod:`sitrep.eval.ner_news` (news gold).
    """
    table = {t: _prf(len({x for x in gold & pred if x[3] == t}), len({x for x in pred if x[3] == t}),
                     len({x for x in gold if x[3] == t})) for t in UNER_TYPES}
    table["micro"] = _prf(len(gold & pred), len(pred), len(gold))
    return table


def score_entities(
    nlp: Language, uner: dict[str, list[tuple[str, str]]], ud: dict[str, Sentence]
) -> dict[str, Any]:
    """Entity P/R/F1 against UNER (per type and micro), on gold tokens and on raw sentence text."""
    gold_tok: set[EntitySpan] = set()
    pred_tok: set[EntitySpan] = set()
    gold_chr: set[EntitySpan] = set()
    pred_chr: set[EntitySpan] = set()
    for n, (sent_id, tokens) in enumerate(uner.items()):
        words = [t for t, _ in tokens]
        sentence = ud.get(sent_id)
        if sentence is not None and [w.form for w in sentence.words] == words:
            spaces = [w.space_after for w in sentence.words]
        else:
            spaces = [True] * len(words)
        spaces[-1] = False
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        spans = [(s, e, t) for s, e, t in iob_spans([tag for _, tag in tokens]) if t in UNER_TYPES]
        for s, e, t in spans:
            gold_tok.add((n, s, e, t))
            gold_chr.add((n, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), t))
        pred = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
        pred_tok.update((n, ent.start, ent.end, UNER_MAP[ent.label_]) for ent in pred.ents if ent.label_ in UNER_MAP)
        raw = nlp(doc.text)
        pred_chr.update(
            (n, ent.start_char, ent.end_char, UNER_MAP[ent.label_]) for ent in raw.ents if ent.label_ in UNER_MAP
        )
    return {"gold_tokens": score_spans(gold_tok, pred_tok), "raw_text": score_spans(gold_chr, pred_chr)}


def score_speed(nlp: Language, texts: Sequence[str], *, batch_size: int = 64) -> dict[str, float]:
    """Words (tokens) per second of ``nlp.pipe`` over ``texts`` (one warm-up pass on the first few)."""
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - start
    return {"words": words, "seconds": round(seconds, 2), "words_per_second": round(words / seconds)}


def score_pipeline(
    *, corpora: Path, model: Path | None = None, limit: int | None = None, rules: bool = True, ner: str = "cnn",
    parser: str = "cnn",
) -> dict[str, Any]:
    """All figures for one model; ``limit`` scores only the first N sentences (smoke tests).

    ``rules=False`` scores the trained model alone, without the gazetteer and consistency pass.
    ``ner="minilm"`` adds the accurate entity variant (:mod:`sitrep.nlp.ner_minilm`) after the NER.
    ``parser="minilm"`` scores the accurate dependency parser (:mod:`sitrep.nlp.parser_minilm`).
    """
    nlp = load_pipeline(path=model, rules=rules, ner="minilm" if ner == "minilm" else "default")
    minilm_parser = None
    if parser == "minilm":
        from sitrep.nlp.parser_minilm.component import COMPONENT, add_minilm_parser

        add_minilm_parser(nlp)  # on this process's cached pipeline: the scorer's own use
        minilm_parser = getattr(nlp.get_pipe(COMPONENT), "parser")  # noqa: B009  (a component, not typed as one)
    ud_sentences = list(read_conllu(corpora / "UD_English-EWT" / "en_ewt-ud-test.conllu"))
    uner = read_iob2(corpora / "UNER_English-EWT" / "en_ewt-ud-test.iob2")
    if limit is not None:
        ud_sentences = ud_sentences[:limit]
        uner = dict(list(uner.items())[:limit])
    texts = [" ".join(_sentence_text(s) for s in doc) for doc in _documents(ud_sentences)]
    return {
        "model": str(model) if model else "shipped en_sitrep_core",
        "ner": ner,
        "parser": parser,
        "pipeline": list(nlp.pipe_names),
        "ud_ewt_test": score_syntax(nlp, ud_sentences, parser=minilm_parser),
        "uner_ewt_test": score_entities(nlp, uner, {s.sent_id: s for s in ud_sentences}),
        "speed": score_speed(nlp, texts),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitrep.eval.nlp", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--model", type=Path, default=None, help="trained model directory (default: shipped)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    parser.add_argument("--no-rules", action="store_true", help="trained model only (no gazetteer/consistency)")
    parser.add_argument("--ner", choices=("cnn", "minilm"), default="cnn",
                        help="entities from the pipeline's CNN (default) or the MiniLM tagger (accurate variant)")
    parser.add_argument("--parser", choices=("cnn", "minilm"), default="cnn",
                        help="dependencies from the pipeline's CNN (default) or the MiniLM parser (accurate variant)")
    args = parser.parse_args(argv)
    result = score_pipeline(corpora=args.corpora, model=args.model, limit=args.limit, rules=not args.no_rules,
                            ner=args.ner, parser=args.parser)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
