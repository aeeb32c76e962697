from __future__ import annotations

from pathlib import Path

import click
from hypothesis import given
from hypothesis import strategies as st

import sitrep
from sitrep.cli import cli
from sitrep.model import Article, Removal, article_id


def test_package_exports_a_small_explicit_api() -> None:
    assert sorted(sitrep.__all__) == ["Article", "RawDoc", "Rejection", "Removal", "Store", "__version__"]
    for name in sitrep.__all__:
        assert hasattr(sitrep, name)


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix}{name} "))
    return names


def test_package_every_cli_command_is_documented_in_readme(repo_dir: Path) -> None:
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _commands(cli) if f"sitrep {name}" not in readme]
    assert not missing, f"commands missing from README: {missing}"


def test_package_main_job_commands_in_readme_match_makefile(repo_dir: Path) -> None:
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    makefile = (repo_dir / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "sitrep run examples/articles examples/feeds" in makefile
    assert "make test" in (repo_dir / ".ci" / "run").read_text(encoding="utf-8")


text = st.text(min_size=1, max_size=200)


@given(body=text, title=st.none() | text, credits=st.lists(text, max_size=3), reason=text)
def test_package_article_dict_round_trip(
    body: str, title: str | None, credits: list[str], reason: str
) -> None:
    article = Article(
        id=article_id(body),
        source="x.txt",
        text=body,
        title=title,
        wire_credits=tuple(credits),
        removed=(Removal(0, 3, "abc", reason),),
        extra={"tags": ["a", "b"]},
    )
    assert Article.from_dict(article.to_dict()) == article


def test_package_article_id_ignores_case_quotes_and_spacing() -> None:
    assert article_id("Kyiv said “no”.\n\nThen  more.") == article_id('kyiv said "no". then more.')
    assert article_id("Kyiv said no.") != article_id("Kyiv said yes.")
