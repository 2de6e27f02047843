"""The health dashboard in a real headless Chromium: every chart loads and shows."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_every_dashboard_chart_is_drawn_and_visible(page) -> None:
    page.goto(page.base + "/health/")
    assert page.locator("h1").first.inner_text() == "Community health"
    charts = page.locator("figure.ws-chart img")
    count = charts.count()
    assert count >= 3 * 2, "the whole site and at least one community, three charts each"
    for i in range(count):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()  # the charts load lazily
        chart.wait_for(state="visible")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
        )
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 80, chart.get_attribute("src")
        assert chart.get_attribute("alt"), "every chart has a text alternative"
        caption = chart.locator("xpath=following-sibling::figcaption")
        assert caption.inner_text().strip()


def test_participation_table_beside_each_chart(page) -> None:
    page.goto(page.base + "/health/")
    first = page.locator("section.ws-health").first
    roles = first.locator("tr[data-role] th").all_inner_texts()
    assert roles == ["consumer", "creator", "connector", "carrier", "caretaker"]
    assert first.locator("[data-figure=answer-rate]").inner_text().endswith("problems)")


def test_a_community_digest_is_one_click_from_the_dashboard(page) -> None:
    page.goto(page.base + "/health/")
    page.locator("section.ws-health a", has_text="weekly digest").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("Weekly digest: ")
    feed = page.locator('head link[rel~=alternate][type="application/atom+xml"]')
    hrefs = [feed.nth(i).get_attribute("href") for i in range(feed.count())]
    assert any(h.endswith("/feed.xml") and "/communities/" in h for h in hrefs), hrefs
