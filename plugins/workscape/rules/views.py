"""Implausible view counts: a month far above what the item, or the site, usually sees.

Views feed "popular" and "trending", and a month file is as easy to edit in a pull
request as any other. The import counts a client once per item and day, but a
hand-edited or mistaken count would still move an item to the top. So `check`
warns (never fails: a page can really take off) when a month's count is more than
:data:`JUMP_FACTOR` times its baseline: the item's largest count in the
:data:`LOOKBACK_MONTHS` months before, or for an item without one, the median of
the other items that month. Counts below :data:`JUMP_FLOOR` are never implausible:
small numbers jump by chance.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from ..errors import Finding
from ..model import ViewCount

JUMP_FACTOR = 10
JUMP_FLOOR = 200
LOOKBACK_MONTHS = 3


def _months_before(month: str, count: int) -> list[str]:
    year, number = int(month[:4]), int(month[5:7])
    out = []
    for _ in range(count):
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
        out.append(f"{year:04d}-{number:02d}")
    return out


def _median_without(totals: list[int], own: int) -> float | None:
    """``median(totals)`` with one ``own`` taken out (``totals`` sorted); None if none left.

    Read off by index, not by copying and sorting again: a month has an entry per item.
    """
    gone = bisect_left(totals, own)  # the copy of `own` taken out

    def at(i: int) -> int:
        return totals[i] if i < gone else totals[i + 1]

    left = len(totals) - 1
    if left == 0:
        return None
    if left % 2:
        return at(left // 2)
    return (at(left // 2 - 1) + at(left // 2)) / 2


def view_jumps(views: Sequence[ViewCount], rows: Sequence[tuple[str, int, str]]) -> list[Finding]:
    """Warnings for implausible counts; ``rows`` are (file, line, item), one per view count."""
    by_item: dict[str, dict[str, int]] = defaultdict(dict)
    for view in views:
        by_item[view.item][view.month] = by_item[view.item].get(view.month, 0) + view.views
    # Each month's totals, sorted: "the other items" are these less one of the item's own,
    # so the median for an (month, own total) pair is computed once, not over every item
    # for every row (that was quadratic: 0.3 s of a 1,000-item check).
    by_month: dict[str, list[int]] = defaultdict(list)
    for months in by_item.values():
        for month, total in months.items():
            by_month[month].append(total)
    for totals in by_month.values():
        totals.sort()
    medians: dict[tuple[str, int], float | None] = {}
    findings = []
    for view, (rel, line, _item) in zip(views, rows, strict=True):
        before = [by_item[view.item].get(m, 0) for m in _months_before(view.month, LOOKBACK_MONTHS)]
        baseline: float
        if any(before):
            baseline, basis = max(before), f"its most in the {LOOKBACK_MONTHS} months before"
        else:
            key = (view.month, by_item[view.item][view.month])
            if key not in medians:
                medians[key] = _median_without(by_month[view.month], key[1])
            found = medians[key]
            if found is None:
                continue  # nothing to compare with
            baseline, basis = found, "the median of the other items that month"
        if view.views >= JUMP_FLOOR and view.views > JUMP_FACTOR * baseline:
            findings.append(
                Finding.warning(
                    rel,
                    (line, 1),
                    "implausible-views",
                    f"{view.views:,} views of '{view.item}' in {view.month}: more than "
                    f"{JUMP_FACTOR} times its usual {baseline:,g} ({basis})",
                    "check where these views come from (a script or a repeated import); "
                    "`workscape views import` counts a client once per item and day",
                )
            )
    return findings
