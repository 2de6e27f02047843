"""The people directory (/people/) and one profile per listed person (/people/<handle>/).

The directory reads without JavaScript: everyone in one list, then the same people
grouped by community and by expertise under anchors the filter links jump to. A
small script (``assets/workscape-people.js``) adds a live filter on top when
JavaScript runs. People with ``listed: false`` get no page and appear nowhere here;
emails are never put into the context.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from ...insights.people import (
    contributions_of,
    expertise_of,
    helpfulness_of,
    listed,
    listed_people,
    members_of,
    people_by_expertise,
)
from ...insights.review_queue import is_reviewer, queue_for
from ...interface_language import translations
from ...model import FOLDERS, Catalog
from ...rules.generated import people_page, person_page
from ...sources.settings import Settings
from ..item_context import item_view
from .markdown import own_title, page_markdown

KINDS = {"people", "person"}
SCRIPT = "assets/workscape-people.js"
_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"


def title_yaml(text: str) -> str:
    """A name as a front-matter title: YAML-safe, and safe where Material prints it raw.

    Material prints page titles unescaped (and unescapes them in ``<title>``), so
    angle brackets become look-alike guillemets and the rest is HTML-escaped, as the
    catalog plugin's ``safe_title`` does for items; JSON quoting is valid YAML.
    """
    return json.dumps(escape(text.replace("<", "\u2039").replace(">", "\u203a")))


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The directory and a profile for each listed person (titled with their name)."""
    say = translations(settings.language).gettext
    out = {people_page(): page_markdown("people", own_title(say("People")), "people")}
    for person in listed_people(catalog):
        out[person_page(person.handle)] = page_markdown(
            "person", title_yaml(person.name), "person", person.handle
        )
    return out


def files(catalog: Catalog, settings: Settings) -> dict[str, str | bytes]:
    """The directory's optional filter script."""
    return {SCRIPT: (_ASSETS / "workscape-people.js").read_text(encoding="utf-8")}


def _card(catalog: Catalog, handle: str) -> dict[str, Any]:
    """What the directory shows of one person."""
    person = catalog.people[handle]
    mine = expertise_of(catalog, handle)
    derived = [catalog.tags[e.tag] for e in mine if e.tag in catalog.tags]
    return {
        "person": person,
        "communities": [
            catalog.communities[c] for c in person.communities if c in catalog.communities
        ],
        "sme_tags": [catalog.tags[t] for t in person.sme_for if t in catalog.tags],
        "expertise": derived,
        # what the filter matches on: declared and derived expertise alike
        "expertise_ids": sorted({*person.sme_for, *(t.id for t in derived)}),
        "help": helpfulness_of(catalog, handle),
    }


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The directory's or one profile's ``ws_page``."""
    if kind == "people":
        communities = sorted(catalog.communities.values(), key=lambda c: (c.name.casefold(), c.id))
        by_community = [(c, members_of(catalog, c.id)) for c in communities]
        return {
            "people": [_card(catalog, p.handle) for p in listed_people(catalog)],
            "by_community": [(c, members) for c, members in by_community if members],
            "by_expertise": people_by_expertise(catalog),
            "script": SCRIPT,
        }
    if kind == "person":
        person = listed(catalog, ref)
        if person is None:  # pages() makes no profile for them; never render one
            raise KeyError(f"no public profile for '{ref}'")
        found = contributions_of(catalog, ref)
        views = lambda items: [item_view(catalog, settings, i, deep=False) for i in items]  # noqa: E731
        return {
            **_card(catalog, ref),
            "expertise_detail": [
                (catalog.tags[e.tag], e)
                for e in expertise_of(catalog, ref)
                if e.tag in catalog.tags
            ],
            "contributions": [
                (kind, FOLDERS[kind], views(items)) for kind, items in found.items.items()
            ],
            "reviews": [
                (review, catalog.items[review.item])
                for review in found.reviews
                if review.item in catalog.items
            ],
            "edits": views(found.edits),
            "total": found.total,
            # None for someone who reviews nothing: no queue line on their profile
            "review_waiting": len(queue_for(catalog, ref)) if is_reviewer(catalog, ref) else None,
        }
    raise KeyError(kind)
