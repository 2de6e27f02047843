"""Links from the site back to where people act: GitHub's editor, issue forms, a form tool."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from ..interface_language import N_
from ..model import Item
from ..sources.settings import Settings

#: What every link into GitHub says before the click: readers without an account
#: should know before they land on a sign-in page.
ON_GITHUB = N_("opens GitHub, needs a GitHub account")


def form_where(url: str) -> str:
    """What a link to the organisation's form tool says: the host it opens."""
    return f"opens {urlsplit(url).hostname or 'the organisation’s form'}"


def rate_where(settings: Settings) -> str:
    """Where "Rate this" goes: the organisation's form tool if set, else GitHub."""
    return form_where(settings.rating_form_url) if settings.rating_form_url else ON_GITHUB


def branch(settings: Settings) -> str:
    """The branch edits go to, read from mkdocs.yml's ``edit_uri`` (``edit/<branch>/...``)."""
    parts = settings.edit_uri.strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"


def edit_url(settings: Settings, item: Item) -> str:
    if not settings.repo_url:
        return ""
    return f"{settings.repo_url}/edit/{branch(settings)}/{quote(item.path)}"


def review_record_url(settings: Settings, item: Item) -> str:
    """The item's review record on the forge, where a reader can see who approved it."""
    if not settings.repo_url:
        return ""
    record = f"{settings.curation_dir}/reviews/{item.id}.yml"
    return f"{settings.repo_url}/blob/{branch(settings)}/{quote(record)}"


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


def answer_form_url(settings: Settings, problem: Item) -> str:
    """The "Answer this" issue form with the problem filled in: answer from a phone, with
    photos and videos attached (.github/ISSUE_TEMPLATE/answer.yml, `workscape answers ingest`)."""
    if not settings.repo_url:
        return ""
    fields = {"template": "answer.yml", "problem": problem.id, "title": f"Answer: {problem.id}"}
    return f"{settings.repo_url}/issues/new?{urlencode(fields)}"


def rate_url(settings: Settings, item: Item) -> str:
    """The rating form for ``item``: the organisation's form tool if set, else GitHub's."""
    if settings.rating_form_url:
        return settings.rating_form_url.replace("{item}", quote(item.id))
    if not settings.repo_url:
        return ""
    query = urlencode({"template": "rate.yml", "item": item.id, "title": f"Rating: {item.id}"})
    return f"{settings.repo_url}/issues/new?{query}"


def comment_url(settings: Settings, item: Item, reply_to: str = "") -> str:
    """The "Comment on this" issue form for ``item`` (and the comment replied to, if any).

    Its intake (``workscape comments ingest``) takes the commenter from the issue's
    author, so the form asks for nothing but the words.
    """
    if not settings.repo_url:
        return ""
    fields = {"template": "comment.yml", "item": item.id, "title": f"Comment: {item.id}"}
    if reply_to:
        fields["reply_to"] = reply_to
    return f"{settings.repo_url}/issues/new?{urlencode(fields)}"


def ask_url(settings: Settings, *, tag: str = "", community: str = "") -> str:
    """Where to ask a question, with the page's tag or community filled in.

    The organisation's form tool if set (``{tag}`` and ``{community}`` replaced, empty
    when the page has none); else the repository's ask issue form, whose fields GitHub
    prefills from query parameters named by their ids (``tags``, ``community`` in
    .github/ISSUE_TEMPLATE/ask.yml).
    """
    if settings.ask_form_url:
        return settings.ask_form_url.replace("{tag}", quote(tag, safe="")).replace(
            "{community}", quote(community, safe="")
        )
    if not settings.repo_url:
        return ""
    fields = {"template": "ask.yml", "tags": tag, "community": community}
    return f"{settings.repo_url}/issues/new?{urlencode({k: v for k, v in fields.items() if v})}"


@dataclass(frozen=True)
class AskLink:
    """The "Ask a question" link and where it goes, said in the link itself."""

    url: str
    where: str  #: e.g. "opens GitHub, needs a GitHub account"


def ask_link(settings: Settings, *, tag: str = "", community: str = "") -> AskLink | None:
    """The ask link of a page, or None when the site has neither a form nor a repository."""
    url = ask_url(settings, tag=tag, community=community)
    if not url:
        return None
    if settings.ask_form_url:
        return AskLink(url, form_where(url))
    return AskLink(url, ON_GITHUB)
