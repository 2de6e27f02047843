"""Community health figures: contributions per month, review coverage, answer rate.

Pure functions over a Catalog, for the health dashboard and anything else
(a CLI report, a scheduled check) that wants the same numbers:

- :func:`monthly_contributions`: items created per calendar month, by type, for
  the months up to ``catalog.now`` (at most :data:`MONTHS`, starting with the
  first month that has any).
- :func:`review_coverage`: how many problems, answers and resources are in each
  review state (collections are learning paths, not claims, and are not
  reviewed).
- :func:`answer_stats`: answer rate (answered problems / problems) and the median
  number of days from a problem's date to its first answer's date, over all
  time, because a problem answered last year still counts as answered.
- :func:`items_by_state`: the items behind each review-coverage count.

``community=None`` means the whole site; otherwise only the items of that
community count (an answer belongs to its problem's community).

Each community's verdict, reading and SME coverage: :mod:`workscape.insights.verdicts`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..model import ITEM_TYPES, REVIEW_STATES, Catalog, Item, ItemType, ReviewState
from ..rules.reviews import review_status
from .memo import per_catalog

#: The most months the contributions chart shows.
MONTHS = 24
#: Item types that get SME reviews and count in review coverage.
REVIEWED_TYPES: tuple[ItemType, ...] = ("problem", "answer", "resource")


@dataclass(frozen=True)
class MonthCount:
    """Items created in one month (``YYYY-MM``), by type."""

    month: str
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AnswerStats:
    problems: int
    answered: int
    #: Median days from a problem to its first answer, over answered problems with dates.
    median_days_to_first_answer: float | None

    @property
    def open(self) -> int:
        return self.problems - self.answered

    @property
    def rate(self) -> float | None:
        """Answered problems / problems; None when there are no problems."""
        return self.answered / self.problems if self.problems else None


def community_items(catalog: Catalog, community: str | None) -> list[Item]:
    """The items of ``community`` (every item when None), in id order."""
    return [i for i in catalog.items.values() if community is None or i.community == community]


def month_of(day: date) -> str:
    """The ``YYYY-MM`` of ``day``, as views and the contributions chart name months."""
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(first: date, last: date) -> list[str]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly_contributions(
    catalog: Catalog, community: str | None = None, months: int = MONTHS
) -> list[MonthCount]:
    """Items created per month, oldest month first, ending with the month of ``catalog.now``.

    Months without contributions are listed with zeros so a chart's gaps show; items
    dated after "now" (a future date typed by hand) are left out of the chart.
    """
    today = catalog.today()
    dated = [i for i in community_items(catalog, community) if i.date]
    if today is None:
        today = max((i.date for i in dated if i.date), default=None)
    if today is None:
        return []
    dated = [i for i in dated if i.date and i.date <= today]
    first = min((i.date for i in dated if i.date), default=today)
    labels = _months_between(first, today)[-months:]
    table: dict[str, dict[str, int]] = {m: {t: 0 for t in ITEM_TYPES} for m in labels}
    for item in dated:
        assert item.date is not None  # filtered above; for the type checker
        row = table.get(month_of(item.date))
        if row is not None:
            row[item.type] += 1
    return [MonthCount(m, counts) for m, counts in table.items()]


@per_catalog
def _review_states(catalog: Catalog) -> Mapping[str, ReviewState]:
    """Each reviewable item's state, worked out once: every section of the page asks."""
    return {
        i.id: review_status(catalog, i).state
        for i in catalog.items.values()
        if i.type in REVIEWED_TYPES
    }


def items_by_state(catalog: Catalog, community: str | None = None) -> dict[ReviewState, list[Item]]:
    """Reviewable items per review state, every state present, each list by title."""
    states = _review_states(catalog)
    out: dict[ReviewState, list[Item]] = {s: [] for s in REVIEW_STATES}
    items = sorted(
        community_items(catalog, community), key=lambda i: (i.display_title.casefold(), i.id)
    )
    for item in items:
        if item.id in states:
            out[states[item.id]].append(item)
    return out


def review_coverage(catalog: Catalog, community: str | None = None) -> dict[ReviewState, int]:
    """Reviewable items per review state, every state present, in :data:`REVIEW_STATES` order."""
    return {s: len(items) for s, items in items_by_state(catalog, community).items()}


def first_answer_days(catalog: Catalog, problem: Item) -> int | None:
    """Days from ``problem``'s date to its earliest answer's (0 if answered "before" it)."""
    dates = [a.date for a in catalog.answers_to(problem.id) if a.date]
    if problem.date is None or not dates:
        return None
    return max(0, (min(dates) - problem.date).days)


def answer_stats(catalog: Catalog, community: str | None = None) -> AnswerStats:
    """Answer rate and median time to first answer for ``community``'s problems."""
    problems = [i for i in community_items(catalog, community) if i.type == "problem"]
    answered = [p for p in problems if catalog.answers_to(p.id)]
    days = [d for d in (first_answer_days(catalog, p) for p in answered) if d is not None]
    return AnswerStats(len(problems), len(answered), _median(days))


def _median(values: Iterable[int]) -> float | None:
    values = list(values)
    return float(statistics.median(values)) if values else None
