"""Photos and videos on item pages: served by the site itself, a player that waits for play."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import mediakit
import sitekit

PROBLEM = """\
---
title: Seal weeps after replacement
author: alice
tags: [pumps, seals]
date: 2026-03-02
---
The new seal weeps within a day.

![Weep at the gland](../media/seal-weeps/photo.jpg)

![The seal weeping at 1,450 rpm](../media/seal-weeps/clip.mp4)
"""

ANSWER = """\
---
author: bob
problem: seal-weeps
date: 2026-03-03
---
Check the flush plan: watch the flush line here.

![Flush line](../media/check-flush/flush.webm)
"""


def media_site(root: Path) -> Path:
    sitekit.make_site(
        root,
        {"content/problems/seal-weeps.md": PROBLEM, "content/answers/check-flush.md": ANSWER},
    )
    files = {
        "seal-weeps/photo.jpg": mediakit.photo(),
        "seal-weeps/clip.mp4": mediakit.CLIP_MP4,
        "seal-weeps/clip.vtt": mediakit.CAPTIONS,
        "check-flush/flush.webm": mediakit.CLIP_WEBM,
        "check-flush/flush.poster.jpg": mediakit.photo(size=(32, 24)),
    }
    for rel, data in files.items():
        path = root / "content/media" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = media_site(tmp_path_factory.mktemp("media") / "kb")
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_video_written_as_an_image_is_a_player_that_loads_nothing_before_play(
    built: Path,
) -> None:
    html = (built / "problems/seal-weeps/index.html").read_text(encoding="utf-8")
    assert (
        '<video controls="controls" playsinline="playsinline" title="The seal weeping at 1,450 '
        'rpm" preload="none"><source src="../../media/seal-weeps/clip.mp4" type="video/mp4">'
        '<track default="default" kind="captions" label="Captions" '
        'src="../../media/seal-weeps/clip.vtt" srclang="en">'
        '<a href="../../media/seal-weeps/clip.mp4" rel="noopener noreferrer nofollow">'
        "The seal weeping at 1,450 rpm</a></video>"
    ) in html
    # The answer's video has no captions beside it: no track, still a player.
    assert ('<source src="../../media/check-flush/flush.webm" type="video/webm"><a href') in html
    assert '<img alt="Weep at the gland" src="../../media/seal-weeps/photo.jpg"' in html
    assert "autoplay" not in html
    for rel in ("seal-weeps/photo.jpg", "seal-weeps/clip.mp4", "check-flush/flush.webm"):
        assert (built / "media" / rel).read_bytes() == (
            built.parent / "content/media" / rel
        ).read_bytes()


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    with sitekit.served(built) as url:
        yield url


@pytest.mark.browser
def test_at_390_px_the_video_fits_plays_from_the_site_with_captions(
    browser: object, served: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]  # a Playwright Browser
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    try:
        tab.goto(served + "/problems/seal-weeps/")
        tab.wait_for_load_state("networkidle")
        # Captions shown by default load with the page (a few hundred bytes); video waits.
        assert not [u for u in requests if u.endswith((".mp4", ".webm"))], (
            "no video bytes before play"
        )
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "nothing wider than the phone's screen"
        video = tab.locator("video").first
        box = video.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["width"] > 300, "the 32 px clip is scaled to the phone's text column"
        played = tab.evaluate(
            """async () => {
                const v = document.querySelector('video');
                v.muted = true;
                await v.play();
                await new Promise(r => v.currentTime > 0 ? r() : v.addEventListener('timeupdate', r, {once: true}));
                const cues = v.textTracks[0];
                return {time: v.currentTime, error: v.error, captions: cues && cues.mode, label: cues && cues.label};
            }"""
        )
        assert played["time"] > 0 and played["error"] is None
        assert (played["captions"], played["label"]) == ("showing", "Captions")
        assert any(u == served + "/media/seal-weeps/clip.mp4" for u in requests)
        assert any(u == served + "/media/seal-weeps/clip.vtt" for u in requests)
        assert [u for u in requests if not u.startswith((served, "data:"))] == []
        photo = tab.locator('img[alt="Weep at the gland"]')
        assert photo.evaluate("i => i.complete && i.naturalWidth") == 40
    finally:
        context.close()


def test_answer_this_opens_the_answer_form_beside_the_editor(built: Path) -> None:
    html = (built / "problems/seal-weeps/index.html").read_text(encoding="utf-8")
    form = (
        "https://github.com/acme/kb/issues/new?template=answer.yml&amp;problem=seal-weeps"
        "&amp;title=Answer%3A+seal-weeps"
    )
    assert (
        f'<a class="md-button ws-outbound md-button--primary ws-answer-this" href="{form}"' in html
    )
    assert (
        '<a class="md-button ws-outbound ws-answer-editor" href="https://github.com/acme/kb/new/main/'
        in html
    )


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/problems/seal-weeps/", "/search/", "/"])
def test_pages_fit_a_390_px_phone(browser: object, served: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]  # a Playwright Browser
    tab = context.new_page()
    try:
        tab.goto(served + path)
        tab.wait_for_load_state("networkidle")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
