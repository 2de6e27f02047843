"""Reaching experts, following feeds, finding help: the example read in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent.parent


def person(handle: str) -> dict[str, object]:
    people = yaml.safe_load((REPO / "curation/people.yml").read_text(encoding="utf-8"))
    found: dict[str, object] = next(p for p in people if p["handle"] == handle)
    return found


def test_ask_an_expert_from_her_profile_and_from_the_tags_expert_list(page) -> None:
    mlopez = person("mlopez")
    assert str(mlopez["contact"]).startswith("https://")
    for path in ("/people/mlopez/", "/tags/mechanical-seals/"):
        page.goto(page.base + path)
        ask = page.get_by_role("link", name=f"Ask {mlopez['name']}")
        assert ask.count() == 1, path
        assert ask.is_visible(), path
        assert ask.get_attribute("href") == mlopez["contact"], path
        assert ask.get_attribute("target") == "_blank", path
        where = ask.locator("xpath=following-sibling::small[1]").inner_text()
        assert where == f"opens {urlsplit(str(mlopez['contact'])).hostname}", path


def test_the_search_data_holds_no_contact(page) -> None:
    contacts = [str(p["contact"]) for p in map(person, ("mlopez", "tnguyen"))]
    for name in ("documents.json", "index.json"):
        body = page.request.get(f"{page.base}/search/{name}").text()
        assert body, name
        for contact in contacts:
            assert contact not in body and contact.split(":", 1)[1] not in body, name


def test_a_tags_follow_page_gives_the_address_of_the_real_feed(page, browser) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base)
    page.goto(page.base + "/tags/mechanical-seals/")
    page.get_by_role("link", name="Follow this tag in a feed reader").click()
    page.wait_for_load_state()
    assert page.url == page.base + "/subscribe/tags/mechanical-seals/"
    assert page.locator("h1").inner_text() == "Follow Mechanical seals"
    address = page.locator("#ws-feed-address").input_value()
    assert address == "https://northwind.example/know-how/tags/mechanical-seals/feed.xml"
    # The address is the feed the site serves: same path here, and the feed names itself so.
    path = urlsplit(address).path.removeprefix("/know-how")
    response = page.request.get(page.base + path)
    assert response.status == 200
    assert response.text().startswith("<?xml") and "<feed" in response.text()
    assert f"<id>{address}</id>" in response.text()
    # The copy button appears with the script and puts the address on the clipboard.
    copy = page.get_by_role("button", name="Copy address")
    assert copy.is_visible()
    copy.click()
    page.wait_for_function("document.getElementById('ws-copy-status').textContent !== ''")
    assert page.locator("#ws-copy-status").inner_text().startswith("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == address
    # The email alternative: the weekly digest of the tag's community.
    page.get_by_role("link", name="weekly digest of Field Service Technicians").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Weekly digest: Field Service Technicians"


def test_help_and_subscribe_are_one_click_from_an_item_pages_footer(page) -> None:
    page.goto(page.base + "/problems/bearing-housing-runs-hot-after-rebuild/")
    footer = page.locator("footer.md-footer")
    footer.get_by_role("link", name="How this site works").click()
    page.wait_for_load_state()
    assert page.url == page.base + "/help/"
    assert page.locator("h1").inner_text() == "How this site works"
    assert page.locator("#review").inner_text() == "For experts: how to review"
    page.go_back()
    page.locator("footer.md-footer").get_by_role("link", name="Subscribe").click()
    page.wait_for_load_state()
    assert page.url == page.base + "/subscribe/"
    assert page.locator("h1").inner_text() == "Subscribe"


def test_outbound_actions_say_github_and_open_a_new_tab(page) -> None:
    page.goto(page.base + "/problems/bearing-housing-runs-hot-after-rebuild/")
    actions = page.locator("a.ws-outbound")
    names = [" ".join(actions.nth(i).inner_text().split()) for i in range(actions.count())]
    assert names[:3] == ["Rate this", "Edit this page", "Answer this"]
    for i in range(actions.count()):
        link = actions.nth(i)
        assert link.get_attribute("target") == "_blank", names[i]
        assert "noopener" in (link.get_attribute("rel") or "").split(), names[i]
        assert urlsplit(link.get_attribute("href") or "").hostname == "github.com", names[i]
        if names[i] != "Answer it":  # the empty-answers line says it after the link
            where = link.locator("xpath=following-sibling::small[1]")
            assert where.inner_text().startswith("opens GitHub, needs a GitHub account"), names[i]
            assert where.is_visible(), names[i]
    fields = page.locator("#answer-fields")
    assert fields.is_visible()
    assert "Replace your-handle with your handle" in fields.inner_text()


def test_a_tag_page_is_titled_with_its_tag_and_loads_without_a_404(page) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path, title in (
        ("/tags/mechanical-seals/", "Mechanical seals"),
        ("/communities/field-service/", "Field Service Technicians"),
        ("/communities/field-service/digest/", "Weekly digest"),
    ):
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        assert page.title().startswith(title), path
    assert failed == []


def test_a_cards_state_says_what_it_means(page) -> None:
    page.goto(page.base + "/tags/mechanical-seals/")
    card = page.locator(".ws-card", has=page.locator(".ws-badge[data-state=community]")).first
    assert card.locator(".ws-state-meaning").inner_text() == "not yet reviewed by an expert"
    assert card.locator(".ws-card__title").is_visible()
    assert card.locator(".ws-meta").inner_text().startswith("by ")
