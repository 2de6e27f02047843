"""Build the site beside its folder and swap it in only when the build succeeded.

``mkdocs build`` writes into ``site_dir`` as it goes: a build that fails halfway
leaves a half-built site, and a build that fails at once (after ``--clean``) can
leave none. A reader, a web server or a deploy step that picks the folder up then
publishes a broken site. Instead, the plugin points ``site_dir`` at a temporary
sibling (same file system, so renames are cheap and atomic), and:

- on success, swaps it into place: with ``renameat2(RENAME_EXCHANGE)`` where Linux
  offers it, the old and new folders trade places in one step; elsewhere two renames
  leave a window of microseconds in which the folder is missing, never half-written;
- on failure, removes it, leaving the previous site byte for byte as it was.

``mkdocs serve`` keeps its own temporary folder and is left alone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2``); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


class AtomicSite:
    """A build into ``<parent>/.<name>.building``, swapped into ``<parent>/<name>``."""

    def __init__(self, site_dir: str | os.PathLike[str]) -> None:
        self.final = Path(site_dir).resolve()
        self.temp = self.final.with_name(f".{self.final.name}.building")
        self._old = self.final.with_name(f".{self.final.name}.previous")

    def begin(self) -> str:
        """Prepare an empty temporary folder (left over ones are removed) and return it."""
        for stale in (self.temp, self._old):
            shutil.rmtree(stale, ignore_errors=True)
        self.temp.parent.mkdir(parents=True, exist_ok=True)
        return str(self.temp)

    def commit(self) -> None:
        """Put the finished build in place of the previous site (if any)."""
        if self.final.is_dir() and _exchange(self.temp, self.final):
            shutil.rmtree(self.temp, ignore_errors=True)  # now holds the previous site
            return
        if self.final.exists():
            os.replace(self.final, self._old)
        os.replace(self.temp, self.final)
        shutil.rmtree(self._old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the unfinished build; the previous site stays untouched."""
        shutil.rmtree(self.temp, ignore_errors=True)
