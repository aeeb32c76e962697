"""Type choices of task D7 (sitrep.events.coder.type_choice, candidates, trigger_checks, extract): acts still to
come are promises (AGREE, CONCEDE), invitations and proposals are offers, a pledge of backing states it, a word of
a name given is no act of its own, the matter of a request is no act, and earlier acts named as the time of another
with a time of their own are historical events. Sentences are ours."""

from __future__ import annotations

from typing import Any


def _typed(events: list[Any], name: str) -> list[Any]:
    return [e for e in events if e.type == name]


def _countries(parties: tuple[Any, ...]) -> set[str | None]:
    return {p.country for p in parties}


def test_a_meeting_a_minister_is_due_to_host_is_a_promise(coder: Any) -> None:
    events = coder("Germany's defence minister is due to host a meeting of allied ministers on Monday to plan winter aid.")
    agreed = _typed(events, "AGREE")
    assert agreed and agreed[0].future
    assert not _typed(events, "CONSULT")


def test_aid_a_reported_clause_says_would_be_sent_is_a_promise(coder: Any) -> None:
    events = coder("The Dutch prime minister said on Friday that the Netherlands would send more air defence systems to Kyiv.")
    assert _typed(events, "AGREE") and not _typed(events, "AID")
    assert _countries(_typed(events, "AGREE")[0].actor) == {"NLD"}


def test_would_under_a_question_stays_no_promise(coder: Any) -> None:
    events = coder("The Dutch prime minister did not say whether the Netherlands would send more air defence systems.")
    assert not _typed(events, "AGREE")


def test_an_invitation_to_meet_is_an_offer(coder: Any) -> None:
    events = coder("On Monday, the Finnish president invited the Turkish president to meet him in Helsinki.")
    agreed = _typed(events, "AGREE")
    assert agreed and not _typed(events, "REQUEST")
    assert _countries(agreed[0].actor) == {"FIN"} and _countries(agreed[0].recipient) == {"TUR"}


def test_a_floated_meeting_is_an_offer(coder: Any) -> None:
    events = coder("The German chancellor floated a summit meeting with the Turkish president in Berlin.")
    assert _typed(events, "AGREE")
    assert not any(e.type == "CONSULT" and e.span == "summit" for e in events)


def test_a_pledge_of_backing_states_support(coder: Any) -> None:
    events = coder("The Polish president spoke with Zelensky by phone on Monday and pledged continued Polish backing.")
    assert _typed(events, "SUPPORT")
    assert not _typed(events, "AGREE")


def test_a_threatening_activity_named_in_a_free_relative_is_an_accusation(coder: Any) -> None:
    events = coder("The Belarusian defence minister said on Tuesday that troops had been moved west in response to "
                   "what he called threatening NATO activity.")
    accused = _typed(events, "ACCUSE")
    assert accused and not _typed(events, "THREATEN")
    assert _countries(accused[0].recipient) == {"NATO"}


def test_the_matter_of_a_call_on_moscow_is_no_retreat(coder: Any) -> None:
    events = coder("The French foreign minister told reporters that the deployment could not be justified, and he "
                   "called on Moscow to end its provocations and de-escalate at once.")
    assert not _typed(events, "RETREAT")
    assert _typed(events, "REQUEST")


def test_an_annexation_named_as_a_time_with_its_own_year_is_an_event(coder: Any) -> None:
    """With no party of its own, the annexation is the article's adversary's, aimed at the state of the place."""
    events = coder("Russia has massed troops near Ukraine's eastern border, Kyiv said on Monday. The Swedish foreign "
                   "minister called the Russian buildup the largest since the annexation of Crimea in 2014.")
    seized = _typed(events, "COERCE")
    assert seized
    assert _countries(seized[0].actor) == {"RUS"} and _countries(seized[0].recipient) == {"UKR"}


def test_an_invasion_named_as_a_time_with_its_own_month_is_an_event(coder: Any) -> None:
    events = coder("Russian forces have lost thousands of tanks since the full-scale invasion of Ukraine began in "
                   "February 2022, the British ministry said.", published="2024-03-20")
    assert _typed(events, "ASSAULT")


def test_an_attack_named_only_as_a_time_point_is_no_event(coder: Any) -> None:
    events = coder("The alliance agreed on Wednesday to end its mission, twenty years after the attacks that drew "
                   "it into the war.")
    assert not _typed(events, "ASSAULT")
