"""`workscape media strip` and what it does to each kind of file, read back from the result."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

import mediakit
from loopkit import cli
from workscape.sources.media import has_location, mp4_sample_entries, sniff
from workscape.sources.media_strip import HEIC_SUPPORTED, clean_media

MEDIA = "content/media/seal-weeps"


def test_a_photo_loses_location_and_device_data_and_keeps_its_pixels() -> None:
    data = mediakit.photo(gps=True)
    cleaned = clean_media(data, "jpeg", 2560)
    assert cleaned.changes == ("metadata removed",)
    image = Image.open(BytesIO(cleaned.data))
    assert not image.getexif() and image.size == (40, 30)
    assert not has_location("jpeg", cleaned.data)
    # Already clean: the same bytes, so a second run changes nothing.
    assert clean_media(cleaned.data, "jpeg", 2560).data == cleaned.data


def test_a_sideways_phone_photo_is_turned_upright_before_its_exif_goes() -> None:
    image = Image.new("RGB", (40, 30), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    cleaned = clean_media(out.getvalue(), "jpeg", 2560)
    assert "turned upright" in cleaned.changes
    assert Image.open(BytesIO(cleaned.data)).size == (30, 40)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_too(fmt: str) -> None:
    data = mediakit.photo(fmt, gps=True)
    kind = sniff(data)
    assert kind is not None and has_location(kind, data)
    cleaned = clean_media(data, kind, 2560)
    assert cleaned.kind == kind and not has_location(kind, cleaned.data)
    assert not Image.open(BytesIO(cleaned.data)).getexif()


def test_a_large_photo_is_scaled_to_the_policy_edge() -> None:
    cleaned = clean_media(mediakit.photo(size=(1000, 500)), "jpeg", 400)
    assert Image.open(BytesIO(cleaned.data)).size == (400, 200)


def test_an_mp4_keeps_its_stream_and_loses_its_place() -> None:
    data = mediakit.mp4_with_location()
    assert has_location("mp4", data)
    cleaned = clean_media(data, "mp4", 2560)
    assert len(cleaned.data) == len(data) and not has_location("mp4", cleaned.data)
    assert mp4_sample_entries(cleaned.data) == mp4_sample_entries(data) == ("avc1",)
    assert clean_media(mediakit.CLIP_MP4, "mp4", 2560).data == mediakit.CLIP_MP4


@pytest.mark.skipif(not HEIC_SUPPORTED, reason="pillow-heif is not installed")
def test_a_heic_photo_becomes_a_jpeg_beside_it(site: Path) -> None:
    from pillow_heif import from_pillow

    heic = site / MEDIA / "IMG_2041.heic"
    heic.parent.mkdir(parents=True)
    from_pillow(Image.new("RGB", (64, 48), (200, 80, 40))).save(str(heic), quality=50)
    before = cli(site, "check")
    assert (
        f"{MEDIA}/IMG_2041.heic:1:1: error file-type-not-allowed: '.heic' files are not "
        "allowed in content"
    ) in before.stdout
    result = cli(site, "media", "strip", str(heic))
    assert result.exit_code == 0, result.output
    assert "IMG_2041.heic -> IMG_2041.jpg: converted from HEIC to JPEG" in result.stdout
    jpeg = site / MEDIA / "IMG_2041.jpg"
    assert not heic.exists() and sniff(jpeg.read_bytes()) == "jpeg"
    with Image.open(jpeg) as image:
        assert image.size == (64, 48)
    assert cli(site, "check").stdout == ""


def test_files_that_are_not_photos_or_videos_pass_through(site: Path) -> None:
    page = site / "content/problems/seal-weeps.md"
    before = page.read_bytes()
    result = cli(site, "media", "strip", str(page))
    assert (result.exit_code, result.stdout, page.read_bytes()) == (0, "", before)


def test_hostile_mp4_box_nesting_is_a_finding_not_a_crash() -> None:
    import struct

    depth = 100_000
    nested = b"".join(struct.pack(">I4s", 8 * (depth - n), b"moov") for n in range(depth))
    data = struct.pack(">I4s4s", 12, b"ftyp", b"isom") + nested
    assert mp4_sample_entries(data) == ()
    assert clean_media(data, "mp4", 2560).data == data


def test_a_truncated_photo_is_refused_with_a_reason(site: Path) -> None:
    with pytest.raises(ValueError, match="cannot be read"):
        clean_media(mediakit.photo(size=(200, 200), gps=True)[:400], "jpeg", 2560)
