"""Event coding of read articles (sitrep.events.extract) and its score on our gold.

These tests need the trained spaCy model (src/sitrep/models/en_sitrep_core) and skip without it;
``SITREP_TEST_MODEL=DIR`` points them at another trained model directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.events.record import Event, event_id


def _one(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type == event_type]
    assert found, [(e.type, e.span) for e in events]
    return found[0]


def _countries(actors: tuple[Any, ...]) -> set[str | None]:
    return {a.country for a in actors}


def test_accusation_direction(coder: Any) -> None:
    one = _one(coder("Russia accused Ukraine of shelling civilians in the east."), "ACCUSE")
    assert _countries(one.actor) == {"RUS"} and _countries(one.recipient) == {"UKR"}
    other = _one(coder("Ukraine accused Russia of shelling civilians in the east."), "ACCUSE")
    assert _countries(other.actor) == {"UKR"} and _countries(other.recipient) == {"RUS"}


def test_expulsion_with_date_figure_and_evidence(coder: Any) -> None:
    text = "On Tuesday, Russia expelled 10 Polish diplomats."
    event = _one(coder(text), "SANCTION")
    assert _countries(event.actor) == {"RUS"}
    assert _countries(event.recipient) == {"POL"}
    assert (event.date, event.date_precision) == ("2021-04-13", "day")
    assert event.quantities == {"diplomats": 10}
    assert event.sentence == text and text[event.start - event.sentence_start :].startswith(event.span)
    assert event.id == event_id("t1", event.sentence_start, event.start)


def test_attack_place_and_casualties(coder: Any) -> None:
    events = coder("Mortar fire killed four Ukrainian soldiers near Shumy on Friday, the army said.")
    event = _one(events, "ASSAULT")
    assert event.quantities.get("killed") == 4
    assert event.location is not None and event.location.name == "Shumy" and event.location.country == "UKR"
    assert event.date == "2021-04-09"


def test_disputed_place(coder: Any) -> None:
    events = coder("Russia held large military drills in Crimea on Wednesday.")
    place = next(e.location for e in events if e.location is not None)
    assert place.country == "UKR" and place.disputed


def test_compound_actor_is_one_record(coder: Any) -> None:
    events = coder("U.S. President Joe Biden and Russian President Vladimir Putin held talks by phone on Tuesday.")
    event = _one(events, "CONSULT")
    assert _countries(event.actor) | _countries(event.recipient) == {"USA", "RUS"}


def test_future_statement_is_marked(coder: Any) -> None:
    events = coder("Blinken said Washington would send more weapons to Ukraine next month.")
    assert events and any(e.future or e.hypothetical for e in events)
    assert not any(e.type == "AID" and e.status == dict.fromkeys(e.status, False) for e in events)


def test_record_to_dict(coder: Any) -> None:
    event = coder("On Tuesday, Russia expelled 10 Polish diplomats.")[0]
    out = event.to_dict()
    for key in ("id", "article_id", "type", "mode", "cameo", "goldstein", "quad", "actor", "recipient", "date"):
        assert key in out
    assert out["actor"] and set(out["actor"][0]) == {"name", "country", "sector", "entity_id"}
    assert {"negated", "future", "hypothetical", "claim", "sentence", "span", "confidence"} <= set(out)


@pytest.mark.slow
def test_gold_scores(examples_dir: Path, event_model_dir: Path) -> None:
    """Floors a little below the figures measured (see README / the helper report)."""
    from sitrep.eval.events_gold import score_examples

    result = score_examples(examples_dir, model=event_model_dir)
    overall = result["all"]
    assert overall["detection"]["f1"] >= 0.854  # measured 0.857 (D10: consultations with a party, forces that will stay), 0.847 (D8 + D9), 0.836 (D7: a request's matter as the model's trigger is no act, past acts), 0.838 (D6: retold acts, fact warnings, pressed attacks, quoted names), 0.838 (D5: listed acts, clauses opened by "and", "build up"), 0.834 (D4: request matters, motives, calls, tolls), 0.827 (D3: dropped subjects, trigger phrases, sure types with no trigger word), 0.812 (D1: second events, content objects), 0.804 (A3), 0.801 (A1, round 3; 0.799 in session 8)
    assert overall["type"]["f1"] >= 0.815  # measured 0.818 (D10: consultations, staying forces), 0.806 (D8 + D9), 0.787 (D8: coordinated acts, unchanged here), 0.786 (D7: acts to come, offers, pledged backing, names, past acts), 0.761 (D6), 0.754 (D5), 0.750 (D4), 0.742 (D3), 0.724 (D1: detection rules), 0.703 (A3 + T1 session 10: T1's sentences for blind 1/2 cost 0.009 here), 0.712 (A3), 0.710 (A1, round 3; 0.707 in session 8)
    assert result["dev"]["type"]["f1"] >= 0.802  # measured 0.805 (D7), 0.781 (D6), 0.776 (D5), 0.771 (D4), 0.762 (D3), 0.742 (D1), 0.725 (A1, round 3; 0.722 in session 8)
    assert result["heldout"]["type"]["f1"] >= 0.63  # measured 0.641 (D7), 0.608 (D6), 0.591 (D1), 0.596 (session 8, after E12-E15)
    assert overall["actor_country_accuracy"] >= 0.9  # measured 0.907 (D7), 0.907 (D6, as after session 13), 0.894 (D3: two newly found expulsions by "the foreign ministry" have no actor), 0.896 (D1), 0.903 (A3: "the alliance", "it"), 0.900 (A2: noun events), 0.896 (A1, round 3), 0.883 after E12-E15 (0.874 after E12+E13; 0.847 in E11)
    assert overall["recipient_country_accuracy"] >= 0.898  # measured 0.901 (D7: newly typed meetings to come carry parties the coder had wrong already; 0.909 on the events typed right before and after), 0.904 (D6, as after session 13), 0.898 (D5, with P4), 0.885 (D4), 0.882 (D3), 0.877 (D2), 0.871 (D1), 0.874 (A2: noun events), 0.864 (A1, round 3), 0.866 after E12-E15 (0.815 after E12+E13)
    assert overall["date_accuracy"] >= 0.70  # measured 0.706 (D7), 0.704 (D6: retold acts dropped, 0.709 before), 0.712 (D3), 0.709 (D2), 0.675 (D1), 0.676 (A2), 0.673 (A1, round 3; 0.672 in session 8)
    assert overall["location_accuracy"] >= 0.754  # measured 0.757 (D7), 0.758 (D6), 0.764 (D3), 0.756 (D1), 0.754 (A3 + T1), 0.766 (A3), 0.765 (A1, round 3: several places, none; 0.722 in session 8)
    assert sum(overall["confusion"].values()) >= overall["gold"]  # every gold event is in a row
    assert result["timing"]["coding_over_reading"] <= 0.6


def test_passive_by_agent_is_the_actor(coder: Any) -> None:
    events = coder("On Tuesday, four Ukrainian soldiers were killed by Russian artillery near Avdiivka.")
    attack = _one(events, "ASSAULT")
    assert _countries(attack.actor) == {"RUS"}
    assert _countries(attack.recipient) == {"UKR"}


def test_recipient_in_a_prepositional_object(coder: Any) -> None:
    event = _one(coder("Polish Foreign Minister Radoslaw Sikorski held talks with Antony Blinken in Warsaw."), "CONSULT")
    assert _countries(event.actor) == {"POL"}
    assert _countries(event.recipient) == {"USA"}


def test_pronoun_subject_takes_the_last_named_person(coder: Any) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov spoke to reporters in Moscow on Monday. "
        "He accused Washington of meddling in Ukraine."
    )
    accusation = _one(coder(text), "ACCUSE")
    assert _countries(accusation.actor) == {"RUS"}
    assert _countries(accusation.recipient) == {"USA"}


def test_back_reference_is_not_a_second_event(coder: Any) -> None:
    text = (
        "U.S. President Joe Biden spoke with Ukrainian President Volodymyr Zelensky by phone on Friday. "
        "The conversation lasted about an hour."
    )
    assert [e.span for e in coder(text) if e.type == "CONSULT"] == ["spoke with"]


def test_one_event_per_sentence_type_and_parties() -> None:
    from sitrep.events.extract import drop_restatements
    from sitrep.events.record import EventActor

    def make(start: int, actor: str) -> Event:
        party = (EventActor(actor, actor, "GOV"),)
        return Event(
            id=event_id("a", 0, start), article_id="a", type="CONSULT", mode=None, cameo="040", goldstein=1.0,
            quad=1, sentence="s", sentence_start=0, sentence_end=10, span="x", start=start, end=start + 1, actor=party,
        )

    events = [make(1, "USA"), make(5, "USA"), make(8, "RUS")]
    assert [e.start for e in drop_restatements(events)] == [1, 8]


def test_crosshead_and_link_lines_are_not_coded(coder: Any) -> None:
    """A line without closing punctuation restates the body; a "Read also" line links another story."""
    events = coder("Moscow points to NATO\nRead also: Four soldiers killed in mortar attack near the town\n")
    assert events == []


def test_deployment_faces_the_owner_of_the_border(coder: Any) -> None:
    events = coder("Ukraine says Russia has moved tens of thousands of troops towards its borders.")
    mobilize = _one(events, "MOBILIZE")
    assert _countries(mobilize.actor) == {"RUS"}
    assert _countries(mobilize.recipient) == {"UKR"}
    own = _one(coder("Russia has moved two armies to its western borders for drills."), "MOBILIZE")
    assert own.recipient == ()


def test_withdrawal_has_no_recipient(coder: Any) -> None:
    events = coder("Russian troops began returning to their bases from the border with Ukraine on Friday.")
    assert _one(events, "RETREAT").recipient == ()


def test_state_told_in_the_present_takes_the_publication_week(coder: Any) -> None:
    events = coder("Kyiv says more than 80,000 Russian troops are deployed near its frontier.", published="2021-04-15")
    mobilize = _one(events, "MOBILIZE")
    assert (mobilize.date, mobilize.date_precision) == ("2021-W15", "week")
    assert _countries(mobilize.recipient) == {"UKR"}


def test_place_comes_from_the_event_clause(coder: Any) -> None:
    """A place in another clause of the sentence does not place the event."""
    text = "Blinken spoke by phone with Kuleba on Wednesday, as Russian troops gathered in Crimea."
    consult = _one(coder(text), "CONSULT")
    assert consult.location is None or consult.location.name != "Crimea"


def test_confusion_table_lists_gold_rows_and_missed_column() -> None:
    from sitrep.eval.events_gold import confusion_table

    table = confusion_table({"AGREE>CONSULT": 2, "AGREE>AGREE": 5, "AGREE>-": 1, "->ASSAULT": 3})
    lines = table.splitlines()
    assert lines[0].split()[1:] == ["AGRE", "ASSA", "CONS", "-"]
    assert lines[1].split() == ["AGREE", "5", ".", "2", "1"]
    assert lines[-1].split() == ["-", ".", "3", ".", "."]


def test_sentence_whose_likeliest_type_has_no_trigger_keeps_its_triggered_events(coder: Any) -> None:
    """The model's best type names no word here: the likeliest type that a trigger word names is coded."""
    text = "U.S. President Joe Biden phoned Russian President Vladimir Putin on April 13 and proposed a summit."
    events = coder(text)
    assert {e.type for e in events} & {"CONSULT", "AGREE"}, [(e.type, e.span) for e in events]


