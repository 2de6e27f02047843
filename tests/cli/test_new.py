"""`workscape new` scaffolds valid files and never overwrites one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from workscape.cli import main


def new(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["new", *args, "--root", str(root)])


def test_new_problem_is_valid_and_checks_clean(site: Path) -> None:
    result = new(
        site,
        "problem",
        "--title",
        "Impeller rubs after rebuild",
        "--author",
        "alice",
        "--tags",
        "pumps,shaft-seals",
        "--community",
        "field",
    )
    assert result.exit_code == 0, result.output
    path = site / "content/problems/impeller-rubs-after-rebuild.md"
    text = path.read_text()
    assert text.startswith("---\ntitle: Impeller rubs after rebuild\nauthor: alice\n")
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output


def test_new_answer_resource_and_collection(site: Path) -> None:
    assert new(site, "answer", "--author", "sme", "--problem", "seal-weeps").exit_code == 0
    assert (site / "content/answers/seal-weeps-answer-sme.md").exists()
    assert (
        new(
            site,
            "resource",
            "--title",
            "Seal guide",
            "--author",
            "bob",
            "--url",
            "https://x.test/g",
            "--format",
            "document",
        ).exit_code
        == 0
    )
    assert (
        new(
            site,
            "collection",
            "--title",
            "Seals 101",
            "--author",
            "sme",
            "--items",
            "seal-weeps,seal-guide",
        ).exit_code
        == 0
    )
    assert CliRunner().invoke(main, ["check", "--root", str(site)]).exit_code == 0


def test_new_never_overwrites(site: Path) -> None:
    target = site / "content/problems/seal-weeps.md"
    before = target.read_text()
    result = new(site, "problem", "--id", "seal-weeps", "--title", "X", "--author", "alice")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert target.read_text() == before


def test_new_reports_findings_for_what_it_wrote(site: Path) -> None:
    result = new(site, "problem", "--title", "Odd noise", "--author", "alcie")
    assert result.exit_code == 1
    assert "content/problems/odd-noise.md:3:9: error unknown-author" in result.output


def test_a_title_in_any_script_gives_an_ascii_id_and_a_valid_file(site: Path) -> None:
    for title, item_id in [
        ("Größe der Dichtung", "grosse-der-dichtung"),
        ("Насос перегревается", "nasos-peregrevaetsia"),
        ("水泵漏水", "shui-beng-lou-shui"),
    ]:
        result = new(site, "problem", "--title", title, "--author", "alice", "--tags", "pumps")
        assert result.exit_code == 0, result.output
        text = (site / f"content/problems/{item_id}.md").read_text(encoding="utf-8")
        assert f"title: {title}\n" in text
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output
    assert "0 error(s), 0 warning(s) in 0 file(s); 5 items checked" in check.output
