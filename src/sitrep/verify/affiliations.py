"""Person affiliations two articles disagree on, wherever in the text they stand.

The rewrite diff compares aligned sentences; a heavy rewrite may keep a fact
while rewording everything around it. :func:`affiliation_conflicts` compares
the country attached to each person's name in two articles instead: the
country word of the title phrase right before the name ("Russian Foreign
Minister Dmytro Kuleba" -> RUS, "his Ukrainian counterpart, Dmytro Kuleba" ->
UKR). A person the copy ties to a country that the original never gives them,
while the original gives another, is a conflict of medium severity: it rests
on one other article, not on independent sources.
"""

from __future__ import annotations

from sitrep.model import Article
from sitrep.verify.lexicon import Lexicon, load_lexicon
from sitrep.verify.records import Edit, Span
from sitrep.verify.tags import Tagged, tag_article

__all__ = ["affiliation_conflicts", "affiliations"]

_BRIDGE = frozenset({"of", "state", "his", "her", "their", "counterpart", ",", "the", "'s", "-"})
_LOOKBACK = 7


def affiliations(tagged: Tagged, *, lexicon: Lexicon) -> dict[str, list[tuple[str, int, int]]]:
    """Surname -> [(country code, start of the country word, end of the name)] for each titled mention.

    Capitals and a country word followed by a comma ("In Brussels, Secretary
    ...") are places, not affiliations.
    """
    capitals = lexicon.capitals
    out: dict[str, list[tuple[str, int, int]]] = {}
    tokens, tags = tagged.tokens, tagged.tags
    k = 0
    while k < len(tokens):
        if tags[k] != "name":
            k += 1
            continue
        end = k
        while end + 1 < len(tokens) and tags[end + 1] == "name":
            end += 1
        j = k - 1
        seen_office = False
        while j >= 0 and k - j <= _LOOKBACK and (tags[j] in ("office", "name") or tokens[j].norm in _BRIDGE):
            seen_office = seen_office or tags[j] == "office" or tokens[j].norm == "counterpart"
            j -= 1
        is_country = j >= 0 and tags[j] == "country" and tokens[j].norm not in capitals
        code = tagged.codes[j] if is_country and tokens[j + 1].norm != "," else None
        if code is not None and seen_office:
            out.setdefault(tokens[end].norm, []).append((code, tokens[j].start, tokens[end].end))
        k = end + 1
    return out


def affiliation_conflicts(original: Article, copy: Article, *, lexicon: Lexicon | None = None) -> list[Edit]:
    """People whom ``copy`` gives a country that ``original`` contradicts (medium severity)."""
    lex = lexicon or load_lexicon()
    orig = tag_article(original.text, lexicon=lex)
    cop = tag_article(copy.text, lexicon=lex)
    known = affiliations(orig, lexicon=lex)
    edits: list[Edit] = []
    for name, mentions in affiliations(cop, lexicon=lex).items():
        codes_o = {code for code, _, _ in known.get(name, [])}
        for code, start, end in mentions:
            if not codes_o or code in codes_o:
                continue
            o_code, o_start, o_end = known[name][0]
            so = Span(o_start, o_end, orig.text[o_start:o_end])
            sc = Span(start, end, cop.text[start:end])
            message = f'"{sc.text}" ties this person to {code}; the other article has "{so.text}" ({o_code})'
            edits.append(Edit("affiliation_change", "medium", so, sc, message))
    return edits