def test_casualty_toll_alone_is_not_an_attack(coder: Any) -> None:
    """A death toll with no attacker, place or attack word is not coded as an attack; a toll of one is."""
    toll = coder("Hospital officials said at least 40 people had been killed and more than 90 wounded.")
    assert "ASSAULT" not in {e.type for e in toll}, [(e.type, e.span) for e in toll]
    attack = coder("Rebel gunmen killed six soldiers in an ambush near Kidal on Tuesday.")
    assert "ASSAULT" in {e.type for e in attack}, [(e.type, e.span) for e in attack]


def test_condemned_event_names_its_author_as_recipient(coder: Any) -> None:
    """'condemned the attack': the recipient is the actor of the attack told before."""
    text = (
        "Iran launched dozens of drones at Israel on Saturday, the Israeli military said. "
        "Germany condemned the attack in a statement on Sunday."
    )
    accusation = _one(coder(text, published="2024-04-14"), "ACCUSE")
    assert _countries(accusation.actor) == {"DEU"}
    assert _countries(accusation.recipient) == {"IRN"}


def test_reported_judgement_names_speaker_and_judged_party(coder: Any) -> None:
    """'he warned that Moscow's actions were deeply concerning': the speaker accuses the owner of the actions."""
    text = (
        "Secretary of State Antony Blinken told reporters after meeting Stoltenberg, and he warned that "
        "Moscow's actions were deeply concerning."
    )
    accusation = _one(coder(text), "ACCUSE")
    assert _countries(accusation.actor) == {"USA"}
    assert _countries(accusation.recipient) == {"RUS"}


