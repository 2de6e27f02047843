"""Writing curation records (reviews, ratings) as YAML files people can read and diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, WorkscapeError
from ..schema import RATING_FIELDS
from .atomic import create_file, replace_file
from .curation_files import read_rating
from .fields import Checker


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
    recorded_by: str = "",
) -> Path:
    """Append one review to ``curation/reviews/<item>.yml`` (newest last), keeping the rest as is."""
    path = root / curation_dir / "reviews" / f"{item}.yml"
    entry: dict[str, Any] = {"by": by, "date": day, "verdict": verdict}
    if note:
        entry["note"] = note
    entry["fingerprint"] = fingerprint
    if recorded_by:
        entry["recorded_by"] = recorded_by
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    replace_file(path, old + _yaml([entry]))
    return path


def rating_path(root: Path, curation_dir: str, item: str, handle: str) -> Path:
    return root / curation_dir / "ratings" / item / f"{handle}.yml"


def rating_text(*, stars: int, day: date, comment: str) -> str:
    """The YAML of one rating file."""
    entry: dict[str, Any] = {"stars": stars, "date": day}
    if comment:
        entry["comment"] = comment
    return _yaml(entry)


def rating_problems(rel: str, *, stars: int, day: date, comment: str) -> list[Finding]:
    """What `check` would report in the rating file for these values; empty when none.

    The values go through the rating fields' rules, then the file that would be
    written is read back exactly as `check` reads ``rel`` and must say the same.
    """
    values = {"stars": stars, "date": day, "comment": comment}
    checker = Checker(rel, {})
    checker.check({k: v for k, v in values.items() if v != ""}, RATING_FIELDS)
    if checker.findings:
        return checker.findings
    findings: list[Finding] = []
    text = rating_text(stars=stars, day=day, comment=comment)
    rating = read_rating(text.encode("utf-8", "surrogatepass"), rel, findings)
    if rating is not None and (rating.stars, rating.date, rating.comment) != (stars, day, comment):
        # YAML reads a few line breaks (U+0085) back as spaces: the file would not say
        # what was accepted.
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "not-stored-as-written",
                "the comment would not read back as written",
                "write it with ordinary line breaks",
            )
        )
    return findings


def write_rating(
    root: Path, curation_dir: str, item: str, handle: str, *, stars: int, day: date, comment: str
) -> tuple[Path, bool]:
    """Write (or replace: re-rating replaces) one rating; returns the path and whether it changed.

    Raises :class:`WorkscapeError` rather than write a file `check` would refuse.
    """
    path = rating_path(root, curation_dir, item, handle)
    rel = path.relative_to(root).as_posix()
    problems = rating_problems(rel, stars=stars, day=day, comment=comment)
    if problems:
        raise WorkscapeError(f"{rel} would not pass `workscape check`; nothing written", problems)
    text = rating_text(stars=stars, day=day, comment=comment)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path, False
    if path.exists():
        replace_file(path, text)
    else:
        create_file(path, text)
    return path, True
