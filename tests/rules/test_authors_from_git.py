"""`workscape check --authors-from-git BASE..HEAD`: nobody posts in someone else's name.

Each test builds a real repository: the tiny site committed on main, then a
branch whose commits (fixed authors and dates) add or change items.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo
from loopkit import cli

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
BOB_HOME = ("Bob B", "bob@home.example")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def problem(author: str, title: str = "Pump trips") -> str:
    return f"---\ntitle: {title}\nauthor: {author}\ntags: [pumps]\n---\nIt trips.\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The tiny site on main, and a branch `pr` checked out from it."""
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(repo.path)
    repo.commit("Start the knowledge base", author=ALICE, when="2026-03-01T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    return repo


def authors(repo: GitRepo, rev_range: str = "main..HEAD") -> tuple[int, list[str]]:
    result = cli(repo.path, "check", "--authors-from-git", rev_range)
    return result.exit_code, result.stdout.splitlines()


def test_an_item_added_by_its_author_passes(repo: GitRepo) -> None:
    repo.write("content/problems/pump-trips.md", problem("bob"))
    repo.commit("Ask why the pump trips", author=BOB, when="2026-03-02T09:00:00")
    assert authors(repo) == (0, [])


def test_an_item_posted_in_someone_elses_name_is_an_error_at_its_author(repo: GitRepo) -> None:
    repo.write("content/problems/pump-trips.md", problem("alice"))
    sha = repo.commit(
        "Ask why the pump trips",
        author=BOB,
        when="2026-03-02T09:00:00",
        trailers=["Co-authored-by: Alice Archer <alice@acme.test>"],  # a trailer proves nothing
    )
    assert authors(repo) == (
        1,
        [
            f"content/problems/pump-trips.md:3:9: error author-not-committer: author 'alice' "
            f"did not add this file: commit {sha[:10]} is by 'bob'",
            "  hint: set `author: bob`; nobody posts in someone else's name "
            "(or ask alice to commit it)",
        ],
    )


def test_an_unknown_committer_is_an_error(repo: GitRepo) -> None:
    repo.write("content/problems/pump-trips.md", problem("bob"))
    sha = repo.commit("Ask", author=BOB_HOME, when="2026-03-02T09:00:00")
    assert authors(repo) == (
        1,
        [
            f"content/problems/pump-trips.md:3:9: error unknown-committer: commit {sha[:10]} "
            "that added this file is by <bob@home.example>, who is not in people.yml",
            "  hint: a curator adds the address to your `emails:` in curation/people.yml "
            "first, in a pull request of its own; or commit with your listed address",
        ],
    )


def test_the_base_branchs_mailmap_maps_a_second_address(repo: GitRepo) -> None:
    repo.git("switch", "-q", "main")
    repo.write(".mailmap", "Bob Brandt <bob@acme.test> <bob@home.example>\n")
    repo.commit("Map Bob's home address", author=ALICE, when="2026-03-01T10:00:00")
    repo.git("switch", "-q", "pr")
    repo.write("content/problems/pump-trips.md", problem("bob"))
    repo.commit("Ask", author=BOB_HOME, when="2026-03-02T09:00:00")
    assert authors(repo) == (0, [])


def test_a_mailmap_added_in_the_range_maps_nothing(repo: GitRepo) -> None:
    repo.write(".mailmap", "Alice Archer <alice@acme.test> <bob@acme.test>\n")
    repo.write("content/problems/pump-trips.md", problem("alice"))
    repo.commit("Ask as alice", author=BOB, when="2026-03-02T09:00:00")
    code, lines = authors(repo)
    assert code == 1 and "error author-not-committer: author 'alice'" in lines[0]


def test_only_added_files_are_checked_and_renames_keep_their_adder(repo: GitRepo) -> None:
    # Bob fixes alice's problem and renames it: neither makes him its adder.
    repo.write("content/problems/seal-weeps.md", sitekit.PROBLEM + "Also on P-300.\n")
    repo.mv("content/problems/seal-weeps.md", "content/problems/seal-weeps-p200.md")
    repo.commit("Fix and rename", author=BOB, when="2026-03-02T09:00:00")
    # Bob adds his own problem, and a later commit of alice's renames it: still bob's.
    repo.write("content/problems/pump-trips.md", problem("bob"))
    repo.commit("Ask", author=BOB, when="2026-03-03T09:00:00")
    repo.mv("content/problems/pump-trips.md", "content/problems/pump-trips-on-start.md")
    repo.commit("Better name", author=ALICE, when="2026-03-04T09:00:00")
    assert authors(repo) == (0, [])


def test_items_added_on_the_base_branch_or_merged_from_it_are_not_checked(
    repo: GitRepo,
) -> None:
    repo.git("switch", "-q", "main")
    repo.write("content/problems/from-main.md", problem("bob"))  # committed by alice
    repo.commit("Import", author=ALICE, when="2026-03-02T09:00:00")
    repo.git("switch", "-q", "pr")
    repo.write("content/problems/pump-trips.md", problem("bob"))
    repo.commit("Ask", author=BOB, when="2026-03-03T09:00:00")
    repo.merge("main", author=BOB, when="2026-03-04T09:00:00")
    assert authors(repo) == (0, [])


def test_drafts_committed_by_the_intake_workflow_are_flagged_for_the_reviewer(
    repo: GitRepo,
) -> None:
    repo.write("content/problems/pump-trips.md", problem("bob"))
    sha = repo.commit(
        "Draft the problem asked in issue #42", author=BOT, when="2026-03-02T09:00:00"
    )
    code, lines = authors(repo)
    assert code == 0
    assert lines[0] == (
        f"content/problems/pump-trips.md:3:9: warning author-unverified: added by "
        f"github-actions[bot] in {sha[:10]}, so its author 'bob' is not checked against a commit"
    )


def test_a_bad_range_is_an_error_that_names_the_fix(repo: GitRepo) -> None:
    result = sitekit.run(["workscape", "check", "--authors-from-git", "main"], repo.path)
    assert result.returncode == 1
    assert "'main' is not a range: write BASE..HEAD" in result.stderr
    shallow = sitekit.run(
        ["workscape", "check", "--authors-from-git", "origin/main..HEAD"], repo.path
    )
    assert shallow.returncode == 1
    assert "fetch-depth: 0" in shallow.stderr


def test_the_workflow_command_line(repo: GitRepo) -> None:
    """`workscape check --authors-from-git "origin/${BASE_REF}..HEAD"`, as check.yml runs it."""
    repo.write("content/problems/pump-trips.md", problem("alice"))
    repo.commit("Ask", author=BOB, when="2026-03-02T09:00:00")
    result = sitekit.run(["workscape", "check", "--authors-from-git", "main..HEAD"], repo.path)
    assert result.returncode == 1
    assert "error author-not-committer" in result.stdout
    assert "1 error(s), 0 warning(s) in 1 file(s)" in result.stderr
