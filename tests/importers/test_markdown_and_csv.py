"""`workscape import markdown` and `workscape import csv`: documents and spreadsheets in."""

from __future__ import annotations

from pathlib import Path

import frontmatter
from click.testing import CliRunner, Result

import sitekit
from gitrepo import ALICE, BOB, GitRepo
from workscape.cli import main

GUIDE = """\
---
title: Seal replacement guide
owner: Maintenance department
tags: [shaft-seals]
---
Read [the start-up steps](start/first-start.md#steps) first.

![Seal diagram](img/diagram.png)

See also [the vendor](https://vendor.test/seals).
"""

FIRST_START = """\
# First start after a rebuild

Fill the casing before you start.

## Steps

1. Vent the seal chamber.
"""

EXPORT = """\
<html><head><title>Pump start - Wiki</title></head><body>
<h1>Pump start checklist</h1><p>Check <em>rotation</em> uncoupled.</p>
<script>steal()</script></body></html>
"""


def wiki(tmp_path: Path) -> Path:
    """A wiki folder in its own git repository, each page added on a known day."""
    repo = GitRepo.init(tmp_path / "wiki")
    repo.write("seal-guide.md", GUIDE)
    repo.commit("guide", author=ALICE, when="2021-02-03T10:00:00")
    repo.write("start/first-start.md", FIRST_START)
    repo.write("export/pump-start.html", EXPORT)
    repo.commit("start pages", author=BOB, when="2021-06-07T10:00:00")
    repo.write("start/first-start.md", FIRST_START + "2. Open suction fully.\n")
    repo.commit("more steps", author=BOB, when="2022-01-10T10:00:00")
    return repo.path


def imp(site: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["import", *args, "--root", str(site)])


def test_markdown_dry_run_titles_links_notes_and_report(site: Path, tmp_path: Path) -> None:
    folder = wiki(tmp_path)
    result = imp(site, "markdown", str(folder), "--as", "problem", "--author", "alice")
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[:3] == [
        "[1/3] create content/problems/pump-start-checklist.md  <- export/pump-start.html",
        "[2/3] create content/problems/seal-replacement-guide.md  <- seal-guide.md",
        "[3/3] create content/problems/first-start-after-a-rebuild.md  <- start/first-start.md",
    ]
    guide = str(folder / "seal-guide.md")
    assert (
        f"{guide}:3:1: warning import-unmapped-link: image 'img/diagram.png' leads to nothing "
        "imported; its text is kept without the link" in out
    )
    assert (
        f"{guide}:1:1: warning import-unmapped-key: front-matter key 'owner' (1 document(s)) "
        "maps onto no field; kept in a comment at the end of each body" in out
    )
    assert any("--map owner=FIELD" in line for line in out)


def test_markdown_write_checks_clean_with_git_dates_and_rewritten_links(
    site: Path, tmp_path: Path
) -> None:
    folder = wiki(tmp_path)
    args = ["markdown", str(folder), "--as", "problem", "--write"]
    result = imp(site, *args, "--unknown-author", "cmgr")
    assert result.exit_code == 0, result.output
    guide = frontmatter.load(site / "content/problems/seal-replacement-guide.md")
    # The author came from git (alice@example.com is not in people.yml: the curator stands in).
    assert guide["author"] == "cmgr"
    assert "*Written by alice@example.com in the old documentation.*" in guide.content
    assert guide["tags"] == ["seals"]
    assert str(guide["date"]) == "2021-02-03" and guide["source"] == "seal-guide.md"
    assert "[the start-up steps](first-start-after-a-rebuild.md#steps)" in guide.content
    assert "Seal diagram" in guide.content and "img/diagram.png" not in guide.content
    assert "owner: Maintenance department" in guide.content  # kept as a note
    start = frontmatter.load(site / "content/problems/first-start-after-a-rebuild.md")
    assert (str(start["date"]), str(start["updated"])) == ("2021-06-07", "2022-01-10")
    assert not start.content.startswith("# ")  # the heading became the title
    export = (site / "content/problems/pump-start-checklist.md").read_text()
    assert "Check *rotation* uncoupled." in export and "steal()" not in export
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output
    assert "0 error(s)" in check.output
    again = imp(site, *args, "--unknown-author", "cmgr")
    assert "wrote 0 of 3 files" in again.stderr


