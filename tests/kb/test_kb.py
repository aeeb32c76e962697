"""The actor knowledge base: data files, lookups, dates, user extensions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import UsageError
from sitrep.kb import KnowledgeBase, load_kb
from sitrep.kb.load import DATA_DIR, KB_FILES
from sitrep.kb.model import date_bounds


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_kb_data_files_are_versioned() -> None:
    for name in KB_FILES:
        data = json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
        assert data["version"], name


def test_kb_default_is_cached(kb: KnowledgeBase) -> None:
    assert load_kb() is kb
    assert set(kb.versions) == set(KB_FILES)


def test_kb_covers_every_un_member_with_a_demonym(kb: KnowledgeBase) -> None:
    members = [c for c in kb.countries.values() if c.un_member]
    assert len(members) == 193
    assert all(c.demonyms for c in members), [c.code for c in members if not c.demonyms]
    assert all(c.capital for c in members), [c.code for c in members if not c.capital]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ukraine", "UKR"),
        ("Ukrainian", "UKR"),
        ("Ukrainians", "UKR"),
        ("Ukraine's", "UKR"),
        ("Ukraine’s", "UKR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("American", "USA"),
        ("the United States", "USA"),
        ("Washington", "USA"),
        ("the White House", "USA"),
        ("the Pentagon", "USA"),
        ("Russian Federation", "RUS"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Elysee Palace", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Downing Street", "GBR"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Berlin", "DEU"),
        ("Lithuania's", "LTU"),
        ("Belarusian", "BLR"),
        ("North Korean", "PRK"),
        ("Türkiye", "TUR"),
        ("Burkinabe", "BFA"),
        ("Kosovo", "XKX"),
    ],
)
def test_kb_country_by_name_demonym_and_metonym(kb: KnowledgeBase, name: str, code: str) -> None:
    assert kb.country(name) == code


def test_kb_country_rejects_lowercase_short_names_and_plain_words(kb: KnowledgeBase) -> None:
    assert kb.country("us") is None
    assert kb.country("minister") is None
    assert kb.country("") is None


def test_kb_metonyms_carry_sector_and_body(kb: KnowledgeBase) -> None:
    pentagon = kb.metonym("the Pentagon")
    assert pentagon is not None
    assert (pentagon.country, pentagon.sector, pentagon.org) == ("USA", "MIL", "Pentagon")
    moscow = kb.metonym("Moscow")
    assert moscow is not None
    assert (moscow.country, moscow.sector, moscow.org) == ("RUS", "GOV", None)
    assert kb.metonym("Shumy") is None


def test_kb_organisations_have_codes(kb: KnowledgeBase) -> None:
    nato = kb.organisation("North Atlantic Treaty Organization")
    assert nato is not None
    assert nato.actor_code == "NATO"
    assert kb.anaphor("the alliance") == nato
    osce = kb.organisation("Organization for Security and Co-operation in Europe")
    assert osce is not None
    assert osce.code == "OSCE"
    for name, code in [("EU", "EU"), ("United Nations", "UN"), ("G7", "G7"), ("IAEA", "IAEA"), ("ICRC", "ICRC")]:
        org = kb.organisation(name)
        assert org is not None
        assert org.actor_code == code
    rada = kb.organisation("Verkhovna Rada")
    assert rada is not None
    assert (rada.country, rada.sector) == ("UKR", "LEG")


@pytest.mark.parametrize(
    ("title", "role", "country"),
    [
        ("Defense Secretary", "Secretary of Defense", "USA"),
        ("Secretary of Defense", "Secretary of Defense", "USA"),
        ("U.S. Defense Secretary", "Secretary of Defense", "USA"),
        ("US Defence Secretary", "Secretary of Defense", "USA"),
        ("British Defence Secretary", "Defence Secretary", "GBR"),
        ("the Pentagon chief", "Secretary of Defense", "USA"),
        ("Defence Minister", "Defense Minister", None),
        ("Russian Defence Minister", "Defense Minister", "RUS"),
        ("Ukrainian Defense Secretary", "Defense Minister", "UKR"),
        ("Secretary of State", "Secretary of State", "USA"),
        ("Deputy Foreign Minister", "Deputy Foreign Minister", None),
        ("Lithuania's foreign minister", "Foreign Minister", "LTU"),
        ("chief of the General Staff", "Chief of the General Staff", None),
        ("chief of Russia's General Staff", "Chief of the General Staff", "RUS"),
        ("Ukrainian chief of the General Staff", "Chief of the General Staff", "UKR"),
        ("chairman of the U.S. Joint Chiefs of Staff", "Chairman of the Joint Chiefs of Staff", "USA"),
        ("Ukraine's commander-in-chief", "Commander-in-Chief", "UKR"),
        ("NATO Secretary-General", "Secretary-General", "NATO"),
        ("Kremlin spokesman", "Spokesperson", "RUS"),
        ("Pentagon press secretary", "Press Secretary", "USA"),
        ("U.S. ambassador to Russia", "Ambassador", "USA"),
        ("the European Union's foreign policy chief", "High Representative", "EU"),
    ],
)
def test_kb_office_normalises_titles(kb: KnowledgeBase, title: str, role: str, country: str | None) -> None:
    office = kb.office(title)
    assert office is not None, title
    assert (office.role, office.country) == (role, country)


def test_kb_office_sector_and_body(kb: KnowledgeBase) -> None:
    office = kb.office("Pentagon spokesman")
    assert office is not None
    assert (office.country, office.org) == ("USA", "Pentagon")
    office = kb.office("chief of the General Staff")
    assert office is not None
    assert office.sector == "MIL"
    assert kb.office("Foreign ministry spokeswoman") is not None
    assert kb.office("security analyst") is None
    assert kb.office("Shumy") is None


def test_kb_counterparts_are_offices_of_one_class(kb: KnowledgeBase) -> None:
    usa = kb.counterpart("defence", "USA")
    ukr = kb.counterpart("defence", "UKR")
    assert usa is not None
    assert ukr is not None
    assert (usa.role, ukr.role) == ("Secretary of Defense", "Defense Minister")
    foreign = kb.counterpart("foreign", "USA")
    assert foreign is not None
    assert foreign.role == "Secretary of State"


def test_kb_people_and_spelling_variants(kb: KnowledgeBase) -> None:
    zelensky = kb.person("Volodymyr Zelensky")
    assert zelensky is not None
    assert kb.person("Zelenskyy") == zelensky
    assert kb.person("Volodymyr Zelenskyy") == zelensky
    assert kb.person("Lloyd J. Austin III") == kb.person("Lloyd Austin")
    assert kb.person("Andriy Taran") == kb.person("Andrii Taran")
    assert [p.name for p in kb.by_surname("Austin")] == ["Lloyd Austin"]
    assert kb.person("Olena Marchenko") is None


def test_kb_who_was_x_on_date_d(kb: KnowledgeBase) -> None:
    assert [r.role for r in kb.roles_on("Lloyd Austin", "2021-04-01")] == ["Secretary of Defense"]
    assert kb.roles_on("Lloyd Austin", "2025-06-01") == []
    assert [r.role for r in kb.roles_on("Sergei Shoigu", "2021-04-13")] == ["Defense Minister"]
    assert [r.role for r in kb.roles_on("Sergei Shoigu", "2024-06-26")] == ["Secretary of the Security Council"]
    assert [(r.role, r.country) for r in kb.roles_on("Andrei Belousov", "2024-06-26")] == [("Defense Minister", "RUS")]
    assert [r.role for r in kb.roles_on("Andrii Taran", "2021-04-01")] == ["Defense Minister"]
    assert kb.roles_on("Andrii Taran", "2022-01-01") == []
    assert [r.country for r in kb.roles_on("Jens Stoltenberg", "2021-04")] == ["NATO"]
    assert [p.name for p in kb.holders("Defense Minister", "RUS", "2024-06-26")] == ["Andrei Belousov"]
    assert [p.name for p in kb.holders("Defense Minister", "RUS", "2021-04-01")] == ["Sergei Shoigu"]
    assert [p.name for p in kb.holders("President", "USA", "2021-04-02")] == ["Joe Biden"]


def test_kb_extra_json_file_adds_and_replaces(tmp_path: Path) -> None:
    extra = tmp_path / "my.json"
    extra.write_text(
        json.dumps(
            {
                "version": "test-1",
                "persons": [
                    {
                        "id": "jane_doe",
                        "name": "Jane Doe",
                        "country": "GBR",
                        "roles": [{"office": "ambassador", "role": "Ambassador", "country": "GBR", "start": "2023-01"}],
                    }
                ],
                "countries": {"UKR": {"aliases": ["Ukr."]}},
            }
        ),
        encoding="utf-8",
    )
    kb = load_kb(extra=extra)
    assert kb is not load_kb()
    assert kb.versions["user"] == "my.json:test-1"
    assert [r.role for r in kb.roles_on("Jane Doe", "2024-05-05")] == ["Ambassador"]
    assert kb.country("Ukr.") == "UKR"
    assert kb.person("Lloyd Austin") is not None
    assert load_kb().person("Jane Doe") is None


def test_kb_extra_yaml_file(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    extra = tmp_path / "my.yaml"
    extra.write_text(
        "version: y1\norganisations:\n  - {id: ACME, name: Acme Defence Systems, country: GBR, sector: BUS}\n",
        encoding="utf-8",
    )
    org = load_kb(extra=extra).organisation("Acme Defence Systems")
    assert org is not None
    assert (org.country, org.sector) == ("GBR", "BUS")


def test_kb_extra_file_errors_say_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UsageError, match="mapping"):
        load_kb(extra=bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="JSON"):
        load_kb(extra=bad)
    bad.write_text('{"persons": [{"name": "No Id"}]}', encoding="utf-8")
    with pytest.raises(UsageError, match="'id'"):
        load_kb(extra=bad)


def _person_file(tmp_path: Path, start: object, *, suffix: str = ".json") -> Path:
    role = {"office": "ambassador", "role": "Ambassador", "country": "GBR", "start": start}
    person = {"id": "jane_doe", "name": "Jane Doe", "country": "GBR", "roles": [role]}
    path = tmp_path / f"my{suffix}"
    path.write_text(json.dumps({"version": "test-1", "persons": [person]}), encoding="utf-8")
    return path


@pytest.mark.issue(3)
@pytest.mark.parametrize("start", ["early 2021", "2021-13", "2021-02-30", "April 2021", 2021.5])
def test_kb_extra_file_role_date_that_is_not_a_date_is_refused_at_load(tmp_path: Path, start: object) -> None:
    path = _person_file(tmp_path, start)
    with pytest.raises(UsageError) as err:
        load_kb(extra=path)
    message = str(err.value)
    assert str(path) in message
    assert "'jane_doe'" in message and "'Ambassador'" in message and repr(start) in message
    assert "YYYY-MM-DD" in message


def test_kb_cli_analyze_says_which_role_date_is_wrong(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.cli import cli

    path = _person_file(tmp_path, "early 2021")
    result = CliRunner().invoke(cli, ["analyze", "--kb", str(path), "--db", str(tmp_path / "s.db"), "-q"])
    assert result.exit_code == 1
    assert "start 'early 2021' is not a date" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("start", ["2021", "2021-04", "2021-04-01", 2021, ""])
def test_kb_extra_file_role_dates_a_year_month_or_day(tmp_path: Path, start: object) -> None:
    kb = load_kb(extra=_person_file(tmp_path, start))
    assert [r.role for r in kb.roles_on("Jane Doe", "2024-05-05")] == ["Ambassador"]


def test_kb_extra_yaml_file_unquoted_role_date(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    path = tmp_path / "my.yaml"
    path.write_text(
        "persons:\n  - id: jane_doe\n    name: Jane Doe\n    roles:\n"
        "      - {office: ambassador, role: Ambassador, country: GBR, start: 2023-01-01, end: 2024}\n",
        encoding="utf-8",
    )
    person = load_kb(extra=path).person("Jane Doe")
    assert person is not None
    assert [(r.start, r.end) for r in person.roles] == [("2023-01-01", "2024")]
    assert person.roles_on("2024-12-31") and not person.roles_on("2025-01-01")


def test_kb_shipped_role_dates_are_dates(kb: KnowledgeBase) -> None:
    for person in kb.persons.values():
        for role in person.roles:
            for value in (role.start, role.end):
                assert value is None or date_bounds(value), (person.id, value)


def test_kb_find_titles_in_running_text(kb: KnowledgeBase) -> None:
    text = "Gen. Mark Milley, chairman of the U.S. Joint Chiefs of Staff, called the Russian Defence Minister."
    hits = kb.find_titles(text)
    assert [text[h.start : h.end] for h in hits] == ["chairman of the U.S. Joint Chiefs of Staff", "Defence Minister"]
    assert hits[0].qualifier == "U.S."


def test_family_name_first_people_are_found_by_their_family_name() -> None:
    kb = load_kb()
    assert [p.id for p in kb.by_surname("Ban")] == ["ban_ki_moon"]
    assert [p.id for p in kb.by_surname("Moon")] == ["moon_jae_in"]  # not Ban Ki-moon's given name
    assert {p.id for p in kb.by_surname("Xi")} == {"xi_jinping"}
    assert not kb.by_surname("Jinping")
