"""The communities index (/communities/) and one page per community (/communities/<id>/).

A community page shows what the community is (description, kind, managers, tags),
what is happening in it (latest items, unanswered problems), who is in it (listed
members) and whom to ask (its expert finder).
"""

from __future__ import annotations

from typing import Any

from ...curation.answers import is_open
from ...curation.people import experts_for_community, members_of
from ...curation.popularity import newest
from ...model import Catalog, Community
from ...sources.settings import Settings
from ..item_context import item_view
from ..links import ask_link
from .people import title_yaml

KINDS = {"communities", "community"}

LATEST_LIMIT = 10
KIND_LABELS = {
    "horizontal": "Horizontal: an end-to-end method across departments",
    "vertical": "Vertical: one job role",
}


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The index and one page per community."""
    from . import page_markdown

    out = {"communities/index.md": page_markdown("communities", "Communities", "communities")}
    for community in catalog.communities.values():
        out[f"communities/{community.id}.md"] = page_markdown(
            "community", title_yaml(community.name), "community", community.id
        )
    return out


def _ordered(catalog: Catalog) -> list[Community]:
    return sorted(catalog.communities.values(), key=lambda c: (c.name.casefold(), c.id))


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The index's or one community's ``ws_page``."""
    if kind == "communities":
        counts: dict[str, int] = {}
        for item in catalog.items.values():
            if item.community and item.type != "answer":
                counts[item.community] = counts.get(item.community, 0) + 1
        return {
            "communities": [
                (
                    c,
                    KIND_LABELS.get(c.kind, c.kind),
                    counts.get(c.id, 0),
                    len(members_of(catalog, c.id)),
                )
                for c in _ordered(catalog)
            ]
        }
    if kind == "community":
        community = catalog.communities[ref]
        mine = [i for i in catalog.items.values() if i.community == ref]
        views = lambda items: [item_view(catalog, settings, i, deep=False) for i in items]  # noqa: E731
        return {
            "community": community,
            "kind_label": KIND_LABELS.get(community.kind, community.kind),
            "managers": [(h, catalog.people.get(h)) for h in community.managers],
            "tags": sorted(
                (t for t in catalog.tags.values() if t.community == ref and not t.replaced_by),
                key=lambda t: (t.label.casefold(), t.id),
            ),
            "latest": views(newest(i for i in mine if i.type != "answer")[:LATEST_LIMIT]),
            "unanswered": views(
                newest(i for i in mine if i.type == "problem" and is_open(catalog, i))
            ),
            "members": members_of(catalog, ref),
            "experts": experts_for_community(catalog, ref),
            "ask": ask_link(settings, community=ref),
        }
    raise KeyError(kind)
