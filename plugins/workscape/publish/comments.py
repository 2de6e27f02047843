"""Comments and news as readers see them: Markdown rendered, sanitized, mentions linked.

A comment is contributor Markdown like any item body: the site's own Markdown
extensions render it and :func:`sanitize_html` cleans it. ``@handle`` mentions become
links to the person's profile afterwards, in the text between tags only (never inside
a link or code), so no comment can write the mention link's markup itself. A hidden
comment is not rendered at all: its body is already empty in the published catalog.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import markdown

from ..github.links import comment_url
from ..insights.conversation import thread
from ..model import Catalog, Comment, Item, News, Person
from ..patterns import linear
from ..sources.settings import Settings
from .sanitize import sanitize_html

#: Tags and the text between them in sanitized HTML (which quotes every attribute value).
_TOKEN = linear(r"(<[^>]*>)|([^<]+)")
_MENTION = linear(r"(^|[^A-Za-z0-9_@/.&;])@([a-z0-9]+(?:[._-][a-z0-9]+)*)")
#: Elements whose text never becomes a mention link.
_NO_LINKS = ("a", "code", "pre")


def link_mentions(html: str, people: Mapping[str, Person], base: str) -> str:
    """``html`` with each ``@handle`` of a listed person linked to their profile."""
    out: list[str] = []
    depth = 0
    for match in _TOKEN.finditer(html):
        tag, text = match[1], match[2]
        if tag is not None:
            name = tag[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(tag) > 2 else ""
            if name in _NO_LINKS:
                depth += -1 if tag.startswith("</") else 1
            out.append(tag)
            continue
        if depth > 0:
            out.append(text)
            continue

        def link(m: Any) -> str:
            person = people.get(m[2])
            if person is None or not person.listed:
                return str(m.group())
            return f'{m[1]}<a class="ws-mention" href="{base}/people/{person.handle}/">@{m[2]}</a>'

        out.append(_MENTION.sub(link, text))
    return "".join(out)


@dataclass(frozen=True)
class CommentView:
    """One comment for a template."""

    comment: Comment
    person: Person | None
    html: str  #: sanitized; empty when hidden
    sme: bool  #: the commenter is an SME of one of the item's tags
    hidden_by: Person | None = None
    replies: tuple[CommentView, ...] = ()
    #: The comment form with this comment to reply to; empty for replies (one level).
    reply_url: str = ""


class Renderer:
    """Turns comment and news Markdown into safe HTML with the site's Markdown extensions."""

    def __init__(
        self, extensions: list[Any], configs: Mapping[str, Any], image_hosts: Collection[str]
    ) -> None:
        self.md = markdown.Markdown(extensions=extensions, extension_configs=dict(configs))
        self.image_hosts = image_hosts

    def html(self, text: str, people: Mapping[str, Person], base: str) -> str:
        if not text.strip():
            return ""
        self.md.reset()
        clean = sanitize_html(self.md.convert(text), self.image_hosts)
        return link_mentions(clean, people, base)

    def comments(
        self, catalog: Catalog, settings: Settings, item: Item, base: str
    ) -> list[CommentView]:
        """The threads on ``item``, oldest first, replies nested."""
        smes = {p.handle for t in item.tags for p in catalog.smes_of(t)}

        def view(c: Comment, replies: tuple[CommentView, ...] = ()) -> CommentView:
            return CommentView(
                comment=c,
                person=catalog.people.get(c.by),
                html="" if c.hidden else self.html(c.body, catalog.people, base),
                sme=c.by in smes,
                hidden_by=catalog.people.get(c.hidden.by) if c.hidden else None,
                replies=replies,
                reply_url="" if c.reply_to else comment_url(settings, item, c.id),
            )

        return [
            view(t.comment, tuple(view(r) for r in t.replies)) for t in thread(catalog, item.id)
        ]

    def news(self, catalog: Catalog, posts: list[News], base: str) -> list[tuple[News, str]]:
        """Each post with its body's HTML (empty when hidden)."""
        return [(n, "" if n.hidden else self.html(n.body, catalog.people, base)) for n in posts]
