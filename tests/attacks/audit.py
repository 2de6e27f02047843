"""A whole-site audit: parse every built file the way a browser or feed reader would.

Used by tests/publish/test_attacks.py. HTML is parsed with html5lib, which implements the
WHATWG parsing algorithm (foreign content, comments, entity decoding), so what it
sees is what a browser builds, not what a regular expression guesses. Each check
returns a list of human-readable problems, empty when the site is clean.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib

#: Attributes whose value a browser may load or navigate to.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
    "ping",
    "cite",
    "codebase",
    "manifest",
    "lowsrc",
    "dynsrc",
}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
#: Elements that embed another document or change how every URL on the page resolves.
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
_CONTROL_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile("[\t\n\r]")


def local(name: str) -> str:
    """``{namespace}name`` (html5lib's foreign elements and attributes) to ``name``."""
    return name.rsplit("}", 1)[-1].lower()


def url_scheme_is_script(value: str) -> bool:
    """Whether a browser would treat ``value`` (entities already decoded) as a script URL.

    The URL parser strips leading and trailing C0 controls and spaces and removes
    tabs and newlines anywhere, then compares the scheme case-insensitively.
    """
    cleaned = _TAB_NEWLINE.sub("", value.strip(_CONTROL_OR_SPACE)).lower()
    return cleaned.startswith(SCRIPT_SCHEMES)


def parse_html(text: str) -> ET.Element:
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def parse_fragment(text: str) -> ET.Element:
    return html5lib.parseFragment(text, treebuilder="etree", namespaceHTMLElements=False)


@dataclass
class Page:
    """One built HTML file, parsed."""

    rel: str
    tree: ET.Element
    parents: dict[ET.Element, ET.Element] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parents = {child: parent for parent in self.tree.iter() for child in parent}

    def elements(self) -> Iterator[ET.Element]:
        return self.tree.iter()

    def ancestors(self, el: ET.Element) -> Iterator[ET.Element]:
        while el in self.parents:
            el = self.parents[el]
            yield el

    def within(self, el: ET.Element, css_class: str) -> bool:
        """Whether ``el`` sits inside an element carrying ``css_class``."""
        return any(css_class in (a.get("class") or "").split() for a in self.ancestors(el))


def load_pages(site: Path) -> list[Page]:
    return [
        Page(p.relative_to(site).as_posix(), parse_html(p.read_text(encoding="utf-8")))
        for p in sorted(site.rglob("*.html"))
    ]


def handler_problems(rel: str, root: ET.Element) -> list[str]:
    """Event-handler attributes (``on*``) anywhere."""
    return [
        f"{rel}: <{local(el.tag)} {local(name)}=...>"
        for el in root.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if local(name).startswith("on")
    ]


def url_problems(rel: str, root: ET.Element) -> list[str]:
    """javascript:, vbscript: and data: URLs in any URL-bearing attribute."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            attr = local(name)
            values = [value]
            if attr == "srcset":
                values = [part.strip().split(" ")[0] for part in value.split(",")]
            if attr in URL_ATTRIBUTES and any(url_scheme_is_script(v) for v in values):
                out.append(f"{rel}: <{local(el.tag)} {attr}={value!r}>")
            if attr in ("to", "from", "values") and url_scheme_is_script(value):
                out.append(f"{rel}: SVG animation sets {value!r}")
    return out


def embedding_problems(rel: str, root: ET.Element, allowed_refresh: str | None) -> list[str]:
    """Frames, objects, embeds and <base>; meta refresh except ``allowed_refresh``."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = local(el.tag)
        if tag in EMBEDDING:
            out.append(f"{rel}: <{tag}>")
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            content = el.get("content") or ""
            if allowed_refresh is None or content != allowed_refresh:
                out.append(f"{rel}: <meta http-equiv=refresh content={content!r}>")
    return out


def inline_scripts(root: ET.Element) -> list[str]:
    """Text of every <script> without src, in document order."""
    return [
        (el.text or "")
        for el in root.iter()
        if isinstance(el.tag, str) and local(el.tag) == "script" and not el.get("src")
    ]


def script_sources(root: ET.Element) -> list[str]:
    return [
        el.get("src") or ""
        for el in root.iter()
        if isinstance(el.tag, str) and local(el.tag) == "script" and el.get("src")
    ]


_DEPTH = re.compile(r'"(?:\.\./)*\.\.?/?"|"(?:\.\./)+[^"]*"')


def normalize_script(text: str) -> str:
    """An inline script with its page-relative paths (``"../.."``) made comparable."""
    return _DEPTH.sub('"REL"', text.strip())


def body_problems(page: Page, body_class: str) -> list[str]:
    """Inside contributor bodies: no style, svg, math, form, script, or hidden/text inputs."""
    out = []
    for el in page.elements():
        if not isinstance(el.tag, str) or not page.within(el, body_class):
            continue
        tag = local(el.tag)
        if tag in ("style", "svg", "math", "form", "script", "textarea", "select", "link", "meta"):
            out.append(f"{page.rel}: <{tag}> in a contributor body")
        if "style" in el.attrib:
            out.append(f"{page.rel}: style attribute on <{tag}> in a contributor body")
        if tag == "input" and (el.get("type") or "text").lower() not in ("checkbox", "radio"):
            out.append(f"{page.rel}: <input type={el.get('type')!r}> in a contributor body")
        classes = (el.get("class") or "").split()
        if any(c.startswith("ws-") for c in classes):
            out.append(f"{page.rel}: Workscape class {classes} forged in a contributor body")
        if any(local(a).startswith("data-") for a in el.attrib):
            out.append(f"{page.rel}: data- attribute on <{tag}> in a contributor body")
    return out


#: The class prefixes the site's own look is made of: Material's layout, dialogs, banners
#: and buttons, Workscape's badges and banners.
SITE_CLASS_PREFIXES = ("md-", "ws-")


def class_problems(page: Page, body_class: str) -> list[str]:
    """Inside contributor bodies: classes that would dress content up as the site."""
    return [
        f"{page.rel}: class {c!r} on <{local(el.tag)}> in a contributor body"
        for el in page.elements()
        if isinstance(el.tag, str) and page.within(el, body_class)
        for c in (el.get("class") or "").split()
        if c.startswith(SITE_CLASS_PREFIXES)
    ]


#: Attributes a browser fetches without a click.
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "background", "data")


