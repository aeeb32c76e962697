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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.kb import KnowledgeBase, Office, Qualifier, TitleHit
from sitrep.nlp.entities_scan import organisations_in
from sitrep.nlp.roles_context import role_words
from sitrep.nlp.roles_names import name_after, name_before, qualifier_before, rank_before

__all__ = ["TitlePhrase", "find_title_phrases"]

_SPACES = re.compile(r"\s*")
_AND_OR_COMMA = re.compile(r",?\s+and\s+|,\s+")
_COUNTERPART = re.compile(r"\bcounterparts?\b", re.IGNORECASE)
_PAST = re.compile(
    r"(?:\b(?:former|ex|then|late|previous|previously|who served as|who had served as|served as|who was then)\s*-?\s*$)",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:to become|will become|would become|to be named|nominated as|nominee for|candidate for|incoming|designate|to replace)\s+(?:the\s+)?(?:[\w'’.]+\s+){0,3}$",
    re.IGNORECASE,
)
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my"}


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


@lru_cache(maxsize=4)
def _regexes(kb: KnowledgeBase) -> tuple[re.Pattern[str], re.Pattern[str]]:
    q = kb.qualifier_regex()
    right = re.compile(
        rf"\s+(?:of|for|at)\s+(?:the\s+)?({q})(?:\s+(armed forces|army|military|government))?(?![\w])", re.IGNORECASE
    )
    target = re.compile(rf"\s+to\s+(?:the\s+)?({q})(?![\w])")
    return right, target


@lru_cache(maxsize=4)
def _in_body_regexes(kb: KnowledgeBase, in_bodies: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "in the Ukrainian government" (a qualifier's body) and "in Bazoum's government" (its head's), compiled once:
    rebuilt per call, the long qualifier alternation fell out of ``re``'s cache and was compiled again."""
    bodies = "|".join(map(re.escape, in_bodies))
    group = re.compile(rf"\s+in\s+the\s+({kb.qualifier_regex()})\s+({bodies})\b")
    government = re.compile(rf"\s+in\s+([A-Z][\w\-]*)['’]s\s+(?:{bodies})\b")
    return group, government


@lru_cache(maxsize=4)
def _place_after_regex(suffixes: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"\s+of\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)(?:\s+(?:{'|'.join(map(re.escape, suffixes))}))?(?![\w'’])")


def _left_context(text: str, start: int, kb: KnowledgeBase, phrase: TitlePhrase) -> int:
    """Consume qualifiers, modifiers and determiners before the title; return the new start."""
    pos = start
    for _ in range(6):
        off = max(0, pos - 100)
        head = text[off:pos].rstrip(" \t")
        head_end = off + len(head)
        if head_end == pos:
            break
        word_match = re.search(r"([\w'’.\-]+)$", head)
        if not word_match:
            break
        word = word_match.group(1)
        word_start = off + word_match.start()
        low = word.lower().rstrip(".")
        if low in kb.modifiers or low + "-" in kb.modifiers:
            spec = kb.modifiers.get(low) or kb.modifiers.get(low + "-") or {}
            if spec.get("past"):
                phrase.tense = "past"
            if spec.get("future"):
                phrase.tense = "future"
            if spec.get("prefix"):
                phrase.prefix = f"{spec['prefix']} {phrase.prefix}" if phrase.prefix else str(spec["prefix"])
            pos = word_start
            continue
        if low in kb.fillers:
            pos = word_start
            continue
        if low in _DETERMINERS:
            phrase.possessive = low in {"his", "her", "their"}
            pos = word_start
            break
        # "the Russian-installed governor": the appointing country is the office's country
        installed = _installed_by(word, kb)
        if installed is not None:
            phrase.qualifiers.insert(0, (word_start, head_end, Qualifier(installed, None, None)))
            pos = word_start
            continue
        # two-word generic bodies before one-word ones ("foreign ministry spokeswoman")
        two = re.search(r"([\w'’.\-]+\s+[\w'’.\-]+)$", head)
        body_words = kb.generic_body(two.group(1)) if two else None
        if two and body_words:
            phrase.qualifiers.append((off + two.start(1), head_end, Qualifier(None, body_words[0], body_words[1])))
            pos = off + two.start(1)
            continue
        found = qualifier_before(text, head_end, kb)
        if found is not None and (found[1].country is not None or found[1].org):
            q_start, qualifier = found
            phrase.qualifiers.append((q_start, head_end, qualifier))
            pos = q_start
            continue
        if kb.generic_body(word) or low == "presidential":
            name, sector = kb.generic_body(word) or ("Presidency", "GOV")
            phrase.qualifiers.append((word_start, head_end, Qualifier(None, name, sector)))
            pos = word_start
            continue
        # a person's or a place's possessive ("Aliyev's foreign policy adviser", "Odesa's governor")
        owner = re.search(r"([A-Z][\w\-]*)['’]s$", head)
        if owner is not None and kb.qualify(owner.group(1)) is None:
            phrase.owners.append((off + owner.start(1), off + owner.end(1)))
            pos = off + owner.start(1)
            break
        # a body named before ("the junta's spokesman", "the bloc's chairman"): resolved by its antecedent
        noun = re.search(r"\b[Tt]he\s+([a-z][\w\-]*)['’]s$", head)
        if noun is not None and noun.group(1) in role_words().owner_nouns:
            phrase.owners.append((off + noun.start(1), off + noun.end(1)))
            pos = off + noun.start()
            break
        # unknown capitalised body names right before a title ("Bureau of Prisons Director")
        body = re.search(r"((?:[A-Z][\w'’\-]*\s+(?:of\s+|for\s+)?){0,4}[A-Z][\w'’\-]*)$", head)
        if body and word[:1].isupper() and body.group(1).split()[0] not in {"The", "A", "An"} and kb.person(body.group(1)) is None:
            line_start = head.rfind("\n") + 1
            body_start = body.start(1)
            words = body.group(1).split()
            # "Serbian Labour Minister": the country is a qualifier of its own, "Labour" the body
            for k in range(len(words) - 1, 0, -1):
                lead_q = kb.qualify(" ".join(words[:k]))
                if lead_q is not None and lead_q.country is not None:
                    body_start = off + body.start(1) + len(" ".join(words[:k])) + 1 - off
                    break
            if body_start > line_start and not re.search(r"[.!?]\s*$", head[:body_start]):
                name = head[body_start:]
                if phrase.office.id == "minister" and not phrase.qualifiers:
                    phrase.portfolio = name
                else:
                    phrase.qualifiers.append((off + body_start, head_end, Qualifier(None, name, None)))
                pos = off + body_start
                continue
        break
    before = text[max(0, pos - 60) : pos]
    if _PAST.search(before):
        phrase.tense = "past"
    elif _FUTURE.search(before):
        phrase.tense = "future"
    return pos


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


def _installed_by(word: str, kb: KnowledgeBase) -> str | None:
    """The country of "Russian-installed", "Moscow-appointed", "Kremlin-backed" (see ``installed_by``), else ``None``."""
    head, dash, tail = word.rpartition("-")
    if not dash or tail.lower() not in role_words().installed_by or not head[:1].isupper():
        return None
    code = kb.demonym(head) or kb.country_name(head)
    if code is None:
        qualifier = kb.qualify(head)
        code = qualifier.country if qualifier is not None else None
    return code


def _right_context(text: str, end: int, kb: KnowledgeBase, phrase: TitlePhrase) -> int:
    """Consume "of Ukraine", "of the Armed Forces of Ukraine", "of Ukraine's Armed Forces" after the title."""
    qualifier_re, target_re = _regexes(kb)
    words = role_words()
    pos = end
    # "director of operations for the Joint Staff": a lowercase portfolio, then the body
    portfolio = re.match(r"\s+of\s+([a-z]+(?:\s+[a-z]+)?)(?=\s+(?:for|of|at|in)\s)", text[pos : pos + 60])
    if portfolio is not None and portfolio.group(1) in words.portfolio_words:
        pos += portfolio.end()
    for _ in range(3):
        m = qualifier_re.match(text, pos)
        if not m:
            body = _named_body(text, pos, words.body_nouns)
            if body is not None:
                phrase.qualifiers.append(body)
                pos = body[1]
                continue
            place = _place_after(text, pos, words.place_suffixes)
            if place is not None:
                phrase.owners.append(place)
                pos = place[1]
            break
        qualifier = kb.qualify(m.group(1) + (" " + m.group(2) if m.group(2) else ""))
        qualifier = qualifier or kb.qualify(m.group(1))
        if qualifier is None:
            break
        phrase.qualifiers.append((m.start(1), m.end(), qualifier))
        pos = m.end()
        # "the head of Russia's Investigative Committee": the body after a possessive country is no name
        if re.search(r"['’]s$", m.group(1)):
            after = re.match(r"\s+((?:[A-Z][\w\-]*\s+){0,3}([A-Z][\w\-]*))", text[pos : pos + 80])
            if after is not None and after.group(2).lower() in words.body_nouns:
                name = after.group(1)
                phrase.qualifiers.append((pos + after.start(1), pos + after.end(1), Qualifier(qualifier.country, name, None)))
                pos += after.end(1)
    group_re, government_re = _in_body_regexes(kb, words.in_bodies)
    group = group_re.match(text[pos : pos + 80])
    if group is not None:
        qualifier = kb.qualify(group.group(1))
        if qualifier is not None:
            phrase.qualifiers.append((pos + group.start(1), pos + group.end(2), qualifier))
            pos += group.end()
    # "the foreign minister in Bazoum's government": the government's head gives the country
    government = government_re.match(text[pos : pos + 80])
    if government is not None and not phrase.qualifiers:
        phrase.owners.append((pos + government.start(1), pos + government.end(1)))
        pos += government.end()
    to_target = target_re.match(text, pos)
    if to_target:
        pos = to_target.end()
    # "an adviser to the head of Zelensky's office": the person whose office it is
    owner = re.match(r"\s+to\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?([A-Z][\w\-]*)['’]s\s+[a-z]+", text[pos : pos + 60])
    if owner is not None and not phrase.qualifiers:
        phrase.owners.append((pos + owner.start(1), pos + owner.end(1)))
        pos += owner.end()
    return pos


def _named_body(text: str, pos: int, nouns: frozenset[str]) -> tuple[int, int, Qualifier] | None:
    """ "of the Joint Staff", "for the Investigative Committee": a capitalised body the base does not know."""
    m = re.match(r"\s+(?:of|for|at)\s+(?:the\s+)?((?:[A-Z][\w\-]*\s+){0,3}([A-Z][\w\-]*))(?![\w'’])", text[pos : pos + 80])
    if m is None or m.group(2).lower() not in nouns:
        return None
    return pos + m.start(1), pos + m.end(1), Qualifier(None, m.group(1), None)


def _place_after(text: str, pos: int, suffixes: frozenset[str]) -> tuple[int, int] | None:
    """ "of the Kursk region", "of Kherson": the place an official governs (its country is looked up later)."""
    m = _place_after_regex(suffixes).match(text[pos : pos + 80])
    if m is None:
        return None
    return pos + m.start(1), pos + m.end()


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


_AS_CUE = re.compile(
    r"\b(?:stay on|stays on|stayed on|remain|remains|serves|serving|took over|takes over|appointed|named|sworn in|confirmed|reappointed)\s+as\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_APPOSITION_LEAD = re.compile(
    r"(?:,\s*(?:who\s+(?:is|was|has\s+been|remains)\s+|who\s+)?|\s+(?:is|was|remains|has\s+been)\s+)$"
)


def _attach_names(text: str, phrase: TitlePhrase, kb: KnowledgeBase, *, right_end: int) -> None:
    """Find the names the title is attached to and extend the evidence span."""
    after = text[right_end : right_end + 2]
    # title + name ("Defense Secretary Lloyd Austin") -- not across a comma
    if not after.startswith((",", ";", ":", ".", "\n")):
        span = name_after(text, right_end, kb)
        if span is not None:
            phrase.names.append(span)
            phrase.relation = "title_name"
            phrase.end = span[1]
            return
    # title, name[, ...] ("Ukraine's defence minister, Andrii Taran")
    if after.startswith(","):
        # "the bloc's chairman, Nigerian President Bola Tinubu": a second title before the name
        nested = _nested_title_end(text, right_end + 1, kb) if phrase.office.id != "counterpart" else None
        names = _coordinated_names(text, right_end + 1 if nested is None else nested, kb)
        if names and (len(names) == 1 or phrase.plural):
            phrase.names.extend(names)
            phrase.relation = "title_comma_name"
            phrase.end = names[-1][1]
            return
    # name, [the] title ("Ruslan Khomchak, chief of the General Staff"; "Milley, who chairs ...")
    lead = _APPOSITION_LEAD.search(text[max(0, phrase.start - 30) : phrase.start])
    if lead is not None and lead.group(0).strip():
        comma = phrase.start - len(lead.group(0))
        span = name_before(text, comma, kb)
        if span is not None:
            phrase.names.append(span)
            phrase.relation = "name_title" if lead.group(0).lstrip().startswith(",") else "copula"
            phrase.start = rank_before(text, span[0], kb)
            return
    # name [to stay on | was appointed] as title ("Sergei Lavrov to stay on as foreign minister")
    if _AS_CUE.search(text[max(0, phrase.start - 40) : phrase.start]):
        clause = re.split(r"[.;:!?]", text[max(0, phrase.start - 100) : phrase.start])[-1]
        offset = phrase.start - len(clause)
        best: tuple[int, int] | None = None
        for cand in re.finditer(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}", clause):
            span = (cand.start() + offset, cand.end() + offset)
            name = text[span[0] : span[1]]
            if kb.person(name) is not None or len(kb.by_surname(name)) == 1:
                best = span
        if best is not None:
            phrase.names.append(best)
            phrase.relation = "as"
            phrase.start = best[0]


def _nested_title_end(text: str, pos: int, kb: KnowledgeBase) -> int | None:
    """End of a title (with its country: "Nigerian President") that starts right at ``pos``, else ``None``."""
    gap = _SPACES.match(text, pos)
    at = gap.end() if gap else pos
    window = text[at : at + 80]
    hits = kb.find_titles(window)
    if not hits:
        return None
    lead = window[: hits[0].start].strip()
    if lead and (kb.qualify(lead) is None or "," in lead):
        return None
    return at + hits[0].end


def _coordinated_names(text: str, pos: int, kb: KnowledgeBase) -> list[tuple[int, int]]:
    names: list[tuple[int, int]] = []
    for _ in range(4):
        span = name_after(text, pos, kb)
        if span is None:
            break
        names.append(span)
        m = _AND_OR_COMMA.match(text, span[1])
        if not m:
            break
        if name_after(text, m.end(), kb) is None:
            break
        pos = m.end()
    return names


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
        phrase.start = _left_context(text, hit.start, kb, phrase)
        right_end = _right_context(text, phrase.title_end, kb, phrase)
        phrase.end = right_end
        _attach_names(text, phrase, kb, right_end=right_end)
        if phrase.relation == "alone" and phrase.plural:
            # "the heads of the FSB ... and the SVR ..., Alexander Bortnikov and Sergei Naryshkin"
            _plural_list(text, phrase, kb)
        phrases.append(phrase)
    for counterpart in counterpart_spans:
        _attach_names(text, counterpart, kb, right_end=counterpart.title_end)
        phrases.append(counterpart)
    phrases.extend(_run_by(text, kb))
    phrases.sort(key=lambda p: p.title_start)
    return phrases


def _plural_list(text: str, phrase: TitlePhrase, kb: KnowledgeBase) -> None:
    window = text[phrase.title_end : phrase.title_end + 160]
    m = re.search(r",\s+(?=[A-Z])", window)
    if m is None or re.search(r"[.;]", window[: m.start()]):
        return
    names = _coordinated_names(text, phrase.title_end + m.end(), kb)
    if len(names) < 2:
        return
    orgs: list[tuple[int, int, Qualifier]] = []
    between = text[phrase.title_end : phrase.title_end + m.start()]
    for o_start, o_end, org_id in organisations_in(between, kb):
        org = kb.organisations[org_id]
        orgs.append((phrase.title_end + o_start, phrase.title_end + o_end, Qualifier(org.actor_code, org.name, org.sector)))
    orgs.sort(key=lambda q: q[0])
    phrase.names.extend(names)
    phrase.relation = "title_comma_name"
    phrase.end = names[-1][1]
    if len(orgs) == len(names):
        phrase.per_name = [q for _, _, q in orgs]


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
