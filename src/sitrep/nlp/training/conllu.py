"""Read CoNLL-U (UD treebanks) and UNER IOB2 files into plain sentence records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Word:
    """One syntactic word of a UD sentence (multiword tokens are split into words)."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based index of the head word in the sentence, 0 for the root
    deprel: str
    misc: str
    space_after: bool = True


@dataclass(slots=True)
class Sentence:
    sent_id: str
    doc_id: str
    words: list[Word] = field(default_factory=list)
    new_par: bool = False


def _misc_space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of one CoNLL-U file; empty nodes (``8.1``) are skipped."""
    doc_id = path.stem
    sent = Sentence(sent_id="", doc_id=doc_id)
    mwt_end = 0
    mwt_space = True
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                if sent.words:
                    yield sent
                sent = Sentence(sent_id="", doc_id=doc_id)
                mwt_end = 0
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "newdoc id":
                    doc_id = value.strip()
                    sent.doc_id = doc_id
                elif key == "sent_id":
                    sent.sent_id = value.strip()
                elif key.startswith("newpar"):
                    sent.new_par = True
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                continue
            wid = cols[0]
            if "." in wid:
                continue
            if "-" in wid:
                mwt_end = int(wid.split("-")[1])
                mwt_space = _misc_space_after(cols[9])
                continue
            index = int(wid)
            space = _misc_space_after(cols[9])
            if mwt_end:
                space = mwt_space if index == mwt_end else False
                if index >= mwt_end:
                    mwt_end = 0
            sent.words.append(
                Word(
                    form=cols[1],
                    lemma=cols[2],
                    upos=cols[3],
                    xpos=cols[4],
                    feats=cols[5],
                    head=int(cols[6]) if cols[6].isdigit() else 0,
                    deprel=cols[7],
                    misc=cols[9],
                    space_after=space,
                )
            )
    if sent.words:
        yield sent


def read_iob2(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Read a UNER IOB2 file: ``sent_id -> [(token, tag), ...]``."""
    out: dict[str, list[tuple[str, str]]] = {}
    sent_id = ""
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
                tokens = []
            elif line.startswith("#"):
                continue
            elif not line:
                if sent_id:
                    out[sent_id] = tokens
                sent_id = ""
            else:
                cols = line.split("\t")
                if len(cols) >= 3:
                    tokens.append((cols[1], cols[2]))
    if sent_id:
        out[sent_id] = tokens
    return out


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """``[(start, end, label)]`` token spans (end exclusive) from IOB2 tags."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            spans.append((start, i, label))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start = i
            label = tag[2:]
    return spans
