"""Allow-list sanitizing of contributor HTML (rendered Markdown), with nh3 (ammonia).

What survives is what Material's content features produce: headings with
permalinks, admonitions and details, content tabs (radio inputs and labels),
task lists (disabled checkboxes), highlighted code, tables, footnotes, images,
abbreviations. Everything else goes: scripts, styles, event handlers, frames,
objects, forms, meta and base tags, and URLs other than http(s), mailto, tel and
relative ones. Class names starting with ``ws-`` are Workscape's own (review
badges, warnings) and are stripped so nobody can fake an "SME approved" badge.
"""

from __future__ import annotations

import re

import nh3

_TAGS = (set(nh3.ALLOWED_TAGS) - {"map", "area"}) | {"input", "label"}
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
}
_SCHEMES = {"http", "https", "mailto", "tel"}
_INPUT_TYPES = {"checkbox", "radio"}
OWN_CLASS_PREFIX = "ws-"


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if not c.startswith(OWN_CLASS_PREFIX)]
        return " ".join(kept) or None
    if tag == "input" and attribute == "type":
        return value.lower() if value.lower() in _INPUT_TYPES else None
    return value


# nh3's output is normalised (lowercase names, quoted values), so this pattern is exact:
# an input whose type was filtered out would render as a text box.
_TYPELESS_INPUT = re.compile(r'<input(?![^>]*\btype="(?:checkbox|radio)")[^>]*>')


def sanitize_html(html: str) -> str:
    """Contributor HTML reduced to the allow-list; safe to place in a page."""
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
        attribute_filter=_filter,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return _TYPELESS_INPUT.sub("", clean)


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
