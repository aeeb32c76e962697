"""The person names an office title is attached to.

:func:`attach_names` finds them in four shapes: title before name ("U.S.
Defense Secretary Lloyd Austin"), title, name ("Ukraine's defence minister,
Andrii Taran"), name, title ("Ruslan Khomchak, head of the General Staff";
"Milley, who chairs ...") and name ... as title ("Sergei Lavrov to stay on as
foreign minister"); :func:`plural_list` pairs a plural title with coordinated
names ("the heads of the FSB and the SVR, Alexander Bortnikov and Sergei
Naryshkin"). Both fill in the :class:`~sitrep.nlp.roles_titles.TitlePhrase`
they are given.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.kb import KnowledgeBase, Qualifier
from sitrep.nlp.entities_scan import organisations_in
from sitrep.nlp.roles_names import name_after, name_before, rank_before

if TYPE_CHECKING:
    from sitrep.nlp.roles_titles import TitlePhrase

__all__ = ["attach_names", "plural_list"]

_SPACES = re.compile(r"\s*")
_AND_OR_COMMA = re.compile(r",?\s+and\s+|,\s+")
_AS_CUE = re.compile(
    r"\b(?:stay on|stays on|stayed on|remain|remains|serves|serving|took over|takes over|appointed|named|sworn in|confirmed|reappointed)\s+as\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_APPOSITION_LEAD = re.compile(
    r"(?:,\s*(?:who\s+(?:is|was|has\s+been|remains)\s+|who\s+)?|\s+(?:is|was|remains|has\s+been)\s+)$"
)


def attach_names(text: str, phrase: TitlePhrase, kb: KnowledgeBase, *, right_end: int) -> None:
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


def plural_list(text: str, phrase: TitlePhrase, kb: KnowledgeBase) -> None:
    """Attach the coordinated names after a plural title, one body each when the bodies between match them."""
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
