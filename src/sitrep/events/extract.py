"""Code the events of one read article: type and mode, actors, date, place, figures, status.

For each sentence the event classifier (:mod:`sitrep.events.classify`) gives the PLOVER type, mode,
status and trigger word; further trigger-lexicon hits on other verbs of the sentence add more events
(a sentence often reports a call *and* a pledge). The parties come from the dependency parse around
the trigger: the actor is the subject side (``nsubj``, the ``by`` agent of a passive, the
possessor or nationality of a noun trigger — "Russia's buildup", "Russian troops"), the recipient
the object side (direct object, or the object of "against", "with", "to", "on", ...). Coordinated
parties ("Biden and Putin") are one record with several actors. Mentions are resolved through the
reading layers (:mod:`sitrep.events.actors`). The date is the date expression governing the trigger
if the sentence has one, else the article's news date with a lower confidence; the place is a
locative place mention geocoded offline (:mod:`sitrep.events.geo`); figures come from
:mod:`sitrep.events.quantities`.

Both dependency schemes are read: spaCy's ClearNLP labels (``dobj``, ``prep`` → ``pobj``, ``agent``) and
Universal Dependencies (``obj``, ``obl`` + ``case``, ``obl:agent``, ``nsubj:pass``), which the shipped
reading model uses. A subject pronoun stands for the last person named as a subject ("he") or the speaker
of the quote it is in ("we"). A noun trigger after "the"/"this" that is its clause's subject, when the
article already coded that type ("The call lasted an hour"), refers back and is not a new event; a verb
coordinated with the main trigger and having its own subject may add a second event of the same type;
one event is kept per sentence, type and parties (:func:`drop_restatements`). A further trigger is typed on
a word window around it and on its own clause (its predicate's subtree less the clauses coordinated with
it), the likelier reading winning. A clause that names no party of its own takes the object of the verb it
hangs on ("called *Kuleba* to express support", "spoke with *Putin* and proposed a summit"); a build-up
near an unowned border ("near the border") faces the other of the article's two most named states.

Reported speech: a clause reported by a verb of saying or disclosure (data: ``reporting_verbs``) is typed on
its own words too, so "He said *Russia had massed troops near Ukraine* ... and described ..." gets its event;
a party named in an attribution phrase ("According to the Pentagon, ...", data: ``attribution_cues``) is the
report's source, never the actor or recipient. Dates: a date naming a thing ("the 2020 election"), in another
relative clause ("which Moscow annexed in 2014") or after "since" does not date the event; a past-perfect
reported act of a material type with no time of its own ("confirmed on Wednesday that Washington *had sent*
...") happened before the report and takes the reporting day's month (precision ``month``), never the day,
while statements and states (``reported_state_types``) keep the reporting day; a past act timed only by "since
2014" is a tally up to the report, dated by the report's month. A news conference is a CONSULT only when the
sentence says it was held jointly (data: ``audience_events``, ``joint_markers``).

Who is who: an act told from its receiving end ("Zelensky *took a call from* Biden", "Kyiv received weapons
*from* Washington") has the party after "from" as actor (data: ``receive_verbs``); a passive's by-agent is the
actor ("Lavrov was hosted by Wang Yi"). A group named by its backer ("Russia-backed separatists", "Iran-backed
Houthis", "the U.S.-led coalition") is coded as the group where it operates, never as the backer
(:mod:`sitrep.events.proxies`). A verb of naming ("called Putin *a war criminal*") is an ACCUSE of its object
when the name is pejorative, a SUPPORT when it praises, and no call in any case; a trigger noun inside the name
or only qualifying a noun that names no event ("an *attack* helicopter", "the *talks'* agenda") is no event. An
attack or seizure aimed at a place ("their assault on Avdiivka", "Crimea, which Russia seized") targets the
place's state; one against unnamed people of no other state ("police detained dozens of people") the actor's
own. A blank line the parser hangs on a verb as its subject is ignored.

A story's opening dateline ("KYIV, Oct 10 (Wire) - ...") names where and by whom it was filed, never a party;
the parser often makes it the subject, and the first party after the dash then acts (and is what "its" of
that sentence stands for). A pejorative noun for an act ("voiced concern about *Russian aggression*", "said
Kyiv had staged a *provocation*", "believed Putin was a *killer*") accuses the act's owner, the accuser being
the first party above it that is a subject of its own. A document that acts ("signed an executive order that
*sanctioned* ...", data: ``issued_documents``) acts for whoever signed or issued it. A verb coordinated with
a passive state ("they were concerned ... and *called on* Moscow") shares its subject as an active one, and
"they" after "ministers of the G7" stands for the G7. Cutting a sentence's figures between its events never
separates a currency sign from its amount.

Detection and roles of task D3: a clause whose subject the parser joined to the verb before ("Blinken spoke with
Kuleba, and *Milley*, who chairs the Joint Chiefs, held calls with ...") is another party's act, with that subject
as its only actor; a subject noun qualified by coordinated country adjectives ("Israeli and Syrian negotiators
met") is one party of both sides, never split into actor and recipient; shooting down or intercepting drones or
missiles tells the incoming attack, by the weapons' owner (else the shooter's adversary) with no recipient, and
restates an air raid of that attacker the article has told already; a REJECT told only by "would not" needs a
counterpart; a trigger phrase heading its own clause ("and *proposed a* summit") and a type the model is sure of
with no trigger word (coded on the main verb: "*ordered* five Polish diplomats to leave") are events.

Detection rules of task D4: what a request or refusal asks for or refuses ("asked the allies to *impose* sanctions",
"called for his *release*") and a noun giving another act's motive ("in *retaliation* for", "in a show of
*solidarity*") are no acts of their own; a naming in a free relative ("in what it called the liberation of ...") is
an act only when the name is pejorative or praising; "called" with a party as its object and no name given is a
phone call ("Blinken also *called* Pashinyan"); a death told by "died" with no attack in the sentence, or a war's
toll ("fighting has claimed 13,000 lives"), is no attack.

Detection rules of task D5 (a second act in a sentence already coded): the last verb of a list the parse hung on a
verb above the list ("an order that expelled ..., sanctioned ..., and *barred* banks") is an act of its own; so is a
noun trigger in a clause "and" opens with a subject of its own ("..., and Pistorius announced a *package*"); a
possessive before the object of a verb performing it is the act's agent, no back reference ("affirmed *their*
support"); a noun the parse hangs on "worth" is no modifier ("a *package* worth 700 million euros"); the object of
"called" read as its complement is still named ("called *Lukashenko* a dictator").

Detection rules of task D6: an attack or a show of backing an earlier sentence told (same parties, day and status,
no other mode, no place of its own) is that event told again, not coded twice; a warning whose clause reports what is
done or is so ("warned that Russia *had put* 28 groups along the border") is no threat, and a verb of pressing whose
object names an attack ("forces *press* a new offensive") no request; a quoted name the parse reads as an oblique of
"called" is still the name given.

Type choices of task D7 (:mod:`sitrep.events.coder.type_choice`): an act told as still to come ("is due to host a
meeting", "said Paris would send missiles") is a promise (AGREE, CONCEDE), an invitation or proposal an offer, a
pledge of backing a SUPPORT, a word of a name given in a free relative ("what he called *threatening* NATO activity")
an accusation of the thing's party, the matter of a request no act even as the model's trigger, and an earlier act
named with its own time after "since"/"after" ("since the annexation of Crimea in 2014") a historical event.

This module runs the coder sentence by sentence; its parts, one task each, live in :mod:`sitrep.events.coder`
(candidates, trigger checks, parties, actors, recipients, dates, places, figures, separate acts, the parse
helpers and the rule files).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from sitrep.events.classify import EventClassifier, load_classifier
from sitrep.events.coder.adversaries import article_adversary
from sitrep.events.coder.blamed_acts import BLAMED_TYPE, blamed_act, struck_party
from sitrep.events.coder.candidates import CandidateFinder, is_fragment
from sitrep.events.coder.clauses import shared_subject_noun
from sitrep.events.coder.consultations import consulted_party, own_alliance
from sitrep.events.coder.context import ArticleContext
from sitrep.events.coder.dating import EventDater
from sitrep.events.coder.event_actors import ActorFinder
from sitrep.events.coder.figures import figure_segments
from sitrep.events.coder.forecasts import feared_act, forecast_reading
from sitrep.events.coder.indirect_roles import IndirectRoles
from sitrep.events.coder.options import CodingOptions
from sitrep.events.coder.parties import (
    VICTIM_SUBJECT_TYPES,
    EventFrame,
    PartyReader,
    not_actors,
    reciprocal_roles,
)
from sitrep.events.coder.places import EventPlacer
from sitrep.events.coder.predicates import predicate_of
from sitrep.events.coder.recipients import RecipientFinder
from sitrep.events.coder.refusals import interview_only, refused
from sitrep.events.coder.rules import CodingRules, ExtractRules, load_coding_rules, load_extract_rules
from sitrep.events.coder.separate_acts import (
    drop_restatements,
    restatement_key,
    retells_presupposed,
    retells_told,
    separate_party_events,
)
from sitrep.events.coder.syntax import (
    OBJECTS,
    PASSIVE_AUX,
    VERB_POS,
    agent_of,
    dropped_subject,
    misread_clause_verb,
    own_addressee,
    subject_of,
)
from sitrep.events.coder.trigger_checks import (
    TriggerChecks,
    call_object,
    motive_noun,
    party_call,
)
from sitrep.events.coder.type_choice import name_owners, target_state
from sitrep.events.quantities import quantities_for_type
from sitrep.events.record import Event, EventActor, event_id
from sitrep.events.sentences import split_sentences
from sitrep.model import Article
from sitrep.nlp.layers import Reading, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

    from sitrep.kb import KnowledgeBase

__all__ = [
    "CodingRules",
    "ExtractRules",
    "code_events",
    "drop_restatements",
    "load_coding_rules",
    "load_extract_rules",
    "restatement_key",
]

FALLBACK_CONFIDENCE = 0.8  # an event dated only by the article's news day keeps this share of its confidence


class _ArticleCoder:
    """Codes one article sentence by sentence: the candidate events of each sentence, then for each its parties,
    date, place, figures and status, through the parts of :mod:`sitrep.events.coder` sharing one
    :class:`~sitrep.events.coder.context.ArticleContext`."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.finder = CandidateFinder(ctx)
        self.checks = TriggerChecks(ctx)
        self.parties = PartyReader(ctx)
        self.indirect = IndirectRoles(ctx, self.parties)
        self.actor_finder = ActorFinder(ctx, self.parties)
        self.recipient_finder = RecipientFinder(ctx, self.parties)
        self.dater = EventDater(ctx)
        self.placer = EventPlacer(ctx)

    def code_sentence(self, sentence: Sentence) -> list[Event]:
        """The events of one sentence (sentences are coded in text order: later ones refer back to earlier ones)."""
        self.ctx.current_sentence = sentence
        text = self.ctx.article.text[sentence.start : sentence.end]
        events: list[Event] = []
        dated_before: list[tuple[str | None, str | None]] = []  # dates of the sentence's events dated by their own clause
        retold: list[Event] = []  # the sentence's events that retell one told before (not coded again)
        candidates = self.finder.candidates(text, offset=sentence.start)
        segments = figure_segments(self.ctx, sentence, candidates)
        for cand in candidates:
            if self.opts.skip_back_references and not cand.past and self.checks.refers_back(text, cand, offset=sentence.start):
                continue
            if self.opts.skip_audiences and self.checks.audience_only(text, cand):
                continue
            if cand.end > cand.start:
                trig_start, trig_end = sentence.start + cand.start, sentence.start + cand.end
                trigger = self.ctx.content_token(trig_start, trig_end)
            else:
                trigger = self.ctx.first_verb(sentence)
                trig_start, trig_end = trigger.idx, trigger.idx + len(trigger.text)
            if self.opts.skip_noun_modifiers and (self.checks.modifier_trigger(trigger, cand) or self.checks.in_name(trigger, cand.type)):
                continue
            if self.opts.skip_descriptions and (self.checks.descriptive_trigger(trigger, cand) or self.checks.participant_subject(trigger, cand)):
                continue
            if self.opts.precision_refusals and refused(trigger, cand.type):
                continue  # "*Speaking* at the range, he said", "includes ... *shells*", "*de-escalation* would matter"
            if self.opts.forecasts and feared_act(trigger):
                continue  # "warned that Russia might *blow up* the dam": a feared act, none told (task D11)
            one_word = cand.end - cand.start <= len(trigger.text)
            if self.opts.motive_nouns and one_word and motive_noun(trigger, rules=self.ctx.coding_rules.detection):
                continue  # "in *retaliation* for sanctions", "in a show of *solidarity*": the motive of another act
            if self.opts.backers and trigger.lower_ in self.ctx.rules.backer_nouns and cand.end - cand.start <= len(trigger.text):
                continue  # "talks with NATO *allies*", "one of Ukraine's *backers*": a side named, no act
            predicate = predicate_of(trigger)
            naming = self.checks.naming(predicate) if self.opts.namings else None
            name_words = False  # "what he called *threatening* NATO activity": the trigger is a word of the name
            if naming is None and self.opts.free_relative_names and trigger.i == predicate.i:
                naming = self.checks.free_relative_name(predicate)
                if naming == "":
                    continue  # "in what it called the liberation of the region": the name, no act of the naming
                name_words = bool(naming) and self.opts.name_participles and self.checks.name_participle(predicate)
            if naming == "" and cand.type == "CONSULT":
                continue  # "called Zelensky a brave leader" names him; it is no call
            figures = segments[id(cand)]
            if (
                self.opts.phone_calls
                and cand.type != "CONSULT"
                and naming is None
                and trigger.i == predicate.i
                and party_call(predicate, rules=self.ctx.coding_rules.detection, naming_verbs=self.ctx.coding_rules.naming_verbs)
            ):
                # "the chancellor *called* the Polish prime minister on Friday": a phone call, not "called the ... X"
                if cand.status.future and not cand.status.negated:
                    cand = replace(cand, type=self.ctx.clf.ontology.future_type("CONSULT"), mode=None)
                else:
                    cand = replace(cand, type="CONSULT", mode="phone")
            if naming and naming != cand.type:  # "called Putin a war criminal": an accusation
                cand = replace(cand, type=naming, mode=self.ctx.coding_rules.naming_modes.get(naming))
            date, precision, dated = self.dater.date_for(sentence, predicate, cand)
            if not dated and dated_before and self.opts.dropped_subjects and dropped_subject(predicate) is not None:
                # "On Wednesday, Blinken spoke with Kuleba, and Milley, who ..., held calls": the clause the parser
                # mangled shares the time of the clause before it
                date, precision, dated = (*dated_before[-1], True)
            judged = self.indirect.judgement(trigger, cand.type, date) if self.opts.judgements and not name_words else None
            if judged is None and self.opts.judgements:
                judged = self.indirect.pejorative_act(trigger, cand.type, date)
            if judged is None and self.opts.received_acts:
                verb = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in VERB_POS), predicate)
                judged = self.indirect.received(verb, cand.type, date)
            intercepted = False  # "air defences shot down 20 drones": the incoming attack, by the drones' owner
            if judged is None and self.opts.interceptions:
                judged = self.indirect.intercepted(predicate, cand.type, date)
                intercepted = judged is not None
                if intercepted:
                    cand = replace(cand, mode=self.indirect.raid_mode(predicate))
                if intercepted and judged is not None and self._restated_raid(judged[0], [*events, *retold]):
                    continue  # "it had shot down most of the missiles": the raid the article has told already
            caused = False  # the actor is the party of the killing's cause ("as a result of the Russian shelling")
            if judged is not None:
                actors, recipients, used = judged
                used_r = set(used)
            else:
                frame = EventFrame(trigger, predicate, sentence, cand.type, date)
                if cand.past and trigger.pos_ != "VERB" and trigger.dep_ not in OBJECTS:
                    # "the largest since the annexation of Crimea": the act's own party, never the clause's subject
                    used = set()
                    actors = self.parties.noun_modifier_actors(trigger, cand.type, date, used)
                else:
                    actors, used = self.actor_finder.actors_for(frame)
                if not actors and self.opts.cause_phrases and cand.type in VICTIM_SUBJECT_TYPES:
                    actors = self.actor_finder.cause_actors(predicate, cand.type, date, used)
                    caused = bool(actors)
                if self.opts.dropped_subjects and actors:
                    actors = self._dropped_subject_actors(predicate, actors, cand.type, date)
                recipients, used_r = self.recipient_finder.recipients_for(frame, exclude=used, actors=actors)
            if name_words:
                # the party whose act is named ("what he called threatening *NATO* activity") is the one accused
                recipients = not_actors(name_owners(self.parties, predicate, cand.type, date, used), actors) or recipients
            act = blamed_act(self.ctx, trigger) if self.opts.blamed_acts and cand.type == "ACCUSE" else None
            if act is not None:  # "the deaths of four soldiers, which Kyiv has blamed on Russia-backed forces": the attack
                struck = struck_party(act)
                actors, recipients = recipients, [] if struck is None else self.parties.phrase_actors(struck, BLAMED_TYPE, date, set())
                cand = replace(cand, type=BLAMED_TYPE, mode=None, status=replace(cand.status, claim=True))
                trigger, trig_start, trig_end = act, act.idx, act.idx + len(act.text)
            passive = any(c.dep_ in PASSIVE_AUX for c in predicate.children) and agent_of(predicate) is None
            if (
                judged is None
                and passive
                and self.opts.passive_undergoers
                and cand.type in VICTIM_SUBJECT_TYPES
                and not recipients
                and subject_of(predicate) is None
            ):
                # "..., Deputy Defence Minister Timur Ivanov, *was arrested*" parsed with no subject: the party
                # named before the passive verb undergoes the act; it does not do it
                actors, recipients, used_r = [], actors, used_r | used
            clause_head = predicate.head if misread_clause_verb(predicate) else predicate
            location = self.placer.location_for(
                sentence, exclude=used | used_r, predicate=clause_head, trigger=trigger, event_type=cand.type
            )
            if cand.past:
                # "since the annexation of *Crimea*": an earlier act is where it was aimed, not where the sentence is
                location = self.recipient_finder.target_place(trigger, predicate)
            if cand.type in self.ctx.coding_rules.border_types:
                recipients = self.recipient_finder.border_owner(sentence, actors) or recipients or self.recipient_finder.facing(location, actors)
            if (
                not recipients
                and self.opts.counterparts
                and cand.type in self.ctx.coding_rules.counterpart_types
                and self.ctx.coding_rules.counterpart_cue.search(text)
            ):
                recipients = self.recipient_finder.counterpart(actors)
            if cand.type in self.ctx.coding_rules.distinct_types:
                recipients = not_actors(recipients, actors, state=self.ctx.coding_rules.state_sectors)
            if cand.type in self.ctx.coding_rules.place_target_types and not not_actors(recipients, actors):
                # an attack on, or a seizure of, a place: its state is the target ("seized the Chernobyl site",
                # "their assault on Avdiivka", "struck targets near Kyiv")
                target = self.recipient_finder.target_place(trigger, predicate)
                recipients = (
                    self.recipient_finder.facing(target, actors)
                    or self.recipient_finder.facing(location, actors)
                    or not_actors(recipients, actors)
                    or ([] if caused else self.recipient_finder.own_people(predicate, actors, location))
                )
            if (
                not recipients
                and cand.type in self.ctx.coding_rules.reciprocal_types
                and self.opts.reciprocal_split
                and not (self.opts.shared_subjects and shared_subject_noun(predicate))
            ):
                # "Lavrov and Kuleba met": the first acts, the other receives; "Israeli and Syrian negotiators met":
                # one party of both sides, who act together
                actors, recipients = reciprocal_roles(actors)
            if not actors and recipients and passive and self.opts.passive_undergoers and self.recipient_finder.custody(trigger, cand.type):
                actors = self.recipient_finder.custodian(location, recipients)
            if (
                not recipients
                and actors
                and self.opts.context_recipients
                and cand.type in self.ctx.coding_rules.context_types
                and not own_addressee(predicate, rules=self.ctx.rules)
            ):
                recipients = self.recipient_finder.context_recipients(cand.type, actors, events)
            if cand.past and not actors:
                actors, recipients = self._past_parties(EventFrame(trigger, predicate, sentence, cand.type, date), recipients)
            if cand.past and actors and not recipients:
                recipients = not_actors(article_adversary(self.ctx, actors), actors)  # the invaded: the adversary
            if cand.past and location is None:
                location = target_state(self.ctx.resolver.kb, recipients)  # "since the full-scale invasion began": in Ukraine
            if intercepted:
                recipients = []  # the defender names no target of its own: the gold's rule for interceptions
            forecast = None if not (self.opts.forecasts and cand.type == "THREATEN") else forecast_reading(
                trigger,
                actors=actors,
                parties_of=partial(self.parties.phrase_actors, event_type="ACCUSE", date=date, used=set(used)),
                names_act=self.ctx.names_act,
            )
            if forecast is not None and not forecast[0]:
                continue  # "warned that a miscalculation could escalate": a forecast, no threat (task D11)
            if forecast is not None:  # "warned that Russia might blow up the dam": fear of its act voiced
                cand, recipients = replace(cand, type=forecast[0], mode=None), forecast[1]
            span = " ".join(self.ctx.article.text[trig_start:trig_end].lower().split())
            if (
                self.opts.counterpart_refusals
                and cand.type == "REJECT"
                and not recipients
                and span in self.ctx.coding_rules.detection.modal_refusals
            ):
                continue  # "Ukraine would not relax its defence": its own course, no refusal of anyone's demand
            if not recipients and cand.type == "CONSULT" and self.opts.phone_calls and trigger.i == predicate.i:
                # "also called Blinken", read as a name given: the party called is the one named
                called = call_object(
                    predicate, rules=self.ctx.coding_rules.detection, naming_verbs=self.ctx.coding_rules.naming_verbs
                )
                if called is not None:
                    recipients = not_actors(self.parties.phrase_actors(called, cand.type, date, set(used)), actors)
            if not recipients and actors and cand.rescued and self.opts.consultations and cand.type in ("CONSULT", "AGREE"):
                recipients = self._consulted(predicate, trigger, cand.type, date, actors, set(used))
            if self.opts.interviews and cand.type == "CONSULT" and not recipients and interview_only(trigger):
                continue  # "told the Monitor *by phone*": how a reporter heard it, no meeting (task D11)
            if cand.rescued and not (actors and recipients):
                continue  # against the model's "no event", only who did what to whom
            if (
                self.opts.skip_casualty_reports
                and not actors
                and location is None
                and trigger.pos_ != "NOUN"  # "the deaths of four soldiers near Shumy" names an incident
                and self.checks.casualty_report(text, cand)
            ):
                continue
            if self.opts.death_tallies and self.checks.death_tally(text, cand, trigger):
                continue  # "three people *died*", "*fighting* has claimed 13,000 lives since 2014": a toll, no attack
            onto = self.ctx.clf.ontology
            confidence = cand.confidence * (1.0 if dated else FALLBACK_CONFIDENCE)
            if dated:
                dated_before.append((date, precision))
            event = Event(
                id=event_id(self.ctx.article.id, sentence.start, trig_start),
                article_id=self.ctx.article.id,
                type=cand.type,
                mode=cand.mode,
                cameo=onto.cameo_for(cand.type, mode=cand.mode),
                goldstein=onto.goldstein(cand.type, mode=cand.mode),
                quad=onto.quad_class(cand.type),
                sentence=text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                span=self.ctx.article.text[trig_start:trig_end],
                start=trig_start,
                end=trig_end,
                actor=tuple(actors),
                recipient=tuple(recipients),
                date=date,
                date_precision=precision,
                location=location,
                quantities=quantities_for_type(figures, cand.type),
                confidence=confidence,
                negated=cand.status.negated,
                future=cand.status.future,
                hypothetical=cand.status.hypothetical,
                claim=(cand.status.claim and not self.checks.coordinated_with_claim(sentence, trigger))
                or trigger.i in self.actor_finder.blamed_triggers,
            )
            if not intercepted and self.opts.retold_acts and retells_told(event, self.ctx.history, types=self.ctx.coding_rules.detection.retold_types):
                retold.append(event)  # what an interception later in the sentence reports (:meth:`_restated_raid`)
                continue  # "The United States stands firmly behind Ukraine," Blinken said: told in the lead already
            if self.opts.presupposed_acts and retells_presupposed(event, trigger, self.ctx.history):
                continue  # "the summit *Biden proposed* during the call": the offer told before (task D11)
            events.append(event)
        if self.opts.separate_parties:
            events = [part for event in events for part in separate_party_events(self.ctx, event)]
        self.ctx.coded_types.update(event.type for event in events)
        self.ctx.history.extend(events)
        self.ctx.previous_sentence = sentence
        return events

    def _past_parties(self, frame: EventFrame, recipients: list[EventActor]) -> tuple[list[EventActor], list[EventActor]]:
        """Actor and recipient of an earlier act named with no party of its own ("since the annexation of Crimea",
        "after the invasion began"): the article's adversary of the state it targets, else the parties of the
        article's last act of its type told with an actor, else the parties its clause names (with the actor's
        adversary in the article as the target when it names none)."""
        if recipients:
            return article_adversary(self.ctx, recipients), recipients
        told = next((e for e in reversed(self.ctx.history) if e.type == frame.event_type and e.actor), None)
        if told is not None:
            return list(told.actor), list(told.recipient)
        actors, used = self.actor_finder.actors_for(frame)
        return actors, self.recipient_finder.recipients_for(frame, exclude=used, actors=actors)[0]

    def _consulted(
        self, predicate: SpacyToken, trigger: SpacyToken, event_type: str, date: str | None, actors: list[EventActor], used: set[int]
    ) -> list[EventActor]:
        """The party a consultation the model missed is held with (task D10, :mod:`.coder.consultations`): the one its
        "with"/"to" phrase names, or, for "our allies", the actor's one alliance ("we are talking to our allies")."""
        party = consulted_party(trigger) or consulted_party(predicate)
        if party is None:
            return []
        found = not_actors(self.parties.phrase_actors(party, event_type, date, used), actors)
        if found:
            return found
        alliance = own_alliance(party, {a.country for a in actors if a.country is not None})
        org = self.ctx.resolver.kb.organisation(alliance) if alliance else None
        return [EventActor(org.name, org.actor_code, org.sector, org.id)] if org is not None and org.actor_code else []

    def _restated_raid(self, attackers: list[EventActor], events: list[Event]) -> bool:
        """Whether an interception's attacker already has a missile or drone raid (data: "detection" ``raid_modes``)
        coded in the article or earlier in its sentence, or, when no attacker is named, the sentence has told an
        attack already: the interception reports that raid's outcome."""
        own = {a.country for a in attackers if a.country is not None}
        if not own:
            return any(e.type == "ASSAULT" for e in events)  # "fired 88 missiles ..., and air defences destroyed 37"
        modes = self.ctx.coding_rules.detection.raid_modes
        return any(
            e.type == "ASSAULT" and e.mode in modes and own <= {a.country for a in e.actor}
            for e in (*self.ctx.history, *events)
        )

    def _dropped_subject_actors(
        self, predicate: SpacyToken, actors: list[EventActor], event_type: str, date: str | None
    ) -> list[EventActor]:
        """The actors of a clause whose subject the parser joined to the verb before ("Blinken spoke with Kuleba,
        and *Milley*, who chairs the Joint Chiefs, held calls"): that subject's parties only, never the last party
        of the clause before, which the "and" opening the clause does not coordinate with it."""
        dropped = dropped_subject(predicate)
        if dropped is None:
            return actors
        own = self.parties.phrase_actors(self.parties.antecedent(dropped), event_type, date, set())
        return [a for a in actors if a in own] or own or actors


