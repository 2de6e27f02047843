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

import functools
import posixpath
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from ..insights.conversation import community_news, thread
from ..insights.recency import newest
from ..insights.review_queue import Waiting
from ..model import Catalog, Comment, Item, News, Person
from ..patterns import linear
from ..rules.generated import SITE_FEED, commented_pages, comments_feed, community_feed, tag_feed
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
    relative = _relpath(path or ".", posixpath.dirname(feed_uri) or ".")
    return (relative + "/" if path.endswith("/") and relative != "." else relative) + fragment


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its ``abspath``.

    relpath makes both absolute first (a ``getcwd`` call each time); with two relative
    paths the working folder is a common prefix that cancels out, so the answer is the
    same. Measured: relpath was a third of the feeds' time on a 1,000-item site.
    """
    to = [p for p in posixpath.normpath(path).split("/") if p and p != "."]
    base = [p for p in posixpath.normpath(start).split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _id(settings: Settings, path: str) -> str:
    if settings.site_url:
        return settings.site_url.rstrip("/") + "/" + path
    return _urn(f"workscape:{settings.site_name}:{path}")


@functools.lru_cache(maxsize=65536)
def _urn(name: str) -> str:
    # An item is an entry of the site's, its tags' and its community's feeds: hash it once.
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def summary(item: Item) -> str:
    """The description, else the body's first words with Markdown punctuation removed."""
    if item.description:
        return item.description
    return plain_summary(item.body)


@functools.lru_cache(maxsize=16384)  # an item is an entry of several feeds: clean it once
def plain_summary(body: str) -> str:
    """The first words of Markdown ``body`` as plain text, punctuation of markup removed."""
    # Only the opening is ever shown; cleaning the whole of a long body would be wasted.
    text = " ".join(_MARKUP.sub(" ", body[: SUMMARY_CHARS * 4]).split())
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
    news: Iterable[News] = (),
) -> bytes:
    """One Atom feed at site-relative ``uri`` about the HTML page at ``page``.

    A community's feed carries its news posts too (before the items; readers sort by
    date); a hidden post is left out (its text is gone, and an entry cannot say why).
    """
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
    posts = [n for n in news if not n.hidden][:MAX_ENTRIES]
    for post in posts:
        entry = fg.add_entry(order="append")
        path = f"{page}#{post.anchor}"
        entry.id(_id(settings, path))
        entry.title(post.title)
        entry.link(href=_href(settings, uri, path), rel="alternate", type="text/html")
        author = catalog.people.get(post.by)
        entry.author({"name": author.name if author else post.by})
        entry.published(instant(post.date))
        entry.updated(instant(post.date))
        entry.summary(plain_summary(post.body) or post.title)
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
    if entries or posts:
        latest = max(
            [_entry_dates(catalog, i)[1] for i in entries] + [instant(n.date) for n in posts]
        )
    fg.updated(latest)
    return bytes(fg.atom_str(pretty=True))


def comment_feed(catalog: Catalog, settings: Settings, item: Item) -> bytes:
    """The feed of the comments on ``item``'s page (its answers' too), newest first.

    Hidden comments are left out; an entry's time is the minute in its file name.
    """
    uri = comments_feed(item)
    fg = FeedGenerator()
    fg.id(_id(settings, uri))
    fg.title(f"Comments on {item.display_title} · {settings.site_name}")
    fg.subtitle(f"Comments on {item.display_title}")
    fg.author({"name": settings.site_name})
    fg.link(href=_href(settings, uri, item.url_path), rel="alternate", type="text/html")
    fg.link(href=_href(settings, uri, uri), rel="self", type="application/atom+xml")
    fg.generator("Workscape")
    said: list[tuple[Item, Comment]] = []
    for on in [item, *catalog.answers_to(item.id)]:
        for t in thread(catalog, on.id):
            said += [(on, c) for c in (t.comment, *t.replies) if not c.hidden]
    said.sort(key=lambda pair: (pair[1].date, pair[1].time, pair[1].path), reverse=True)
    latest = catalog.now or _EPOCH
    for on, comment in said[:MAX_ENTRIES]:
        when = _comment_instant(comment)
        person = catalog.people.get(comment.by)
        name = person.name if person else comment.by
        path = f"{item.url_path}#{comment.anchor}"
        entry = fg.add_entry(order="append")
        entry.id(_id(settings, path))
        what = "Reply" if comment.reply_to else "Comment"
        entry.title(f"{what} by {name} on {on.display_title}")
        entry.link(href=_href(settings, uri, path), rel="alternate", type="text/html")
        entry.author({"name": name})
        entry.published(when)
        entry.updated(when)
        entry.summary(plain_summary(comment.body) or what)
    if said:
        latest = _comment_instant(said[0][1])
    fg.updated(latest)
    return bytes(fg.atom_str(pretty=True))


def _comment_instant(comment: Comment) -> datetime:
    hh, _, mm = comment.time.partition(":")
    return datetime.combine(comment.date, time(int(hh or 0), int(mm or 0)), UTC)


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
            news=community_news(catalog, community.id),
        )
    for item in commented_pages(catalog):
        out[comments_feed(item)] = comment_feed(catalog, settings, item)
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
