"""The one git runner behind the history and the pull-request readers: how it fails."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from gitrepo import GitRepo
from workscape.errors import ProjectError
from workscape.sources.git_changes import added_files, changed_files
from workscape.sources.history import read_history


def test_without_git_every_reader_says_so_and_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.init(tmp_path / "kb")
    repo.write("content/a.md")
    repo.commit("add", when="2026-03-01T09:00:00")
    missing = tmp_path / "no-git"
    monkeypatch.setattr(git.Git, "GIT_PYTHON_GIT_EXECUTABLE", str(missing))

    for read in (
        lambda: read_history(repo.path),
        lambda: changed_files(repo.path, "HEAD", "HEAD", ["content/"]),
        lambda: added_files(repo.path, "HEAD..HEAD", ["content/"]),
    ):
        with pytest.raises(ProjectError) as refused:
            read()
        assert refused.value.report() == (
            f"cannot run git: [Errno 2] No such file or directory: '{missing}'\n"
            "  hint: install git, or name it in GIT_PYTHON_GIT_EXECUTABLE"
        )
