"""The parts of the event coder (:func:`sitrep.events.extract.code_events`), one task each: the rule files
(:mod:`.rules`), the coder's options (:mod:`.options`), the article state it shares (:mod:`.context`), reading
the parse (:mod:`.syntax`), finding candidate events (:mod:`.candidates`) and the triggers that tell none
(:mod:`.trigger_checks`), the parties (:mod:`.parties`, :mod:`.event_actors`, :mod:`.indirect_roles`; the recipients in
:mod:`.recipients` over :mod:`.recipient_base`, :mod:`.adversaries`, :mod:`.people_targets`, :mod:`.territory`
and :mod:`.implied_recipients`), the date (:mod:`.dating`), the place (:mod:`.places`), the figures (:mod:`.figures`)
and how many events a sentence's triggers make (:mod:`.separate_acts`)."""
