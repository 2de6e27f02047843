"""Atom feeds (RFC 4287) for the whole site, each tag and each community, with feedgen.

What makes these feeds safe to subscribe to and reproducible:

- **ids never change**: an entry's id is the absolute URL of its page (from
  ``site_url``), or without a ``site_url`` a name-based UUID of the site name
  and the page path; a feed's id is its own URL the same way. Neither depends
  on the build.
- **dates come from the content**: an entry's ``published`` is the item's date
  and ``updated`` its last change, both at 00:00 UTC (items carry days, not
  times); a feed's ``updated`` is its newest entry's, or ``catalog.now`` for an
  empty feed. Never the wall clock.
- **names, never emails**: authors are people.yml names (the site's name at
  feed level); an item's contributors from git are not shown at all.
- summaries are plain text (``type="text"``): contributor Markdown is never
  interpreted as HTML in a feed reader.
"""

from __future__ import annotations

import posixpath
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from ..insights.recency import newest
from ..insights.review_queue import Waiting
from ..model import Catalog, Item, Person
from ..patterns import linear
from ..rules.generated import SITE_FEED, community_feed, tag_feed
from ..rules.generated import review_feed as review_feed_uri
from ..sources.settings import Settings

#: The newest entries a feed carries; readers keep what they already fetched.
MAX_ENTRIES = 50
SUMMARY_CHARS = 280
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# What a summary drops from Markdown: link targets, tags, emphasis and heading marks (RE2:
# linear in the text, see workscape.patterns).
_MARKUP = linear(r"\]\([^)]*(?:\)|$)|<[^>]*>|[#*_`>\[\]]")


def instant(day: date) -> datetime:
    """A content date as the RFC 3339 instant it stands for: 00:00 UTC that day."""
    return datetime.combine(day, time(), UTC)


def page_path(catalog: Catalog, item: Item) -> str:
    """Where an item is read: its page, or for an answer its place on its problem's page."""
    problem = catalog.items.get(item.problem or "")
    if item.type == "answer" and problem is not None:
        return f"{problem.url_path}#answer-{item.id}"
    return item.url_path


def _href(settings: Settings, feed_uri: str, path: str) -> str:
    """An absolute URL when the site has a ``site_url``, else a link relative to the feed."""
    if settings.site_url:
        return settings.site_url.rstrip("/") + "/" + path
    fragment = ""
    if "#" in path:
        path, fragment = path.split("#", 1)
        fragment = "#" + fragment
    relative = posixpath.relpath(path or ".", posixpath.dirname(feed_uri) or ".")
    return (relative + "/" if path.endswith("/") and relative != "." else relative) + fragment


def _id(settings: Settings, path: str) -> str:
    if settings.site_url:
        return settings.site_url.rstrip("/") + "/" + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"workscape:{settings.site_name}:{path}").urn


def summary(item: Item) -> str:
    """The description, else the body's first words with Markdown punctuation removed."""
    if item.description:
        return item.description
    # Only the opening is ever shown; cleaning the whole of a long body would be wasted.
    text = " ".join(_MARKUP.sub(" ", item.body[: SUMMARY_CHARS * 4]).split())
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _entry_dates(catalog: Catalog, item: Item) -> tuple[datetime, datetime]:
    fallback = catalog.now or _EPOCH
    published = instant(item.date) if item.date else fallback
    updated = instant(item.updated) if item.updated else published
    return published, max(published, updated)


def build_feed(
    catalog: Catalog,
    settings: Settings,
    *,
    uri: str,
    page: str,
    title: str,
    subtitle: str,
    items: Iterable[Item],
) -> bytes:
    """One Atom feed at site-relative ``uri`` about the HTML page at ``page``."""
    fg = FeedGenerator()
    fg.id(_id(settings, uri))
    fg.title(title)
    fg.subtitle(subtitle or title)
    fg.author({"name": settings.site_name})
    fg.link(href=_href(settings, uri, page), rel="alternate", type="text/html")
    fg.link(href=_href(settings, uri, uri), rel="self", type="application/atom+xml")
    fg.generator("Workscape")  # no version: upgrading a library must not change the feed
    latest = catalog.now or _EPOCH
    entries = newest(items)[:MAX_ENTRIES]
    for item in entries:
        published, updated = _entry_dates(catalog, item)
        author = catalog.people.get(item.author)
        path = page_path(catalog, item)
        entry = fg.add_entry(order="append")
        entry.id(_id(settings, path))
        entry.title(item.display_title)
        # feedgen 1.0 writes an entry link's href only; a link without rel is "alternate"
        # (RFC 4287 4.2.7.2), which is what this is.
        entry.link(href=_href(settings, uri, path), rel="alternate", type="text/html")
        entry.author({"name": author.name if author else item.author})
        entry.published(published)
        entry.updated(updated)
        entry.summary(summary(item) or item.display_title)
        for tag_id in item.tags:
            tag = catalog.tags.get(tag_id)
            if tag is not None:
                entry.category(term=tag.id, label=tag.label)
    if entries:
        latest = max(_entry_dates(catalog, i)[1] for i in entries)
    fg.updated(latest)
    return bytes(fg.atom_str(pretty=True))


