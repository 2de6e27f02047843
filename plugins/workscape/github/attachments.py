"""Photos and videos attached to an ask or answer issue, brought into the draft's pull request.

Which links are attachments?
    Only those under the forge's attachment hosts (:data:`GITHUB_ATTACHMENTS`, or what
    the workflow passes): an image GitHub wrote as ``![alt](url)`` or ``<img src>``, a
    video it wrote as a bare URL on its own line, a file as ``[name](url)``. Nothing
    else in the issue is ever fetched, so an issue cannot make the runner request an
    address of its choosing (its network, a cloud metadata service).

What happens to a file?
    It is downloaded (at most ``media_max_file_mb``), its type read from its bytes
    (:mod:`workscape.sources.media`), its metadata stripped, HEIC converted and large
    photos scaled down (:mod:`workscape.sources.media_strip`); it is then written to
    ``content/media/<item>/photo-1.jpg`` (``video-1.mp4``...) and the draft's Markdown
    points at it. A video gets a poster only where the runner has ffmpeg: made here,
    once, never at build time, where its bytes would not be stable.

And when that fails?
    A private repository's attachments need the viewer's session: the workflow passes
    the issue as GitHub rendered it (``body_html``), whose signed addresses work for a
    few minutes, and those are tried first. A file that still cannot be fetched, or is
    refused (a type or codec browsers cannot show, too large), is named in the draft
    and in a comment on the pull request asking its author to add it there.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Policy
from ..patterns import linear
from ..sources.media import (
    EXTENSION_OF_KIND,
    PHOTO_KINDS,
    VIDEO_KINDS,
    sniff,
    video_codec_problem,
)
from ..sources.media_strip import clean_media
from .markdown import escape

#: Where GitHub serves files attached to issues (the signed private ones included).
GITHUB_ATTACHMENTS = (
    "https://github.com/user-attachments/",
    "https://user-images.githubusercontent.com/",
    "https://private-user-images.githubusercontent.com/",
)
#: Seconds to wait for one attachment: intake must finish even when the host is slow.
FETCH_TIMEOUT = 30
#: Attachments fetched per issue; a field report needs a few photos and a clip, and an
#: issue listing hundreds of links must not keep the runner downloading for an hour.
MAX_ATTACHMENTS = 12
MB = 1_000_000
#: How people share what cannot be published as it is.
HOW_TO_SHARE_VIDEO = (
    "Phones record H.264 when set to their most compatible format (iPhone: Settings > "
    "Camera > Formats > Most Compatible); or upload the video where your organisation "
    "shares videos and link to it as a resource."
)

# An image or link in Markdown, a whole <img> tag, or a URL alone on its line.
_REFERENCE = linear(
    r"(?m)(!?)\[([^\]\n]{0,300})\]\(<?([^)\s<>]+)>?\)"
    r"|(<img\s[^>]*>)"
    r"|^[ \t]*(https?://[^\s<>]+)[ \t]*$"
)
_SRC = linear(r"\ssrc=\"([^\"]+)\"")
_ALT = linear(r"\salt=\"([^\"]{0,300})\"")
_RENDERED_URL = linear(r"(?:src|href)=\"(https?://[^\"]+)\"")


@dataclass(frozen=True)
class Reference:
    """One attachment link in someone's text."""

    url: str
    alt: str
    start: int
    end: int


def find_attachments(text: str, hosts: Sequence[str]) -> list[Reference]:
    """The links in ``text`` to files on the attachment ``hosts`` (URL prefixes), in order."""
    out = []
    for match in _REFERENCE.finditer(text):
        if match.group(4):
            tag = match.group(4)
            src, alt = _SRC.search(tag), _ALT.search(tag)
            url = src.group(1).replace("&amp;", "&") if src else ""
            label = alt.group(1) if alt else ""
        elif match.group(5):
            url, label = match.group(5), ""
        else:
            url, label = match.group(3), match.group(2)
        if url.startswith(tuple(hosts)):
            out.append(Reference(url, label.strip(), match.start(), match.end()))
    return out


def signed_addresses(body_html: str, hosts: Sequence[str]) -> list[str]:
    """The signed attachment URLs in GitHub's rendering of the issue (``body_html``).

    GitHub names a private file ``<number>-<attachment id>.<ext>?jwt=...``: the
    attachment id in the issue's plain link finds it (:func:`fetch_all`).
    """
    urls = (m.group(1).replace("&amp;", "&") for m in _RENDERED_URL.finditer(body_html))
    return [u for u in urls if u.startswith(tuple(hosts)) and "?" in u]


@dataclass(frozen=True)
class Fetched:
    """One attachment after intake: its file, or why there is none."""

    ref: Reference
    kind: str | None = None  #: what it is once cleaned (jpeg, png, webp, mp4, webm)
    data: bytes = b""
    poster: bytes = b""
    problem: str = ""  #: why it is not in the draft, for its author

    @property
    def ok(self) -> bool:
        return not self.problem


Download = Callable[[str, int], bytes]


