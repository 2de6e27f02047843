"""The badge, Save and /saved/ in a real headless Chromium, with nothing but localStorage.

The site is served on 127.0.0.1 and rebuilt in place when new activity arrives, as a
publish would; every tab fails its test if a page asks anything of another host.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitekit

pytestmark = pytest.mark.browser

RESOURCE = (
    "---\ntitle: P-200 pump manual\nauthor: bob\ntags: [pumps]\ndate: 2026-03-01\n"
    "format: document\nurl: https://docs.acme.test/p200.pdf\n---\nRead it.\n"
)
GLAND = (
    "---\ntitle: Replace the gland gasket too\nauthor: sme\nproblem: seal-weeps\n"
    "date: 2026-03-06\n---\nThe old gasket is the leak.\n"
)


def _build(root: Path) -> None:
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A tiny site (Alice's problem, Bob's answer, Bob's rated manual), built and served."""
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/resources/pump-manual.md": RESOURCE,
            "curation/ratings/pump-manual/alice.yml": "stars: 4\ndate: 2026-03-05\n",
        },
    )
    _build(root)
    with sitekit.served(root / "site") as url:
        yield root, url


@pytest.fixture
def reader(browser: object, served: tuple[Path, str]) -> Iterator[object]:
    """A function opening a fresh browser profile (its own localStorage) on the site."""
    contexts: list[object] = []
    outside: list[str] = []
    base = served[1]

    def open_tab() -> object:
        context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]  # a Playwright Browser, typed object: Playwright loads only with Chromium
        contexts.append(context)
        tab = context.new_page()
        tab.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((base, "data:", "about:", "blob:"))
                else outside.append(r.url)
            ),
        )
        tab.base = base
        return tab

    yield open_tab
    for context in contexts:
        context.close()  # type: ignore[attr-defined]  # a Playwright BrowserContext
    assert not outside, f"requests outside the site: {outside}"


def _badge(tab: object) -> object:
    return tab.locator(".ws-activity-badge")  # type: ignore[attr-defined]  # a Playwright Page


def test_choosing_a_handle_then_new_activity_shows_the_badge(served, reader) -> None:
    root, _ = served
    alice = reader()
    alice.goto(alice.base + "/people/alice/activity/")
    alice.get_by_role("button", name="This is me").click()
    assert alice.get_by_role("button", name="Not me").is_visible()
    assert alice.get_by_role("button", name="This is me").is_hidden()
    assert alice.evaluate("localStorage.getItem('workscape.me')") == '"alice"'

    # Cara is not a person of the site's: she saved Alice's problem, which follows it.
    cara = reader()
    cara.goto(cara.base + "/people/cmgr/activity/")
    cara.get_by_role("button", name="This is me").click()
    cara.goto(cara.base + "/problems/seal-weeps/")
    cara.get_by_role("button", name="Save").click()

    for tab in (alice, cara):
        tab.goto(tab.base + "/")
        tab.wait_for_load_state("networkidle")
        assert _badge(tab).is_hidden()  # nothing new since they said who they are

    # Sam answers Alice's problem; the site is published again.
    sitekit.write(root, "content/answers/gland.md", GLAND)
    _build(root)

    alice.goto(alice.base + "/tags/")
    badge = _badge(alice)
    badge.wait_for(state="visible")
    assert badge.inner_text().split() == ["New", "1"]
    badge.click()
    alice.wait_for_load_state()
    assert alice.url == alice.base + "/people/alice/activity/"
    first = alice.locator("#activity li").first.inner_text()
    assert first.startswith(
        "Sam Expert answered your problem “Seal weeps after replacement” (Replace the gland gasket too)"
    )
    alice.goto(alice.base + "/")
    alice.wait_for_load_state("networkidle")
    assert _badge(alice).is_hidden()  # seen on her activity page

    cara.goto(cara.base + "/")
    _badge(cara).wait_for(state="visible")
    assert _badge(cara).inner_text().split() == ["New", "1"]
    _badge(cara).click()
    cara.wait_for_load_state()
    followed = cara.locator("#followed")
    followed.wait_for(state="visible")
    assert (
        followed.locator("li")
        .all_inner_texts()[0]
        .startswith("Sam Expert answered “Seal weeps after replacement”, a problem you follow")
    )


def test_two_saved_items_are_listed_on_saved_after_a_reload(served, reader) -> None:
    tab = reader()
    tab.goto(tab.base + "/problems/seal-weeps/")
    save = tab.locator("button.ws-save")
    save.click()
    assert save.inner_text() == "Saved ✓"
    tab.goto(tab.base + "/resources/pump-manual/")
    tab.locator("button.ws-save").click()
    tab.goto(tab.base + "/saved/")
    tab.reload()
    items = tab.locator(".ws-saved-list li")
    items.first.wait_for()
    # As read: the stylesheet shows an item's type in capitals.
    texts = [" ".join(t.split()) for t in items.all_inner_texts()]
    assert texts == [
        "P-200 pump manual RESOURCE · Community content · ★ 4.0 (1 rating) Remove",
        "Seal weeps after replacement PROBLEM · Community content · not rated yet "
        "Latest: Bob Brandt answered “Seal weeps after replacement”, a problem you follow (2026-03-03) Remove",
    ]
    assert items.first.locator("a").get_attribute("href") == tab.base + "/resources/pump-manual/"

    items.nth(1).get_by_role("button", name="Remove").click()
    tab.reload()
    tab.locator(".ws-saved-list li").first.wait_for()
    assert tab.locator(".ws-saved-list li").count() == 1


def test_without_javascript_no_button_promises_what_cannot_work(served, browser) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]  # a Playwright Browser
    tab = context.new_page()
    base = served[1]
    tab.goto(base + "/problems/seal-weeps/")
    assert tab.locator("button.ws-save").is_hidden()
    tab.goto(base + "/people/alice/activity/")
    assert tab.locator(".ws-me-actions").is_hidden()
    assert "Bob Brandt answered your problem" in tab.locator("#activity").inner_text()
    tab.goto(base + "/saved/")
    assert tab.locator(".ws-saved-actions").is_hidden()
    context.close()


def test_the_saved_list_exports_and_imports_as_a_file(served, reader, tmp_path: Path) -> None:
    tab = reader()
    tab.goto(tab.base + "/problems/seal-weeps/")
    tab.locator("button.ws-save").click()
    tab.goto(tab.base + "/saved/")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export the list").click()
    exported = tmp_path / "saved.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == {"workscape_saved": ["seal-weeps"]}

    other = reader()  # another browser, nothing saved yet
    other.goto(other.base + "/saved/")
    other.locator(".ws-saved-empty").wait_for()
    hostile = tmp_path / "more.json"
    hostile.write_text(
        json.dumps({"workscape_saved": ["pump-manual", "<img src=x>", 7, "seal-weeps"]})
    )
    other.locator(".ws-import input").set_input_files(str(exported))
    other.locator(".ws-import-note", has_text="Imported 1 new item.").wait_for()
    other.locator(".ws-import input").set_input_files(str(hostile))
    other.locator(".ws-import-note", has_text="Imported 1 new item.").wait_for()
    other.reload()
    other.locator(".ws-saved-list li").nth(1).wait_for()
    links = other.locator(".ws-saved-list li > a").all_inner_texts()
    assert links == ["Seal weeps after replacement", "P-200 pump manual"]
