"""Links in contributed Markdown: each must lead to a page of the site, and to its anchor.

The build and the check must agree, so links resolve as they will on the site:

- a target with a file extension (``../resources/x.md``, ``x.md#steps``, ``img.png``)
  as MkDocs resolves it: relative to the Markdown file the page is built from (an
  answer is part of its problem's page, so relative to the problem's file), to a
  contributed page, an item, a generated page or file, or an asset;
- any other relative target (``../x/``) as the browser will: relative to the page's
  address, to a page's address or a file;
- an absolute path (``/problems/x/``) as the browser will, under the site's path in
  ``site_url``.

Raw HTML is left as written, as MkDocs leaves it; the sanitizer judges it.
A ``#fragment`` on a contributed page must be one of its ids: headings as the toc
extension names them, ``{#id}`` and HTML ids, footnotes, and each answer's
``answer-<id>`` on its problem's page. Generated pages' anchors are not checked.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import Finding
from ..model import Catalog, Item
from ..sources.settings import Settings
from ..suggest import closest, did_you_mean
from .generated import generated_files, generated_pages, page_url
from .link_scan import Link, anchors_in, links_in


@dataclass
class _Target:
    """A page or file of the site, under its source path and its address."""

    src: str  #: docs-relative source path (what a file link names)
    url: str  #: site-relative address: ``problems/x/``, ``feed.xml``; home is ``''``
    what: str  #: for messages
    bodies: tuple[str, ...] | None = None  #: contributed pages: what their ids come from
    anchors: set[str] = field(default_factory=set)  #: ids the templates add
    absent: str = ""  #: why it is not on the site, if it is not
    answer: bool = False
    _ids: set[str] | None = None

    def ids(self) -> set[str] | None:
        """The page's ids, or None when they are not known (a generated page or a file)."""
        if self.bodies is None:
            return None
        if self._ids is None:
            self._ids = anchors_in(self.bodies) | self.anchors
        return self._ids


@dataclass
class _Site:
    by_src: dict[str, _Target]
    by_url: dict[str, _Target]
    base: str  #: the site's path on its host, from site_url: ``/know-how/``


@dataclass(frozen=True)
class _From:
    """Where a link is written: the page's source and, for an answer, its own file."""

    src: str
    own: str = ""  #: an answer's own file, when it differs from the page's


def link_findings(
    catalog: Catalog,
    held_back: list[str],
    page_bodies: Mapping[str, tuple[str, int]],
    assets: list[str],
    settings: Settings,
) -> list[Finding]:
    """A finding for every link in items and pages that leads nowhere on the site."""
    site = _site(catalog, set(held_back), page_bodies, assets, settings)
    docs = settings.docs_dir + "/"
    out: list[Finding] = []
    for item in catalog.items.values():
        host = catalog.items.get(item.problem or "") if item.type == "answer" else item
        if host is None or not host.path.startswith(docs):
            continue  # an answer to no problem is reported as such
        own = item.path[len(docs) :] if item is not host else ""
        origin = _From(host.path[len(docs) :], own)
        for link in links_in(item.body):
            found = _judge(site, origin, link)
            if found:
                out.append(_finding(item.path, item.body_line, link, found))
    for src, (body, first_line) in page_bodies.items():
        for link in links_in(body):
            found = _judge(site, _From(src), link)
            if found:
                out.append(_finding(docs + src, first_line, link, found))
    return out


def _site(
    catalog: Catalog,
    held_back: set[str],
    page_bodies: Mapping[str, tuple[str, int]],
    assets: list[str],
    settings: Settings,
) -> _Site:
    docs = settings.docs_dir + "/"
    targets = [_Target(uri, page_url(uri), what) for uri, what in generated_pages(catalog).items()]
    targets += [_Target(uri, uri, what) for uri, what in generated_files(catalog).items()]
    targets += [_Target(uri, uri, docs + uri) for uri in assets]
    for uri, (body, _line) in page_bodies.items():
        targets.append(_Target(uri, page_url(uri), docs + uri, bodies=(body,)))
    for item in catalog.items.values():
        if not item.path.startswith(docs):
            continue
        src = item.path[len(docs) :]
        problem = catalog.items.get(item.problem or "")
        absent = _absent(item, problem, held_back)
        if item.type == "answer":
            targets.append(_Target(src, item.url_path, item.path, absent=absent, answer=True))
            continue
        answers = [a for a in catalog.answers_to(item.id) if a.id not in held_back]
        targets.append(
            _Target(
                src,
                item.url_path,
                item.path,
                bodies=(item.body, *(a.body for a in answers)),
                anchors={f"answer-{a.id}" for a in answers},
                absent=absent,
            )
        )
    base = urlsplit(settings.site_url).path.rstrip("/") + "/"
    return _Site({t.src: t for t in targets}, {t.url: t for t in targets}, base)


#: Why a target is not on the site when policy withholds it. Not an error: a review that
#: expires must not stop the site; the page shows the link's words without the link.
HELD_BACK = "it is held back from the site (critical, not currently approved)"


def _absent(item: Item, problem: Item | None, held_back: set[str]) -> str:
    if item.id in held_back or (problem is not None and problem.id in held_back):
        return HELD_BACK
    if item.type == "answer" and problem is None:
        return "it answers no known problem, so it is not published"
    return ""


