"""Entity repair rules for names as web text writes them (issue 3, UNER EWT): addresses, hyphens,
company suffixes, listed companies, bracketed short forms, facility and business head nouns.

Sentences are written for these tests. ``repaired`` hands the rules spans as a
recogniser might produce them; ``ents`` runs the shipped pipeline with its rules.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.ner_rules import repair_entities
from sitrep.nlp.ner_rules_web import is_address
from sitrep.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def repaired(nlp: Language, text: str, spans: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """``repair_entities`` on ``spans`` (surface, label; first occurrence of each surface)."""
    doc: Doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("sitrep_gazetteer", "sitrep_lowercase_places", "sitrep_ent_consistency", "ner"):
            continue
        doc = proc(doc)
    raw = []
    for surface, label in spans:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface))
        assert span is not None, surface
        raw.append((span.start, span.end, label))
    return {(doc[s:e].text, label) for s, e, label in repair_entities(doc, raw)}


def test_addresses_are_not_names(nlp: Language) -> None:
    text = "Please reply to Dana Whitfield dana.whitfield@example.org or see www.example.org today."
    found = repaired(nlp, text, [("Dana Whitfield dana.whitfield@example.org", "PERSON"), ("www.example.org", "ORG")])
    assert found == {("Dana Whitfield", "PERSON")}
    assert is_address(nlp.make_doc("dana@example.org")[0])
    assert not is_address(nlp.make_doc("Whitfield@NORTHWIND")[0])  # a mail system's name, kept


def test_a_name_ending_in_a_hyphen_goes_on(nlp: Language) -> None:
    text = "The Pepsi-Cola plant opened in the valley."
    assert ("Pepsi-Cola", "ORG") in repaired(nlp, text, [("Pepsi-", "ORG")])


@pytest.mark.parametrize(("text", "name"), [
    ("We ordered the parts from Northwind Traders, Inc. in March.", "Northwind Traders, Inc."),
    ("ACME WELDING GASES PVT. LTD. opened a depot here.", "ACME WELDING GASES PVT. LTD."),
    ("Her brother works for Contoso Ltd in Leeds.", "Contoso Ltd"),
])
def test_company_suffixes_end_organisation_names(nlp: Language, text: str, name: str) -> None:
    first = name.split()[0].rstrip(",")
    assert (name, "ORG") in repaired(nlp, text, [(first, "ORG")])


def test_names_listed_after_companies_like_are_organisations(nlp: Language) -> None:
    text = "Try firms such as Halvorsen Brothers, Tavistock and smaller local makers."
    found = repaired(nlp, text, [("Halvorsen Brothers", "PERSON")])
    assert ("Halvorsen Brothers", "ORG") in found
    assert ("Tavistock", "ORG") in found


def test_bracketed_short_form_takes_the_type_of_the_name(nlp: Language) -> None:
    text = "According to the Coastal Birds Union (CBU), numbers fell last year."
    found = repaired(nlp, text, [("Coastal Birds Union", "ORG"), ("CBU", "PERSON")])
    assert ("CBU", "ORG") in found


@pytest.mark.parametrize(("text", "name", "label"), [
    ("We took a walk near Orchestra Hall after dinner.", "Orchestra Hall", "FAC"),
    ("The bus stops at Harlan Stadium on weekdays.", "Harlan Stadium", "FAC"),
    ("Calls now go to Malcolm Brandt Motorsports down the road.", "Malcolm Brandt Motorsports", "ORG"),
    ("She studied at Ridgemont Academy for two years.", "Ridgemont Academy", "ORG"),
])
def test_facility_and_business_head_nouns(nlp: Language, text: str, name: str, label: str) -> None:
    """The head noun decides the type of a name the recogniser mistyped."""
    assert (name, label) in repaired(nlp, text, [(name, "PERSON" if label == "ORG" else "ORG")])


def test_a_facility_head_inside_a_longer_name_is_left(nlp: Language) -> None:
    text = "This is not where the Harbour Bridge Duty Free shop is."
    found = repaired(nlp, text, [("Harbour Bridge Duty Free", "ORG")])
    assert ("Harbour Bridge Duty Free", "ORG") in found


def test_a_country_after_of_belongs_to_a_university_not_to_a_ministry(nlp: Language) -> None:
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