def _parties(event: Event) -> tuple[set[str | None], set[str | None]]:
    return _countries(event.actor), _countries(event.recipient)


def test_day_of_month_is_not_the_death_toll(coder: Any) -> None:
    event = _one(coder("On March 26, artillery fire killed three Ukrainian soldiers near Avdiivka."), "ASSAULT")
    assert event.quantities.get("killed") == 3


def test_figure_of_an_accusation_belongs_to_the_accused_act(coder: Any) -> None:
    """"accused NATO of preparing to deploy 40,000 troops": NATO's deployment, told as a claim; the
    accuser's own move told after it keeps its own figure."""
    text = (
        "Shoigu accused NATO of preparing to deploy 40,000 troops near Russia and said Russia had shifted "
        "two armies westward."
    )
    events = coder(text)
    accusation = _one(events, "ACCUSE")
    assert _parties(accusation) == ({"RUS"}, {"NATO"}) and not accusation.quantities
    deployment = _one(events, "MOBILIZE")
    assert _countries(deployment.actor) == {"NATO"} and deployment.claim
    assert deployment.quantities == {"troops": 40000}


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine accused Russia of shelling Avdiivka on Sunday, wounding four civilians in the frontline town.",
        "On Monday Russia accused Ukraine of shelling a school near Horlivka, wounding three teachers.",
    ],
)
def test_participle_after_an_accused_act_continues_that_act(coder: Any, text: str) -> None:
    """"accused X of shelling ..., *wounding* ...": the wounding is X's act, not the accuser's against X."""
    events = coder(text)
    accusation = _one(events, "ACCUSE")
    (accuser,), (accused,) = _parties(accusation)
    wounding = [e for e in events if e.span.startswith("wounding")]
    assert wounding and all(_countries(e.actor) <= {accused} and accuser not in _countries(e.recipient)
                            for e in wounding)


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # possessives and multi-word countries
        ("Ukraine's foreign minister urged the United States to send more air defence.", "REQUEST", "UKR", "USA"),
        ("The United States condemned Russia's strike on the port of Odesa.", "ACCUSE", "USA", "RUS"),
        # names the reading layer does not tag are looked up in the knowledge base
        ("Zelensky accused Putin of preparing a new offensive in the east.", "ACCUSE", "UKR", "RUS"),
        ("Putin warned Zelensky against joining the alliance.", "THREATEN", "RUS", "UKR"),
        # passives with "by"
        ("Three Lithuanian diplomats were expelled by Belarus on Monday.", "SANCTION", "BLR", "LTU"),
        ("Moscow was condemned by Berlin for the raid on the convoy.", "ACCUSE", "DEU", "RUS"),
        ("Minsk was warned by Vilnius not to reopen the crossing.", "THREATEN", "LTU", "BLR"),
        # sanctions on / against, an expulsion told as a noun
        ("The European Union imposed sanctions on Belarus on Monday.", "SANCTION", "EU", "BLR"),
        ("Washington announced new sanctions against Moscow on Thursday.", "SANCTION", "USA", "RUS"),
        ("Russia's expulsion of ten American diplomats drew a sharp protest.", "SANCTION", "RUS", "USA"),
    ],
)
def test_who_does_what_to_whom(coder: Any, text: str, event_type: str, actor: str, recipient: str) -> None:
    assert _parties(_one(coder(text), event_type)) == ({actor}, {recipient})


def test_parties_reverse_with_the_text(coder: Any) -> None:
    """Swapping who demands of whom swaps the coded parties: what cross-source reversal flags rely on."""
    forward = _one(coder("Germany urged Russia to pull its troops back from the border."), "REQUEST")
    backward = _one(coder("Russia urged Germany to pull its troops back from the border."), "REQUEST")
    assert _parties(forward) == ({"DEU"}, {"RUS"}) and _parties(backward) == ({"RUS"}, {"DEU"})


def test_the_demanded_act_is_the_matter_of_the_demand(coder: Any) -> None:
    """"urged the United States to impose sanctions on Russia": one REQUEST addressed to Washington; the sanctions
    are what is asked for, not yet imposed (the gold guide codes the appeal only; task D4)."""
    events = coder("Ukraine's foreign minister urged the United States to impose sanctions on Russia.")
    assert _parties(_one(events, "REQUEST")) == ({"UKR"}, {"USA"})
    assert not [e for e in events if e.type == "SANCTION"]


def test_weapons_launched_against_a_state_in_a_strike(coder: Any) -> None:
    text = "On May 8, Russia launched 50 missiles and 40 drones against Ukraine in one of the largest strikes of the year."
    event = _one(coder(text), "ASSAULT")
    assert _parties(event) == ({"RUS"}, {"UKR"})


def test_act_coordinated_with_an_accusation_is_no_claim(coder: Any) -> None:
    """"blamed Russia for the hack, expelled ten diplomats and imposed sanctions": the sanctions are a fact,
    imposed by the subject of the list of verbs."""
    text = "On April 15, Washington formally blamed Russia for the cyber attack, expelled 10 Russian diplomats and imposed sanctions."
    sanction = _one(coder(text), "SANCTION")
    assert _countries(sanction.actor) == {"USA"} and not sanction.claim


def test_main_verb_event_the_model_doubts_is_kept_with_both_parties(coder: Any) -> None:
    text = "Kyiv says Russia has moved tens of thousands of troops towards its borders in recent weeks."
    event = _one(coder(text), "MOBILIZE")
    assert _parties(event) == ({"RUS"}, {"UKR"})


