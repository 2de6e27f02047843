"""`workscape import stackexchange`: a data dump's questions and answers become items."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
from click.testing import CliRunner, Result

import sitekit
from importkit import dump
from workscape.cli import main


def run(site: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["import", "stackexchange", *args, "--root", str(site)])


def test_a_dry_run_lists_the_files_and_reports_what_is_not_mapped(
    site: Path, tmp_path: Path
) -> None:
    folder = dump(tmp_path / "dump")
    result = run(site, str(folder), "--site-url", "https://ask.acme.test")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        "[1/3] create content/problems/seal-leaks-after-pump-rebuild.md  <- https://ask.acme.test/questions/1"
        in lines
    )
    assert (
        "[2/3] create content/problems/grosse-der-dichtung.md  <- https://ask.acme.test/questions/4"
        in lines
    )
    assert (
        "[3/3] create content/answers/seal-leaks-after-pump-rebuild-answer-2.md  <- https://ask.acme.test/a/2"
        in lines
    )
    posts = str(folder / "Posts.xml")
    assert (
        f"{posts}:5:1: warning import-unknown-person: 'Carl Contractor' (1 item(s)) is not in "
        "people.yml; those items are not written" in lines
    )
    assert any("--people FILE" in line for line in lines)
    assert (
        f"{posts}:3:1: warning import-unknown-tag: tag 'vibration' (1 item(s)) is not in the "
        "taxonomy; it is left off those items" in lines
    )
    # The proposed taxonomy entry takes its description from the tag's excerpt in Tags.xml.
    assert any(
        "--tag vibration=TAG" in ln and "'Shaft and casing vibration.'" in ln for ln in lines
    )
    assert "left out: 1 answers by people not mapped" in result.stderr
    assert "dry run: 3 of 3 files would be written" in result.stderr
    assert not (site / "content/problems/seal-leaks-after-pump-rebuild.md").exists()


@pytest.mark.parametrize("new_tags", [False, True], ids=["<a><b>", "|a|b|"])
def test_write_maps_people_keeps_acceptance_and_dates_and_checks_clean(
    site: Path, tmp_path: Path, new_tags: bool
) -> None:
    folder = dump(tmp_path / "dump", new_tags=new_tags)
    people = tmp_path / "people.yml"
    people.write_text('"12": sme\n')
    args = [str(folder), "--people", str(people), "--tag", "vibration=pumps", "--write"]
    result = run(site, *args)
    assert result.exit_code == 0, result.output
    assert "wrote 4 of 4 files" in result.stderr
    problem = frontmatter.load(site / "content/problems/seal-leaks-after-pump-rebuild.md")
    assert problem["author"] == "alice"
    assert problem["tags"] == ["pumps", "seals"]  # the synonym resolved, the mapped tag merged
    assert str(problem["date"]) == "2019-03-04" and str(problem["updated"]) == "2019-05-01"
    assert problem["accepted"] == "seal-leaks-after-pump-rebuild-answer-3"
    assert problem["source"] == "dump/Posts.xml#1"
    assert problem.content == "The **seal** leaks within a day."  # HTML as Markdown, no script
    accepted = frontmatter.load(site / "content/answers/seal-leaks-after-pump-rebuild-answer-3.md")
    assert (accepted["author"], accepted["problem"]) == ("sme", "seal-leaks-after-pump-rebuild")
    assert (
        frontmatter.load(site / "content/problems/grosse-der-dichtung.md")["title"]
        == "Größe der Dichtung?"
    )
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output
    assert "0 error(s)" in check.output and "6 items checked" in check.output
    built = sitekit.build(site, "--strict")
    assert built.returncode == 0, built.stderr
    page = (site / "site/problems/seal-leaks-after-pump-rebuild/index.html").read_text()
    assert "it was the wrong elastomer" in page and "<script>alert" not in page


def test_running_again_updates_and_never_duplicates(site: Path, tmp_path: Path) -> None:
    folder = dump(tmp_path / "dump")
    args = [str(folder), "--unknown-author", "cmgr", "--write"]
    assert run(site, *args).exit_code == 0
    before = sorted(p.name for p in (site / "content").rglob("*.md"))
    again = run(site, *args)
    assert "wrote 0 of 4 files" in again.stderr
    assert all(" unchanged " in line for line in again.stdout.splitlines() if line.startswith("["))
    dump(folder, title="Seal leaks after the pump was rebuilt")  # renamed on the old site
    renamed = run(site, *args)
    assert "[1/4] update content/problems/seal-leaks-after-pump-rebuild.md" in renamed.stdout
    assert sorted(p.name for p in (site / "content").rglob("*.md")) == before
    text = (site / "content/problems/seal-leaks-after-pump-rebuild.md").read_text()
    assert "title: Seal leaks after the pump was rebuilt" in text
    carl = (site / "content/answers/seal-leaks-after-pump-rebuild-answer-3.md").read_text()
    assert (
        "author: cmgr" in carl and "*First posted by Carl Contractor on the old Q&A site.*" in carl
    )


def test_a_broken_dump_is_an_error_at_its_line(site: Path, tmp_path: Path) -> None:
    folder = dump(tmp_path / "dump")
    posts = folder / "Posts.xml"
    posts.write_text(posts.read_text().replace('<row Id="4"', '<row Id="4" <'))
    result = sitekit.run(["workscape", "import", "stackexchange", str(folder)], site)
    assert result.returncode == 1
    assert "error import-bad-xml: not well-formed XML" in result.stderr


def test_mapping_onto_someone_not_in_people_yml_is_refused_before_reading(
    site: Path, tmp_path: Path
) -> None:
    folder = dump(tmp_path / "dump")
    people = tmp_path / "people.yml"
    people.write_text('"12": carl\n')
    mapped = run(site, str(folder), "--people", str(people))
    assert mapped.exit_code == 2
    assert "'carl', not in people.yml; add them there first" in mapped.output
    stand_in = run(site, str(folder), "--unknown-author", "nobody")
    assert stand_in.exit_code == 2
    assert "'nobody' is not a handle in people.yml" in stand_in.output
