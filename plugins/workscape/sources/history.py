"""Interim history reader (being replaced by the one-pass reader)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Contributor:
    name: str
    email: str
    commits: int


@dataclass(frozen=True)
class FileHistory:
    path: str
    created: datetime
    updated: datetime
    contributors: tuple[Contributor, ...]


@dataclass(frozen=True)
class History:
    head: str | None = None
    head_time: datetime | None = None
    shallow: bool = False
    files: Mapping[str, FileHistory] = field(default_factory=dict)

    def for_path(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def read_history(root: Path, prefixes: Sequence[str] = ("content/", "curation/")) -> History:
    return History()


def now_from(history: History, environ: Mapping[str, str] = os.environ) -> datetime | None:
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return history.head_time


def unknown_identities(history: History, known: set[str]) -> dict[str, tuple[str, ...]]:
    return {}
