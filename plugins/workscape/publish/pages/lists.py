"""The per-type lists, the tags index and one page per tag; the answer and tag redirects.

What a tag page lists, and so what the tags index counts, is decided in one place:
:func:`workscape.insights.listings.tag_listing`. A deprecated tag has no page of its
own: its URL redirects to the end of its replacement chain, as items' tags do.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ...github.links import ask_link
from ...insights.listings import tag_listing
from ...insights.people import experts_for_tag
from ...insights.recency import newest
from ...interface_language import translations
from ...model import Catalog, Tag
from ...rules.generated import list_page, section_page, tag_page
from ...rules.taxonomy import replacement_chain
from ...sources.settings import Settings
from ..item_context import item_view
from ..sanitize import REFERRER_POLICY
from .markdown import own_title, page_markdown
from .people import title_yaml

KINDS = {"problems", "resources", "collections", "tags", "tag"}


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """Markdown of every generated page, by docs-relative URI."""
    say = translations(settings.language).gettext
    pages = {
        list_page("problems"): page_markdown("list", own_title(say("Problems")), "problems"),
        list_page("resources"): page_markdown("list", own_title(say("Resources")), "resources"),
        list_page("collections"): page_markdown(
            "list", own_title(say("Collections")), "collections"
        ),
        section_page("tags"): page_markdown("tags", own_title(say("Tags")), "tags"),
    }
    redirected = _replacements(catalog)
    for tag in catalog.tags.values():
        if tag.id not in redirected:
            # Titled with the label: the browser tab and history say which tag it is.
            pages[tag_page(tag.id)] = page_markdown("tag", title_yaml(tag.label), "tag", tag.id)
    return pages


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """A redirect at each deprecated tag's URL, to the tag that replaces it now."""
    out: dict[str, str | bytes] = {}
    for old_id, new in _replacements(catalog).items():
        label = catalog.tags[old_id].label
        out[f"tags/{old_id}/index.html"] = redirect_html(
            f"../{new.id}/",
            label,
            f"The tag {label} was replaced by {new.label}",
            f"go to {new.label}",
        )
    return out


def _replacements(catalog: Catalog) -> dict[str, Tag]:
    """Each deprecated tag's current replacement (a chain followed to its end).

    A chain that ends in a circle or at an unknown tag has no end to send readers to;
    the check reports it, and the tag keeps its own page.
    """
    out = {}
    for tag in catalog.tags.values():
        end = replacement_chain(tag, catalog.tags)[-1]
        if end is not tag and not end.replaced_by:
            out[tag.id] = end
    return out


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Context for the template of a generated page."""
    views = lambda items: [item_view(catalog, settings, i, deep=False) for i in items]  # noqa: E731
    if kind in ("problems", "resources", "collections"):
        return {"items": views(newest(catalog.of_type(kind[:-1])))}  # type: ignore[arg-type]  # kind[:-1] is an ItemType: the kinds above, less their "s"
    if kind == "tags":
        return {
            "tags": [
                (tag, len(tag_listing(catalog, tag.id)))
                for tag in catalog.tags.values()
                if not tag.replaced_by
            ]
        }
    if kind == "tag":
        return {
            "tag": catalog.tags[ref],
            "smes": catalog.smes_of(ref),
            "experts": experts_for_tag(catalog, ref),
            "items": views(tag_listing(catalog, ref)),
            "ask": ask_link(settings, tag=ref, community=catalog.tags[ref].community or ""),
        }
    raise KeyError(kind)


def redirect_html(
    target: str,
    title: str,
    reason: str = "This answer is shown on its problem's page",
    link: str = "go to the answer",
) -> str:
    """A tiny page that sends a URL on (an answer's to its place on the problem page)."""
    url = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"{REFERRER_POLICY}<title>{escape(title)}</title>"
        f'<link rel="canonical" href="{url}">'
        f'<meta http-equiv="refresh" content="0; url={url}">'
        "</head><body>"
        f'<p>{escape(reason, quote=False)}: <a href="{url}">{escape(link, quote=False)}</a>.</p>'
        "</body></html>\n"
    )
