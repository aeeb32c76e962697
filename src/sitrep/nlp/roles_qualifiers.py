"""What surrounds an office title: the qualifiers, tense and owners before and after it.

:func:`left_context` reads back from a title over modifiers ("former",
"deputy"), determiners, countries and bodies ("U.S.", "Ukraine's", "Pentagon",
"the Russian-installed", "foreign ministry"), unknown capitalised bodies
("Bureau of Prisons") and owners ("Aliyev's", "the junta's");
:func:`right_context` reads forward over "of Ukraine", "of the Armed Forces of
Ukraine", "in the Houthi administration", "of the Kursk region" and "to
Zelensky's office". Both fill in the :class:`~sitrep.nlp.roles_titles.TitlePhrase`
they are given and return where the phrase now starts or ends.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.kb import KnowledgeBase, Qualifier
from sitrep.nlp.roles_context import role_words
from sitrep.nlp.roles_names import qualifier_before

if TYPE_CHECKING:
    from sitrep.nlp.roles_titles import TitlePhrase

__all__ = ["left_context", "right_context"]

_PAST = re.compile(
    r"(?:\b(?:former|ex|then|late|previous|previously|who served as|who had served as|served as|who was then)\s*-?\s*$)",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:to become|will become|would become|to be named|nominated as|nominee for|candidate for|incoming|designate|to replace)\s+(?:the\s+)?(?:[\w'’.]+\s+){0,3}$",
    re.IGNORECASE,
)
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "your", "my"}


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


def left_context(text: str, start: int, kb: KnowledgeBase, phrase: TitlePhrase) -> int:
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


def right_context(text: str, end: int, kb: KnowledgeBase, phrase: TitlePhrase) -> int:
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
