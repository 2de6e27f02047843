"""The ``workscape`` command: a thin shell over the core.

Every subcommand loads the same catalog the site is built from, prints findings
in the ``path:line:col: severity code: message`` form and exits 1 on errors.
Each subcommand lives in its own module and is registered below.
"""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import WorkscapeError

#: Each command's module and name there. A command's module is imported when the command
#: runs (or help lists them all), so `workscape check` does not load the importers' HTML
#: parser or the GitHub attachment fetcher it never uses.
COMMANDS = {
    "answers": ("answers", "answers"),
    "check": ("check", "check"),
    "codeowners": ("codeowners", "codeowners"),
    "comment": ("conversation", "comment"),
    "comments": ("conversation", "comments"),
    "hide": ("conversation", "hide"),
    "import": ("imports", "import_"),
    "init": ("init", "init"),
    "media": ("media", "media"),
    "new": ("new", "new"),
    "news": ("conversation", "news"),
    "notify": ("notify", "notify"),
    "pr-summary": ("pr_summary", "pr_summary"),
    "problems": ("problems", "problems"),
    "ratings": ("ratings", "ratings"),
    "review": ("review", "review"),
    "schema": ("schema", "schema"),
    "search": ("search", "search"),
    "upgrade": ("upgrade", "upgrade"),
    "views": ("views", "views"),
}


class _Commands(click.Group):
    """A group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands)
@click.version_option(package_name="workscape")
def main() -> None:
    """Workscape: a curated social-learning site from a git repository of Markdown."""


def run() -> None:
    """Entry point that turns our errors into messages, never tracebacks."""
    try:
        code = main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
