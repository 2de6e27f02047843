"""Real git repositories for tests: fixed authors and dates, no global or system config.

    repo = GitRepo.init(tmp_path / "kb")
    repo.write("content/a.md", "hello")
    repo.commit("Add a", author=ALICE, when="2026-01-05T10:00:00")

Every git call runs with ``GIT_CONFIG_GLOBAL``/``GIT_CONFIG_SYSTEM`` pointing at
``/dev/null`` so the machine's ``~/.gitconfig`` (signing, hooks, default branch)
cannot change a test's history.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

Identity = tuple[str, str]  # (name, email)

ALICE: Identity = ("Alice Example", "alice@example.com")
BOB: Identity = ("Bob Example", "bob@example.com")

_CONFIG = (
    "-c",
    "commit.gpgsign=false",
    "-c",
    "tag.gpgsign=false",
    "-c",
    "core.hooksPath=/dev/null",
)


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a git process: isolated from the machine's git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_CONFIG_SYSTEM="/dev/null",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        LC_ALL="C.UTF-8",
    )
    env.update(extra or {})
    return env


def git_time(when: str | datetime) -> str:
    """A git date in raw form (``@<epoch> +0000``); naive ISO strings are taken as UTC.

    A string starting with ``@`` is passed through, to commit in another time zone.
    """
    if isinstance(when, str) and when.startswith("@"):
        return when
    moment = datetime.fromisoformat(when) if isinstance(when, str) else when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"@{int(moment.timestamp())} +0000"


def utc(when: str) -> datetime:
    """``"2026-01-05T10:00:00"`` as an aware UTC datetime, to compare with history dates."""
    return datetime.fromisoformat(when).replace(tzinfo=UTC)


@dataclass(frozen=True)
class GitRepo:
    """A working tree at ``path`` driven by the ``git`` command."""

    path: Path

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        """A new empty repository on branch ``main``."""
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("-c", "init.defaultBranch=main", "init", "-q")
        return repo

    def git(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        check: bool = True,
    ) -> str:
        """Run git in the repository; raise with git's stderr on failure, if ``check``."""
        result = subprocess.run(
            ["git", *_CONFIG, *args],
            cwd=self.path,
            env=git_env(env),
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def write(self, rel: str, text: str = "text\n") -> Path:
        """Write a file (creating folders); nothing is staged."""
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def mv(self, old: str, new: str) -> None:
        """``git mv`` (staged, not committed), creating the target's folders."""
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def commit(
        self,
        message: str,
        *,
        author: Identity = ALICE,
        when: str | datetime = "2026-01-01T00:00:00",
        committer: Identity | None = None,
        committed: str | datetime | None = None,
        trailers: Sequence[str] = (),
    ) -> str:
        """Stage everything and commit at a fixed date; return the new sha.

        The committer and commit date default to the author and author date.
        """
        self.git("add", "-A")
        body = message + ("\n\n" + "\n".join(trailers) if trailers else "")
        env = self._who(author, when, committer, committed)
        self.git("commit", "-q", "--allow-empty", "-F", "-", env=env, stdin=body)
        return self.head()

    def merge(
        self,
        branch: str,
        *,
        author: Identity,
        when: str | datetime,
        strategy_args: Sequence[str] = (),
        keep: Sequence[str] = (),
    ) -> str:
        """Merge ``branch`` with a merge commit (never fast-forward); return the sha.

        ``keep`` resolves conflicts by keeping these files as they are in the work tree.
        """
        env = self._who(author, when, None, None)
        args = ("merge", "-q", "--no-ff", "--no-edit", *strategy_args, branch)
        self.git(*args, env=env, check=not keep)
        if keep:
            self.git("add", "--", *keep)
            self.git("commit", "-q", "--no-edit", env=env)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def clone(self, target: Path, *, depth: int | None = None) -> GitRepo:
        """Clone over ``file://`` (so ``--depth`` really makes a shallow clone)."""
        extra = ["--depth", str(depth)] if depth else []
        subprocess.run(
            ["git", *_CONFIG, "clone", "-q", *extra, self.path.resolve().as_uri(), str(target)],
            env=git_env(),
            check=True,
            capture_output=True,
        )
        return GitRepo(target)

    @staticmethod
    def _who(
        author: Identity,
        when: str | datetime,
        committer: Identity | None,
        committed: str | datetime | None,
    ) -> dict[str, str]:
        committer = committer or author
        return {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_AUTHOR_DATE": git_time(when),
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
            "GIT_COMMITTER_DATE": git_time(committed or when),
        }
