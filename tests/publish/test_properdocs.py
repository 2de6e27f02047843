"""ProperDocs, the maintained continuation of MkDocs 1.6, builds a Workscape site too.

It reads ``properdocs.yml`` (falling back to ``mkdocs.yml``) and runs our ``mkdocs.plugins``
entry point; ``workscape`` finds either file, so check, pre-commit and CI work after the rename.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import sitekit
from conftest import REPO
from workscape.cli import main

GENERATOR = '<meta name="generator"'


def _pages(site: Path) -> dict[str, list[bytes]]:
    """Each built file's lines, less the generator line that names the builder."""
    return {
        p.relative_to(site).as_posix(): [
            line for line in p.read_bytes().split(b"\n") if GENERATOR.encode() not in line
        ]
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_example_as_mkdocs_does(example_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = sitekit.run(["properdocs", "build", "--strict", "-d", str(out)], REPO)
    assert result.returncode == 0, result.stderr
    mine, theirs = _pages(out), _pages(example_site)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in home


def test_a_project_renamed_to_properdocs_yml_checks_and_builds(site: Path) -> None:
    (site / "mkdocs.yml").rename(site / "properdocs.yml")
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output
    assert "0 error(s), 0 warning(s) in 0 file(s); 2 items checked" in check.output
    built = sitekit.run(["properdocs", "build", "--strict"], site)
    assert built.returncode == 0, built.stderr
    page = (site / "site/problems/seal-weeps/index.html").read_text(encoding="utf-8")
    assert "Seal weeps after replacement" in page
    assert "Check the flush plan." in page


def test_check_finds_properdocs_yml_from_a_subfolder(site: Path, monkeypatch) -> None:
    (site / "mkdocs.yml").rename(site / "properdocs.yml")
    monkeypatch.chdir(site / "content/problems")
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output
    assert "2 items checked" in check.output


def test_both_config_files_are_refused_with_the_fix(site: Path) -> None:
    (site / "properdocs.yml").write_text((site / "mkdocs.yml").read_text())
    result = sitekit.run(["workscape", "check"], site)
    assert result.returncode == 1
    assert "properdocs.yml:1:1: error two-configs: MkDocs reads mkdocs.yml" in result.stderr
    assert "hint: keep one of the two files" in result.stderr
