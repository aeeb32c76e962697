"""Entity repair rules for names as web text writes them (issue 3, UNER EWT): addresses, hyphens,
company suffixes, listed companies, bracketed short forms, facility and business head nouns.

Sentences are written for these tests. ``repaired`` hands the rules spans as a
recogniser might produce them; ``ents`` runs the shipped pipeline with its rules.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources

import pytest
from spacy.language import Language

from sitrep.nlp.ner_rules_web import is_address
from sitrep.nlp.pipeline import load_pipeline

Repaired = Callable[..., set[tuple[str, str]]]  # the repaired fixture (tests/nlp/conftest.py)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def repaired(repaired: Repaired) -> Repaired:
    """The shared helper, the lower-case place rule left out too: these sentences test the repair rules alone."""
    return functools.partial(repaired, also_skip=frozenset({"sitrep_lowercase_places"}))


def test_addresses_are_not_names(nlp: Language, repaired: Repaired) -> None:
    text = "Please reply to Dana Whitfield dana.whitfield@example.org or see www.example.org today."
    found = repaired(nlp, text, [("Dana Whitfield dana.whitfield@example.org", "PERSON"), ("www.example.org", "ORG")])
    assert found == {("Dana Whitfield", "PERSON")}
    assert is_address(nlp.make_doc("dana@example.org")[0])
    assert not is_address(nlp.make_doc("Whitfield@NORTHWIND")[0])  # a mail system's name, kept


def test_a_name_ending_in_a_hyphen_goes_on(nlp: Language, repaired: Repaired) -> None:
    text = "The Pepsi-Cola plant opened in the valley."
    assert ("Pepsi-Cola", "ORG") in repaired(nlp, text, [("Pepsi-", "ORG")])


@pytest.mark.parametrize(("text", "name"), [
    ("We ordered the parts from Northwind Traders, Inc. in March.", "Northwind Traders, Inc."),
    ("ACME WELDING GASES PVT. LTD. opened a depot here.", "ACME WELDING GASES PVT. LTD."),
    ("Her brother works for Contoso Ltd in Leeds.", "Contoso Ltd"),
])
def test_company_suffixes_end_organisation_names(nlp: Language, text: str, name: str, repaired: Repaired) -> None:
    first = name.split()[0].rstrip(",")
    assert (name, "ORG") in repaired(nlp, text, [(first, "ORG")])


def test_names_listed_after_companies_like_are_organisations(nlp: Language, repaired: Repaired) -> None:
    text = "Try firms such as Halvorsen Brothers, Tavistock and smaller local makers."
    found = repaired(nlp, text, [("Halvorsen Brothers", "PERSON")])
    assert ("Halvorsen Brothers", "ORG") in found
    assert ("Tavistock", "ORG") in found


def test_bracketed_short_form_takes_the_type_of_the_name(nlp: Language, repaired: Repaired) -> None:
    text = "According to the Coastal Birds Union (CBU), numbers fell last year."
    found = repaired(nlp, text, [("Coastal Birds Union", "ORG"), ("CBU", "PERSON")])
    assert ("CBU", "ORG") in found


@pytest.mark.parametrize(("text", "name", "label"), [
    ("We took a walk near Orchestra Hall after dinner.", "Orchestra Hall", "FAC"),
    ("The bus stops at Harlan Stadium on weekdays.", "Harlan Stadium", "FAC"),
    ("Calls now go to Malcolm Brandt Motorsports down the road.", "Malcolm Brandt Motorsports", "ORG"),
    ("She studied at Ridgemont Academy for two years.", "Ridgemont Academy", "ORG"),
])
def test_facility_and_business_head_nouns(nlp: Language, text: str, name: str, label: str, repaired: Repaired) -> None:
    """The head noun decides the type of a name the recogniser mistyped."""
    assert (name, label) in repaired(nlp, text, [(name, "PERSON" if label == "ORG" else "ORG")])


def test_a_facility_head_inside_a_longer_name_is_left(nlp: Language, repaired: Repaired) -> None:
    text = "This is not where the Harbour Bridge Duty Free shop is."
    found = repaired(nlp, text, [("Harbour Bridge Duty Free", "ORG")])
    assert ("Harbour Bridge Duty Free", "ORG") in found


def test_a_country_after_of_belongs_to_a_university_not_to_a_ministry(nlp: Language, repaired: Repaired) -> None:
    found = repaired(nlp, "She teaches at the University of Ghana and advised the Ministry of Defence of Ukraine.",
                     [("Ghana", "GPE"), ("Ukraine", "GPE")])
    assert ("University of Ghana", "ORG") in found
    assert ("Ministry of Defence", "ORG") in found and ("Ukraine", "GPE") in found


def test_pipeline_reads_web_text_organisations(nlp: Language) -> None:
    doc = nlp("We bought the tank from Northwind Traders, Inc. and the owner Karla Brandt was great.")
    assert ("Northwind Traders, Inc.", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_rule_lists_are_in_the_versioned_data_file() -> None:
    raw = json.loads(resources.files("sitrep.data").joinpath("ner_rules.json").read_text(encoding="utf-8"))
    assert raw["version"] == "2"
    for key in ("fac_heads", "org_suffixes", "org_list_nouns", "org_heads_with_place_of"):
        assert raw[key] and all(isinstance(word, str) for word in raw[key])