def feeds(catalog: Catalog, settings: Settings) -> dict[str, bytes]:
    """Every feed by site-relative URI: ``feed.xml``, ``tags/<id>/feed.xml``, ``communities/<id>/feed.xml``."""
    # One sort and one pass for every feed's entries, not one scan of the catalog per tag.
    ordered = newest(catalog.items.values())
    by_tag: dict[str, list[Item]] = {t: [] for t in catalog.tags}
    by_community: dict[str, list[Item]] = {c: [] for c in catalog.communities}
    for item in ordered:
        for tag_id in item.tags:
            if len(by_tag.get(tag_id, ())) < MAX_ENTRIES:
                by_tag.setdefault(tag_id, []).append(item)
        if item.community and len(by_community.get(item.community, ())) < MAX_ENTRIES:
            by_community.setdefault(item.community, []).append(item)
    out = {
        SITE_FEED: build_feed(
            catalog,
            settings,
            uri=SITE_FEED,
            page="",
            title=settings.site_name,
            subtitle=f"New problems, answers and resources on {settings.site_name}",
            items=ordered[:MAX_ENTRIES],
        )
    }
    for tag in catalog.tags.values():
        out[tag_feed(tag.id)] = build_feed(
            catalog,
            settings,
            uri=tag_feed(tag.id),
            page=f"tags/{tag.id}/",
            title=f"{tag.label} · {settings.site_name}",
            subtitle=tag.description,
            items=by_tag[tag.id],
        )
    for community in catalog.communities.values():
        out[community_feed(community.id)] = build_feed(
            catalog,
            settings,
            uri=community_feed(community.id),
            page=f"communities/{community.id}/",
            title=f"{community.name} · {settings.site_name}",
            subtitle=community.description,
            items=by_community[community.id],
        )
    return out


def review_feed(
    catalog: Catalog, settings: Settings, person: Person, queue: Iterable[Waiting]
) -> bytes:
    """What waits for ``person``'s review, as an Atom feed (most-read first, up to MAX_ENTRIES).

    An entry stands for an item *and* the reason it waits: its id names the state and
    the day it started waiting, so an item that comes back (approved, then changed) is a
    new entry in the reader, while one still waiting for the same reason stays read.
    Its ``updated`` is that day; the summary says why in words.
    """
    uri = review_feed_uri(person.handle)
    page = f"review/#sme-{person.handle}"
    fg = FeedGenerator()
    fg.id(_id(settings, uri))
    fg.title(f"Waiting for review by {person.name} · {settings.site_name}")
    fg.subtitle(f"Items {person.name} may review that need an expert, most-read first")
    fg.author({"name": settings.site_name})
    fg.link(href=_href(settings, uri, page), rel="alternate", type="text/html")
    fg.link(href=_href(settings, uri, uri), rel="self", type="application/atom+xml")
    fg.generator("Workscape")
    latest = catalog.now or _EPOCH
    entries = list(queue)[:MAX_ENTRIES]
    stamps = []
    for row in entries:
        item = row.item
        since = instant(row.since) if row.since else (catalog.now or _EPOCH)
        stamps.append(since)
        author = catalog.people.get(item.author)
        path = page_path(catalog, item)
        entry = fg.add_entry(order="append")
        entry.id(_id(settings, f"{uri}#{item.id}/{row.state}/{row.since or ''}"))
        entry.title(f"Review: {item.display_title}")
        entry.link(href=_href(settings, uri, path), rel="alternate", type="text/html")
        entry.author({"name": author.name if author else item.author})
        entry.published(since)
        entry.updated(since)
        views = f"{row.views} view{'' if row.views == 1 else 's'}"
        entry.summary(f"{row.why[0].upper()}{row.why[1:]}. {views}.")
        for tag_id in item.tags:
            tag = catalog.tags.get(tag_id)
            if tag is not None:
                entry.category(term=tag.id, label=tag.label)
    if stamps:
        latest = max(stamps)
    fg.updated(latest)
    return bytes(fg.atom_str(pretty=True))
