"""`workscape check`: validate the project and report findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..github.codeowners import codeowners_findings, read_codeowners
from ..pull_request import read_pull_request
from ..rules.authorship import authorship_findings
from ..rules.config_risks import config_risks
from ..rules.statements import binding_findings
from ..sources.git_changes import added_files, split_range
from ..sources.site_config import read_site_config
from ..sources.snapshot import files_at
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
@click.option(
    "--authors-from-git",
    "rev_range",
    metavar="BASE..HEAD",
    help="Check only what the pull request BASE..HEAD says in whose name.",
)
@click.option(
    "--opener",
    metavar="LOGIN",
    help="With --authors-from-git: the GitHub login that opened the pull request.",
)
@root_option
def check(
    paths: tuple[str, ...],
    strict: bool,
    fmt: str,
    rev_range: str | None,
    opener: str | None,
    root: str | None,
) -> None:
    """Validate the project; with PATHS, report on those files only.

    The whole catalog is always read, so references resolve; only the findings
    for PATHS are shown, which keeps a pre-commit hook quiet about other files.
    With --authors-from-git BASE..HEAD --opener LOGIN (the check workflow passes
    the pull request's opener), the only findings are about whose name the pull
    request speaks in: every item author, review, rating, accepted answer and
    featured entry it adds, changes or removes must be the opener's own (or
    recorded by the opener as a curator), and nobody grants a role to
    themselves. people.yml and communities.yml are read from the base.

    Without --opener (a local run), each item file added by a non-merge commit
    must name as `author` the person whose email made that commit, looked up in
    the base's people.yml: a guard against mistakes, as anyone can set a commit's
    author line.
    """
    loaded = load(root)
    settings = loaded.settings
    codeowners = read_codeowners(settings.root)
    findings = [*loaded.findings, *codeowners_findings(loaded.catalog, settings, codeowners)]
    findings += config_risks(read_site_config(settings.root), settings)
    if rev_range:
        request = read_pull_request(loaded, rev_range)
        if opener:
            findings = binding_findings(
                request.base, loaded.catalog, opener, request.statements, request.roles
            )
        else:
            with files_at(settings.root, split_range(rev_range)[0]) as base_files:
                added = added_files(
                    settings.root, rev_range, [f"{settings.docs_dir}/"], mailmap_from=base_files
                )
            findings = authorship_findings(
                loaded.catalog, added, settings.curation_dir, people=request.base
            )
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
        by_reason: dict[str, list[str]] = {}
        for item_id, why in loaded.held_back_why.items():
            by_reason.setdefault(why, []).append(item_id)
        for reason, ids in by_reason.items():
            click.echo(f"held back from the site ({reason}): {', '.join(ids)}", err=True)
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
