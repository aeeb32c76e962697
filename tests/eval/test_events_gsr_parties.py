"""The PLOVER_GSR party scorer: code mapping and floors on the held-out records (aggregate figures only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.events.ontology import load_ontology


def test_legacy_actor_codes_map_to_iso() -> None:
    codes = load_ontology().legacy_actor_codes
    assert codes == {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@pytest.mark.shared
def test_gold_parties_fold_international_bodies(shared_dir: Path) -> None:
    from sitrep.eval.events_gsr_parties import ORG, gsr_party_records

    records = gsr_party_records(shared_dir / "corpora")
    codes = {code for r in records for code, _ in r.actors + r.recipients}
    assert ORG in codes and not codes & {"IGO", "NGO", "JAP", "ITL"}
    sectors = {sector for r in records for _, sector in r.actors + r.recipients}
    assert {"GOV", "MIL", "REB"} <= sectors and all(s is None or (len(s) == 3 and s.isalpha()) for s in sectors)


@pytest.mark.shared
def test_gsr_party_floors(shared_dir: Path) -> None:
    from sitrep.eval.events_gsr_parties import score_gsr_parties

    result = score_gsr_parties(shared_dir / "corpora")
    assert result["records"] == 322
    assert result["correctly_typed"] >= 215  # measured 225 (session 11)
    assert result["actor_country_accuracy"] >= 0.74  # measured 0.764 (0.716 before the world KB); target 0.90 not reached
    assert result["recipient_country_accuracy"] >= 0.62  # measured 0.640 (0.618 before)


# -- our own world-news party file (tests/data/world_parties.jsonl) and the generic scorer ------------------
WORLD = Path(__file__).resolve().parents[1] / "data" / "world_parties.jsonl"


def test_world_parties_file_is_well_formed() -> None:
    from sitrep.eval.events_gsr_parties import IMG, ORG, load_party_records
    from sitrep.kb import load_kb

    onto = load_ontology()
    kb = load_kb()
    dev = load_party_records(WORLD, split="dev")
    test = load_party_records(WORLD, split="test")
    everything = load_party_records(WORLD)
    assert len(everything) >= 150 and len(dev) + len(test) == len(everything)
    assert abs(len(test) - len(everything) / 3) < 2  # a third held out
    assert len({r.text for r in everything}) == len(everything)
    sectors = set(onto.sectors)
    for record in everything:
        assert record.type in onto.types, record.text
        assert record.actors, record.text  # every record names who acted
        for code, sector in record.actors + record.recipients:
            assert code in kb.countries or code in (ORG, IMG), (code, record.text)
            assert sector is None or sector in sectors, (sector, record.text)
    countries = {code for r in everything for code, _ in r.actors + r.recipients}
    assert len(countries - {ORG, IMG}) >= 60  # events from many regions


def test_party_records_keep_their_order_and_ids() -> None:
    from sitrep.eval.events_gsr_parties import load_party_records

    first = load_party_records(WORLD)[0]
    assert first.id == "world_parties-1" and first.type == "ASSAULT"
    assert first.actors == (("SDN", "MIL"),) and first.recipients == (("SDN", "REB"),)