def test_further_trigger_is_typed_on_its_own_clause(coder: Any) -> None:
    """"thanked the allies for their support and *urged* the EU to ...": the appeal is typed on its clause,
    not on a word window full of the thanks."""
    text = (
        "The Dutch foreign minister thanked the allies for their support and urged the European Union "
        "to consider further sanctions against Belarus."
    )
    events = coder(text)
    assert _parties(_one(events, "SUPPORT"))[0] == {"NLD"}
    assert _parties(_one(events, "REQUEST")) == ({"NLD"}, {"EU"})


@pytest.mark.parametrize(
    ("text", "event_type", "recipient"),
    [
        # a verb coordinated with a call shares its party: "spoke with X ... and proposed that ..."
        (
            "Germany's chancellor spoke with the French president by telephone on Monday and proposed "
            "that the two leaders meet in Strasbourg next month.",
            "AGREE",
            "FRA",
        ),
        # a purpose clause addresses the object of the verb it hangs on
        ("Poland called Lithuania on Friday to express support after the incident.", "SUPPORT", "LTU"),
    ],
)
def test_clause_without_a_party_takes_the_governing_verbs(coder: Any, text: str, event_type: str, recipient: str) -> None:
    assert _countries(_one(coder(text), event_type).recipient) == {recipient}


def test_build_up_near_an_unowned_border_faces_the_other_main_state(coder: Any) -> None:
    """"near the border" in a story about Russia and Ukraine: the deployment faces Ukraine; a move to the
    actor's own regions faces no one."""
    tail = " Moscow says it does not threaten Ukraine."
    near = coder(
        "Ukraine's army chief told lawmakers in Kyiv on Tuesday that Russia had assembled 28 battalion "
        "tactical groups near the border." + tail
    )
    assert _parties(_one(near, "MOBILIZE")) == ({"RUS"}, {"UKR"})
    home = coder(
        "Ukraine's army chief told lawmakers in Kyiv on Tuesday that Russia had moved two armies to its "
        "western regions for drills." + tail
    )
    assert _one(home, "MOBILIZE").recipient == ()


def test_attribution_phrase_names_the_source_not_a_party(coder: Any) -> None:
    """"According to the Pentagon, ...": the Pentagon reports the act, it does not do it; the giver of "provide
    X with Y" is the subject and the receiver the object before "with"."""
    event = _one(coder("According to the Pentagon, Ukraine has provided Washington with drone footage since 2022."), "AID")
    assert _parties(event) == ({"UKR"}, {"USA"})
    other = _one(coder("According to the Pentagon, Washington has provided Ukraine with drone footage since 2022."), "AID")
    assert _parties(other) == ({"USA"}, {"UKR"})


def test_reported_clause_tells_its_own_event(coder: Any) -> None:
    """A clause reported by a verb of saying or disclosure is typed on its own words, whatever else the sentence
    says ("... and described Moscow's conduct as deeply concerning")."""
    massed = coder(
        "He said Russia had massed troops near Ukraine on a scale not seen since 2014 and described Moscow's "
        "conduct as deeply concerning.",
        published="2021-04-13",
    )
    assert _parties(_one(massed, "MOBILIZE")) == ({"RUS"}, {"UKR"})
    sent = coder(
        "It also emerged that Washington had sent Ukraine ATACMS missiles with a range of up to 300 kilometres "
        "in secret in March.",
        published="2024-04-25",
    )
    event = _one(sent, "AID")
    assert _parties(event) == ({"USA"}, {"UKR"})
    assert (event.date, event.date_precision) == ("2024-03", "month")


def test_reported_past_perfect_act_is_not_dated_to_the_report(coder: Any) -> None:
    """"confirmed on Wednesday that Washington had secretly sent ...": the sending came before the report, so it
    takes the report's month, not its day; a tally "since 2014" is dated no finer than the report's month; a
    statement ("said on Wednesday that Kyiv had staged a provocation") is made on the reporting day."""
    sent = _one(
        coder("Officials confirmed on Wednesday that Washington had secretly sent Kyiv long-range missiles.",
              published="2024-04-25"),
        "AID",
    )
    assert (sent.date, sent.date_precision) == ("2024-04", "month")
    tally = _one(
        coder("The ministry noted that Warsaw had provided Ukraine with more than 300 tanks since 2022.",
              published="2024-04-25"),
        "AID",
    )
    assert (tally.date, tally.date_precision) == ("2024-04", "month")
    said = _one(coder("Putin said on Wednesday that Kyiv had staged a large-scale provocation.",
                      published="2024-04-25"), "ACCUSE")
    assert (said.date, said.date_precision) == ("2024-04-24", "day")


def test_dates_of_other_things_do_not_date_the_event(coder: Any) -> None:
    """A year naming a thing ("the 2020 presidential election") or a date in a relative clause ("which Moscow
    annexed in 2014") dates that thing, not the event."""
    accused = _one(
        coder("On Thursday the United States expelled ten Russian diplomats, accusing Moscow of meddling in the "
              "2020 presidential election.", published="2021-04-16"),
        "ACCUSE",
    )
    assert (accused.date, accused.date_precision) == ("2021-04-15", "day")
    drills = _one(
        coder("The Russian military has held a series of snap drills in recent weeks, including in Crimea, which "
              "Moscow annexed from Ukraine in 2014.", published="2021-04-13"),
        "MOBILIZE",
    )
    assert drills.date != "2014"


def test_name_misread_as_a_place_is_still_the_person(coder: Any) -> None:
    """The reading may label a lone surname in object position as a place ("urged *Biden* to"): the knowledge
    base still knows the person."""
    assert _parties(_one(coder("Putin urged Biden to de-escalate."), "REQUEST")) == ({"RUS"}, {"USA"})


def test_news_conference_is_a_meeting_only_when_held_jointly(coder: Any) -> None:
    """"told a news conference with the two secretaries": a speaker's audience, not a meeting between parties;
    a joint news conference is one."""
    alone = coder("The NATO chief told a news conference with the two American secretaries that the allies "
                  "would leave Afghanistan together.", published="2021-04-14")
    assert not [e for e in alone if e.type == "CONSULT"], [(e.type, e.span) for e in alone]
    joint = coder("Lavrov told a news conference in Moscow, held jointly with his Serbian counterpart, that the "
                  "expulsions were a mirror response.", published="2021-04-16")
    assert _one(joint, "CONSULT").recipient


