"""Which week a digest reports: the one up to "now", or the latest that had news.

A digest covers seven days ending with "now" (HEAD's commit time). When nothing
was dated in those days, an empty digest would say only that time passed, and
a community that is quiet for a month would send four of them. So it reports
the latest week that had news instead, and says which. Weeks are counted back
from "now" in whole weeks, so a digest shows the same days a weekly build would
have shown then (a Monday build's weeks run Tuesday to Monday).

News is what the digest lists: items dated in the week (problems, resources,
collections and answers). Ratings and reviews are not news on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["WEEK", "Week", "news_week"]

#: Days a digest covers, ending with "now".
WEEK = 7


@dataclass(frozen=True)
class Week:
    """The days a digest covers."""

    start: date
    end: date
    #: True when the days up to now had no news and this is the latest week that had.
    latest: bool = False

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def news_week(today: date, days: Iterable[date | None], length: int = WEEK) -> Week:
    """The week up to ``today`` if any of ``days`` falls in it, else the latest week that has one.

    Days after ``today`` are not news yet; without any day at all, the week up to
    ``today`` (empty) is the honest answer.
    """
    current = Week(today - timedelta(days=length - 1), today)
    past = [d for d in days if d is not None and d <= today]
    if not past or max(past) in current:
        return current
    back = (today - max(past)).days // length
    end = today - timedelta(days=back * length)
    return Week(end - timedelta(days=length - 1), end, latest=True)
