"""Detection rules of task D6: an attack or a show of backing the article told already is not coded again, a
warning that reports a fact is no threat, pressing on with an attack is no request, and the name given in quotes
after "called X" is still a name (sitrep.events.coder.separate_acts, trigger_checks, candidates, syntax).
Sentences are ours."""

from __future__ import annotations

from typing import Any


def _types(events: list[Any]) -> list[str]:
    return [e.type for e in events]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_a_raid_told_again_with_its_figures_is_one_event(coder: Any) -> None:
    events = coder(
        "ODESA, May 6 (Test Wire) - Russia struck Ukraine's southern ports with missiles and drones on Monday. "
        "Ukraine's air force said Russia had fired 40 missiles and 30 drones at the region overnight.",
        published="2024-05-06",
    )
    assert _types(events).count("ASSAULT") == 1


def test_a_strike_at_a_named_site_of_its_own_stays_an_event() -> None:
    from sitrep.events.coder.separate_acts import retells_told
    from sitrep.events.record import Event, EventActor, Place

    def attack(start: int, place: Place | None, mode: str | None = "aerial") -> Event:
        side = EventActor(name="Russia", country="RUS", sector="MIL")
        target = EventActor(name="Ukraine", country="UKR", sector="GOV")
        return Event(
            id=f"e{start}", article_id="a", type="ASSAULT", mode=mode, cameo="19", goldstein=-9.0, quad=4,
            sentence="", sentence_start=start, sentence_end=start + 10, span="struck", start=start, end=start + 6,
            actor=(side,), recipient=(target,), date="2024-05-06", date_precision="day", location=place,
            quantities={}, confidence=1.0,
        )

    lead = attack(0, None)
    kharkiv = Place(name="Kharkiv", country="UKR", lat=50.0, lon=36.2)
    types = frozenset({"ASSAULT"})
    assert retells_told(attack(100, None), [lead], types=types)
    assert not retells_told(attack(100, kharkiv), [lead], types=types)  # a site of its own
    assert not retells_told(attack(100, None, mode="firearms"), [lead], types=types)  # another weapon
    assert not retells_told(lead, [attack(100, None)], types=types)  # only what came before is retold


def test_backing_quoted_after_the_lead_is_not_coded_again(coder: Any) -> None:
    events = coder(
        "The German chancellor met Moldova's president in Berlin on Monday and stood firmly behind Moldova's "
        "bid to join the European Union. \"Germany stands firmly behind Moldova,\" the chancellor said.",
        published="2024-03-11",
    )
    backing = [e for e in events if e.type == "SUPPORT"]
    assert len(backing) == 1 and _countries(backing[0].recipient) == {"MDA"}


def test_a_warning_that_reports_a_fact_is_no_threat(coder: Any) -> None:
    events = coder(
        "On Monday, Armenia's defence minister warned parliament that Azerbaijan had moved 5,000 troops to the border.",
        published="2023-09-12",
    )
    assert "THREATEN" not in _types(events)
    events = coder("On Monday, Armenia's defence minister warned that Yerevan would respond to any attack.", published="2023-09-12")
    assert "THREATEN" in _types(events)


def test_pressing_an_offensive_is_no_request(coder: Any) -> None:
    events = coder("The vote comes as Sudanese army units press a new offensive around the capital.", published="2024-02-01")
    assert "REQUEST" not in _types(events)
    events = coder("Britain pressed Israel to let more aid into Gaza on Tuesday.", published="2024-02-01")
    assert "REQUEST" in _types(events)


def test_a_quoted_name_after_called_is_a_name(coder: Any) -> None:
    # the parse reads the quoted name as an oblique of "called": still the name given, no phone call
    events = coder('Foreign Minister Edgars Rinkevics called Lukashenko "a terrorist who trades in people" and urged the EU to act.')
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert accusation.span == "called" and _countries(accusation.recipient) == {"BLR"}
    assert "CONSULT" not in _types(events)
