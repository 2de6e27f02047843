"""Photos, videos and captions in content: what a file is, read from its bytes.

Why by content, not by name?
    A name is what the uploader typed; a browser sniffs bytes. A ``.png`` that is
    really HTML, or a ``.mp4`` that holds HEVC (which most browsers cannot play),
    is caught only by reading the file. :func:`sniff` reads the first bytes.

Which types?
    PNG, JPEG, WebP photos; MP4 whose video is H.264 (``avc1``/``avc3``, the one codec
    every browser plays), WebM; WebVTT captions beside a video. HEIC, the iPhone's
    photo format, is recognised so intake can convert it and ``check`` can name the
    command that does (:mod:`workscape.sources.media_strip`). SVG never: it carries
    script (``sources/content.py`` refuses it with HTML and JavaScript).

What is "location data"?
    A photo's EXIF GPS block or XMP ``GPSLatitude``/``GPSLongitude``; a video's
    ``©xyz`` atom (Android, QuickTime) or Apple's ``location.ISO6709`` key. Any of
    them publishes where the technician stood, so ``check`` refuses it
    (rules/media.py) and ``workscape media strip`` removes it.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

#: Media kinds by the file extension that names them.
KIND_OF_EXTENSION = {
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "webp": "webp",
    "mp4": "mp4",
    "webm": "webm",
    "vtt": "vtt",
}
#: The extension intake gives a file of each kind.
EXTENSION_OF_KIND = {"png": "png", "jpeg": "jpg", "webp": "webp", "mp4": "mp4", "webm": "webm"}
PHOTO_KINDS = frozenset({"png", "jpeg", "webp"})
VIDEO_KINDS = frozenset({"mp4", "webm"})
#: How each kind is served and named to readers.
MIME_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "mp4": "video/mp4",
    "webm": "video/webm",
    "vtt": "text/vtt",
}
LABELS = {
    "png": "PNG",
    "jpeg": "JPEG",
    "webp": "WebP",
    "mp4": "MP4",
    "webm": "WebM",
    "vtt": "WebVTT",
    "heic": "HEIC",
}
#: Video sample entries browsers play in MP4: H.264. Audio entries (mp4a...) are fine.
PLAYABLE_MP4_VIDEO = frozenset({"avc1", "avc3"})
#: Sample entries that are video in another codec, named for the reply.
OTHER_MP4_VIDEO = {
    "hvc1": "HEVC (H.265)",
    "hev1": "HEVC (H.265)",
    "av01": "AV1",
    "vp09": "VP9",
    "mp4v": "MPEG-4 Part 2",
    "apcn": "ProRes",
    "apch": "ProRes",
}
#: ``ftyp`` brands of HEIF photos (iPhone "High Efficiency").
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
#: Boxes that hold other boxes, walked to reach a track's sample descriptions.
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl"})
#: Where phones write a video's place: QuickTime/Android ``©xyz``, Apple's metadata key.
_VIDEO_LOCATION_MARKS = (b"\xa9xyz", b"location.ISO6709")
#: moov/trak/mdia/minf/stbl is five deep; a file nesting boxes deeper is not walked further
#: (a few megabytes of nested headers would otherwise exhaust the stack).
MAX_BOX_DEPTH = 8
#: A photo larger than this many pixels is refused rather than decoded (a "pixel bomb").
MAX_PIXELS = 60_000_000


def sniff(head: bytes) -> str | None:
    """The media kind the first bytes of a file announce (``png``, ``jpeg``...), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return "heic" if head[8:12] in _HEIF_BRANDS else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "webm"
    if head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        return "vtt"
    return None


def mp4_boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int, int]]:
    """ISO BMFF boxes in ``data[start:end]``: (type, box start, payload start, box end)."""
    out = []
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        payload = at + 8
        if size == 1 and at + 16 <= end:
            size = struct.unpack(">Q", data[at + 8 : at + 16])[0]
            payload = at + 16
        elif size == 0:
            size = end - at
        if size < payload - at or at + size > end:
            break  # truncated or corrupt: stop rather than read past the box
        out.append((kind, at, payload, at + size))
        at += size
    return out


