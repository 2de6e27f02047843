"""What comments and news tell: threads, mentions, events, latest news, comments to watch.

How is a thread ordered? Oldest first, by the day and minute in each file's name
(then its id), with each reply under the comment it answers; replies go one level
deep (`check` refuses a reply to a reply), so a thread is a list of (comment, replies).

What is an event? One comment, reply or news post that someone could be told about:
who, when, on which item (or community), whose comment it replies to, whom it
mentions. A hidden statement is no event: its text must not reach an activity page,
a feed or a notification. :func:`conversation_events` is what activity pages, badges
and digests read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..model import Catalog, Comment, News
from ..patterns import linear

__all__ = [
    "COMMUNITY_NEWS_LIMIT",
    "CRITICAL_WATCH_DAYS",
    "Event",
    "Thread",
    "comments_to_watch",
    "community_news",
    "conversation_events",
    "curators",
    "home_news",
    "mentions",
    "thread",
    "visible_comment_text",
]

#: A mention: ``@handle`` not preceded by a letter, digit, ``@``, ``/`` or ``.`` (so an
#: email address or a URL path is not one). Group 2 is the handle.
_MENTION = linear(r"(^|[^A-Za-z0-9_@/.])@([a-z0-9]+(?:[._-][a-z0-9]+)*)")
_FENCE = linear(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = linear(r"`+[^`]*`+")
#: News posts a community page shows; older ones stay in the repository's history.
COMMUNITY_NEWS_LIMIT = 10
#: Days a new comment on a critical item stays on the curators' list: long enough to be
#: seen in a monthly round, short enough that the list stays a to-do list.
CRITICAL_WATCH_DAYS = 30


def mentions(body: str) -> list[tuple[str, int, int]]:
    """Every ``@handle`` in Markdown ``body``: (handle, 1-based line, column of the ``@``).

    Code (fenced blocks and inline spans) is skipped: ``@Override`` in a snippet names
    nobody.
    """
    out: list[tuple[str, int, int]] = []
    fence = ""
    for number, line in enumerate(body.split("\n"), start=1):
        opened = _FENCE.match(line)
        if opened:
            marker = opened[1]
            if not fence:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = ""
            continue
        if fence:
            continue
        plain = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _MENTION.finditer(plain):
            out.append((match[2], number, match.start(2)))
    return out


def curators(catalog: Catalog) -> set[str]:
    """Handles who may moderate any comment: the community managers, owners of curation/."""
    return {h for c in catalog.communities.values() for h in c.managers}


@dataclass(frozen=True)
class Thread:
    """A top-level comment and its replies, oldest first."""

    comment: Comment
    replies: tuple[Comment, ...] = ()


def _order(comment: Comment) -> tuple[date, str, str]:
    return (comment.date, comment.time, comment.id)


def thread(catalog: Catalog, item_id: str) -> list[Thread]:
    """The comments on an item as threads, oldest first.

    A reply whose parent is missing or is itself a reply (which `check` refuses) is
    shown at the top level rather than dropped.
    """
    comments = sorted(catalog.comments_on(item_id), key=_order)
    tops = {c.id for c in comments if c.reply_to is None}
    replies: dict[str, list[Comment]] = {}
    out: list[Comment] = []
    for comment in comments:
        if comment.reply_to in tops:
            replies.setdefault(comment.reply_to or "", []).append(comment)
        else:
            out.append(comment)
    return [Thread(c, tuple(replies.get(c.id, ()))) for c in out]


def visible_comment_text(comment: Comment | News) -> str:
    """The body a page, feed or index may show: none when a curator hid it."""
    return "" if comment.hidden else comment.body


@dataclass(frozen=True)
class Event:
    """One comment, reply or news post, as activity pages and notifications see it."""

    kind: Literal["comment", "reply", "news"]
    by: str
    date: date
    time: str  #: ``HH:MM`` UTC, empty for news
    item: str | None  #: the item commented on; None for news
    community: str | None  #: the news post's community, or the item's
    ref: str  #: the comment's or news post's id
    path: str
    reply_to: str | None = None  #: id of the comment replied to
    reply_to_by: str | None = None  #: whose comment that is
    item_author: str | None = None  #: who wrote the item commented on
    mentions: tuple[str, ...] = ()  #: handles in people.yml mentioned, in order, once each


def conversation_events(catalog: Catalog) -> list[Event]:
    """Every visible comment, reply and news post, newest first.

    Comments on items not in ``catalog`` (held back) and hidden statements are left out.
    """
    out: list[Event] = []
    for item_id, comments in catalog.comments.items():
        item = catalog.items.get(item_id)
        if item is None:
            continue
        by_id = {c.id: c for c in comments}
        for c in comments:
            if c.hidden:
                continue
            parent = by_id.get(c.reply_to or "")
            named = [h for h, _line, _col in mentions(c.body) if h in catalog.people]
            out.append(
                Event(
                    kind="reply" if parent else "comment",
                    by=c.by,
                    date=c.date,
                    time=c.time,
                    item=item_id,
                    community=item.community,
                    ref=c.id,
                    path=c.path,
                    reply_to=parent.id if parent else None,
                    reply_to_by=parent.by if parent else None,
                    item_author=item.author,
                    mentions=tuple(dict.fromkeys(named)),
                )
            )
    for n in catalog.news:
        if n.hidden:
            continue
        named = [h for h, _line, _col in mentions(n.body) if h in catalog.people]
        out.append(
            Event(
                kind="news",
                by=n.by,
                date=n.date,
                time="",
                item=None,
                community=n.community,
                ref=n.id,
                path=n.path,
                mentions=tuple(dict.fromkeys(named)),
            )
        )
    return sorted(out, key=lambda e: (e.date, e.time, e.path), reverse=True)


def community_news(catalog: Catalog, community: str) -> list[News]:
    """A community's news up to today, newest first, hidden posts included (pages show why,
    not what). A post dated after "now" is not news yet: no page or feed shows it."""
    today = catalog.today()
    return [
        n for n in catalog.news if n.community == community and (today is None or n.date <= today)
    ]


def home_news(catalog: Catalog) -> list[News]:
    """News for the home page: visible, dated up to today and within ``news_days`` of it."""
    today = catalog.today()
    if today is None:
        return []
    oldest = today - timedelta(days=catalog.policy.news_days - 1)
    return [n for n in catalog.news if not n.hidden and oldest <= n.date <= today]


def comments_to_watch(catalog: Catalog, critical: set[str]) -> list[Comment]:
    """New comments on critical items (ids in ``critical``), newest first, for curators.

    A comment on a safety or compliance item may report that it is wrong; "new" is
    within :data:`CRITICAL_WATCH_DAYS` of now.
    """
    today = catalog.today()
    if today is None:
        return []
    oldest = today - timedelta(days=CRITICAL_WATCH_DAYS - 1)
    found = [
        c
        for item_id in sorted(critical)
        for c in catalog.comments_on(item_id)
        if not c.hidden and oldest <= c.date <= today
    ]
    return sorted(found, key=_order, reverse=True)
