"""The review queue of the bundled example in a real headless Chromium: reached from the
navigation and from a profile, each row followed to its item and to how to review it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_queue_from_the_navigation_and_a_row_to_its_item(page) -> None:
    page.goto(page.base + "/")
    page.get_by_role("link", name="Review queue").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Review queue"
    rows = page.locator("#all tr[data-id]")
    total = int(page.locator("#all-h .ws-count").inner_text())
    assert rows.count() == total > 0
    # most-read first
    views = [int(v) for v in page.locator("#all tr[data-id] td.ws-review-views").all_inner_texts()]
    assert views == sorted(views, reverse=True)
    # the example's ISO 9906 sheet changed after its approval: the row says so in words
    changed = page.locator('#all tr[data-id="iso-9906-test-acceptance"]')
    assert changed.get_attribute("data-state") == "changed-since-review"
    assert changed.locator(".ws-review-why").inner_text() == (
        "Changed since Devika Patel approved it on 5 January 2026"
    )
    # an answer is read on its problem's page, under the problem's heading: take another type
    types = page.locator("#all tr[data-id] .ws-type").all_inner_texts()
    first = rows.nth(next(i for i, kind in enumerate(types) if kind != "answer"))
    title = first.locator("a.ws-review-item").inner_text()
    first.locator("a.ws-review-item").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == title
    page.go_back()
    page.locator("#all a.ws-review-how").first.click()
    assert page.url.endswith("/review/#how-to-review")
    heading = page.locator("#how-to-review-h")
    assert heading.inner_text() == "How to review"
    top = page.evaluate(
        "() => document.getElementById('how-to-review-h').getBoundingClientRect().top"
    )
    assert 0 <= top < page.viewport_size["height"], "the steps are on screen"


def test_a_profile_leads_the_sme_to_their_own_queue(page) -> None:
    page.goto(page.base + "/people/mlopez/")
    link = page.locator(".ws-review-waiting a")
    said = link.inner_text()
    match = re.fullmatch(r"(\d+) items? waits? for your review", said)
    assert match, said
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/review/#sme-mlopez")
    section = page.locator("#sme-mlopez")
    assert section.locator("h3").inner_text().startswith("María López")
    assert section.locator("tr[data-id]").count() == int(match.group(1))
    top = page.evaluate("() => document.getElementById('sme-mlopez').getBoundingClientRect().top")
    assert 0 <= top < 200, "the page opens at her section"


def test_on_a_phone_the_queue_tables_scroll_in_their_own_box(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/review/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    box = page.locator("#all .ws-review-scroll").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # the item's title stays readable: its column is not squeezed to a letter a line
    link = page.locator("#all a.ws-review-item").first.bounding_box()
    assert link and link["width"] > 100
