"""What a tag page and a community page list, and so what every count of them counts.

A reader opens pages, not items: an answer has no page of its own (its URL sends
the reader to its place on its problem's page). So a tag or community page lists
the **pages a reader can open under it**: its problems, resources and collections,
plus the problem of every answer that carries the tag (or belongs to the
community) itself, since that is where the answer is read. Each page is listed
once, however many of its answers qualify.

Every figure that stands for one of these lists (the tags index, the communities
index, a tag page's own heading) is the length of the tuple returned here, so a
count can never drift from the list it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..model import Catalog, Item
from .memo import per_catalog
from .recency import newest


def page_of(catalog: Catalog, item: Item) -> Item | None:
    """The item whose page shows ``item``: an answer's problem (None if not published)."""
    if item.type != "answer":
        return item
    return catalog.items.get(item.problem or "")


def _listings(
    catalog: Catalog, keys: Callable[[Item], Iterable[str]]
) -> dict[str, tuple[Item, ...]]:
    found: dict[str, dict[str, Item]] = {}
    for item in catalog.items.values():
        page = page_of(catalog, item)
        if page is None:
            continue
        for key in keys(item):
            found.setdefault(key, {})[page.id] = page
    return {key: tuple(newest(pages.values())) for key, pages in found.items()}


@per_catalog
def _by_tag(catalog: Catalog) -> Mapping[str, tuple[Item, ...]]:
    return _listings(catalog, lambda item: item.tags)


@per_catalog
def _by_community(catalog: Catalog) -> Mapping[str, tuple[Item, ...]]:
    return _listings(catalog, lambda item: (item.community,) if item.community else ())


def tag_listing(catalog: Catalog, tag_id: str) -> tuple[Item, ...]:
    """The pages ``/tags/<tag_id>/`` lists, newest first."""
    return _by_tag(catalog).get(tag_id, ())


def community_listing(catalog: Catalog, community_id: str) -> tuple[Item, ...]:
    """The pages ``/communities/<community_id>/`` lists, newest first."""
    return _by_community(catalog).get(community_id, ())