def test_markdown_resources_link_where_the_old_files_live(site: Path, tmp_path: Path) -> None:
    folder = wiki(tmp_path)
    base = "https://wiki.acme.test/space"
    result = imp(
        site,
        "markdown",
        str(folder),
        "--as",
        "resource",
        "--author",
        "bob",
        "--base-url",
        base,
        "--map",
        "owner=description",
        "--write",
    )
    assert result.exit_code == 0, result.output
    guide = frontmatter.load(site / "content/resources/seal-replacement-guide.md")
    assert (guide["url"], guide["format"]) == (f"{base}/seal-guide.md", "document")
    assert guide["source"] == f"{base}/seal-guide.md"
    assert guide["description"] == "Maintenance department"
    assert f"![Seal diagram]({base}/img/diagram.png)" in guide.content
    assert "import-unmapped" not in result.output
    assert CliRunner().invoke(main, ["check", "--root", str(site)]).exit_code == 0


SHEET = """\
title,question,answer,author,answered_by,tags,date
Pump hums but won't start,"The motor hums, the shaft does not turn.",Check for a seized bearing.,Alice Archer,bob,pumps;impellers,2020-11-02
,Which grease for the motor bearings?,,bob,,seals,2020-12-01
"""


def test_csv_rows_become_problems_with_accepted_answers(site: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "faq.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    dry = imp(site, "csv", str(sheet))
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[:3] == [
        "[1/3] create content/problems/pump-hums-but-won-t-start.md  <- faq.csv#row-2",
        "[2/3] create content/answers/pump-hums-but-won-t-start-answer.md  <- faq.csv#row-2/answer",
        "[3/3] create content/problems/which-grease-for-the-motor-bearings.md  <- faq.csv#row-3",
    ]
    assert f"{sheet}:2:1: warning import-unknown-tag: tag 'impellers'" in dry.stdout
    wrote = imp(site, "csv", str(sheet), "--write")
    assert "wrote 3 of 3 files" in wrote.stderr
    problem = frontmatter.load(site / "content/problems/pump-hums-but-won-t-start.md")
    assert (problem["author"], problem["tags"], str(problem["date"])) == (
        "alice",
        ["pumps"],
        "2020-11-02",
    )
    assert problem["accepted"] == "pump-hums-but-won-t-start-answer"
    answer = frontmatter.load(site / "content/answers/pump-hums-but-won-t-start-answer.md")
    assert (answer["author"], answer.content) == ("bob", "Check for a seized bearing.")
    check = CliRunner().invoke(main, ["check", "--root", str(site)])
    assert check.exit_code == 0, check.output
    built = sitekit.build(site, "--strict")
    assert built.returncode == 0, built.stderr


def test_csv_without_the_named_columns_says_which_it_has(site: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "faq.csv"
    sheet.write_text("Frage,Antwort\nWas?,Das.\n", encoding="utf-8")
    result = sitekit.run(["workscape", "import", "csv", str(sheet)], site)
    assert result.returncode == 1
    assert (
        "error import-columns: no 'title' or 'question' column; the columns are: 'Frage', 'Antwort'"
        in result.stderr
    )
    assert "hint: name them with --title-column and --question-column" in result.stderr
    named = imp(
        site,
        "csv",
        str(sheet),
        "--question-column",
        "Frage",
        "--answer-column",
        "Antwort",
        "--unknown-author",
        "cmgr",
    )
    assert named.exit_code == 0, named.output
    assert "[1/2] create content/problems/was.md  <- faq.csv#row-2" in named.stdout
