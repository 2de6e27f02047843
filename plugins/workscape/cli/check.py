"""`workscape check`: validate the project and report findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import emit, load, root_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    help="github: print GitHub Actions annotations.",
)
@root_option
def check(paths: tuple[str, ...], strict: bool, fmt: str, root: str | None) -> None:
    """Validate the project; with PATHS, report on those files only.

    The whole catalog is always read, so references resolve; only the findings
    for PATHS are shown, which keeps a pre-commit hook quiet about other files.
    """
    loaded = load(root)
    findings = loaded.findings
    if paths:
        wanted = [_relative(p, loaded.settings.root) for p in paths]
        findings = [
            f
            for f in findings
            if any(f.path == w or f.path.startswith(w.rstrip("/") + "/") for w in wanted)
        ]
    emit(findings, fmt)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if loaded.held_back and not paths:
        click.echo(
            f"held back from the site (critical, not currently approved): "
            f"{', '.join(loaded.held_back)}",
            err=True,
        )
    files = len({f.path for f in findings})
    click.echo(
        f"{errors} error(s), {warnings} warning(s) in {files} file(s); "
        f"{len(loaded.catalog.items)} items checked",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


def _relative(path: str, root: Path) -> str:
    full = Path(path).resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
