"""Home sections, a profile and the people directory, in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import discoverykit as dk
import sitekit

pytestmark = pytest.mark.browser

SECTIONS = ("featured", "whats-new", "popular", "unanswered", "whos-new", "whos-popular")


@pytest.fixture(scope="module")
def people_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-made people site (see discoverykit), built and served on 127.0.0.1."""
    root = dk.make_people_site(tmp_path_factory.mktemp("browser-people") / "kb")
    dk.build(root)
    with sitekit.served(root / "site") as url:
        yield url


def _tab(browser: object, base: str, javascript: bool = True) -> Iterator[object]:
    context = browser.new_context(java_script_enabled=javascript)  # type: ignore[attr-defined]  # a Playwright Browser, typed object: Playwright loads only with Chromium
    tab = context.new_page()
    outside: list[str] = []
    tab.on(
        "request",
        lambda r: None if r.url.startswith((base, "data:", "about:")) else outside.append(r.url),
    )
    tab.base = base
    yield tab
    context.close()
    assert not outside, f"requests outside the site: {outside}"


@pytest.fixture
def tab(browser: object, people_url: str) -> Iterator[object]:
    yield from _tab(browser, people_url)


@pytest.fixture
def tab_without_js(browser: object, people_url: str) -> Iterator[object]:
    yield from _tab(browser, people_url, javascript=False)


def test_home_sections_are_visible_and_lead_to_their_pages(tab) -> None:
    tab.goto(tab.base + "/")
    for section_id in SECTIONS:
        assert tab.locator(f"#{section_id}").is_visible(), section_id
    assert tab.locator("#whos-popular li").first.inner_text().startswith("Hana Helper")
    assert "Pat Prolific" not in tab.locator("#whos-popular").inner_text()
    tab.locator("#popular .ws-more a").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").first.inner_text() == "Popular and trending"
    assert tab.locator("#trending li").count() == 3


def test_a_profile_from_who_is_popular(tab) -> None:
    tab.goto(tab.base + "/")
    tab.locator("#whos-popular a", has_text="Hana Helper").click()
    tab.wait_for_load_state()
    assert tab.url.endswith("/people/hana/")
    assert tab.locator("article.ws-profile h1").inner_text() == "Hana Helper"
    assert tab.locator("#expertise").get_by_text("Pumps").is_visible()
    answer = tab.locator("#contributions .ws-card a", has_text="Reset the overload relay")
    assert answer.is_visible()
    answer.click()
    tab.wait_for_load_state()
    assert tab.locator("article.ws-item h1").inner_text() == "Pump trips on start"


def test_directory_filter_with_javascript(tab) -> None:
    tab.goto(tab.base + "/people/")
    people = tab.locator("#ws-directory li[data-handle]")
    assert people.count() == 8
    form = tab.locator("#ws-people-filter")
    assert form.is_visible()
    form.locator("select[name=community]").select_option("supply")
    visible = [
        h
        for h in people.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.dataset.handle)")
    ]
    assert visible == ["hana", "nina"]
    assert "community=supply" in tab.url
    assert form.locator("output").inner_text() == "2 of 8 people"
    form.locator("select[name=expertise]").select_option("pumps")
    visible = people.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.dataset.handle)")
    assert visible == ["hana"]
    # a shared address opens with the same filter
    tab.goto(tab.base + "/people/?expertise=seals")
    visible = people.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.dataset.handle)")
    assert visible == ["sme"]


def test_directory_reads_without_javascript(tab_without_js) -> None:
    tab = tab_without_js
    tab.goto(tab.base + "/people/")
    assert not tab.locator("#ws-people-filter").is_visible()
    assert tab.locator("#ws-directory li[data-handle]:visible").count() == 8
    tab.locator("nav.ws-jump a", has_text="Supply chain").click()
    assert tab.url.endswith("#community-supply")
    assert tab.locator("#community-supply").is_visible()


def test_the_example_home_page_shows_every_section(page) -> None:
    page.goto(page.base + "/")
    for section_id in ("whats-new", "popular", "unanswered", "whos-new", "whos-popular"):
        section = page.locator(f"#{section_id}")
        assert section.is_visible(), section_id
        assert section.locator(".ws-more a").count() == 1, section_id
    assert page.locator("#whos-popular li").count() >= 1
