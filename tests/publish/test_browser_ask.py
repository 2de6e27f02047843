"""The "Ask a question" button on a tag page of the example, read in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent.parent


def test_a_tag_page_offers_to_ask_about_its_tag_on_first_sight(page) -> None:
    taxonomy = yaml.safe_load((REPO / "curation/taxonomy.yml").read_text(encoding="utf-8"))
    seals = next(t for t in taxonomy if t["id"] == "mechanical-seals")
    page.goto(page.base + "/tags/mechanical-seals/")
    ask = page.locator("a.ws-ask__link")
    assert ask.count() == 1
    assert ask.is_visible()
    assert (
        " ".join(ask.inner_text().split()) == "Ask a question opens GitHub, needs a GitHub account"
    )
    # Seen without scrolling: one click away, not below the tag's lists.
    box = ask.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    url = urlsplit(ask.get_attribute("href"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://github.com/northwind-example/know-how/issues/new"
    )
    assert parse_qs(url.query) == {
        "template": ["ask.yml"],
        "tags": ["mechanical-seals"],
        "community": [seals["community"]],
    }
