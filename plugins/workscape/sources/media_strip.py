"""Making a photo or video safe to publish: metadata out, phone formats converted.

What is removed?
    Everything a photo carries besides its pixels and colour profile: EXIF (location,
    phone make and model, serial numbers, time), XMP and text chunks. The EXIF
    orientation is applied to the pixels first, so a portrait photo stays upright.
    In an MP4, the ``udta`` and ``meta`` boxes of the movie and its tracks (where
    phones write place and device) become ``free`` boxes of the same size, zeroed:
    the video stream is untouched, so nothing is re-encoded.

When is a photo re-encoded?
    Only when it must be: it has metadata, an orientation to apply, is HEIC (converted
    to JPEG, which every browser shows; needs pillow-heif) or is larger than the
    policy's ``photo_max_edge`` (scaled down). A clean photo keeps its bytes, so
    running the command twice changes nothing the second time.

Is the output stable?
    Pillow writes the same bytes for the same input and settings, so the same upload
    ingested twice gives the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps

from .media import MAX_BOX_DEPTH, PHOTO_KINDS, mp4_boxes, open_photo

#: Quality of re-encoded JPEG and WebP photos: visually lossless for field photos.
PHOTO_QUALITY = 88
#: MP4 boxes holding descriptive metadata (place, device, owner); never needed to play.
_MP4_METADATA = frozenset({b"udta", b"meta"})

try:  # HEIC support comes from pillow-heif when it is installed (it is a dependency).
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    HEIC_SUPPORTED = False


@dataclass(frozen=True)
class Cleaned:
    """A file after cleaning: its bytes, its kind, and what was done."""

    data: bytes
    kind: str
    changes: tuple[str, ...] = ()


def clean_media(data: bytes, kind: str, max_edge: int) -> Cleaned:
    """``data`` (a file of ``kind``) without metadata; photos converted and scaled as needed.

    Raises ``ValueError`` with a reason a person can read when it cannot be done.
    """
    if kind == "mp4":
        stripped = strip_mp4_metadata(data)
        return Cleaned(stripped, kind, ("video metadata removed",) if stripped != data else ())
    if kind in PHOTO_KINDS or kind == "heic":
        try:
            return clean_photo(data, kind, max_edge)
        except ValueError:
            raise
        except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile bytes
            raise ValueError(f"it cannot be read as a photo ({exc})") from None
    return Cleaned(data, kind)


def clean_photo(data: bytes, kind: str, max_edge: int) -> Cleaned:
    """A photo without metadata, upright, JPEG if it was HEIC, at most ``max_edge`` pixels."""
    if kind == "heic" and not HEIC_SUPPORTED:
        raise ValueError("HEIC photos need pillow-heif; export the photo as JPEG instead")
    image = open_photo(data)
    changes = []
    if kind == "heic":
        changes.append("converted from HEIC to JPEG")
        kind = "jpeg"
    exif = image.getexif()
    if exif or image.info.get("xmp") or any(k in image.info for k in ("exif", "comment")):
        changes.append("metadata removed")
    if exif.get(0x0112, 1) != 1:  # Orientation
        changes.append("turned upright")
    if max(image.size) > max_edge:
        changes.append(f"scaled down from {image.width}x{image.height}")
    if kind == "png" and any(isinstance(v, str) for v in image.info.values()):
        changes.append("text chunks removed")
    if not changes:
        return Cleaned(data, kind)
    upright = ImageOps.exif_transpose(image)
    if max(upright.size) > max_edge:
        upright.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    icc = image.info.get("icc_profile")
    upright.info = {}  # nothing of the original's metadata is carried over by save()
    out = BytesIO()
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if kind == "jpeg":
        rgb = upright if upright.mode in ("RGB", "L") else upright.convert("RGB")
        rgb.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True, **options)
    elif kind == "webp":
        upright.save(out, "WEBP", quality=PHOTO_QUALITY, method=6, **options)
    else:
        upright.save(out, "PNG", optimize=True, **options)
    return Cleaned(out.getvalue(), kind, tuple(changes))


def strip_mp4_metadata(data: bytes) -> bytes:
    """An MP4 whose movie and track metadata boxes are blanked into ``free`` boxes."""
    out = bytearray(data)

    def blank(start: int, end: int, depth: int) -> None:
        for kind, at, payload, stop in mp4_boxes(data, start, end):
            if kind in _MP4_METADATA:
                out[at + 4 : at + 8] = b"free"
                out[payload:stop] = bytes(stop - payload)
            elif kind in (b"moov", b"trak") and depth < MAX_BOX_DEPTH:
                blank(payload, stop, depth + 1)

    blank(0, len(data), 0)
    return bytes(out)
