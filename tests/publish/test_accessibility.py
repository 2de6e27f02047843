"""Accessibility of the built example in a real headless Chromium, checked with axe-core.

Each audited page is checked three ways (a11ykit.MODES): axe's full rule set at 1280 px in
the light scheme, colour contrast in the dark scheme, and the layout rules at 390 px. Only
Workscape's violations fail a test: those that a plain Material build of the same page does
not also have (see a11ykit's docstring for how the two are compared).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import a11ykit
import sitekit
from conftest import REPO

pytestmark = pytest.mark.browser

# Every page the audit covers, by name. A page the site gains goes here; one listed in
# OPTIONAL (a page another branch is still building) is audited once the example builds
# it, and skipped, saying so, until then.
PAGES = {
    "home": "/",
    # In two collections (two learning-path navigations) and with three answers.
    "problem": "/problems/seal-weeps-after-replacement/",
    "search": "/search/?q=seal",
    "people": "/people/",
    "profile": "/people/amehta/",
    "health": "/health/",
    "gaps": "/gaps/",
    "review": "/review/",
}
OPTIONAL: set[str] = set()


def _built(site: Path, path: str) -> Path:
    return site / path.split("?")[0].strip("/") / "index.html"


@pytest.fixture(scope="module")
def plain_url(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A plain Material build of the audited pages, served on 127.0.0.1."""
    present = {n: p for n, p in PAGES.items() if _built(example_site, p).is_file()}
    titles = {
        n: a11ykit.heading(_built(example_site, p).read_text("utf-8")) for n, p in present.items()
    }
    out = tmp_path_factory.mktemp("plain-material")
    site = a11ykit.plain_material_site(REPO, out, present, titles)
    with sitekit.served(site) as url:
        yield url


def _audit(browser: Any, url: str, mode: a11ykit.Mode) -> list[a11ykit.Violation]:
    context = browser.new_context()
    try:
        tab = context.new_page()
        a11ykit.open_page(tab, url, mode)
        return a11ykit.run_axe(tab, mode)
    finally:
        context.close()


@pytest.mark.parametrize("mode", a11ykit.MODES, ids=lambda m: m.name)
@pytest.mark.parametrize("name", PAGES)
def test_no_violation_comes_from_workscape(
    name: str,
    mode: a11ykit.Mode,
    browser: Any,
    example_site: Path,
    example_url: str,
    plain_url: str,
) -> None:
    path = PAGES[name]
    if not _built(example_site, path).is_file():
        assert name in OPTIONAL, f"{path} is audited but the example does not build it"
        pytest.skip(f"{path} is not built yet: audited as soon as the example has it")
    a11ykit.axe_js()
    ours = _audit(browser, example_url + path, mode)
    plain = _audit(browser, plain_url + path, mode)
    own = a11ykit.workscape_only(ours, plain)
    if own:
        pytest.fail(
            f"{len(own)} of {len(ours)} violations on {path} ({mode.name}) are Workscape's:\n"
            + "\n".join(map(str, own))
        )


def _present(site: Path) -> list[str]:
    return [n for n, p in PAGES.items() if _built(site, p).is_file()]


def _open(browser: Any, url: str, mode: a11ykit.Mode = a11ykit.MODES[0]) -> Any:
    context = browser.new_context()
    tab = context.new_page()
    a11ykit.open_page(tab, url, mode)
    return tab


