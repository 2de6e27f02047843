"""`workscape problems ingest`: a draft problem file from an "Ask a problem" issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from ..errors import Finding, IntakeError, WorkscapeError, errors_in
from ..github.drafts import draft_problem, refusal_reply
from ..github.events import read_issue_event
from ..names import candidate_ids
from ..project import load_project
from ..rules.generated import RESERVED_IDS
from ..sources.atomic import FileExists, create_file, replace_file
from ..sources.content import read_item
from ..sources.scaffold import item_path
from .common import load, root_option


@click.group()
def problems() -> None:
    """Problems asked outside the repository."""


@problems.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option(
    "--reply",
    "reply_file",
    type=click.Path(dir_okay=False),
    help="Write the reply for the issue (Markdown) to this file when the draft is refused.",
)
@root_option
def ingest(event: str, reply_file: str | None, root: str | None) -> None:
    """Write a draft problem from a GitHub `issues` EVENT (JSON) sent by the Ask form.

    The author is the issue's author mapped through `github:` in people.yml.
    Prints the draft's path, then notes for the curator: tags or a community
    that do not exist are left out of the front matter and listed there and in a
    comment at the end of the draft. Running it again for the same issue finds
    the same draft and changes nothing. Exit status: 0 drafted; 1 refused (an
    unknown account, no statement, or a draft `workscape check` would refuse:
    nothing is left written and the reply says why); 2 the event or project
    could not be read.
    """
    try:
        loaded = load(root)
        draft = draft_problem(loaded.catalog, read_issue_event(Path(event)))
    except IntakeError as refusal:
        _refuse(reply_file, str(refusal))
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    settings = loaded.settings
    text = draft.text()
    taken = set(loaded.catalog.items)
    for item_id in candidate_ids(draft.slug):
        rel = item_path(settings.docs_dir, "problem", item_id)
        file = settings.root / rel
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            click.echo(rel)
            click.echo(f"{rel} was already drafted from issue #{draft.issue}", err=True)
            break
        if item_id in taken or item_id in RESERVED_IDS or file.exists():
            continue
        # The file alone first, as `check` reads it: what it refuses is never written.
        alone: list[Finding] = []
        read_item(text.encode("utf-8", "surrogatepass"), rel, "problem", alone)
        if errors_in(alone):
            _refuse(reply_file, refusal_reply(draft.issue, alone), alone)
        try:
            create_file(file, text)
        except FileExists:  # written by someone else since the check above
            continue
        # Then with the whole site (links, reserved addresses): refused drafts are removed.
        mine = [f for f in load_project(settings=settings).findings if f.path == rel]
        if errors_in(mine):
            file.unlink()
            _refuse(reply_file, refusal_reply(draft.issue, mine), mine)
        click.echo(rel)
        break
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)


def _refuse(reply_file: str | None, reply: str, findings: Sequence[Finding] = ()) -> NoReturn:
    """Write the reply, show why on stderr and exit 1."""
    if reply_file:
        replace_file(Path(reply_file), reply + "\n")
    click.echo(f"refused: {reply}", err=True)
    for finding in findings:
        click.echo(finding.format(), err=True)
    sys.exit(1)
