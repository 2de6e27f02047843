"""`workscape notify BASE HEAD`: the comment that mentions whose problems a merged pull request answers."""

from __future__ import annotations

import click

from ..github.notify import mentions, notify_comment
from ..sources.git_changes import changed_files
from .common import load, root_option


@click.command("notify")
@click.argument("base")
@click.argument("head")
@click.option(
    "--opener",
    metavar="LOGIN",
    help="The GitHub login that opened the pull request: never mentioned about it.",
)
@root_option
def notify(base: str, head: str, opener: str | None, root: str | None) -> None:
    """Print the Markdown comment mentioning each person BASE...HEAD answers or comments on.

    Answers added under the content folder mention their problem's author; comment
    files added under curation/comments/<item>/ mention the item's author. Each
    login is mentioned once; people with `notify: false` in people.yml, or no
    `github` login, never. Prints nothing when nobody is to be mentioned. The
    catalog is the working tree's: run it on the merged commit.
    """
    loaded = load(root)
    settings = loaded.settings
    prefixes = [f"{settings.docs_dir}/", f"{settings.curation_dir}/"]
    changes = changed_files(settings.root, base, head, prefixes)
    text = notify_comment(mentions(loaded.catalog, settings, changes, opener), settings)
    click.echo(text, nl=False)