def test_participle_after_a_comma_is_the_subjects_act(coder: Any) -> None:
    """"expelled ten Russian diplomats, accusing Moscow of ...": the expeller accuses, not the diplomats."""
    events = coder("On Thursday the United States expelled ten Russian diplomats, accusing Moscow of meddling in "
                   "the 2020 presidential election.", published="2021-04-16")
    assert _parties(_one(events, "ACCUSE")) == ({"USA"}, {"RUS"})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "type_f1", "actor", "recipient"),
    [("blind_reading", 0.773, 0.855, 0.78), ("blind_reading2", 0.709, 0.875, 0.71)],
)
def test_blind_set_scores(name: str, type_f1: float, actor: float, recipient: float, event_model_dir: Path) -> None:
    """Floors on the two blind sets developed on (task E10 measured type F1 0.576 / 0.607, actor country 0.747 /
    0.772, recipient country 0.571 / 0.641; with the fast_vectors reading model, task E11: 0.561 / 0.601,
    0.719 / 0.758, 0.539 / 0.670 -- blind 1 lost parties on dateline-led sentences the new parse reads
    differently; task E13 repaired those and measured 0.561 / 0.601, 0.764 / 0.758, 0.573 / 0.692; with the retrained type model of task E12, session 8: 0.568 / 0.604, 0.756 / 0.756,
    0.581 / 0.689 -- the newly found events carry some wrong actors; task E15, implied recipients, pronoun
    subjects, arrests by no named agent, meetings named as occasions: 0.568 / 0.604, 0.791 / 0.822, 0.628 /
    0.700; task E14, separate acts and "struck": 0.581 / 0.609, 0.795 / 0.824, 0.625 / 0.703; task A3, appositions,
    "without" phrases and agents of other verbs: 0.581 / 0.609, 0.807 / 0.846, 0.682 / 0.714; with task T1's
    trigger phrases and sentences: 0.677 / 0.658, 0.796 / 0.821, 0.667 / 0.632 -- country accuracy is over
    correctly typed events, and the newly typed ones carry harder parties; task D3, interceptions, "would not"
    refusals, dropped subjects, trigger phrases: 0.692 / 0.669, 0.820 / 0.830, 0.703 / 0.632; task D5, second acts
    in lists and clauses opened by "and", "build up": 0.715 / 0.684, 0.816 / 0.840, 0.728 / 0.670; after session 13:
    0.715 / 0.684, 0.833 / 0.849, 0.737 / 0.670; task D6, retold raids and backing, warnings that report a fact,
    pressed attacks, quoted names: 0.730 / 0.684, 0.835 / 0.849, 0.739 / 0.670; task D7, acts to come, offers,
    pledged backing, names, request matters, past acts: 0.753 / 0.688, 0.832 / 0.851, 0.731 / 0.682 -- unchanged on
    the events typed right before and after, the newly typed ones carry parties the coder had wrong already; after
    session 14: 0.753 / 0.688, 0.866 / 0.878, 0.790 / 0.710; task D8, coordinated acts and clauses of a coordinated
    saying verb: 0.761 / 0.701, 0.860 / 0.882, 0.785 / 0.718 -- the newly found "would meet again" carries one side
    only); D8 + D9 merged, and task D10 (consultations, staying forces; unchanged on both): 0.776 / 0.712, 0.860 /
    0.882, 0.785 / 0.718; blind set 3
    stays held out and is not tested here."""
    from sitrep.eval.events_gold import score_examples

    base = Path(__file__).resolve().parents[1] / "data" / name
    if not (base / "truth" / "events.jsonl").is_file():
        pytest.skip(f"{base} is missing")
    overall = score_examples(base, model=event_model_dir)["all"]
    assert overall["type"]["f1"] >= type_f1
    assert overall["actor_country_accuracy"] >= actor
    assert overall["recipient_country_accuracy"] >= recipient


def test_blank_line_subject_is_not_the_subject(coder: Any) -> None:
    """The parser may hang a paragraph's blank line on the first verb as its subject, with the real name as
    its part: the name is still the subject."""
    events = coder("KYIV, April 2 (Test Wire) - Fighting went on in the east.\n\nZelensky thanked Biden for the new "
                   "package of aid.")
    assert _parties(_one(events, "SUPPORT")) == ({"UKR"}, {"USA"})


def test_receiving_end_puts_the_giver_first(coder: Any) -> None:
    """"took a call from X", "received weapons from X": X does the act; a received delegation is the host's."""
    call = _one(coder("Zelensky took a call from Joe Biden on Monday."), "CONSULT")
    assert _parties(call) == ({"USA"}, {"UKR"})
    other = _one(coder("Chancellor Scholz received a call from Vladimir Putin on Friday."), "CONSULT")
    assert _parties(other) == ({"RUS"}, {"DEU"})
    aid = _one(coder("Ukraine received a further batch of weapons from the United States."), "AID")
    assert _parties(aid) == ({"USA"}, {"UKR"})
    hosted = _one(coder("Putin received a delegation from China in the Kremlin."), "CONSULT")
    assert _countries(hosted.actor) == {"RUS"}


def test_passive_and_welcoming_hosts(coder: Any) -> None:
    """"X was hosted/met by Y": Y is the actor; "Y welcomed the A and B delegations": both are recipients."""
    assert _parties(_one(coder("Lavrov was hosted by Chinese Foreign Minister Wang Yi in Beijing on Monday."),
                         "CONSULT")) == ({"CHN"}, {"RUS"})
    assert _parties(_one(coder("Kuleba was met by Polish President Andrzej Duda at the airport."),
                         "CONSULT")) == ({"POL"}, {"UKR"})
    welcomed = coder("Turkish President Tayyip Erdogan welcomed the Russian and Ukrainian delegations in Istanbul.")
    assert any(_countries(e.recipient) == {"RUS", "UKR"} and _countries(e.actor) == {"TUR"} for e in welcomed)


