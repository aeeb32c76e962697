"""Places written in lower case (web text) are kept or found; common words and cased news text are untouched."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from spacy.tokens import Doc

from sitrep.nlp.ner_rules_lowercase import known_lowercase_place
from sitrep.nlp.pipeline import load_pipeline
from sitrep.nlp.training.lowercase_places import ambiguous_names, lowercase_places

pytestmark = pytest.mark.issue(3)


def _ents(text: str) -> list[tuple[str, str]]:
    nlp = load_pipeline()
    doc = nlp(Doc(nlp.vocab, words=text.split()))
    return [(e.text, e.label_) for e in doc.ents]


def test_lower_case_regions_and_countries_are_places_where_the_model_saw_nothing() -> None:
    assert ("kerala", "GPE") in _ents("any quiet beach hotels in kerala for a honeymoon ?")
    assert ("punjab", "GPE") in _ents("we drove across punjab in two days")
    assert ("ukraine", "GPE") in _ents("my cousin still lives in ukraine near the river")


def test_common_words_breeds_and_given_names_stay_common() -> None:
    for text in ("we had turkey and a nice time reading", "my chihuahua hates the rain",
                 "tyler and victoria came late", "the family reunion was in june"):
        assert not any(label == "GPE" for _, label in _ents(text)), text
    assert not known_lowercase_place("reading") and not known_lowercase_place("turkey")
    assert not known_lowercase_place("Florida")  # only lower-case text is looked at
    assert known_lowercase_place("florida") and known_lowercase_place("new  york")


def test_cased_news_text_is_read_as_before() -> None:
    text = "The minister flew from Kyiv to Warsaw on Monday , then to Brussels ."
    assert _ents(text) == [("Kyiv", "GPE"), ("Warsaw", "GPE"), ("Brussels", "GPE")]


def test_build_rules_drop_short_common_and_ambiguous_names() -> None:
    names = ["Goa", "Nice", "Reading", "New York", "Kerala", "Reunion", "Tampa"]
    assert lowercase_places(names, common={"nice", "reading", "new"}, ambiguous=frozenset({"reunion"})) == [
        "kerala", "new york", "tampa"]
    assert "chihuahua" in ambiguous_names()


def test_shipped_list_is_versioned_and_lower_case() -> None:
    raw = json.loads(Path(str(resources.files("sitrep.data").joinpath("lowercase_places.json"))).read_text())
    assert raw["version"] >= 1 and set(raw["add"]) <= set(raw["places"])
    assert all(name == name.lower() for name in raw["places"])
    assert {"kerala", "florida", "punjab"} <= set(raw["places"]) and "reading" not in raw["places"]


def test_rebuilding_from_the_corpora_gives_the_shipped_list(shared_dir: Path) -> None:
    from sitrep.nlp.training.lowercase_places import build

    shipped = json.loads(Path(str(resources.files("sitrep.data").joinpath("lowercase_places.json"))).read_text())
    rebuilt = build(shared_dir / "corpora")
    assert rebuilt["places"] == shipped["places"] and rebuilt["add"] == shipped["add"]
