"""The communities index (/communities/) and one page per community (/communities/<id>/).

A community page shows what the community is (description, kind, managers, tags),
whom to ask (its expert finder), what needs help (unanswered problems), who is in
it (listed members) and everything in it, newest first. What it lists, and so what
the index counts, is :func:`workscape.insights.listings.community_listing`.
"""

from __future__ import annotations

from typing import Any

from ...github.links import ask_link
from ...insights.answers import is_open
from ...insights.conversation import community_news
from ...insights.listings import community_listing
from ...insights.people import experts_for_community, members_of
from ...insights.recency import newest
from ...interface_language import N_, translations
from ...model import Catalog, Community
from ...rules.generated import community_page, section_page
from ...sources.settings import Settings
from ..item_context import item_view
from .markdown import own_title, page_markdown
from .people import title_yaml

KINDS = {"communities", "community"}
KIND_LABELS = {
    "horizontal": N_("Horizontal: an end-to-end method across departments"),
    "vertical": N_("Vertical: one job role"),
}


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The index and one page per community."""
    say = translations(settings.language).gettext
    out = {
        section_page("communities"): page_markdown(
            "communities", own_title(say("Communities")), "communities"
        )
    }
    for community in catalog.communities.values():
        out[community_page(community.id)] = page_markdown(
            "community", title_yaml(community.name), "community", community.id
        )
    return out


def _ordered(catalog: Catalog) -> list[Community]:
    return sorted(catalog.communities.values(), key=lambda c: (c.name.casefold(), c.id))


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The index's or one community's ``ws_page``."""
    if kind == "communities":
        return {
            "communities": [
                (
                    c,
                    KIND_LABELS.get(c.kind, c.kind),
                    len(community_listing(catalog, c.id)),
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
            "items": views(community_listing(catalog, ref)),
            "unanswered": views(
                newest(i for i in mine if i.type == "problem" and is_open(catalog, i))
            ),
            "members": members_of(catalog, ref),
            "experts": experts_for_community(catalog, ref),
            "ask": ask_link(settings, community=ref),
            "news": community_news(catalog, ref),
        }
    raise KeyError(kind)