def mp4_sample_entries(data: bytes) -> tuple[str, ...]:
    """The codec of each track of an MP4 (``avc1``, ``mp4a``, ``hvc1``...), in file order."""
    found: list[str] = []

    def walk(start: int, end: int, depth: int) -> None:
        for kind, _at, payload, stop in mp4_boxes(data, start, end):
            if kind in _CONTAINERS and depth < MAX_BOX_DEPTH:
                walk(payload, stop, depth + 1)
            elif kind == b"stsd" and payload + 16 <= stop:
                # Full box (version, flags), entry count, then the first entry's size and type.
                found.append(data[payload + 12 : payload + 16].decode("latin-1"))

    walk(0, len(data), 0)
    return tuple(found)


def video_codec_problem(kind: str, data: bytes) -> str | None:
    """Why a video will not play in readers' browsers, or None when it will."""
    if kind != "mp4":
        return None
    entries = mp4_sample_entries(data)
    other = [OTHER_MP4_VIDEO[e] for e in entries if e in OTHER_MP4_VIDEO]
    if other:
        return f"its video is {other[0]}, which most browsers cannot play; only H.264 MP4 or WebM"
    if not any(e in PLAYABLE_MP4_VIDEO for e in entries):
        return "it has no H.264 video track that browsers can play"
    return None


def video_has_location(data: bytes) -> bool:
    """Whether an MP4's metadata (in ``moov``) records where it was filmed."""
    for kind, _at, payload, stop in mp4_boxes(data, 0, len(data)):
        if kind == b"moov":
            moov = data[payload:stop]
            return any(mark in moov for mark in _VIDEO_LOCATION_MARKS)
    return False


def open_photo(data: bytes) -> Image.Image:
    """A photo opened (not decoded) with Pillow; ``ValueError`` when it cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, OSError) as exc:
        raise ValueError(f"it cannot be read as an image ({exc})") from None
    if image.width * image.height > MAX_PIXELS:
        raise ValueError(f"it is {image.width}x{image.height} pixels, larger than any photo needs")
    return image


def photo_has_location(data: bytes) -> bool:
    """Whether a photo's EXIF or XMP records where it was taken."""
    image = open_photo(data)
    if image.getexif().get_ifd(0x8825):  # the GPS IFD
        return True
    xmp = image.info.get("xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    return b"GPSLatitude" in xmp or b"GPSLongitude" in xmp


def has_location(kind: str, data: bytes) -> bool:
    """Whether a photo or video of ``kind`` says where it was made."""
    if kind in PHOTO_KINDS or kind == "heic":
        return photo_has_location(data)
    if kind == "mp4":
        return video_has_location(data)
    return False


@dataclass(frozen=True)
class MediaFile:
    """What one media asset in content is, read from its bytes."""

    path: str  #: docs-relative, as MkDocs names it
    size: int  #: bytes
    named: str  #: the kind its extension claims
    kind: str | None  #: the kind its bytes are (None: none Workscape knows)
    problem: str | None = None  #: why it cannot be shown (unreadable, a codec browsers lack)
    location: bool = False  #: it still records where it was made


def read_media(base: Path, path: str, max_bytes: int) -> MediaFile:
    """Read the media asset ``base/path``; a file over ``max_bytes`` is only sniffed."""
    file = base / path
    named = KIND_OF_EXTENSION[file.suffix.lower().lstrip(".")]
    size = file.stat().st_size
    with file.open("rb") as handle:
        data = handle.read(64 if size > max_bytes else size)
    kind = sniff(data)
    if size > max_bytes or kind is None or kind != named:
        return MediaFile(path, size, named, kind)
    try:
        problem = video_codec_problem(kind, data)
        location = has_location(kind, data)
    except ValueError as exc:
        return MediaFile(path, size, named, kind, problem=str(exc))
    except Exception as exc:  # noqa: BLE001 - Pillow's parsers raise many types on hostile bytes
        return MediaFile(path, size, named, kind, problem=f"it cannot be read ({exc})")
    if kind == "vtt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            problem = "it is not UTF-8 text"
    return MediaFile(path, size, named, kind, problem, location)


def is_media(path: str) -> bool:
    """Whether ``path`` names a file Workscape checks as media (by its extension)."""
    return path.rsplit(".", 1)[-1].lower() in KIND_OF_EXTENSION if "." in path else False
