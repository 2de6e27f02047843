"""`workscape init`: a new organisation's knowledge base, from the installed package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import starter
from ..github.codeowners import render_codeowners, write_codeowners
from ..project import load_project
from ..sources.atomic import replace_file
from ..sources.git import configured_email
from .common import emit


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The site's name, e.g. 'Acme Know-How'.")
@click.option("--repo-url", help="The GitHub repository, e.g. https://github.com/acme/know-how.")
@click.option(
    "--install-source",
    default=starter.DEFAULT_INDEX,
    show_default=True,
    help="Where the workflows install Workscape from: 'pypi', an index URL, or a git+ URL "
    "(installed at the tag v<version>).",
)
@click.option(
    "--email",
    help="Your git address, listed for the first curator (default: git config user.email).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init(
    directory: Path,
    name: str | None,
    repo_url: str | None,
    install_source: str,
    email: str | None,
    force: bool,
) -> None:
    """Write a working knowledge base into DIRECTORY (default: here).

    mkdocs.yml, a curation skeleton (one community, one person, a small taxonomy), a
    welcome problem with its answer, the workflows, issue forms, pull request template,
    pre-commit configuration, CODEOWNERS and a README. The workflows install this
    Workscape's version, pinned. Then: git init, commit, and `mkdocs build --strict`.
    """
    if directory.exists() and any(directory.iterdir()) and not force:
        raise click.ClickException(
            f"{directory} is not empty; choose an empty folder, or pass --force to write "
            "the starter files into it (files of the same name are replaced)"
        )
    ask = sys.stdin.isatty()
    if name is None:
        default = directory.resolve().name.replace("-", " ").title() or "Know-How"
        name = click.prompt("Site name", default=default) if ask else default
    if repo_url is None:
        repo_url = click.prompt("GitHub repository URL", default="") if ask else ""
    if email is None:
        email = configured_email()
    options = starter.Options(
        site_name=name, repo_url=repo_url, install_source=install_source, curator_email=email
    )
    version = starter.installed_version()
    files = starter.rendered(options, version)
    for path, text in files.items():
        replace_file(directory / path, text)
    hashes = {p: starter.digest(t) for p, t in files.items() if starter.is_engine_file(p)}
    replace_file(directory / starter.RECORD, starter.record_text(options, version, hashes))
    loaded = load_project(directory)
    write_codeowners(loaded.settings.root, render_codeowners(loaded.catalog, loaded.settings))
    emit(loaded.findings)
    click.echo(f"Wrote {len(files) + 2} files for Workscape {version} into {directory}.")
    click.echo(
        "Next: cd into it, git init && git add -A && git commit -m start, "
        "then mkdocs build --strict (or mkdocs serve)."
    )
    if any(f.severity == "error" for f in loaded.findings):
        sys.exit(1)
