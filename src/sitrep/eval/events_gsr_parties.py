"""Score the coded parties (actor and recipient country and sector) on records that name them.

Two sources of records share one scorer (:func:`score_parties`):

* PLOVER_GSR gives each record's source and target actors with a CAMEO-style country code (``USA``,
  ``PSE``; ``IGO``/``NGO`` for international bodies; ``IMG`` for transnational armed groups) and often a
  sector (``GOV``, ``MIL``, ``REB``, ...); :func:`score_gsr_parties` scores it (aggregate figures only:
  the records are held out and never read for errors).
* Our own JSONL files (``tests/data/world_parties.jsonl``: single news sentences about events all over the
  world, written by us), one record per line: ``text``, ``type``, ``actor`` and ``recipient`` (lists of
  ``{"country": ..., "sector": ... or null}``, ``"ORG"`` for an international body) and ``split``
  (``dev``/``test``); :func:`load_party_records` reads them, and
  ``python -m sitrep.eval.events_gsr_parties --truth FILE [--split dev] [--errors]`` scores them.

Each record's text is read and coded by the whole event coder (reading, then
:func:`sitrep.events.extract.code_events`) and, as issue 4 asks, the parties of *correctly typed*
events are scored: a record counts when one coded event has the gold type; the first such event is
compared with the record.

* Country accuracy: the set of actor (recipient) countries equals the gold set. Our organisation
  codes (``UN``, ``NATO``, ``AMNESTY``) and the gold's ``IGO``/``NGO`` all compare as one class,
  ``ORG``: the records do not tell intergovernmental from non-governmental bodies consistently; a
  body the knowledge base marks as a transnational armed group (PLOVER country ``IMG``: al-Qaeda)
  compares as ``IMG``. Gold codes that are not ISO 3166 are mapped by ``legacy_labels.actor_codes``
  of ``data/plover.json``.
* Sector accuracy: on the parties whose country set is right and whose gold names a sector, the
  set of sectors (the first three letters of the gold's code; ``***`` is no sector) equals ours.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.events_gsr import GSR_FILE, load_gsr
from sitrep.events.ontology import load_ontology

if TYPE_CHECKING:
    from sitrep.events.classify import EventClassifier
    from sitrep.events.record import Event, EventActor

__all__ = [
    "PartyRecord", "PartyScores", "gsr_party_records", "load_party_records", "main", "score_gsr_parties", "score_parties"
]

ORG = "ORG"
IMG = "IMG"

Party = tuple[str, str | None]  # (country code, sector or None)


@dataclass(slots=True, frozen=True)
class PartyRecord:
    """One sentence with its gold event type and parties as (country, sector or None) pairs."""

    id: str
    text: str
    type: str
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]


@dataclass(slots=True)
class PartyScores:
    """Counts behind the party figures (and, when asked for, the records coded wrong)."""

    records: int = 0
    typed: int = 0
    actor_ok: int = 0
    recipient_ok: int = 0
    sector_n: int = 0
    sector_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "records": self.records,
            "correctly_typed": self.typed,
            "actor_country_accuracy": ratio(self.actor_ok, self.typed),
            "recipient_country_accuracy": ratio(self.recipient_ok, self.typed),
            "sector": {"n": self.sector_n, "accuracy": ratio(self.sector_ok, self.sector_n)},
        }


def gsr_party_records(corpora: Path) -> list[PartyRecord]:
    """The PLOVER_GSR records as party records, codes mapped: ``IGO``/``NGO`` to ``ORG``, the codes that are
    not ISO 3166 by ``legacy_labels.actor_codes``."""
    mapping = load_ontology().legacy_actor_codes

    def mapped(parties: tuple[Party, ...]) -> tuple[Party, ...]:
        return tuple((ORG if code in ("IGO", "NGO") else mapping.get(code, code), sector) for code, sector in parties)

    return [
        PartyRecord(f"gsr-{gold.id}", gold.text, gold.type, mapped(gold.actors), mapped(gold.recipients))
        for gold in load_gsr(corpora)
    ]


def load_party_records(path: Path, *, split: str | None = None) -> list[PartyRecord]:
    """The records of one of our JSONL party files (those of ``split`` only, when given)."""
    out: list[PartyRecord] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if split is not None and row.get("split") != split:
            continue
        sides = tuple(
            tuple((str(p["country"]), p.get("sector") or None) for p in row.get(key) or [])
            for key in ("actor", "recipient")
        )
        out.append(PartyRecord(str(row.get("id") or f"{path.stem}-{number}"), str(row["text"]), str(row["type"]), sides[0], sides[1]))
    return out


def score_parties(
    records: Iterable[PartyRecord],
    *,
    classifier: EventClassifier | None = None,
    source: str = "parties",
    errors: bool = False,
) -> PartyScores:
    """Code each record's text with the packaged reader and event coder (or ``classifier``) and count
    how often the parties of a correctly typed event have the gold countries and sectors; ``errors``
    keeps the records whose countries or sectors differ (for our own files only). Each text is read as an
    article whose id is the record's and whose source is ``source``."""
    from sitrep.events.classify import load_classifier
    from sitrep.events.extract import code_events
    from sitrep.kb import load_kb
    from sitrep.model import Article
    from sitrep.nlp.pipeline import load_pipeline
    from sitrep.nlp.read import read_doc

    nlp = load_pipeline()
    kb = load_kb()
    clf = classifier or load_classifier()
    org_class = {org.code: IMG if org.plover_country == IMG else ORG for org in kb.organisations.values() if org.code}

    def country(actor: EventActor) -> str | None:
        return org_class.get(actor.country or "", actor.country)

    scores = PartyScores()
    for gold in records:
        scores.records += 1
        article = Article(id=gold.id, source=source, text=gold.text)
        doc = nlp(gold.text)
        events = code_events(doc, read_doc(doc, article=article, kb=kb), article=article, kb=kb, classifier=clf)
        event = next((e for e in events if e.type == gold.type), None)
        if event is None:
            if errors:
                scores.errors.append(_error(gold, None, events, country))
            continue
        scores.typed += 1
        wrong = False
        for ours, theirs, name in ((event.actor, gold.actors, "actor_ok"), (event.recipient, gold.recipients, "recipient_ok")):
            if {country(a) for a in ours} != {code for code, _ in theirs}:
                wrong = True
                continue
            setattr(scores, name, getattr(scores, name) + 1)
            wanted = {sector for _, sector in theirs if sector}
            if wanted:
                scores.sector_n += 1
                ok = {a.sector for a in ours if a.sector} == wanted
                scores.sector_ok += int(ok)
                wrong = wrong or not ok
        if errors and wrong:
            scores.errors.append(_error(gold, event, events, country))
    return scores


