"""Writing files so that a reader never sees half a file and nothing is overwritten by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(FileExistsError):
    """The file to create already exists."""


def _write_temp(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(tmp)


def create_file(path: Path, text: str) -> None:
    """Write a new file in one step; raise :class:`FileExists` if it is already there."""
    tmp = _write_temp(path, text)
    try:
        # link() fails if the target exists, unlike rename(): no check-then-write race.
        os.link(tmp, path)
    except FileExistsError:
        raise FileExists(str(path)) from None
    finally:
        tmp.unlink()


def replace_file(path: Path, text: str) -> None:
    """Replace (or create) a file in one step: readers see the old or the new, never half."""
    tmp = _write_temp(path, text)
    os.replace(tmp, path)


def replace_bytes(path: Path, data: bytes) -> None:
    """Replace (or create) a binary file (a photo, a video) in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
