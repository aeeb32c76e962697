"""Entity span repairs for names as web text writes them (called by :mod:`sitrep.nlp.ner_rules`).

Reviews, e-mails and forum posts name shops, companies and places in ways news
rarely does. Each rule takes ``(start, end, label)`` token ranges and returns a
new list without overlaps:

* :func:`drop_addresses`: an e-mail address or web address is not a name, nor
  part of one ("Ann Lee ann@example.org" -> ``Ann Lee``; "Ann Lee@ACME" stays);
* :func:`hyphen_ends`: a name that ends in a hyphen written inside a word goes on
  over the next part ("Coca-" + "Cola"), or loses the hyphen;
* :func:`company_suffixes`: capitalised words before a company suffix, with or
  without a comma, are one organisation ("Northwind Traders, Inc.", "ACME GASES
  PVT. LTD."); the suffixes are ``org_suffixes`` in ``data/ner_rules.json``;
* :func:`bracketed_acronyms`: an upper-case short form in brackets right after
  an organisation or place takes its type ("the World Heritage Union (WHU)");
* :func:`named_lists`: the capitalised names listed after a plural organisation
  noun and "like", "such as" or "including" ("companies like Northwind and
  Contoso") are organisations (``org_list_nouns``).

Names ending in a facility head noun ("Orchestra Hall", "Union Station") are
typed FAC by :func:`sitrep.nlp.ner_rules_spans.head_noun_names` (``fac_heads``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from spacy.tokens import Doc, Token

from sitrep.nlp.memo import doc_words
from sitrep.nlp.ner_rules_lexicon import NerLexicon
from sitrep.nlp.ner_rules_spans import HYPHENS, Ent, cap_run, is_cap, left_run, list_items, put

__all__ = ["bracketed_acronyms", "company_suffixes", "drop_addresses", "hyphen_ends", "is_address", "named_lists"]

_LIST_CUES = frozenset({"like", "including"})
_ACRONYM_LABELS = frozenset({"ORG", "GPE", "LOC"})


def is_address(token: Token) -> bool:
    """An e-mail or web address ("ann@example.org", "www.example.com"); a mail system's name
    ("Lee@ACME", no domain) is not one."""
    return bool(token.like_email or token.like_url)


def drop_addresses(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Addresses at the edges of a name are cut off; a name that is only addresses is dropped."""
    out: list[Ent] = []
    for start, end, label in ents:
        while start < end and is_address(doc[start]):
            start += 1
        while end > start and is_address(doc[end - 1]):
            end -= 1
        if start < end:
            out.append((start, end, label))
    return out


def _inner_hyphen(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen glued to the word before it and to the word after it."""
    return 0 < i < len(doc) - 1 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _starts_at(i: int, ent: Ent) -> bool:
    return ent[0] == i


def hyphen_ends(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A name ending in a glued hyphen takes the capitalised word after it ("Coca-" + "Cola") or drops the hyphen."""
    out = sorted(ents)
    for ent in [e for e in out if e[1] - e[0] > 1 and doc[e[1] - 1].text in HYPHENS]:
        start, end, label = ent
        rest = [e for e in out if e != ent]
        if _inner_hyphen(doc, end - 1) and is_cap(doc[end]) and doc[end].is_alpha:
            merged = put(rest, (start, end + 1, label), replace=partial(_starts_at, end))
            if merged is not None:
                out = merged
                continue
        out = sorted([*rest, (start, end - 1, label)])
    return out


def company_suffixes(doc: Doc, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> list[Ent]:
    """Capitalised words before a company suffix ("Inc.", "Ltd"), a comma between or not, are one ORG."""
    out = sorted(ents)
    words = doc_words(doc)
    for i in [i for i, word in enumerate(words) if word in lex.org_suffixes and i > 0]:
        if not doc[i - 1].whitespace_ and doc[i - 1].text != ",":
            continue  # a glued suffix ("XInc.") is not one
        last = i - 1
        if doc[last].text == "." and last > 0 and doc[last - 1].text in lex.org_suffixes and not doc[last - 1].whitespace_:
            last -= 1  # "PVT" "." "LTD"
        elif doc[last].text == ",":
            if last == 0 or doc[last - 1].whitespace_:
                continue
            last -= 1
        end = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "." and not doc[i].whitespace_ else i + 1
        if not is_cap(doc[last]) or gazetteer.get(doc[last].text) == "NORP":
            continue
        start = left_run(doc, last, out, lex, gazetteer)
        new = (start, end, "ORG")
        if new in out:
            continue
        merged = put(out, new)
        if merged is not None:
            out = merged
    return out


def named_lists(doc: Doc, ents: list[Ent], lex: NerLexicon, gazetteer: Mapping[str, str]) -> list[Ent]:
    """Names listed after "companies like", "firms such as", "banks including" are organisations."""
    out = sorted(ents)
    words = doc_words(doc)
    for i in [i for i, word in enumerate(words[:-2]) if word in lex.org_list_nouns]:
        k = i + 1
        if words[k] == "such" and k + 1 < len(doc) and words[k + 1] == "as":
            k += 1
        elif words[k] not in _LIST_CUES:
            continue
        k += 1
        if k >= len(doc) or not doc[k - 1].whitespace_:
            continue
        end = cap_run(doc, k, lex)
        if end == k:
            continue
        for s, e in [(k, end), *list_items(doc, end, lex)]:
            span = doc[s:e]
            if gazetteer.get(span.text) in ("GPE", "LOC", "NORP") or any(t.text in lex.date_words for t in span):
                continue
            merged = put(out, (s, e, "ORG"), replace=lambda ent: ent[2] in ("PERSON", "GPE", "LOC", "FAC", "ORG"))
            if merged is not None:
                out = merged
    return out


def bracketed_acronyms(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """An upper-case short form in brackets right after an ORG, GPE or LOC name is typed as that name."""
    out = sorted(ents)
    for _start, end, label in list(out):
        k = end + 1
        if label not in _ACRONYM_LABELS or k + 1 >= len(doc) or doc[end].text != "(" or doc[k + 1].text != ")":
            continue
        word = doc[k].text
        if not (2 <= len(word) <= 8 and word.isupper() and word.replace("&", "").isalpha()):
            continue
        merged = put(out, (k, k + 1, label), replace=lambda e: e[1] - e[0] == 1)
        if merged is not None:
            out = merged
    return out
