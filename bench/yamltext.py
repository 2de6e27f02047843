"""How the corpus's files spell values: YAML strings and dates (and a date back to seconds)."""

from __future__ import annotations

import json
from datetime import UTC, datetime


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def day(ts: float) -> str:
    """The UTC date of a timestamp, as YAML and front matter write it."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


def epoch(iso: str) -> float:
    """The timestamp of midnight UTC on an ISO date."""
    return datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp()
