"""Which events a sentence states: separate acts of one subject, separate acts with each party, and the
trigger words that no longer mislead the coder ("struck" is no labour strike, "that" before a verb is no
reference back). Sentences are our own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.extract import drop_restatements
from sitrep.events.lexicon import load_lexicon
from sitrep.events.record import Event, EventActor
from sitrep.events.text import tokenize


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _parties(events: list[Event], side: str) -> list[frozenset[str | None]]:
    return sorted((frozenset(a.country for a in getattr(e, side)) for e in events), key=sorted)


# -- one subject, two acts of one type ------------------------------------------------------------------
def test_coordinated_acts_each_on_their_own_object_are_two_events(coder: Any) -> None:
    events = _of_type(coder("Poland expelled 12 Russian diplomats and barred five Russian officials from entering the country."), "SANCTION")
    assert sorted(e.span for e in events) == ["barred", "expelled"]
    assert all(_parties([e], "actor") == [{"POL"}] and _parties([e], "recipient") == [{"RUS"}] for e in events)
    assert len({e.id for e in events}) == 2


def test_acts_of_a_relative_clause_after_that(coder: Any) -> None:
    # "that" before a verb is a relative pronoun, not "that attack" referring back
    events = coder("President Biden signed an order that expelled 10 Russian diplomats and sanctioned 32 Russian entities.")
    assert sorted(e.span for e in _of_type(events, "SANCTION")) == ["expelled", "sanctioned"]


def test_one_act_with_two_verbs_or_a_toll_stays_one_event(coder: Any) -> None:
    shelled = _of_type(coder("Russian troops attacked and shelled the village of Pisky on Sunday."), "ASSAULT")
    assert len(shelled) == 1  # one object: one act
    toll = _of_type(coder("A missile hit a school in the city, killing five people and wounding 20."), "ASSAULT")
    assert len(toll) == 1  # killing and wounding tell the attack's toll


# -- one verb, separate acts with each party ------------------------------------------------------------
def test_plural_calls_are_one_event_per_counterpart(coder: Any) -> None:
    events = _of_type(coder("The German chancellor held calls with his Polish and Lithuanian counterparts on Monday."), "CONSULT")
    assert _parties(events, "recipient") == [{"LTU"}, {"POL"}]
    assert _parties(events, "actor") == [{"DEU"}, {"DEU"}]
    assert len({e.id for e in events}) == 2


def test_repeated_preposition_is_one_event_per_party(coder: Any) -> None:
    text = "On Monday the French president spoke by phone with the Polish prime minister, and with the Lithuanian president."
    assert _parties(_of_type(coder(text), "CONSULT"), "recipient") == [{"LTU"}, {"POL"}]


def test_separately_splits_but_a_joint_meeting_stays_one_event(coder: Any) -> None:
    text = "The Turkish foreign minister met his Russian counterpart and, separately, the Ukrainian foreign minister in Antalya."
    assert _parties(_of_type(coder(text), "CONSULT"), "recipient") == [{"RUS"}, {"UKR"}]
    joint = _of_type(coder("The French president met German and Italian leaders in Paris on Monday."), "CONSULT")
    assert _parties(joint, "recipient") == [{"DEU", "ITA"}]


def test_each_splits_compound_actors_but_each_other_does_not(coder: Any) -> None:
    sent = [e for e in coder("Britain and France each sent two warships to the region.") if e.span == "sent"]
    assert _parties(sent, "actor") == [{"FRA"}, {"GBR"}]
    mutual = _of_type(coder("Russia and Ukraine accused each other of violating the ceasefire."), "ACCUSE")
    assert len(mutual) == 1 and _parties(mutual, "actor") == [{"RUS", "UKR"}]  # reciprocal: one record


# -- restatements and trigger words ------------------------------------------------------------------------
def _event(start: int) -> Event:
    party = (EventActor("Poland", "POL", "GOV"),)
    return Event(
        id=f"e{start}", article_id="a", type="SANCTION", mode=None, cameo="172", goldstein=-5.0, quad=4,
        sentence="s", sentence_start=0, sentence_end=90, span="x", start=start, end=start + 1,
        actor=party, recipient=(EventActor("Russia", "RUS", "GOV"),), date=None, date_precision=None,
        location=None, quantities={}, confidence=0.9,
    )


def test_separate_acts_are_not_merged_as_restatements() -> None:
    events = [_event(1), _event(30)]
    assert [e.start for e in drop_restatements(events)] == [1]
    assert [e.start for e in drop_restatements(events, separate=frozenset({30}))] == [1, 30]


def test_struck_is_an_attack_not_a_labour_strike() -> None:
    lexicon = load_lexicon()

    def types(text: str) -> set[str]:
        return {hit.type for hit in lexicon.type_hits(tokenize(text, irregular=lexicon.irregular))}

    assert types("Missiles struck a power plant overnight.") == {"ASSAULT"}
    assert "PROTEST" not in types("More than a dozen strikes on rail hubs cut the service.")
    assert "PROTEST" in types("Dock workers went on strike on Monday.")
    assert "PROTEST" in types("Unions called a nationwide strike against the reform.")
    assert "AGREE" in types("The two sides struck a deal on Friday.")
