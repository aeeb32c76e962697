"""The packaged PLOVER/CAMEO ontology (src/sitrep/data/plover.json)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from sitrep.errors import UsageError
from sitrep.events.ontology import load_ontology

TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


def test_data_file_is_versioned() -> None:
    raw = json.loads((files("sitrep") / "data" / "plover.json").read_text(encoding="utf-8"))
    assert raw["version"]
    assert load_ontology().version == raw["version"]


def test_sixteen_types_in_manual_order() -> None:
    assert list(load_ontology().types) == TYPES


def test_modes() -> None:
    onto = load_ontology()
    assert onto.modes_for("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert "troops" in onto.modes_for("MOBILIZE")
    assert {"aerial", "drone", "heavy-weapons"} <= set(onto.modes_for("ASSAULT"))
    assert onto.modes_for("REQUEST") == onto.modes_for("REJECT") == ("assist", "change", "yield", "meet")
    assert onto.modes_for("AGREE") == ()
    assert len(onto.modes_for("ASSAULT")) == 15
    assert len(onto.modes_for("COERCE")) == 10


def test_cameo_goldstein_quad() -> None:
    onto = load_ontology()
    assert onto.cameo_for("AGREE") == "03"
    assert onto.cameo_for("REQUEST") == "10"
    assert onto.cameo_for("MOBILIZE", mode="troops") == "15"
    assert onto.cameo_for("ASSAULT") == "18"
    assert onto.cameo_for("ASSAULT", mode="heavy-weapons") == "19"
    assert onto.cameo_for("ASSAULT", mode="unconventional") == "20"
    assert onto.cameo_for("ACCUSE", mode="investigate") == "09"
    assert onto.goldstein("MOBILIZE") == -7.2
    assert onto.goldstein("ASSAULT", mode="aerial") == -10.0
    assert onto.goldstein("CONSULT") == 1.0
    assert onto.quad_class("CONCEDE") == 1
    assert onto.gdelt_quad_class("CONCEDE") == 2
    assert onto.quad_class("SANCTION") == 4
    assert onto.cameo_root("0874").name == "YIELD"
    # every type maps to a root that maps back to it
    for name in onto.types:
        root = onto.cameo_root(onto.cameo_for(name))
        assert root.plover is not None and name in root.plover


def test_scores() -> None:
    onto = load_ontology()
    assert onto.score("ASSAULT") == -9
    assert onto.score("CONSULT", mode="visit") == 4
    assert onto.score("PROTEST", mode="vandalize") is None
    assert onto.score("ACCUSE") == -3


def test_contexts_and_sectors() -> None:
    onto = load_ontology()
    assert len(onto.contexts) == 37
    assert "military" in onto.contexts and "trafficking" in onto.contexts
    assert len(onto.sectors) == 25
    assert {"GOV", "MIL", "REB", "PRE"} <= set(onto.sectors)
    assert onto.non_state_codes["UNO"] == "United Nations"
    assert onto.partially_recognized["Donetsk People's Republic"] == "UKR"


def test_future_recoding() -> None:
    onto = load_ontology()
    assert onto.future_type("CONSULT") == "AGREE"
    assert onto.future_type("RETREAT") == "CONCEDE"
    assert onto.future_type("ASSAULT") == "ASSAULT"


def test_legacy_labels() -> None:
    onto = load_ontology()
    assert onto.legacy_type("DEMAND") == ("REQUEST", None)
    assert onto.legacy_type("FIGHT") == ("ASSAULT", None)
    assert onto.legacy_type("INVESTIGATE") == ("ACCUSE", "investigate")
    assert onto.legacy_type("DISAPPROVE") == ("ACCUSE", "disapprove")
    assert onto.legacy_type("DOCUMENT") == (None, None)
    assert onto.legacy_mode("PROTEST", "strike-hun") == "hunger"
    assert onto.legacy_mode("ASSAULT", "assassinate") == "targeted"
    assert onto.legacy_mode("THREATEN", "curfew") == "restrict"
    assert onto.legacy_mode("ASSAULT", "other") is None
    assert onto.legacy_mode("CONSULT", "") is None
    assert onto.legacy_contexts("diplomatic, refugee") == ("diplomatic", "migration")
    # every legacy type maps to a current type
    for old in ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "DISAPPROVE",
                "INVESTIGATE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"]:  # fmt: skip
        assert onto.legacy_type(old)[0] in onto.types


def test_unknown_names_raise_usage_error() -> None:
    onto = load_ontology()
    with pytest.raises(UsageError):
        onto.event_type("FIGHT")
    with pytest.raises(UsageError):
        onto.cameo_for("CONSULT", mode="troops")
    with pytest.raises(UsageError):
        onto.legacy_type("NOPE")
