"""Recipients of world-news events (issue 4): the state a withdrawal leaves, a government building that is only
the site, the goal of a hand-over, and bodies that name no state ("rebel positions", "opposition supporters").
Sentences are our own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.coder.rules import load_extract_rules
from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert found, [(e.type, e.trigger) for e in events]
    return found[0]


def _parties(event: Event, side: str) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in getattr(event, side)}


def test_the_rules_are_packaged_data() -> None:
    rules = load_extract_rules()
    assert "RETREAT" in rules.origin_types and {"from", "out of"} <= rules.origin_preps
    assert "at" in rules.site_preps and "ASSAULT" in rules.site_target_types
    assert "to" in rules.goal_preps and "GOV" in rules.body_skip_sectors


def test_a_withdrawal_is_received_by_the_state_it_leaves(coder: Any) -> None:
    event = _of_type(coder("Ethiopia withdrew its soldiers from Somalia in January 2009."), "RETREAT")
    assert {a.country for a in event.recipient} == {"SOM"}
    event = _of_type(coder("Iraqi units pulled out of Kuwait City before dawn."), "RETREAT")
    assert {a.country for a in event.recipient} == {"KWT"}
    event = _of_type(coder("The last Cuban troops left Angola in 1991."), "RETREAT")
    assert {a.country for a in event.recipient} == {"AGO"}


def test_a_withdrawal_from_a_place_of_the_actors_own_state_has_no_recipient(coder: Any) -> None:
    event = _of_type(coder("Ukraine withdrew its troops from the town of Avdiivka last month."), "RETREAT")
    assert not event.recipient


def test_a_government_building_after_at_is_the_site_not_the_recipient(coder: Any) -> None:
    event = _of_type(coder("Jordan and Israel signed a peace agreement at the White House in July 1994."), "AGREE")
    assert "USA" not in {a.country for a in event.recipient}


def test_the_goal_of_a_hand_over_outranks_a_party_qualifying_the_object(coder: Any) -> None:
    event = _of_type(coder("Pakistan handed over a wanted al-Qaeda financier to the United States."), "COOPERATE")
    assert {a.country for a in event.recipient} == {"USA"}


def test_a_body_with_no_state_takes_the_actors_state_and_its_sector(coder: Any) -> None:
    event = _of_type(coder("Ethiopian soldiers opened fire on villagers in the Ogaden region."), "ASSAULT")
    assert _parties(event, "recipient") == {("ETH", "CVL")}
    event = _of_type(coder("Belarusian police detained dozens of opposition supporters in Minsk on Sunday."), "COERCE")
    assert _parties(event, "recipient") == {("BLR", "OPP")}
    event = _of_type(coder("Sri Lankan government troops attacked rebel positions near Jaffna on Monday."), "ASSAULT")
    assert _parties(event, "recipient") == {("LKA", "REB")}
