"""Contradiction flags on the example corpus: the rewrite is flagged with independent evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.verify import check_command
from sitrep.store.db import Store
from sitrep.store.verify import find_flags
from sitrep.verify.flags import edit_distance
from sitrep.verify.run import verify_store

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def flagged(analysed_examples_db: Path) -> tuple[Path, dict[str, str]]:
    db = analysed_examples_db
    with Store(db) as store:
        ids = {Path(r[1]).name + r[2]: r[0]
               for r in store.conn.execute("SELECT article_id, source, locator FROM article_sources")}
    return db, ids


def test_rewrite_gets_high_flags_with_independent_evidence(flagged: tuple[Path, dict[str, str]]) -> None:
    db, ids = flagged
    rewrite, original = ids["global_newsdesk_brussels.txt"], ids["capitol_brief_blinken_brussels.html"]
    with Store(db) as store:
        flags = find_flags(store, article_id=rewrite, min_severity="high")
        text = store.texts([rewrite])[rewrite]
    kinds = {f["kind"]: f for f in flags}
    assert {"affiliation", "corrupted_name", "number"} <= set(kinds)
    aff = kinds["affiliation"]
    # the rewrite diff narrows the claim to the changed word; the cross-source evidence is merged in
    assert (aff["claim"], aff["expected"]) == ("Russian", "Ukrainian") and "UKR" in aff["message"]
    assert text[aff["start"]:aff["end"]] == aff["claim"]
    assert any(e.get("source") == "kb" for e in aff["evidence"])
    name = kinds["corrupted_name"]
    assert name["claim"] == "Stoltenbarg" and name["expected"] == "Stoltenberg"
    assert {f["expected"] for f in flags if f["kind"] == "number"} == {"40,000", "80,000"}
    for f in flags:
        assert text[f["start"]:f["end"]] == f["claim"]
        by_source = [e for e in f["evidence"] if e["article_id"]]
        # the original is cited as what was copied, never as an independent source
        assert [e["article_id"] for e in by_source if e.get("source") == "original"] == [original]
        independent = [e["article_id"] for e in by_source if e.get("source") != "original"]
        assert rewrite not in independent and original not in independent
        if f["kind"] in ("affiliation", "corrupted_name", "number"):
            assert len(independent) >= 2 or f["expected"] == "40,000"


def test_honest_articles_get_no_high_flag(flagged: tuple[Path, dict[str, str]]) -> None:
    db, ids = flagged
    with Store(db) as store:
        high = find_flags(store, min_severity="high")
    assert {f["article_id"] for f in high} == {ids["global_newsdesk_brussels.txt"]}


def test_flag_evidence_spans_point_into_the_evidence_articles(flagged: tuple[Path, dict[str, str]]) -> None:
    db, _ = flagged
    with Store(db) as store:
        for f in find_flags(store):
            for e in f["evidence"]:
                if e["article_id"] is None:
                    assert e["source"] == "kb"
                    continue
                other = store.texts([e["article_id"]])[e["article_id"]]
                assert other[e["start"]:e["end"]] == e["span"]


def test_recompute_keeps_analyst_status(flagged: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"  # the session's analysed store is shared: write to a copy
    with Store(flagged[0]) as src:
        src.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(flagged[0], db)
    with Store(db) as store:
        first = find_flags(store)
        store.conn.execute("UPDATE flags SET status = 'confirmed' WHERE id = ?", (first[0]["id"],))
        verify_store(store)
        again = find_flags(store)
    assert [f["id"] for f in again] == [f["id"] for f in first]
    assert next(f for f in again if f["id"] == first[0]["id"])["status"] == "confirmed"


def test_check_command_prints_flags_with_evidence(flagged: tuple[Path, dict[str, str]]) -> None:
    db, ids = flagged
    result = CliRunner().invoke(check_command, [ids["global_newsdesk_brussels.txt"][:10], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "[HIGH] affiliation" in result.output and "Stoltenbarg" in result.output and "Kuleba" in result.output
    assert "knowledge base" in result.output


def test_edit_distance() -> None:
    assert edit_distance("Stoltenbarg", "Stoltenberg") == 1
    assert edit_distance("Kuleba", "Kuleba") == 0
    assert edit_distance("Guldoltenberg", "Stoltenberg", limit=2) == 3
    assert edit_distance("Ptuin", "Putin") == 1  # two letters swapped count as one edit
    assert edit_distance("Kulbea", "Kuleba") == 1
