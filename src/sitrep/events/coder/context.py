"""The state the event coder shares while it codes one article, and its look-ups on the article's parse.

:class:`ArticleContext` holds the parse, the reading layers, the rules, the classifier and the options, the
sentence being coded and the events coded so far. Its methods answer what every part of the coder asks: the
token at a character offset, where a sentence's dateline ends, whether a word stands in an attribution phrase
or only qualifies a title, whether a place follows a locative preposition, which states the article names most.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.strings import get_string_id

from sitrep.dateline import match_dateline
from sitrep.events.actors import ActorResolver
from sitrep.events.coder.rules import load_coding_rules, load_extract_rules
from sitrep.events.coder.syntax import FUNCTION_POS
from sitrep.events.geo import load_gazetteer
from sitrep.events.text import tokenize
from sitrep.nlp.layers import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.classify import EventClassifier
    from sitrep.events.coder.options import CodingOptions
    from sitrep.events.lexicon import TriggerHit
    from sitrep.events.record import Event
    from sitrep.kb import KnowledgeBase
    from sitrep.model import Article
    from sitrep.nlp.layers import Mention, Reading

MIN_COUNTERPART_MENTIONS = 2  # a state named fewer times is not one of the article's two main parties
_AFTER_DATELINE = re.compile(r"\s+(?=\S)")  # the sentence goes on after the dateline's dash


class ArticleContext:
    """Per-article state: the doc's token index, the actor resolver, the sentence being coded (and the one
    before), the events coded so far."""

    def __init__(
        self,
        doc: Doc,
        reading: Reading,
        *,
        article: Article,
        kb: KnowledgeBase,
        classifier: EventClassifier,
        options: CodingOptions,
    ) -> None:
        self.doc = doc
        self.reading = reading
        self.article = article
        self.clf = classifier
        self.opts = options
        self.rules = load_extract_rules()
        self.coding_rules = load_coding_rules()
        self.resolver = ActorResolver(reading, kb=kb)
        self.tokens = list(doc)  # spaCy builds a new Token object on every doc[i]: build each once
        self._tok_starts = [token.idx for token in self.tokens]
        self._tok_at = {token.idx: token for token in self.tokens}  # (no two tokens start at one offset)
        self._dateline_ends: dict[tuple[int, int], int] = {}  # per sentence (start, end)
        self._attributed: dict[tuple[int, int, int], bool] = {}  # per sentence (start, end) and offset
        self._qualifiers: dict[tuple[int, str | None], bool] = {}  # per mention start and entity
        self._cues: dict[tuple[int, int], bool] = {}  # per sentence: whether it has an attribution cue
        self._cuts: list[int] | None = None  # indices of the words that can open an event's context
        self.current_sentence = Sentence(0, 0)
        self.previous_sentence: Sentence | None = None
        self.coded_types: set[str] = set()
        self.history: list[Event] = []  # the events coded so far, in text order
        # triggers (article offsets) of separate acts (:meth:`CandidateFinder._separate_act_at`): never merged
        self.separate_starts: set[int] = set()
        self._main_states: list[str] | None = None

    def token_at(self, offset: int) -> SpacyToken:
        """The token at (or last starting before) character offset ``offset`` of the article."""
        found = self._tok_at.get(offset)
        if found is not None:
            return found
        i = max(0, bisect_right(self._tok_starts, offset) - 1)
        return self.tokens[i]

    def context_cut(self, lo: int, hi: int) -> SpacyToken | None:
        """The first word between token indices ``lo`` and ``hi`` (both excluded) that opens an event's context
        ("with Zelensky *amid* a Russian buildup", data: ``context_preps``): what follows it is another phrase."""
        if self._cuts is None:
            preps = {get_string_id(word) for word in self.rules.context_preps}  # a token's ``lower`` is its ``lower_``'s id
            self._cuts = [t.i for t in self.tokens if t.lower in preps and t.pos_ in ("ADP", "SCONJ")]
        k = bisect_right(self._cuts, lo)
        return self.tokens[self._cuts[k]] if k < len(self._cuts) and self._cuts[k] < hi else None

    def content_token(self, start: int, end: int) -> SpacyToken:
        """The trigger phrase's first word that is no function word ("in *contact* with", "would not *leave*"), else its first token."""
        first = self.token_at(start)
        for token in self.tokens[first.i :]:
            if token.idx >= end:
                break
            if token.pos_ not in FUNCTION_POS:
                head = token
                while (
                    self.opts.head_nouns
                    and head.pos_ in ("ADJ", "NOUN")
                    and head.dep_ in ("amod", "compound")
                    and head.head.i > head.i
                    and head.head.idx < end
                    and head.head.pos_ == "NOUN"
                ):
                    head = head.head  # "military *aid*", "video conference *call*": the noun the words qualify
                return head
        return first

    def word_hits(self, word: str) -> list[TriggerHit]:
        """The trigger lexicon's hits on ``word`` alone."""
        lexicon = self.clf.lexicon
        return lexicon.type_hits(tokenize(word, irregular=lexicon.irregular))

    def names_type(self, word: str, event_type: str) -> bool:
        """Whether ``word`` is a trigger of ``event_type`` ("calls" of CONSULT, not of an accusation)."""
        return any(hit.type == event_type for hit in self.word_hits(word))

    def names_act(self, word: str) -> bool:
        """Whether ``word`` is a trigger of any type ("strikes", "response")."""
        return bool(self.word_hits(word))

    def article_states(self) -> list[str]:
        """The article's two most named states (each named at least :data:`MIN_COUNTERPART_MENTIONS` times)."""
        if self._main_states is None:
            counts: dict[str, int] = {}
            for mention in self.resolver.mentions:
                if mention.label not in ("GPE", "NORP"):
                    continue
                entity = self.resolver.entities.get(mention.entity) if mention.entity else None
                code = entity.country if entity is not None else self.resolver.kb.country(mention.text)
                if code is not None and code in self.resolver.kb.countries:
                    counts[code] = counts.get(code, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            self._main_states = [code for code, n in ranked[:2] if n >= MIN_COUNTERPART_MENTIONS]
        return self._main_states

    def first_state(self, sentence: Sentence) -> str | None:
        """The country of the first state, capital or government the sentence names (what "its" stands for)."""
        for mention in self.resolver.mentions_in(sentence.start, sentence.end):
            if mention.label not in ("GPE", "ORG", "NORP"):
                continue
            entity = self.resolver.entities.get(mention.entity) if mention.entity else None
            code = entity.country if entity is not None else self.resolver.kb.country(mention.text)
            if code is not None:
                return code
        return None

    def first_verb(self, sentence: Sentence) -> SpacyToken:
        """The sentence's first verb (its first token when it has none): the trigger of an event with no trigger word."""
        first = self.token_at(sentence.start)
        for token in self.tokens[first.i :]:
            if token.idx >= sentence.end:
                break
            if token.pos_ == "VERB":
                return token
        return first

    def attributed(self, offset: int) -> bool:
        """Whether the word at ``offset`` stands in an attribution phrase of its sentence ("According to *the
        Pentagon*, Washington has provided ...", "citing *Kyiv*"): it names the source of the report, never a
        party to the event."""
        sentence = self.current_sentence
        key = (sentence.start, sentence.end, offset)
        found = self._attributed.get(key)
        if found is None:
            found = self._attributed[key] = self._attributed_in(sentence, offset)
        return found

    def _attributed_in(self, sentence: Sentence, offset: int) -> bool:
        if not sentence.start <= offset <= sentence.end:
            return False
        if offset < self.dateline_end(sentence):
            return True  # "MOSCOW, Aug 8 (Atlas Daily) - ...": where the story was filed, and by whom
        if not self._cued(sentence):
            return False  # no attribution cue in the sentence ("according to", "citing"): no prefix ends in one
        return self.rules.attribution.search(self.article.text[sentence.start : offset]) is not None

    def _cued(self, sentence: Sentence) -> bool:
        key = (sentence.start, sentence.end)
        found = self._cues.get(key)
        if found is None:
            text = self.article.text[sentence.start : sentence.end]
            found = self._cues[key] = self.rules.attribution_cue.search(text) is not None
        return found

    def dateline_end(self, sentence: Sentence) -> int:
        """The offset where a sentence's opening dateline ends (its start when it has none)."""
        key = (sentence.start, sentence.end)
        found = self._dateline_ends.get(key)
        if found is None:
            found = self._dateline_ends[key] = self._dateline_end(sentence)
        return found

    def _dateline_end(self, sentence: Sentence) -> int:
        text = self.article.text
        found = match_dateline(text, sentence.start, sentence.end)
        after = _AFTER_DATELINE.match(text, found.end, sentence.end) if found else None
        return after.end() if after else sentence.start

    def title_qualifier(self, mention: Mention) -> bool:
        """Whether a mention only qualifies a person's title ("Colonel Assimi Goita, *Mali's* interim president"):
        it lies in the span of a role the article gives another entity."""
        key = (mention.start, mention.entity)
        found = self._qualifiers.get(key)
        if found is None:
            found = self._qualifiers[key] = self._title_qualifier(mention)
        return found

    def _title_qualifier(self, mention: Mention) -> bool:
        return any(
            role.start <= mention.start < role.end and role.entity is not None and role.entity != mention.entity
            for role in self.reading.roles
        )

    def mention_head(self, mention: Mention) -> SpacyToken:
        """The last token of a mention (its syntactic head in English noun phrases)."""
        return self.token_at(max(mention.start, mention.end - 1))

    def locative(self, sentence: Sentence, mention: Mention) -> tuple[bool, bool]:
        """Whether a place mention follows a locative preposition ("in", "near the occupied ..."), and is "occupied"."""
        before = self.article.text[max(sentence.start, mention.start - 60) : mention.start].lower().split()[-5:]
        prep_at = max((i for i, w in enumerate(before) if w.strip(",") in self.rules.locative_preps), default=-1)
        if prep_at < 0 or len(before) - prep_at > 4:
            return False, False
        between = before[prep_at + 1 :]
        if any(w.endswith(",") or w in ("and", "but", "said") for w in between):
            return False, False
        return True, any(load_gazetteer().is_occupied_marker(w) for w in between)
