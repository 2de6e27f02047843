"""The knowledge-gaps page (/gaps/): what curators should get answered, approved or written."""

from __future__ import annotations

from typing import Any

from ...insights.gaps import open_problem_count, tag_gaps, unanswered_by_age, unapproved_critical
from ...model import Catalog
from ...rules.generated import section_page
from ...sources.settings import Settings
from ..item_context import item_view
from .markdown import page_markdown

KINDS = {"gaps"}
#: The oldest open problems shown with suggested experts; /unanswered/ lists them all.
UNANSWERED_LIMIT = 100


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The one gaps page."""
    return {section_page("gaps"): page_markdown("gaps", "Knowledge gaps", "gaps")}


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
    }
