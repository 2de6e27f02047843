"""Counting page views of items from web server access logs or an analytics CSV.

A source is either an access log in combined (or common) log format, plain or
gzipped, or a CSV whose first line is ``path,views`` (an analytics export for one
month). A log line counts as one view of an item when it is a ``GET`` answered
with 2xx or 304 (other redirects are not views: the request they lead to is
logged on its own line), its path is an item page of this site, and its user
agent is not a bot's. Its month is the one in the logged time, as the server
wrote it (its local time), so a month's file matches the server's own reports. Everything else is tallied by reason, so a summary can say
what was left out and why.

A view is counted once per client, item and day: the client is the logged user
(``%u``, when single sign-on sets it) or else the address, so one person reloading a
page, or a script replaying it 50,000 times, is one reader that day. Automation
(crawlers, monitors, link previews, scripts) is recognised by user agent
(:mod:`workscape.sources.user_agents`).

A log is untrusted input: a line longer than ``max_line_bytes`` is skipped and
counted (``too-long``) without ever being held in memory whole, and a source that
decompresses to more than ``max_source_bytes`` is refused, so a small gzip file
cannot make the import read gigabytes.

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
from ..patterns import linear
from .user_agents import Automation

#: Called every so often with the number of lines read so far.
Progress = Callable[[int], None]

_MONTHS = {
    m: f"{i:02d}"
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# RE2 (see workscape.patterns): a backtracking engine was quadratic on a long malformed line.
_LINE = linear(
    r"^(?P<host>\S+) \S+ (?P<user>.*?) ?\[(?P<day>\d{1,2})/(?P<mon>[A-Za-z]{3})/(?P<year>\d{4}):"
    r'[^\]]*\] "(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) \S+'
    r'(?: "(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)")?'
)
_ITEM = linear(
    r"^/(?P<folder>" + "|".join(FOLDERS.values()) + r")/(?P<id>[a-z0-9-]+)(?:/|/index\.html)?$"
)
_ASSET = linear(r"\.[A-Za-z0-9]{1,8}$")
# A curator's file name, not log content: the look-around is safe here.
_MONTH_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(0[1-9]|1[0-2])(?!\d)")
_OK = {304, *range(200, 300)}
#: Reasons a line is left out, in the order a summary lists them. ``repeat``: the same
#: client read the same item that day already.
REASONS = (
    "bot",
    "repeat",
    "asset",
    "status",
    "method",
    "not-an-item",
    "unknown-item",
    "unreadable",
    "too-long",
)
#: Default caps. A combined-format line holds a request, a referrer and a user agent, each
#: limited by web servers to about 8 KiB; a month of a busy intranet site is far below 4 GiB.
MAX_LINE_BYTES = 32 * 1024
MAX_SOURCE_BYTES = 4 * 1024**3
#: The most views one item can have in a month: more is a typing or export error.
MAX_MONTHLY_VIEWS = 1_000_000
_COUNT_DIGITS = len(str(MAX_MONTHLY_VIEWS))


def view_count(text: str) -> int | None:
    """A view count written in ASCII digits, up to :data:`MAX_MONTHLY_VIEWS`; else None.

    ``str.isdigit`` accepts superscripts (which ``int`` then refuses) and other
    scripts' digits (which it converts): neither is a count anyone exported.
    """
    if not text or len(text) > _COUNT_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    count = int(text)
    return count if count <= MAX_MONTHLY_VIEWS else None


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
    too_long: list[int] = field(default_factory=list)  #: line numbers, the first few
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


class _Reader:
    """The complete lines of a source, none held longer than ``max_line`` bytes.

    Every byte consumed goes into ``digest`` and ``consumed``, skipped lines too, so an
    import record covers exactly what was read. A line longer than the cap is read
    on in bounded pieces and yielded as None. A last line without its newline is
    still being written: it is neither yielded nor hashed.
    """

    def __init__(
        self, handle: io.BufferedIOBase, name: str, max_line: int, max_source: int
    ) -> None:
        self.handle, self.name = handle, name
        self.max_line, self.max_source = max_line, max_source
        self.digest = hashlib.sha256()
        self.consumed = 0

    def _read(self, limit: int) -> bytes:
        try:
            return self.handle.readline(limit)
        except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
            raise WorkscapeError(f"cannot read {self.name}: {exc}") from None

    def _take(self, piece: bytes) -> None:
        self.digest.update(piece)
        self.consumed += len(piece)
        if self.consumed > self.max_source:
            raise WorkscapeError(
                f"{self.name}: more than {self.max_source:,} bytes (decompressed); split it "
                "into smaller files, or raise --max-source-bytes if it really is one log"
            )

    def __iter__(self) -> Iterator[bytes | None]:
        while raw := self._read(self.max_line + 1):
            if raw.endswith(b"\n"):
                self._take(raw)
                yield raw
                continue
            if len(raw) <= self.max_line:
                return  # the end of the file, in the middle of a line
            before = (self.digest.copy(), self.consumed)
            self._take(raw)
            while (piece := self._read(64 * 1024)) and not piece.endswith(b"\n"):
                self._take(piece)
            if not piece:  # an over-long line still being written: leave it for next time
                self.digest, self.consumed = before
                return
            self._take(piece)
            yield None


def tally_source(
    file: Path,
    paths: ItemPaths,
    imported: Collection[Imported],
    *,
    name: str | None = None,
    month: str | None = None,
    progress: Progress | None = None,
    every: int = 100_000,
    seen: set[tuple[str, str, str]] | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    max_source_bytes: int = MAX_SOURCE_BYTES,
) -> Tally:
    """Count the item views in one source not imported before.

    ``month`` (``YYYY-MM``) is the month a ``path,views`` CSV counts; without it,
    the month is read from the file's name. ``seen`` holds the (client, path, day)
    already counted; pass the same set for every source of one import, so a
    client's reading is counted once across rotated logs. Raises
    :class:`WorkscapeError` when the file cannot be read, is larger than
    ``max_source_bytes``, or is a CSV whose month is unknown.
    """
    tally = Tally(name or file.name)
    seen = set() if seen is None else seen
    known: dict[int, set[str]] = {}
    for record in imported:
        known.setdefault(record.size, set()).add(record.sha256)
    since: Counter[tuple[str, str]] = Counter()  # views after the last imported prefix
    since_ignored: Counter[str] = Counter()
    since_unreadable: list[int] = []
    since_long: list[int] = []
    csv_month: str | None = None
    try:
        handle = _open(file)
    except OSError as exc:
        raise WorkscapeError(f"cannot read {tally.name}: {exc.strerror}") from None
    with handle:
        reader = _Reader(handle, tally.name, max_line_bytes, max_source_bytes)
        for number, raw in enumerate(reader, start=1):
            tally.lines = number
            text = "" if raw is None else raw.decode("utf-8", "replace").rstrip("\r\n")
            if raw is None:
                since_long.append(number)
            elif (
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
                _count_log_line(text, number, paths, since, since_ignored, since_unreadable, seen)
            consumed = reader.consumed
            if consumed in known and reader.digest.copy().hexdigest() in known[consumed]:
                # Everything up to here was imported before: start counting afresh.
                tally.skipped_lines = number
                since, since_ignored, since_unreadable, since_long = Counter(), Counter(), [], []
            if progress and number % every == 0:
                progress(number)
    new_lines = tally.lines - tally.skipped_lines
    if tally.kind == "log" and new_lines and len(since_unreadable) == new_lines:
        raise WorkscapeError(
            f"{tally.name} is not an access log: none of its lines (from line "
            f"{since_unreadable[0]}) is in combined or common log format, nor is it a CSV "
            "starting with `path,views`"
        )
    tally.views, tally.ignored = since, since_ignored
    tally.unreadable, tally.too_long = since_unreadable[:5], since_long[:5]
    tally.ignored["unreadable"] = len(since_unreadable)
    tally.ignored["too-long"] = len(since_long)
    if tally.lines > tally.skipped_lines:
        tally.record = Imported(reader.consumed, reader.digest.hexdigest(), tally.name)
    return tally


def _count_log_line(
    text: str,
    number: int,
    paths: ItemPaths,
    views: Counter[tuple[str, str]],
    ignored: Counter[str],
    unreadable: list[int],
    seen: set[tuple[str, str, str]],
) -> None:
    match = _LINE.match(text)
    request = match["request"].split() if match else []
    month = _MONTHS.get(match["mon"].lower()) if match else None
    if match is None or len(request) < 2 or month is None:
        if text.strip():
            unreadable.append(number)
        return
    agent = match["agent"]
    if agent is not None and Automation.matches(agent):
        ignored["bot"] += 1
    elif request[0] != "GET":
        ignored["method"] += 1
    elif int(match["status"]) not in _OK:
        ignored["status"] += 1
    else:
        path, reason = paths.resolve(request[1])
        user = match["user"].strip()
        client = f"user {user}" if user not in ("", "-") else f"address {match['host']}"
        day = f"{match['year']}-{month}-{int(match['day']):02d}"
        if path is None:
            ignored[reason] += 1
        elif (client, path, day) in seen:
            ignored["repeat"] += 1
        else:
            seen.add((client, path, day))
            views[(day[:7], path)] += 1


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
    count = view_count(row[1].strip()) if len(row) == 2 else None
    if count is None:
        unreadable.append(number)
        return
    path, reason = paths.resolve(row[0].strip())
    if path is None:
        ignored[reason] += 1  # rows, like log lines; their views are left out with them
    else:
        views[(month, path)] += count
