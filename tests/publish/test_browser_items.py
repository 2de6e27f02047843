"""Item pages in a real headless Chromium, on the bundled example."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_accepted_answer_comes_first_with_its_badge(page) -> None:
    # Alphabetically dc-bus-discharge-wait would come first; the accepted answer must.
    page.goto(page.base + "/problems/loto-on-vfd-fed-motor/")
    first = page.locator("article.ws-answer").first
    assert first.get_attribute("id") == "answer-vfd-stop-is-not-isolation"
    assert first.locator(".ws-accepted").inner_text().strip() == "✔ Accepted answer"
    badge = first.locator(".ws-badge")
    assert badge.get_attribute("data-state") == "sme-approved"
    assert badge.is_visible()


def test_rate_link_carries_the_item_id(page) -> None:
    page.goto(page.base + "/problems/loto-on-vfd-fed-motor/")
    rate = page.locator("a.ws-rate").first
    href = rate.get_attribute("href")
    assert "template=rate.yml" in href and "item=loto-on-vfd-fed-motor" in href
    answer_rate = page.locator("#answer-dc-bus-discharge-wait a.ws-rate")
    assert "item=dc-bus-discharge-wait" in answer_rate.get_attribute("href")


def test_an_answer_url_lands_on_its_answer(page) -> None:
    page.goto(page.base + "/answers/dc-bus-discharge-wait/")
    page.wait_for_url("**/problems/loto-on-vfd-fed-motor/#answer-dc-bus-discharge-wait")
    target = page.locator("#answer-dc-bus-discharge-wait")
    target.wait_for()
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_the_accepted_answer_is_read_in_full_on_screen(page) -> None:
    page.goto(page.base + "/problems/loto-on-vfd-fed-motor/")
    body = page.locator("#answer-vfd-stop-is-not-isolation .ws-body")
    assert body.is_visible()
    text = " ".join(body.inner_text().split())
    assert text.startswith("You did the right thing by waiting.")
    assert "must physically separate the conductors from the supply" in text
    assert "lockable disconnect on the supply side of the drive" in text
    assert len(text) > 800, "the whole answer, not a snippet"
