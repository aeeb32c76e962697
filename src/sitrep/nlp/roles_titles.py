"""Titles in running text and the names they attach to.

:func:`find_title_phrases` reads an article's text with the knowledge base and
returns one :class:`TitlePhrase` per office title: the qualifiers that give its
country or body ("U.S.", "Ukraine's", "Pentagon", "of the Armed Forces of
Ukraine"), its tense ("former", "will become"), the counterpart adjectives
("his Ukrainian counterpart") and the person names it is attached to:

* title before name: "U.S. Defense Secretary Lloyd Austin", "Pentagon press
  secretary Maj. Gen. Pat Ryder";
* title, name: "Ukraine's defence minister, Andrii Taran";
* name, title: "Ruslan Khomchak, head of the General Staff of Ukraine's
  military"; "Gen. Mark Milley, who chairs the Joint Chiefs of Staff";
* name ... as title: "Sergei Lavrov to stay on as foreign minister";
* plural titles paired with coordinated names: "his Russian and Ukrainian
  counterparts, Gen. Valery Gerasimov and Col. Gen. Ruslan Khomchak".

A title with no name is a title-alone mention ("the Pentagon chief"), resolved
later against the article's people.

The parts: :mod:`sitrep.nlp.roles_qualifiers` reads the qualifiers, tense and
owners around a title, :mod:`sitrep.nlp.roles_attach` the names it is
attached to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.kb import KnowledgeBase, Office, Qualifier, TitleHit
from sitrep.nlp.roles_attach import attach_names, plural_list
from sitrep.nlp.roles_context import role_words
from sitrep.nlp.roles_names import name_after
from sitrep.nlp.roles_qualifiers import left_context, right_context

__all__ = ["TitlePhrase", "find_title_phrases"]

_COUNTERPART = re.compile(r"\bcounterparts?\b", re.IGNORECASE)


@dataclass(slots=True)
class TitlePhrase:
    """One office title in the text and what it says."""

    start: int  # evidence span (title + name when attached)
    end: int
    title_start: int
    title_end: int
    office: Office
    implied: bool
    qualifiers: list[tuple[int, int, Qualifier]] = field(default_factory=list)
    names: list[tuple[int, int]] = field(default_factory=list)
    relation: str = "alone"
    tense: str = "current"
    prefix: str | None = None  # Deputy, Acting ...
    counterpart: list[str] = field(default_factory=list)  # countries of "his Ukrainian counterpart"
    plural: bool = False
    possessive: bool = False  # "his/her ..." (counterpart of someone)
    per_name: list[Qualifier] = field(default_factory=list)  # "heads of the FSB and the SVR, A and B"
    portfolio: str | None = None  # "Labour" in "Labour Minister Dragan Milovanovic"
    owners: list[tuple[int, int]] = field(default_factory=list)  # "Aliyev's adviser", "Odesa's governor", "of the Kursk region"

    @property
    def country(self) -> str | None:
        for _, _, qualifier in self.qualifiers:
            if qualifier.country:
                return qualifier.country
        return None

    @property
    def org(self) -> str | None:
        for _, _, qualifier in self.qualifiers:
            if qualifier.org:
                return qualifier.org
        return None


def _head_of_office(text: str, pos: int, kb: KnowledgeBase) -> tuple[Office, int, tuple[int, int]] | None:
    """ "head of Zelensky's office" after "head" at ``pos``: (the presidential office, its end, the president's name)."""
    m = re.match(r"\s+of\s+([A-Z][\w\-]*)['’]s\s+office\b", text[pos : pos + 60])
    if m is None:
        return None
    person = kb.person(m.group(1))
    known = [person] if person is not None else kb.by_surname(m.group(1))
    if len(known) != 1:
        return None
    head_of_state = any((o := kb.office(r.role)) is not None and o.office_class == "head_of_state" for r in known[0].roles)
    office = kb.office("head of the presidential office")
    if not head_of_state or office is None:
        return None
    return office, pos + m.end(), (pos + m.start(1), pos + m.end(1))


def _counterpart_countries(text: str, start: int, end: int, kb: KnowledgeBase) -> list[str]:
    words = re.findall(r"[\w'’.\-]+", text[start:end])
    codes: list[str] = []
    for word in words:
        code = kb.demonym(word) or kb.country_name(word)
        if code and code not in codes:
            codes.append(code)
    return codes


def _counterparts(text: str, kb: KnowledgeBase) -> list[TitlePhrase]:
    """ "his Ukrainian counterpart", "his Russian and Ukrainian counterparts" as title phrases of their own."""
    out: list[TitlePhrase] = []
    for m in _COUNTERPART.finditer(text):
        head = text[max(0, m.start() - 60) : m.start()]
        lead = re.search(r"(?:\b(?:his|her|their|its)\s+)((?:[\w'’.\-]+\s+){0,4})$", head, re.IGNORECASE)
        start = m.start() - len(lead.group(0)) if lead else m.start()
        office = Office(id="counterpart", role="", office_class="counterpart", sector="GOV")
        phrase = TitlePhrase(
            start=start,
            end=m.end(),
            title_start=start,
            title_end=m.end(),
            office=office,
            implied=False,
            counterpart=_counterpart_countries(text, start, m.start(), kb),
            plural=m.group(0).lower().endswith("s"),
            possessive=lead is not None,
        )
        out.append(phrase)
    return out


def find_title_phrases(
    text: str, *, kb: KnowledgeBase, hits: Sequence[TitleHit] | None = None
) -> list[TitlePhrase]:
    """Every office title in ``text`` with its qualifiers, tense and attached names, in text order.

    ``hits`` are ``kb.find_titles(text)`` when the caller has them already
    (:func:`sitrep.nlp.memo.doc_titles`).
    """
    phrases: list[TitlePhrase] = []
    counterpart_spans = _counterparts(text, kb)
    for hit in kb.find_titles(text) if hits is None else hits:
        if any(c.title_start <= hit.start < c.title_end for c in counterpart_spans):
            continue
        word = text[hit.start : hit.end]
        # lowercase "president"/"head"/"director" etc. in running text must be a title, not a verb or noun use
        phrase = TitlePhrase(
            start=hit.start,
            end=hit.end,
            title_start=hit.start,
            title_end=hit.end,
            office=hit.office,
            implied=hit.implied,
            plural=word.lower().endswith(("heads", "ministers", "secretaries", "spokesmen", "presidents", "leaders")),
        )
        head_office = _head_of_office(text, hit.end, kb) if hit.office.id == "director" else None
        if head_office is not None:
            # "Andriy Yermak, the head of Zelensky's office": the president's office
            phrase.office, phrase.title_end, phrase.end = head_office[0], head_office[1], head_office[1]
            phrase.owners.append(head_office[2])
        if hit.qualifier and hit.qualifier_start is not None:
            inner = kb.qualify(hit.qualifier)
            if inner is not None:
                phrase.qualifiers.append((hit.qualifier_start, hit.qualifier_start + len(hit.qualifier), inner))
        phrase.start = left_context(text, hit.start, kb, phrase)
        right_end = right_context(text, phrase.title_end, kb, phrase)
        phrase.end = right_end
        attach_names(text, phrase, kb, right_end=right_end)
        if phrase.relation == "alone" and phrase.plural:
            # "the heads of the FSB ... and the SVR ..., Alexander Bortnikov and Sergei Naryshkin"
            plural_list(text, phrase, kb)
        phrases.append(phrase)
    for counterpart in counterpart_spans:
        attach_names(text, counterpart, kb, right_end=counterpart.title_end)
        phrases.append(counterpart)
    phrases.extend(_run_by(text, kb))
    phrases.sort(key=lambda p: p.title_start)
    return phrases


_MINISTRY = re.compile("ministry", re.IGNORECASE)


@lru_cache(maxsize=1)
def _run_by_pattern() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, role_words().run_by))
    return re.compile(
        rf"\b((?:[\w'’.\-]+\s+){{1,3}}?)ministry,?\s+(?:which\s+(?:is|has\s+been)\s+)?(?:{verbs})"
        rf"(?:\s+(?:since|from|until)\s+[\w\s]{{1,25}}?)?\s+by\s+",
        re.IGNORECASE,
    )


def _run_by(text: str, kb: KnowledgeBase) -> list[TitlePhrase]:
    """ "The defence ministry, run since May by Andrei Belousov": the head of a ministry named by a verb."""
    out: list[TitlePhrase] = []
    if _MINISTRY.search(text) is None:  # the pattern needs the word: skip its slow scan of the whole text
        return out
    for m in _run_by_pattern().finditer(text):
        words = m.group(1).split()
        for k in range(len(words)):
            office = kb.office(" ".join([*words[k:], "minister"]))
            if office is None or office.id in ("minister", "counterpart"):
                continue
            span = name_after(text, m.end(), kb)
            if span is None:
                break
            start = m.start(1) + len(" ".join(words[:k])) + (1 if k else 0)
            phrase = TitlePhrase(start=start, end=span[1], title_start=start, title_end=m.end(), office=office,
                                 implied=False, names=[span], relation="run_by")
            qualifier = kb.qualify(" ".join(words[k:-1])) if len(words) - k > 1 else None
            if qualifier is not None and qualifier.country:
                phrase.qualifiers.append((start, start + len(" ".join(words[k:-1])), qualifier))
            out.append(phrase)
            break
    return out
