"""Entity resolution within an article: surnames, variants, titles, counterparts, metonyms, consistency."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.eval.examples import load_examples
from sitrep.kb import KnowledgeBase
from sitrep.nlp.entities import resolve_entities
from sitrep.nlp.layers import Entity, Mention


def _resolve(nlp: Language, kb: KnowledgeBase, text: str, published: str | None = "2021-04-01") -> tuple[list[Mention], dict[str, Entity]]:
    mentions, entities = resolve_entities(nlp(text), kb=kb, published=published)
    return mentions, {e.id: e for e in entities}


def _entity_of(mentions: list[Mention], entities: dict[str, Entity], surface: str, nth: int = 0) -> Entity | None:
    found = [m for m in mentions if m.text == surface]
    if len(found) <= nth or found[nth].entity is None:
        return None
    return entities[found[nth].entity]


def test_entities_surname_mentions_join_the_full_name(nlp: Language, kb: KnowledgeBase) -> None:
    text = "U.S. Defense Secretary Lloyd Austin called Kyiv. Austin said the call went well, and Austin's aides agreed."
    mentions, entities = _resolve(nlp, kb, text)
    full = _entity_of(mentions, entities, "Lloyd Austin")
    assert full is not None
    assert (full.name, full.country, full.kb_id) == ("Lloyd Austin", "USA", "lloyd_austin")
    surnames = [m for m in mentions if m.text == "Austin"]
    assert len(surnames) == 2
    assert all(m.kind == "surname" and m.entity == full.id for m in surnames)


def test_entities_spelling_variants_are_one_entity(nlp: Language, kb: KnowledgeBase) -> None:
    text = "President Volodymyr Zelensky spoke on Friday. Zelenskyy later wrote that Zelensky had thanked Biden."
    mentions, entities = _resolve(nlp, kb, text)
    people = [e for e in entities.values() if e.name == "Volodymyr Zelensky"]
    assert len(people) == 1
    assert people[0].country == "UKR"
    assert {"Zelenskyy", "Zelensky"} <= set(people[0].variants)
    assert all(m.entity == people[0].id for m in mentions if m.text.startswith("Zelensk"))


def test_entities_title_alone_resolves_to_person(nlp: Language, kb: KnowledgeBase) -> None:
    text = (
        "Secretary of Defense Lloyd Austin called Ukrainian Defense Minister Andriy Taran. "
        "The Pentagon chief said Washington stood by Kyiv. The U.S. Secretary of Defense also praised Taran."
    )
    mentions, entities = _resolve(nlp, kb, text)
    titles = [m for m in mentions if m.kind == "title"]
    assert [m.text for m in titles] == ["The Pentagon chief", "The U.S. Secretary of Defense"]
    assert {entities[m.entity].name for m in titles if m.entity} == {"Lloyd Austin"}
    taran = _entity_of(mentions, entities, "Taran")
    assert taran is not None
    assert (taran.name, taran.country) == ("Andrii Taran", "UKR")


def test_entities_counterpart_resolves_to_the_other_side(nlp: Language, kb: KnowledgeBase) -> None:
    text = (
        "U.S. Secretary of State Antony Blinken phoned Ukrainian Foreign Minister Dmytro Kuleba. "
        "Kuleba said he had briefed his American counterpart on the situation."
    )
    mentions, entities = _resolve(nlp, kb, text, "2021-03-31")
    [counterpart] = [m for m in mentions if m.kind == "counterpart"]
    assert counterpart.text == "his American counterpart"
    assert counterpart.entity is not None
    assert entities[counterpart.entity].name == "Antony Blinken"


@pytest.mark.parametrize(
    ("text", "surface", "country", "sector", "kind"),
    [
        ("Washington said it would respond.", "Washington", "USA", "GOV", "metonym"),
        ("Moscow denied the report.", "Moscow", "RUS", "GOV", "metonym"),
        ("Kiev rejected the claim.", "Kiev", "UKR", "GOV", "metonym"),
        ("The Kremlin said the talks were useful.", "Kremlin", "RUS", "GOV", "metonym"),
        ("The Pentagon said it was aware of the reports.", "Pentagon", "USA", "MIL", "metonym"),
        ("The Elysee Palace said Macron had called Putin.", "Elysee Palace", "FRA", "GOV", "metonym"),
        ("Downing Street said the prime minister was briefed.", "Downing Street", "GBR", "GOV", "metonym"),
        ("Officials in Moscow declined to comment.", "Moscow", "RUS", None, "name"),
    ],
)
def test_entities_metonyms_carry_country_and_sector(
    nlp: Language, kb: KnowledgeBase, text: str, surface: str, country: str, sector: str | None, kind: str
) -> None:
    mentions, entities = _resolve(nlp, kb, text)
    [mention] = [m for m in mentions if m.text == surface]
    assert mention.kind == kind
    assert mention.entity is not None
    entity = entities[mention.entity]
    assert (entity.country, entity.sector) == (country, sector)


def test_entities_organisations_and_bodies(nlp: Language, kb: KnowledgeBase) -> None:
    text = "NATO and the OSCE met. Ukraine's defence ministry said Russian troops had moved, the alliance said."
    mentions, entities = _resolve(nlp, kb, text)
    nato = _entity_of(mentions, entities, "NATO")
    assert nato is not None
    assert (nato.country, nato.kb_id) == ("NATO", "NATO")
    osce = _entity_of(mentions, entities, "OSCE")
    assert osce is not None
    assert osce.country == "OSCE"
    ministry = _entity_of(mentions, entities, "Ukraine's defence ministry")
    assert ministry is not None
    assert (ministry.country, ministry.sector) == ("UKR", "MIL")
    troops = _entity_of(mentions, entities, "Russian troops")
    assert troops is not None
    assert (troops.country, troops.sector) == ("RUS", "MIL")
    assert _entity_of(mentions, entities, "the alliance") == nato


def test_entities_unknown_person_after_title_gets_country_from_title(nlp: Language, kb: KnowledgeBase) -> None:
    text = "Slovak President Zuzana Caputova arrived. Caputova said Bratislava was ready."
    mentions, entities = _resolve(nlp, kb, text)
    caputova = _entity_of(mentions, entities, "Zuzana Caputova")
    assert caputova is not None
    assert (caputova.label, caputova.country, caputova.sector, caputova.kb_id) == ("PERSON", "SVK", "GOV", None)
    assert _entity_of(mentions, entities, "Caputova") == caputova


def test_entities_model_names_are_typed_consistently(kb: KnowledgeBase) -> None:
    # a model that types a name once: every occurrence of the name is that entity
    vocab = spacy.blank("en").vocab
    words = ["Oksana", "Hrytsenko", "said", "so", ".", "Later", ",", "Oksana", "Hrytsenko", "agreed", "."]
    spaces = [True, True, True, False, True, False, True, True, True, False, False]
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    mentions, entities = resolve_entities(doc, kb=kb, published=None)
    names = [m for m in mentions if m.text == "Oksana Hrytsenko"]
    assert len(names) == 2
    assert names[0].entity is not None
    assert names[0].entity == names[1].entity
    assert {e.label for e in entities} == {"PERSON"}


def test_entities_offsets_point_into_the_text(nlp: Language, kb: KnowledgeBase, examples_dir: Path) -> None:
    for key, article in load_examples(examples_dir).items():
        if article.language not in (None, "en"):
            continue
        mentions, entities = resolve_entities(nlp(article.text), kb=kb, published=article.published)
        ids = {e.id for e in entities}
        last_end = -1
        for mention in mentions:
            assert article.text[mention.start : mention.end] == mention.text, key
            assert mention.start >= last_end, key  # non-overlapping, in text order
            last_end = mention.end
            assert mention.entity is None or mention.entity in ids, key
        people = {e.name for e in entities if e.label == "PERSON"}
        assert not any("." in name.split()[-1] for name in people), (key, people)
