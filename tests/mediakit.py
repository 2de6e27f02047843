"""Tiny media files for tests: photos made with Pillow, videos from tests/data/media.

The two clips (under 2 KB each) were recorded by Chromium's MediaRecorder from a
canvas, so they are real H.264 MP4 and VP8 WebM files that a browser plays.
"""

from __future__ import annotations

import struct
from io import BytesIO
from pathlib import Path

from PIL import Image

MEDIA = Path(__file__).resolve().parent / "data" / "media"
CLIP_MP4 = (MEDIA / "clip.mp4").read_bytes()
CLIP_WEBM = (MEDIA / "clip.webm").read_bytes()
CAPTIONS = (MEDIA / "clip.vtt").read_bytes()
#: Where the photo says it was taken: degrees, minutes, seconds north and east.
GPS = {1: "N", 2: (51.0, 30.0, 12.5), 3: "E", 4: (0.0, 7.0, 39.0)}


def photo(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), *, gps: bool = False) -> bytes:
    """A small photo, optionally with a phone's EXIF: make, model and GPS location."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    if gps:
        exif[0x8825] = GPS
    out = BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def gps_of(data: bytes) -> dict[int, object]:
    """The GPS block of a photo's EXIF (empty when it has none)."""
    return dict(Image.open(BytesIO(data)).getexif().get_ifd(0x8825))


def hevc_mp4() -> bytes:
    """The MP4 clip with its video sample entry renamed to HEVC, as an iPhone records."""
    return CLIP_MP4.replace(b"avc1", b"hvc1")


def mp4_with_location() -> bytes:
    """The MP4 clip with a ``udta/©xyz`` box, where Android and QuickTime write the place."""
    place = b"+51.5034-000.1276/"
    xyz = struct.pack(">I4sHH", 12 + len(place), b"\xa9xyz", len(place), 0x15C7) + place
    udta = struct.pack(">I4s", 8 + len(xyz), b"udta") + xyz
    at = CLIP_MP4.index(b"moov") - 4
    size = struct.unpack(">I", CLIP_MP4[at : at + 4])[0]
    moov = struct.pack(">I", size + len(udta)) + CLIP_MP4[at + 4 : at + size] + udta
    # The chunk offsets of a fragmented MP4 are relative to its fragments: nothing else moves.
    return CLIP_MP4[:at] + moov + CLIP_MP4[at + size :]
