"""Counting page views of items from web server access logs or an analytics CSV.

A source is either an access log in combined (or common) log format, plain or
gzipped, or a CSV whose first line is ``path,views`` (an analytics export for one
month). A log line counts as one view of an item when it is a ``GET`` answered
with 2xx or 304 (other redirects are not views: the request they lead to is
logged on its own line), its path is an item page of this site, and its user
agent is not a bot's. Its month is the one in the logged time, as the server
wrote it (its local time), so a month's file matches the server's own reports. Everything else is tallied by reason, so a summary can say
what was left out and why.

Importing the same data twice counts it once. Each import records the sha256
and length of the bytes it consumed (decompressed, up to the last complete
line). A source whose first N bytes hash to a recorded (N, sha256) was imported
up to N before, so only what follows is counted: the same file again counts
nothing, and a live log that has grown since, or its rotated copy, counts only
its new lines. The check needs one pass over the file: the hash of each
recorded length is taken on the way through.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from ..errors import WorkscapeError
from ..model import FOLDERS

#: Called every so often with the number of lines read so far.
Progress = Callable[[int], None]

_MONTHS = {
    m: f"{i:02d}"
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_LINE = re.compile(
    r"^\S+ \S+ .*?\[(?P<day>\d{1,2})/(?P<mon>[A-Za-z]{3})/(?P<year>\d{4}):[^\]]*\] "
    r'"(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) \S+'
    r'(?: "(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)")?'
)
#: User agents of crawlers, monitors, link previews and scripts (not people reading).
_BOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"monitor|uptime|pingdom|statuscake|lighthouse|headless|phantomjs|python|curl/|"
    r"wget/|go-http-client|java/|libwww|httpclient|okhttp|axios|node-fetch|scrapy|"
    r"feedfetcher|validator|checklink|^-?$",
    re.IGNORECASE,
)
_ITEM = re.compile(
    r"^/(?P<folder>" + "|".join(FOLDERS.values()) + r")/(?P<id>[a-z0-9-]+)(?:/|/index\.html)?$"
)
_ASSET = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_MONTH_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(0[1-9]|1[0-2])(?!\d)")
_OK = {304, *range(200, 300)}
#: Reasons a line is left out, in the order a summary lists them.
REASONS = ("bot", "asset", "status", "method", "not-an-item", "unknown-item", "unreadable")


class ItemPaths:
    """Maps the paths people request to the item pages of this site."""

    def __init__(self, items: Iterable[str], base: str = "/") -> None:
        """``items``: the canonical paths (``/problems/<id>/``); ``base``: the site's path."""
        self.items = frozenset(items)
        self.base = "/" + base.strip("/") + "/" if base.strip("/") else "/"

    def resolve(self, raw: str) -> tuple[str | None, str]:
        """The canonical item path of a requested path, or None and the reason it is not one."""
        path = unquote(raw.split("?", 1)[0].split("#", 1)[0])
        if self.base != "/" and path.startswith(self.base):
            path = "/" + path[len(self.base) :]
        match = _ITEM.match(path)
        if match is None:
            last = path.rstrip("/").rsplit("/", 1)[-1]
            is_asset = _ASSET.search(last) and not last.endswith(".html")
            return None, "asset" if is_asset else "not-an-item"
        canonical = f"/{match['folder']}/{match['id']}/"
        return (canonical, "") if canonical in self.items else (None, "unknown-item")


@dataclass(frozen=True)
class Imported:
    """A record of consumed bytes: their length and sha256."""

    size: int
    sha256: str
    name: str = ""


@dataclass
class Tally:
    """What one source held: views by (month, path), and what was left out and why."""

    name: str
    kind: Literal["log", "csv"] = "log"
    lines: int = 0
    views: Counter[tuple[str, str]] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    unreadable: list[int] = field(default_factory=list)  #: line numbers, the first few
    skipped_lines: int = 0  #: lines imported before
    record: Imported | None = None  #: what to remember, None when nothing new was read

    @property
    def counted(self) -> int:
        return sum(self.views.values())


def month_from_name(name: str) -> str | None:
    """``YYYY-MM`` found in a file name (``views-2026-03.csv``), or None."""
    match = _MONTH_IN_NAME.search(Path(name).name)
    return f"{match[1]}-{match[2]}" if match else None


def _open(file: Path) -> io.BufferedIOBase:
    with file.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(file, "rb") if magic == b"\x1f\x8b" else file.open("rb")


