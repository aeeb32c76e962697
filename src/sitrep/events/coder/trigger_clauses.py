"""Which clause a trigger word of a sentence heads, for the coder's candidate events (:mod:`.candidates`): the
sentence's main verb (or the verb of a clause a main verb of saying reports), a verb heading a clause of its own, a
clause coordinated with the main trigger's with a subject of its own or stating a separate act of the same subject,
and the words of a trigger's own clause, which the classifier types on their own."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from sitrep.events.coder.predicates import misread_conjunct_verb, predicate_of, separate_act
from sitrep.events.coder.syntax import (
    COORDINATED,
    VERB_POS,
    dropped_subject,
    misread_clause_verb,
    subject_children,
)

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.context import ArticleContext

CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl", "xcomp"})
_OPENED_CLAUSES = COORDINATED | {"ccomp"}  # a clause "and" opens, however the parse labels it
_WORD_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


class TriggerClauses:
    """The clause questions :class:`~sitrep.events.coder.candidates.CandidateFinder` asks of a trigger word, for one
    article; positions are character offsets into the article, as :meth:`ArticleContext.token_at` takes them."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.opts = ctx.opts

    def main_verb_span(self, offset: int) -> tuple[int, int] | None:
        """The sentence-relative span of the sentence's main verb, the trigger of an event the model is sure of
        though no trigger word names it ("the foreign ministry *ordered* five Polish diplomats to leave")."""
        sentence = self.ctx.current_sentence
        root = self.ctx.token_at(sentence.start).sent.root
        if root.lemma_.lower() in self.ctx.rules.reporting_verbs:
            # "Kuleba said Kyiv *would raise* the incident ...": the reported clause's verb
            root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in VERB_POS), root)
        if root.pos_ != "VERB" or not sentence.start <= root.idx < sentence.end:
            return None
        return root.idx - offset, root.idx - offset + len(root.text)

    def main_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the sentence's main verb, or the verb of the clause a main verb of
        saying reports ("Kyiv said Russia *had massed* troops")."""
        token = self.ctx.token_at(at)
        if token.pos_ != "VERB":
            return False
        if token.dep_ == "ROOT":
            return True
        if token.dep_ == "ccomp":
            return self._main_saying(token.head)
        # the reported verb misread as a modifier of its object ("said Russia had *massed* troops": "troops" the
        # object of "said"), told by its own subject
        governor = token.head.head
        return misread_clause_verb(token) and governor.dep_ == "ROOT" and governor.lemma_ in self.ctx.rules.reporting_verbs

    def _main_saying(self, verb: SpacyToken) -> bool:
        """Whether a verb is a main verb of saying: the sentence's root, or (task D8) a verb coordinated with the root
        and having a subject of its own ("The meeting ended without an agreement, and both sides *said* they would
        meet again")."""
        if verb.lemma_ not in self.ctx.rules.reporting_verbs:
            return False
        if verb.dep_ == "ROOT":
            return True
        return (
            self.opts.coordinated_acts
            and verb.dep_ == "conj"
            and verb.head.dep_ == "ROOT"
            and bool(subject_children(verb))
        )

    def reported_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is the verb of a clause the sentence's main verb of saying reports."""
        return self.main_verb(at) and self.ctx.token_at(at).dep_ != "ROOT"

    def clause_verb(self, at: int) -> bool:
        """Whether the word at ``at`` is a verb heading a clause of its own: the sentence's main verb, a verb
        coordinated with another ("spoke with Aliyev and *urged* him"), or a clause it reports."""
        if self.opts.min_clause_probability >= self.opts.min_extra_probability:
            return False
        token = self.ctx.token_at(at)
        return token.pos_ == "VERB" and token.dep_ in CLAUSE_HEADS

    def clause_context(self, offset: int, at: int) -> str | None:
        """The words of the clause a trigger at sentence-relative ``at`` stands in: its predicate's subtree less
        the clauses coordinated with it ("thanked the allies for their support and *urged NATO to consider
        further steps*"); None when that is under ``min_clause_words`` words (:mod:`.options`)."""
        token = self.ctx.token_at(offset + at)
        predicate = predicate_of(token)
        if misread_clause_verb(predicate):
            predicate = predicate.head  # "said Russia had *massed* troops ...": the clause hangs on "troops"
        dropped: set[int] = set()
        for child in predicate.children:
            if child.dep_ in COORDINATED and child.pos_ in VERB_POS and child.i != token.i:
                dropped.update(t.i for t in child.subtree)
            elif child.dep_ == "cc" and child.i > predicate.i:
                dropped.add(child.i)
        sentence = self.ctx.current_sentence
        kept = [
            t for t in predicate.subtree
            if t.i not in dropped and sentence.start <= t.idx < sentence.end and not t.is_punct
        ]
        if len(kept) < self.opts.min_clause_words:
            return None
        return joined_words(kept)

    def own_clause(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` heads a clause coordinated with the main trigger's, with its own subject
        ("Blinken spoke with Kuleba, and Milley *held calls* with Gerasimov": a second event of the same type,
        told by another party), or states a separate act of the same subject (:meth:`separate_act_at`)."""
        if not self.opts.same_type_clauses or at == main_at:
            return False
        token, main = self.ctx.token_at(at), self.ctx.token_at(main_at)
        if misread_conjunct_verb(token):
            return self.separate_act_at(at, main_at)
        if token.pos_ not in VERB_POS and self.opts.object_clauses:
            return self.object_clause(at, main_at)
        if token.pos_ not in VERB_POS or token.i == main.i:
            return False
        own = subject_children(token) if token.dep_ in COORDINATED else []
        if not own and self.opts.dropped_subjects:
            dropped = dropped_subject(token)  # "..., and Milley, who chairs the Joint Chiefs, *held calls* with ..."
            own = [dropped] if dropped is not None else []
        if own:
            return main not in own and predicate_of(main).i != token.i
        return self.separate_act_at(at, main_at)

    def object_clause(self, at: int, main_at: int) -> bool:
        """Whether the noun trigger at ``at`` belongs to a coordinated clause with a subject of its own, not the main
        trigger's ("Macron said Paris would send missiles, and Pistorius *announced a package* worth ...": another
        party's act, never a restatement of the first)."""
        token, main = self.ctx.token_at(at), self.ctx.token_at(main_at)
        if token.pos_ in VERB_POS or not self.opts.object_clauses:
            return False
        verb = predicate_of(token)
        if verb.pos_ not in VERB_POS or verb.dep_ not in _OPENED_CLAUSES:
            return False
        opener = next((t for t in verb.subtree if not t.is_punct and not t.is_space), verb)
        if opener.pos_ != "CCONJ":
            return False  # "..., after Syrskyi ordered a *pullback*": a clause the parse joined, not one "and" opens
        own = subject_children(verb)
        return bool(own) and main not in own and predicate_of(main).i != verb.i

    def dropped_subject_clause(self, at: int) -> bool:
        """Whether the verb at ``at`` heads a clause whose own subject the parser joined to the verb before ("...,
        and Milley, who chairs the Joint Chiefs, *held calls* with ..."): another party's act, never a restatement
        of the earlier one however its parties are coded."""
        if not self.opts.dropped_subjects:
            return False
        token = self.ctx.token_at(at)
        return dropped_subject(predicate_of(token)) is not None

    def separate_act_at(self, at: int, main_at: int) -> bool:
        """Whether the verb at ``at`` and the main trigger's verb are coordinated acts of one subject, each on its
        own object ("expelled 10 diplomats, sanctioned 32 entities and *barred* banks from ..."); such a second
        event is never merged with the first as a restatement. A casualty or damage verb ("killing seven and
        *wounding* 22") tells the same attack's toll, not another act."""
        if not self.opts.separate_acts or at == main_at:
            return False
        token, main = self.ctx.token_at(at), predicate_of(self.ctx.token_at(main_at))
        if misread_conjunct_verb(token):
            # "will expel 10 diplomats and *bar* eight officials" with "bar" read as a noun joined to "diplomats"
            return token.head.head.i == main.i and token.lemma_.lower() not in self.ctx.clf.lexicon.consequence_verbs
        if token.pos_ not in VERB_POS or (token.dep_ in COORDINATED and subject_children(token)):
            return False
        consequences = self.ctx.clf.lexicon.consequence_verbs
        if token.lemma_.lower() in consequences or main.lemma_.lower() in consequences:
            return False
        return separate_act(token, main, lists=self.opts.listed_acts)


def joined_words(tokens: list[SpacyToken]) -> str:
    """The words of a clause, a space wherever the text had one between two kept words ("On April 13, U.S.
    President ..." less its comma reads "On April 13 U.S. President ...", not "13U.S."), a dropped hyphen kept
    inside a word ("de-escalate")."""
    parts: list[str] = []
    for token, after in pairwise(tokens):
        parts.append(token.text)
        if token.whitespace_:
            parts.append(" ")
            continue
        if after.i == token.i + 1:
            continue  # neighbours: no word dropped between them (and no Span to build)
        between = token.doc[token.i + 1 : after.i]  # the dropped words
        if any(t.whitespace_ for t in between):
            parts.append(" ")
        elif len(between) == 1 and between[0].text in _WORD_HYPHENS:
            parts.append(between[0].text)
    if tokens:
        parts.append(tokens[-1].text)
    return "".join(parts)
