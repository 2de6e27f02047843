"""Git, run one way: GitPython's ``git.Git`` for every command, one parser for ``git log``.

Both readers of git use this module: the content's history (:mod:`.history`) and
what a pull request changes (:mod:`.git_changes`). Decisions:

- **Output is NUL-separated** (``-z``), so a path with a newline, a tab, a quote
  or a sentinel character is read as written, never quoted or split.
- **The user's git config cannot change what we read**: colour and signature
  lines are switched off on the command line, and GitPython runs git with
  ``LC_ALL=C``, so the messages matched below are git's English ones.
- **A failure is a** :class:`GitError`: git's own words in the message and, when
  the usual cause is known, what to do as its ``hint``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple

import git

from ..errors import ProjectError

__all__ = [
    "SHALLOW_HINT",
    "Change",
    "ChangeKind",
    "Commit",
    "GitError",
    "Repository",
    "parse_changes",
    "parse_log",
    "pathspecs",
]

ChangeKind = Literal["added", "modified", "deleted", "renamed"]
# Statuses naming one path. R and C name two (a copy is a new file); a type change (T)
# and anything newer git may invent count as modified.
_KINDS: dict[str, ChangeKind] = {"A": "added", "D": "deleted", "M": "modified"}
SHALLOW_HINT = (
    "fetch the whole history (actions/checkout with `fetch-depth: 0`) so both revisions exist"
)
# Git waiting forever (a lock, a partial clone fetching from its remote) must not hang CI.
# GitPython refuses a timeout on Windows, where none is set.
_TIMEOUT = None if sys.platform == "win32" else 300.0
# One commit: a sentinel, then NUL-separated fields; -z makes the name-status part
# NUL-separated too. Names and emails are after .mailmap (%aN, %aE). Trailers such as
# Co-authored-by are not read: anyone can write one, so they credit no one.
_FORMAT = "%x1e%H%x00%at%x00%ct%x00%aN%x00%aE"
_SAFE_DIRECTORY = re.compile(r"--add safe\.directory (.+)")  # in git's "dubious ownership"


class GitError(ProjectError):
    """Git cannot answer: not installed, a repository it refuses, a revision it lacks."""


class Change(NamedTuple):
    """One changed file, in a commit or between two revisions."""

    kind: ChangeKind
    path: str  #: the path after the change (before it, for a deleted file)
    old_path: str | None = None  #: renamed files: where it was


class Commit(NamedTuple):
    """One commit of ``git log``, with the files it changed."""

    sha: str
    authored: int  #: author date, epoch seconds
    committed: int  #: commit date, epoch seconds
    name: str  #: author name, after .mailmap
    email: str  #: author email, after .mailmap, lowercased
    changes: list[Change]


def pathspecs(prefixes: Sequence[str]) -> list[str]:
    """``--`` and one literal pathspec per prefix (no glob magic); nothing for every file."""
    return ["--", *(f":(literal){p}" for p in prefixes)] if prefixes else []


class Repository:
    """Git in the folder ``root`` (a repository or a folder inside one)."""

    def __init__(self, root: Path, git_dir: Path | None = None) -> None:
        """``git_dir``: the repository's, when ``root`` is a folder of files outside it.

        Git then reads that folder as the work tree, its ``.mailmap`` included.
        """
        self.root = root
        self._git = git.Git(str(root))
        if git_dir is not None:
            self._git.set_persistent_git_options(git_dir=str(git_dir))

    def attempt(self, command: str, *args: str) -> tuple[int, str, str]:
        """Run ``git COMMAND ARGS``; return its exit status, output and error output.

        For a caller that tells some failures from answers itself; others use :meth:`run`.
        """
        try:
            status, out, err = getattr(self._git, command.replace("-", "_"))(
                *args,
                with_extended_output=True,
                with_exceptions=False,
                kill_after_timeout=_TIMEOUT,
            )
        except git.GitCommandNotFound as exc:
            raise GitError(
                f"cannot run git: {exc.status}",  # the OSError of starting it
                hint="install git, or name it in GIT_PYTHON_GIT_EXECUTABLE",
            ) from None
        return int(status), str(out), str(err)

    def run(self, command: str, *args: str) -> str:
        """The output of ``git COMMAND ARGS``; a failure raises :class:`GitError`."""
        status, out, err = self.attempt(command, *args)
        if status != 0:
            raise self.failure(command, err)
        return out

    def log(
        self, revisions: Sequence[str], prefixes: Sequence[str] = (), *, merges: bool = True
    ) -> list[Commit]:
        """The commits of ``revisions`` that touch ``prefixes``, oldest first, renames followed.

        Parents always come before their children (``--date-order``), so a file's
        addition is replayed before its rename. Paths are relative to ``root``.
        """
        out = self.run(
            "log",
            "-z", "--name-status", "-M", "--root", "--reverse", "--date-order",
            "--relative", "--encoding=UTF-8", "--no-color", "--no-show-signature",
            f"--format={_FORMAT}", *([] if merges else ["--no-merges"]),
            *revisions, *pathspecs(prefixes),
        )  # fmt: skip
        return parse_log(out)

    def failure(self, command: str, stderr: str) -> GitError:
        """The error for git failing: its ``fatal:``/``error:`` lines, and the usual fix."""
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        said = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines
        hint = ""
        if "dubious ownership" in stderr:
            # git names the folder to trust: the repository's top, which root may be inside.
            trusted = _SAFE_DIRECTORY.search(stderr)
            folder = trusted.group(1).strip() if trusted else str(self.root)
            hint = f"trust the repository: git config --global --add safe.directory {folder}"
        elif any(
            w in stderr
            for w in ("unknown revision", "bad revision", "no merge base", "Not a valid object")
        ):
            hint = SHALLOW_HINT
        detail = " ".join(said) or "no message"
        return GitError(f"git {command} failed in {self.root}: {detail}", hint=hint)


def parse_log(text: str) -> list[Commit]:
    """Split ``git log -z --name-status --format=<_FORMAT>`` output into commits.

    Walks the NUL-separated tokens by position (a rename has two paths, anything
    else one), so a file name can hold any character, even the sentinel.
    """
    tokens = text.split("\0")
    commits: list[Commit] = []
    i, n = 0, len(tokens)
    while i < n:
        start = tokens[i].lstrip("\n")
        if not start:
            i += 1
            continue
        if not start.startswith("\x1e") or i + 4 >= n:
            raise GitError(f"unexpected `git log` output near {start[:60]!r}")
        authored, committed, name, email = tokens[i + 1 : i + 5]
        changes, i = parse_changes(tokens, i + 5)
        commits.append(
            Commit(start[1:], int(authored), int(committed), name, email.lower(), changes)
        )
    return commits


def parse_changes(tokens: Sequence[str], start: int = 0) -> tuple[list[Change], int]:
    """The ``--name-status -z`` records from ``tokens[start]`` up to the next commit's sentinel.

    Returns them with the index where they stop. ``git diff`` output is one run
    of records; in ``git log`` output each status follows a newline, stripped here.
    """
    changes: list[Change] = []
    i, n = start, len(tokens)
    while i < n:
        status = tokens[i].lstrip("\n")
        if not status:
            i += 1
        elif status[0] == "\x1e":
            break
        elif status[0] in "RC":
            old, new = tokens[i + 1], tokens[i + 2]
            changes.append(
                Change("renamed", new, old) if status[0] == "R" else Change("added", new)
            )
            i += 3
        else:
            changes.append(Change(_KINDS.get(status[0], "modified"), tokens[i + 1]))
            i += 2
    return changes, i


def configured_email(folder: Path | None = None) -> str:
    """The address git commits as here (``user.email``), or "" when none is set."""
    try:
        return str(git.Git(str(folder) if folder else None).config("--get", "user.email")).strip()
    except (git.GitCommandError, git.GitCommandNotFound):
        return ""
