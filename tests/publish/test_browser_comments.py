"""Comments and news on the bundled example, as a reader sees them in a real Chromium.

The `page` fixture fails a test whose page makes any request off the site.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ITEM = "/problems/seal-weeps-after-replacement/"


def test_a_reader_sees_the_thread_the_reply_indented_and_the_hidden_reason(page) -> None:
    page.goto(page.base + ITEM)
    section = page.locator('section.ws-comments[data-item="seal-weeps-after-replacement"]')
    assert section.locator("h3").inner_text().strip() == "4 comments"
    top = section.locator('article[data-id="20251118-0905-jalvarez"]')
    assert top.is_visible()
    assert "Did you check the gland plate for distortion?" in top.inner_text()
    reply = top.locator('article[data-id="20251118-1140-rkhan"]')
    assert "The plate was flat" in reply.inner_text()
    top_box, reply_box = top.bounding_box(), reply.bounding_box()
    assert top_box is not None and reply_box is not None
    assert reply_box["x"] > top_box["x"] + 10, "a reply is indented under its comment"
    sme = section.locator('article[data-id="20251119-1012-mlopez"] .ws-sme')
    assert sme.inner_text().strip() == "SME"
    hidden = section.locator('article[data-id="20251120-1530-fdubois"]')
    assert "Points to an unapproved supplier" in hidden.inner_text()
    assert "trade counter" not in page.content()
    reply_href = top.locator("a.ws-reply").first.get_attribute("href") or ""
    assert "reply_to=20251118-0905-jalvarez" in reply_href
    assert reply.locator("a.ws-reply").count() == 0, "replies go one level deep"
    link = section.locator("a.ws-comment-this")
    href = link.get_attribute("href") or ""
    assert "template=comment.yml" in href and "item=seal-weeps-after-replacement" in href


def test_a_mention_leads_to_the_person(page) -> None:
    page.goto(page.base + ITEM)
    page.locator('article[data-id="20251118-0905-jalvarez"] a.ws-mention').click()
    page.wait_for_url("**/people/mlopez/")
    assert "María López" in page.locator("h1").inner_text()


def test_the_latest_news_is_on_the_home_page(page) -> None:
    page.goto(page.base + "/")
    news = page.locator("#news")
    assert news.is_visible()
    assert "Winter seal kits are in the van stock" in news.inner_text()
    assert "Lockout/tagout refresher" not in news.inner_text()  # older than news_days


def test_the_browser_search_finds_an_item_by_its_comments_not_by_a_hidden_one(page) -> None:
    page.goto(page.base + "/search/?q=overtightened")
    page.wait_for_selector("form[data-ready]", state="attached")
    page.wait_for_function("document.querySelectorAll('.ws-result').length > 0")
    ids = [r.get_attribute("data-id") for r in page.locator(".ws-result").all()]
    assert ids == ["seal-weeps-after-replacement"]
    page.goto(page.base + "/search/?q=gary")
    page.wait_for_selector("form[data-ready]", state="attached")
    page.wait_for_timeout(300)
    assert page.locator(".ws-result").count() == 0
