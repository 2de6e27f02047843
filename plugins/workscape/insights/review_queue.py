"""The review queue: what needs an expert, per SME and per tag, most-read first.

An item waits for review when its review state (:func:`workscape.rules.reviews.review_status`)
asks for an expert:

- ``community``: never reviewed;
- ``changed-since-review``: approved, then changed;
- ``review-expired``: approved longer ago than the policy's ``review_max_age_days``;
- ``changes-requested``: a reviewer asked for changes (once made, it needs a new look);
- ``disputed``: a reviewer disputed it, which only another review settles.

An item under a critical tag without a current approval always waits (it is in one of
those states) and is marked ``critical``. Only the types whose review state the site
reports wait (problems, answers, resources, as on /health/); collections are paths, not
claims. An item waits for everyone who may review it: the SMEs of its tags and the
managers of its community, never its author (see :func:`~workscape.rules.reviews.reviewer_problem`).

Rows are ordered most-read first (all-time views), then critical first, then by id, so
an expert's time goes where most readers are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..interface_language import N_
from ..model import Catalog, Item, Person, ReviewState, Tag
from ..rules.reviews import ReviewStatus, review_status, reviewer_problem
from .health import REVIEWED_TYPES
from .memo import per_catalog
from .people import listed
from .popularity import views_by_item

#: The states that put an item in the queue, in the order the page summarises them.
WAITING_STATES: tuple[ReviewState, ...] = (
    "community",
    "changed-since-review",
    "review-expired",
    "changes-requested",
    "disputed",
)
#: What each waiting state means, for a heading or a summary line.
STATE_WORDS: Mapping[ReviewState, str] = {
    "community": N_("Not yet reviewed"),
    "changed-since-review": N_("Changed since review"),
    "review-expired": N_("Review expired"),
    "changes-requested": N_("Changes requested"),
    "disputed": N_("Disputed"),
}


@dataclass(frozen=True)
class Waiting:
    """One item in the queue, with why it is there in words."""

    item: Item
    status: ReviewStatus
    critical: tuple[Tag, ...]  #: its critical tags (an item here has no current approval)
    views: int  #: all-time views
    reviewers: tuple[str, ...]  #: handles who may review it, by handle
    why: str  #: e.g. "changed since Ana Ruiz approved it on 3 March 2026"
    since: date | None  #: when it started waiting, when known
    #: The reviewer's name and the review's day behind ``why`` (none when never reviewed),
    #: so a page can say it in its own language (:func:`why_words`).
    reviewed_by: str = ""
    reviewed_on: date | None = None

    @property
    def state(self) -> ReviewState:
        return self.status.state


def long_date(day: date) -> str:
    """``3 March 2026``: unambiguous wherever the reader lives."""
    return f"{day.day} {day:%B %Y}"


def _name(catalog: Catalog, handle: str) -> str:
    person = catalog.people.get(handle)
    return person.name if person else handle


#: Why an item waits, by state: messages of the interface catalogue (``why_words``).
WHY: Mapping[ReviewState, str] = {
    "community": N_("not yet reviewed by an expert"),
    "changed-since-review": N_("changed since %(who)s approved it on %(when)s"),
    "review-expired": N_("%(who)s approved it on %(when)s; approvals expire after %(days)s days"),
    "changes-requested": N_("%(who)s asked for changes on %(when)s"),
    "disputed": N_("%(who)s disputed it on %(when)s"),
}
CRITICAL_WHY = N_("; critical (%(labels)s): readers should not rely on it until approved")


def why_words(
    waiting: Waiting,
    days: int,
    say: Callable[[str], str] = str,
    day_words: Callable[[date], str] | None = None,
) -> str:
    """Why ``waiting`` waits, in ``say``'s language with days as ``day_words`` writes them.

    With the defaults it is ``waiting.why``, English, as the CLI and the feeds say it.
    """
    day = waiting.reviewed_on
    values = {
        "who": waiting.reviewed_by,
        "when": (day_words or long_date)(day) if day else "",
        "days": days,
    }
    state = waiting.state if waiting.reviewed_on else "community"
    words = say(WHY[state]) % values
    if waiting.critical:
        words += say(CRITICAL_WHY) % {"labels": ", ".join(t.label for t in waiting.critical)}
    return words


def _why(catalog: Catalog, item: Item, status: ReviewStatus) -> tuple[str, date | None]:
    """Why the item waits, and since when."""
    review = status.review
    if review is None:
        return WHY["community"], item.date
    values = {
        "who": _name(catalog, review.by),
        "when": long_date(review.date),
        "days": catalog.policy.review_max_age_days,
    }
    why = WHY[status.state] % values
    if status.state == "changed-since-review":
        return why, item.updated or review.date
    if status.state == "review-expired":
        return why, review.date + timedelta(days=catalog.policy.review_max_age_days)
    return why, review.date


@per_catalog
def _smes_by_tag(catalog: Catalog) -> Mapping[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for person in catalog.people.values():
        for tag in person.sme_for:
            out.setdefault(tag, set()).add(person.handle)
    return {t: frozenset(h) for t, h in out.items()}


def _reviewers(catalog: Catalog, item: Item) -> tuple[str, ...]:
    smes = _smes_by_tag(catalog)
    candidates = {h for t in item.tags for h in smes.get(t, ())}
    community = catalog.communities.get(item.community or "")
    if community is not None:
        candidates.update(community.managers)
    return tuple(sorted(h for h in candidates if reviewer_problem(catalog, item, h) is None))


@per_catalog
def review_queue(catalog: Catalog) -> tuple[Waiting, ...]:
    """Every item waiting for an expert, most-read first (then critical first, then id)."""
    views = views_by_item(catalog)
    out = []
    for item in catalog.items.values():
        if item.type not in REVIEWED_TYPES:
            continue
        status = review_status(catalog, item)
        if status.state not in WAITING_STATES:
            continue
        critical = tuple(
            catalog.tags[t] for t in item.tags if t in catalog.tags and catalog.tags[t].critical
        )
        why, since = _why(catalog, item, status)
        if critical:
            why += CRITICAL_WHY % {"labels": ", ".join(t.label for t in critical)}
        out.append(
            Waiting(
                item=item,
                status=status,
                critical=critical,
                views=views.get(item.id, 0),
                reviewers=_reviewers(catalog, item),
                why=why,
                since=since,
                reviewed_by=_name(catalog, status.review.by) if status.review else "",
                reviewed_on=status.review.date if status.review else None,
            )
        )
    out.sort(key=lambda w: (-w.views, not w.critical, w.item.id))
    return tuple(out)


def queue_for(catalog: Catalog, handle: str) -> list[Waiting]:
    """What waits for ``handle``'s review (items they may review), most-read first."""
    return list(_queues_by_reviewer(catalog).get(handle, ()))


