"""The home page and the pages its sections lead to: /new/, /popular/, /unanswered/.

Every ranking comes from the core (:mod:`workscape.insights.popularity`,
:mod:`workscape.insights.people`, :mod:`workscape.insights.featured`); this module
only picks how many of each a page shows and wraps items as card views.
"""

from __future__ import annotations

from typing import Any

from ...github.links import ask_link
from ...insights.answers import is_open
from ...insights.conversation import home_news
from ...insights.featured import featured_items, featured_people
from ...insights.people import helpfulness_of, most_helpful, newcomers
from ...insights.popularity import popular, trending, trending_window
from ...insights.recency import newest
from ...insights.review_queue import review_queue
from ...interface_language import translations
from ...model import Catalog, Item
from ...rules.generated import HOME, section_page
from ...sources.settings import Settings
from ..item_context import ItemView, item_view
from .markdown import own_title, page_markdown

KINDS = {"home", "new", "popular", "unanswered"}

#: How many entries each home section shows; its full page shows more.
HOME_LIMIT = 5
#: How many entries /new/ and /popular/ show (the per-type lists show everything).
PAGE_LIMIT = 50
TRENDING_LIMIT = 20


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The home page and its section pages."""
    say = translations(settings.language).gettext
    return {
        HOME: page_markdown("home", own_title(say("Home")), "home"),
        section_page("new"): page_markdown("new", own_title(say("What's new")), "new"),
        section_page("popular"): page_markdown(
            "popular", own_title(say("Popular and trending")), "popular"
        ),
        section_page("unanswered"): page_markdown(
            "unanswered", own_title(say("Unanswered problems")), "unanswered"
        ),
    }


def _views(catalog: Catalog, settings: Settings, items: list[Item]) -> list[ItemView]:
    return [item_view(catalog, settings, i, deep=False) for i in items]


def _latest(catalog: Catalog, answers: bool) -> list[Item]:
    return newest(i for i in catalog.items.values() if (i.type == "answer") == answers)


def _unanswered(catalog: Catalog) -> list[Item]:
    return newest(p for p in catalog.of_type("problem") if is_open(catalog, p))


def _popular(catalog: Catalog, settings: Settings, limit: int) -> list[tuple[ItemView, Any]]:
    return [
        (item_view(catalog, settings, catalog.items[p.item], deep=False), p)
        for p in popular(catalog, limit)
    ]


def _trending(catalog: Catalog, settings: Settings, limit: int) -> list[tuple[ItemView, Any]]:
    return [
        (item_view(catalog, settings, catalog.items[t.item], deep=False), t)
        for t in trending(catalog, limit)
    ]


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """What each page's template receives as ``ws_page``."""
    if kind == "home":
        unanswered = _unanswered(catalog)
        return {
            "ask": ask_link(settings),
            "latest": _views(catalog, settings, _latest(catalog, answers=False)[:HOME_LIMIT]),
            "latest_answers": _views(
                catalog, settings, _latest(catalog, answers=True)[:HOME_LIMIT]
            ),
            "popular": _popular(catalog, settings, HOME_LIMIT),
            "trending": _trending(catalog, settings, HOME_LIMIT),
            "unanswered": _views(catalog, settings, unanswered[:HOME_LIMIT]),
            "unanswered_total": len(unanswered),
            "review_waiting": len(review_queue(catalog)),
            "news": home_news(catalog)[:HOME_LIMIT],
            "newcomers": newcomers(catalog, HOME_LIMIT),
            "helpful": [(catalog.people[h.handle], h) for h in most_helpful(catalog, HOME_LIMIT)],
            "featured_items": [
                (item_view(catalog, settings, f.item, deep=False), f.entry)
                for f in featured_items(catalog)
            ],
            "featured_people": [
                (f, helpfulness_of(catalog, f.person.handle)) for f in featured_people(catalog)
            ],
        }
    if kind == "new":
        return {
            "latest": _views(catalog, settings, _latest(catalog, answers=False)[:PAGE_LIMIT]),
            "latest_answers": _views(
                catalog, settings, _latest(catalog, answers=True)[:PAGE_LIMIT]
            ),
            "limit": PAGE_LIMIT,
        }
    if kind == "popular":
        return {
            "popular": _popular(catalog, settings, PAGE_LIMIT),
            "trending": _trending(catalog, settings, TRENDING_LIMIT),
            "window": trending_window(catalog),
            "weights": catalog.policy.popularity,
            "window_days": catalog.policy.trending_window_days,
        }
    if kind == "unanswered":
        return {
            "problems": _views(catalog, settings, _unanswered(catalog)),
            "ask": ask_link(settings),
        }
    raise KeyError(kind)