def browser_url(value: str) -> str:
    """``value`` as the URL parser reads it: controls and spaces around it and tabs and
    newlines in it dropped, backslashes taken for slashes (as in http(s) URLs)."""
    return _TAB_NEWLINE.sub("", value.strip(_CONTROL_OR_SPACE)).replace("\\", "/")


def foreign_load_problems(page: Page, site_url: str, hosts: set[str]) -> list[str]:
    """Anything the page would fetch (images, scripts, <link>s) from a host other than the
    site's own or ``hosts``: each such request tells that host who read which page."""
    base = urljoin(site_url, page.rel)
    allowed = {urlsplit(site_url).hostname, *hosts}
    out = []
    for el in page.elements():
        if not isinstance(el.tag, str):
            continue
        tag = local(el.tag)
        for name, value in el.attrib.items():
            attr = local(name)
            if attr in LOADING_ATTRIBUTES or (tag == "link" and attr == "href"):
                urls = [value]
                if attr == "srcset":
                    urls = [part.strip().split(" ")[0] for part in value.split(",")]
                for url in urls:
                    host = urlsplit(urljoin(base, browser_url(url))).hostname
                    if host not in allowed:
                        out.append(f"{page.rel}: <{tag} {attr}={value!r}> loads from {host}")
    return out


