"""Turn the UD / UNER corpora into spaCy ``DocBin`` training and evaluation sets.

Splits (held-out sets are never used for training):

* train: UD English-EWT train, EWT dev minus the selection slice (with UNER dev
  entities), GUM train and test (CC BY genres only, with their named entities);
* dev (model selection): every fourth EWT dev document (with UNER dev entities)
  and GUM dev (CC BY genres);
* held out: UD English-EWT test (LAS) and UNER English-EWT test (entity F1),
  read only by :mod:`sitrep.eval.nlp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from sitrep.nlp.training.conllu import Sentence, Word, iob_spans, read_conllu, read_iob2
from sitrep.nlp.training.labels import label_data, refine_label

SELECTION_EVERY = 4
NER_UPSAMPLE = 2  # documents with entity annotation appear this many times in train
MAX_SENTS_PER_DOC = 10
_CONNECTORS = frozenset({"of", "for", "de", "du", "&", "der", "von"})
_NOT_NAME_POS = frozenset({"DET", "PRON", "PUNCT", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "NUM", "SYM"})
_ENTITY_RE = re.compile(r"\(([^()]+)\)?|(\d+)\)")

TokenSpan = tuple[int, int, str]


@dataclass(slots=True)
class AnnotatedSentence:
    sentence: Sentence
    ents: list[TokenSpan] | None  # None: entity annotation missing


def ewt_dir(corpora: Path) -> Path:
    return corpora / "UD_English-EWT"


def gum_dir(corpora: Path) -> Path:
    return corpora / "UD_English-GUM"


def uner_dir(corpora: Path) -> Path:
    return corpora / "UNER_English-EWT"


def _file_list(root: Path, split: str) -> list[str]:
    path = root / "not-to-release" / "file-lists" / f"files.{split}"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ewt_documents(corpora: Path, split: str) -> list[list[Sentence]]:
    """EWT documents of one split (``train``/``dev``/``test``) in file-list order."""
    root = ewt_dir(corpora)
    return [
        list(read_conllu(root / "not-to-release" / "sources" / name)) for name in _file_list(root, split)
    ]


def gum_documents(corpora: Path, split: str) -> list[list[Sentence]]:
    """GUM documents of one split, restricted to the CC BY / public-domain genres."""
    root = gum_dir(corpora)
    genres = label_data().gum_genres_used
    docs = []
    for name in _file_list(root, split):
        genre = name.split("_")[1] if name.count("_") >= 2 else ""
        if genre in genres:
            docs.append(list(read_conllu(root / "not-to-release" / "sources" / f"{name}.conllu")))
    return docs


def _entity_field(misc: str) -> str:
    for part in misc.split("|"):
        if part.startswith("Entity="):
            return part[len("Entity=") :]
    return ""


def gum_named_spans(sentence: Sentence) -> list[TokenSpan]:
    """Named entity spans (PROPN-headed GUM entities) of one sentence, mapped to sitrep labels."""
    return non_overlapping(gum_labelled_extents(sentence))


def gum_labelled_extents(sentence: Sentence) -> list[TokenSpan]:
    """Every GUM entity of one sentence with a sitrep label, cut to its name; they may overlap."""
    data = label_data()
    words = sentence.words
    opened: dict[str, tuple[int, str]] = {}
    raw: list[TokenSpan] = []
    for i, word in enumerate(words):
        for match in _ENTITY_RE.finditer(_entity_field(word.misc)):
            if match.group(1):
                fields = match.group(1).split("-")
                if len(fields) < 2:
                    continue
                if match.group(0).endswith(")"):
                    raw.append((i, i + 1, fields[1]))
                else:
                    opened[fields[0]] = (i, fields[1])
            elif match.group(2) in opened:
                start, etype = opened.pop(match.group(2))
                raw.append((start, i + 1, etype))
    spans: list[TokenSpan] = []
    for start, end, etype in raw:
        label = data.gum_entity_types.get(etype)
        if label is None:
            continue
        named = _named_extent(words, start, end, strip_titles=label == "PERSON")
        if named is None:
            continue
        left, right = named
        text = _span_text(words[left:right])
        spans.append((left, right, refine_label(label, text)))
    return spans


def _capitalised(word: Word) -> bool:
    if word.upos == "PROPN":
        return True
    return word.form[:1].isupper() and word.upos not in _NOT_NAME_POS


def _named_extent(words: Sequence[Word], start: int, end: int, *, strip_titles: bool) -> tuple[int, int] | None:
    """The proper-name part of a GUM entity span: PROPN head plus adjoining capitalised words."""
    head = next((i for i in range(start, end) if not start <= words[i].head - 1 < end), start)
    if words[head].upos != "PROPN":
        return None
    titles = label_data().person_titles
    if strip_titles and words[head].form.casefold() in titles:
        return None
    left = head
    while left - 1 >= start:
        if _capitalised(words[left - 1]):
            left -= 1
        elif (
            words[left - 1].form.casefold() in _CONNECTORS | {"and", "&", "the"}
            and left - 2 >= start
            and _capitalised(words[left - 2])
        ):
            left -= 2
        else:
            break
    right = head + 1
    while right < end:
        if words[right].upos == "PROPN":
            right += 1
            continue
        j = right
        while j < end and words[j].form.casefold() in _CONNECTORS | {"the"}:
            j += 1
        if j > right and j < end and words[j].upos == "PROPN" and words[right].form.casefold() in _CONNECTORS:
            right = j + 1
            continue
        break
    if strip_titles:
        while left < head and words[left].form.casefold() in titles:
            left += 1
    return left, right


def _span_text(words: Sequence[Word]) -> str:
    return "".join(w.form + (" " if w.space_after else "") for w in words).strip()


def non_overlapping(spans: Iterable[TokenSpan]) -> list[TokenSpan]:
    """Longest spans first (then earlier, then by label, so the result never depends on hash order)."""
    kept: list[TokenSpan] = []
    taken: set[int] = set()
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0], s[2])):
        if taken.isdisjoint(range(span[0], span[1])):
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept)


def uner_spans(sentence: Sentence, tokens: list[tuple[str, str]] | None) -> list[TokenSpan] | None:
    """UNER entity spans for an EWT sentence, or None when the tokens do not line up."""
    if tokens is None or [t for t, _ in tokens] != [w.form for w in sentence.words]:
        return None
    types = label_data().uner_types
    spans: list[TokenSpan] = []
    for start, end, tag in iob_spans([tag for _, tag in tokens]):
        label = types.get(tag)
        if label is None:
            return None  # OTH or unknown: leave the sentence's entities missing
        spans.append((start, end, refine_label(label, _span_text(sentence.words[start:end]))))
    return spans


def make_doc(vocab: Vocab, sentences: Sequence[AnnotatedSentence], *, syntax: bool = True) -> Doc:
    """One spaCy Doc with gold tags, lemmas, morphology, dependencies and (where known) entities."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_bounds: list[tuple[int, int]] = []
    for item in sentences:
        offset = len(words)
        for w in item.sentence.words:
            words.append(w.form)
            spaces.append(w.space_after)
            tags.append(w.xpos)
            pos.append(w.upos)
            morphs.append("" if w.feats == "_" else w.feats)
            lemmas.append(w.lemma)
            heads.append(offset + w.head - 1 if w.head else len(words) - 1)
            deps.append("ROOT" if w.deprel == "root" else w.deprel)
        sent_bounds.append((offset, len(words)))
    if spaces:
        spaces[-1] = False
    if syntax:
        doc = Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
                  heads=heads, deps=deps)
    else:
        doc = Doc(vocab, words=words, spaces=spaces)
    if any(item.ents is not None for item in sentences):
        ents: list[SpacySpan | None] = []
        missing: list[SpacySpan] = []
        for (offset, end), item in zip(sent_bounds, sentences, strict=True):
            if item.ents is None:
                missing.append(doc[offset:end])
                continue
            ents.extend(doc.char_span(doc[offset + s].idx, doc[offset + e - 1].idx + len(doc[offset + e - 1]),
                                      label=label) for s, e, label in item.ents)
        doc.set_ents([e for e in ents if e is not None], missing=missing, default="outside")
    return doc


