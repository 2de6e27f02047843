"""A link checker for built sites: every internal link must reach a file, every fragment an id.

It reads a site folder as a static server would serve it under ``site_url``'s path:
``dir/`` is ``dir/index.html``, a site-root path must start with that path, an absolute
URL counts as internal when it starts with ``site_url``. It walks

- every ``href``, ``src`` (and ``srcset``) and ``<meta http-equiv=refresh>`` target of
  every ``.html`` file, fragments included (an ``id``, or an ``<a name>``, on the target);
- every ``<loc>`` of ``sitemap.xml``;
- every ``<link href>`` of every Atom feed, and every link inside its HTML content;
- every ``url`` of the search documents (``search/documents.json``), relative to the root.

``broken_links(site, site_url)`` lists what does not resolve; ``report`` formats it.
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Schemes that leave the site (or are not navigations at all).
EXTERNAL = ("mailto:", "tel:", "data:", "javascript:")
#: Every attribute that holds a URL a browser follows or loads.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data"})


@dataclass(frozen=True, order=True)
class Broken:
    """One link that leads nowhere: where it is, what it says, and why it fails."""

    source: str  #: site-relative file the link is on
    link: str  #: the link as written
    reason: str


class _Page(HTMLParser):
    """Collects one HTML page's links and the ids a fragment can name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name in URL_ATTRIBUTES & values.keys():
            if values[name].strip():
                self.links.append(values[name].strip())
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.links.append(candidate.split()[0])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            _, _, target = values.get("content", "").partition("url=")
            if target.strip():
                self.links.append(target.strip())

    handle_startendtag = handle_starttag


class _Site:
    def __init__(self, root: Path, site_url: str) -> None:
        self.root = root
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.base_path = urlsplit(self.site_url).path or "/"
        self._pages: dict[Path, _Page] = {}

    def page(self, path: Path) -> _Page:
        """The parsed page, read once per check (a page is often the target of many links)."""
        if path not in self._pages:
            parsed = self._pages[path] = _Page()
            parsed.feed(path.read_text(encoding="utf-8"))
            parsed.close()
        return self._pages[path]

    def url_of(self, rel: str) -> str:
        """The absolute URL a site-relative file is served at."""
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.site_url + rel

    def check(self, source: str, base_url: str, link: str) -> Broken | None:
        """None when ``link`` (as written on ``source``, served at ``base_url``) resolves."""
        if link.lower().startswith(EXTERNAL):
            return None
        url = urljoin(base_url, link)
        if not url.startswith(self.site_url) and urlsplit(url).netloc == urlsplit(base_url).netloc:
            # Same host, outside the site's path: a link that only works on a dev server.
            return Broken(source, link, f"outside the site's path {self.base_path}")
        if not url.startswith(self.site_url):
            return None  # another site
        parts = urlsplit(url)
        rel = unquote(parts.path)[len(self.base_path) :]
        target = self._file(rel)
        if target is None:
            return Broken(source, link, f"no file for /{rel}")
        if parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            if fragment not in self.page(target).ids:
                return Broken(source, link, f"no id '{fragment}' on /{rel}")
        return None

    def _file(self, rel: str) -> Path | None:
        normal = posixpath.normpath("/" + rel).lstrip("/")
        if normal.startswith("..") or (rel and normal == "."):
            return None
        candidate = self.root / normal if normal not in ("", ".") else self.root
        if rel.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def broken_links(site: Path, site_url: str) -> list[Broken]:
    """Every internal link of the built ``site`` that does not resolve, sorted."""
    checker = _Site(site, site_url)
    out: list[Broken] = []

    def check(source: str, base: str, links: list[str]) -> None:
        out.extend(b for link in links if (b := checker.check(source, base, link)))

    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        check(rel, checker.url_of(rel), checker.page(path).links)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        locs = [e.text or "" for e in ET.parse(sitemap).iter(f"{SITEMAP}loc")]
        check("sitemap.xml", checker.site_url, locs)
    for path in sorted(site.rglob("*.xml")):
        tree = ET.parse(path)
        if tree.getroot().tag != f"{ATOM}feed":
            continue
        rel = path.relative_to(site).as_posix()
        check(rel, checker.url_of(rel), [e.get("href", "") for e in tree.iter(f"{ATOM}link")])
        for content in tree.iter(f"{ATOM}content"):
            if content.get("type") == "html" and content.text:
                page = _Page()
                page.feed(content.text)
                check(rel, checker.url_of(rel), page.links)
    documents = site / "search" / "documents.json"
    if documents.is_file():
        data = json.loads(documents.read_text(encoding="utf-8"))
        column = data["columns"].index("url")
        check("search/documents.json", checker.site_url, [d[column] for d in data["docs"]])
    return sorted(set(out))


def report(broken: list[Broken]) -> str:
    """One line per broken link, grouped by the file it is on."""
    return "\n".join(f"{b.source}: {b.link} ({b.reason})" for b in broken)
