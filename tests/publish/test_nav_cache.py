"""Pages outside the nav share one rendering of it, and the site is the same as without.

The reference is the same site with Material's ``partials/nav.html`` copied into the
site's ``custom_dir``: an override, so every page renders its nav afresh.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_serve_rebuild import _differences

import sitekit

SECOND = sitekit.second_problem(
    """\
The breaker trips within a second.
"""
)


def _nav_links(page: Path) -> dict[str, str]:
    """Each primary-nav link's words and where it points, as the page's reader sees them."""
    html = page.read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(
        r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span[^>]*>\s*([^<]+?)\s*<', nav
    )
    return {words: href for href, words in links}


def test_cached_nav_equals_a_nav_rendered_for_every_page(tmp_path: Path) -> None:
    files = {"content/problems/trips.md": SECOND}
    cached = sitekit.make_site(tmp_path / "cached", files)
    fresh = sitekit.make_site(tmp_path / "fresh", files)
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    material = Path(spec.origin).parent / "templates/partials/nav.html"
    (fresh / "overrides/partials").mkdir(parents=True)
    shutil.copy(material, fresh / "overrides/partials/nav.html")
    yml = fresh / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )

    cwd = Path.cwd()
    os.chdir(cached)
    try:
        config = load_config(config_file=str(cached / "mkdocs.yml"), site_dir=str(tmp_path / "a"))
        build(config)
    finally:
        os.chdir(cwd)
    nav_cache = config.plugins["workscape/catalog"].nav_cache  # type: ignore[attr-defined]  # the plugin's own attribute
    assert nav_cache is not None and nav_cache.hits > 0
    result = sitekit.run(["mkdocs", "build", "-q", "-d", str(tmp_path / "b")], fresh)
    assert result.returncode == 0, result.stderr
    assert _differences(tmp_path / "a", tmp_path / "b") == []

    # Pages outside the nav at different places each get links that resolve from there.
    site = tmp_path / "a"
    assert _nav_links(site / "problems/trips/index.html")["Problems"] == "../"
    assert _nav_links(site / "tags/pumps/index.html")["Problems"] == "../../problems/"
    assert _nav_links(site / "new/index.html")["Problems"] == "../problems/"
    assert _nav_links(site / "problems/trips/index.html")["Home"] == "../.."