def test_proxy_groups_are_coded_where_they_operate(coder: Any) -> None:
    """"Russia-backed separatists" are rebels of the state they fight in, "Iran-backed Houthis" the Houthis,
    "the U.S.-led coalition" a multinational force; the backer is never a party."""
    shelled = _one(coder("Russia-backed separatists shelled Ukrainian positions near Donetsk on Monday."), "ASSAULT")
    assert [(a.country, a.sector) for a in shelled.actor] == [("UKR", "REB")]
    fired = _one(coder("Iran-backed Houthis fired a missile at a cargo ship in the Red Sea."), "ASSAULT")
    assert [(a.country, a.sector) for a in fired.actor] == [("YEM", "REB")]
    blamed = _one(coder("Kyiv blamed the attack on Russian-backed forces."), "ACCUSE")
    assert [(a.country, a.sector) for a in blamed.recipient] == [("UKR", "REB")]
    coalition = coder("The U.S.-led coalition struck targets in Syria.")
    assert coalition and all(a.country == "IGO" for e in coalition for a in e.actor)


def test_find_proxies_keeps_led_initiatives_to_their_leader() -> None:
    from sitrep.events.proxies import find_proxies, proxy_actor
    from sitrep.kb import load_kb

    kb = load_kb()
    found = find_proxies("Moscow-backed separatist authorities said the U.S.-led coalition had left.", kb=kb)
    assert [(p.phrase, p.backer, p.group) for p in found] == [
        ("Moscow-backed separatist authorities", "RUS", "authorities"),
        ("U.S.-led coalition", "USA", "coalition"),
    ]
    assert proxy_actor(found[0], operates_in="RUS") is None  # never the backer's country
    assert not find_proxies("He praised a Czech-led initiative to buy shells.", kb=kb)


def test_naming_verbs(coder: Any) -> None:
    """"called X a war criminal" accuses X; "called X a brave leader" is no phone call; a word of the name
    ("a declaration of *war*") is no event of its own."""
    assert _parties(_one(coder("Zelensky called Putin a war criminal on Friday."), "ACCUSE")) == ({"UKR"}, {"RUS"})
    praised = coder("Biden called Zelensky a brave leader.")
    assert not [e for e in praised if e.type == "CONSULT"], [(e.type, e.span) for e in praised]
    named = coder("Zelensky called the Kremlin's plan a declaration of war.")
    assert [e.type for e in named] == ["ACCUSE"] and _countries(named[0].recipient) == {"RUS"}
    branded = _one(coder("The Kremlin branded the Ukrainian government a terrorist regime."), "ACCUSE")
    assert _parties(branded) == ({"RUS"}, {"UKR"})
    call = _one(coder("Biden called Putin on Tuesday to discuss the buildup."), "CONSULT")
    assert _parties(call) == ({"USA"}, {"RUS"})


def test_noun_modifier_triggers_are_no_events(coder: Any) -> None:
    """"the talks' agenda", "attack helicopters": a trigger noun qualifying a noun that names no event."""
    assert not coder("Diplomats published the talks' agenda on Monday.")
    moved = coder("Russia moved attack helicopters to Crimea on Monday.")
    assert [e.type for e in moved] == ["MOBILIZE"]


def test_attacked_or_seized_place_gives_the_recipient(coder: Any) -> None:
    """An attack on, or a seizure of, a place targets the state the place belongs to."""
    assault = _one(coder("Russian forces began their assault on Avdiivka in October."), "ASSAULT")
    assert _parties(assault) == ({"RUS"}, {"UKR"})
    seized = _one(coder("Crimea, which Russia seized in 2014, remains under occupation."), "COERCE")
    assert _parties(seized) == ({"RUS"}, {"UKR"})
    detained = _one(coder("Police in Yerevan detained dozens of people on Wednesday."), "COERCE")
    assert _parties(detained) == ({"ARM"}, {"ARM"})  # unnamed people of no other state: the actor's own
    abroad = _one(coder("Russian forces detained two Ukrainian journalists in Kherson."), "COERCE")
    assert _parties(abroad) == ({"RUS"}, {"UKR"})


def test_coordinated_and_pronoun_recipients(coder: Any) -> None:
    """Every coordinated party is a recipient ("both Baku and Yerevan", "America and Britain"); "him" is the
    person named before who is not the actor."""
    contact = _one(coder("Moscow said it was in contact with both Baku and Yerevan."), "CONSULT")
    assert _countries(contact.recipient) == {"AZE", "ARM"}
    warned = _one(coder("A Houthi official warned that America and Britain would pay a heavy price."), "THREATEN")
    assert _countries(warned.recipient) == {"USA", "GBR"}
    case = coder("Yevgeny Prigozhin, the founder of the Wagner group, led his fighters towards Moscow. The FSB "
                 "security service opened a criminal case against him.")
    assert [a.name for e in case if e.type == "ACCUSE" for a in e.recipient] == ["Yevgeny Prigozhin"]


def test_unknown_titled_people_take_their_article_role(coder: Any) -> None:
    """A person the knowledge base does not know is coded by the title the article gives him, also when named
    later by surname or by the title alone; a state in his title is no party of its own."""
    events = coder("Sudan's army chief Abdel Fattah al-Burhan met Egyptian President Abdel Fattah al-Sisi in Cairo "
                   "on Monday. Burhan later accused the Rapid Support Forces of attacking civilians. The army chief "
                   "also rejected a ceasefire proposal.")
    for event_type in ("CONSULT", "ACCUSE", "REJECT"):
        assert [(a.country, a.sector) for a in _one(events, event_type).actor] == [("SDN", "MIL")]
    assert not _one(events, "ACCUSE").future  # "later" in a past sentence
    expelled = _one(coder("Colonel Assimi Goita, Mali's interim president, expelled the French ambassador."),
                    "SANCTION")
    assert [a.name for a in expelled.actor] == ["Assimi Goita"] and _countries(expelled.recipient) == {"FRA"}


