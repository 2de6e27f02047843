"""What each person could be told about: their activity, newest first.

Who gets told what? A person hears about the items they follow: a problem they
wrote or answered (saving one in the browser follows it too, see the site's
``activity.json``), and anything said about an item they wrote. Each kind of
event comes from a *provider*, a function from the catalog to :class:`Activity`
records, and :data:`PROVIDERS` lists them; comments, replies and mentions plug in
as one more provider (:func:`conversation_activity`) over the events the
comments module lists.

What is never said? A rating is told as its stars and the item's count and
average, never who gave it, as everywhere on the site. Nobody is told about what
they did themselves. Dates are days (content dates), so "newest first" orders by
day, then by time where a comment has one, then by a stable key.

Why a key? Each event gets a short, stable key (a hash, so a rating's key does
not reveal its rater's handle): the browser keeps the keys a reader has seen, so
the top-bar badge counts what is new since their last look without any server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from ..model import Catalog, Item
from .conversation import conversation_events
from .memo import per_catalog
from .people import listed

__all__ = [
    "PROVIDERS",
    "SAVED_IN_BROWSER",
    "Activity",
    "ConversationEvent",
    "activity_by_person",
    "activity_of",
    "answer_activity",
    "conversation_activity",
    "event_key",
    "followed_activity",
    "followers_of",
    "headline",
    "rating_activity",
    "review_activity",
]

Kind = Literal["answer", "rating", "review", "comment", "reply", "mention"]
#: Why the person is told: it is about their item, an item they follow, or it names them.
Reason = Literal["yours", "following", "mentioned", "replied"]
#: The most events kept per person on a page, feed and the browser's data: an activity
#: view is for what is recent; older events stay on the items' own pages.
MAX_EVENTS = 50


@dataclass(frozen=True)
class Activity:
    """One event told to one person (``to``)."""

    to: str  #: handle of the person told
    kind: Kind
    reason: Reason
    date: date
    item: str  #: the item it is about: for an answer, the problem answered
    key: str  #: stable, opaque id of the event (see :func:`event_key`)
    by: str = ""  #: who acted; empty for ratings (raters are never named)
    subject: str = ""  #: the answer's id, the comment's id, the review's verdict
    stars: int = 0  #: ratings: the stars given
    count: int = 0  #: ratings: the item's ratings up to and including this one
    average: float = 0.0  #: ratings: their mean
    note: str = ""  #: reviews: the reviewer's note
    time: str = ""  #: ``HH:MM`` (UTC) when the source has one (comments)
    anchor: str = ""  #: where on the item's page it is shown, without '#'


Provider = Callable[[Catalog], Iterable[Activity]]


def event_key(*parts: str) -> str:
    """A short stable key of an event: the same event always has the same key."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:12]


#: The follower with no name: a reader who saved the problem in their browser. Events
#: told to them are the ones the site's data offers every browser (:func:`followed_activity`).
SAVED_IN_BROWSER = ""


def followers_of(catalog: Catalog, item: Item) -> dict[str, Reason]:
    """Who follows ``item``: its author, a problem's answerers, and whoever saved a problem."""
    out: dict[str, Reason] = {}
    if item.type == "problem":
        out[SAVED_IN_BROWSER] = "following"
        for answer in catalog.answers_to(item.id):
            out.setdefault(answer.author, "following")
    out[item.author] = "yours"
    return out


def _day(catalog: Catalog, item: Item) -> date | None:
    return item.date or catalog.today()


def answer_activity(catalog: Catalog) -> Iterable[Activity]:
    """A new answer, told to its problem's author and to the problem's other answerers."""
    for answer in catalog.of_type("answer"):
        problem = catalog.items.get(answer.problem or "")
        day = _day(catalog, answer)
        if problem is None or day is None:
            continue
        key = event_key("answer", answer.id)
        for handle, reason in followers_of(catalog, problem).items():
            if handle != answer.author:
                yield Activity(
                    handle,
                    "answer",
                    reason,
                    day,
                    problem.id,
                    key,
                    by=answer.author,
                    subject=answer.id,
                    anchor=f"answer-{answer.id}",
                )


def rating_activity(catalog: Catalog) -> Iterable[Activity]:
    """Each rating of an item, told to its author as stars, count and average: no rater."""
    for item_id, ratings in catalog.ratings.items():
        item = catalog.items.get(item_id)
        if item is None:
            continue
        total = 0
        ordered = sorted(ratings, key=lambda r: (r.date, r.path))
        for n, rating in enumerate(ordered, start=1):
            total += rating.stars
            if rating.by == item.author:  # `check` refuses it; never tell it as news
                continue
            yield Activity(
                item.author,
                "rating",
                "yours",
                rating.date,
                item_id,
                event_key("rating", rating.path or f"{item_id}/{n}", str(rating.date)),
                stars=rating.stars,
                count=n,
                average=round(total / n, 1),
            )


def review_activity(catalog: Catalog) -> Iterable[Activity]:
    """Each review of an item, told to its author with the reviewer, verdict and note."""
    for item_id, reviews in catalog.reviews.items():
        item = catalog.items.get(item_id)
        if item is None:
            continue
        for review in reviews:
            if review.by == item.author:
                continue
            yield Activity(
                item.author,
                "review",
                "yours",
                review.date,
                item_id,
                event_key("review", item_id, review.by, str(review.date), review.verdict),
                by=review.by,
                subject=review.verdict,
                note=review.note,
            )


