"""The ``workscape`` command: a thin shell over the core.

Every subcommand loads the same catalog the site is built from, prints findings
in the ``path:line:col: severity code: message`` form and exits 1 on errors.
Each subcommand lives in its own module and is registered below.
"""

from __future__ import annotations

import sys

import click

from ..errors import WorkscapeError
from .answers import answers
from .check import check
from .codeowners import codeowners
from .conversation import comment, comments, hide, news
from .imports import import_
from .init import init
from .media import media
from .new import new
from .notify import notify
from .pr_summary import pr_summary
from .problems import problems
from .ratings import ratings
from .review import review
from .schema import schema
from .search import search
from .upgrade import upgrade
from .views import views


@click.group()
@click.version_option(package_name="workscape")
def main() -> None:
    """Workscape: a curated social-learning site from a git repository of Markdown."""


for command in (
    answers,
    check,
    codeowners,
    comment,
    comments,
    hide,
    media,
    import_,
    init,
    new,
    news,
    notify,
    pr_summary,
    problems,
    ratings,
    review,
    schema,
    search,
    upgrade,
    views,
):
    main.add_command(command)


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
