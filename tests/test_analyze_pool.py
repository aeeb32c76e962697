"""`ReadPool.read`: an article whose reading raises gets an empty reading and the others are read.

The trigger is real, not injected: a user's knowledge-base file whose role has a start date that is
not an ISO date ("early 2021") loads, but reading a dated article that names that person raises
(the role's dates are parsed when the reader asks which office the person held on that day).
"""

from __future__ import annotations

import json

import pytest

from sitrep.analyze import ReadPool
from sitrep.kb import load_kb
from sitrep.model import Article
from sitrep.nlp.layers import Reading
from sitrep.nlp.read import Reader

pytestmark = pytest.mark.issue(3)

_NAMED = "Defence Minister Alma Kovar of Britain met her French counterpart in Paris on Thursday, officials said."
_OTHERS = (
    "The defence ministers of Germany and Poland met in Warsaw on Tuesday to discuss border security.",
    'U.S. Defense Secretary Lloyd Austin said on Monday that "the talks went well," according to the Pentagon.',
    "Farmers in the region said last month's floods had destroyed most of the harvest.",
)


@pytest.fixture(scope="module")
def bad_kb_reader(tmp_path_factory: pytest.TempPathFactory, reader: Reader) -> Reader:
    """The shipped pipeline with a knowledge base that adds Alma Kovar, whose role starts "early 2021"."""
    role = {"office": "defence_minister", "role": "Defence Minister", "country": "GBR", "start": "early 2021"}
    person = {"id": "alma_kovar", "name": "Alma Kovar", "country": "GBR", "roles": [role]}
    path = tmp_path_factory.mktemp("kb") / "kb.json"
    path.write_text(json.dumps({"version": "test-1", "persons": [person]}), encoding="utf-8")
    return Reader(nlp=reader.nlp, kb=load_kb(extra=path))


def _articles() -> list[Article]:
    texts = (_OTHERS[0], _NAMED, *_OTHERS[1:])
    return [Article(id=f"a{i}", source="test", text=t, published="2021-04-01") for i, t in enumerate(texts)]


def test_the_trigger_is_real(bad_kb_reader: Reader) -> None:
    with pytest.raises(ValueError):
        bad_kb_reader.read(_articles()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_read_gives_an_article_that_raises_an_empty_reading_and_goes_on(bad_kb_reader: Reader, workers: int) -> None:
    articles = _articles()
    expected = [Reading() if a.text == _NAMED else bad_kb_reader.read(a) for a in articles]
    with ReadPool(bad_kb_reader, workers=workers) as pool:
        got = pool.read(articles)
    assert got == expected
    assert all(r.sentences and r.timexes for r in (got[0], *got[2:]))  # the others were read
