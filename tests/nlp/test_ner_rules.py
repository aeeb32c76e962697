"""Entity repair rules after the trained NER (issue 3): titles, date words, datelines, outlets, joins, common nouns.

Sentences are written for these tests. The pipeline tests run the shipped model
with its rule components; the ``repair_entities`` tests hand the rules spans as
another recogniser (the MiniLM tagger) might produce them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from sitrep.nlp.ner_rules import gazetteer_names, rule_names
from sitrep.nlp.ner_rules_lexicon import ner_lexicon
from sitrep.nlp.pipeline import load_pipeline

Repaired = Callable[..., set[tuple[str, str]]]  # the repaired fixture (tests/nlp/conftest.py)

NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def ents(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, "LOC" if e.label_ in ("GPE", "LOC", "FAC") else e.label_)
            for e in nlp(text).ents if e.label_ in NAME_LABELS}


# -- rule 1: persons after titles and role words -------------------------------------------------

@pytest.mark.parametrize(("text", "person"), [
    ("On Friday Kremlin spokesman Maxim Orlov rejected the claim.", "Maxim Orlov"),
    ("Secretary-General Amina Diallo urged both sides to talk.", "Amina Diallo"),
    ("The visit of Secretary of State Daniel Whitcombe was cut short.", "Daniel Whitcombe"),
    ("The decree was signed by President Viktor Hallan in the evening.", "Viktor Hallan"),
    ("Lieutenant General Oskar Brandt told reporters the raid had ended.", "Oskar Brandt"),
    ("The envoy met the Russian businessman Gennady Volkov in Geneva.", "Gennady Volkov"),
])
def test_person_after_title_without_the_title(nlp: Language, text: str, person: str) -> None:
    found = ents(nlp, text)
    assert (person, "PERSON") in found
    assert not any(label == "PERSON" and name != person and person in name for name, label in found)


def test_title_words_are_cut_out_of_other_entities(nlp: Language) -> None:
    found = ents(nlp, "U.S. Defense Secretary Mark Ellison and Paris Mayor Claire Duval spoke on Tuesday.")
    assert ("Mark Ellison", "PERSON") in found and ("Claire Duval", "PERSON") in found
    assert ("U.S.", "LOC") in found and ("Paris", "LOC") in found
    assert not any("Secretary" in name or "Mayor" in name for name, _ in found)


def test_name_set_off_by_comma_from_a_title(nlp: Language) -> None:
    found = ents(nlp, "Rustam Kerimov, the governor's chief of staff, said the roads were closed.")
    assert ("Rustam Kerimov", "PERSON") in found


def test_rank_after_a_title_is_left_out(nlp: Language) -> None:
    found = ents(nlp, "The fleet's spokesman, Rear Admiral Piotr Lenz, said two ships were hit.")
    assert ("Piotr Lenz", "PERSON") in found
    assert not any(name.startswith("Rear") for name, _ in found)


def test_verb_head_is_not_a_title(nlp: Language) -> None:
    found = ents(nlp, "He now heads Gazprom and sits on its board.")
    assert ("Gazprom", "PERSON") not in found


# -- rule 2: weekdays and months -----------------------------------------------------------------

def test_weekdays_and_months_are_never_persons(nlp: Language) -> None:
    found = ents(nlp, "The talks resumed on Monday, after a pause in May, and will end by Friday.")
    assert not any(name in ("Monday", "May", "Friday") for name, _ in found)


def test_may_after_a_first_name_stays(nlp: Language, repaired: Repaired) -> None:
    found = repaired(nlp, "Theresa May and Olaf Berg met on Monday in May.",
                     [("Theresa", "PERSON"), ("May", "PERSON"), ("Monday", "PERSON")])
    assert ("Theresa May", "PERSON") in found
    assert not any(name == "Monday" for name, _ in found)


# -- rule 3: datelines ---------------------------------------------------------------------------

def test_upper_case_dateline_place_and_outlet(nlp: Language) -> None:
    text = "KHARKIV, March 3 (Steppe Courier) - Shelling hit the city overnight.\n"
    found = ents(nlp, text)
    assert ("KHARKIV", "LOC") in found
    assert ("Steppe Courier", "ORG") in found


def test_known_place_in_capitals_at_a_line_start(nlp: Language) -> None:
    found = ents(nlp, "ODESA - Port workers returned to the grain terminals on Tuesday.")
    assert ("ODESA", "LOC") in found


# -- rule 4: outlets, agencies, platforms ---------------------------------------------------------

def test_outlets_agencies_and_platforms_are_organisations(nlp: Language) -> None:
    found = ents(nlp, "He told Reuters and the Financial Times that the plan was dead, and later wrote on "
                      "Telegram and on X.")
    for name in ("Reuters", "Financial Times", "Telegram", "X"):
        assert (name, "ORG") in found, name


# -- rule 5: joins ----------------------------------------------------------------------------------

def test_adjacent_spans_of_one_type_merge(nlp: Language, repaired: Repaired) -> None:
    found = repaired(nlp, "Later Joe Biden spoke to reporters.", [("Joe", "PERSON"), ("Biden", "PERSON")])
    assert ("Joe Biden", "PERSON") in found


@pytest.mark.parametrize(("text", "cut", "name", "label"), [
    ("Prime Minister Mohammed Shia al-Sudani spoke first.", "Mohammed Shia al", "Mohammed Shia al-Sudani", "PERSON"),
    ("The new leader, Lin Wei-ting, took office.", "Lin Wei", "Lin Wei-ting", "PERSON"),
    ("Columns reached Rostov-on-Don at dawn.", "Rostov", "Rostov-on-Don", "GPE"),
])
def test_hyphenated_name_part_stays(nlp: Language, text: str, cut: str, name: str, label: str, repaired: Repaired) -> None:
    assert (name, label) in repaired(nlp, text, [(cut, label)])


def test_hyphenated_adjective_is_not_joined(nlp: Language, repaired: Repaired) -> None:
    found = repaired(nlp, "Russia-backed fighters held the town.", [("Russia", "GPE")])
    assert ("Russia", "GPE") in found


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Leaders of the Economic Community of Central African States met in the capital.",
     "Economic Community of Central African States", "ORG"),
    ("The Federal Customs Service said the cargo was seized.", "Federal Customs Service", "ORG"),
    ("The Peace and Reconciliation Council will meet again.", "Peace and Reconciliation Council", "ORG"),
    ("Tankers waited near the Strait of Malacca for days.", "Strait of Malacca", "LOC"),
    ("A statement from the House of Delegates followed.", "House of Delegates", "ORG"),
])
def test_long_names_continue_over_of_and_head_nouns(nlp: Language, text: str, name: str, label: str) -> None:
    found = ents(nlp, text)
    assert (name, label) in found, found


def test_place_context_words(nlp: Language) -> None:
    found = ents(nlp, "Drones struck the town of Velykyi Burluk and the Oryol region, near the islands of "
                      "Brava, Fogo and Maio.")
    for name in ("Velykyi Burluk", "Oryol", "Brava", "Fogo", "Maio"):
        assert (name, "LOC") in found, (name, found)


def test_meetings_and_treaties_are_not_bodies_or_places(nlp: Language) -> None:
    found = ents(nlp, "Ministers spoke at the Halifax Security Forum about the Lisbon Treaty.")
    assert not any(name.startswith(("Halifax", "Lisbon")) for name, _ in found)


# -- rule 6: lower-case common nouns --------------------------------------------------------------

def test_lower_case_common_nouns_are_never_entities(nlp: Language, repaired: Repaired) -> None:
    found = repaired(nlp, "The defence ministry said the alliance and the bloc would respond.",
                     [("defence", "ORG"), ("alliance", "ORG"), ("bloc", "ORG")])
    assert found == set()


def test_split_names_are_completed_by_the_gazetteer(nlp: Language) -> None:
    doc = nlp.make_doc("The United Nations and the European Union sent observers.")
    for _name, proc in nlp.pipeline:
        if _name != "ner":
            doc = proc(doc)
    # what the CNN made of it aside, the known names come out whole
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("United Nations", "ORG") in found and ("European Union", "ORG") in found


def test_data_files_are_versioned() -> None:
    assert ner_lexicon().org_heads
    assert gazetteer_names()["Red Sea"] == "LOC"
    assert rule_names()["Financial Times"] == "ORG"  # outlets.json
    assert "Financial Times" not in gazetteer_names()  # the MiniLM tagger's features stay as trained
