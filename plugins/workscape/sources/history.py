"""Git history of the content: who changed each file, when it was added and last changed.

The whole history is read in one pass of ``git log`` (one process, not one per
file), oldest commit first, and replayed in Python. Decisions, each one a
question a reader of the site would otherwise ask:

- **Renames are followed** (``-M``): a renamed or moved file keeps its first
  date and its contributors; the rename commit counts as a change. A file moved
  in from outside the prefixes (``drafts/`` to ``content/``) keeps its history.
- **Merges add nothing of their own.** ``git log`` shows a merge without a
  diff, and the commits of the merged branch appear themselves, so their
  authors are counted and the person who pressed "merge" is not. Every commit
  reachable from HEAD counts, even on a branch whose change the merge threw
  away (``-s ours``): the log is not limited to the prefixes, as git's path
  limiting costs a second tree diff per commit (2.5x the time on 10,000 files).
- **Contributors** are commit authors, after ``.mailmap``, keyed by lowercased
  email; one commit counts once per file. ``Co-authored-by`` trailers credit
  no one: anyone can write one naming anyone, and a profile or a caretaker
  role must not be given away by a line in someone else's commit message.
- **Dates** are author dates in UTC: ``created`` the earliest, ``updated`` the
  latest, so a rebased or cherry-picked commit cannot make a file look changed
  before it was created.
- **Deleted files do not appear.** A file deleted and added again later is a
  new file: its ``created`` is the re-add date and its contributors start
  afresh, as the old text is gone and the new one may have nothing in common.
- **Only HEAD's files**: the result lists the files of HEAD's tree under the
  prefixes; an uncommitted file has no history.
- **No repository, no error**: a folder that is not a git repository, or a
  repository without commits, gives an empty :class:`History`. A repository git
  refuses to read (e.g. "dubious ownership") raises :class:`ProjectError`, as
  silently losing every date would be worse.
- **Shallow clones** read the commits present (their oldest shows every file as
  added) and say so in :attr:`History.shallow`; see :data:`SHALLOW_MESSAGE`.

``read_history`` keeps the last few results keyed by HEAD, so ``mkdocs serve``
pays one ``git rev-parse`` per rebuild while HEAD has not moved.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from ..errors import ProjectError
from .git import Commit, Repository, pathspecs

__all__ = [
    "SHALLOW_MESSAGE",
    "Contributor",
    "FileHistory",
    "History",
    "handles_by_email",
    "is_bot",
    "now",
    "now_from",
    "read_history",
    "unknown_identities",
]

SHALLOW_MESSAGE = (
    "shallow clone: dates and contributors come from the commits present; "
    "fetch the full history (actions/checkout with fetch-depth: 0)"
)

_CACHE_SIZE = 4  # a few roots or prefix sets; a serve session needs one
_cache: OrderedDict[tuple[object, ...], History] = OrderedDict()


@dataclass(frozen=True)
class Contributor:
    """A person who changed a file, with the number of commits they were part of."""

    name: str
    email: str  #: lowercased, after .mailmap
    commits: int
    #: Author date (UTC) of their newest commit to the file, so a reader can tell when the
    #: people who matter last changed it (a bot's or maintainer's bulk edit aside).
    last: datetime | None = None


@dataclass(frozen=True)
class FileHistory:
    """The history of one file present at HEAD."""

    path: str  #: current repository-relative POSIX path
    created: datetime  #: author date (UTC) of the earliest commit, following renames
    updated: datetime  #: author date (UTC) of the latest commit
    contributors: tuple[Contributor, ...]  #: most commits first, then name


@dataclass(frozen=True)
class History:
    """What git knows about the files under the prefixes, as of HEAD."""

    head: str | None = None  #: HEAD's sha; None without a repository or commits
    head_time: datetime | None = None  #: HEAD's commit time (UTC), the project's "now"
    shallow: bool = False  #: a shallow clone: older commits are missing
    files: Mapping[str, FileHistory] = field(default_factory=lambda: MappingProxyType({}))

    def for_path(self, path: str) -> FileHistory | None:
        """The history of ``path`` (repository-relative, POSIX), or None if git has none."""
        return self.files.get(PurePosixPath(path).as_posix())


def read_history(root: Path, prefixes: Sequence[str] = ("content/", "curation/")) -> History:
    """Read the history of the files under ``prefixes`` (relative to ``root``).

    ``root`` may be a subfolder of a repository; paths are then relative to it.
    An empty ``prefixes`` means every file. Raises :class:`~.git.GitError` (a
    :class:`ProjectError`) only when git fails on what is a repository.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        return History()
    repo = Repository(root)
    probe = _probe(repo)
    if probe is None:
        return History()
    head, shallow, toplevel = probe
    key = (str(root), head, shallow, tuple(prefixes), _mailmap_stamp(toplevel))
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    history = _read(repo, head, shallow, tuple(prefixes))
    _cache[key] = history
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return history


