"""`workscape comment | comments ingest | news | hide`: comments, community news, moderation.

Each writes one file under curation/ (never over another: a new comment takes the
next free name) after the same rules as `workscape check` accept it, and prints its
path. Nothing here decides: github/comment_intake.py and rules/conversation.py do.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..errors import IntakeError, WorkscapeError
from ..github.comment_intake import CommentAction, comment_from_issue, comment_reply, decide_comment
from ..github.events import read_issue_event
from ..project import Loaded
from ..rules.conversation import statement_problems
from ..sources.atomic import FileExists, create_file, replace_file
from ..sources.conversation import moderation_path, news_text
from .common import emit, load, root_option
from .ratings import _require_people, _write_reply


def _now(at: dt.datetime | None) -> dt.datetime:
    """When the statement is made: ``--at``, else the clock (UTC). Builds never read it."""
    return at if at is not None else dt.datetime.now(dt.UTC).replace(tzinfo=None)


_AT = click.option(
    "--at",
    type=click.DateTime(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]),
    default=None,
    help="When (UTC), 'YYYY-MM-DD HH:MM'. Default: now.",
)


def apply(loaded: Loaded, action: CommentAction) -> None:
    """Write, replace or delete the comment file; a new one never replaces another."""
    path = loaded.settings.root / action.rel
    if action.kind == "delete":
        path.unlink()
    elif action.kind == "edit":
        replace_file(path, action.text)
    else:
        try:
            create_file(path, action.text)
        except FileExists:
            raise WorkscapeError(f"{action.rel} appeared meanwhile; nothing written") from None


@click.command()
@click.argument("item")
@click.argument("text")
@click.option("--by", "by", required=True, help="Your handle in people.yml.")
@click.option("--reply-to", default="", help="Id of the comment you reply to (its file name).")
@click.option("--edit", "change", default="", help="Id of your comment to replace with TEXT.")
@click.option("--delete", "delete", default="", help="Id of your comment to delete (TEXT: '-').")
@_AT
@root_option
def comment(
    item: str,
    text: str,
    by: str,
    reply_to: str,
    change: str,
    delete: str,
    at: dt.datetime | None,
    root: str | None,
) -> None:
    """Comment on ITEM as --by with TEXT (Markdown; '-' reads it from standard input).

    Writes curation/comments/ITEM/<YYYYMMDD-HHMM>-<handle>.md. --edit ID replaces the
    text of your comment ID; --delete ID deletes it. Exit 1 when refused.
    """
    loaded = load(root)
    body = "" if delete else (sys.stdin.read() if text == "-" else text)
    try:
        action = decide_comment(
            loaded.published(),
            loaded.held_back,
            loaded.settings.curation_dir,
            loaded.catalog.people.get(by),
            identity=f"'{by}'",
            item_text=item,
            body=body,
            when=_now(at),
            reply_to=reply_to,
            change=delete or change,
        )
    except IntakeError as refusal:
        raise click.ClickException(f"refused: {refusal}") from None
    apply(loaded, action)
    click.echo(f"{action.kind}: {action.rel}" if action.kind != "add" else action.rel)


@click.group()
def comments() -> None:
    """Record comments sent with the "Comment on this" issue form."""


@comments.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option(
    "--reply", "reply_file", type=click.Path(dir_okay=False), help="Write the reply here."
)
@root_option
def ingest(event: str, reply_file: str | None, root: str | None) -> None:
    """Record the comment in a GitHub `issues` EVENT (JSON) sent by the Comment form.

    The commenter is the issue's author (through `github:` in people.yml). Exit
    status: 0 recorded, 1 refused (the reply says why), 2 the event or project could
    not be read.
    """
    try:
        loaded = load(root)
        _require_people(loaded)
        issue = read_issue_event(Path(event))
        action = comment_from_issue(
            loaded.published(), loaded.held_back, loaded.settings.curation_dir, issue
        )
        apply(loaded, action)
    except IntakeError as refusal:
        _write_reply(reply_file, str(refusal))
        click.echo(f"refused: {refusal}", err=True)
        sys.exit(1)
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    _write_reply(reply_file, comment_reply(action))
    click.echo(f"{action.kind}: {action.rel}")


@click.command()
@click.argument("community")
@click.argument("text")
@click.option("--by", "by", required=True, help="Your handle: a manager of COMMUNITY.")
@click.option("--title", required=True, help="The headline.")
@click.option("--slug", default="", help="File name words (default: from the title).")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: today."
)
@root_option
def news(
    community: str,
    text: str,
    by: str,
    title: str,
    slug: str,
    day: dt.datetime | None,
    root: str | None,
) -> None:
    """Post news to COMMUNITY as --by (a manager of it): TEXT is Markdown, '-' for stdin.

    Writes curation/news/COMMUNITY/<YYYY-MM-DD>-<slug>.md; never replaces a post.
    """
    loaded = load(root)
    when = day.date() if day else _now(None).date()
    words = "-".join("".join(ch if ch.isalnum() else " " for ch in (slug or title).lower()).split())
    words = "".join(ch for ch in words if ch.isascii())[:60].strip("-") or "news"
    rel = f"{loaded.settings.curation_dir}/news/{community}/{when.isoformat()}-{words}.md"
    body = sys.stdin.read() if text == "-" else text
    _write_checked(loaded, rel, news_text(title=title, by=by, body=body))


@click.command()
@click.argument("path")
@click.option("--by", "by", required=True, help="Your handle: a curator (community manager).")
@click.option("--reason", required=True, help="Why; shown on the page instead of the text.")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: today."
)
@root_option
def hide(path: str, by: str, reason: str, day: dt.datetime | None, root: str | None) -> None:
    """Hide the comment or news post at PATH (its file) with a moderation record.

    Writes curation/moderation/<PATH under curation/, .yml>; the file itself is not
    touched, and deleting the record shows it again.
    """
    import yaml

    loaded = load(root)
    curation = loaded.settings.curation_dir
    target = Path(path)
    rel = (
        target.resolve().relative_to(loaded.settings.root.resolve()).as_posix()
        if target.is_absolute() or target.exists()
        else path
    )
    if not rel.startswith(f"{curation}/comments/") and not rel.startswith(f"{curation}/news/"):
        raise click.ClickException(
            f"{path} is not a comment or news file (under {curation}/comments/ or {curation}/news/)"
        )
    when = day.date() if day else _now(None).date()
    text = yaml.safe_dump(
        {"by": by, "date": when, "reason": reason}, sort_keys=False, allow_unicode=True, width=100
    )
    _write_checked(loaded, moderation_path(rel, curation), text)


def _write_checked(loaded: Loaded, rel: str, text: str) -> None:
    problems = statement_problems(
        loaded.catalog, loaded.held_back, rel, text, loaded.settings.curation_dir
    )
    if problems:
        emit(problems)
        raise click.ClickException(f"{rel} would not pass `workscape check`; nothing written")
    try:
        create_file(loaded.settings.root / rel, text)
    except FileExists:
        raise click.ClickException(f"{rel} already exists; nothing written") from None
    click.echo(rel)
