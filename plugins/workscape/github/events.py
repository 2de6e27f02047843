"""Reading a GitHub ``issues`` event payload (the JSON file at ``$GITHUB_EVENT_PATH``).

Only what intake needs is kept, and only from the fields GitHub itself sets: the
issue's number, title, body, labels, creation time and its author's login. The
author comes from ``issue.user.login``, never from anything typed into the form,
so nobody can rate or ask in someone else's name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import Finding, WorkscapeError

#: Largest event file read: GitHub caps an issue body at 65,536 characters.
MAX_EVENT_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class IssueEvent:
    """The parts of an ``issues`` event that intake uses."""

    number: int
    login: str  #: the GitHub account that opened the issue
    title: str
    body: str  #: with Windows line endings normalised
    created: date  #: the issue's creation date (UTC)
    labels: tuple[str, ...] = ()
    #: The issue's creation time (UTC): a comment's file is named for its minute.
    created_at: datetime | None = None


def _bad(path: str, what: str) -> WorkscapeError:
    return WorkscapeError(
        f"{path} is not a GitHub `issues` event: {what}",
        [
            Finding.error(
                path,
                (1, 1),
                "bad-event",
                what,
                "pass the JSON file GitHub Actions gives the workflow ($GITHUB_EVENT_PATH)",
            )
        ],
    )


def _text(value: Any) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else ""


def parse_issue_event(payload: Any, path: str = "event.json") -> IssueEvent:
    """An :class:`IssueEvent` from a decoded payload; :class:`WorkscapeError` if it is not one."""
    issue = payload.get("issue") if isinstance(payload, dict) else None
    if not isinstance(issue, dict):
        raise _bad(path, "it has no `issue` object")
    user = issue.get("user")
    login = user.get("login") if isinstance(user, dict) else None
    if not isinstance(login, str) or not login:
        raise _bad(path, "`issue.user.login` is missing")
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise _bad(path, "`issue.number` is missing")
    try:
        created = datetime.fromisoformat(str(issue.get("created_at")).replace("Z", "+00:00"))
    except ValueError:
        raise _bad(path, "`issue.created_at` is not an ISO 8601 time") from None
    if created.tzinfo is not None:
        created = created.astimezone(UTC)
    labels = tuple(
        str(label.get("name"))
        for label in issue.get("labels") or []
        if isinstance(label, dict) and label.get("name")
    )
    return IssueEvent(
        number=number,
        login=login,
        title=_text(issue.get("title")).strip(),
        body=_text(issue.get("body")),
        created=created.date(),
        labels=labels,
        created_at=created.replace(tzinfo=None),
    )


def read_issue_event(file: Path) -> IssueEvent:
    """Read and parse the event file at ``file``."""
    name = file.as_posix()
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _bad(name, f"cannot read it ({exc.strerror})") from None
    if len(data) > MAX_EVENT_BYTES:
        raise _bad(name, f"it is larger than {MAX_EVENT_BYTES // (1024 * 1024)} MiB")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(name, f"it is not JSON ({exc})") from None
    return parse_issue_event(payload, name)
