"""What a pull request changes, read from git: changed files, and who added each file.

One git process per question, with ``-z`` output so no file name can be
misread. Paths are relative to the project root (``--relative``), like every
path Workscape reports. A revision that git does not know is an error whose
hint names the usual cause in CI: a shallow checkout.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import WorkscapeError

ChangeKind = Literal["added", "modified", "deleted", "renamed"]
_KINDS: dict[str, ChangeKind] = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed"}
SHALLOW_HINT = (
    "fetch the whole history (actions/checkout with `fetch-depth: 0`) so both revisions exist"
)


@dataclass(frozen=True)
class Change:
    """One changed file between two revisions."""

    kind: ChangeKind
    path: str  #: the path after the change (before it, for a deleted file)
    old_path: str | None = None  #: renamed files: where it was


@dataclass(frozen=True)
class Addition:
    """The commit that added a file, and its author's email (after .mailmap)."""

    path: str
    commit: str
    email: str


def _git(root: Path, args: Sequence[str]) -> str:
    try:
        result = subprocess.run(
            # No colour or signature lines, whatever the user's git config says.
            ["git", "-c", "color.ui=never", "-c", "log.showSignature=false", *args],
            cwd=root,
            capture_output=True,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise WorkscapeError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {result.returncode}"
        revision = any(w in detail for w in ("unknown revision", "bad revision", "no merge base"))
        hint = f"\n  hint: {SHALLOW_HINT}" if revision else ""
        raise WorkscapeError(f"git {args[0]} failed: {detail}{hint}")
    return result.stdout.decode("utf-8", "surrogateescape")


def _revision(text: str) -> str:
    # A revision that starts with "-" would be read as an option.
    if not text or text.startswith("-"):
        raise WorkscapeError(f"'{text}' is not a revision")
    return text


def split_range(rev_range: str) -> tuple[str, str]:
    """``BASE..HEAD`` as its two revisions."""
    base, sep, head = rev_range.partition("..")
    if not sep or head.startswith("."):
        raise WorkscapeError(f"'{rev_range}' is not a range: write BASE..HEAD")
    return _revision(base), _revision(head or "HEAD")


def _records(tokens: list[str]) -> list[Change]:
    changes = []
    i = 0
    while i < len(tokens):
        status = tokens[i]
        if status[:1] in ("R", "C"):
            old, new = tokens[i + 1], tokens[i + 2]
            i += 3
            changes.append(
                Change("renamed", new, old) if status[0] == "R" else Change("added", new)
            )
            continue
        kind = _KINDS.get(status[:1], "modified")
        changes.append(Change(kind, tokens[i + 1]))
        i += 2
    return changes


def changed_files(root: Path, base: str, head: str, prefixes: Sequence[str]) -> list[Change]:
    """Files changed from the merge base of ``base`` and ``head`` to ``head``, under prefixes.

    The merge base (``BASE...HEAD``) is what a pull request shows: changes that
    reached the base branch after the pull request started are not its own.
    """
    out = _git(
        root,
        [
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--relative",
            f"{_revision(base)}...{_revision(head)}",
            "--",
            *prefixes,
        ],
    )
    return _records([t for t in out.split("\0") if t])


def added_files(root: Path, rev_range: str, prefixes: Sequence[str]) -> dict[str, Addition]:
    """The files that non-merge commits in ``rev_range`` added and that still exist at its end.

    Follows renames: a file added and then renamed within the range keeps the
    commit that added it; a file renamed from one that existed before the range
    was not added by it.
    """
    base, head = split_range(rev_range)
    out = _git(
        root,
        [
            "log",
            "--reverse",
            "--no-merges",
            "-M",
            "--name-status",
            "-z",
            "--relative",
            "--format=%x1e%H%x1f%aE%x1f",
            f"{base}..{head}",
            "--",
            *prefixes,
        ],
    )
    added: dict[str, Addition] = {}
    for record in out.split("\x1e")[1:]:
        header, _, body = record.partition("\x1f\0")
        commit, _, email = header.partition("\x1f")
        for change in _records([t for t in body.lstrip("\n").split("\0") if t]):
            if change.kind == "added":
                added[change.path] = Addition(change.path, commit, email.lower())
            elif change.kind == "renamed" and change.old_path in added:
                origin = added.pop(change.old_path)
                added[change.path] = Addition(change.path, origin.commit, origin.email)
            elif change.kind == "deleted":
                added.pop(change.path, None)
    return added
