"""`workscape answers ingest`: a draft answer file from an "Answer this" issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from ..errors import Finding, IntakeError, WorkscapeError
from ..github.answers import draft_answer
from ..github.attachments import MediaPlan
from ..github.drafts import refusal_reply
from ..github.events import read_issue_event
from .common import load, root_option
from .drafting import Attachments, intake_options, refuse_with, write_draft, write_pr_comment


@click.group()
def answers() -> None:
    """Answers sent outside the repository."""


@answers.command()
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
    """Write a draft answer from a GitHub `issues` EVENT (JSON) sent by the Answer this form.

    The author is the issue's author mapped through `github:` in people.yml; the problem
    is the form's "Problem" field. Photos and videos attached to the issue are
    downloaded from the attachment host (only links under `--attachments-from`),
    checked by their bytes, stripped of location and device data, and written to
    content/media/<id>/ beside the draft, whose Markdown points at them; what cannot be
    brought in is named in the draft and in the `--pr-comment` file. Prints the draft's
    path and its media files. Exit status: 0 drafted (again: unchanged); 1 refused (the
    reply says why); 2 the event or project could not be read.
    """
    try:
        loaded = load(root)
        # Held-back problems take no answers through the form (and no reply names them).
        draft = draft_answer(loaded.published(), read_issue_event(Path(event)))
    except IntakeError as refusal:
        refuse_with(reply_file, str(refusal))
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    attachments = Attachments(loaded, [draft.body], hosts, rendered)

    def render(plan: MediaPlan) -> str:
        return draft.text(attachments.localise(plan, [draft.body])[0])

    def refuse(findings: Sequence[Finding]) -> NoReturn:
        reply = refusal_reply(draft.issue, list(findings)).replace("problem asked", "answer sent")
        refuse_with(reply_file, reply, findings)

    plan = write_draft(loaded, "answer", draft.slug, draft.issue, attachments, render, refuse)
    write_pr_comment(pr_comment, plan, draft.issue)
