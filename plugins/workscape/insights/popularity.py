"""What's popular and what's trending (what's new is :mod:`.recency`).

**Popularity** (all time, with a boost for fresh items), for an item with smoothed
rating ``R`` (see :mod:`workscape.rules.ratings`), ``V`` page views over every month of
``curation/views/`` and an age of ``a`` days since its date::

    popularity = (rating_weight * R + views_weight * log2(1 + V)) * (1 + 2 ** (-a / half_life))

The weights and ``half_life`` (``recency_half_life_days``) come from policy.yml's
``popularity``. Views count on a log scale so a page everyone opens once a week does
not bury a page fewer people need but all rate highly; the recency factor doubles a
brand-new item's score and fades to nothing, halving every ``half_life`` days, so
good old items stay while new ones get a chance to be seen. Only items with evidence
(a rating or a view) are listed as popular: an unrated, unread item is new, not popular.

**Trending** looks only at the ``trending_window_days`` days up to and including
``catalog.now``'s date::

    trending = views_weight * log2(1 + recent_views) + rating_weight * sum((stars - 1) / 4)

over the ratings dated in the window (a five-star rating adds one, a one-star rating
nothing). Views are kept per month, so a month's count is spread evenly over the days
it covers (up to ``now`` for the current month) and counted for the days that fall in
the window. Ratings by an item's own author or by unknown people never count.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Catalog, Item, ItemType
from ..rules.ratings import rating_of, valid_ratings
from .memo import per_catalog

#: The types listed as popular or trending. Answers are read on their problem's page
#: and count for their authors' helpfulness instead (see :mod:`.people`).
LISTED_TYPES: tuple[ItemType, ...] = ("problem", "resource", "collection")


@dataclass(frozen=True)
class Popularity:
    """An item's popularity score and the figures it comes from."""

    item: str
    score: float
    rating: float  #: smoothed rating
    ratings: int  #: number of ratings that count
    views: int  #: all-time views
    age_days: int | None  #: days from the item's date to now; None when either is unknown
    recency: float  #: the recency factor's boost, 1 for a new item fading to 0

    @property
    def has_evidence(self) -> bool:
        """True when someone rated or read the item: only then is it "popular"."""
        return self.ratings > 0 or self.views > 0


@dataclass(frozen=True)
class Trend:
    """An item's trending score within the policy's window."""

    item: str
    score: float
    views: float  #: views in the window (months prorated by days)
    ratings: int  #: ratings dated in the window


@per_catalog
def views_by_item(catalog: Catalog) -> Mapping[str, int]:
    """All-time views of each item."""
    out: dict[str, int] = {}
    for row in catalog.views:
        out[row.item] = out.get(row.item, 0) + row.views
    return out


def _recency(catalog: Catalog, item: Item) -> tuple[int | None, float]:
    today = catalog.today()
    half_life = catalog.policy.popularity.recency_half_life_days
    if today is None or item.date is None:
        return None, 0.0
    age = max(0, (today - item.date).days)  # a future date counts as today
    return age, (2.0 ** (-age / half_life) if half_life > 0 else 0.0)


def popularity_of(catalog: Catalog, item: Item) -> Popularity:
    """The documented popularity score of one item (see the module docstring)."""
    weights = catalog.policy.popularity
    rating = rating_of(catalog, item.id)
    views = views_by_item(catalog).get(item.id, 0)
    age, recency = _recency(catalog, item)
    signal = weights.rating_weight * rating.smoothed + weights.views_weight * math.log2(1 + views)
    return Popularity(
        item.id, signal * (1 + recency), rating.smoothed, rating.count, views, age, recency
    )


@per_catalog
def popularity_scores(catalog: Catalog) -> Mapping[str, Popularity]:
    """Every item's popularity, by id."""
    return {item.id: popularity_of(catalog, item) for item in catalog.items.values()}


def popular(
    catalog: Catalog, limit: int | None = None, types: tuple[ItemType, ...] = LISTED_TYPES
) -> list[Popularity]:
    """Items with a rating or a view, most popular first (ties: newest, then id)."""
    scores = popularity_scores(catalog)
    ranked = sorted(
        (scores[i.id] for i in catalog.items.values() if i.type in types),
        key=lambda p: (-p.score, p.age_days if p.age_days is not None else math.inf, p.item),
    )
    return [p for p in ranked if p.has_evidence][:limit]


def trending_window(catalog: Catalog) -> tuple[date, date] | None:
    """The first and last day of the trending window, or None without a "now"."""
    today = catalog.today()
    if today is None:
        return None
    return today - timedelta(days=max(1, catalog.policy.trending_window_days) - 1), today


def _month_share(month: str, first: date, last: date) -> float:
    """The share of a month's views that fell between ``first`` and ``last`` (inclusive).

    The month's views are spread evenly over the days it covers: the whole month, or
    up to ``last`` for a month still running (its log only goes that far).
    """
    year, number = (int(x) for x in month.split("-"))
    start = date(year, number, 1)
    end = min(date(year, number, calendar.monthrange(year, number)[1]), last)
    covered = (end - start).days + 1
    overlap = (min(end, last) - max(start, first)).days + 1
    if covered <= 0 or overlap <= 0:
        return 0.0
    return overlap / covered


@per_catalog
def recent_views(catalog: Catalog) -> Mapping[str, float]:
    """Views of each item within the trending window (months prorated by days)."""
    window = trending_window(catalog)
    out: dict[str, float] = {}
    if window is None:
        return out
    for row in catalog.views:
        share = _month_share(row.month, *window)
        if share:
            out[row.item] = out.get(row.item, 0.0) + row.views * share
    return out


def trend_of(catalog: Catalog, item: Item) -> Trend:
    """The documented trending score of one item (see the module docstring)."""
    window = trending_window(catalog)
    if window is None:
        return Trend(item.id, 0.0, 0.0, 0)
    weights = catalog.policy.popularity
    first, last = window
    recent = [r for r in valid_ratings(catalog, item.id) if first <= r.date <= last]
    views = recent_views(catalog).get(item.id, 0.0)
    score = weights.views_weight * math.log2(1 + views) + weights.rating_weight * sum(
        (r.stars - 1) / 4 for r in recent
    )
    return Trend(item.id, score, views, len(recent))


def trending(
    catalog: Catalog, limit: int | None = None, types: tuple[ItemType, ...] = LISTED_TYPES
) -> list[Trend]:
    """Items read or well rated within the window, most first (ties: popularity, then id)."""
    scores = popularity_scores(catalog)
    trends = [trend_of(catalog, i) for i in catalog.items.values() if i.type in types]
    ranked = sorted(
        (t for t in trends if t.score > 0),
        key=lambda t: (-t.score, -scores[t.item].score, t.item),
    )
    return ranked[:limit]
