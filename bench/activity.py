"""What readers and curators do with the corpus's items: ratings, reviews and page views.

Ratings come from anyone but the author, some time after the item appeared; a share
of items gets an SME's approval (now and then a second one) once its text settled; and
each month a manager imports the views log of the items that existed by then.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import words as W
from gitstream import DAY, Event
from items import Item
from organisation import Organisation
from yamltext import day, epoch, q

REVIEW_NOTES = (
    "Matches the OEM bulletin.",
    "Checked against the current procedure.",
    "Steps verified on site.",
    "Consistent with the standard; good worked example.",
    "Reviewed with the vendor's support team.",
    "Correct; worth linking from the checklist.",
)


def fingerprint(title: str, body: str) -> str:
    """The review fingerprint, as workscape.model.content_fingerprint computes it."""
    lines = [line.rstrip() for line in f"{title}\n{body}".replace("\r\n", "\n").split("\n")]
    return "sha256:" + hashlib.sha256("\n".join(lines).strip().encode("utf-8")).hexdigest()


@dataclass
class Activity:
    """The rating, review and views files' changes, and how many ratings and reviews."""

    events: list[Event]
    ratings: int
    reviews: int


def plan_activity(
    rng: random.Random, params: dict, org: Organisation, items: list[Item], end: float
) -> Activity:
    """Ratings and reviews item by item, then a views file per month."""
    activity = _plan_ratings_and_reviews(rng, params, org, items, end)
    activity.events += _plan_views(rng, params, org, items, end)
    return activity


def _plan_ratings_and_reviews(
    r: random.Random, p: dict, org: Organisation, items: list[Item], end: float
) -> Activity:
    activity = Activity([], 0, 0)
    counts = [int(k) for k in p["rating_weights"]]
    for item in items:
        settled = item.versions[-1].t
        n = r.choices(counts, weights=list(p["rating_weights"].values()))[0]
        raters = r.sample([h for h in org.handles if h != item.author], n)
        for rater in raters:
            t = item.t + 3600 + r.expovariate(1 / (90 * DAY))
            if t >= end:
                continue
            stars = r.choices((1, 2, 3, 4, 5), weights=(4, 6, 20, 35, 35))[0]
            activity.ratings += 1
            path = f"curation/ratings/{item.id}/{rater}.yml"
            activity.events.append(
                Event(t, rater, path, _rating_renderer(stars), "rate", (item.path,))
            )
        if r.random() >= p["review_share"][item.kind]:
            continue
        reviewers = [h for tag in item.tags for h in org.smes[tag] if h != item.author]
        reviews: list[tuple[Event, str]] = []  # shared by the file's versions
        t = settled
        for n in range(1, 2 if r.random() < 0.9 else 3):
            t += r.uniform(1, 40) * DAY
            if not reviewers or t >= end:
                break
            by = r.choice(reviewers)
            path = f"curation/reviews/{item.id}.yml"
            render = _review_renderer(item, reviews, n)
            event = Event(t, by, path, render, "review", (item.path,))
            reviews.append((event, r.choice(REVIEW_NOTES)))
            activity.reviews += 1
            activity.events.append(event)
    return activity


def _rating_renderer(stars: int) -> Callable[[Event], str]:
    def render(e: Event) -> str:
        assert e.commit is not None
        return f"stars: {stars}\ndate: {day(e.commit.ts)}\n"

    return render


def _review_renderer(item: Item, reviews: list, count: int) -> Callable[[Event], str]:
    """The reviews file with its first ``count`` reviews, oldest first."""

    def render(_: Event) -> str:
        mark = fingerprint(item.title if item.kind != "answer" else "", item.body)
        return "".join(
            f"- by: {event.author}\n  date: {day(event.commit.ts)}\n"
            f"  verdict: approved\n  note: {q(note)}\n  fingerprint: {mark}\n"
            for event, note in reviews[:count]
        )

    return render


def _plan_views(
    r: random.Random, p: dict, org: Organisation, items: list[Item], end_ts: float
) -> list[Event]:
    events = []
    end = datetime.fromtimestamp(end_ts, UTC)
    popularity = {i.id: r.lognormvariate(2.5, 1.2) for i in items if i.kind != "answer"}
    importer = org.managers[W.COMMUNITIES[0][0]][1]
    for k in range(p["view_months"], 0, -1):
        y, m = divmod(end.year * 12 + end.month - 1 - k, 12)
        month = f"{y:04d}-{m + 1:02d}"
        ny, nm = divmod(y * 12 + m + 1, 12)
        month_end = epoch(f"{ny:04d}-{nm + 1:02d}-01")
        rows = []
        for item in items:
            if item.kind == "answer" or item.t >= month_end or r.random() < 0.3:
                continue
            age = (month_end - item.t) / (30 * DAY)
            views = int(popularity[item.id] * (1 + 3 / (1 + age)) * r.uniform(0.5, 1.5))
            if views:
                rows.append(f"/{item.kind}s/{item.id}/,{views}")
        text = "path,views\n" + "".join(f"{row}\n" for row in sorted(rows))
        events.append(
            Event(
                month_end + 8 * 3600 + r.uniform(0, DAY),
                importer,
                f"curation/views/{month}.csv",
                lambda _, text=text: text,
                "import",
            )
        )
    return events
