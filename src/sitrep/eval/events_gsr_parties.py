"""Score the coded parties (actor and recipient country and sector) on the PLOVER gold-standard records.

PLOVER_GSR gives each record's source and target actors with a CAMEO-style country code (``USA``,
``PSE``; ``IGO``/``NGO`` for international bodies; ``IMG`` for transnational armed groups) and often a
sector (``GOV``, ``MIL``, ``REB``, ...). This scorer runs the whole event coder on each record's text
(reading, then :func:`sitrep.events.extract.code_events`) and, as issue 4 asks, scores the parties of
*correctly typed* events: a record counts when one coded event has the gold type; the first such
event is compared with the record.

* Country accuracy: the set of actor (recipient) countries equals the gold set. Our organisation
  codes (``UN``, ``NATO``, ``AMNESTY``) and the gold's ``IGO``/``NGO`` all compare as one class,
  ``ORG``: the records do not tell intergovernmental from non-governmental bodies consistently. Gold
  codes that are not ISO 3166 are mapped by ``legacy_labels.actor_codes`` of ``data/plover.json``.
* Sector accuracy: on the parties whose country set is right and whose gold names a sector, the
  set of sectors (the first three letters of the gold's code; ``***`` is no sector) equals ours.

Only aggregate figures are printed: the records are held out and never read for errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.eval.events_gsr import GSR_FILE, load_gsr
from sitrep.events.ontology import load_ontology

if TYPE_CHECKING:
    from sitrep.events.classify import EventClassifier
    from sitrep.events.record import EventActor

__all__ = ["PartyScores", "score_gsr_parties"]

ORG = "ORG"


@dataclass(slots=True)
class PartyScores:
    """Counts behind the party figures."""

    records: int = 0
    typed: int = 0
    actor_ok: int = 0
    recipient_ok: int = 0
    sector_n: int = 0
    sector_ok: int = 0

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


def _gold_parties(corpora: Path) -> dict[str, tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]]:
    """Record id -> (actors, recipients) as (code, sector or None) pairs, codes mapped."""
    import json

    mapping = load_ontology().legacy_actor_codes
    records = json.loads((corpora / GSR_FILE).read_text(encoding="utf-8"))
    out: dict[str, tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]] = {}
    for record in records:
        sides: list[list[tuple[str, str | None]]] = []
        for key in ("source", "target"):
            side: list[tuple[str, str | None]] = []
            for item in record.get(key) or []:
                if not isinstance(item, dict) or not item.get("code"):
                    continue
                code = str(item["code"]).upper()
                code = ORG if code in ("IGO", "NGO") else mapping.get(code, code)
                sector = str(item.get("sector") or "")[:3].upper()
                side.append((code, sector if sector.isalpha() else None))
            sides.append(side)
        out[str(record.get("id"))] = (sides[0], sides[1])
    return out


def score_gsr_parties(corpora: Path, *, classifier: EventClassifier | None = None) -> dict[str, Any]:
    """Party figures of the packaged reader and event coder (or ``classifier``) on PLOVER_GSR."""
    from sitrep.events.classify import load_classifier
    from sitrep.events.extract import code_events
    from sitrep.kb import load_kb
    from sitrep.model import Article
    from sitrep.nlp.pipeline import load_pipeline
    from sitrep.nlp.read import read_doc

    nlp = load_pipeline()
    kb = load_kb()
    clf = classifier or load_classifier()
    org_codes = {org.code for _, org in kb.organisation_names() if org.code}

    def country(actor: EventActor) -> str | None:
        return ORG if actor.country in org_codes else actor.country

    gold_parties = _gold_parties(corpora)
    scores = PartyScores()
    for gold in load_gsr(corpora):
        scores.records += 1
        article = Article(id=f"gsr-{gold.id}", source=str(GSR_FILE), text=gold.text)
        doc = nlp(gold.text)
        events = code_events(doc, read_doc(doc, article=article, kb=kb), article=article, kb=kb, classifier=clf)
        event = next((e for e in events if e.type == gold.type), None)
        if event is None:
            continue
        scores.typed += 1
        actors, recipients = gold_parties[gold.id]
        for ours, theirs, field in ((event.actor, actors, "actor_ok"), (event.recipient, recipients, "recipient_ok")):
            if {country(a) for a in ours} != {code for code, _ in theirs}:
                continue
            setattr(scores, field, getattr(scores, field) + 1)
            wanted = {sector for _, sector in theirs if sector}
            if wanted:
                scores.sector_n += 1
                scores.sector_ok += int({a.sector for a in ours if a.sector} == wanted)
    return scores.to_dict()
