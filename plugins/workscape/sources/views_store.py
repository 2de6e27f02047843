"""The views data under curation/views/: monthly counts and the record of imports.

``YYYY-MM.csv`` holds one month: the header ``path,views`` then one row per
item page (``/problems/<id>/,<n>``), sorted by path. ``.imported`` lists what
``workscape views import`` has consumed, one ``<bytes> sha256:<hex> <name>`` line
per import (see :mod:`workscape.sources.access_logs`); curators never need to
edit it, and deleting it makes the next import count everything again.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import Finding, WorkscapeError
from .access_logs import MAX_MONTHLY_VIEWS, Imported, view_count
from .atomic import replace_file

RECORD_NAME = ".imported"
_RECORD_LINE = re.compile(r"^(\d+) sha256:([0-9a-f]{64})(?: (.*))?$")
_HEADER = "# Sources imported by `workscape views import`: bytes, sha256, name. Do not edit.\n"


def views_dir(root: Path, curation_dir: str) -> Path:
    return root / curation_dir / "views"


def read_record(root: Path, curation_dir: str) -> list[Imported]:
    """What earlier imports consumed."""
    file = views_dir(root, curation_dir) / RECORD_NAME
    if not file.is_file():
        return []
    out = []
    rel = f"{curation_dir}/views/{RECORD_NAME}"
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _RECORD_LINE.match(line)
        if match is None:
            raise WorkscapeError(
                f"{rel} is damaged",
                [
                    Finding.error(
                        rel,
                        (number, 1),
                        "bad-record",
                        f"cannot read {line!r}",
                        "restore the file from git",
                    )
                ],
            )
        out.append(Imported(int(match[1]), match[2], match[3] or ""))
    return out


def record_text(records: Iterable[Imported]) -> str:
    return _HEADER + "".join(f"{r.size} sha256:{r.sha256} {r.name}\n" for r in records)


def read_month(file: Path, rel: str) -> Counter[str]:
    """The counts in one month's file; :class:`WorkscapeError` if it is malformed."""
    counts: Counter[str] = Counter()
    if not file.is_file():
        return counts
    rows = csv.reader(io.StringIO(file.read_text(encoding="utf-8")))
    if next(rows, None) != ["path", "views"]:
        raise WorkscapeError(
            f"{rel} is malformed",
            [Finding.error(rel, (1, 1), "bad-header", "the first line must be `path,views`")],
        )
    for number, row in enumerate(rows, start=2):
        count = view_count(row[1]) if len(row) == 2 else None
        if count is None:
            raise WorkscapeError(
                f"{rel} is malformed",
                [
                    Finding.error(
                        rel,
                        (number, 1),
                        "bad-row",
                        f"expected `/problems/<id>/,<count>`, got {row!r}",
                        f"a count is ASCII digits, at most {MAX_MONTHLY_VIEWS:,}; fix the row, "
                        "then import again",
                    )
                ],
            )
        counts[row[0]] += count
    return counts


def month_text(counts: Counter[str]) -> str:
    lines = ["path,views", *(f"{path},{n}" for path, n in sorted(counts.items()) if n)]
    return "\n".join(lines) + "\n"


def merge_views(
    root: Path,
    curation_dir: str,
    views: Counter[tuple[str, str]],
    records: Iterable[Imported],
) -> list[tuple[str, int]]:
    """Add ``views`` (by month and path) to the month files, then remember the sources.

    Every month file is read (and checked) before any is written, so a malformed
    file stops the import before it changes anything. Returns each month file
    written, repository-relative, with the views it gained.
    """
    folder = views_dir(root, curation_dir)
    by_month: dict[str, Counter[str]] = {}
    for (month, path), n in views.items():
        by_month.setdefault(month, Counter())[path] += n
    merged = []
    for month, added in sorted(by_month.items()):
        rel = f"{curation_dir}/views/{month}.csv"
        counts = read_month(folder / f"{month}.csv", rel)
        counts.update(added)
        if over := sorted(path for path, n in counts.items() if n > MAX_MONTHLY_VIEWS):
            raise WorkscapeError(
                f"{rel}: {over[0]} would have more than {MAX_MONTHLY_VIEWS:,} views; nothing "
                "was written (is a source counted twice, or not a log of this site?)"
            )
        merged.append((rel, month_text(counts), sum(added.values())))
    for rel, text, _ in merged:
        replace_file(root / rel, text)
    # Last, so a source is only marked imported once its counts are written: a
    # failure between files can count a month twice on the re-run, never lose it.
    replace_file(folder / RECORD_NAME, record_text(records))
    return [(rel, n) for rel, _, n in merged]
