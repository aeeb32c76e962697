"""Events as rows of GDELT 2.0's event table, so existing GDELT tooling can read sitrep's output.

The 61 columns are GDELT 2.0's, in its order. Fields sitrep has map across;
the rest stay empty: ``GLOBALEVENTID`` is a stable integer from the event id,
actor codes are CAMEO-style country + sector (``USAGOV``), ``EventCode`` is
the CAMEO root (sitrep codes PLOVER types, which map to CAMEO roots, not to
finer codes), ``NumArticles`` is 1 (one row per event mention; corroboration
counts come from the verify stage), geography keeps lat/lon and the full name
but leaves FIPS country codes empty rather than guess them from ISO codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["GDELT_COLUMNS", "gdelt_rows"]

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

_IGO_COUNTRY = {"NATO", "EU", "UN", "OSCE", "G7", "G20", "IGO", "NGO", "IMF", "WB"}


def _actor(prefix: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    if not actors:
        return out
    first = actors[0]
    country = first.get("country") or ""
    sector = first.get("sector") or ""
    if country in _IGO_COUNTRY:
        out[f"{prefix}KnownGroupCode"] = country
        country_code = ""
    else:
        country_code = country
    out[f"{prefix}Code"] = f"{country or ''}{sector}"
    out[f"{prefix}Name"] = " AND ".join(a.get("name") or "" for a in actors).upper()
    out[f"{prefix}CountryCode"] = country_code
    out[f"{prefix}Type1Code"] = sector
    return out


def _geo(prefix: str, place: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {f"{prefix}{f}": "" for f in _GEO_FIELDS}
    if not place:
        out[f"{prefix}Type"] = 0
        return out
    out[f"{prefix}Type"] = 4 if place.get("lat") is not None else 1
    out[f"{prefix}FullName"] = place.get("name") or ""
    out[f"{prefix}Lat"] = place.get("lat") if place.get("lat") is not None else ""
    out[f"{prefix}Long"] = place.get("lon") if place.get("lon") is not None else ""
    return out


def _global_id(event_id: str) -> int:
    return int(event_id[:15], 16) if all(c in "0123456789abcdef" for c in event_id[:15]) else abs(hash(event_id))


def gdelt_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """GDELT 2.0 event rows from :func:`sitrep.store.events.event_records` records."""
    for r in records:
        date = (r.get("date") or r.get("published") or "")[:10]
        day = date.replace("-", "") if len(date) == 10 else ""
        year = date[:4] if date[:4].isdigit() else ""
        month = date[5:7] if len(date) >= 7 and date[5:7].isdigit() else ""
        root = (r.get("cameo") or "")[:2]
        row: dict[str, Any] = {
            "GLOBALEVENTID": _global_id(r["id"]),
            "SQLDATE": day,
            "MonthYear": f"{year}{month}" if month else "",
            "Year": year,
            "FractionDate": "",
            **_actor("Actor1", r.get("actor") or []),
            **_actor("Actor2", r.get("recipient") or []),
            "IsRootEvent": 1,
            "EventCode": r.get("cameo") or "",
            "EventBaseCode": root,
            "EventRootCode": root,
            "QuadClass": r.get("quad") if r.get("quad") is not None else "",
            "GoldsteinScale": r.get("goldstein") if r.get("goldstein") is not None else "",
            "NumMentions": 1,
            "NumSources": 1,
            "NumArticles": 1,
            "AvgTone": "",
            **_geo("Actor1Geo_", None),
            **_geo("Actor2Geo_", None),
            **_geo("ActionGeo_", r.get("location")),
            "DATEADDED": (r.get("published") or "").replace("-", "") + "000000" if r.get("published") else "",
            "SOURCEURL": r.get("url") or r.get("article_id") or "",
        }
        yield row