def now(history: History, environ: Mapping[str, str] = os.environ) -> datetime | None:
    """The project's "now": ``SOURCE_DATE_EPOCH`` (UTC) when set, else HEAD's commit time.

    Never the wall clock, so the same commit builds the same site.
    """
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:  # CI templates often export it empty; that means unset
        return history.head_time
    if not raw.isdigit():
        raise ProjectError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since 1970-01-01 UTC; "
            "unset it, or set it to the commit time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
        )
    return datetime.fromtimestamp(int(raw), UTC)


now_from = now  # the name the loader first used; same function


def handles_by_email(people: Iterable[tuple[str, Sequence[str]]]) -> dict[str, str]:
    """Map each lowercased email to its person's handle, from ``(handle, emails)`` pairs.

    When two people claim one address the first keeps it; reporting that clash is
    the validator's job, not this lookup's.
    """
    out: dict[str, str] = {}
    for handle, emails in people:
        for email in emails:
            out.setdefault(email.strip().lower(), handle)
    return out


def unknown_identities(
    history: History, known_emails: Iterable[str], *, skip_bots: bool = True
) -> dict[str, tuple[str, ...]]:
    """Contributors' emails that no person claims, each with the files they changed.

    Bots (a ``[bot]`` name or address, e.g. the workflow that commits ratings) are
    skipped unless ``skip_bots`` is false: no one can add them to people.yml.
    """
    known = {e.strip().lower() for e in known_emails}
    found: dict[str, list[str]] = {}
    for path, record in history.files.items():
        for person in record.contributors:
            if person.email in known or (skip_bots and is_bot(person)):
                continue
            found.setdefault(person.email, []).append(path)
    return {email: tuple(sorted(paths)) for email, paths in sorted(found.items())}


# --- reading -----------------------------------------------------------------


def _probe(repo: Repository) -> tuple[str, bool, Path] | None:
    """HEAD's sha, shallowness and the top folder in one cheap process; None if no history."""
    status, out, err = repo.attempt(
        "rev-parse", "--is-shallow-repository", "--show-toplevel", "--verify", "-q", "HEAD"
    )
    lines = out.splitlines()
    if status == 1 and not err.strip():
        return None  # a repository without commits: HEAD names an unborn branch
    if status != 0:
        if "not a git repository" in err:
            return None
        raise repo.failure("rev-parse", err)
    shallow, toplevel, head = lines[0], lines[1], lines[2]
    return head, shallow == "true", Path(toplevel)


def _read(repo: Repository, head: str, shallow: bool, prefixes: tuple[str, ...]) -> History:
    # Only the listing of HEAD's files is limited to the prefixes; see the module docstring.
    commits = repo.log([head])
    tree = repo.run("ls-tree", "-r", "-z", "--name-only", head, *pathspecs(prefixes))
    # Unlimited by path, the log always holds HEAD, and --reverse puts it last.
    head_time = next(c.committed for c in reversed(commits) if c.sha == head)
    records, people_of, names = _replay(commits)
    files = _freeze(commits, records, people_of, names, tree.split("\0"))
    return History(head, datetime.fromtimestamp(head_time, UTC), shallow, MappingProxyType(files))


