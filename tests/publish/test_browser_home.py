"""What a reader sees first, in a real headless Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_site_title_and_an_item_link_that_opens(page) -> None:
    page.goto(page.base + "/")
    assert "Northwind Know-How" in page.title()
    link = page.locator("#whats-new .ws-card a").first
    title = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.locator("article.ws-item h1").inner_text() == title
