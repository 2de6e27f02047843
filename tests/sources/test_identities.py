"""Known non-authors (bots, maintainers): their commits credit no one and date no change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from gitrepo import GitRepo
from workscape.cli import main
from workscape.project import load_project

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
MAINTAINER = ("KB Maintainers", "maint@ops.acme.test")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    return result.exit_code, result.stdout.splitlines()


def page_meta(root: Path) -> str:
    """The problem page's byline as a reader reads it."""
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site/problems/seal-weeps/index.html").read_text()
    meta = re.search(r'<p class="ws-meta">By (.*?)</p>', html, re.S)
    assert meta is not None
    return " ".join(re.sub(r"<[^>]+>", "", meta[1]).split())


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """Alice asks (3 March), Bob improves her problem (5 March), then a maintainer reformats
    every file (20 March) and a bot touches the problem (25 March)."""
    root = tmp_path / "kb"
    sitekit.make_site(root)
    repo = GitRepo.init(root)
    repo.commit("Ask about the seal", author=ALICE, when="2026-03-03T12:00:00")
    problem = root / "content/problems/seal-weeps.md"
    problem.write_text(problem.read_text() + "\nIt is a P-200 with a cartridge seal.\n")
    repo.commit("Name the pump", author=BOB, when="2026-03-05T09:00:00")
    for rel in ("content/problems/seal-weeps.md", "content/answers/check-flush.md"):
        (root / rel).write_text((root / rel).read_text().rstrip("\n") + "\n\n")
    repo.commit("Normalise trailing blank lines", author=MAINTAINER, when="2026-03-20T08:00:00")
    problem.write_text(problem.read_text() + "\n")
    repo.commit("Tidy", author=BOT, when="2026-03-25T08:00:00")
    return repo


def test_a_listed_non_author_is_silent_and_its_bulk_edit_dates_nothing(repo: GitRepo) -> None:
    root = repo.path
    code, lines = check(root)
    assert code == 0
    assert lines == [
        "curation/people.yml:1:1: warning unknown-identity: git author <maint@ops.acme.test> "
        "is not in people.yml (changed content/answers/check-flush.md, "
        "content/problems/seal-weeps.md)",
        "  hint: add the address to that person's `emails:` or map it in .mailmap; if it never "
        "authors knowledge (a bot, a maintainer), list it in `non_authors:` in policy.yml",
    ]
    # The maintainer's reformat is a change like any other until the curators say otherwise;
    # the bot's commit never is.
    assert page_meta(root) == "Alice Archer · 2026-03-02 · updated 2026-03-20"

    sitekit.write(root, "curation/policy.yml", 'non_authors: ["*@ops.acme.test"]\n')
    repo.commit("Maintainers are not authors", author=ALICE, when="2026-03-26T08:00:00")

    assert check(root) == (0, [])
    assert page_meta(root) == "Alice Archer · 2026-03-02 · updated 2026-03-05"
    items = load_project(root).catalog.items
    assert items["seal-weeps"].contributors == ("alice", "bob")
    assert items["check-flush"].contributors == ("alice",)
    assert items["check-flush"].updated == items["check-flush"].date  # unchanged since written


def test_a_star_means_everyone_not_in_people_yml(repo: GitRepo) -> None:
    """The bundled example's setting: robust to identities nobody has seen yet, while a
    listed person's commits still count even though '*' matches their address too."""
    sitekit.write(repo.path, "curation/policy.yml", 'non_authors: ["*"]\n')
    repo.commit("Nobody else authors here", author=ALICE, when="2026-03-26T08:00:00")
    answer = repo.path / "content/answers/check-flush.md"
    answer.write_text(answer.read_text() + "\n")
    repo.commit("Reformat again", author=("Someone New", "new@elsewhere.test"), when="2026-03-27")

    assert check(repo.path) == (0, [])
    assert page_meta(repo.path) == "Alice Archer · 2026-03-02 · updated 2026-03-05"
    assert load_project(repo.path).catalog.items["seal-weeps"].contributors == ("alice", "bob")


def test_bad_non_author_patterns_are_findings_at_their_line(site: Path) -> None:
    sitekit.write(
        site,
        "curation/policy.yml",
        'review_max_age_days: 365\nnon_authors:\n  - maint\n  - "*@ops.acme.test"\n  - a b@x.test\n',
    )
    code, lines = check(site)
    hint = (
        "  hint: write an address (ci@example.com) or a pattern where * stands for any "
        "characters (*@bots.example.com); '*' alone means every address not in people.yml"
    )
    assert code == 1
    assert lines == [
        "curation/policy.yml:3:5: error bad-identity: 'maint' is not an email address or a "
        "pattern of one",
        hint,
        "curation/policy.yml:5:5: error bad-identity: 'a b@x.test' is not an email address or "
        "a pattern of one",
        hint,
    ]
    sitekit.write(site, "curation/policy.yml", 'non_authors: "*"\n')
    assert check(site) == (
        1,
        [
            "curation/policy.yml:1:14: error wrong-type: 'non_authors' must be a list of "
            "addresses or patterns",
            '  hint: write e.g. `non_authors: ["*[bot]@users.noreply.github.com", '
            '"kb-maintainers@example.com"]`',
        ],
    )
