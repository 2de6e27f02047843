"""Writing a draft item from an issue (asked problems, form answers), with its media.

Shared by `workscape problems ingest` and `workscape answers ingest`: find a free
id, write the draft and its attachments, and keep nothing `workscape check` would
refuse. The attachment options are the same on both commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from ..errors import Finding, errors_in
from ..github.attachments import (
    GITHUB_ATTACHMENTS,
    MediaPlan,
    Reference,
    fetch_all,
    find_attachments,
    signed_addresses,
)
from ..model import ItemType
from ..names import candidate_ids
from ..project import Loaded, load_project
from ..rules.generated import RESERVED_IDS
from ..sources.atomic import FileExists, create_file, replace_bytes, replace_file
from ..sources.content import read_item
from ..sources.scaffold import item_path

#: The text of a draft for an id, given the attachments placed for that id.
Render = Callable[[MediaPlan], str]


def intake_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """EVENT, ``--reply``, ``--attachments-from``, ``--rendered`` and ``--pr-comment``.

    What both drafting commands (``problems ingest``, ``answers ingest``) take.
    """
    f = click.option(
        "--pr-comment",
        "pr_comment",
        type=click.Path(dir_okay=False),
        help="Write a comment for the draft's pull request (Markdown) to this file when "
        "some attachments could not be brought in.",
    )(f)
    f = click.option(
        "--rendered",
        type=click.Path(dir_okay=False, exists=True),
        help="The issue as GitHub renders it (JSON with body_html, from the API with "
        "the full media type): its signed attachment addresses work in private repositories.",
    )(f)
    f = click.option(
        "--attachments-from",
        "hosts",
        multiple=True,
        help="URL prefix of the forge's attachment host (repeatable); only links under "
        "it are downloaded. Default: GitHub's.",
    )(f)
    f = click.option(
        "--reply",
        "reply_file",
        type=click.Path(dir_okay=False),
        help="Write the reply for the issue (Markdown) to this file when the draft is refused.",
    )(f)
    return click.argument("event", type=click.Path(dir_okay=False))(f)


class Attachments:
    """The attachments of one issue's fields, fetched once whatever id the draft gets."""

    def __init__(
        self, loaded: Loaded, texts: Sequence[str], hosts: Sequence[str], rendered: str | None
    ) -> None:
        hosts = tuple(hosts) or GITHUB_ATTACHMENTS
        self.refs: list[list[Reference]] = [find_attachments(t, hosts) for t in texts]
        signed = signed_addresses(_rendered_html(rendered), hosts) if rendered else []
        flat = [r for refs in self.refs for r in refs]
        self.fetched = fetch_all(flat, loaded.catalog.policy, signed=signed)
        self.docs_dir = loaded.settings.docs_dir

    def plan(self, item_id: str) -> MediaPlan:
        return MediaPlan(item_id, self.docs_dir, self.fetched)

    def localise(self, plan: MediaPlan, texts: Sequence[str]) -> list[str]:
        return [plan.localise(t, refs) for t, refs in zip(texts, self.refs, strict=True)]


def _rendered_html(path: str) -> str:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    issue = data.get("issue", data) if isinstance(data, dict) else {}
    html = issue.get("body_html") if isinstance(issue, dict) else None
    return html if isinstance(html, str) else ""


def write_draft(
    loaded: Loaded,
    kind: ItemType,
    slug: str,
    issue: int,
    attachments: Attachments,
    render: Render,
    refuse: Callable[[Sequence[Finding]], NoReturn],
) -> MediaPlan:
    """Write the draft (and its media) at the first free id; print its path; return the plan.

    Running again for the same issue finds the same draft and changes nothing. A draft
    `check` would refuse is never left written: ``refuse`` is called with why.
    """
    settings = loaded.settings
    taken = set(loaded.catalog.items)
    for item_id in candidate_ids(slug):
        rel = item_path(settings.docs_dir, kind, item_id)
        file = settings.root / rel
        plan = attachments.plan(item_id)
        text = render(plan)
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            click.echo(rel)
            click.echo(f"{rel} was already drafted from issue #{issue}", err=True)
            return plan
        media_dir = settings.root / settings.docs_dir / "media" / item_id
        if item_id in taken or item_id in RESERVED_IDS or file.exists() or media_dir.exists():
            continue
        # The file alone first, as `check` reads it: what it refuses is never written.
        alone: list[Finding] = []
        read_item(text.encode("utf-8", "surrogatepass"), rel, kind, alone)
        if errors_in(alone):
            refuse(alone)
        try:
            create_file(file, text)
        except FileExists:  # written by someone else since the check above
            continue
        for media_rel, data in plan.files.items():
            replace_bytes(settings.root / media_rel, data)
        # Then with the whole site (links, media, reserved addresses): refused drafts go.
        mine = [
            f
            for f in load_project(settings=settings).findings
            if f.path == rel or f.path.startswith(f"{settings.docs_dir}/media/{item_id}")
        ]
        if errors_in(mine):
            file.unlink()
            for media_rel in plan.files:
                (settings.root / media_rel).unlink(missing_ok=True)
            if media_dir.is_dir() and not any(media_dir.iterdir()):
                media_dir.rmdir()
            refuse(mine)
        click.echo(rel)
        for media_rel in plan.files:
            click.echo(media_rel)
        return plan
    raise AssertionError("candidate_ids never ends")


def write_pr_comment(pr_comment: str | None, plan: MediaPlan, issue: int) -> None:
    """The pull request comment about missing attachments, when there are any."""
    comment = plan.missing_comment(issue)
    if comment:
        click.echo(f"note: {comment.splitlines()[0]}", err=True)
        if pr_comment:
            replace_file(Path(pr_comment), comment + "\n")


def refuse_with(reply_file: str | None, reply: str, findings: Sequence[Finding] = ()) -> NoReturn:
    """Write the reply, show why on stderr and exit 1."""
    if reply_file:
        replace_file(Path(reply_file), reply + "\n")
    click.echo(f"refused: {reply}", err=True)
    for finding in findings:
        click.echo(finding.format(), err=True)
    sys.exit(1)
