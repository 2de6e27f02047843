"""`workscape views import`: page views from access logs into curation/views/."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import click

from ..sources.access_logs import (
    MAX_LINE_BYTES,
    MAX_SOURCE_BYTES,
    REASONS,
    ItemPaths,
    Tally,
    tally_source,
)
from ..sources.views_store import merge_views, read_record
from .common import load, root_option


@click.group()
def views() -> None:
    """Page views, for "popular" and "trending" from real reading."""


@views.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--month",
    default=None,
    help="YYYY-MM that a path,views CSV counts (default: read from its file name).",
)
@click.option(
    "--progress-every",
    default=100_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Report progress on stderr every this many lines.",
)
@click.option(
    "--max-line-bytes",
    default=MAX_LINE_BYTES,
    show_default=True,
    type=click.IntRange(min=256),
    help="Skip (and count) log lines longer than this.",
)
@click.option(
    "--max-source-bytes",
    default=MAX_SOURCE_BYTES,
    show_default=True,
    type=click.IntRange(min=1024),
    help="Refuse a source that holds (or decompresses to) more than this.",
)
@root_option
def import_(
    sources: tuple[str, ...],
    month: str | None,
    progress_every: int,
    max_line_bytes: int,
    max_source_bytes: int,
    root: str | None,
) -> None:
    """Add the item views in SOURCES to curation/views/YYYY-MM.csv.

    SOURCES are access logs in combined log format (plain or gzipped) or CSVs of
    `path,views` for one month. A client's views of an item count once a day. Bots,
    repeats, assets, errors, non-GET requests, over-long lines and paths that are
    not item pages are left out and counted in the summary. What was
    imported before (recorded in curation/views/.imported) is not counted again,
    so the same log imported twice counts once.
    """
    if month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise click.BadParameter("expected YYYY-MM", param_hint="--month")
    loaded = load(root)
    settings = loaded.settings
    paths = ItemPaths(
        (f"/{item.url_path}" for item in loaded.catalog.items.values()),
        urlsplit(settings.site_url).path,
    )
    records = read_record(settings.root, settings.curation_dir)
    total: Counter[tuple[str, str]] = Counter()
    new_data = False
    seen: set[tuple[str, str, str]] = set()  # (client, item, day), across all sources
    for source in sources:
        name = Path(source).name
        progress = _Progress(name)
        tally = tally_source(
            Path(source),
            paths,
            records,
            name=name,
            month=month,
            progress=progress,
            every=progress_every,
            seen=seen,
            max_line_bytes=max_line_bytes,
            max_source_bytes=max_source_bytes,
        )
        progress.done()
        click.echo(_summary(tally))
        if tally.record is not None:
            # Later sources in this run see it too: the same log given twice counts once.
            records.append(tally.record)
            total.update(tally.views)
            new_data = True
    if not new_data:
        return
    for rel, added in merge_views(settings.root, settings.curation_dir, total, records):
        click.echo(f"{rel}: +{added:,} views")


class _Progress:
    """Lines read so far, on stderr: rewritten in place on a terminal, a line each otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, lines: int) -> None:
        self.shown = True
        message = f"{self.name}: {lines:,} lines read"
        if self.tty:
            click.echo(f"\r{message}", nl=False, err=True)
        else:
            click.echo(message, err=True)

    def done(self) -> None:
        if self.tty and self.shown:
            click.echo(err=True)


def _summary(tally: Tally) -> str:
    if tally.record is None:
        state = "already imported" if tally.lines else "empty"
        return f"{tally.name}: {state}, nothing counted"
    left_out = ", ".join(f"{n:,} {r}" for r in REASONS if (n := tally.ignored[r]))
    what = "rows" if tally.kind == "csv" else "lines"
    items = len({path for _month, path in tally.views})
    text = f"{tally.name}: {tally.counted:,} views of {items:,} items counted"
    if tally.skipped_lines:
        text += f" ({tally.skipped_lines:,} {what} imported before were skipped)"
    if left_out:
        text += f"; {what} left out: {left_out}"
    if tally.unreadable:
        text += f" (unreadable {what} start at {', '.join(map(str, tally.unreadable))})"
    if tally.too_long:
        text += f" (too-long lines start at {', '.join(map(str, tally.too_long))})"
    return text
