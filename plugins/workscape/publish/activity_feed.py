"""A person's activity as an Atom feed, with the same guarantees as the item feeds.

An entry's id is the activity page's id plus the event's key, so it never changes
and two people's feeds never share one; its date is the event's day; its author
is whoever acted, or the site for a rating (raters are never named); its summary
is plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from ..insights.activity import Activity, headline
from ..model import Catalog, Person
from ..rules.generated import activity_feed, activity_page, page_url
from ..sources.settings import Settings
from .feeds import _EPOCH, _href, _id, instant, page_path, summary


def event_path(catalog: Catalog, event: Activity) -> str:
    """Where the event is read: its item's page, at the answer or comment when it has one.

    An answer has no page of its own: a rating or review of one links to it on its
    problem's page.
    """
    path = page_path(catalog, catalog.items[event.item])
    if event.anchor:
        return path.split("#", 1)[0] + f"#{event.anchor}"
    return path


def event_summary(catalog: Catalog, event: Activity) -> str:
    """The entry's text: the answer's opening or the reviewer's note, else the headline."""
    answer = catalog.items.get(event.subject) if event.kind == "answer" else None
    if answer is not None:
        return summary(answer) or headline(catalog, event)
    return event.note or headline(catalog, event)


def person_feed(
    catalog: Catalog, settings: Settings, person: Person, events: Sequence[Activity]
) -> bytes:
    """The Atom feed of ``person``'s activity, newest first."""
    uri = activity_feed(person.handle)
    page = page_url(activity_page(person.handle))
    fg = FeedGenerator()
    fg.id(_id(settings, uri))
    fg.title(f"Activity for {person.name} · {settings.site_name}")
    fg.subtitle(f"Answers, reviews and ratings of what {person.name} wrote or follows")
    fg.author({"name": settings.site_name})
    fg.link(href=_href(settings, uri, page), rel="alternate", type="text/html")
    fg.link(href=_href(settings, uri, uri), rel="self", type="application/atom+xml")
    fg.generator("Workscape")
    for event in events:
        when = instant(event.date)
        actor = catalog.people.get(event.by)
        entry = fg.add_entry(order="append")
        entry.id(_id(settings, f"{page}#{event.key}"))
        entry.title(headline(catalog, event))
        entry.link(href=_href(settings, uri, event_path(catalog, event)), rel="alternate")
        entry.author({"name": actor.name if actor else settings.site_name})
        entry.published(when)
        entry.updated(when)
        entry.summary(event_summary(catalog, event))
    fg.updated(instant(events[0].date) if events else (catalog.now or _EPOCH))
    return bytes(fg.atom_str(pretty=True))
