"""`workscape check` on photos, videos and captions: judged by their bytes and the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

import mediakit
from loopkit import cli

MEDIA = "content/media/seal-weeps"


def add(site: Path, name: str, data: bytes) -> str:
    path = site / MEDIA / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"{MEDIA}/{name}"


def check_lines(site: Path) -> list[str]:
    result = cli(site, "check")
    return result.stdout.splitlines()


def test_clean_photos_videos_and_captions_pass(site: Path) -> None:
    add(site, "photo.jpg", mediakit.photo())
    add(site, "photo.png", mediakit.photo("PNG"))
    add(site, "photo.webp", mediakit.photo("WEBP"))
    add(site, "clip.mp4", mediakit.CLIP_MP4)
    add(site, "clip.webm", mediakit.CLIP_WEBM)
    add(site, "clip.vtt", mediakit.CAPTIONS)
    result = cli(site, "check")
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        (
            "photo.jpg",
            mediakit.photo(gps=True),
            "photo.jpg:1:1: error media-location: it records where it was taken (GPS location "
            "in its metadata), which would be published with it",
        ),
        (
            "clip.mp4",
            mediakit.mp4_with_location(),
            "clip.mp4:1:1: error media-location: it records where it was taken",
        ),
        (
            "photo.png",
            mediakit.photo("JPEG"),
            "photo.png:1:1: error media-type-mismatch: its name says PNG but its content is JPEG",
        ),
        (
            "page.png",
            b"<html><script>alert(1)</script></html>",
            "page.png:1:1: error media-type-not-allowed: its name says PNG but its content is "
            "none of the types the site publishes",
        ),
        (
            "cut.jpg",
            mediakit.photo(gps=True)[:300],
            "cut.jpg:1:1: error media-unreadable: JPEG file that readers cannot use: it cannot",
        ),
        (
            "iphone.mp4",
            mediakit.hevc_mp4(),
            "iphone.mp4:1:1: error media-unplayable: MP4 file that readers cannot use: its "
            "video is HEVC (H.265), which most browsers cannot play",
        ),
    ],
)
def test_bad_media_is_an_error_naming_the_file(
    site: Path, name: str, data: bytes, line: str
) -> None:
    add(site, name, data)
    result = cli(site, "check")
    assert result.exit_code == 1
    assert any(out.startswith(f"{MEDIA}/{line}") for out in result.stdout.splitlines()), (
        result.stdout
    )


def test_remaining_location_names_the_command_that_strips_it(site: Path) -> None:
    rel = add(site, "photo.jpg", mediakit.photo(gps=True))
    lines = check_lines(site)
    assert (
        f"  hint: run `workscape media strip {rel}` and commit the result; the pre-commit "
        "hook does it for you"
    ) in lines
    strip = cli(site, "media", "strip", str(site / rel))
    assert strip.exit_code == 0, strip.output
    assert mediakit.gps_of((site / rel).read_bytes()) == {}
    assert check_lines(site) == []


def test_svg_stays_refused(site: Path) -> None:
    add(site, "diagram.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert any("diagram.svg:1:1: error file-type-not-allowed" in x for x in check_lines(site))


def test_sizes_over_the_policy_are_errors(site: Path) -> None:
    (site / "curation/policy.yml").write_text(
        "media_max_file_mb: 0.01\nmedia_max_item_mb: 0.02\n", encoding="utf-8"
    )
    big = mediakit.photo("PNG", (400, 400)) + bytes(20_000)
    add(site, "big.png", big)
    for n in range(3):
        add(site, f"clip{n}.mp4", mediakit.CLIP_MP4 + bytes(n))  # 1.5 KB each, fine alone
    add(site, "more.webm", mediakit.CLIP_WEBM + bytes(8_000))
    lines = check_lines(site)
    assert (
        f"{MEDIA}/big.png:1:1: error media-too-large: {round(len(big) / 1000)} KB, more than "
        "the 10 KB a file may have (policy.yml media_max_file_mb)"
    ) in lines
    total = len(big) + 3 * len(mediakit.CLIP_MP4) + 3 + len(mediakit.CLIP_WEBM) + 8_000
    assert (
        f"{MEDIA}:1:1: error media-too-large: the media in this folder add up to "
        f"{round(total / 1000)} KB, more than the 20 KB one item may have "
        "(policy.yml media_max_item_mb)"
    ) in lines
    # The clips within the file limit get no finding of their own.
    assert not [x for x in lines if "/clip" in x or "more.webm" in x]


def test_a_missing_video_is_a_broken_link_at_its_line(site: Path) -> None:
    page = site / "content/problems/seal-weeps.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n![The weep](../media/seal-weeps/gone.mp4)\n",
        encoding="utf-8",
    )
    lines = check_lines(site)
    assert any(
        x.startswith("content/problems/seal-weeps.md:10:")
        and "broken-link" in x
        and "gone.mp4" in x
        for x in lines
    ), lines
