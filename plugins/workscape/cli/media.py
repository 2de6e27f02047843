"""`workscape media strip`: photos and videos made safe to publish before they are committed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import WorkscapeError
from ..model import Policy
from ..sources.atomic import replace_bytes
from ..sources.curation_files import read_curation
from ..sources.media import KIND_OF_EXTENSION, sniff
from ..sources.media_strip import clean_media
from ..sources.settings import find_root, read_settings
from .common import root_option

#: Extensions the command looks at; others (Markdown, YAML) pass through untouched, so
#: pre-commit can hand it every staged file.
_STRIPPED = frozenset({*KIND_OF_EXTENSION, "heic", "heif"}) - {"vtt", "webm"}


@click.group()
def media() -> None:
    """Photos and videos in content."""


@media.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@root_option
def strip(paths: tuple[str, ...], root: str | None) -> None:
    """Remove location and device metadata from the photos and videos at PATHS.

    Photos lose their EXIF and XMP (turned upright first), are scaled down to the
    policy's `photo_max_edge`, and HEIC photos become a JPEG beside them (the HEIC is
    deleted). An MP4 keeps its video untouched; its metadata boxes are blanked.
    Prints each file it changed and why; a file already clean is left as it is.
    Exit status: 0 done (a changed file must be added again before committing);
    1 a file could not be read as a photo or video.
    """
    max_edge = _max_edge(root)
    failed = False
    for name in paths:
        path = Path(name)  # relative to the current folder, as `check`'s PATHS are
        if path.suffix.lower().lstrip(".") not in _STRIPPED:
            continue
        data = path.read_bytes()
        kind = sniff(data[:64])
        if kind is None or kind in ("vtt", "webm"):
            continue  # not a photo or MP4: `check` says what it is
        try:
            cleaned = clean_media(data, kind, max_edge)
        except ValueError as exc:
            click.echo(f"{name}: {exc}", err=True)
            failed = True
            continue
        target = path
        if kind == "heic":
            target = path.with_suffix(".jpg")
        if cleaned.data != data or target != path:
            replace_bytes(target, cleaned.data)
            if target != path:
                path.unlink()
            shown = name if target == path else f"{name} -> {target.name}"
            click.echo(f"{shown}: {', '.join(cleaned.changes)}")
    if failed:
        sys.exit(1)


def _max_edge(root: str | None) -> int:
    """The policy's ``photo_max_edge`` when run inside a project, else its default."""
    try:
        settings = read_settings(find_root(Path(root) if root else Path.cwd()))
    except WorkscapeError:
        return Policy().photo_max_edge
    return read_curation(settings.root, settings.curation_dir).policy.photo_max_edge
