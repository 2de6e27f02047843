"""The health dashboard and the gaps page in a real headless Chromium, wide and on a phone."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: The smallest chart text, in CSS pixels, a phone may show (6 px before the charts shrank).
MIN_CHART_TEXT_PX = 10.5


#: Elements of the page's article that end past the right edge, outside any scrolling box.
CUT_OFF = """() => {
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return Array.from(document.querySelectorAll("article *"))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !scrolls(el))
    .map((el) => `${el.tagName} ${el.textContent.trim().slice(0, 40)}`);
}"""


def _open_all_details(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def test_every_dashboard_chart_is_drawn_and_visible(page) -> None:
    page.goto(page.base + "/health/")
    assert page.locator("h1").first.inner_text() == "Community health"
    _open_all_details(page)
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


def test_the_summary_gives_each_community_a_verdict_and_leads_to_gaps(page) -> None:
    page.goto(page.base + "/health/")
    rows = page.locator("#summary tbody tr")
    sections = page.locator("section.ws-health")
    assert rows.count() == sections.count() == 6  # the site and five communities
    verdicts = [rows.nth(i).locator(".ws-health-verdict").inner_text() for i in range(6)]
    # the example holds one community quiet since March (its last change: the ISO 9906 resource), one healthy, some without SMEs
    assert "Quiet since 2026-03-20" in verdicts
    assert "Healthy" in verdicts and "Needs SMEs" in verdicts
    quiet = page.locator("section.ws-health", has_text="Quiet since 2026-03-20")
    # how long ago depends on the commit's date, which is the example's "now"
    line = quiet.locator(".ws-verdict-line").inner_text()
    assert re.search(r"No new or changed item for [2-9]\d* months \(quiet after 60 days\)", line)
    statuses = quiet.locator("td[data-status]").all_text_contents()
    assert len(statuses) == 5 and "meets target" not in statuses
    # the summary and the way on: gaps before the first section
    page.get_by_role("link", name="knowledge gaps").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Knowledge gaps"


def test_a_role_count_opens_the_people_it_counts(page) -> None:
    page.goto(page.base + "/health/")
    section = page.locator("section.ws-health").nth(2)
    count = section.locator("tr[data-role=creator] a.ws-count-link")
    shown = int(count.text_content() or "")
    href = count.get_attribute("href") or ""
    # the list sits in a collapsed part of the section; following the link opens it
    page.goto(page.base + "/health/" + href)
    people = page.locator(href + " li")
    people.first.wait_for(state="visible")
    assert people.count() == shown > 0


def test_a_community_digest_is_one_click_from_the_dashboard(page) -> None:
    page.goto(page.base + "/health/")
    page.locator("section.ws-health a", has_text="weekly digest").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("Weekly digest: ")
    feed = page.locator('head link[rel~=alternate][type="application/atom+xml"]')
    hrefs = [feed.nth(i).get_attribute("href") for i in range(feed.count())]
    assert any(h.endswith("/feed.xml") and "/communities/" in h for h in hrefs), hrefs


@pytest.mark.parametrize("path", ["/health/", "/gaps/"])
def test_no_page_is_wider_than_a_phone(page, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + path)
    _open_all_details(page)  # what the collapsed parts hold must fit too
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path} is {width[0]} px wide on a {width[1]} px phone"
    # Material clips the page sideways, so also: nothing ends past the screen's right edge
    # except inside a box that scrolls on its own
    cut = page.evaluate(CUT_OFF)
    assert not cut, f"{path}: cut off on a phone: {cut}"


def test_gaps_tag_names_keep_whole_words_on_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/gaps/")
    tags = page.locator("#thin-tags tbody tr td:first-child a")
    assert tags.count() >= 3
    for i in range(tags.count()):
        tag = tags.nth(i)
        words = len((tag.text_content() or "").split())
        # an inline link wrapped over n lines has n boxes: at most one line per word
        lines = tag.evaluate("a => a.getClientRects().length")
        assert 1 <= lines <= words, f"{tag.text_content()!r} over {lines} lines"


def test_chart_text_is_readable_on_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/health/")
    _open_all_details(page)
    charts = page.locator("figure.ws-chart img")
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        shown = chart.evaluate("img => img.getBoundingClientRect().width")
        svg = page.evaluate("src => fetch(src).then(r => r.text())", chart.get_attribute("src"))
        box = re.search(r'viewBox="0 0 ([\d.]+) ', svg)
        assert box, chart.get_attribute("src")
        drawn = float(box[1])
        smallest = min(float(px) for px in re.findall(r"font-size: ([\d.]+)px", svg))
        assert smallest * shown / drawn >= MIN_CHART_TEXT_PX, chart.get_attribute("src")