@per_catalog
def _queues_by_reviewer(catalog: Catalog) -> Mapping[str, list[Waiting]]:
    # Every reviewer's feed and profile asks; one pass keeps that linear in the queue.
    out: dict[str, list[Waiting]] = {}
    for waiting in review_queue(catalog):
        for handle in dict.fromkeys(waiting.reviewers):
            out.setdefault(handle, []).append(waiting)
    return out


def queue_for_tag(catalog: Catalog, tag_id: str) -> list[Waiting]:
    """What waits for review under one tag, most-read first."""
    return [w for w in review_queue(catalog) if tag_id in w.item.tags]


def reviewers(catalog: Catalog) -> list[Person]:
    """Everyone who may review something: SMEs of a tag and community managers, by name.

    People with ``listed: false`` are left out: the site names nobody who opted out
    (their queue is still in the terminal, ``workscape review --queue HANDLE``).
    """
    handles = {p.handle for p in catalog.people.values() if p.sme_for}
    handles.update(h for c in catalog.communities.values() for h in c.managers)
    people = [p for p in (listed(catalog, h) for h in handles) if p is not None]
    return sorted(people, key=lambda p: (p.name.casefold(), p.handle))


def is_reviewer(catalog: Catalog, handle: str) -> bool:
    """True for an SME of some tag or a manager of some community."""
    person = catalog.people.get(handle)
    if person is None:
        return False
    return bool(person.sme_for) or any(handle in c.managers for c in catalog.communities.values())


def state_counts(rows: list[Waiting] | tuple[Waiting, ...]) -> dict[ReviewState, int]:
    """Rows per waiting state, every state present, in :data:`WAITING_STATES` order."""
    out: dict[ReviewState, int] = {s: 0 for s in WAITING_STATES}
    for row in rows:
        out[row.state] += 1
    return out
