"""The knowledge-gaps page (/gaps/): what curators should get answered, approved or written."""

from __future__ import annotations

from typing import Any

from ...insights.conversation import CRITICAL_WATCH_DAYS, comments_to_watch
from ...insights.gaps import open_problem_count, tag_gaps, unanswered_by_age, unapproved_critical
from ...interface_language import translations
from ...model import Catalog
from ...rules.generated import section_page
from ...sources.settings import Settings
from ..feeds import page_path, plain_summary
from ..item_context import item_view
from .markdown import own_title, page_markdown

KINDS = {"gaps"}
#: The oldest open problems shown with suggested experts; /unanswered/ lists them all.
UNANSWERED_LIMIT = 100


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The one gaps page."""
    say = translations(settings.language).gettext
    return {section_page("gaps"): page_markdown("gaps", own_title(say("Knowledge gaps")), "gaps")}


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """Unanswered problems with suggested experts, unapproved critical items, thin tags."""
    if kind != "gaps":
        raise KeyError(kind)
    return {
        "unanswered": [
            (item_view(catalog, settings, row.item, deep=False), row)
            for row in unanswered_by_age(catalog, UNANSWERED_LIMIT)
        ],
        "unanswered_total": open_problem_count(catalog),
        "unapproved": [
            (item_view(catalog, settings, row.item, deep=False), row)
            for row in unapproved_critical(catalog)
        ],
        "tags": tag_gaps(catalog),
        "watch": _watch(catalog),
        "watch_days": CRITICAL_WATCH_DAYS,
    }


def _watch(catalog: Catalog) -> list[dict[str, Any]]:
    """New comments on critical items, newest first: a comment may say the item is wrong."""
    critical = {
        i.id
        for i in catalog.items.values()
        if any(catalog.tags[t].critical for t in i.tags if t in catalog.tags)
    }
    rows = []
    for c in comments_to_watch(catalog, critical):
        item = catalog.items[c.item]
        page = page_path(catalog, item).split("#", 1)[0]
        rows.append(
            {
                "comment": c,
                "item": item,
                "person": catalog.people.get(c.by),
                "href": f"{page}#{c.anchor}",
                "summary": plain_summary(c.body),
            }
        )
    return rows
