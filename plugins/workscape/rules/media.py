"""What `check` says about photos, videos and captions in content.

Each file is judged by what its bytes are (:mod:`workscape.sources.media`), against
the limits in policy.yml: its type must be one Workscape publishes and agree with its
name, it must fit ``media_max_file_mb``, a video must play in every browser, and a
photo or video must not say where it was made. The files of one folder (an item's
``media/<id>/``) together must fit ``media_max_item_mb``, so a page stays quick to
load on a phone. Every finding names the file and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Finding
from ..model import Policy
from ..sources.media import EXTENSION_OF_KIND, LABELS, MediaFile

MB = 1_000_000
FILE = (1, 1)


def _mb(size: float) -> str:
    """A size as a person reads it: ``12.5 MB``, or ``850 KB`` below a megabyte."""
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1000:.0f} KB"


def strip_command(path: str) -> str:
    """The command that makes ``path`` safe, as a hint shows it."""
    return f"workscape media strip {path}"


def media_findings(files: Iterable[MediaFile], policy: Policy, docs_dir: str) -> list[Finding]:
    """Findings for media assets (``path`` docs-relative), reported at repository paths."""
    out: list[Finding] = []
    per_folder: dict[str, int] = {}
    max_file = policy.media_max_file_mb * MB
    for media in files:
        rel = f"{docs_dir}/{media.path}"
        folder = media.path.rpartition("/")[0]
        per_folder[folder] = per_folder.get(folder, 0) + media.size
        if media.size > max_file:
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-too-large",
                    f"{_mb(media.size)}, more than the {_mb(max_file)} a file may have "
                    "(policy.yml media_max_file_mb)",
                    "make it smaller (a shorter clip, a lower resolution), or share it "
                    "elsewhere and link to it as a resource",
                )
            )
            continue
        if media.kind is None:
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-type-not-allowed",
                    f"its name says {LABELS[media.named]} but its content is none of the types "
                    "the site publishes (PNG, JPEG, WebP, MP4 with H.264, WebM, WebVTT)",
                    "export it again in one of those types; other documents are shared as "
                    "resources",
                )
            )
        elif media.kind == "heic":
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-type-not-allowed",
                    "it is a HEIC photo, which most browsers cannot show",
                    f"convert it to JPEG: `{strip_command(rel)}` writes a .jpg beside it",
                )
            )
        elif media.kind != media.named:
            stem = rel.rpartition(".")[0]
            ext = EXTENSION_OF_KIND.get(media.kind, media.kind)
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-type-mismatch",
                    f"its name says {LABELS[media.named]} but its content is {LABELS[media.kind]}",
                    f"rename it to {stem}.{ext} (and the links to it)",
                )
            )
        elif media.problem:
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-unplayable" if media.kind in ("mp4", "webm") else "media-unreadable",
                    f"{LABELS[media.kind]} file that readers cannot use: {media.problem}",
                    "export it again as H.264 MP4 or WebM (most phones' 'most compatible' "
                    "setting), or share it elsewhere and link to it as a resource",
                )
            )
        elif media.location:
            out.append(
                Finding.error(
                    rel,
                    FILE,
                    "media-location",
                    "it records where it was taken (GPS location in its metadata), which "
                    "would be published with it",
                    f"run `{strip_command(rel)}` and commit the result; the pre-commit hook "
                    "does it for you",
                )
            )
    max_item = policy.media_max_item_mb * MB
    for folder, total in sorted(per_folder.items()):
        if total > max_item:
            where = f"{docs_dir}/{folder}" if folder else docs_dir
            out.append(
                Finding.error(
                    where,
                    FILE,
                    "media-too-large",
                    f"the media in this folder add up to {_mb(total)}, more than the "
                    f"{_mb(max_item)} one item may have (policy.yml media_max_item_mb)",
                    "keep the photos and clips that show the point; link to the rest as a resource",
                )
            )
    return out
