"""Reading a form tool's CSV export of ratings (for people without a GitHub account).

The export needs five columns, found by their header whatever the tool calls
them: the time of the response, the respondent's *authenticated* email (the form
tool's sign-in, not a field people type into), the item, the stars and an
optional comment. Headers are matched without regard to case, spacing or
punctuation, through the aliases below. Times are ISO 8601 (``2026-03-05``,
``2026-03-05 10:12:00``, ``2026-03-05T10:12:00Z``) unless a ``strptime`` format
is given, since ``03/05/2026`` means different days in different locales.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import Finding, WorkscapeError

#: Normalised header -> column, for the names form tools give their columns.
COLUMN_ALIASES = {
    "timestamp": "timestamp",
    "time": "timestamp",
    "date": "timestamp",
    "submitted": "timestamp",
    "submittedat": "timestamp",
    "completiontime": "timestamp",
    "starttime": "timestamp",
    "email": "email",
    "emailaddress": "email",
    "emailauthenticated": "email",
    "respondentemail": "email",
    "item": "item",
    "itemid": "item",
    "stars": "stars",
    "rating": "stars",
    "comment": "comment",
    "comments": "comment",
}
REQUIRED = ("timestamp", "email", "item", "stars")


@dataclass(frozen=True)
class ExportRow:
    """One response: its line in the file and what it says."""

    line: int
    day: date
    email: str
    item: str
    stars: str
    comment: str


def _column(header: str) -> str | None:
    return COLUMN_ALIASES.get(re.sub(r"[^a-z]", "", header.lower()))


def parse_time(text: str, fmt: str | None = None) -> date | None:
    """The date of a response time, or None when it cannot be read."""
    text = text.strip()
    try:
        if fmt:
            return datetime.strptime(text, fmt).date()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def read_rating_export(
    file: Path, name: str, date_format: str | None = None
) -> tuple[list[ExportRow], list[Finding]]:
    """The rows of an export, and a finding for each row that cannot be read.

    Raises :class:`WorkscapeError` when the file as a whole is unusable (not
    UTF-8 text, or a required column missing).
    """
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise WorkscapeError(f"cannot read {name}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise WorkscapeError(
            f"{name} is not UTF-8 text",
            [
                Finding.error(
                    name,
                    (1, 1),
                    "not-utf8",
                    "the export is not UTF-8",
                    "export it again as 'CSV UTF-8'",
                )
            ],
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    columns = {_column(h): i for i, h in reversed(list(enumerate(header))) if _column(h)}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise WorkscapeError(
            f"{name} does not look like a ratings export",
            [
                Finding.error(
                    name,
                    (1, 1),
                    "missing-column",
                    f"no column for: {', '.join(missing)} (header: {', '.join(header) or 'empty'})",
                    "the export needs timestamp, email, item, stars and optionally comment",
                )
            ],
        )
    rows: list[ExportRow] = []
    findings: list[Finding] = []
    while True:
        line = reader.line_num + 1  # where the row starts (a comment may span lines)
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise WorkscapeError(
                f"{name} is not a readable CSV",
                [Finding.error(name, (line, 1), "bad-csv", str(exc), "export it again")],
            ) from None
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        cell = {c: (row[i] if i < len(row) else "") for c, i in columns.items()}
        day = parse_time(cell["timestamp"], date_format)
        if day is None:
            findings.append(
                Finding.error(
                    name,
                    (line, columns["timestamp"] + 1),
                    "bad-time",
                    f"cannot read the time {cell['timestamp']!r}",
                    "times must be ISO 8601 (2026-03-05 10:12:00), or pass --date-format",
                )
            )
            continue
        rows.append(
            ExportRow(
                line,
                day,
                cell["email"].strip(),
                cell["item"],
                cell["stars"],
                cell.get("comment", ""),
            )
        )
    return rows, findings
