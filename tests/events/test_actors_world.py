"""Parties of events outside Ukraine and Russia (issue 4): the knowledge base's world organisations, armed
groups, leaders and historical names, sector nouns after a country adjective, and offices named with an
indefinite article. Sentences are our own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert found, [e.type for e in events]
    return found[0]


def _parties(event: Event, side: str) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in getattr(event, side)}


def test_a_sector_noun_after_a_country_adjective_gives_the_sector(coder: Any) -> None:
    event = _of_type(coder("Sudanese government troops attacked rebel positions in the Nuba Mountains on Tuesday."), "ASSAULT")
    assert _parties(event, "actor") == {("SDN", "MIL")}  # the troops, not the government
    event = _of_type(coder(
        "Rwandan Hutu rebels raided a village in eastern Congo overnight and killed eleven villagers, local officials said."
    ), "ASSAULT")
    assert _parties(event, "actor") == {("RWA", "REB")}  # a word of faith or people between is skipped
    assert {a.country for a in event.recipient} == {"COD"}  # "Congo" in news is the larger Congo


def test_people_named_by_country_and_trade(coder: Any) -> None:
    event = _of_type(coder("The Red Cross flew medical supplies to Rwandan refugees in Goma."), "AID")
    assert {a.country for a in event.actor} == {"ICRC"}
    assert _parties(event, "recipient") == {("RWA", "REF")}


def test_a_transnational_armed_group_keeps_its_own_code(coder: Any) -> None:
    event = _of_type(coder("Al-Qaeda threatened new attacks on Britain in a video released on Thursday."), "THREATEN")
    assert {a.country for a in event.actor} == {"ALQAEDA"}
    assert {a.country for a in event.recipient} == {"GBR"}


def test_national_armed_groups_are_coded_by_their_country(coder: Any) -> None:
    event = _of_type(coder("FARC guerrillas ambushed a Colombian army convoy in the south of the country."), "ASSAULT")
    assert _parties(event, "actor") == {("COL", "REB")}
    assert _parties(event, "recipient") == {("COL", "MIL")}


def test_an_office_with_an_indefinite_article(coder: Any) -> None:
    event = _of_type(coder("A U.N. envoy held talks with Taliban leaders in Kandahar on Saturday."), "CONSULT")
    assert {a.country for a in event.actor} == {"UN"}
    assert _parties(event, "recipient") == {("AFG", "REB")}


def test_leaders_of_past_decades_by_their_office_then(coder: Any) -> None:
    event = _of_type(coder("President Bill Clinton telephoned Russian President Boris Yeltsin to discuss the crisis in Kosovo."), "CONSULT")
    assert {a.country for a in event.actor} == {"USA"} and {a.country for a in event.recipient} == {"RUS"}
    event = _of_type(coder("The European Community imposed sanctions on South Africa over apartheid."), "SANCTION")
    assert {a.country for a in event.actor} == {"EU"} and {a.country for a in event.recipient} == {"ZAF"}


def test_a_surname_several_known_people_of_one_country_share(coder: Any) -> None:
    event = _of_type(coder("Bush accused Baghdad of hiding weapons from the inspectors."), "ACCUSE")
    assert {a.country for a in event.actor} == {"USA"}
    assert {a.country for a in event.recipient} == {"IRQ"}
