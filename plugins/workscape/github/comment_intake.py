"""Comments sent with the "Comment on this" issue form, and by ``workscape comment``.

Both go through :func:`decide_comment`: the commenter is a person in people.yml
(through intake, the issue's author mapped by ``github:``; never a name typed into
the form), the item is on the site, and the file that would be written passes the
same rules as `workscape check` (:func:`~workscape.rules.conversation.statement_problems`).
A refusal is an :class:`IntakeError` whose message is the reply.

An author changes or deletes their own comment the same ways: the form's "Comment to
change" names it (its id, the file name without .md, shown in its link), and a blank
comment deletes it. Nobody changes someone else's comment; curators hide it instead
(``workscape hide``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..errors import IntakeError
from ..model import Catalog, Comment, Item, Person
from ..rules.conversation import statement_problems
from ..sources.conversation import comment_name, comment_text
from ..suggest import closest
from .events import IssueEvent
from .intake import NO_RESPONSE, item_label, item_ref, parse_form
from .markdown import code, escape

#: The labels of the comment form's fields, as the issue body shows them.
COMMENT_LABELS = ("Item", "Reply to", "Comment to change", "Comment")
#: Longest comment taken: a comment is a few paragraphs; longer belongs in an answer.
MAX_COMMENT = 5000


@dataclass(frozen=True)
class CommentAction:
    """What to do with a comment file: write a new one, replace one, or delete one."""

    kind: Literal["add", "edit", "delete"]
    rel: str  #: repository-relative path of the comment file
    text: str  #: the file's new content (empty for delete)
    item: Item
    person: Person


def _shown(text: str) -> str:
    return code(text if len(text) <= 80 else text[:77] + "...")


def decide_comment(
    catalog: Catalog,
    held_back: Collection[str],
    curation_dir: str,
    person: Person | None,
    *,
    identity: str,
    item_text: str,
    body: str,
    when: datetime,
    reply_to: str = "",
    change: str = "",
) -> CommentAction:
    """Apply the comment rules; raise :class:`IntakeError` with the reply when refused.

    ``catalog`` is the published one: held-back items take no comments, as they take
    no ratings. ``change`` names the person's own comment to replace (or, with an
    empty ``body``, delete).
    """
    if person is None:
        raise IntakeError(
            f"{identity} is not linked to anyone in the people directory "
            "(curation/people.yml), so the comment was not recorded. Ask a curator to add "
            "your account to your entry there, then comment again."
        )
    ref = item_ref(item_text)
    item = catalog.items.get(ref)
    if item is None:
        names = closest(ref, catalog.items) if ref else []
        hint = f" Did you mean {' or '.join(code(n) for n in names)}?" if names else ""
        raise IntakeError(
            f"There is no item {_shown(ref or 'blank')} on the site, so the comment was not "
            f"recorded.{hint} The Comment link on an item's page fills in its id for you."
        )
    body = body.replace("\r\n", "\n").strip()
    body = "" if body == NO_RESPONSE else body
    if len(body) > MAX_COMMENT:
        raise IntakeError(
            f"The comment is {len(body):,} characters long; keep it under {MAX_COMMENT:,} "
            "(or write an answer) and send it again. The comment was not recorded."
        )
    folder = f"{curation_dir}/comments/{item.id}"
    change = change.strip().strip("`").removesuffix(".md")
    if change:
        return _change(catalog, held_back, curation_dir, person, item, change, body)
    if not body:
        raise IntakeError("The comment is empty, so nothing was recorded.")
    taken = {c.id for c in catalog.comments_on(item.id)}
    hhmm = when.strftime("%H:%M")
    n = 1
    while comment_name(when.date(), hhmm, person.handle, n) in taken:
        n += 1
    rel = f"{folder}/{comment_name(when.date(), hhmm, person.handle, n)}.md"
    text = comment_text(by=person.handle, day=when.date(), body=body, reply_to=reply_to or None)
    _refuse_problems(catalog, held_back, rel, text, curation_dir)
    return CommentAction("add", rel, text, item, person)


def _change(
    catalog: Catalog,
    held_back: Collection[str],
    curation_dir: str,
    person: Person,
    item: Item,
    change: str,
    body: str,
) -> CommentAction:
    mine: dict[str, Comment] = {c.id: c for c in catalog.comments_on(item.id)}
    old = mine.get(change)
    if old is None:
        raise IntakeError(
            f"There is no comment {_shown(change)} on **{item_label(item)}**, so nothing "
            "changed. Its id is the end of its link (after `comment-<item>-`)."
        )
    if old.by != person.handle:
        raise IntakeError(
            f"Comment {_shown(change)} is not yours, so you cannot change it; nothing "
            "changed. A curator can hide a comment that breaks the rules."
        )
    if not body:
        return CommentAction("delete", old.path, "", item, person)
    text = comment_text(by=old.by, day=old.date, body=body, reply_to=old.reply_to)
    _refuse_problems(catalog, held_back, old.path, text, curation_dir)
    return CommentAction("edit", old.path, text, item, person)


def _refuse_problems(
    catalog: Catalog, held_back: Collection[str], rel: str, text: str, curation_dir: str
) -> None:
    problems = statement_problems(catalog, held_back, rel, text, curation_dir)
    if problems:
        first = problems[0]
        hint = f" ({escape(first.hint)})" if first.hint else ""
        raise IntakeError(
            f"The comment cannot be recorded as written: {escape(first.message)}{hint}. "
            "Change it and send it again; nothing was recorded."
        )


def comment_from_issue(
    catalog: Catalog, held_back: Collection[str], curation_dir: str, event: IssueEvent
) -> CommentAction:
    """Decide on a comment sent with the issue form; the commenter is the issue's author."""
    fields = parse_form(event.body, COMMENT_LABELS)
    when = event.created_at or datetime.combine(event.created, datetime.min.time())
    return decide_comment(
        catalog,
        held_back,
        curation_dir,
        catalog.person_by_github.get(event.login.lower()),
        identity=f"Your GitHub account @{event.login}",
        item_text=fields["Item"],
        body=fields["Comment"],
        when=when,
        reply_to=fields["Reply to"].strip().strip("`"),
        change=fields["Comment to change"],
    )


def comment_reply(action: CommentAction) -> str:
    """The reply posted on the issue once the comment is recorded."""
    label = item_label(action.item)
    if action.kind == "delete":
        return f"Your comment on **{label}** is deleted (`{action.rel}`); the site drops it at the next publish."
    if action.kind == "edit":
        return f"Your comment on **{label}** is changed in `{action.rel}`; it shows after the next publish."
    return (
        f"Thank you! Your comment on **{label}** is recorded in `{action.rel}` and shows "
        "under it after the next publish. To change or delete it, send the form again "
        'with its id under "Comment to change".'
    )
