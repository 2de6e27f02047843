"""Writing curation records (reviews, ratings) as YAML files people can read and diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .atomic import create_file, replace_file


def _yaml(value: Any) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)


def append_review(
    root: Path,
    curation_dir: str,
    item: str,
    *,
    by: str,
    day: date,
    verdict: str,
    note: str,
    fingerprint: str,
) -> Path:
    """Append one review to ``curation/reviews/<item>.yml`` (newest last), keeping the rest as is."""
    path = root / curation_dir / "reviews" / f"{item}.yml"
    entry: dict[str, Any] = {"by": by, "date": day, "verdict": verdict}
    if note:
        entry["note"] = note
    entry["fingerprint"] = fingerprint
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    replace_file(path, old + _yaml([entry]))
    return path


def rating_path(root: Path, curation_dir: str, item: str, handle: str) -> Path:
    return root / curation_dir / "ratings" / item / f"{handle}.yml"


def write_rating(
    root: Path, curation_dir: str, item: str, handle: str, *, stars: int, day: date, comment: str
) -> tuple[Path, bool]:
    """Write (or replace: re-rating replaces) one rating; returns the path and whether it changed."""
    path = rating_path(root, curation_dir, item, handle)
    entry: dict[str, Any] = {"stars": stars, "date": day}
    if comment:
        entry["comment"] = comment
    text = _yaml(entry)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path, False
    if path.exists():
        replace_file(path, text)
    else:
        create_file(path, text)
    return path, True