def player_problems(page: Page) -> list[str]:
    """Players that could start by themselves or fetch video before play, and media
    elements outside a player (a <source> or <track> loads only inside one)."""
    out = []
    for el in page.elements():
        if not isinstance(el.tag, str):
            continue
        tag = local(el.tag)
        if tag in ("video", "audio"):
            attrs = {local(k): v for k, v in el.attrib.items()}
            if "autoplay" in attrs or attrs.get("preload") != "none" or "controls" not in attrs:
                out.append(f"{page.rel}: <{tag} {attrs}> may play or load before the reader asks")
            if tag == "audio" or "src" in attrs:
                out.append(f"{page.rel}: <{tag}> with its own source: {attrs}")
        elif tag in ("source", "track"):
            parent = page.parents.get(el)
            if parent is None or local(str(parent.tag)) != "video":
                out.append(f"{page.rel}: <{tag}> outside a video player")
    return out


def referrer_problems(page: Page) -> list[str]:
    """A page without a no-referrer policy in its head, or with any other policy anywhere."""
    head = next((el for el in page.elements() if el.tag == "head"), None)
    policies = [
        el
        for el in page.elements()
        if isinstance(el.tag, str)
        and local(el.tag) == "meta"
        and (el.get("name") or "").lower() == "referrer"
    ]
    out = []
    if head is None or not any(el in list(head) for el in policies):
        out.append(f"{page.rel}: no referrer policy in <head>")
    out += [
        f"{page.rel}: referrer policy {el.get('content')!r}"
        for el in policies
        if (el.get("content") or "").strip().lower() != "no-referrer"
    ]
    out += [
        f"{page.rel}: <{local(el.tag)} referrerpolicy={el.get('referrerpolicy')!r}>"
        for el in page.elements()
        if isinstance(el.tag, str) and el.get("referrerpolicy") not in (None, "no-referrer")
    ]
    return out


def feed_problems(rel: str, text: str) -> list[str]:
    """An XML feed: attributes as URLs, and every type="html" text parsed as HTML."""
    out: list[str] = []
    root = ET.fromstring(text)
    for el in root.iter():
        for name, value in el.attrib.items():
            if local(name) in URL_ATTRIBUTES and url_scheme_is_script(value):
                out.append(f"{rel}: <{local(el.tag)} {local(name)}={value!r}>")
        if el.get("type") in ("html", "xhtml") and el.text:
            fragment = parse_fragment(el.text)
            out += handler_problems(rel, fragment) + url_problems(rel, fragment)
            out += [f"{rel}: inline script in feed HTML" for _ in inline_scripts(fragment)]
            out += embedding_problems(rel, fragment, None)
        elif local(el.tag) in ("link", "id", "uri") and (
            url_scheme_is_script(el.text or "") or url_scheme_is_script(el.get("href") or "")
        ):
            out.append(f"{rel}: <{local(el.tag)}> is a script URL")
    return out


_RAW_MARKUP = re.compile(r"<\s*/?\s*(script|img|svg|iframe|style|object|embed|math)\b", re.I)
_URL_KEYS = {"url", "href", "link", "src", "location", "uri"}
#: Ways JavaScript turns a string into markup or code.
HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function"
    r"|createContextualFragment|DOMParser|srcdoc|\.html\s*\("
)


def json_values(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every (key, string) in a JSON document; list items carry their list's key."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield "", str(k)
            yield from json_values(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from json_values(v, key)


def json_problems(rel: str, text: str) -> tuple[list[str], list[str]]:
    """(script URLs under URL-like keys, strings holding raw markup) of a JSON file.

    Raw markup in a string is inert while the page puts it in with ``textContent``;
    the caller decides with :func:`script_sinks` whether that holds.
    """
    urls, markup = [], []
    for key, s in json_values(json.loads(text)):
        if key.lower() in _URL_KEYS and url_scheme_is_script(s):
            urls.append(f"{rel}: {key}={s[:80]!r}")
        if _RAW_MARKUP.search(s):
            markup.append(f"{rel}: {s[:80]!r}")
    return urls, markup


def script_sinks(rel: str, text: str) -> list[str]:
    """Uses of HTML or code sinks in a (non-minified) script."""
    return [
        f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for m in HTML_SINKS.finditer(text)
    ]
