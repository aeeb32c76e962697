"""Compiled boilerplate rules for :mod:`sitrep.ingest.clean`.

The phrase patterns live in ``sitrep/data/boilerplate_lines.json`` (versioned data, not code); this
module only compiles them once, on first use, into one frozen :class:`Rules` value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate_lines.json"

# Order matters: the first category whose pattern matches the whole line gives the reason.
LINE_REASONS = (
    "accessibility",
    "navigation",
    "reading_time",
    "comments",
    "share",
    "ad",
    "subscribe",
    "promo",
    "legal",
    "metadata",
    "credit",
)


@dataclass(slots=True, frozen=True)
class Rules:
    version: int
    full_line: re.Pattern[str]  # one named group per reason; use .fullmatch and .lastgroup
    end_credit: re.Pattern[str]  # credit lines that close the article body
    byline_prefix: re.Pattern[str]
    byline_connectors: frozenset[str]
    title_prefix: re.Pattern[str]
    list_marker: re.Pattern[str]
    teaser: re.Pattern[str]  # groups "strong" / "weak"
    camel_case_words: frozenset[str]
    tail_phrases: tuple[tuple[str, re.Pattern[str]], ...]
    caption_suffix: re.Pattern[str]  # searched in the last CAPTION_TAIL characters of a line
    caption_prefix: re.Pattern[str]
    date_line: re.Pattern[str]
    search_line: re.Pattern[str]  # searched in casefolded short lines; a named group per reason
    search_triggers: re.Pattern[str]  # a casefolded line is searched only if this is found in it
    labelled_date: re.Pattern[str]  # a date line starting like this is metadata
    foreign_words: tuple[tuple[str, frozenset[str]], ...]  # (language, UI and function words)
    english_words: frozenset[str]  # English function words (a line with one is not foreign UI)
    neutral_words: frozenset[str]  # network names, neutral in any language
    list_header_words: frozenset[str]
    author_bio: re.Pattern[str]
    ad_copy: re.Pattern[str]  # commercial wording of an ad's text


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words(words: list[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def _ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def compile_rules(data: dict[str, Any]) -> Rules:
    """Compile the JSON rule document into regexes."""
    full = data["full_line"]
    groups = "|".join(f"(?P<{reason}>{_alt(full[reason])})" for reason in LINE_REASONS if full.get(reason))
    prefixes = sorted(data["byline_prefixes"], key=len, reverse=True)
    teaser = data["teaser_prefixes"]
    return Rules(
        version=int(data["version"]),
        full_line=_ci(groups),
        end_credit=_ci(_alt(data["end_credit"])),
        byline_prefix=_ci(r"^(?:" + _alt([re.escape(p) for p in prefixes]) + r")\s*"),
        byline_connectors=frozenset(w.lower() for w in data["byline_connectors"]),
        title_prefix=_ci(r"^(?:" + _alt([re.escape(p) for p in data["title_prefixes"]]) + r")\s*"),
        list_marker=_ci(r"(?:" + _alt(data["list_markers"]) + r")\s*[:.]?"),
        teaser=_ci(rf"^(?:(?P<strong>{_alt(teaser['strong'])})|(?P<weak>{_alt(teaser['weak'])}))"),
        camel_case_words=frozenset(w.lower() for w in data["camel_case_words"]),
        tail_phrases=tuple(
            (reason, _ci(_alt([re.escape(p) for p in phrases])))
            for reason, phrases in data["tail_phrases"].items()
        ),
        caption_suffix=_ci(_alt(data["caption_suffix"])),
        caption_prefix=_ci(_alt(data["caption_prefix"])),
        date_line=_ci(_alt(data["date_line"])),
        search_line=re.compile(  # matched against casefolded text, so no IGNORECASE (faster)
            "|".join(f"(?P<{reason}>{_alt(pats)})" for reason, pats in data["search_line"].items())
        ),
        search_triggers=re.compile("|".join(re.escape(t.casefold()) for t in data["search_triggers"])),
        labelled_date=_ci(data["labelled_date"]),
        foreign_words=tuple((lang, _words(words)) for lang, words in data["foreign_words"].items()),
        english_words=_words(data["english_function_words"]),
        neutral_words=_words(data["neutral_words"]),
        list_header_words=_words(data["list_header_words"]),
        author_bio=re.compile(data["author_bio"]),
        ad_copy=_ci(data["ad_copy"]),
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The packaged rules (read and compiled once per process)."""
    return compile_rules(json.loads(DATA_FILE.read_text(encoding="utf-8")))