#: How alike (rapidfuzz's plain ratio) a path must be to be suggested: a typo, not a
#: page that merely shares the folder.
_CLOSE = 85.0
#: What is wrong with a link: (code, message, hint).
_Problem = tuple[str, str, str]


def _judge(site: _Site, origin: _From, link: Link) -> _Problem | None:
    """What is wrong with ``link``, or None."""
    # Markdown decodes entities in a link, and a browser drops tabs and newlines in it.
    try:
        scheme, netloc, path, _query, fragment = urlsplit(html.unescape(link.url))
    except ValueError:  # e.g. an unclosed '[' where a host would be
        return ("broken-link", f"link '{link.url}' is not an address", "check how it is written")
    if scheme or netloc:
        return None  # another site, or no site at all (mailto:, javascript:): not ours
    host = site.by_src[origin.src]
    if not path:
        return _anchor(host, fragment, link.url, "this page") if fragment else None
    path = unquote(path)
    if posixpath.splitext(path)[1] and not path.startswith(("/", "\\")):
        return _by_source(site, origin, path, fragment, link.url)
    return _by_address(site, origin, path, fragment, link.url)


def _suggest(origin: _From, near: list[str]) -> str:
    if not near:
        return ""
    return f"did you mean '{posixpath.relpath(near[0], posixpath.dirname(origin.src) or '.')}'? "


def _by_source(site: _Site, origin: _From, path: str, fragment: str, url: str) -> _Problem | None:
    """A file link, resolved as MkDocs does: relative to the Markdown file."""
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(origin.src), path)).lstrip("/")
    target = site.by_src.get(uri)
    if target is None:
        pool = (t.src for t in site.by_src.values() if not t.absent)
        near = closest(uri, pool, limit=1, cutoff=_CLOSE, scorer="ratio")
        relative = "this page's file"
        if origin.own:
            relative = f"its problem's file ({origin.src}): an answer is part of that page"
            # Written relative to the answer's own file, as an editor's preview reads it.
            meant = posixpath.normpath(posixpath.join(posixpath.dirname(origin.own), path))
            near = [meant] if meant in site.by_src else near
        return (
            "broken-link",
            f"link '{url}' leads nowhere: there is no {uri} in the content",
            _suggest(origin, near) + f"a link to a page names its file, relative to {relative}",
        )
    return _arrived(target, fragment, url)


def _by_address(site: _Site, origin: _From, path: str, fragment: str, url: str) -> _Problem | None:
    """A link the browser follows as written: relative to the page's address."""
    host = site.by_src[origin.src]
    resolved = urlsplit(urljoin(f"https://site{site.base}{host.url}", path)).path
    how = "link to the page's file instead, relative to this one: the build checks those"
    if not resolved.startswith(site.base):
        meant = site.by_url.get(path.lstrip("/")) if path.startswith("/") else None
        return (
            "broken-link",
            f"link '{url}' leaves the site, which lives under {site.base}",
            _suggest(origin, [meant.src] if meant else []) + how,
        )
    rel = unquote(resolved[len(site.base) :]).removesuffix("index.html")
    target = site.by_url.get(rel) or site.by_url.get(rel + "/")
    if target is None:
        pool = [t.url for t in site.by_url.values() if not t.absent]
        near = [
            site.by_url[u].src for u in closest(rel, pool, limit=1, cutoff=_CLOSE, scorer="ratio")
        ]
        return (
            "broken-link",
            f"link '{url}' leads nowhere: there is no page at {site.base}{rel}",
            _suggest(origin, near) + how,
        )
    return _arrived(target, fragment, url)


def _arrived(target: _Target, fragment: str, url: str) -> _Problem | None:
    if target.absent == HELD_BACK:
        return (
            "link-to-held-back",
            f"link '{url}' leads to {target.what}, but {target.absent}",
            "the page shows the link's words without the link until an SME approves it",
        )
    if target.absent:
        return (
            "broken-link",
            f"link '{url}' leads to {target.what}, but {target.absent}",
            "remove the link, or link to it once it is published",
        )
    if fragment and target.answer:
        return (
            "broken-anchor",
            f"link '{url}' leads to an answer, shown on its problem's page: "
            f"'#{fragment}' would be lost on the way",
            "link to the problem's file with this anchor",
        )
    return _anchor(target, fragment, url, target.what) if fragment else None


def _anchor(target: _Target, fragment: str, url: str, where: str) -> _Problem | None:
    ids = target.ids()
    if ids is None or fragment in ids or fragment.startswith("__"):
        return None  # unknown ids (a generated page), or made by an extension (tabs, lines)
    return (
        "broken-anchor",
        f"link '{url}': {where} has no heading or id '{fragment}'",
        did_you_mean(
            fragment,
            ids,
            "an anchor is a heading's id: lowercase, spaces as '-' "
            "(the page's table of contents links to each)",
        ),
    )


def _finding(path: str, first_line: int, link: Link, problem: _Problem) -> Finding:
    code, message, hint = problem
    make = Finding.warning if code == "link-to-held-back" else Finding.error
    return make(path, (first_line + link.line - 1, link.col), code, message, hint)
