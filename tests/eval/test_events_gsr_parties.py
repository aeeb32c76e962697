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
    from sitrep.eval.events_gsr_parties import ORG, _gold_parties

    parties = _gold_parties(shared_dir / "corpora")
    codes = {code for actors, recipients in parties.values() for code, _ in actors + recipients}
    assert ORG in codes and not codes & {"IGO", "NGO", "JAP", "ITL"}
    sectors = {sector for actors, recipients in parties.values() for _, sector in actors + recipients}
    assert {"GOV", "MIL", "REB"} <= sectors and all(s is None or (len(s) == 3 and s.isalpha()) for s in sectors)


@pytest.mark.shared
def test_gsr_party_floors(shared_dir: Path) -> None:
    from sitrep.eval.events_gsr_parties import score_gsr_parties

    result = score_gsr_parties(shared_dir / "corpora")
    assert result["records"] == 322
    assert result["correctly_typed"] >= 215  # measured 225 (session 11)
    assert result["actor_country_accuracy"] >= 0.70  # measured 0.716; target 0.90 not reached
    assert result["recipient_country_accuracy"] >= 0.60  # measured 0.618
