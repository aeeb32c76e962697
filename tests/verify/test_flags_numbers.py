"""Counts read from text and the same-statement test behind the cross-source number and date flags."""

from __future__ import annotations

import pytest

from sitrep.verify.flags_match import Statement, content_words, names_in, same_statement, token_range
from sitrep.verify.flags_numbers import counts_agree, counts_in
from sitrep.verify.lexicon import load_lexicon
from sitrep.verify.tags import tag_article

pytestmark = pytest.mark.issue(5)


def _statement(text: str) -> Statement:
    lex = load_lexicon()
    tagged = tag_article(text, lexicon=lex)
    return Statement("a", 0, len(text), content_words(text, lex), *names_in(tagged, *token_range(tagged, 0, len(text))))


def test_counts_are_read_with_what_they_count() -> None:
    text = ("On April 13, 2021, more than 80,000 Russian troops, two dozen soldiers, 1.5 million people and "
            "the 41st army were counted.")
    tagged = tag_article(text, lexicon=load_lexicon())
    found = {(text[c.start:c.end], c.value, c.unit, c.approximate) for c in counts_in(tagged, 0, len(tagged.tokens))}
    assert found == {
        ("80,000", 80000.0, "troops", True),
        ("two dozen", 24.0, "soldiers", False),
        ("1.5 million", 1500000.0, "people", False),
    }


def test_approximate_counts_agree_when_close() -> None:
    lex = load_lexicon()
    tagged = tag_article("about 80,000 troops and 100,000 troops and 90,000 troops", lexicon=lex)
    about, exact_far, exact_near = counts_in(tagged, 0, len(tagged.tokens))
    assert counts_agree(about, exact_near) and counts_agree(about, exact_far)
    assert not counts_agree(exact_far, exact_near)


def test_same_statement_needs_the_same_names() -> None:
    us = _statement("The United States on Thursday expelled 10 Russian diplomats and imposed sanctions on "
                    "dozens of companies, accusing Moscow of interfering in its election.")
    poland = _statement("Warsaw had expelled three Russian diplomats on Thursday in solidarity with the United States.")
    assert not same_statement(us, poland)
    kyiv = _statement("Ukraine says more than 80,000 Russian troops are now deployed near its frontier and in Crimea.")
    other = _statement("Ukrainian officials estimate that more than 8,000 Russian troops are now deployed near the "
                       "border and in Crimea.")
    assert same_statement(kyiv, other)
