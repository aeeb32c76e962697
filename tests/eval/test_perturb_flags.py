"""The flag benchmark: perturbed copies through ingest + analyze + verify, scored on the stored flags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from sitrep.eval.perturb_flags import count_sites, run_benchmark
from sitrep.eval.perturb_score import ACCEPTED_FLAG_KINDS, copy_spans
from sitrep.eval.perturb_stated import stated_elsewhere, support_filter
from sitrep.eval.perturb_store import map_span
from sitrep.model import Article
from sitrep.verify.perturb import EXPECTED_KINDS, clean_examples, generate
from sitrep.verify.perturb_sites import load_perturb_lexicon
from sitrep.verify.records import Span

if TYPE_CHECKING:
    from sitrep.nlp.read import Reader


@pytest.fixture(scope="module")
def originals() -> dict[str, Article]:
    return clean_examples()

KINDS = ("number_change", "name_corruption", "harmless_synonym")


def _copies(result: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in result["copies"] if c["kind"] == kind]


def test_perturb_flags_kind_map_covers_every_benchmark_kind() -> None:
    assert set(ACCEPTED_FLAG_KINDS) == set(EXPECTED_KINDS)
    assert all(bool(ACCEPTED_FLAG_KINDS[k]) == bool(EXPECTED_KINDS[k]) for k in EXPECTED_KINDS)


def test_perturb_flags_copy_spans_point_at_the_edits_in_the_copy(originals: dict[str, Article]) -> None:
    for item in generate(originals, seed=0, n_per_kind=2, background=2):
        target, background = copy_spans(item)
        text = item.article.text
        assert text[target[0].start : target[0].end] == item.copy.text
        for span, (_, new) in zip(background, item.background, strict=True):
            assert text[span.start : span.end] == new
        if item.contradicts is not None:
            assert target[1].text == item.contradicts.text


def test_perturb_flags_map_span_follows_a_dropped_line() -> None:
    source = "Credit line.\nKyiv said 80,000 troops.\n"
    target = "Kyiv said 80,000 troops.\n"
    assert map_span(Span(23, 29, "80,000"), source, target) == Span(10, 16, "80,000")
    assert map_span(Span(0, 6, "Credit"), source, target) is None


def test_perturb_flags_stated_elsewhere_needs_the_fact_in_context(originals: dict[str, Article]) -> None:
    by_id = {a.id: a for a in originals.values()}
    item = next(i for i in generate(originals, seed=0, n_per_kind=5) if i.kind == "number_change")
    original = by_id[item.original_id].text
    assert stated_elsewhere(item, original, [original])
    assert not stated_elsewhere(item, original, ["Nothing about it here. The weather was fine."])


def test_perturb_flags_stated_elsewhere_needs_the_same_counted_thing(originals: dict[str, Article]) -> None:
    items = generate(originals, seed=0, n_per_kind=500, kinds=("number_change",))
    item = next(i for i in items if i.original.text == "two" and i.article.text[i.copy.end:].startswith(" dozen"))
    original = {a.id: a for a in originals.values()}[item.original_id].text
    same = "More than two dozen Ukrainian soldiers have been killed in Donbas since January."
    other = "Four Ukrainian servicemen were killed and two others were wounded on Friday in Donbas."
    assert stated_elsewhere(item, original, [same])
    assert not stated_elsewhere(item, original, [other])


def test_perturb_flags_stated_elsewhere_needs_the_quoted_words_with_the_speaker(originals: dict[str, Article]) -> None:
    items = generate(originals, seed=0, n_per_kind=500, kinds=("quote_speaker_change",))
    item = next(i for i in items if i.original.text == "Khomchak" and "concentrating forces" in
                i.article.text[max(0, i.copy.start - 80):i.copy.end + 80])
    original = {a.id: a for a in originals.values()}[item.original_id].text
    # the same speaker in the same setting, once with the quoted words and once without them
    same = 'General Ruslan Khomchak told parliament: "The enemy is concentrating forces on our border."'
    other = "General Ruslan Khomchak told parliament that Russia had moved battalion tactical groups to the border."
    assert stated_elsewhere(item, original, [same])
    assert not stated_elsewhere(item, original, [other])


def test_perturb_flags_with_original_finds_number_and_name_not_synonym(
    reader: Reader, analysed_examples_db: Path, tmp_path: Path
) -> None:
    result = run_benchmark(
        seed=0, n_per_kind=1, kinds=KINDS, reader=reader, base_store=analysed_examples_db, workdir=tmp_path,
        min_support=2,
    )
    assert result["n"] == 3 and result["lost"] == 0
    for kind in ("number_change", "name_corruption"):
        (copy,) = _copies(result, kind)
        # flagged on the changed words; high only where an independent source backs the original
        assert copy["found_any_severity"], copy
        assert all(f["verdict"] == "correct" for f in copy["flags"])
    (synonym,) = _copies(result, "harmless_synonym")
    assert synonym["flags"] == []
    assert result["harmless_flagged"] == 0.0
    assert result["precision"] == 1.0


def test_perturb_flags_cross_source_reports_stated_facts(
    reader: Reader, analysed_examples_db: Path, tmp_path: Path
) -> None:
    kind = "number_change"
    result = run_benchmark(
        seed=0,
        n_per_kind=1,
        kinds=(kind, "harmless_synonym"),
        mode="cross-source",
        reader=reader,
        base_store=analysed_examples_db,
        workdir=tmp_path,
    )
    (copy,) = _copies(result, kind)
    assert copy["stored"] and copy["stated"] in (True, False)
    assert result["n_stated"] == int(bool(copy["stated"]))
    assert _copies(result, "harmless_synonym")[0]["flags"] == []
    assert not list(tmp_path.iterdir())  # round stores are removed


def test_perturb_flags_support_filter_keeps_facts_that_other_clusters_state(
    originals: dict[str, Article], analysed_examples_db: Path, reader: Reader
) -> None:
    texts = {a.id: a.text for a in originals.values()}
    keep = support_filter(analysed_examples_db, texts, min_clusters=2)
    items = generate(originals, seed=0, n_per_kind=3, kinds=("number_change", "harmless_synonym"), keep=keep)
    numbers = [i for i in items if i.kind == "number_change"]
    assert numbers and all(keep(i) for i in numbers)
    assert len([i for i in items if i.kind == "harmless_synonym"]) == 3  # harmless kinds are never filtered
    sites = count_sites(seed=0, kinds=("number_change", "actor_reversal"), min_support=2, reader=reader,
                        base_store=analysed_examples_db)
    for kind, row in sites.items():
        assert 0 < row["supported"] <= row["sites"], (kind, row)
    unfiltered = generate(originals, seed=0, n_per_kind=3, kinds=("number_change",))
    assert [i.kind for i in unfiltered] == ["number_change"] * 3  # the old behaviour without ``keep``



def test_perturb_flags_a_date_is_stated_only_near_in_time_and_beside_the_same_count(
    originals: dict[str, Article],
) -> None:
    items = generate(originals, seed=0, n_per_kind=500, kinds=("date_change",))
    item = next(i for i in items if i.original.text == "Thursday"
                and "expelled 10 Russian diplomats" in i.article.text[i.copy.end:i.copy.end + 40])
    original = {a.id: a for a in originals.values()}[item.original_id].text
    same = "The United States on Thursday expelled 10 Russian diplomats and imposed sanctions on companies."
    other_count = "Poland on Thursday expelled three Russian diplomats and imposed sanctions on companies."
    assert stated_elsewhere(item, original, [same], published=[item.article.published])
    # another count beside the date: another fact of the same day
    assert not stated_elsewhere(item, original, [other_count], published=[item.article.published])
    # a weekday names a day of its own week: the same words three years later are another day
    assert not stated_elsewhere(item, original, [same], published=["2024-04-18"])


def test_perturb_flags_a_count_of_time_is_stated_only_with_the_same_relation_and_near_in_time(
    originals: dict[str, Article],
) -> None:
    items = generate(originals, seed=0, n_per_kind=500, kinds=("number_change",))
    item = next(i for i in items if i.original.text == "two"
                and i.article.text[i.copy.end:].startswith(" days of intense contacts"))
    original = {a.id: a for a in originals.values()}[item.original_id].text
    same = "The call capped two days of intense contacts between Washington and Kyiv."
    # "two days later" counts another interval than "two days of contacts", beside the same names
    later = "Biden called Putin, and two days later Washington announced sanctions on Kyiv's behalf."
    assert stated_elsewhere(item, original, [same], published=[item.article.published])
    assert not stated_elsewhere(item, original, [later], published=[item.article.published])
    # a count three years later is another count
    assert not stated_elsewhere(item, original, [same], published=["2024-04-01"])


def test_perturb_flags_a_hedged_count_is_changed_beyond_its_hedge(originals: dict[str, Article]) -> None:
    items = generate(originals, seed=0, n_per_kind=500, kinds=("number_change",))
    hedged = [i for i in items if re.search(r"\b(?:about|more than|some|nearly)\s+$",
                                            i.article.text[max(0, i.copy.start - 15):i.copy.start])]
    assert hedged
    words = load_perturb_lexicon()["number_words"]
    for item in hedged:
        old, new = (float(words.get(v, v.replace(",", ""))) for v in (item.original.text, item.replacement))
        assert max(old, new) / min(old, new) >= 1.5, (item.original.text, item.replacement)
