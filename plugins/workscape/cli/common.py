"""Helpers shared by the ``workscape`` subcommands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import Finding
from ..github.annotations import annotation

if TYPE_CHECKING:
    from ..project import Loaded

Command = TypeVar("Command", bound=Callable[..., Any])


def load(root: str | None) -> Loaded:
    """The project at ``--root`` or around the current folder."""
    from ..project import load_project  # here: a warm `check` never needs the rules

    return load_project(Path(root) if root else None)


def emit(findings: list[Finding], fmt: str = "text") -> None:
    """Print findings in the text or GitHub annotation format."""
    for finding in findings:
        click.echo(annotation(finding) if fmt == "github" else finding.format())


def root_option(f: Command) -> Command:
    return click.option(
        "--root",
        type=click.Path(file_okay=False),
        default=None,
        help="Project folder (default: nearest mkdocs.yml or properdocs.yml).",
    )(f)
