"""The place of an event: a locative place mention of the trigger's clause (the nearest to the trigger first),
geocoded offline (:mod:`sitrep.events.geo`); attacks (data: ``sentence_place_types``) may take one from their
whole sentence. A place phrase coordinated with another ("near the border *and in* Crimea") names no one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.actors import PLACE_LABELS
from sitrep.events.coder.syntax import in_clause
from sitrep.events.geo import load_gazetteer
from sitrep.events.record import Place

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext
    from sitrep.nlp.layers import Mention, Sentence


def named_states(ctx: ArticleContext, sentence: Sentence) -> set[str]:
    """The states (knowledge-base countries) of the places the sentence names outside quoted attributions."""
    gazetteer = load_gazetteer()
    kb = ctx.resolver.kb
    states: set[str] = set()
    for mention in ctx.resolver.mentions_in(sentence.start, sentence.end):
        if mention.label not in PLACE_LABELS or ctx.attributed(mention.start):
            continue
        place = gazetteer.lookup(mention.text)
        if place is not None and place.country in kb.countries:
            states.add(place.country)
    return states


class EventPlacer:
    """Places one article's events (:meth:`location_for`)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts

    def location_for(
        self,
        sentence: Sentence,
        *,
        exclude: set[int],
        predicate: SpacyToken | None = None,
        trigger: SpacyToken | None = None,
        event_type: str | None = None,
    ) -> Place | None:
        """The place of the event: a locative place mention of the trigger's clause (with ``predicate``),
        the nearest to the trigger first; else of the whole sentence when ``clause_places`` is off."""
        gazetteer = load_gazetteer()
        mentions = self.ctx.resolver.mentions_in(sentence.start, sentence.end)
        if predicate is not None and self.opts.clause_places:
            mentions = [m for m in mentions if in_clause(self.ctx.token_at(m.start), predicate)]
            at = (trigger or predicate).idx
            mentions.sort(key=lambda m: abs(m.start - at))
        for mention in mentions:
            if mention.label not in PLACE_LABELS or mention.start in exclude:
                continue
            locative, occupied = self.ctx.locative(sentence, mention)
            if not locative:
                continue
            if self.opts.several_places and _one_of_places(self.ctx.mention_head(mention)):
                return None  # "deployed near the border *and in Crimea*": spread over places, none is the event's
            name = self._extend_place(mention)
            place = gazetteer.lookup(name, occupied=occupied) or gazetteer.lookup(mention.text, occupied=occupied)
            if place is None:
                entity = self.ctx.resolver.entities.get(mention.entity) if mention.entity else None
                if entity is None or entity.country is None:
                    continue
                place = Place(name=name, country=entity.country)
            elif place.name != name:
                place = Place(name, place.country, place.lat, place.lon, place.disputed)
            return place
        if predicate is not None and self.opts.clause_places:
            if event_type in self.ctx.coding_rules.sentence_place_types:
                return self.location_for(sentence, exclude=exclude)
            return None
        return self._scan_location(sentence)

    def _scan_location(self, sentence: Sentence) -> Place | None:
        """Places of our gazetteer named after a locative preposition that the reading did not mark."""
        gazetteer = load_gazetteer()
        text = self.ctx.article.text[sentence.start : sentence.end]
        for match in self.ctx.rules.place_after_prep.finditer(text):
            occupied = bool(match.group("mod")) and gazetteer.is_occupied_marker(match.group("mod").strip())
            words = match.group("name").split()
            for size in range(len(words), 0, -1):
                place = gazetteer.lookup_local(" ".join(words[:size]), occupied=occupied)
                if place is not None:
                    return place
        return None

    def _extend_place(self, mention: Mention) -> str:
        after = self.ctx.article.text[mention.end : mention.end + 20].lower()
        for word in self.ctx.rules.region_words:
            if after.startswith(" " + word):
                return self.ctx.article.text[mention.start : mention.end + 1 + len(word)]
        return mention.text


def _one_of_places(head: SpacyToken) -> bool:
    """Whether a place phrase is coordinated with another that repeats a preposition ("near the border *and in*
    Crimea", "in the Donbas and in Crimea"): the act is spread over several places."""
    if head.dep_ == "conj" and any(c.dep_ == "case" for c in head.children):
        return True
    return any(
        c.dep_ == "conj" and any(g.dep_ == "case" for g in c.children) for c in head.children
    )
