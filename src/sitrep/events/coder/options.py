"""The event coder's options: which of its readings are on, and its thresholds.

Every reading is on by default, and the thresholds are the values measured on our development gold; the
switches let an experiment measure what one reading is worth (``CodingOptions(namings=False)``).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_EXTRA_PROBABILITY = 0.85  # a further trigger's type, on its word window or its own clause (measured on dev: 0.75-0.9 within 0.01)
MIN_CLAUSE_PROBABILITY = 0.75  # for a further trigger that is a verb heading its own clause
MAX_EVENTS = 4
MIN_RESCUE_PROBABILITY = 0.3  # a main-verb trigger's type the model finds this likely is coded though it said "no event"
MIN_FALLBACK_PROBABILITY = 0.2  # a trigger-backed type taken when the model's own type has no trigger word
WINDOW_BEFORE = 3  # tokens of context before and after a further trigger when typing it on its own
WINDOW_AFTER = 6
MIN_PHRASE_PROBABILITY = 0.6  # for a further trigger phrase of several words whose first is a verb heading its own clause (task D3)
MIN_UNTRIGGERED_PROBABILITY = 0.9  # a type the model is this sure of is coded on the main verb though no trigger word names it (task D3)
MIN_COORDINATED_PROBABILITY = 0.5  # a coordinated verb's type on its own clause, when that is the clause's likeliest reading (task D8)
MIN_CLAUSE_WORDS = 3  # a trigger's clause shorter than this is typed on the word window only


@dataclass(slots=True, frozen=True)
class CodingOptions:
    """Switches and thresholds of :func:`sitrep.events.extract.code_events` (see each field's comment)."""

    multi_event: bool = True  # further trigger verbs of a sentence add events besides the classifier's
    min_extra_probability: float = MIN_EXTRA_PROBABILITY
    min_clause_probability: float = MIN_CLAUSE_PROBABILITY
    max_events: int = MAX_EVENTS
    window_before: int = WINDOW_BEFORE
    require_trigger: bool = True
    verbal_extras: bool = False  # measured: requiring a verb (spaCy POS) loses more than it saves
    window_after: int = WINDOW_AFTER
    referring_objects: bool = True
    judgements: bool = True
    skip_back_references: bool = True
    skip_casualty_reports: bool = True
    skip_audiences: bool = True  # a news conference is a CONSULT only when held jointly
    same_type_clauses: bool = True
    separate_acts: bool = True  # "expelled 10 diplomats and *barred* 8 officials": a coordinated verb with its own object
    separate_parties: bool = True  # "held calls with his Russian and Ukrainian counterparts": one event each
    skip_fragments: bool = True
    skip_relations: frozenset[str] = frozenset({"until", "since"})
    foreign_timexes: bool = True  # a year naming a thing, a date in a relative clause or after "since": not the event's
    participle_timexes: bool = True  # "the peninsula, seized in 2014, ...": the year dates the seizure only
    earlier_reported: bool = True  # a past-perfect reported act with no time of its own: the report's month
    strict_timex: bool = False
    present_states: bool = True
    clause_places: bool = True
    min_fallback_probability: float = MIN_FALLBACK_PROBABILITY
    main_verb_fallback: bool = True
    main_verb_rescue: bool = True
    min_rescue_probability: float = MIN_RESCUE_PROBABILITY
    counterparts: bool = True
    inherit_recipients: bool = True
    clause_context: bool = True  # type a further trigger on its own clause too, not only a word window
    min_clause_words: int = MIN_CLAUSE_WORDS
    dense_windows: bool = False  # the accurate model's MiniLM head types whole sentences, not trigger windows
    reported_clauses: bool = True  # a reported clause's trigger is typed on the clause too (rescue)
    received_acts: bool = True  # "took a call from Biden": the party after "from" is the actor
    namings: bool = True  # "called Putin a war criminal": ACCUSE; "called Zelensky a brave leader": no call
    skip_descriptions: bool = True  # "in *occupied* Donbas", "reports *concerning* troop movements": no act
    skip_noun_modifiers: bool = True  # "an attack helicopter", "the talks' agenda": no event
    skip_own_side: bool = True  # a recipient phrase naming only the actor's own side is passed over
    context_recipients: bool = True  # a recipient implied by an earlier event of the sentence or the one before
    context_replies: bool = True  # ... including the party whose act against the actor was just told
    state_referents: bool = True  # "the country" stands for the state last named
    pronoun_subjects: bool = True  # a pronoun subject of the sentence as the last resort for the actor
    passive_undergoers: bool = True  # a subjectless passive's party before it undergoes it; arrests by no agent
    occasion_meetings: bool = True  # "After a call with the G7, Biden ...": Biden holds the call
    reciprocal_split: bool = True  # "X and Y met": X acts, Y receives
    governing_subjects: bool = True  # a subjectless verb's actor: the subject of the verb it hangs on
    locative_positions: bool = True  # "troops near Ukraine": a place named before a trigger is no actor
    several_places: bool = True  # "near the border and in Crimea": no one place
    # parties of an event told by a noun (data: event_actors.json 1.7)
    noun_agents: bool = True  # "an invasion *by Russia*": the agent of the noun is its actor
    own_themes: bool = True  # "the supply *of US weapons* to Ukraine": the supplier owns what is supplied
    backers: bool = True  # "one of *Ukraine's* backers, contributing aid": the backed party receives
    context_cuts: bool = True  # "a call with Zelensky *amid* a Russian buildup": the amid phrase is no party
    cause_phrases: bool = True  # "died as a result of *the Russian shelling*": the cause's party acts
    sole_person_antecedents: bool = True  # "he": the one person the sentence before names, when no subject is
    listed_recipients: bool = True  # "with Macron and German Chancellor Merkel": both, however it was parsed
    head_nouns: bool = True  # a trigger phrase's modifier words stand for the noun they qualify ("military *aid*")
    all_appositions: bool = True  # every party a list in apposition names, not only the first
    foreign_phrases: bool = True  # "going on without Russia": no recipient named after the trigger
    kb_anaphors: bool = True  # "the alliance" once NATO is named: NATO (the knowledge base's anaphors)
    aggressors: bool = True  # "the invaders", "the occupiers": the state the article names as the aggressor
    it_subjects: bool = True  # "Moscow denies ..., where *it* backs separatists": "it" the state last a subject
    other_clauses: bool = True  # a name in a clause of another act with its own subject is no recipient (positional)
    adversaries: bool = True  # an attack with no named target: the actor's adversary in the article (data: event_actors.json)
    referring_phrases: bool = True  # "shocked *by the attacks*": a referring noun after a preposition (data: event_actors.json)
    dateline_timexes: bool = True  # "MOSCOW, April 13 (Wire) - ...": the filing date dates no event of its own
    present_timexes: bool = True  # "troops are *now* deployed": a state at publication, its week (data: event_actors.json)
    ungoverned_states: bool = True  # a state or deployment dated only by another clause's date takes the publication week
    season_years: bool = True  # "in spring 2014": the year
    possessive_timexes: bool = True  # "last year's election": dates the noun it owns, not another trigger
    # detection of further triggers (task D1; data: event_coding.json "detection")
    content_objects: bool = True  # "welcomed the new *sanctions*": the object of a verb that does not perform it
    side_duratives: bool = True  # "where forces have been *fighting* since 2014": a standing war, no event
    mode_acts: bool = True  # "announced sanctions and *expelled* 10 diplomats": another mode, another act
    time_acts: bool = True  # "had assembled 28 groups and was expected to *bring up* 25 more": done and future, two acts
    occasion_events: bool = True  # "*after meeting* Kuleba on Tuesday, Blinken said": the meeting is an event
    # world-news recipients (task P2)
    retreat_origins: bool = True  # "withdrew its troops *from southern Lebanon*": the state left receives (data: event_actors.json)
    building_sites: bool = True  # "signed the accord *at the White House*": the building is the site, no recipient (data: event_actors.json)
    goal_recipients: bool = True  # "handed over an al-Qaeda suspect *to the United States*": the goal outranks the object's party (data: event_actors.json)
    body_targets: bool = True  # "attacked *rebel positions*", "dispersed *opposition supporters*": a body of the actor's (else the place's) state, its own sector (data: event_actors.json)
    # parties of domestic acts (task P3)
    local_bodies: bool = True  # "*protesters* gathered in Yerevan": a body of no state of its own is the place's people (data: event_actors.json)
    own_governments: bool = True  # "workers walked off the job" with no one named: their own government receives (data: event_actors.json)
    # detection (task D3)
    dropped_subjects: bool = True  # "..., and Milley, who chairs the Joint Chiefs, *held calls*": the subject the parse joined to the verb before
    shared_subjects: bool = True  # "Israeli and Syrian negotiators met": both sides act (no reciprocal split)
    interceptions: bool = True  # "air defences shot down 20 Ukrainian drones": the drones' owner attacks (data: event_coding.json "detection")
    counterpart_refusals: bool = True  # a REJECT told only by "would not" needs a counterpart (data: event_coding.json "detection")
    min_phrase_probability: float = MIN_PHRASE_PROBABILITY
    min_untriggered_probability: float = MIN_UNTRIGGERED_PROBABILITY
    # parties (task P4)
    near_pronoun_owners: bool = True  # "Kyiv estimated troops had gathered near *its* borders": the nearest state named as a noun before "its"
    shared_borders: bool = True  # "moved troops to its border *with Pakistan*": the state across the actor's own border
    seizure_adversaries: bool = True  # "Russian troops *seized* it": a seizure with no target named is aimed at the adversary (data: event_actors.json)
    condition_parties: bool = True  # "threatened to close the strait *if the United States* attacked": the condition's party receives (data: event_actors.json)
    watchers: bool = True  # "*Kyiv says* 80,000 Russian troops are deployed there": a deployment faces the other state reporting it (data: event_actors.json)
    # detection (task D4; data: event_coding.json "detection")
    request_matters: bool = True  # "asked the allies to *impose* sanctions", "called for his *release*": what is asked, no act
    motive_nouns: bool = True  # "in *retaliation* for", "in a show of *solidarity*": no act of their own
    free_relative_names: bool = True  # "in what it called the *liberation* of the region": the naming is no act unless pejorative or praising
    phone_calls: bool = True  # "Blinken also *called* Pashinyan": a phone call, whatever the model says (data: event_coding.json "detection")
    death_tallies: bool = True  # "three people *died*", "*fighting* has claimed 13,000 lives": a toll, whoever is named (data: event_coding.json "detection")
    # parties (task P5; data: event_actors.json)
    named_judgements: bool = True  # "Kyiv *called* the referendums a sham": the namer accuses the party of the thing named
    accused_acts: bool = True  # '"Russia is *weaponising* hunger," the minister told': the speaker accuses the act's subject
    caseless_objects: bool = True  # "had staged *another provocation*" read as an oblique with no preposition: the verb's object
    bare_bodies: bool = True  # "*the foreign ministry* ordered five Polish diplomats to leave": the state of the article's last actor
    # detection (task D5; data: event_coding.json "detection")
    listed_acts: bool = True  # "an order that expelled ..., sanctioned ... and *barred* banks": the last verb of a list the parse hung higher
    object_clauses: bool = True  # "..., and Pistorius announced a *package*": a noun trigger in another party's coordinated clause
    agent_possessors: bool = True  # "the leaders affirmed *their* support": a possessive before a performed object is its agent, no back reference
    measure_heads: bool = True  # "a *package* worth 700 million": a noun the parse hangs on "worth" is no modifier (data: event_coding.json "detection")
    # detection (task D6; data: event_coding.json "detection")
    retold_acts: bool = True  # "The United States stands firmly behind Ukraine," he said: an act the article told before, same parties and day
    fact_warnings: bool = True  # "warned that Russia *had put* 28 groups along the border": a report, no threat (data: event_coding.json "detection")
    pressed_acts: bool = True  # "forces *press* a new offensive": carrying on an attack, no request (data: event_coding.json "detection")
    # parties (task P6; data: event_actors.json 1.12)
    previous_operating_places: bool = True  # "Kyiv blamed Russia-backed forces for the attack": the group operates where the sentence before places its act
    rebel_own_states: bool = True  # "separatists took control of the town": an insurgent group's unnamed target is its own state (data: event_actors.json)
    seized_holders: bool = True  # "took control of the headquarters *of the Southern Military District*": the body whose site is seized
    referring_subjects: bool = True  # "*the strikes* showed the utter brutality of the war": the subject refers back, the trigger object does not
    conflict_nouns: bool = True  # "condemned *the escalation*": the last act of force, not the last words (data: event_actors.json)
    others_acts: bool = True  # "condemned *the attack*": an accusation is of another party's act; the actor's own attacks are passed over
    meeting_bodies: bool = True  # "asked for a meeting" of the Security Council: the body that meets receives the request (data: event_actors.json)
    blamed_attackers: bool = True  # "soldiers were killed by mortar fire ... Kyiv blamed Russia-backed forces": the blamed party is the attacker (data: event_actors.json)
    article_attackers: bool = True  # "Missiles struck targets near Kyiv" in a story of Russia's raid: the party of the article's attacks so far, when the article blames no one
    posting_phrases: bool = True  # "Iran's mission *to the United Nations* warned": where a post is accredited is no actor (data: event_actors.json)
    object_positions: bool = True  # "Aliyev telephoned *Putin* to offer his condolences": a verb's object before the trigger is no positional actor while another party is named
    # types (task D7; data: event_coding.json "detection")
    reported_futures: bool = True  # "is due to host a meeting", "said Paris would send missiles": an act to come (AGREE, CONCEDE)
    name_participles: bool = True  # "what he called *threatening* NATO activity": a word of the name; NATO is accused
    past_acts: bool = True  # "the largest since *the annexation* of Crimea": a historical event (data: event_coding.json "detection")
    past_act_confidence: float = 0.6  # the least confidence of such an event, whatever the model makes of its sentence
    pledged_backing: bool = True  # "pledged continued *backing*", "assured X of solidarity": SUPPORT stated, no AGREE
    requested_mains: bool = True  # the model's trigger is what a request asks for ("called on Moscow to *de-escalate*"): the request
    # dates (task DT1; data: event_dating.json)
    anchor_timexes: bool = True  # "ordered a pullback, *a day after* Putin warned": the date of the clause it introduces only
    planned_dates: bool = True  # "agreed to start withdrawing *by May 1*", "would close it *from late April*": a future act's planned date
    past_deployments: bool = True  # "the Pentagon *ordered* 7,000 troops to Germany", "said it *had deployed* forces": an act on its day, no state
    habitual_acts: bool = True  # "Moscow has *repeatedly* denied", "had *for months* accused": background with no date of its own
    since_states: bool = True  # "Bazoum, who *has been held* at his residence since Wednesday": a state dated by its start
    future_timexes: bool = True  # "*repeated* his offer of a summit *this summer*": a date after publication dates no past-tense act
    complement_timexes: bool = True  # "told a conference that the expulsions answered the U.S. decision *on Thursday*": the clause's date only
    context_dates: bool = True  # an undated past act takes the day of the sentence before it in its paragraph ("... on Saturday. Armoured columns *drove* north")
    span_deployments: bool = True  # "has moved two armies to the border *over the past three weeks*": the build-up as the span ends
    done_by_dates: bool = True  # "*By Saturday morning* fighters had taken the headquarters": a past act done by a past deadline
    publication_weeks: bool = False  # an undated act in an article whose lead names no day: the publication week (the guide; +2 on our gold, off until tests/events/test_actors_references.py expects it)
    lead_datelines: bool = True  # the lead is the first sentence with a dateline among the first three (after a teaser line)
    # recall (task D8)
    coordinated_acts: bool = True  # "..., and *promised* a thorough investigation": a verb coordinated with another, typed as its own clause's likeliest reading
    min_coordinated_probability: float = MIN_COORDINATED_PROBABILITY
    # precision (task D9; data: event_precision.json)
    precision_refusals: bool = True  # "*Speaking* at the range, he said", "the package includes ... *shells*", "any steps towards *de-escalation* would matter": no act
    blamed_acts: bool = True  # "the *deaths* of four soldiers, which Kyiv has blamed on Russia-backed forces": the attack, by the blamed (a claim), no accusation
    # parties (task P7; data: event_actors.json)
    own_state_conflicts: bool = True  # a mutiny: "the mercenaries shot down several aircraft" is aimed at their own state when the article's conflicts so far are within it
    sentence_persons: bool = True  # "..., Russian President Vladimir Putin said ... what *he* called terrorist acts": a person of the same sentence that is no object, though the parse made it no subject
    owned_names: bool = True  # "Beijing's *Taiwan* Affairs Office": a place word of a body's name after its owner names no party
    abroad_people: bool = True  # "a Russian missile tore through the building in Mykolaiv, *killing seven people*": the people of the place's state, not the attacker's
    title_cases: bool = True  # "a call chaired *by* Italian Prime Minister Meloni": a preposition the parse hung on a title word is the name's
    reciprocal_speakers: bool = True  # "Zelensky wrote that *the two countries* stood together": the teller's side acts, the other receives
    # recall (task D10; data: event_recall.json)
    consultations: bool = True  # "we are *talking to our allies*", "was *in touch with* NATO allies": CONSULT (AGREE to come) though the model says no event
    staying_forces: bool = True  # "heavy equipment would *remain* at the training ground": MOBILIZE to come (data: event_recall.json)
    stay_confidence: float = 0.6  # the least confidence of such an event, whatever the model makes of its sentence
    # precision (task D11; data: event_precision.json)
    forecasts: bool = True  # "warned that *a miscalculation* could escalate": a forecast, no threat; "warned that Russia *might* blow up the dam": fear voiced, an ACCUSE
    presupposed_acts: bool = True  # "the summit *Biden proposed* during the call", "*Biden's offer* of a summit": the offer an earlier sentence told, again
    interviews: bool = True  # "told the Monitor *by phone*" with no counterpart party: how a reporter heard it, no meeting