def _lines(handle: io.BufferedIOBase) -> Iterator[bytes]:
    try:
        yield from handle
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
        raise WorkscapeError(f"cannot read {getattr(handle, 'name', 'the file')}: {exc}") from None


def tally_source(
    file: Path,
    paths: ItemPaths,
    imported: Collection[Imported],
    *,
    name: str | None = None,
    month: str | None = None,
    progress: Progress | None = None,
    every: int = 100_000,
) -> Tally:
    """Count the item views in one source not imported before.

    ``month`` (``YYYY-MM``) is the month a ``path,views`` CSV counts; without it,
    the month is read from the file's name. Raises :class:`WorkscapeError` when
    the file cannot be read, or is a CSV whose month is unknown.
    """
    tally = Tally(name or file.name)
    known: dict[int, set[str]] = {}
    for record in imported:
        known.setdefault(record.size, set()).add(record.sha256)
    digest = hashlib.sha256()
    consumed = 0
    since: Counter[tuple[str, str]] = Counter()  # views after the last imported prefix
    since_ignored: Counter[str] = Counter()
    since_unreadable: list[int] = []
    csv_month: str | None = None
    try:
        handle = _open(file)
    except OSError as exc:
        raise WorkscapeError(f"cannot read {tally.name}: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(_lines(handle), start=1):
            if not raw.endswith(b"\n"):
                break  # a line still being written: left for the next import
            digest.update(raw)
            consumed += len(raw)
            tally.lines = number
            text = raw.decode("utf-8", "replace").rstrip("\r\n")
            if (
                number == 1
                and text.lstrip("\ufeff").strip().lower().replace(" ", "") == "path,views"
            ):
                tally.kind = "csv"
                csv_month = month or month_from_name(tally.name)
                if csv_month is None:
                    raise WorkscapeError(
                        f"{tally.name}: cannot tell which month these views are for; name the "
                        "file with its month (views-2026-03.csv) or pass --month YYYY-MM"
                    )
            elif tally.kind == "csv":
                _count_csv_row(
                    text, number, csv_month or "", paths, since, since_ignored, since_unreadable
                )
            else:
                _count_log_line(text, number, paths, since, since_ignored, since_unreadable)
            if consumed in known and digest.copy().hexdigest() in known[consumed]:
                # Everything up to here was imported before: start counting afresh.
                tally.skipped_lines = number
                since, since_ignored, since_unreadable = Counter(), Counter(), []
            if progress and number % every == 0:
                progress(number)
    new_lines = tally.lines - tally.skipped_lines
    if tally.kind == "log" and new_lines and len(since_unreadable) == new_lines:
        raise WorkscapeError(
            f"{tally.name} is not an access log: none of its lines (from line "
            f"{since_unreadable[0]}) is in combined or common log format, nor is it a CSV "
            "starting with `path,views`"
        )
    tally.views, tally.ignored, tally.unreadable = since, since_ignored, since_unreadable[:5]
    tally.ignored["unreadable"] = len(since_unreadable)
    if tally.lines > tally.skipped_lines:
        tally.record = Imported(consumed, digest.hexdigest(), tally.name)
    return tally


def _count_log_line(
    text: str,
    number: int,
    paths: ItemPaths,
    views: Counter[tuple[str, str]],
    ignored: Counter[str],
    unreadable: list[int],
) -> None:
    match = _LINE.match(text)
    request = match["request"].split() if match else []
    month = _MONTHS.get(match["mon"].lower()) if match else None
    if match is None or len(request) < 2 or month is None:
        if text.strip():
            unreadable.append(number)
        return
    agent = match["agent"]
    if agent is not None and _BOT.search(agent):
        ignored["bot"] += 1
    elif request[0] != "GET":
        ignored["method"] += 1
    elif int(match["status"]) not in _OK:
        ignored["status"] += 1
    else:
        path, reason = paths.resolve(request[1])
        if path is None:
            ignored[reason] += 1
        else:
            views[(f"{match['year']}-{month}", path)] += 1


def _count_csv_row(
    text: str,
    number: int,
    month: str,
    paths: ItemPaths,
    views: Counter[tuple[str, str]],
    ignored: Counter[str],
    unreadable: list[int],
) -> None:
    row = next(csv.reader([text]), [])
    if not row:
        return
    if len(row) != 2 or not row[1].strip().isdigit():
        unreadable.append(number)
        return
    path, reason = paths.resolve(row[0].strip())
    if path is None:
        ignored[reason] += 1  # rows, like log lines; their views are left out with them
    else:
        views[(month, path)] += int(row[1])
