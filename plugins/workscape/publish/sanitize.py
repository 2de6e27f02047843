"""Allow-list sanitizing of contributor HTML (rendered Markdown), with nh3 (ammonia).

What survives is what Material's content features produce: headings with
permalinks, admonitions and details, content tabs (radio inputs and labels),
task lists (disabled checkboxes), highlighted code, tables, footnotes, images,
abbreviations, and videos (``video``, ``source``, ``track``: the players
publish/video.py writes, always with controls and ``preload="none"``, never autoplaying,
loading only from where images may). Everything else goes: scripts, styles, event handlers, frames,
objects, forms, meta and base tags, and URLs other than http(s), mailto, tel and
relative ones.

Classes, too, are only those the Markdown extensions write (:data:`ALLOWED_CLASSES`):
any other class could borrow the site's own look (Workscape's ``ws-`` badges,
Material's ``md-`` dialogs, banners and buttons). Images load only from the site
itself, or from hosts curators list in policy.yml (``image_hosts``): the site makes
no request elsewhere when it is read, so an image cannot report who read what.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

import nh3
from pygments.token import STANDARD_TYPES

_TAGS = (
    (set(nh3.ALLOWED_TAGS) - {"map", "area"}) | {"input", "label"} | {"video", "source", "track"}
)
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
    "code": set(),
    "abbr": set(),
    "time": {"datetime"},
    # Videos: no autoplay, loop, muted or preload other than "none" (set below).
    "video": {"controls", "poster", "playsinline", "width", "height"},
    "source": {"src", "type"},
    "track": {"kind", "src", "srclang", "label", "default"},
}
#: Attributes every player gets whatever the contributor wrote: the reader starts it, and
#: no video byte is fetched before they do.
_SET_VALUES = {"video": {"controls": "controls", "preload": "none"}}
#: Media addresses checked like an image's (the site itself or a listed host).
_MEDIA_SOURCES = {("img", "src"), ("video", "poster"), ("source", "src"), ("track", "src")}
_SOURCE_TYPES = {"video/mp4", "video/webm"}
_TRACK_KINDS = {"captions", "subtitles"}
_SCHEMES = {"http", "https", "mailto", "tel"}
_INPUT_TYPES = {"checkbox", "radio"}
#: Admonition and details types Material styles (and their aliases), plus its modifiers.
ADMONITION_TYPES = frozenset(
    ("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important")
    + ("success", "check", "done", "question", "help", "faq", "warning", "caution")
    + ("attention", "failure", "fail", "missing", "danger", "error", "bug", "example")
    + ("quote", "cite", "inline", "end")
)
#: Every class the enabled Markdown extensions write, found by building the example and
#: tests/attacks/ with all of them on and reading the classes in the bodies; a class
#: outside this list is dropped, so an unknown admonition type shows as a plain note.
ALLOWED_CLASSES = frozenset(
    {"admonition", "admonition-title", *ADMONITION_TYPES}  # admonition, pymdownx.details
    # pymdownx.highlight, inlinehilite and superfences, with Pygments' token classes
    | {"highlight", "highlighttable", "linenos", "linenodiv", "normal", "special"}
    | {"filename", "code", "hll", *(c for c in STANDARD_TYPES.values() if c)}
    | {"tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content", "tabbed-block"}
    | {"task-list", "task-list-item", "task-list-control", "task-list-indicator"}
    | {"footnote", "footnote-ref", "footnote-backref"}  # footnotes
    | {"toc", "headerlink"}  # toc: [TOC] and permalinks
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def image_allowed(src: str, hosts: Collection[str]) -> bool:
    """Whether a browser would load ``src`` from the site itself or one of ``hosts``.

    Read as the browser's URL parser reads it: controls and spaces around it and tabs
    and newlines inside it ignored, a backslash taken for a slash (``\\\\evil.test`` is
    ``//evil.test``). Relative URLs are the site's; anything with a scheme or an
    authority must be http(s) on a listed host, compared exactly.
    """
    url = _TAB_OR_NEWLINE.sub("", src.strip(_C0_OR_SPACE)).replace("\\", "/")
    if not _SCHEME.match(url) and not url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and (parts.hostname or "") in hosts


def _filter(hosts: Collection[str]) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            return " ".join(c for c in value.split() if c in ALLOWED_CLASSES) or None
        if tag == "input" and attribute == "type":
            return value.lower() if value.lower() in _INPUT_TYPES else None
        if (tag, attribute) in _MEDIA_SOURCES and not image_allowed(value, hosts):
            return None  # the image shows its alt text instead; a video does not load
        if tag == "source" and attribute == "type":
            return value if value.lower() in _SOURCE_TYPES else None
        if tag == "track" and attribute == "kind":
            return value if value.lower() in _TRACK_KINDS else None
        return value

    return keep


# nh3's output is normalised (lowercase names, quoted values), so this pattern is exact:
# an input whose type was filtered out would render as a text box.
_TYPELESS_INPUT = re.compile(r'<input(?![^>]*\btype="(?:checkbox|radio)")[^>]*>')


def sanitize_html(html: str, image_hosts: Collection[str] = ()) -> str:
    """Contributor HTML reduced to the allow-list; safe to place in a page.

    ``image_hosts``: lowercase host names images may load from besides the site itself.
    """
    clean = nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={
            "script",
            "style",
            "template",
            "textarea",
            "select",
            "noscript",
            "iframe",
            "object",
            "embed",
            "math",
            "svg",
        },
        attributes=_ATTRIBUTES,
        attribute_filter=_filter(frozenset(h.lower() for h in image_hosts)),
        set_tag_attribute_values=_SET_VALUES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return _TYPELESS_INPUT.sub("", clean)


#: Pages send no ``Referer``: a link or image elsewhere never learns which page (and so
#: which problem, person or team) a reader came from.
REFERRER_POLICY = '<meta name="referrer" content="no-referrer">'
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


def with_referrer_policy(page: str) -> str:
    """``page`` with the no-referrer policy first in its ``<head>`` (unchanged without one)."""
    head = _HEAD.search(page)
    if head is None:
        return page
    return page[: head.end()] + REFERRER_POLICY + page[head.end() :]


#: Markdown extensions that read files from disk into a page (``--8<--`` snippets, base64
#: images, includes): a contribution could publish any file the build can read.
FILE_READING_EXTENSIONS = frozenset(
    {"pymdownx.snippets", "pymdownx.b64", "markdown_include.include", "mdx_include"}
)
#: MkDocs plugins that include files or evaluate page text as a template (``{{ }}``).
TEMPLATE_OR_INCLUDE_PLUGINS = frozenset(
    {"macros", "include-markdown", "markdownextradata", "markdown-exec", "exec"}
)


def unsafe_build_options(extensions: list[str], plugins: list[str]) -> list[str]:
    """Extensions and plugins in a site's configuration that untrusted content could abuse."""
    names = [e.split(":", 1)[0].removeprefix("markdown.extensions.") for e in extensions]
    found = [e for e in names if e in FILE_READING_EXTENSIONS]
    found += [p for p in plugins if p.split("/")[-1] in TEMPLATE_OR_INCLUDE_PLUGINS]
    return found
