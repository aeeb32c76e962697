"""Recipients the sentence names only through its context or in another act's clause (issue 4, round D2): a
party in a clause with a subject of its own is no recipient, a noun after "over"/"by" refers back to an earlier
attack, and an attack with no named target is aimed at the actor's adversary in the article. Sentences are our
own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


def test_context_party_rules_are_versioned_data() -> None:
    rules = load_extract_rules()
    assert rules.version
    assert "ASSAULT" in rules.adversary_types
    assert {"over", "by"} <= rules.referring_preps
    assert "now" in rules.present_timexes


def test_a_relative_clause_with_its_own_subject_names_no_recipient(coder: Any) -> None:
    text = "Leaders of the G7 will hold a video call on Monday, which the Polish president is expected to join."
    events = [e for e in coder(text) if "G7" in _countries(e, "actor")]
    assert events
    assert all("POL" not in _countries(e, "recipient") for e in events)


def test_outrage_over_the_strikes_accuses_the_striker(coder: Any) -> None:
    text = (
        "Russian missiles struck a power plant in Kharkiv on Monday. "
        "The UN secretary-general voiced outrage over the strikes."
    )
    (event,) = _of_type(coder(text), "ACCUSE")
    assert _countries(event, "actor") == {"UN"}
    assert _countries(event, "recipient") == {"RUS"}


def test_an_attack_with_no_named_target_faces_the_adversary(coder: Any) -> None:
    from sitrep.eval.examples import load_examples

    article = load_examples()["articles/kyiv_ledger_ramstein_umerov.txt"]
    events = coder(article.text, published=article.published or "2024-03-19")
    (attacks,) = [e for e in events if e.type == "ASSAULT" and e.sentence.startswith("The meeting took place as")]
    assert _countries(attacks, "actor") == {"RUS"}
    assert _countries(attacks, "recipient") == {"UKR"}
