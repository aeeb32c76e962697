"""Entity span repairs that run after the trained NER (called by :mod:`sitrep.nlp.ner_rules`).

Entities are handled as ``(start, end, label)`` token ranges. Each rule takes the
list and returns a new one without overlaps:

* :func:`trim_lowercase`: an all-lower-case common noun ("defence",
  "alliance", "bloc") is never an entity on its own, and lower-case words at the
  edges of a name are not part of it;
* :func:`event_names`: names of meetings and treaties ("Munich Security
  Conference") are events;
* :func:`drop_date_words`: a weekday or month name alone is never an entity
  ("on Monday", "in May"), except a name part right after a first name
  ("Theresa May");
* :func:`merge_adjacent`: two entities of one type with one space between are
  one name ("Joe" + "Biden");
* :func:`extend_hyphens`: a hyphenated name part stays in the name
  ("al-Sudani", "Lai Ching-te", "Rostov-on-Don"), not a hyphenated adjective
  ("Russia-backed");
* :func:`head_noun_names`: capitalised words ending in an organisation, place or
  facility head noun are one name, continued over "of"/"for" ("Federal Penitentiary
  Service", "Economic Community of West African States", "Strait of Hormuz",
  "Orchestra Hall");
* :func:`place_contexts`: a capitalised word after "the town of" or before
  "region" is a place;
* :func:`datelines`: the upper-case place and the outlet of a dateline
  ("KYIV, March 3 (Wire) -").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Token

from sitrep.dateline import line_place, match_dateline
from sitrep.nlp.memo import doc_text, doc_words
from sitrep.nlp.ner_rules_lexicon import NerLexicon
from sitrep.nlp.ner_rules_lowercase import PLACE_LABELS, known_lowercase_place

__all__ = [
    "HYPHENS",
    "Ent",
    "cap_run",
    "datelines",
    "drop_date_words",
    "event_names",
    "extend_hyphens",
    "head_noun_names",
    "is_cap",
    "left_run",
    "list_items",
    "merge_adjacent",
    "place_contexts",
    "put",
    "replace_any",
    "trim_lowercase",
]

Ent = tuple[int, int, str]

HYPHENS = frozenset({"-", "‐", "‑"})  # hyphen characters that join name parts


_PLACES_AND_PERSONS = frozenset({"PERSON", "GPE", "LOC"})


def _labelled(labels: frozenset[str]) -> Callable[[Ent], bool]:
    """A ``replace`` test for :func:`put`: entities with one of ``labels``."""
    return lambda ent: ent[2] in labels


def replace_any(_ent: Ent) -> bool:
    """A ``replace`` test for :func:`put` that accepts every entity."""
    return True


def is_cap(token: Token) -> bool:
    """A capitalised word ("Kyiv", "U.S.", "McCarthy")."""
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen written without spaces between two words."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isalpha()
    )


def _spaced(doc: Doc, i: int) -> bool:
    """``doc[i]`` and the next token are separated by exactly one space."""
    return i + 1 < len(doc) and doc[i].whitespace_ == " "


def put(ents: Iterable[Ent], new: Ent, *, replace: Callable[[Ent], bool] | None = None) -> list[Ent] | None:
    """``ents`` with ``new`` added, dropping the entities inside it; ``None`` when it would cut one.

    An entity that overlaps ``new`` without lying inside it blocks the change,
    unless ``replace`` accepts it (then it is dropped too).
    """
    start, end, _ = new
    out: list[Ent] = []
    for ent in ents:
        if ent[1] <= start or ent[0] >= end:
            out.append(ent)
        elif not (start <= ent[0] and ent[1] <= end) and (replace is None or not replace(ent)):
            return None
    out.append(new)
    return sorted(out)


def trim_lowercase(doc: Doc, ents: list[Ent], lex: NerLexicon) -> list[Ent]:
    """Lower-case words at the edges of a name go ("Wagner vehicles" -> ``Wagner``), a person stops at one
    ("Zelensky of Germany" -> ``Zelensky``), and what has no capital letter and no proper noun left is
    dropped ("defence", "bloc"), unless it is a known place written in lower case ("kerala",
    :mod:`sitrep.nlp.ner_rules_lowercase`)."""
    def loose(t: Token) -> bool:
        return t.is_lower and t.is_alpha and t.text not in lex.name_particles and not _glued_hyphen(doc, t.i - 1)

    out: list[Ent] = []
    for start, end, label in ents:
        if label in PLACE_LABELS and known_lowercase_place(doc[start:end].text):  # "hotels in kerala"
            out.append((start, end, label))
            continue
        while start < end and loose(doc[start]):
            start += 1
        while end > start and loose(doc[end - 1]):
            end -= 1
        if label == "PERSON":
            cut = next((i for i in range(start + 1, end) if loose(doc[i])), end)
            end = cut
        words = doc[start:end]
        if start >= end or not (any(c.isupper() for c in words.text) or any(t.pos_ == "PROPN" for t in words)):
            continue
        out.append((start, end, label))
    return sorted(set(out))


def event_names(doc: Doc, ents: list[Ent], lex: NerLexicon) -> list[Ent]:
    """A name followed by or ending in an event or law word ("Munich Security" + "Conference", "North
    Atlantic Treaty") is an EVENT, not a body or place."""
    out: list[Ent] = []
    for start, end, label in ents:
        if label in ("ORG", "GPE", "LOC", "PERSON", "FAC"):
            if doc[end - 1].text in lex.event_heads and end - start > 1:
                label = "EVENT"
            elif end < len(doc) and doc[end].text in lex.event_heads and _spaced(doc, end - 1):
                end, label = end + 1, "EVENT"
        out.append((start, end, label))
    merged: list[Ent] = []
    for ent in sorted(out):
        if merged and ent[0] < merged[-1][1]:
            continue
        merged.append(ent)
    return merged


def drop_date_words(doc: Doc, ents: list[Ent], lex: NerLexicon) -> list[Ent]:
    """A weekday or month name alone is not an entity; "May" after a first name ("Theresa May") stays."""
    out: list[Ent] = []
    for start, end, label in ents:
        if end - start == 1 and doc[start].text in lex.date_words:
            prev = doc[start - 1] if start > 0 else None
            after_name = (
                label == "PERSON" and doc[start].text in lex.months and prev is not None and prev.whitespace_ == " "
                and is_cap(prev) and prev.is_alpha and prev.text not in lex.not_names
                and prev.text not in lex.date_words
            )
            if not after_name:
                continue
        out.append((start, end, label))
    return out


def merge_adjacent(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Entities of one type with only one space between them become one ("Joe" + "Biden")."""
    out: list[Ent] = []
    for ent in sorted(ents):
        if out and out[-1][1] == ent[0] and out[-1][2] == ent[2] and doc[ent[0] - 1].whitespace_ == " ":
            out[-1] = (out[-1][0], ent[1], ent[2])
        else:
            out.append(ent)
    return out


def extend_hyphens(doc: Doc, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> list[Ent]:
    """Hyphenated name parts join the name ("Lai Ching" + "-te", "Hussein al" + "-Ezzi", "al-" + "Sudani").

    Two names joined by a hyphen stay two ("Russia-Ukraine", "NATO-Russia").
    """
    out = sorted(ents)
    owner = {t: (s, e) for s, e, _ in out for t in range(s, e)}
    i = 0
    while i < len(out):
        start, end, label = out[i]
        taken = {t for t, extent in owner.items() if extent != (start, end)} if _glued_hyphen(doc, end) or (
            start >= 2 and _glued_hyphen(doc, start - 1)) else set()
        new_end = end
        while _glued_hyphen(doc, new_end):
            nxt = doc[new_end + 1]
            if new_end + 1 in taken or nxt.text in gazetteer:
                break
            lower_part = nxt.is_lower and nxt.is_alpha and nxt.text not in lex.hyphen_suffix_stop and (
                (_glued_hyphen(doc, new_end + 2) and is_cap(doc[new_end + 3]))  # Rostov-on-Don
                or (label == "PERSON" and len(nxt.text) <= 4 and not _glued_hyphen(doc, new_end + 2))  # Ching-te
            )
            if not ((is_cap(nxt) and nxt.is_alpha) or lower_part):
                break
            new_end += 2
        new_start = start
        if start >= 2 and _glued_hyphen(doc, start - 1):
            before = doc[start - 2]
            if start - 2 not in taken and before.text not in gazetteer and (
                before.text.lower() in lex.name_particles or (label == "PERSON" and is_cap(before) and before.is_alpha)
            ):
                new_start = start - 2
        if (new_start, new_end) != (start, end):
            new = (new_start, new_end, label)
            merged = put(out[:i] + out[i + 1:], new, replace=_labelled(frozenset({label})))
            if merged is not None:
                out = merged
                owner = {t: (s, e) for s, e, _ in out for t in range(s, e)}
                i = out.index(new)
        i += 1
    return out


def left_run(doc: Doc, head: int, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> int:
    """Start of the capitalised words before ``head`` that belong to its name."""
    # entities that end before the head (a person's name before "Administration"); one that takes the
    # head in too ("Vilnius University"/PERSON) is a mistyped name of the run itself
    in_ent = {i: label for s, e, label in ents if e <= head for i in range(s, e)}
    j = head
    while j > 0:
        if _glued_hyphen(doc, j - 1) and j >= 2 and is_cap(doc[j - 2]):
            j -= 2  # "NATO-Ukraine", "Anti-Terrorism"
            continue
        prev = doc[j - 1]
        if prev.whitespace_ != " " and prev.text not in ("'s", "’s"):
            break
        if prev.text in ("'s", "’s") and j >= 2:
            owner = doc[j - 2]
            if is_cap(owner) and owner.text not in gazetteer and owner.i not in in_ent and j < head + 1:
                j -= 2  # "People's Liberation Army"
                continue
            break
        if prev.text == "and" and j >= 2 and is_cap(doc[j - 2]) and doc[j - 2].text not in gazetteer \
                and (j - 2) not in in_ent and doc[j - 2].text not in lex.not_names:
            j -= 2  # "Peace and Security Council"
            continue
        if not is_cap(prev) or prev.text in lex.not_names or prev.text in lex.date_words:
            break
        label = gazetteer.get(prev.text)
        if label == "NORP" or in_ent.get(j - 1) == "PERSON":
            break
        if label in ("GPE", "LOC"):
            j -= 1  # "Taiwan Affairs Office", "Vilnius University", "Dnipro River"
            if _glued_hyphen(doc, j - 1) and j >= 2 and is_cap(doc[j - 2]):
                continue  # "NATO-Ukraine Council"
            break
        j -= 1
    return j


def _of_run(doc: Doc, pos: int, lex: NerLexicon, gazetteer: Mapping[str, str], *, places: bool = False) -> int:
    """End of "of/for [the] Capitalised Words" starting at ``pos`` (``pos`` when there is none).

    A country or nationality word after "of" stays apart unless ``places`` ("University of Wales")."""
    if pos >= len(doc) - 1 or doc[pos].text not in ("of", "for") or not _spaced(doc, pos - 1) or not _spaced(doc, pos):
        return pos
    k = pos + 1
    if doc[k].text == "the" and _spaced(doc, k):
        k += 1
    first = k
    while k < len(doc) and is_cap(doc[k]) and doc[k].text not in lex.not_names and doc[k].text not in lex.date_words:
        k += 1
        if k < len(doc) and _glued_hyphen(doc, k) and is_cap(doc[k + 1]):
            k += 2
            continue
        if not _spaced(doc, k - 1):
            break
    if k == first:
        return pos
    words = doc[first:k].text
    if not places and gazetteer.get(words) in ("GPE", "NORP"):
        return pos  # "Ministry of Defence of Ukraine": the country stays apart
    return k


def head_noun_names(doc: Doc, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> list[Ent]:
    """Capitalised words ending in an organisation or place head noun become one ORG or LOC name."""
    out = sorted(ents)
    heads = (lex.org_heads | lex.org_heads_with_of | lex.loc_heads | lex.loc_heads_with_of | lex.loc_prefix_heads
             | lex.fac_heads)
    for i in [i for i, word in enumerate(doc_words(doc)) if word in heads]:
        token = doc[i]
        text = token.text
        label = "ORG" if text in lex.org_heads or text in lex.org_heads_with_of else (
            "LOC" if text in lex.loc_heads or text in lex.loc_heads_with_of or text in lex.loc_prefix_heads else (
                "FAC" if text in lex.fac_heads else None))
        if label is None or (i > 0 and doc[i - 1].text in lex.not_names and doc[i - 1].is_sent_start):
            continue
        if label == "FAC" and _spaced(doc, i) and is_cap(doc[i + 1]):
            continue  # the name goes on ("Water Bridge Duty Free")
        left = text in lex.org_heads or text in lex.loc_heads or text in lex.fac_heads
        start = left_run(doc, i, out, lex, gazetteer) if left else i
        end = i + 1
        if text in lex.org_heads_with_of or text in lex.loc_heads_with_of:
            end = _of_run(doc, i + 1, lex, gazetteer, places=text in lex.org_heads_with_place)
        if text in lex.loc_prefix_heads and end == i + 1 and _spaced(doc, i) and is_cap(doc[i + 1]) \
                and doc[i + 1].text not in lex.date_words and doc[i + 1].text not in lex.not_names:
            end = i + 2  # "Lake Chad", "Mount Hermon"
        if end - start < 2:
            continue
        if start == i and end == i + 1:
            continue
        if start == i and text not in lex.loc_heads_with_of and text not in lex.org_heads_with_of \
                and text not in lex.loc_prefix_heads:
            continue
        new = (start, end, label)
        if new in out:
            continue
        gaz_left = {e for e in out if e[0] < start < e[1] <= end and doc[e[0]:start].text in gazetteer}
        merged = put(out, new, replace=gaz_left.__contains__)
        if merged is None:
            continue
        for e in gaz_left:  # "U.S. House of Representatives": the country keeps its own span
            merged.append((e[0], start, gazetteer[doc[e[0]:start].text]))
        out = sorted(merged)
    return out


def cap_run(doc: Doc, k: int, lex: NerLexicon, *, limit: int = 3) -> int:
    """End of the capitalised words from ``k`` (hyphenated parts included; ``k`` when there are none)."""
    end = k
    while end < len(doc) and end - k < limit and is_cap(doc[end]) and doc[end].text not in lex.not_names \
            and doc[end].text not in lex.date_words:
        end += 1
        if _glued_hyphen(doc, end) and end + 1 < len(doc) and not doc[end + 1].is_lower:
            end += 2
        if not _spaced(doc, end - 1) or end >= len(doc) or not is_cap(doc[end]):
            break
    return end


def list_items(doc: Doc, end: int, lex: NerLexicon) -> list[tuple[int, int]]:
    """Further items of a list that goes on at ``end``: ", Matsu, Wuqiu and Dongyin"."""
    items: list[tuple[int, int]] = []
    k = end
    while k + 1 < len(doc) and doc[k].text in (",", "and") and (doc[k].text == "and" or not doc[k - 1].whitespace_):
        k += 1
        if doc[k].text == "and" and doc[k - 1].text == ",":
            k += 1
        item_end = cap_run(doc, k, lex)
        if item_end == k:
            break
        items.append((k, item_end))
        if doc[k - 1].text == "and":
            break
        k = item_end
    return items


def place_contexts(doc: Doc, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> list[Ent]:
    """Names typed by the words around them.

    Places: "the town of Sudzha", "the islands of Kinmen, Matsu and Dongyin",
    "the Kursk region", "the Voronezh and Lipetsk regions", "the Lachin corridor",
    "the Nevatim air base". Bodies: "the airline Aeroflot", "the rights group
    OVD-Info", "the state hydropower company, Ukrhydroenergo".
    """
    out = sorted(ents)
    found: list[tuple[int, int, str]] = []
    words = doc_words(doc)
    cues = lex.place_nouns_before | lex.org_nouns_before
    for i in [i for i, word in enumerate(words[:-2]) if word in cues]:
        token = doc[i]
        if token.text in lex.place_nouns_before and doc[i + 1].text == "of" and _spaced(doc, i) and _spaced(doc, i + 1):
            end = cap_run(doc, i + 2, lex)
            if end > i + 2:
                found.append((i + 2, end, "GPE"))
                found.extend((s, e, "GPE") for s, e in list_items(doc, end, lex))
        if token.text in lex.org_nouns_before and token.is_lower:
            k = i + 1
            if doc[k].text == "," and not token.whitespace_:
                k += 1
            elif not _spaced(doc, i):
                continue
            end = cap_run(doc, k, lex)
            if end > k and (end == len(doc) or not doc[end].text[:1].isupper()):
                found.append((k, end, "ORG"))
    firsts = {a for a, _ in lex.place_nouns_after_pairs}
    for i in [i for i, word in enumerate(words) if word in lex.place_nouns_after or word in firsts]:
        pair = i + 1 < len(doc) and (words[i], words[i + 1]) in lex.place_nouns_after_pairs
        if (words[i] not in lex.place_nouns_after and not pair) or i == 0 or not _spaced(doc, i - 1):
            continue
        k = i
        while k > 0 and k > i - 3 and is_cap(doc[k - 1]) and _spaced(doc, k - 1) and doc[k - 1].text not in lex.not_names:
            k -= 1
        if k < i:
            found.append((k, i, "GPE"))
            if k >= 2 and doc[k - 1].text == "and" and is_cap(doc[k - 2]) and doc[k - 2].text not in lex.not_names:
                found.append((k - 2, k - 1, "GPE"))  # "Voronezh and Lipetsk regions"
    for start, end, label in found:
        span = doc[start:end]
        if any(t.text in lex.date_words or gazetteer.get(t.text) == "NORP" for t in span):
            continue
        if label == "GPE" and any(t.text in lex.org_heads or t.text in lex.event_heads for t in span):
            continue
        if gazetteer.get(span.text) not in (None, "GPE", "LOC") and label == "GPE":
            continue
        if any(e[0] <= start and end <= e[1] and (e[0], e[1]) != (start, end) and e[2] != "PERSON" for e in out):
            continue  # inside a longer name
        replaceable = _PLACES_AND_PERSONS if label == "GPE" else _PLACES_AND_PERSONS | {"ORG"}
        merged = put(out, (start, end, label), replace=_labelled(replaceable))
        if merged is not None:
            out = merged
    return out


def datelines(doc: Doc, ents: list[Ent], place_names: Mapping[str, str]) -> list[Ent]:
    """The upper-case place at a line start before a comma or dash, and the outlet in the dateline.

    The place is taken when its title-cased form is a known place (``place_names``,
    lower-cased keys) or when a date follows it ("KYIV, March 3"); the outlet is
    the name in brackets after that date ("(Wire) -").
    """
    out = sorted(ents)
    text = doc_text(doc)
    pos = 0
    while (m := line_place(text, pos)) is not None:
        pos = m.end()
        place = m.group("place")
        if len(place) < 3:
            continue
        found = match_dateline(text, m.start())
        dated = found is not None and found.date is not None
        known = place_names.get(place.lower())
        if known is None and not dated:
            continue
        spans: list[tuple[int, int, str]] = [(m.start("place"), m.end("place"), known or "GPE")]
        if found is not None and found.date is not None and found.outlet is not None and text[found.outlet[0]].isupper():
            spans.append((*found.outlet, "ORG"))
        for s, e, label in spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            merged = put(out, (span.start, span.end, label), replace=replace_any)
            if merged is not None:
                out = merged
    return out