def _replay(
    commits: Sequence[Commit],
) -> tuple[dict[str, list[int]], list[tuple[str, ...]], dict[str, str]]:
    """Replay the changes oldest first.

    Returns each path's record (the indexes of the commits that changed it, one
    list shared by every name the file had), each commit's people, and each
    email's newest name. Besides the live paths, the records of deleted and
    renamed-away paths are kept: on another branch the old path may still be
    edited (or the deletion undone by the merge), and that edit is the same file's.
    """
    live: dict[str, list[int]] = {}
    gone: dict[str, list[int]] = {}
    people_of: list[tuple[str, ...]] = []
    names: dict[str, str] = {}
    for index, commit in enumerate(commits):
        names[commit.email] = commit.name
        people_of.append((commit.email,))
        # A stored record is never empty, so `or` safely falls through to the next source.
        for kind, path, old_path in commit.changes:
            if kind == "deleted":
                if path in live:
                    gone[path] = live.pop(path)
                continue  # deleting credits no one: the file is gone
            if kind == "renamed" and old_path is not None:
                record = live.pop(old_path, None) or gone.get(old_path) or []
                gone[old_path] = record
            elif kind == "added":  # or copied: a new file either way
                record = live.get(path) or []
            else:  # modified, or a type change
                record = live.get(path) or gone.get(path) or []
            live[path] = record
            if not record or record[-1] != index:  # one commit counts once per file
                record.append(index)
    for path, record in gone.items():
        live.setdefault(path, record)  # HEAD's tree decides which of these survive
    return live, people_of, names


def _freeze(
    commits: Sequence[Commit],
    records: Mapping[str, list[int]],
    people_of: Sequence[tuple[str, ...]],
    names: Mapping[str, str],
    paths: Iterable[str],
) -> dict[str, FileHistory]:
    """The histories of ``paths`` (HEAD's files), sorted by path.

    Dates and contributor lists repeat across files, so each is built once and
    shared (they are immutable): on 10,000 files that halves the time.
    """
    moments: dict[int, datetime] = {}
    crowds: dict[tuple[tuple[str, int, int], ...], tuple[Contributor, ...]] = {}
    files: dict[str, FileHistory] = {}

    def moment(epoch: int) -> datetime:
        if epoch not in moments:
            moments[epoch] = datetime.fromtimestamp(epoch, UTC)
        return moments[epoch]

    for path in sorted(p for p in paths if p):
        record = records.get(path)
        if not record:
            continue
        times = [commits[i].authored for i in record]
        counts: dict[str, int] = {}
        latest: dict[str, int] = {}
        for i in record:
            for email in people_of[i]:
                counts[email] = counts.get(email, 0) + 1
                latest[email] = max(latest.get(email, 0), commits[i].authored)
        key = tuple((email, n, latest[email]) for email, n in counts.items())
        if key not in crowds:
            found = [Contributor(names[email], email, n, moment(t)) for email, n, t in key]
            found.sort(key=lambda c: (-c.commits, c.name.casefold(), c.email))
            crowds[key] = tuple(found)
        first, last = min(times), max(times)
        files[path] = FileHistory(path, moment(first), moment(last), crowds[key])
    return files


def _mailmap_stamp(toplevel: Path) -> tuple[int, int] | None:
    """Editing .mailmap changes names without a commit; serve must notice."""
    try:
        stat = (toplevel / ".mailmap").stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def is_bot(person: Contributor) -> bool:
    """A ``[bot]`` account (a GitHub App, the workflow that commits ratings): never a person."""
    return person.name.endswith("[bot]") or "[bot]@" in person.email
