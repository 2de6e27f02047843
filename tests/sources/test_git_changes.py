"""What a pull request changes, read by the same git runner and log parser as the history.

Each test builds a real repository: files committed on main, then a branch `pr`
whose commits (fixed authors and dates) rename, add and merge.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gitrepo import ALICE, BOB, GitRepo
from workscape.errors import ProjectError
from workscape.sources.git import SHALLOW_HINT
from workscape.sources.git_changes import Addition, Change, added_files, changed_files

PREFIXES = ["content/"]
# Names the output must carry as written: -z output, never quoted or split.
ODD = [
    "content/new\nline.md",
    'content/tab\there "quoted".md',
    "content/record\x1eseparator.md",  # the log parser's own sentinel character
    "content/Łódź notes/café ☕.md",
]


@pytest.fixture(autouse=True)
def hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers run git with the process environment: keep the machine's config out."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main with two items, and a branch `pr` checked out from it."""
    repo = GitRepo.init(tmp_path / "kb")
    repo.write("content/seal.md", "Seal flush plans.\n" * 5)
    repo.write("content/pump.md", "Pump trips.\n" * 5)
    repo.commit("Start", author=ALICE, when="2026-03-01T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    return repo


def test_renames_and_odd_file_names_are_read_as_written(repo: GitRepo) -> None:
    repo.mv("content/seal.md", "content/seals/flush plans.md")
    for name in ODD:
        repo.write(name, f"{name}\n")
    sha = repo.commit("Rename and add", author=BOB, when="2026-03-02T09:00:00")

    changes = changed_files(repo.path, "main", "HEAD", PREFIXES)
    assert sorted(changes, key=lambda c: c.path) == sorted(
        [
            *(Change("added", name) for name in ODD),
            Change("renamed", "content/seals/flush plans.md", "content/seal.md"),
        ],
        key=lambda c: c.path,
    )
    assert added_files(repo.path, "main..HEAD", PREFIXES) == {
        name: Addition(name, sha, "bob@example.com") for name in ODD
    }


def test_a_merge_of_the_base_branch_adds_and_changes_nothing(repo: GitRepo) -> None:
    repo.write("content/pump.md", "Pump trips on start.\n" * 5)
    repo.write("content/vfd.md", "Isolating a VFD.\n")
    sha = repo.commit("Add and edit", author=BOB, when="2026-03-02T09:00:00")
    repo.git("switch", "-q", "main")
    repo.write("content/from-main.md", "Imported.\n")
    repo.commit("Import", author=ALICE, when="2026-03-03T09:00:00")
    repo.git("switch", "-q", "pr")
    repo.merge("main", author=BOB, when="2026-03-04T09:00:00")

    assert changed_files(repo.path, "main", "HEAD", PREFIXES) == [
        Change("modified", "content/pump.md"),
        Change("added", "content/vfd.md"),
    ]
    assert added_files(repo.path, "main..HEAD", PREFIXES) == {
        "content/vfd.md": Addition("content/vfd.md", sha, "bob@example.com"),
    }


def test_a_file_added_then_renamed_then_deleted_in_the_range(repo: GitRepo) -> None:
    repo.write("content/draft.md", "A draft of a problem.\n" * 5)
    added = repo.commit("Draft", author=BOB, when="2026-03-02T09:00:00")
    repo.mv("content/draft.md", "content/pump-noise.md")
    repo.write("content/scratch.md", "Scratch.\n")
    repo.commit("Name it; scratch", author=ALICE, when="2026-03-03T09:00:00")
    (repo.path / "content/scratch.md").unlink()
    repo.commit("No scratch", author=ALICE, when="2026-03-04T09:00:00")

    assert added_files(repo.path, "main..HEAD", PREFIXES) == {
        "content/pump-noise.md": Addition("content/pump-noise.md", added, "bob@example.com"),
    }


def test_a_hostile_git_config_does_not_change_the_reading(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.mv("content/seal.md", "content/seal é.md")
    repo.commit("Rename", author=BOB, when="2026-03-02T09:00:00")
    repo.write("content/new.md", "New.\n")
    added = repo.commit("Add", author=BOB, when="2026-03-03T09:00:00")
    config = tmp_path / "gitconfig"
    config.write_text(
        "[diff]\n renames = false\n noprefix = true\n"
        "[log]\n showSignature = true\n decorate = full\n"
        "[color]\n ui = always\n"
        "[core]\n quotePath = true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))

    assert changed_files(repo.path, "main", "HEAD", PREFIXES) == [
        Change("added", "content/new.md"),
        Change("renamed", "content/seal é.md", "content/seal.md"),
    ]
    assert added_files(repo.path, "main..HEAD", PREFIXES) == {
        "content/new.md": Addition("content/new.md", added, "bob@example.com"),
    }


def test_an_unknown_revision_is_an_error_whose_hint_names_the_shallow_checkout(
    repo: GitRepo,
) -> None:
    with pytest.raises(ProjectError) as unknown:
        changed_files(repo.path, "origin/main", "HEAD", PREFIXES)
    assert str(unknown.value) == (
        f"git diff failed in {repo.path}: fatal: bad revision 'origin/main...HEAD'"
    )
    assert unknown.value.hint == SHALLOW_HINT
    assert unknown.value.report() == f"{unknown.value}\n  hint: {SHALLOW_HINT}"


@pytest.mark.parametrize(
    ("rev_range", "message"),
    [
        ("main", "'main' is not a range: write BASE..HEAD"),
        ("main...HEAD", "'main...HEAD' is not a range: write BASE..HEAD"),
        ("--output=x..HEAD", "'--output=x' is not a revision"),
    ],
)
def test_a_range_that_is_not_one_is_refused_before_git_runs(
    repo: GitRepo, rev_range: str, message: str
) -> None:
    with pytest.raises(ProjectError, match=f"^{re.escape(message)}$"):
        added_files(repo.path, rev_range, PREFIXES)
