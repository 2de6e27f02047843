"""Links from the site back to where people act: GitHub's editor, issue forms, a form tool."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ..model import Item
from ..sources.settings import Settings


def branch(settings: Settings) -> str:
    """The branch edits go to, read from mkdocs.yml's ``edit_uri`` (``edit/<branch>/...``)."""
    parts = settings.edit_uri.strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"


def edit_url(settings: Settings, item: Item) -> str:
    if not settings.repo_url:
        return ""
    return f"{settings.repo_url}/edit/{branch(settings)}/{quote(item.path)}"


def answer_url(settings: Settings, problem: Item) -> str:
    """GitHub's new-file editor, prefilled with an answer to ``problem``."""
    if not settings.repo_url:
        return ""
    template = (
        f"---\nauthor: your-handle\nproblem: {problem.id}\n---\n"
        "Explain what fixed it and why, step by step.\n"
    )
    query = urlencode({"filename": f"{problem.id}-answer.md", "value": template})
    return f"{settings.repo_url}/new/{branch(settings)}/{settings.docs_dir}/answers?{query}"


def rate_url(settings: Settings, item: Item) -> str:
    """The rating form for ``item``: the organisation's form tool if set, else GitHub's."""
    if settings.rating_form_url:
        return settings.rating_form_url.replace("{item}", quote(item.id))
    if not settings.repo_url:
        return ""
    query = urlencode({"template": "rate.yml", "item": item.id, "title": f"Rating: {item.id}"})
    return f"{settings.repo_url}/issues/new?{query}"


def ask_url(settings: Settings) -> str:
    if settings.ask_form_url:
        return settings.ask_form_url
    if not settings.repo_url:
        return ""
    return f"{settings.repo_url}/issues/new?{urlencode({'template': 'ask.yml'})}"
