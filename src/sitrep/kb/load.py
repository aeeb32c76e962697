"""Load the knowledge base from the package's data files and a user's own file.

The package ships five versioned JSON files in ``sitrep/data/kb``:
``countries.json`` (ISO 3166, generated), ``country_terms.json`` (aliases,
demonyms, metonyms, UN membership), ``organisations.json``, ``offices.json``
and ``persons.json``. A user file (``--kb my.yaml`` or ``my.json``) may add or
replace entries under the same top-level keys::

    version: "my-1"
    persons:
      - id: jane_doe
        name: Jane Doe
        country: GBR
        roles: [{office: ambassador, role: Ambassador, country: GBR, start: "2023-01-01"}]
    organisations: [...]   # same fields as organisations.json
    offices: [...]         # same fields as offices.json
    countries:             # per ISO code: extra aliases, demonyms, capital_aliases, metonyms
      UKR: {aliases: ["Ukr."]}

Entries with an existing ``id`` (``code`` for countries) replace the shipped
ones; list fields of ``countries`` are appended to. A role's ``start`` and ``end``
are a year, a month or a day (``2021``, ``2021-04``, ``2021-04-01``; YAML may
write them unquoted); anything else is refused when the file is loaded.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitrep.errors import UsageError
from sitrep.kb.base import KnowledgeBase
from sitrep.kb.model import date_bounds

__all__ = ["DATA_DIR", "KB_FILES", "load_kb", "read_kb_file"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
KB_FILES = ("countries", "country_terms", "organisations", "offices", "persons")


def read_kb_file(path: Path) -> dict[str, Any]:
    """A user's knowledge-base file as data: JSON or YAML (PyYAML is a dependency)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            yaml: Any = importlib.import_module("yaml")
        except ImportError as err:
            raise UsageError(f"{path}: reading YAML needs PyYAML (pip install pyyaml); or give the file as JSON") from err
        data = yaml.safe_load(text)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise UsageError(f"{path}: not valid JSON ({err})") from err
    if not isinstance(data, dict):
        raise UsageError(f"{path}: a knowledge-base file must be a mapping with keys such as 'persons'")
    return data


def _read_package_file(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _countries(base: Mapping[str, Any], terms: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = {str(row["code"]): dict(row) for row in base["countries"]}
    for row in terms.get("extra_countries", ()):
        rows.setdefault(str(row["code"]), dict(row))
    members = set(str(terms.get("un_members", "")).split())
    for code, row in rows.items():
        extra = terms.get("countries", {}).get(code, {})
        if extra.get("name"):
            row["iso_names"] = [row["name"], *row.get("iso_names", [])]
            row["name"] = extra["name"]
        row["aliases"] = list(extra.get("aliases", []))
        row["demonyms"] = list(terms.get("demonyms", {}).get(code, []))
        row["capital_aliases"] = list(extra.get("capital_aliases", []))
        row["metonyms"] = list(extra.get("metonyms", []))
        row["un_member"] = code in members
    return list(rows.values())


def _merge_by_id(rows: list[dict[str, Any]], extra: Any, key: str = "id") -> list[dict[str, Any]]:
    if not extra:
        return rows
    if not isinstance(extra, list):
        raise UsageError(f"knowledge-base entries must be a list of records with '{key}'")
    index = {str(row[key]): i for i, row in enumerate(rows)}
    out = list(rows)
    for row in extra:
        if not isinstance(row, dict) or key not in row:
            raise UsageError(f"knowledge-base record without '{key}': {row!r}")
        if str(row[key]) in index:
            out[index[str(row[key])]] = dict(row)
        else:
            out.append(dict(row))
    return out


def _role_date(value: Any) -> str | None:
    """A role date as the ISO text ``date_bounds`` reads, or None when it is not one.

    YAML reads an unquoted ``2021-04-01`` as a date and ``2021`` as a number; both are written back as text.
    """
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    try:
        date_bounds(value)
    except ValueError:
        return None
    return value


def _checked_persons(path: Path, persons: Any) -> Any:
    """The user's person records with every role's ``start`` and ``end`` checked as dates.

    Raises:
        UsageError: naming the file, the person, the role and the value that is not a date.
    """
    if not isinstance(persons, list):
        return persons  # _merge_by_id says what is wrong
    out: list[Any] = []
    for row in persons:
        if not isinstance(row, dict) or not isinstance(row.get("roles"), list):
            out.append(row)
            continue
        roles: list[Any] = []
        for role in row["roles"]:
            if not isinstance(role, dict):
                raise UsageError(f"{path}: person {row.get('id')!r}: a role must be a mapping, not {role!r}")
            checked = dict(role)
            for key in ("start", "end"):
                if checked.get(key) in (None, ""):
                    continue
                text = _role_date(checked[key])
                if text is None:
                    raise UsageError(
                        f"{path}: person {row.get('id')!r}, role {role.get('role')!r}: {key} {checked[key]!r} "
                        "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
                    )
                checked[key] = text
            roles.append(checked)
        out.append({**row, "roles": roles})
    return out


def _merge_countries(rows: list[dict[str, Any]], extra: Any) -> list[dict[str, Any]]:
    if not extra:
        return rows
    if not isinstance(extra, dict):
        raise UsageError("'countries' in a knowledge-base file must map ISO codes to extra names")
    by_code = {str(row["code"]): row for row in rows}
    for code, more in extra.items():
        row = by_code.setdefault(str(code), {"code": str(code), "name": more.get("name", code)})
        for field in ("aliases", "demonyms", "capital_aliases", "metonyms"):
            row[field] = [*row.get(field, []), *more.get(field, [])]
        if more.get("capital"):
            row["capital"] = more["capital"]
    return list(by_code.values())


def _build(extra: Path | None) -> KnowledgeBase:
    files = {name: _read_package_file(name) for name in KB_FILES}
    versions = {name: str(data.get("version", "?")) for name, data in files.items()}
    offices = files["offices"]
    data: dict[str, Any] = {
        "countries": _countries(files["countries"], files["country_terms"]),
        "organisations": list(files["organisations"]["organisations"]),
        "generic": list(files["organisations"].get("generic", [])),
        "offices": list(offices["offices"]),
        "ranks": offices.get("ranks", []),
        "honorifics": offices.get("honorifics", []),
        "modifiers": offices.get("modifiers", {}),
        "name_particles": offices.get("name_particles", []),
        "fillers": offices.get("fillers", []),
        "not_names": offices.get("not_names", []),
        "persons": list(files["persons"]["persons"]),
        "shared_demonyms": dict(files["country_terms"].get("shared_demonyms", {})),
    }
    if extra is not None:
        user = read_kb_file(extra)
        versions["user"] = f"{extra.name}:{user.get('version', '?')}"
        data["countries"] = _merge_countries(data["countries"], user.get("countries"))
        data["organisations"] = _merge_by_id(data["organisations"], user.get("organisations"))
        data["offices"] = _merge_by_id(data["offices"], user.get("offices"))
        data["persons"] = _merge_by_id(data["persons"], _checked_persons(extra, user.get("persons")))
    return KnowledgeBase(data, versions=versions)


@functools.lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return _build(None)


def load_kb(*, extra: Path | None = None) -> KnowledgeBase:
    """The knowledge base shipped with sitrep, extended by ``extra`` (a YAML or JSON file) when given.

    The default base is built once per process and shared; a base with a user
    file is built afresh on each call.
    """
    if extra is None:
        return _default_kb()
    return _build(Path(extra))
