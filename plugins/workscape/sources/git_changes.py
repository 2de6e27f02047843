"""What a pull request changes, read from git: changed files, and who added each file.

One git process per question, through the runner and log parser of :mod:`.git`.
Paths are relative to the project root (``--relative``), like every path
Workscape reports. A revision that git does not know is an error whose hint
names the usual cause in CI: a shallow checkout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .git import Change, GitError, Repository, parse_changes, pathspecs

__all__ = ["Addition", "Change", "added_files", "changed_files", "split_range"]


@dataclass(frozen=True)
class Addition:
    """The commit that added a file, and its author's email (after .mailmap)."""

    path: str
    commit: str
    email: str


def _revision(text: str) -> str:
    # A revision that starts with "-" would be read as an option.
    if not text or text.startswith("-"):
        raise GitError(f"'{text}' is not a revision")
    return text


def split_range(rev_range: str) -> tuple[str, str]:
    """``BASE..HEAD`` as its two revisions."""
    base, sep, head = rev_range.partition("..")
    if not sep or head.startswith("."):
        raise GitError(f"'{rev_range}' is not a range: write BASE..HEAD")
    return _revision(base), _revision(head or "HEAD")


def changed_files(root: Path, base: str, head: str, prefixes: Sequence[str]) -> list[Change]:
    """Files changed from the merge base of ``base`` and ``head`` to ``head``, under prefixes.

    The merge base (``BASE...HEAD``) is what a pull request shows: changes that
    reached the base branch after the pull request started are not its own.
    """
    out = Repository(root).run(
        "diff", "-z", "--name-status", "-M", "--relative", "--no-color",
        f"{_revision(base)}...{_revision(head)}", *pathspecs(prefixes),
    )  # fmt: skip
    return parse_changes(out.split("\0"))[0]


def added_files(
    root: Path, rev_range: str, prefixes: Sequence[str], mailmap_from: Path | None = None
) -> dict[str, Addition]:
    """The files that non-merge commits in ``rev_range`` added and that still exist at its end.

    Follows renames: a file added and then renamed within the range keeps the
    commit that added it; a file renamed from one that existed before the range
    was not added by it. ``mailmap_from``: a folder holding the base's files
    (:func:`~.snapshot.files_at`), whose ``.mailmap`` maps the authors' emails
    instead of the work tree's, which the range itself may have changed.
    """
    base, head = split_range(rev_range)
    repository = Repository(root)
    if mailmap_from is not None:
        git_dir = repository.run("rev-parse", "--absolute-git-dir").strip()
        repository = Repository(mailmap_from, git_dir=Path(git_dir))
    added: dict[str, Addition] = {}
    for commit in repository.log([f"{base}..{head}"], prefixes, merges=False):
        for change in commit.changes:
            if change.kind == "added":
                added[change.path] = Addition(change.path, commit.sha, commit.email)
            elif change.kind == "renamed" and change.old_path in added:
                origin = added.pop(change.old_path)
                added[change.path] = Addition(change.path, origin.commit, origin.email)
            elif change.kind == "deleted":
                added.pop(change.path, None)
    return added
