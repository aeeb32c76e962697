"""Precision rules of task D11: a warning that forecasts about no party, or fears another party's possible act; an
act named as known that an earlier sentence told; an aim, a legislature's step, an appointment and a scene-setting
"as" clause (sitrep.events.coder.forecasts, refusals, separate_acts). Sentences are ours."""

from __future__ import annotations

from typing import Any


def _types(events: list[Any]) -> list[str]:
    return [e.type for e in events]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_a_forecast_about_no_party_is_no_threat(coder: Any) -> None:
    events = coder(
        "A Norwegian analyst said some officials in Oslo warn that a miscalculation at sea could spiral quickly.",
        published="2022-03-02",
    )
    assert "THREATEN" not in _types(events)


def test_a_threat_of_the_speakers_side_stays_a_threat(coder: Any) -> None:
    text = "Russian troops shelled Ukrainian positions near Bakhmut on Monday. The Kremlin warned that further strikes would follow."
    assert "THREATEN" in _types(coder(text))
    events = coder("Iran's foreign minister warned on Sunday that Israel would pay a heavy price.", published="2024-04-14")
    assert "THREATEN" in _types(events)


def test_fear_of_another_partys_possible_act_accuses_it(coder: Any) -> None:
    events = coder("Georgian officials had for weeks warned that Russia might seize the border crossing.", published="2022-03-02")
    assert "THREATEN" not in _types(events)
    assert "COERCE" not in _types(events)  # the feared seizure is no act told
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations
    assert _countries(accusations[0].actor) == {"GEO"}
    assert _countries(accusations[0].recipient) == {"RUS"}


def test_an_offer_named_again_as_known_is_not_coded_twice(coder: Any) -> None:
    events = coder(
        "French President Emmanuel Macron proposed a summit with Vladimir Putin on Monday. "
        "The Kremlin said on Tuesday it was still weighing Macron's offer of a summit.",
        published="2022-02-08",
    )
    assert _types(events).count("AGREE") == 1


def test_an_aim_a_legislative_step_and_an_appointment_are_no_acts(coder: Any) -> None:
    events = coder(
        "Moscow said the blast was sabotage by Kyiv intended to cut off power to the peninsula.", published="2023-06-06"
    )
    assert "SANCTION" not in _types(events)
    events = coder(
        "Scholz urged the Bundestag to pass an aid bill for Ukraine, which the Senate of Berlin approved on Monday.",
        published="2024-02-13",
    )
    assert "SUPPORT" not in _types(events)
    events = coder("Putin asked Sergei Shoigu to stay on as defence minister.", published="2024-05-13")
    assert "REQUEST" not in _types(events)


def test_a_scene_setting_as_clause_tells_no_act(coder: Any) -> None:
    events = coder(
        "President Emmanuel Macron spoke with Chancellor Olaf Scholz on Monday, as concern grew over a Russian "
        "military buildup near Ukraine.",
        published="2022-01-31",
    )
    assert _types(events) == ["CONSULT"]


def test_words_told_to_a_reporter_by_phone_are_no_meeting(coder: Any) -> None:
    events = coder(
        '"Moscow is using grain as a weapon again," Moldovan Foreign Minister Nicu Popescu told the Danube Courier '
        "by phone on Tuesday.",
        published="2023-07-18",
    )
    assert "CONSULT" not in _types(events)
