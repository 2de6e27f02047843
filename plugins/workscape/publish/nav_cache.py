"""Material's primary navigation, rendered once for every group of pages that see the same one.

Material renders the whole site navigation into every page. Most of a Workscape site's
pages (items, people, tags, follow pages) are not in the nav, and for such a page the
nav's HTML depends only on where each of its links points from that page: no entry is
active, none carries the page's table of contents. So a page outside the nav reuses the
HTML of an earlier one whose links resolve to the same relative URLs, which at 1,000
items saves rendering it about 1,200 times.

Only Material's and Workscape's own templates are trusted to have that property: when an
organisation overrides one of the partials the nav includes, every page renders it afresh.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

#: The nav partial and everything it includes; a cached nav must come from these files.
#: (Workscape's partials/source.html reads only the config.)
PARTIALS = (
    "partials/nav.html",
    "partials/nav-item.html",
    "partials/logo.html",
    "partials/source.html",
)


def _trusted_templates() -> tuple[Path, ...]:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "mkdocs-material is a dependency"
    workscape = Path(__file__).resolve().parent.parent / "templates"
    return Path(spec.origin).resolve().parent / "templates", workscape


class NavCache:
    """Rendered navs by the relative URL of every link they hold; ``hits`` for tests."""

    def __init__(self, nav: Navigation, config: Any) -> None:
        self.nav_pages = frozenset(id(p) for p in nav.pages)
        homepage = config.extra.get("homepage") or (nav.homepage.url if nav.homepage else "")
        logo = config.theme.get("logo") or ""
        self.targets = (homepage, logo, *(p.url for p in nav.pages))
        self.html: dict[tuple[str, ...], str] = {}
        self.hits = 0

    def key(self, page: Page, base_url: str) -> tuple[str, ...]:
        return (base_url, *(normalize_url(url, page=page, base=base_url) for url in self.targets))

    def wrap(self, render: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
        def cached(context: Any) -> Iterator[str]:
            page = context.get("page")
            if not isinstance(page, Page) or id(page) in self.nav_pages:
                # In the nav (its entry is active, its toc shown) or not a page at all.
                yield from render(context)
                return
            key = self.key(page, str(context.get("base_url", "")))
            html = self.html.get(key)
            if html is None:
                html = self.html[key] = "".join(render(context))
            else:
                self.hits += 1
            yield html

        return cached


def from_trusted_files(env: Environment) -> bool:
    """Whether every nav partial resolves to Material's or Workscape's file (no override)."""
    trusted = _trusted_templates()
    for name in PARTIALS:
        filename = env.get_template(name).filename
        if filename is None or not any(Path(filename).resolve().is_relative_to(t) for t in trusted):
            return False
    return True


def cache_nav(env: Environment, nav: Navigation, config: Any) -> NavCache | None:
    """Serve ``partials/nav.html`` from a NavCache for this build, unless it is overridden."""
    if not from_trusted_files(env):
        return None
    cache = NavCache(nav, config)
    template: Template = env.get_template("partials/nav.html")
    # Jinja's {% include %} renders through this attribute of the cached Template.
    template.root_render_func = cache.wrap(template.root_render_func)
    return cache
