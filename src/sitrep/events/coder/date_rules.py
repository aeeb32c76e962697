"""The words the event dater reads, loaded from ``data/event_dating.json``.

``anchor_words`` end a date expression that dates the clause it introduces ("a day *after* Putin warned":
the warning's date, not that of the act the sentence tells); ``future_auxiliaries`` make a clause tell a planned act ("*would*
close the sea from Saturday"); ``habitual_adverbs`` and an undated span opened by one of ``duration_openers``
make an act a background habit with no date ("has *repeatedly* denied", "had *for months* accused"); a past
deadline opened by one of ``deadline_signals`` dates an act done by then ("*By Saturday* fighters had taken ...");
a deployment told in the past is an act on its day unless its verb is one of ``massing_verbs`` ("troops *had
gathered*": a force standing at the report).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(slots=True, frozen=True)
class DatingRules:
    version: int
    anchor_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    habitual_adverbs: frozenset[str]
    duration_openers: frozenset[str]
    deadline_signals: frozenset[str]
    massing_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_dating_rules() -> DatingRules:
    raw = json.loads((files("sitrep") / "data" / "event_dating.json").read_text(encoding="utf-8"))
    return DatingRules(
        version=int(raw["version"]),
        anchor_words=frozenset(w.lower() for w in raw["anchor_words"]),
        future_auxiliaries=frozenset(w.lower() for w in raw["future_auxiliaries"]),
        habitual_adverbs=frozenset(w.lower() for w in raw["habitual_adverbs"]),
        duration_openers=frozenset(w.lower() for w in raw["duration_openers"]),
        deadline_signals=frozenset(w.lower() for w in raw["deadline_signals"]),
        massing_verbs=frozenset(w.lower() for w in raw["massing_verbs"]),
    )