def _error(
    gold: PartyRecord, event: Event | None, events: list[Event], country: Callable[[EventActor], str | None]
) -> dict[str, Any]:
    def side(actors: Sequence[EventActor]) -> list[str]:
        return [f"{country(a)}/{a.sector or '-'} ({a.name})" for a in actors]

    out: dict[str, Any] = {
        "id": gold.id,
        "text": gold.text,
        "type": gold.type,
        "gold": {"actor": [f"{c}/{s or '-'}" for c, s in gold.actors], "recipient": [f"{c}/{s or '-'}" for c, s in gold.recipients]},
    }
    if event is None:
        out["typed_as"] = [e.type for e in events]
    else:
        out["ours"] = {"actor": side(event.actor), "recipient": side(event.recipient), "trigger": event.span}
    return out


def score_gsr_parties(corpora: Path, *, classifier: EventClassifier | None = None) -> dict[str, Any]:
    """Party figures of the packaged reader and event coder (or ``classifier``) on PLOVER_GSR (aggregate)."""
    return score_parties(gsr_party_records(corpora), classifier=classifier, source=str(GSR_FILE)).to_dict()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.eval.events_gsr_parties",
        description="Score coded actor/recipient countries and sectors on one of our JSONL party files.",
    )
    parser.add_argument("--truth", type=Path, required=True, help="JSONL file (tests/data/world_parties.jsonl)")
    parser.add_argument("--split", help="score only the records of this split (dev, test)")
    parser.add_argument("--errors", action="store_true", help="also list the records coded wrong")
    args = parser.parse_args(argv)
    scores = score_parties(load_party_records(args.truth, split=args.split), errors=args.errors)
    result = scores.to_dict()
    if args.errors:
        result["errors"] = scores.errors
    sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
