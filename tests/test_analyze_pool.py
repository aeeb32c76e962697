"""`ReadPool.read`: an article whose reading raises gets an empty reading and the others are read.

The triggers are real, not injected. An article whose ``published`` is not an ISO date ("early 2021")
and that names a person of the knowledge base fails in the reading proper: the reader asks which office
that person held on the article's date, and the date cannot be parsed. A text longer than the parser's
``max_length`` fails earlier, in the parse of the batch, and the pool parses that batch one at a time.
"""

from __future__ import annotations

import pytest

from sitrep.analyze import ReadPool
from sitrep.model import Article
from sitrep.nlp.layers import Reading
from sitrep.nlp.read import Reader

pytestmark = pytest.mark.issue(3)

_NAMED = "U.S. Defense Secretary Lloyd Austin met his British counterpart in London on Thursday, officials said."
_OTHERS = (
    "The defence ministers of Germany and Poland met in Warsaw on Tuesday to discuss border security.",
    "Farmers in the region said on Monday that last month's floods had destroyed most of the harvest.",
    "The foreign ministers of Kenya and Ethiopia met in Nairobi on Wednesday to discuss the drought.",
)


def _undated(reader: Reader) -> Article:
    return Article(id="bad", source="test", text=_NAMED, published="early 2021")


def _too_long(reader: Reader) -> Article:
    text = "word " * (reader.nlp.max_length // 5 + 1)
    return Article(id="bad", source="test", text=text, published="2021-04-01")


_TRIGGERS = {"published_not_a_date": _undated, "longer_than_max_length": _too_long}


def _articles(bad: Article) -> list[Article]:
    others = [Article(id=f"a{i}", source="test", text=t, published="2021-04-01") for i, t in enumerate(_OTHERS)]
    return [others[0], bad, *others[1:]]


@pytest.mark.parametrize("trigger", sorted(_TRIGGERS))
def test_the_trigger_is_real(reader: Reader, trigger: str) -> None:
    with pytest.raises(ValueError):
        reader.read(_TRIGGERS[trigger](reader))


@pytest.mark.parametrize("trigger", sorted(_TRIGGERS))
@pytest.mark.parametrize("workers", [1, 2])
def test_read_gives_an_article_that_raises_an_empty_reading_and_goes_on(
    reader: Reader, workers: int, trigger: str
) -> None:
    articles = _articles(_TRIGGERS[trigger](reader))
    expected = [Reading() if a.id == "bad" else reader.read(a) for a in articles]
    with ReadPool(reader, workers=workers) as pool:
        got = pool.read(articles)
    assert got == expected
    assert all(r.sentences and r.timexes for r in (got[0], *got[2:]))  # the others were read
