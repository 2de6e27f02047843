"""The cache that outlives a process: parsed files and check results, in ``.workscape-cache/``.

Questions a reader would ask:

- **Where is it, and may I delete it?** In ``.workscape-cache/`` beside mkdocs.yml,
  git-ignored. Deleting it only costs the next run the time to parse everything again.
- **What are entries keyed by?** By the digest of what they were computed from: a
  parsed file by its path, its kind and its bytes; a whole ``check`` by every input
  it reads (see :mod:`.check_inputs`). Every file name also carries
  :func:`source_digest`, a digest of Workscape's own files, the Python version and the
  installed distributions: the version number stays the same while code changes, and
  a cache written by other code is never read.
- **Why JSON, not pickle?** A pull request can commit files into the folder
  (``git add -f``) and CI runs ``workscape check`` on its checkout. Unpickling runs
  code; JSON only gives data, which is decoded into known types or thrown away.
- **Why is a folder git tracks anything in ignored?** So that committed entries never
  change a result: a forged entry for the bytes of a pull request's file could hide
  its findings. Git can tell what was committed, so the cache is used only in a git
  work tree, and not at all when git tracks a file in it (said in one log line). A
  folder that is a symbolic link is ignored too. Entries written here come from this
  machine's own runs of the same code on the same bytes.
- **What if a file is cut short or garbled?** It is read as empty, never a crash; the
  next write replaces it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache_codec import plain

FOLDER = ".workscape-cache"
#: The package whose files the digest covers: every module, schema, template and locale.
_PACKAGE = Path(__file__).resolve().parent.parent
log = logging.getLogger("workscape.cache")


@functools.cache
def source_digest() -> str:
    """A digest of the code that computes what the cache keeps.

    Workscape's own files, byte for byte, plus the Python version and the names (with
    versions) of the installed distributions: a new PyYAML or re2 may read the same
    bytes differently.
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(sys.version.encode())
    for folder in sorted({p for p in sys.path if p.endswith("-packages")}):
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".dist-info"))
        except OSError:
            continue
        h.update("\0".join(names).encode())
    for file in sorted(_PACKAGE.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            h.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(file.read_bytes())
    return h.hexdigest()


def digest(*parts: bytes | str) -> str:
    """A short hex digest of ``parts``, each length-prefixed so no two splits collide."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass
class CacheStats:
    """What one load did: files parsed, and files whose parse was reused from the cache."""

    parsed: int = 0
    reused: int = 0


class CacheFolder:
    """The cache folder of the project at ``root``: JSON documents by name, or nothing."""

    def __init__(self, root: Path, *, write: bool = True) -> None:
        """``write=False``: read entries, never write (a build nobody runs again)."""
        self.root = root
        self.path = root / FOLDER
        self.writes = write
        self._usable: bool | None = None

    @property
    def usable(self) -> bool:
        """Whether this folder may be read and written (see the module docstring)."""
        if self._usable is None:
            self._usable = _usable(self.root, self.path)
        return self._usable

    def read(self, name: str) -> Any:
        """The JSON document ``name``, or None when absent, unusable or not valid JSON."""
        if not self.usable:
            return None
        try:
            with open(self.path / name, "rb") as handle:
                return json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None

    def write(self, name: str, value: Any, keep: str = "") -> None:
        """Write ``value`` as ``name``; remove other files starting with ``keep``.

        A file that cannot be written is skipped: a cache never fails a run.
        """
        if not self.writes or not self.usable:
            return
        try:
            # One dumps and one write: json.dump writes chunk by chunk, 20 times slower.
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=plain)
        except (TypeError, ValueError) as exc:
            log.debug("cache not written: %s", exc)
            return
        tmp = None
        try:
            self.path.mkdir(exist_ok=True)
            ignore = self.path / ".gitignore"
            if not ignore.is_file():
                # Ignored by git even where the project's .gitignore does not list it, so
                # a bot's `git add -A` (the intake workflows) never commits the cache.
                ignore.write_text("# Workscape's cache: safe to delete\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8"))
            os.replace(tmp, self.path / name)
            tmp = None
            for old in self.path.glob(f"{keep}*") if keep else ():
                if old.name != name:
                    old.unlink(missing_ok=True)
        except (OSError, ValueError) as exc:  # ValueError: text that is not UTF-8
            log.debug("cache not written: %s", exc)
            if tmp:
                Path(tmp).unlink(missing_ok=True)


def git_answer(
    root: Path, *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[bytes] | None:
    """``git ARGS`` in ``root``, or None when git cannot run or does not answer in time.

    Plain subprocess, not GitPython: a warm check answers before the history reader
    (and GitPython) is imported. C locale for git's words; GIT_OPTIONAL_LOCKS=0 so a
    check never takes git's index lock from the person working in the repository.
    """
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _usable(root: Path, folder: Path) -> bool:
    if folder.is_symlink():
        log.warning("ignoring %s: it is a symbolic link", FOLDER)
        return False
    done = git_answer(root, "ls-files", "-z", "--", FOLDER)
    if done is None:
        return False  # no git: nothing tells what came with the checkout
    if done.returncode != 0:
        return False  # not a work tree (or one git refuses): the same
    tracked = [p for p in done.stdout.decode("utf-8", "replace").split("\0") if p]
    if tracked:
        log.warning(
            "ignoring %s: git tracks %d file(s) in it (%s); a cache is never committed: "
            "git rm -r --cached %s",
            FOLDER,
            len(tracked),
            tracked[0],
            FOLDER,
        )
        return False
    return True