def test_dateline_is_no_party_and_its_subject_acts(coder: Any) -> None:
    """"CITY, Month D (Outlet) - ...": the filing place and the outlet are never parties, however the parser
    hangs them on the verb; the first party after the dash acts, and "its" in the sentence stands for it."""
    fired = _one(coder("HELSINKI, March 3 (Test Wire) - Russia fired missiles at a fuel depot in eastern Finland on "
                       "Sunday, officials said.", published="2024-03-03"), "ASSAULT")
    assert _parties(fired) == ({"RUS"}, {"FIN"})
    fought = _one(coder("TBILISI, Sept 9 (Test Wire) - Azerbaijani forces fought inside Armenia's Syunik province on "
                        "Tuesday.", published="2024-09-09"), "ASSAULT")
    assert _parties(fought) == ({"AZE"}, {"ARM"})
    struck = _one(coder("IZMAIL, May 2 (Test Wire) - Russia walked out of the talks on Tuesday, and hours later its "
                        "drones struck the port of Odesa.", published="2024-05-02"), "ASSAULT")
    assert _parties(struck) == ({"RUS"}, {"UKR"})


def test_pejorative_noun_for_an_act_accuses_its_owner(coder: Any) -> None:
    """"concern about Russian aggression", "said Warsaw had staged a provocation", "believed X was a killer":
    the owner of the act is accused, by the party above it that speaks or acts."""
    cases = [
        ("Macron said France stood with Moldova against Russian aggression.", {"FRA"}, {"RUS"}),
        ("Macron voiced concern on Friday about Russian aggression in Moldova.", {"FRA"}, {"RUS"}),
        ("Lukashenko said Warsaw had staged a provocation at the border.", {"BLR"}, {"POL"}),
        ("Scholz said in an interview that he believed Lukashenko was a killer.", {"DEU"}, {"BLR"}),
        ("Kuleba said Russia's aggression was the source of the crisis.", {"UKR"}, {"RUS"}),
    ]
    for text, actor, recipient in cases:
        assert _parties(_one(coder(text, published="2024-05-01"), "ACCUSE")) == (actor, recipient), text


def test_document_acts_for_its_signer(coder: Any) -> None:
    """"signed a decree that expelled ... and sanctioned ...": the signer acts, not the expelled."""
    events = coder("Macron signed a decree that expelled four Iranian diplomats and sanctioned six Iranian officials.",
                   published="2024-05-01")
    assert _parties(_one(events, "SANCTION")) == ({"FRA"}, {"IRN"})


def test_shared_subject_of_a_state_and_a_demand_acts(coder: Any) -> None:
    """"ministers of the EU said they were alarmed ... and called on Moscow to ...": "they" are the EU's
    ministers, and they make the demand (not passive because the first verb was)."""
    events = coder("Ministers of the European Union said in a statement that they were alarmed by the Russian "
                   "buildup, and called on Moscow to withdraw its forces.", published="2024-05-01")
    assert _parties(_one(events, "REQUEST")) == ({"EU"}, {"RUS"})


def test_currency_sign_stays_with_its_amount(coder: Any) -> None:
    """Cutting a sentence between two events never separates "$" from its amount."""
    events = coder("Biden on Wednesday signed the $40 billion security package, which includes nearly $12 billion "
                   "for Israel.", published="2024-05-01")
    money = [e.quantities["money"]["amount"] for e in events if "money" in e.quantities]
    assert money and money[0] == 40_000_000_000


def test_places_added_to_the_gazetteer_locate_events(coder: Any) -> None:
    """Sudzha (Russia's Kursk oblast) is a Russian place even while Ukrainian troops fight there."""
    shelled = _one(coder("Ukrainian troops shelled Russian positions near Sudzha on Monday.", published="2024-08-14"),
                   "ASSAULT")
    assert shelled.location is not None and (shelled.location.name, shelled.location.country) == ("Sudzha", "RUS")
    assert _parties(shelled) == ({"UKR"}, {"RUS"})


