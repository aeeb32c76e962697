"""Parties named by reference and words that only describe (issue 4, round 4): "it" as a subject, the attacking
side named by a noun ("the invaders"), a body's description ("the alliance"), the audience of a speech, a list of
parties the parse lost, participles and prepositions that tell no act, and a year inside a participle phrase.
Sentences are our own; the coding tests need the trained spaCy model and skip without it."""

from __future__ import annotations

from typing import Any

from sitrep.events.record import Event


def _of_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def _countries(event: Event, side: str) -> set[str | None]:
    return {a.country for a in getattr(event, side)}


# -- "it" as a subject stands for the state last a subject, never the nearest name -------------------------
def test_it_in_a_where_clause_is_the_main_subject(coder: Any) -> None:
    events = coder("Moscow denies sending soldiers into eastern Ukraine, where it supports rebel fighters.")
    (event,) = _of_type(events, "SUPPORT")
    assert _countries(event, "actor") == {"RUS"}  # not Ukraine, named only as the place


# -- the attacking side named by a noun ----------------------------------------------------------------
def test_the_invaders_are_the_state_the_article_makes_the_aggressor(coder: Any) -> None:
    text = (
        "Russian occupation forces have shelled Ukrainian positions for weeks. "
        "The Ukrainian army chief said the invaders were moving more artillery to the front."
    )
    (event,) = _of_type(coder(text), "MOBILIZE")
    assert _countries(event, "actor") == {"RUS"}  # not the army chief who said it


def test_the_invaders_of_an_article_naming_no_aggressor_are_no_party(coder: Any) -> None:
    (event,) = _of_type(coder("The army chief said the invaders were moving more artillery to the front."), "MOBILIZE")
    assert not event.actor


# -- a body's description once it is named --------------------------------------------------------------
def test_the_western_alliance_after_nato_is_nato(coder: Any) -> None:
    text = (
        "Moscow claimed on Monday that NATO was preparing a large exercise near Belarus. "
        "The Western alliance rejected the claim; the Kremlin had called Washington hostile a day earlier."
    )
    (event,) = _of_type(coder(text), "REJECT")
    assert _countries(event, "actor") == {"NATO"}


# -- the audience of a speech is no recipient ----------------------------------------------------------------
def test_the_audience_of_a_speech_is_no_recipient(coder: Any) -> None:
    events = coder("Addressing Ukraine's parliament on Friday, the commander accused Russia of massing armour near Kharkiv.")
    (event,) = _of_type(events, "ACCUSE")
    assert all(a.name != "Verkhovna Rada" for a in event.recipient)
    assert _countries(event, "recipient") <= {"RUS"}


# -- a list of parties the parse lost --------------------------------------------------------------------
def test_every_party_listed_after_with_is_a_recipient(coder: Any) -> None:
    text = (
        "Putin answered the criticism on Friday in a video conference with the German chancellor, Angela Merkel, "
        "and Emmanuel Macron of France, according to the Kremlin."
    )
    (event,) = _of_type(coder(text), "CONSULT")
    assert _countries(event, "actor") == {"RUS"}
    assert _countries(event, "recipient") == {"FRA", "DEU"}


def test_a_name_after_a_comma_is_not_listed(coder: Any) -> None:
    (event,) = _of_type(coder("Washington sent more weapons to Ukraine, Germany said."), "AID")
    assert _countries(event, "recipient") == {"UKR"}


# -- words that only describe tell no event ------------------------------------------------------------------
def test_a_participle_before_a_place_is_no_event(coder: Any) -> None:
    assert not _of_type(coder("Moscow has kept thousands of troops in occupied Donbas since the spring."), "PROTEST")


def test_concerning_as_a_preposition_is_no_accusation(coder: Any) -> None:
    events = coder("The ministry said it was aware of reports concerning Russian troop movements near the border.")
    assert not _of_type(events, "ACCUSE")


def test_a_count_of_a_sides_assets_is_no_sanction(coder: Any) -> None:
    text = "Russia's assets in the east include thousands of fighters, hundreds of Russian instructors in Donbas and regular troops in Crimea."
    assert not _of_type(coder(text), "SANCTION")


# -- a year in a participle phrase dates that phrase's act only ---------------------------------------------
def test_a_year_in_a_participle_phrase_does_not_date_the_main_act(coder: Any) -> None:
    text = "A spokesman blamed Russia for the fighting and stressed that the peninsula, seized by Russia in 2014, is still Ukrainian."
    (event,) = _of_type(coder(text), "ACCUSE")
    assert event.date == "2021-04-15"


# -- a trigger phrase's modifier stands for its noun; every party of a list in apposition -------------------
def test_aid_for_a_state_after_a_modifier_word(coder: Any) -> None:
    text = "The Pentagon on Thursday announced a further $400 million in military aid for Ukraine, including air defence systems."
    (event,) = _of_type(coder(text), "AID")
    assert _countries(event, "recipient") == {"UKR"}


def test_every_state_of_a_list_in_apposition_acts(coder: Any) -> None:
    text = "Eight allies - Bulgaria, the Czech Republic, Estonia, Latvia, Lithuania, Poland, Romania and Slovakia - asked for consultations."
    (event,) = _of_type(coder(text), "REQUEST")
    assert _countries(event, "actor") == {"BGR", "CZE", "EST", "LVA", "LTU", "POL", "ROU", "SVK"}


# -- names after the trigger that hold no recipient ----------------------------------------------------------
def test_a_state_after_without_is_no_recipient(coder: Any) -> None:
    events = coder("President Volodymyr Zelensky said Ukraine was ready to keep the corridor going without Russia.")
    assert events and all("RUS" not in _countries(e, "recipient") for e in events)


def test_the_agent_of_another_verb_is_no_recipient(coder: Any) -> None:
    text = "The governor of the Kursk region declared a state of emergency and said civilians had been wounded by Ukrainian shelling."
    (event,) = _of_type(coder(text), "COERCE")
    assert "UKR" not in _countries(event, "recipient")
