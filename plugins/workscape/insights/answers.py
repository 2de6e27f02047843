"""The order a problem's answers are shown in."""

from __future__ import annotations

from datetime import date

from ..model import Catalog, Item
from ..rules.ratings import rating_of
from ..rules.reviews import review_status


def rank_answers(catalog: Catalog, problem: Item) -> list[Item]:
    """Accepted first, then SME-approved, then by smoothed rating, then oldest first."""

    def key(answer: Item) -> tuple[bool, bool, float, date, str]:
        approved = review_status(catalog, answer).state == "sme-approved"
        return (
            answer.id != problem.accepted,
            not approved,
            -rating_of(catalog, answer.id).smoothed,
            answer.date or date.max,
            answer.id,
        )

    return sorted(catalog.answers_to(problem.id), key=key)


def is_open(catalog: Catalog, problem: Item) -> bool:
    """A problem is open until it has an answer."""
    return not catalog.answers_to(problem.id)
