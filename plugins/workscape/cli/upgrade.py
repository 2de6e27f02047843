"""`workscape upgrade`: how the engine's files here differ from the installed version's."""

from __future__ import annotations

from pathlib import Path

import click

from .. import starter
from ..sources.atomic import replace_file
from ..sources.settings import find_root

_SAYS = {
    "update": "unchanged here since Workscape wrote it: --write takes the new version",
    "new": "new in this version: --write adds it",
    "changed-here": "changed here since Workscape wrote it: merge the diff by hand",
    "gone": "no longer written by Workscape: delete it when nothing uses it",
}


@click.command()
@click.option("--write", is_flag=True, help="Take the new files where you have not changed them.")
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Project folder (default: nearest mkdocs.yml or properdocs.yml).",
)
def upgrade(write: bool, root: str | None) -> None:
    """Show how the workflows, issue forms, PR template and pre-commit config differ.

    Compares the files `workscape init` wrote with those the installed Workscape
    writes, as a unified diff. With --write, a file still as Workscape wrote it is
    replaced; a file changed here is never overwritten: its diff is for a person to
    merge (after which it counts as current). mkdocs.yml, README, content and curation
    are yours and are never compared.
    """
    folder = find_root(Path(root) if root else Path.cwd())
    record = starter.read_record(folder)
    version = starter.installed_version()
    changes = starter.compare(folder, record, version)
    pending = [c for c in changes if c.status != "current"]
    for change in pending:
        click.echo(f"{change.path}: {_SAYS[change.status]}", err=True)
        click.echo(change.diff, nl=False)
    if not write:
        summary = (
            f"{len(pending)} of {len(changes)} files differ from"
            if pending
            else f"All {len(changes)} files are as written by"
        )
        click.echo(
            f"{summary} Workscape {version} (this repository's were written by "
            f"{record.version}); --write takes what you have not changed.",
            err=True,
        )
        return
    hashes = {}
    for change in changes:
        if change.new_text is not None and change.status in ("update", "new"):
            replace_file(folder / change.path, change.new_text)
        if change.new_text is not None and change.status != "changed-here":
            hashes[change.path] = starter.digest(change.new_text)
        elif change.path in record.hashes:
            # Changed here, or gone: the old hash stays, so it is shown again until merged.
            hashes[change.path] = record.hashes[change.path]
    text = starter.record_text(record.options, version, hashes)
    replace_file(folder / starter.RECORD, text)
    taken = sum(c.status in ("update", "new") for c in changes)
    left = sum(c.status == "changed-here" for c in changes)
    click.echo(
        f"Took {taken} files from Workscape {version}; {left} left to merge by hand.", err=True
    )