class ConversationEvent(Protocol):
    """What :func:`conversation_activity` reads of a comment or reply event.

    The comments module's ``insights.conversation.Event`` has this shape; news
    events (``kind == "news"``) are about a community, not an item, and are skipped.
    """

    @property
    def kind(self) -> str: ...
    @property
    def by(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def time(self) -> str: ...
    @property
    def item(self) -> str | None: ...
    @property
    def ref(self) -> str: ...
    @property
    def reply_to_by(self) -> str | None: ...
    @property
    def mentions(self) -> tuple[str, ...]: ...


def conversation_activity(
    catalog: Catalog, events: Iterable[ConversationEvent]
) -> Iterable[Activity]:
    """Comments, replies and mentions as activity: the hook for the comments module.

    A comment is told to the item's followers, a reply to the comment's author, a
    mention to whom it names; each person hears of one comment once, in the most
    personal way (mentioned, then replied to, then as a follower). Wire it into
    :data:`PROVIDERS` as ``lambda c: conversation_activity(c, conversation_events(c))``.
    """
    for event in events:
        item = catalog.items.get(event.item or "")
        if item is None:
            continue
        key = event_key("comment", item.id, event.ref)
        anchor = f"comment-{item.id}-{event.ref}"
        told: dict[str, tuple[Kind, Reason]] = {}
        for handle, reason in followers_of(catalog, item).items():
            told[handle] = ("comment", reason)
        if event.reply_to_by:
            told[event.reply_to_by] = ("reply", "replied")
        for handle in event.mentions:
            told[handle] = ("mention", "mentioned")
        for handle, (kind, reason) in told.items():
            if handle != event.by:
                yield Activity(
                    handle,
                    kind,
                    reason,
                    event.date,
                    item.id,
                    key,
                    by=event.by,
                    subject=event.ref,
                    time=event.time,
                    anchor=anchor,
                )


def comment_activity(catalog: Catalog) -> Iterable[Activity]:
    """Comments, replies and mentions (see :func:`conversation_activity`)."""
    return conversation_activity(catalog, conversation_events(catalog))


#: Every source of activity.
PROVIDERS: tuple[Provider, ...] = (
    answer_activity,
    rating_activity,
    review_activity,
    comment_activity,
)


def _newest_first(events: Iterable[Activity]) -> list[Activity]:
    return sorted(events, key=lambda a: (a.date, a.time, a.key), reverse=True)


@per_catalog
def activity_by_person(catalog: Catalog) -> Mapping[str, tuple[Activity, ...]]:
    """Every listed person's activity, newest first, at most :data:`MAX_EVENTS` each.

    People with ``listed: false`` have no activity page, so none is gathered for them.
    """
    out: dict[str, list[Activity]] = {}
    for provider in PROVIDERS:
        for event in provider(catalog):
            if listed(catalog, event.to) is not None:
                out.setdefault(event.to, []).append(event)
    return {h: tuple(_newest_first(events)[:MAX_EVENTS]) for h, events in sorted(out.items())}


def activity_of(catalog: Catalog, handle: str) -> tuple[Activity, ...]:
    """One person's activity, newest first (empty for an unlisted or unknown person)."""
    return activity_by_person(catalog).get(handle, ())


@per_catalog
def followed_activity(catalog: Catalog) -> Mapping[str, tuple[Activity, ...]]:
    """What a reader who saved each problem is told, by problem id, newest first.

    Saving happens in the browser, so these are the events told to
    :data:`SAVED_IN_BROWSER`; the browser picks the problems it saved.
    """
    out: dict[str, list[Activity]] = {}
    for provider in PROVIDERS:
        for event in provider(catalog):
            if event.to == SAVED_IN_BROWSER:
                out.setdefault(event.item, []).append(event)
    return {k: tuple(_newest_first(v)[:MAX_EVENTS]) for k, v in sorted(out.items())}


def _name(catalog: Catalog, handle: str) -> str:
    person = catalog.people.get(handle)
    return person.name if person else handle


_VERDICTS = {
    "approved": "approved",
    "changes-requested": "asked for changes to",
    "disputed": "disputed",
}


def headline(catalog: Catalog, event: Activity) -> str:
    """The sentence a reader reads for an event (plain text; pages escape it)."""
    item = catalog.items[event.item]
    title = f"“{item.display_title}”"
    whose = f"your {item.type} {title}" if event.reason == "yours" else title
    who = _name(catalog, event.by)
    if event.kind == "answer":
        answer = catalog.items.get(event.subject)
        named = f" ({answer.display_title})" if answer and answer.title else ""
        if event.reason == "following":
            return f"{who} answered {title}, a problem you follow{named}"
        return f"{who} answered {whose}{named}"
    if event.kind == "rating":
        plural = "s" if event.count != 1 else ""
        return (
            f"{whose[0].upper()}{whose[1:]} was rated {event.stars} of 5 stars "
            f"({event.count} rating{plural}, average {event.average:.1f})"
        )
    if event.kind == "review":
        return f"{who} {_VERDICTS.get(event.subject, event.subject)} {whose}"
    if event.kind == "reply":
        return f"{who} replied to your comment on {title}"
    if event.kind == "mention":
        return f"{who} mentioned you on {title}"
    return f"{who} commented on {whose}"
