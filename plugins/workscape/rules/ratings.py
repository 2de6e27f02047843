"""Ratings: the raw average and a smoothed score fair to items with few ratings.

The smoothed score is a Bayesian average: ``(C*m + sum(stars)) / (C + n)``, with
the prior mean ``m`` (``rating_prior_mean``) and prior weight ``C``
(``rating_prior_weight``) from policy.yml. One 5-star rating moves an item only a
little above the prior; twenty move it most of the way to their mean.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Policy, Rating


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: float | None
    smoothed: float


def summarize(ratings: tuple[Rating, ...] | list[Rating], policy: Policy) -> RatingSummary:
    """Count, mean and Bayesian average of some ratings."""
    n = len(ratings)
    total = sum(r.stars for r in ratings)
    prior = policy.rating_prior_weight
    smoothed = (prior * policy.rating_prior_mean + total) / (prior + n) if prior + n else 0.0
    return RatingSummary(n, (total / n) if n else None, smoothed)


def valid_ratings(catalog: Catalog, item_id: str) -> list[Rating]:
    """Ratings that count: by a known person, not the item's author."""
    item = catalog.items.get(item_id)
    return [
        r
        for r in catalog.ratings.get(item_id, ())
        if item and r.by in catalog.people and r.by != item.author
    ]


def rating_of(catalog: Catalog, item_id: str) -> RatingSummary:
    return summarize(valid_ratings(catalog, item_id), catalog.policy)
