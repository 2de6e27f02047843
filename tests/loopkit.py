"""Helpers for the GitHub-loop tests: event payloads from tests/data, running the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from workscape.cli import main

DATA = Path(__file__).resolve().parent / "data"


def event_file(
    folder: Path,
    template: str,
    *,
    name: str = "event.json",
    login: str | None = None,
    body: str | None = None,
    title: str | None = None,
    created_at: str | None = None,
    number: int | None = None,
) -> Path:
    """A copy of ``tests/data/<template>`` with some issue fields changed, written to ``folder``."""
    payload: dict[str, Any] = json.loads((DATA / template).read_text(encoding="utf-8"))
    issue = payload["issue"]
    if login is not None:
        issue["user"]["login"] = login
        payload["sender"]["login"] = login
    if body is not None:
        issue["body"] = body
    if title is not None:
        issue["title"] = title
    if created_at is not None:
        issue["created_at"] = issue["updated_at"] = created_at
    if number is not None:
        issue["number"] = number
    path = folder / name
    path.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return path


def rate_body(item: str, stars: str = "4", comment: str = "_No response_") -> str:
    """An issue body as GitHub renders the Rate form."""
    return f"### Item\n\n{item}\n\n### Stars\n\n{stars}\n\n### Comment\n\n{comment}"


def cli(root: Path, *args: str) -> Result:
    """Run ``workscape ARGS --root ROOT`` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)