def test_the_first_tab_offers_a_skip_link_that_lands_in_the_content(
    browser: Any, example_site: Path, example_url: str
) -> None:
    for name in _present(example_site):
        tab = _open(browser, example_url + PAGES[name])
        try:
            tab.keyboard.press("Tab")
            skip = tab.locator(":focus")
            assert skip.inner_text().strip() == "Skip to content", name
            tab.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
            box = skip.bounding_box()
            assert box and box["y"] >= 0 and box["width"] > 40, f"{name}: the skip link shows"
            tab.keyboard.press("Enter")
            assert tab.url.endswith("#ws-main"), name
            tab.keyboard.press("Tab")
            inside = tab.evaluate("() => !!document.activeElement.closest('#ws-main')")
            assert inside, f"{name}: after the skip link, Tab reaches the content, not the menus"
            # Material's own skip link (on pages with headings) is not a second one.
            visible = tab.locator(".md-skip").evaluate_all(
                "els => els.filter(e => getComputedStyle(e).display !== 'none'"
                " && getComputedStyle(e.parentElement).display !== 'none').length"
            )
            assert visible == 1, f"{name}: one skip link"
        finally:
            tab.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_focus_is_visible_on_every_stop_of_the_keyboard(
    name: str, browser: Any, example_site: Path, example_url: str, plain_url: str
) -> None:
    path = PAGES[name]
    if not _built(example_site, path).is_file():
        assert name in OPTIONAL, f"{path} is audited but the example does not build it"
        pytest.skip(f"{path} is not built yet: checked as soon as the example has it")
    tab = _open(browser, example_url + path)
    try:
        stops = a11ykit.tab_through(tab)
        ours = a11ykit.unfocused(stops)
    finally:
        tab.context.close()
    assert sum(s["inContent"] for s in stops) >= 3, "the walk reached the page's content"
    plain_tab = _open(browser, plain_url + path)
    try:
        material = set(a11ykit.unfocused(a11ykit.tab_through(plain_tab)))
    finally:
        plain_tab.context.close()
    own = [html for html in ours if html not in material]
    assert not own, (
        f"{len(own)} of {len(stops)} focus stops on {path} show no focus:\n" + "\n".join(own)
    )


def test_the_palette_toggle_switches_between_light_and_dark(browser: Any, example_url: str) -> None:
    dark = a11ykit.MODES[1]
    tab = _open(browser, example_url + "/", dark)
    try:
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert tab.evaluate(scheme) == "slate", "a reader whose system is dark gets the dark scheme"
        toggle = tab.get_by_title("Switch to light mode")
        toggle.click()
        assert tab.evaluate(scheme) == "default"
        tab.get_by_title("Switch to dark mode").click()
        assert tab.evaluate(scheme) == "slate"
    finally:
        tab.context.close()


@pytest.mark.parametrize("mode", a11ykit.MODES[:2], ids=lambda m: m.scheme)
def test_header_search_box_reads_well_and_shows_focus(
    mode: a11ykit.Mode, browser: Any, example_url: str
) -> None:
    tab = _open(browser, example_url + "/", mode)
    try:
        box = tab.locator("#ws-header-q")
        box.fill("seal kit")
        tab.locator("h1").first.click()  # the typed words, read with focus elsewhere
        check = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
        tab.add_script_tag(path=str(a11ykit.axe_js()))
        result = tab.evaluate("o => axe.run('#ws-header-q', o)", check)
        assert result["passes"] and not result["violations"] and not result["incomplete"], result
        tab.goto(tab.url)  # from the top, by keyboard only
        for _ in range(12):
            tab.keyboard.press("Tab")
            if tab.evaluate("() => document.activeElement.id") == "ws-header-q":
                break
        else:
            pytest.fail("Tab never reaches the header search box")
        box.fill("seal kit")
        ring = box.evaluate(
            "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth] }"
        )
        assert ring[0] != "none" and float(ring[1].removesuffix("px")) >= 2, ring
        tab.add_script_tag(path=str(a11ykit.axe_js()))
        result = tab.evaluate("o => axe.run('#ws-header-q', o)", check)
        assert result["passes"] and not result["violations"], "the focused box reads well too"
        box.press("Enter")
        tab.wait_for_url("**/search/?q=seal+kit")
    finally:
        tab.context.close()


def test_header_search_box_is_usable_on_a_phone(browser: Any, example_url: str) -> None:
    tab = _open(browser, example_url + "/", a11ykit.MODES[2])
    try:
        box = tab.locator("#ws-header-q").bounding_box()
        assert box is not None and box["width"] >= 160, f"the box is {box and box['width']} px wide"
        assert box["x"] + box["width"] <= 390
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
        title = tab.locator(".md-header__title").bounding_box()
        assert title is not None and title["x"] + title["width"] <= box["x"], "no overlap"
    finally:
        tab.context.close()
