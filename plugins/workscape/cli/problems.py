"""`workscape problems ingest`: a draft problem file from an "Ask a problem" issue."""

from __future__ import annotations

from pathlib import Path

import click

from ..github.drafts import candidate_ids, draft_problem
from ..github.events import read_issue_event
from ..project import load_project
from ..sources.atomic import FileExists, create_file
from ..sources.scaffold import item_path
from .common import load, root_option


@click.group()
def problems() -> None:
    """Problems asked outside the repository."""


@problems.command()
@click.argument("event", type=click.Path(dir_okay=False))
@root_option
def ingest(event: str, root: str | None) -> None:
    """Write a draft problem from a GitHub `issues` EVENT (JSON) sent by the Ask form.

    The author is the issue's author mapped through `github:` in people.yml (an
    unknown account is refused, exit 1). Prints the draft's path, then notes for
    the curator: tags or a community that do not exist are left out of the front
    matter and listed there and in a comment at the end of the draft. Running it
    again for the same issue finds the same draft and changes nothing.
    """
    loaded = load(root)
    settings = loaded.settings
    draft = draft_problem(loaded.catalog, read_issue_event(Path(event)))
    text = draft.text()
    taken = set(loaded.catalog.items)
    for item_id in candidate_ids(draft.slug):
        rel = item_path(settings.docs_dir, "problem", item_id)
        file = settings.root / rel
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            click.echo(rel)
            click.echo(f"{rel} was already drafted from issue #{draft.issue}", err=True)
            break
        if item_id in taken or file.exists():
            continue
        try:
            create_file(file, text)
        except FileExists:  # written by someone else since the check above
            continue
        click.echo(rel)
        break
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)
    # The draft goes to a pull request whose check reports any error with its
    # line; here the findings are shown so a failed run is easy to read.
    mine = [f for f in load_project(settings=settings).findings if f.path == rel]
    for finding in mine:
        click.echo(finding.format(), err=True)
