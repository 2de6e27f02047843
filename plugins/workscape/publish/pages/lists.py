"""The per-type lists, the tags index and one page per tag; the answer redirects."""

from __future__ import annotations

from html import escape
from typing import Any

from ...curation.people import experts_for_tag
from ...model import Catalog, Item
from ...sources.settings import Settings
from ..item_context import item_view
from ..links import ask_link

KINDS = {"problems", "resources", "collections", "tags", "tag"}


def _page(template: str, title: str, kind: str, ref: str = "") -> str:
    from . import page_markdown

    return page_markdown(template, title, kind, ref)


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """Markdown of every generated page, by docs-relative URI."""
    pages = {
        "problems/index.md": _page("list", "Problems", "problems"),
        "resources/index.md": _page("list", "Resources", "resources"),
        "collections/index.md": _page("list", "Collections", "collections"),
        "tags/index.md": _page("tags", "Tags", "tags"),
    }
    for tag in catalog.tags.values():
        pages[f"tags/{tag.id}.md"] = _page("tag", "Tag", "tag", tag.id)
    return pages


def _newest(items: list[Item]) -> list[Item]:
    return sorted(
        items, key=lambda i: (i.date is None, -(i.date.toordinal() if i.date else 0), i.id)
    )


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Context for the template of a generated page."""
    views = lambda items: [item_view(catalog, settings, i, deep=False) for i in items]  # noqa: E731
    if kind in ("problems", "resources", "collections"):
        return {"items": views(_newest(catalog.of_type(kind[:-1])))}  # type: ignore[arg-type]
    if kind == "tags":
        counts = {t: 0 for t in catalog.tags}
        for item in catalog.items.values():
            for t in item.tags:
                counts[t] = counts.get(t, 0) + 1
        return {
            "tags": [(tag, counts[tag.id]) for tag in catalog.tags.values() if not tag.replaced_by]
        }
    if kind == "tag":
        tag = catalog.tags[ref]
        tagged = [i for i in catalog.items.values() if ref in i.tags and i.type != "answer"]
        return {
            "tag": tag,
            "smes": catalog.smes_of(ref),
            "experts": experts_for_tag(catalog, ref),
            "items": views(_newest(tagged)),
            "ask": ask_link(settings, tag=ref, community=tag.community or ""),
        }
    raise KeyError(kind)


def redirect_html(target: str, title: str) -> str:
    """A tiny page that sends an answer's own URL to its place on the problem page."""
    url = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title or 'Answer')}</title>"
        f'<link rel="canonical" href="{url}">'
        f'<meta http-equiv="refresh" content="0; url={url}">'
        "</head><body>"
        f'<p>This answer is shown on its problem\'s page: <a href="{url}">go to the answer</a>.</p>'
        "</body></html>\n"
    )