def code_events(
    doc: Doc,
    reading: Reading,
    *,
    article: Article,
    kb: KnowledgeBase,
    classifier: EventClassifier | None = None,
    multi_event: bool = True,
    merge_restatements: bool = True,
    accurate: bool = False,
) -> list[Event]:
    """The events stated in one read article (``doc`` is the parse of ``article.text``).

    ``multi_event`` adds events for further trigger verbs of a sentence besides the classifier's.
    ``accurate`` (when no ``classifier`` is given) codes with the MiniLM dense head mixed in: slower,
    it embeds every sentence (:mod:`sitrep.events.dense`).
    """
    clf = classifier or load_classifier(accurate=accurate)
    options = CodingOptions(multi_event=multi_event)
    ctx = ArticleContext(doc, reading, article=article, kb=kb, classifier=clf, options=options)
    coder = _ArticleCoder(ctx)
    sentences = split_sentences(article.text)
    texts = (article.text[s.start : s.end] for s in sentences)
    clf.prepare([text for text in texts if not is_fragment(text)])  # one batch of embeddings (accurate model)
    events: list[Event] = []
    for sentence in sentences:
        events.extend(coder.code_sentence(sentence))
    return drop_restatements(events, separate=frozenset(ctx.separate_starts)) if merge_restatements else events
