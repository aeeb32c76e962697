"""The articles one verification reads, and how they relate.

Every cross-article check needs the same things: each article's text and
reading, its publication date, the independence cluster it belongs to (a wire
copy and its rewrites are one) and its story. :class:`Corpus` carries them,
with the verb-like word lexicon and the per-run tag cache the checks share,
so that each check takes one argument instead of the same six mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitrep.nlp.layers import Reading
from sitrep.verify.consensus import dates_compatible, related_articles
from sitrep.verify.lexicon import Lexicon, load_lexicon
from sitrep.verify.tags import TagCache

__all__ = ["Corpus"]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Texts, readings and metadata of the articles verified, by article id, with their clusters and stories."""

    texts: Mapping[str, str]
    readings: Mapping[str, Reading]
    published: Mapping[str, str | None]
    groups: Mapping[str, str]
    story_of: Mapping[str, str]
    outlets: Mapping[str, str | None]
    lexicon: Lexicon
    tags: TagCache

    @classmethod
    def build(
        cls,
        *,
        texts: Mapping[str, str],
        readings: Mapping[str, Reading],
        published: Mapping[str, str | None],
        groups: Mapping[str, str],
        story_of: Mapping[str, str],
        outlets: Mapping[str, str | None] | None = None,
        lexicon: Lexicon | None = None,
    ) -> Corpus:
        """A corpus with the shared lexicon (loaded once) and a fresh tag cache over ``texts``."""
        lexicon = lexicon or load_lexicon()
        return cls(
            texts=texts,
            readings=readings,
            published=published,
            groups=groups,
            story_of=story_of,
            outlets=outlets or {},
            lexicon=lexicon,
            tags=TagCache(texts, lexicon=lexicon),
        )

    def group(self, article_id: str) -> str:
        """The independence cluster of an article (the article itself when it has none)."""
        return self.groups.get(article_id, article_id)

    def story(self, article_id: str) -> str | None:
        return self.story_of.get(article_id)

    def stories(self) -> dict[str, list[str]]:
        """Story id -> its articles."""
        out: dict[str, list[str]] = {}
        for article_id, story in self.story_of.items():
            out.setdefault(story, []).append(article_id)
        return out

    def related_articles(self, articles: Iterable[str], *, window_days: int) -> dict[str, list[str]]:
        """Article -> the other ``articles`` of its story or published within ``window_days`` of it."""
        return related_articles(articles, story_of=self.story_of, published=self.published, window_days=window_days)

    def related(self, a: str, b: str, *, window_days: int) -> bool:
        """Whether two articles are of one story or were published within ``window_days`` of each other."""
        story = self.story_of.get(a)
        if story is not None and self.story_of.get(b) == story:
            return True
        pa, pb = self.published.get(a), self.published.get(b)
        return pa is not None and pb is not None and dates_compatible(pa, pb, window_days=window_days)
