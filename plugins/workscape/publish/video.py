"""Videos in content, written as images are: ``![caption](clip.mp4)`` becomes a player.

A Markdown tree step (not a pattern over HTML) turns each image whose address ends in
``.mp4`` or ``.webm`` into::

    <video controls preload="none" playsinline poster="clip.poster.jpg">
      <source src="clip.mp4" type="video/mp4">
      <track kind="captions" src="clip.vtt" srclang="en" label="Captions" default>
      <a href="clip.mp4">caption</a>
    </video>

Why ``preload="none"`` and no autoplay?
    A page with a video stays as light as one without: no video byte is fetched until
    the reader presses play, which matters on a phone's data plan.
Where do the poster and captions come from?
    Files beside the video: ``<name>.poster.jpg`` (made at intake where the runner has
    ffmpeg; never at build time, whose output would not be byte-stable) and
    ``<name>.vtt``. Without a poster the player shows its plain frame.
Why after MkDocs' own tree step?
    MkDocs rewrites image addresses relative to the page's URL (priority 0); this runs
    next, so the player's addresses are the rewritten ones. Only Markdown images are
    changed: a ``<video>`` written as HTML goes through the sanitizer's allow-list,
    which forces ``controls`` and ``preload="none"`` on it too.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Collection
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..sources.media import MIME_TYPES

VIDEO_SUFFIXES = {".mp4": "mp4", ".webm": "webm"}
POSTER_SUFFIX = ".poster.jpg"
CAPTIONS_SUFFIX = ".vtt"


class VideoPages:
    """What the tree step needs to know: the site's assets and the page being rendered."""

    def __init__(self, assets: Collection[str], language: str) -> None:
        self.assets = frozenset(assets)  #: docs-relative paths of the non-Markdown files
        self.language = language  #: of the captions: the site's (theme.language)
        self.page_url = ""  #: set by the plugin before each page renders


def _beside(pages: VideoPages, src: str, suffix: str) -> str | None:
    """The address of the file named like the video with ``suffix``, if the site has it."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    stem = parts.path.rsplit(".", 1)[0]
    base = posixpath.dirname(pages.page_url)
    target = posixpath.normpath(posixpath.join(base, unquote(stem) + suffix))
    return stem + suffix if target in pages.assets else None


def video_element(img: ET.Element, pages: VideoPages) -> bool:
    """Turn ``img`` into a player in place when it points at a video; whether it did."""
    src = img.get("src", "")
    path = urlsplit(src).path.lower()
    kind = next((k for s, k in VIDEO_SUFFIXES.items() if path.endswith(s)), None)
    if kind is None:
        return False
    caption = img.get("alt", "") or img.get("title", "") or "Video"
    img.attrib.clear()
    img.tag = "video"
    img.set("controls", "controls")
    img.set("preload", "none")
    img.set("playsinline", "playsinline")
    poster = _beside(pages, src, POSTER_SUFFIX)
    if poster:
        img.set("poster", poster)
    img.set("title", caption)
    ET.SubElement(img, "source", {"src": src, "type": MIME_TYPES[kind]})
    captions = _beside(pages, src, CAPTIONS_SUFFIX)
    if captions:
        track = {"kind": "captions", "src": captions, "srclang": pages.language}
        ET.SubElement(img, "track", {**track, "label": "Captions", "default": "default"})
    fallback = ET.SubElement(img, "a", {"href": src})
    fallback.text = caption
    return True


class _VideoTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, pages: VideoPages) -> None:
        super().__init__(md)
        self.pages = pages

    def run(self, root: ET.Element) -> None:
        for img in list(root.iter("img")):
            video_element(img, self.pages)


class VideoExtension(Extension):
    """Registers the tree step; one instance serves every page of a build."""

    def __init__(self, pages: VideoPages) -> None:
        super().__init__()
        self.pages = pages

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.treeprocessors.register(_VideoTreeprocessor(md, self.pages), "workscape_video", -1)
