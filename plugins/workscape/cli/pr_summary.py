"""`workscape pr-summary BASE HEAD`: the pull request's job summary, in Markdown."""

from __future__ import annotations

import click

from ..github.pr_summary import pr_summary as render_summary
from ..pull_request import read_pull_request
from ..rules.config_risks import config_risks
from ..rules.statements import binding_findings
from ..sources.git_changes import changed_files
from ..sources.site_config import read_site_config
from .common import load, root_option


@click.command("pr-summary")
@click.argument("base")
@click.argument("head")
@click.option(
    "--opener",
    metavar="LOGIN",
    help="The GitHub login that opened the pull request: its statements are checked against it.",
)
@root_option
def pr_summary(base: str, head: str, opener: str | None, root: str | None) -> None:
    """Print Markdown for $GITHUB_STEP_SUMMARY: the items BASE...HEAD adds and changes.

    For each changed item: its type, tags and community; the errors and warnings
    in the changed files; who should review (SMEs of the items' tags, managers
    of their communities); and existing problems like each new one. Changes to
    code and configuration (anything outside the content and curation folders)
    come first, in bold, with check's warnings on mkdocs.yml. Changes are
    taken from the merge base, as GitHub shows a pull request. The catalog is
    the working tree's, which is HEAD when run in the check workflow. Changes to
    anyone's roles come first, then every statement made in someone's name;
    with --opener, those the opener may not make are listed as errors.
    """
    loaded = load(root)
    settings = loaded.settings
    changes = changed_files(settings.root, base, head, [])
    request = read_pull_request(loaded, f"{base}..{head}")
    findings = [*loaded.findings, *config_risks(read_site_config(settings.root), settings)]
    if opener:
        findings += binding_findings(
            request.base, loaded.catalog, opener, request.statements, request.roles
        )
    text = render_summary(loaded.catalog, settings, changes, findings, request)
    click.echo(text, nl=False)
