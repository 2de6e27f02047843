"""The comment a merged pull request gets: a mention of each person whose problem it answers.

Who is mentioned? The author of each problem the pull request answers (an answer
file it adds) or comments on (a comment file it adds under
``<curation>/comments/<item>/``), when they have a ``github`` login in people.yml.
Nobody is mentioned twice, for their own answer or comment, for a pull request
they opened themselves, or when they said ``notify: false``.

Why a mention? GitHub notifies whoever a comment mentions, by their settings (web,
email, mobile): the one notification channel the organisation already has, with
no server of ours. Titles are contributor text and go through
:func:`workscape.github.markdown.escape`, so a title cannot mention anyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import FOLDERS, Catalog, Item, Person
from ..sources.git_changes import Change
from ..sources.settings import Settings
from .markdown import escape

__all__ = ["Mention", "mentions", "notify_comment"]


@dataclass(frozen=True)
class Mention:
    """One person to mention, with what the pull request brought them."""

    person: Person
    login: str
    #: (their item, what was added to it: "answer" or "comment", the answer if any)
    news: tuple[tuple[Item, str, Item | None], ...]


def _commented_item(path: str, settings: Settings) -> str | None:
    """The item a comment file is on: ``<curation>/comments/<item>/<file>.md``."""
    prefix = f"{settings.curation_dir}/comments/"
    if not path.startswith(prefix) or not path.endswith(".md"):
        return None
    parts = path[len(prefix) :].split("/")
    return parts[0] if len(parts) == 2 else None


def _comment_author(path: str) -> str:
    """The handle a comment file names: ``<YYYYMMDD-HHMM>-<handle>.md``."""
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    return stem.split("-", 2)[2] if stem.count("-") >= 2 else ""


def mentions(
    catalog: Catalog, settings: Settings, changes: Sequence[Change], opener: str | None = None
) -> list[Mention]:
    """Whom the pull request's ``changes`` concern, in login order."""
    answers = f"{settings.docs_dir}/{FOLDERS['answer']}/"
    by_path = {item.path: item for item in catalog.items.values()}
    found: dict[str, list[tuple[Item, str, Item | None]]] = {}
    for change in changes:
        if change.kind not in ("added", "renamed"):
            continue
        if change.path.startswith(answers):
            answer = by_path.get(change.path)
            problem = catalog.items.get(answer.problem or "") if answer else None
            if answer is None or problem is None or problem.author == answer.author:
                continue
            found.setdefault(problem.author, []).append((problem, "answer", answer))
            continue
        item = catalog.items.get(_commented_item(change.path, settings) or "")
        if item is not None and item.author != _comment_author(change.path):
            found.setdefault(item.author, []).append((item, "comment", None))
    out = []
    for handle, news in found.items():
        person = catalog.people.get(handle)
        if person is None or not person.github or not person.notify:
            continue
        if opener and person.github.casefold() == opener.casefold():
            continue
        unique = tuple(dict.fromkeys(news))
        out.append(Mention(person, person.github, unique))
    return sorted(out, key=lambda m: m.login.casefold())


def _link(item: Item, settings: Settings, anchor: str = "") -> str:
    title = f"**{escape(item.display_title)}**"
    if settings.site_url:
        return f"[{title}]({settings.site_url.rstrip('/')}/{item.url_path}{anchor})"
    return title


def notify_comment(mentioned: Sequence[Mention], settings: Settings) -> str:
    """The Markdown comment, or ``""`` when nobody is to be mentioned."""
    if not mentioned:
        return ""
    lines = [
        "When this is published, it brings news to people who follow these problems:",
        "",
    ]
    for mention in mentioned:
        said = []
        for item, what, answer in mention.news:
            if what == "answer" and answer is not None:
                anchor = f"#answer-{answer.id}"
                said.append(
                    f"a new answer to your {item.type} {_link(item, settings, anchor)}"
                    f" ({escape(answer.display_title)})"
                )
            else:
                said.append(f"a new comment on your {item.type} {_link(item, settings)}")
        lines.append(f"- @{mention.login}: {'; '.join(said)}")
    lines += [
        "",
        "<sub>Sent once when the pull request is merged. To stop these mentions, set "
        "`notify: false` on your entry in people.yml.</sub>",
    ]
    return "\n".join(lines) + "\n"
