"""The compiled vocabulary and the one scanning pattern of :mod:`sitrep.nlp.timex`.

Everything is built once from ``sitrep/data/timex.json``. The pattern is a single alternation
scanned left to right, so matches never overlap; each branch has its own named groups, which
:mod:`sitrep.nlp.timex` reads to decide what kind of expression it found. Month and weekday
names match only capitalised (``May``, ``MAY``), so the verb "may" and "a march" never do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["TimexVocab", "vocab"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "timex.json"


@dataclass(slots=True, frozen=True)
class TimexVocab:
    version: int
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_months: dict[str, list[int]]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    bound_qualifiers: frozenset[str]
    units: dict[str, str]
    modifiers: dict[str, str]
    signals: dict[str, str]
    month_triggers: frozenset[str]
    weekday_blockers: frozenset[str]
    not_year_followers: frozenset[str]
    not_year_preceders: frozenset[str]
    year_range: tuple[int, int]
    reference_day_words: dict[str, int]
    anaphoric_days: dict[str, int]
    ordinals: dict[str, int]
    future_after_rx: re.Pattern[str]
    narrative_years: frozenset[str]
    scan: re.Pattern[str]
    future_rx: re.Pattern[str]
    past_rx: re.Pattern[str]
    ranking_rx: re.Pattern[str]
    range_joiner_rx: re.Pattern[str]
    first_words: frozenset[str]  # lower-case words a match can start with (digits aside)


def _cap(words: list[str]) -> str:
    forms: set[str] = set()
    for word in words:
        forms.update({word.capitalize(), word.upper()})
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


def _any_case(words: list[str]) -> str:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts) + ")"


def _norm(key: str) -> str:
    return " ".join(key.lower().split())


@lru_cache(maxsize=1)
def vocab() -> TimexVocab:
    """The vocabulary and compiled patterns (built once per process)."""
    raw: dict[str, Any] = json.loads(_DATA.read_text(encoding="utf-8"))
    months: dict[str, int] = raw["months"]
    full_months: list[str] = raw["month_full_names"]
    abbr_months = [m for m in months if m not in full_months]
    weekdays: dict[str, int] = raw["weekdays"]
    full_wds: list[str] = raw["weekday_full_names"]
    abbr_wds = [w for w in weekdays if w not in full_wds]
    numbers: dict[str, float] = {_norm(k): float(v) for k, v in raw["numbers"].items()}
    vague: list[str] = raw["vague_numbers"]
    units: dict[str, str] = raw["units"]
    modifiers: dict[str, str] = {_norm(k): v for k, v in raw["modifiers"].items()}
    signals: dict[str, str] = {_norm(k): v for k, v in raw["signals"].items()}
    rday: dict[str, int] = {_norm(k): int(v) for k, v in raw["reference_day_words"].items()}
    ana: dict[str, int] = {_norm(k): int(v) for k, v in raw["anaphoric_days"].items()}

    mon = rf"(?:(?:{_cap(full_months)})|(?:{_cap(abbr_months)})\.?)"
    mon_full = rf"(?:{_cap(full_months)})\b"
    wd = rf"(?:(?:{_cap(full_wds)})|(?:{_cap(abbr_wds)})\.?)"
    wd_full = rf"(?:{_cap(full_wds)})\b"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
    year = r"(?:1[89]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
    qty = rf"(?:\d+(?:\.\d+)?|{_any_case(list(numbers) + vague)})"
    qual = _any_case(list(raw["qualifiers"]))
    unit = _any_case(list(units)) + r"\b"
    ordinals: dict[str, int] = {_norm(k): int(v) for k, v in raw["ordinals"].items()}
    narrative = [_norm(k) for k in raw["narrative_years"]]
    rel_year = rf"(?:(?i:last|this|next|previous|the\s+previous|the\s+following|past)\s+year\b|{_any_case(narrative)}\b)"
    sig = _any_case(list(signals))
    mod = _any_case(list(modifiers))
    tod = _any_case(list(raw["part_of_day"]))

    branches = [
        r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?!\d)",
        rf"(?:(?P<wda>{wd}),?\s+(?:the\s+)?)?(?P<ma>{mon})\s+(?P<da>{day})(?:\s*[-–]\s*(?P<da2>{day}))?"
        rf"(?:,?\s+(?P<ya>{year}))?(?P<rya>,?\s+(?:of\s+)?{rel_year})?",
        rf"(?:(?P<wdb>{wd}),?\s+(?:the\s+)?)?(?P<db>{day})(?:\s*[-–]\s*(?P<db2>{day}))?\s+(?:of\s+)?"
        rf"(?P<mb>{mon})(?:,?\s+(?P<yb>{year}))?(?P<ryb>,?\s+(?:of\s+)?{rel_year})?",
        rf"(?P<mc>{mon}),?\s+(?:of\s+)?(?P<yc>{year})",
        rf"(?P<md>{mon_full}),?\s+(?:of\s+)?(?P<ryd>{rel_year})",
        rf"(?P<rme>(?i:last|this|next|this\s+coming|this\s+past|past))\s+(?P<me>{mon_full})",
        r"(?P<dec>(?i:the\s+)?(?:1[89]|20)\d0s)\b",
        rf"(?P<yr1>{year})\s*[-–]\s*(?P<yr2>(?:1[89]|20)?\d\d)(?![\d%])",
        rf"(?P<yg>(?i:the\s+year\s+)?{year})",
        rf"(?P<rday>{_any_case(list(rday))})\b",
        rf"(?P<ana>{_any_case(list(ana))})\b",
        rf"(?P<ipre>(?i:over|in|during|for|within|throughout)\s+)?(?i:the)\s+"
        rf"(?P<idir>(?i:past|last|previous|next|coming|following|preceding))\s+(?:(?P<iq>{qty})\s+)?(?P<iu>{unit})",
        r"(?P<ku>(?i:last|this|next|previous|coming|earlier\s+this|later\s+this|the\s+current|the\s+previous))\s+"
        r"(?P<kunit>(?i:week|weekend|month|year|decade))\b",
        r"(?P<kthe>(?i:the\s+(?:year|month|week)))\b",
        r"(?P<yse>(?i:year|month|week)-(?i:start|end|beginning))\b",
        rf"(?P<lpre>(?i:in|within|over))\s+(?:(?P<lq>{qual})\s+)?(?P<ln>{qty})\s+(?P<lu>{unit})(?P<ltime>['’]s?\s+time)?"
        r"(?!\s+(?i:ago|after|later|earlier|before)\b)",
        rf"(?:(?P<mq>{qual})\s+)?(?P<mn>{qty})\s+(?P<mu>{unit})\s+(?i:ago)\b",
        rf"(?:(?P<nq>{qual})\s+)?(?P<nn>{qty})\s+(?P<nu>{unit})\s+(?P<nd>(?i:after|later|earlier|before))\b",
        r"(?P<rec>(?i:(?:the\s+)?(?:most\s+)?recent\s+(?P<recu>days|weeks|months|years)"
        r"|within\s+(?:a\s+few\s+)?(?P<recw>days|weeks|months|hours)))\b",
        rf"(?i:for)\s+(?i:a|the)\s+(?P<ordn>{_any_case(list(ordinals))})\s+(?:(?i:straight|consecutive|successive|running)\s+)?"
        r"(?P<ordu>(?i:day|week|month|year))\b",
        r"(?i:for)\s+(?P<vu>(?i:days|weeks|months|years|decades))\b(?!\s+(?i:ago|later|earlier|before|after|of)\b)",
        rf"(?P<pfor>(?i:for)\s+)?(?:(?P<pq>{qual})\s+)?(?P<pn>{qty})\s+(?P<pu>{unit})(?P<pof>(?=\s+of\b))?",
        r"(?:(?i:the)\s+)?(?P<pbare>(?i:days|weeks|months|years))(?=\s+of\b)",
        r"(?:(?P<sr>(?i:last|this|next|past|the\s+previous|the\s+coming|the\s+following))\s+|(?i:the)\s+)?"
        rf"(?P<sn>(?i:{'|'.join(raw['seasons'])}))\b(?:\s+(?:of\s+)?(?P<sy>{year}))?",
        rf"(?:(?P<wr>(?i:last|next|this|this\s+coming|this\s+past|coming|past))\s+)?(?P<wd>{wd_full})"
        rf"(?:\s+(?P<tod>{tod})\b)?",
        rf"(?P<mf>{mon_full})",
        r"(?P<now>(?i:right\s+now|now|so\s+far))\b",
    ]
    scan = re.compile(
        rf"(?<![\w$€£@#/.-])(?<!\d,)(?:(?P<sig>{sig})\s+)?(?:(?P<mod>{mod})(?:\s*-\s*|\s+))?(?:"
        + "|".join(branches)
        + ")"
    )

    def marker_rx(words: list[str]) -> re.Pattern[str]:
        alts = sorted(words, key=len, reverse=True)
        body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
        return re.compile(rf"(?<![\w'])(?:{body})(?!\w)", re.IGNORECASE)

    joiners = "|".join(re.escape(j) for j in raw["range_joiners"])
    starters = [
        *signals, *modifiers, *months, *weekdays, *raw["seasons"], *numbers, *vague, *raw["qualifiers"],
        *rday, *ana, *units,
        "the", "last", "this", "next", "previous", "coming", "earlier", "later", "past", "over", "in",
        "during", "for", "within", "throughout", "recent", "most", "right", "now", "so", "mid", "early", "late",
        "year", "month", "week",
    ]
    first_words = frozenset(_norm(w).split()[0].rstrip("-") for w in starters)
    return TimexVocab(
        version=int(raw["version"]),
        months=months,
        weekdays=weekdays,
        seasons=raw["seasons"],
        season_months=raw["season_months"],
        numbers=numbers,
        vague_numbers=frozenset(vague),
        bound_qualifiers=frozenset(_norm(q) for q in raw["bound_qualifiers"]),
        units=units,
        modifiers=modifiers,
        signals=signals,
        month_triggers=frozenset(raw["month_triggers"]),
        weekday_blockers=frozenset(raw["weekday_blockers"]),
        not_year_followers=frozenset(raw["not_year_followers"]),
        not_year_preceders=frozenset(raw["not_year_preceders"]),
        year_range=(int(raw["year_range"][0]), int(raw["year_range"][1])),
        reference_day_words=rday,
        anaphoric_days=ana,
        ordinals=ordinals,
        future_after_rx=re.compile(
            r"\s+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in raw["future_after"]) + r")\b", re.IGNORECASE
        ),
        narrative_years=frozenset(narrative),
        scan=scan,
        future_rx=marker_rx(list(raw["future_markers"])),
        past_rx=marker_rx(list(raw["past_markers"])),
        ranking_rx=marker_rx(list(raw["ranking_markers"])),
        range_joiner_rx=re.compile(rf"\s*(?:{joiners})\s*"),
        first_words=first_words,
    )