def download(url: str, max_bytes: int) -> bytes:
    """The file at ``url``, at most ``max_bytes``; ``OSError`` when it cannot be had."""
    # Redirects are followed: GitHub answers an attachment link with one to its storage.
    # Only the first address is ours to choose, and it is on the allow-list.
    request = urllib.request.Request(url, headers={"User-Agent": "workscape-intake"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 - https or the test's host, from the allow-list
        data: bytes = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(f"it is larger than {max_bytes / MB:.0f} MB")
    return data


def fetch_all(
    refs: Sequence[Reference],
    policy: Policy,
    *,
    signed: Sequence[str] = (),
    get: Download = download,
) -> list[Fetched]:
    """Download, check and clean each attachment once (the same URL twice is one file)."""
    max_file = int(policy.media_max_file_mb * MB)
    budget = int(policy.media_max_item_mb * MB)
    out: list[Fetched] = []
    seen: set[str] = set()
    for ref in refs:
        if ref.url in seen:
            continue
        seen.add(ref.url)
        if len(seen) > MAX_ATTACHMENTS:
            out.append(Fetched(ref, problem=f"only the first {MAX_ATTACHMENTS} are copied"))
            continue
        result = _fetch_one(ref, policy, max_file, signed, get)
        if result.ok and len(result.data) + len(result.poster) > budget:
            result = Fetched(ref, problem="the item's attachments together are too large")
        budget -= len(result.data) + len(result.poster)
        out.append(result)
    return out


def _fetch_one(
    ref: Reference, policy: Policy, max_file: int, signed: Sequence[str], get: Download
) -> Fetched:
    key = ref.url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    urls = [u for u in signed if key in u.split("?", 1)[0].rsplit("/", 1)[-1]] + [ref.url]
    data, error = b"", ""
    for url in urls:
        try:
            data = get(url, max_file)
            break
        except (OSError, ValueError, urllib.error.URLError) as exc:
            error = str(getattr(exc, "reason", None) or exc)
    if not data:
        return Fetched(ref, problem=f"it could not be downloaded ({error or 'empty file'})")
    kind = sniff(data[:64])
    if kind not in PHOTO_KINDS | VIDEO_KINDS | {"heic"}:
        return Fetched(
            ref,
            problem="it is not a photo or video the site can show (PNG, JPEG, WebP, HEIC, "
            "H.264 MP4 or WebM)",
        )
    assert kind is not None
    codec = video_codec_problem(kind, data)
    if codec:
        return Fetched(ref, problem=f"{codec}. {HOW_TO_SHARE_VIDEO}")
    try:
        cleaned = clean_media(data, kind, policy.photo_max_edge)
    except ValueError as exc:
        return Fetched(ref, problem=str(exc))
    poster = poster_for(cleaned.data, cleaned.kind, policy) if cleaned.kind in VIDEO_KINDS else b""
    return Fetched(ref, cleaned.kind, cleaned.data, poster)


def poster_for(video: bytes, kind: str, policy: Policy) -> bytes:
    """A JPEG of the video's first frame when the runner has ffmpeg; else nothing."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return b""
    with tempfile.TemporaryDirectory() as tmp:
        source, frame = Path(tmp) / f"in.{kind}", Path(tmp) / "poster.jpg"
        source.write_bytes(video)
        args = [ffmpeg, "-v", "error", "-i", str(source), "-frames:v", "1", str(frame)]
        try:
            subprocess.run(args, check=True, timeout=60, capture_output=True)  # noqa: S603 - fixed arguments, our own temp files
            raw = frame.read_bytes()
        except (OSError, subprocess.SubprocessError):
            return b""  # a plain player then
    try:
        return clean_media(raw, "jpeg", policy.photo_max_edge).data
    except ValueError:
        return b""


@dataclass
class MediaPlan:
    """Where each fetched attachment goes for one item id, and the text that points at it."""

    item_id: str
    docs_dir: str
    fetched: list[Fetched]
    files: dict[str, bytes] = field(default_factory=dict)  #: repository path -> bytes
    names: dict[str, str] = field(default_factory=dict)  #: URL -> file name

    def __post_init__(self) -> None:
        counts = {"photo": 0, "video": 0}
        for one in self.fetched:
            if not one.ok or one.kind is None:
                continue
            family = "video" if one.kind in VIDEO_KINDS else "photo"
            counts[family] += 1
            name = f"{family}-{counts[family]}.{EXTENSION_OF_KIND[one.kind]}"
            self.names[one.ref.url] = name
            folder = f"{self.docs_dir}/media/{self.item_id}"
            self.files[f"{folder}/{name}"] = one.data
            if one.poster:
                self.files[f"{folder}/{name.rsplit('.', 1)[0]}.poster.jpg"] = one.poster

    def localise(self, text: str, refs: Sequence[Reference]) -> str:
        """``text`` with each attachment link pointing at its file in the item's folder."""
        problems = {f.ref.url: f.problem for f in self.fetched if not f.ok}
        parts, at = [], 0
        for ref in refs:
            parts.append(text[at : ref.start])
            label = ref.alt if ref.alt and ref.alt.lower() not in ("image", "video") else ""
            if ref.url in self.names:
                name = self.names[ref.url]
                caption = escape(label) or ("Video" if name.startswith("video") else "Photo")
                parts.append(f"![{caption}](../media/{self.item_id}/{name})")
            else:
                why = problems.get(ref.url, "it could not be copied")
                parts.append(
                    f"*(An attachment{' ' + escape(label) if label else ''} is not "
                    f"included: {escape(why)})*"
                )
            at = ref.end
        parts.append(text[at:])
        return "".join(parts)

    def missing_comment(self, issue: int) -> str:
        """A comment for the pull request asking the author for what could not be brought in."""
        missing = [f for f in self.fetched if not f.ok]
        if not missing:
            return ""
        lines = [
            f"Some attachments of #{issue} are not in this draft:",
            "",
            *(f"- {escape(f.ref.alt or 'an attachment')}: {escape(f.problem)}" for f in missing),
            "",
            f"If you can, add them to this pull request under `{self.docs_dir}/media/"
            f"{self.item_id}/` (use GitHub's *Add file > Upload files* on this branch) and "
            "link them in the Markdown as `![caption](../media/"
            f"{self.item_id}/<file>)`. Note that a file uploaded through the web editor is in "
            "the pull request's history before any check runs: remove location data first "
            "(`workscape media strip FILE`, or your phone's share option without location).",
        ]
        return "\n".join(lines)