def test_a_parse_break_after_a_comma_starts_no_new_sentence() -> None:
    """The parser can make a name after a comma a second root ("spoke with his counterpart, Minister *Anna*
    Berg, and pledged ..."): the list's verb still belongs to the sentence of "spoke"."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitrep.events.coder.syntax import whole_sentence_root

    words = ["Lund", "spoke", "with", "his", "counterpart", ",", "Minister", "Anna", "Berg", ",", "and", "pledged",
             "help", "."]
    heads = [1, 1, 4, 4, 1, 7, 7, 7, 7, 11, 11, 7, 11, 7]
    deps = ["nsubj", "ROOT", "case", "nmod:poss", "obl", "punct", "compound", "ROOT", "flat", "punct", "cc", "conj",
            "obj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PRON", "NOUN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT", "CCONJ", "VERB",
           "NOUN", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert doc[11].sent.root.text == "Anna"  # the parse's own second sentence
    assert whole_sentence_root(doc[11]).text == "spoke"
    assert whole_sentence_root(doc[1]).text == "spoke"
    two = Doc(Vocab(), words=["Lund", "left", ".", "Berg", "stayed", "."], heads=[1, 1, 1, 4, 4, 4],
              deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"])
    assert whole_sentence_root(two[4]).text == "stayed"  # a real sentence end is kept


def test_own_side_in_the_object_is_no_recipient(coder: Any) -> None:
    """An object naming only the actor's own state ("*Warsaw's* backing for Lithuania's sovereignty") is passed
    over for the next party in the phrase (task E15)."""
    events = coder("Polish President Andrzej Duda restated Warsaw's backing for Lithuania's sovereignty on Monday.")
    assert _parties(_one(events, "SUPPORT")) == ({"POL"}, {"LTU"})


def test_the_country_stands_for_the_state_named_before(coder: Any) -> None:
    text = (
        "Austin condemned the shelling of villages in eastern Ukraine and restated U.S. support for the "
        "country's territorial integrity."
    )
    assert _parties(_one(coder(text), "SUPPORT")) == ({"USA"}, {"UKR"})


def test_recipient_implied_by_an_earlier_act_of_the_same_kind(coder: Any) -> None:
    """A coordinated act that names no recipient addresses the one the same party's earlier conflictual act in
    the sentence named; a cooperative act never takes the target of a conflictual one (task E15)."""
    threat = _one(coder("Russia condemned the Polish decision and warned of a harsh response."), "THREATEN")
    assert _parties(threat) == ({"RUS"}, {"POL"})
    text = "Ankara condemned the Greek drills near Rhodes and reserved the right to respond."
    assert _parties(_one(coder(text), "THREATEN")) == ({"TUR"}, {"GRC"})


def test_rejection_answers_the_accuser_of_the_sentence_before(coder: Any) -> None:
    text = "Russia accused Finland on Monday of preparing for war. The Finnish government rejected the claim as baseless."
    assert _parties(_one(coder(text), "REJECT")) == ({"FIN"}, {"RUS"})


def test_sentence_opening_it_stands_for_the_state_last_a_subject(coder: Any) -> None:
    text = "China sent warships toward Taiwan in April. It staged fresh drills near the island in August."
    drills = [e for e in coder(text) if e.span == "drills"]
    assert drills and _countries(drills[0].actor) == {"CHN"}


def test_he_after_a_paragraph_break_is_the_person_named_before(coder: Any) -> None:
    text = (
        "Iran's army chief, Major General Abdolrahim Mousavi, spoke on state television on Sunday.\n\n"
        "He warned Israel against any retaliation."
    )
    assert _parties(_one(coder(text), "THREATEN")) == ({"IRN"}, {"ISR"})


def test_arrest_by_no_named_agent_is_the_state_where_it_happened(coder: Any) -> None:
    event = _one(coder("Opposition leader Ilya Yashin was arrested in Moscow on Tuesday."), "COERCE")
    assert _parties(event) == ({"RUS"}, {"RUS"})


def test_meeting_named_as_the_occasion_is_held_by_the_main_subject(coder: Any) -> None:
    text = "After a video call with NATO leaders on Friday, Biden announced new sanctions on Moscow."
    assert _parties(_one(coder(text), "CONSULT")) == ({"USA"}, {"NATO"})
    assert _parties(_one(coder(text), "SANCTION")) == ({"USA"}, {"RUS"})


def test_reciprocal_meeting_is_one_record_first_party_acting(coder: Any) -> None:
    """"X and Y met": one record, the first named party's state acts and the other's receives, as our gold
    codes it; a nationality word in the place phrase is no party ("in the *Turkish* resort")."""
    assert _parties(_one(coder("Biden and Putin met in Geneva on Wednesday."), "CONSULT")) == ({"USA"}, {"RUS"})
    text = "Sergei Lavrov and Dmytro Kuleba met in the Turkish resort of Antalya on Thursday."
    assert _parties(_one(coder(text), "CONSULT")) == ({"RUS"}, {"UKR"})


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        # the supplier's own goods name it; their "to" phrase is the recipient, however the parser attached it
        ("Berlin warned of risks linked to the steady supply of British missiles to the Ukrainian forces.", "AID",
         "GBR", "UKR"),
        # a backer (the subject) gives; the possessor of "backers" receives
        ("France is one of Ukraine's most loyal backers, contributing billions of euros worth of aid.", "AID",
         "FRA", "UKR"),
        # "its" in "V X for its N" is X's
        ("Moscow rebuked Washington for its steady backing of Kyiv's army.", "SUPPORT", "USA", "UKR"),
        # the agent of a noun event: "by X", and "from X" for a type whose noun names its author so
        ("Berlin criticised the expulsion of German diplomats by Russia.", "ACCUSE", "DEU", "RUS"),
        # a clause told to someone is the teller's warning to them
        ("On Tuesday Moscow told British warships to stay away from its coast.", "THREATEN", "RUS", "GBR"),
    ],
)
def test_parties_of_noun_events(coder: Any, text: str, event_type: str, actor: str, recipient: str) -> None:
    assert _parties(_one(coder(text), event_type)) == ({actor}, {recipient})


def test_agent_of_an_invasion_is_its_actor(coder: Any) -> None:
    """"in the event of an attack *by Russia*": Russia acts, and the party before the noun is no party of it."""
    attack = _one(coder("NATO pledged to defend Poland in the event of an attack by Russia."), "ASSAULT")
    assert _countries(attack.actor) == {"RUS"} and not _countries(attack.recipient) & {"RUS", "POL"}


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of villagers have been killed as a result of the Russian shelling.",
        "Four soldiers were killed in a Russian artillery strike near Bakhmut.",
    ],
)
def test_party_of_a_killing_s_cause_is_its_actor(coder: Any, text: str) -> None:
    killing = _one(coder(text), "ASSAULT")
    assert _countries(killing.actor) == {"RUS"} and "RUS" not in _countries(killing.recipient)


def test_subject_read_as_the_reporting_verb_s_object(coder: Any) -> None:
    """"Russia said a Ukrainian strike with a British missile ... killed three sailors": the strike kills."""
    events = coder("The Kremlin protested after Russia said a Ukrainian strike with a British missile near "
                   "Sevastopol killed three sailors.")
    killing = _one(events, "ASSAULT")
    assert _countries(killing.actor) == {"UKR"} and "GBR" not in _countries(killing.recipient)
    assert "RUS" not in _countries(_one(events, "PROTEST").recipient)  # the "after" clause is its context


def test_context_phrase_gives_no_party_to_the_main_event(coder: Any) -> None:
    """"held a phone call with Scholz *amid* a Russian troop buildup": the buildup is Russia's alone and the
    call's recipient is Scholz alone, even where the parser joins the two phrases."""
    events = coder("Biden held a phone call with Chancellor Olaf Scholz amid a Russian troop buildup along "
                   "the Ukrainian frontier.")
    assert _parties(_one(events, "CONSULT")) == ({"USA"}, {"DEU"})
    assert _countries(_one(events, "MOBILIZE").actor) == {"RUS"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Italy discussed the crisis with its NATO allies.", "allies"),  # a side named, no act of support
        ("Observers recorded dozens of ceasefire violations in the east over the weekend.", None),
    ],
)
def test_no_act_of_a_named_side_or_of_a_witness(coder: Any, text: str, word: str | None) -> None:
    events = coder(text)
    assert all(e.span != word for e in events)
    # the witness who records violations is not their actor
    assert all(not e.actor for e in events if e.type == "ASSAULT")


def test_city_naming_an_agreement_is_no_party(coder: Any) -> None:
    events = coder("Lavrov said Kyiv had failed to respect the Minsk agreements.")
    assert events and all("BLR" not in _countries(e.actor) | _countries(e.recipient) for e in events)
