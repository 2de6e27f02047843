"""/help/: how the site works, for employees who have never used git.

Finding, asking, answering, rating, editing; what each review state means and who
reviews (``#review`` tells SMEs how); what curators do. The page names the places the
site's own links go (GitHub, or the organisation's forms when mkdocs.yml sets
``rating_form_url`` or ``ask_form_url``), so what it says matches what the buttons do.
Every outbound action links here, to its own anchor.
"""

from __future__ import annotations

from typing import Any

from ...github.links import ON_GITHUB, form_where
from ...interface_language import translations
from ...model import REVIEW_STATES, Catalog
from ...rules.generated import section_page
from ...rules.reviews import STATE_LABELS, state_meaning
from ...sources.settings import Settings
from .markdown import own_title, page_markdown

KINDS = {"help"}


def pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    say = translations(settings.language).gettext
    return {
        section_page("help"): page_markdown("help", own_title(say("How this site works")), "help")
    }


def context(catalog: Catalog, settings: Settings, kind: str, ref: str) -> dict[str, Any]:
    """The words that depend on this site: where rating and asking go, the review policy."""
    if kind != "help":
        raise KeyError(kind)
    days = catalog.policy.review_max_age_days
    say = translations(settings.language).gettext
    return {
        "states": [(s, say(STATE_LABELS[s]), state_meaning(s, days, say)) for s in REVIEW_STATES],
        "max_age_days": days,
        "holds_back_critical": not catalog.policy.publish_unapproved_critical,
        "rate_where": form_where(settings.rating_form_url) if settings.rating_form_url else "",
        "ask_where": form_where(settings.ask_form_url) if settings.ask_form_url else "",
        "on_github": ON_GITHUB,
        "has_repo": bool(settings.repo_url),
    }
