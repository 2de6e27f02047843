"""`workscape codeowners`: generate .github/CODEOWNERS from communities, people and tags."""

from __future__ import annotations

import sys

import click

from ..github.codeowners import (
    CODEOWNERS_PATH,
    read_codeowners,
    render_block,
    render_codeowners,
    split_codeowners,
    write_codeowners,
)
from .common import load, root_option


@click.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if the generated block is not current.",
)
@root_option
def codeowners(check_only: bool, root: str | None) -> None:
    """Write .github/CODEOWNERS: each item owned by its community's managers and its tags' SMEs.

    Owners are GitHub logins (the `github:` field in people.yml); people without
    one are left out. Only the block between the BEGIN and END comments is
    generated: lines above and below it (maintainers of code and configuration)
    are kept as they are. Run it after changing communities, people or the
    taxonomy, and from time to time to list new items. `workscape check` fails
    when the committed block would route reviews differently.
    """
    loaded = load(root)
    committed = read_codeowners(loaded.settings.root)
    if check_only:
        layout = split_codeowners(committed) if committed is not None else None
        if layout is None or layout.block != render_block(loaded.catalog, loaded.settings):
            click.echo(f"{CODEOWNERS_PATH} is not current: run `workscape codeowners`", err=True)
            sys.exit(1)
        click.echo(f"{CODEOWNERS_PATH} is current", err=True)
        return
    text = render_codeowners(loaded.catalog, loaded.settings, committed)
    changed = write_codeowners(loaded.settings.root, text)
    click.echo(f"{CODEOWNERS_PATH} {'written' if changed else 'already current'}", err=True)
