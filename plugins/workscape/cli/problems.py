"""`workscape problems ingest`: a draft problem file from an "Ask a problem" issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from ..errors import Finding, IntakeError, WorkscapeError
from ..github.attachments import MediaPlan
from ..github.drafts import draft_problem, refusal_reply
from ..github.events import read_issue_event
from .common import load, root_option
from .drafting import Attachments, intake_options, refuse_with, write_draft, write_pr_comment


@click.group()
def problems() -> None:
    """Problems asked outside the repository."""


@problems.command()
@intake_options
@root_option
def ingest(
    event: str,
    reply_file: str | None,
    hosts: tuple[str, ...],
    rendered: str | None,
    pr_comment: str | None,
    root: str | None,
) -> None:
    """Write a draft problem from a GitHub `issues` EVENT (JSON) sent by the Ask form.

    The author is the issue's author mapped through `github:` in people.yml.
    Prints the draft's path and its media files, then notes for the curator: tags or a
    community that do not exist are left out of the front matter and listed there and
    in a comment at the end of the draft. Photos and videos attached to the issue are
    downloaded into content/media/<id>/ (see `workscape answers ingest`). Running it
    again for the same issue finds the same draft and changes nothing. Exit status:
    0 drafted; 1 refused (an unknown account, no statement, or a draft `workscape
    check` would refuse: nothing is left written and the reply says why); 2 the event
    or project could not be read.
    """
    try:
        loaded = load(root)
        draft = draft_problem(loaded.catalog, read_issue_event(Path(event)))
    except IntakeError as refusal:
        refuse_with(reply_file, str(refusal))
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    texts = [draft.statement, draft.tried]
    attachments = Attachments(loaded, texts, hosts, rendered)

    def render(plan: MediaPlan) -> str:
        statement, tried = attachments.localise(plan, texts)
        return replace(draft, statement=statement, tried=tried).text()

    def refuse(findings: Sequence[Finding]) -> NoReturn:
        refuse_with(reply_file, refusal_reply(draft.issue, list(findings)), findings)

    plan = write_draft(loaded, "problem", draft.slug, draft.issue, attachments, render, refuse)
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)
    write_pr_comment(pr_comment, plan, draft.issue)