def chunk_docs(vocab: Vocab, documents: Iterable[list[AnnotatedSentence]]) -> list[Doc]:
    """Docs of at most ``MAX_SENTS_PER_DOC`` sentences, cut at document boundaries."""
    docs = []
    for document in documents:
        for i in range(0, len(document), MAX_SENTS_PER_DOC):
            docs.append(make_doc(vocab, document[i : i + MAX_SENTS_PER_DOC]))
    return docs


def _with_uner(documents: list[list[Sentence]], uner: dict[str, list[tuple[str, str]]]) -> list[list[AnnotatedSentence]]:
    return [[AnnotatedSentence(s, uner_spans(s, uner.get(s.sent_id))) for s in doc] for doc in documents]


def _with_gum(documents: list[list[Sentence]]) -> list[list[AnnotatedSentence]]:
    return [[AnnotatedSentence(s, gum_named_spans(s)) for s in doc] for doc in documents]


def build_training_sets(
    corpora: Path, *, vocab: Vocab | None = None, ner_upsample: int = NER_UPSAMPLE
) -> dict[str, list[Doc]]:
    """``{"train": docs, "dev": docs}`` from the corpora folder (held-out test sets untouched).

    Train documents that carry entity annotation are repeated ``ner_upsample`` times
    (entities are annotated in a minority of the syntax data).
    """
    vocab = vocab or Vocab()
    uner_dev = read_iob2(uner_dir(corpora) / "en_ewt-ud-dev.iob2")
    ewt_dev = _with_uner(ewt_documents(corpora, "dev"), uner_dev)
    selection = [doc for i, doc in enumerate(ewt_dev) if i % SELECTION_EVERY == 0]
    ewt_dev_train = [doc for i, doc in enumerate(ewt_dev) if i % SELECTION_EVERY != 0]
    ewt_train = [[AnnotatedSentence(s, None) for s in doc] for doc in ewt_documents(corpora, "train")]
    gum_train = _with_gum(gum_documents(corpora, "train") + gum_documents(corpora, "test"))
    gum_dev = _with_gum(gum_documents(corpora, "dev"))
    train = chunk_docs(vocab, ewt_train + ewt_dev_train + gum_train)
    with_ents = [doc for doc in train if doc.has_annotation("ENT_IOB")]
    return {
        "train": train + with_ents * (ner_upsample - 1),
        "dev": chunk_docs(vocab, selection + gum_dev),
    }


def write_training_sets(corpora: Path, out_dir: Path) -> dict[str, Path]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, docs in build_training_sets(corpora).items():
        path = out_dir / f"{name}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(path)
        paths[name] = path
    return paths
