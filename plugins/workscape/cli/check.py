"""`workscape check`: validate the project and report findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..sources.cache import CacheFolder
from ..sources.check_inputs import CheckResult, check_inputs_digest, store_result, stored_result
from ..sources.settings import find_root, read_settings
from .common import emit, root_option


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
    if rev_range:
        result, project_root = _request_check(root, rev_range, opener)
    else:
        result, project_root = whole_check(root)
    findings = result.findings
    if paths:
        wanted = [_relative(p, project_root) for p in paths]
        findings = [
            f
            for f in findings
            if any(f.path == w or f.path.startswith(w.rstrip("/") + "/") for w in wanted)
        ]
    emit(findings, fmt)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if result.held_back_why and not paths:
        by_reason: dict[str, list[str]] = {}
        for item_id, why in result.held_back_why.items():
            by_reason.setdefault(why, []).append(item_id)
        for reason, ids in by_reason.items():
            click.echo(f"held back from the site ({reason}): {', '.join(ids)}", err=True)
    files = len({f.path for f in findings})
    click.echo(
        f"{errors} error(s), {warnings} warning(s) in {files} file(s); "
        f"{result.items} items checked",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


def whole_check(root: str | None) -> tuple[CheckResult, Path]:
    """Every finding about the project, reused when none of its inputs changed.

    The result is stored under the digest of every input `check` reads
    (:mod:`workscape.sources.check_inputs`), so a second run on an unchanged
    project prints the same lines without loading it.
    """
    settings = read_settings(find_root(Path(root) if root else Path.cwd()))
    folder = CacheFolder(settings.root)
    key = check_inputs_digest(settings)
    stored = stored_result(folder, key) if key else None
    if stored is not None:
        return stored, settings.root
    from ..github.codeowners import codeowners_findings, read_codeowners
    from ..project import load_project
    from ..rules.config_risks import config_risks
    from ..sources.site_config import read_site_config

    loaded = load_project(settings=settings, cache=folder)
    codeowners = read_codeowners(settings.root)
    findings = [*loaded.findings, *codeowners_findings(loaded.catalog, settings, codeowners)]
    findings += config_risks(read_site_config(settings.root), settings)
    result = CheckResult(findings, loaded.held_back_why, len(loaded.catalog.items))
    # Stored only if nothing changed while loading: else the result is not the key's.
    if key and check_inputs_digest(settings) == key:
        store_result(folder, key, result)
    return result, settings.root


def _request_check(
    root: str | None, rev_range: str, opener: str | None
) -> tuple[CheckResult, Path]:
    """The findings about whose name the pull request ``rev_range`` speaks in."""
    from ..pull_request import read_pull_request
    from ..rules.authorship import authorship_findings
    from ..rules.statements import binding_findings
    from ..sources.git_changes import added_files, split_range
    from ..sources.snapshot import files_at
    from .common import load

    loaded = load(root)
    settings = loaded.settings
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
    return CheckResult(findings, loaded.held_back_why, len(loaded.catalog.items)), settings.root


def _relative(path: str, root: Path) -> str:
    full = Path(path).resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
