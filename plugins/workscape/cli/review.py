"""`workscape review`: record an SME review."""

from __future__ import annotations

import datetime as dt

import click

from ..model import VERDICTS
from ..rules.reviews import reviewer_problem
from ..rules.statements import curators
from ..sources.records import append_review
from .common import load, root_option


@click.command()
@click.argument("item")
@click.option("--by", "by", required=True, help="Reviewer's handle.")
@click.option("--verdict", type=click.Choice(VERDICTS), required=True)
@click.option("--note", default="")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: today."
)
@click.option(
    "--recorded-by",
    default="",
    metavar="CURATOR",
    help="A curator recording the review on the reviewer's behalf (they open the pull request).",
)
@root_option
def review(
    item: str,
    by: str,
    verdict: str,
    note: str,
    day: dt.datetime | None,
    recorded_by: str,
    root: str | None,
) -> None:
    """Record an SME review of ITEM (appended to curation/reviews/ITEM.yml)."""
    loaded = load(root)
    catalog = loaded.catalog
    target = catalog.items.get(item)
    if target is None:
        raise click.ClickException(f"no item '{item}'")
    problem = reviewer_problem(catalog, target, by)
    if problem:
        raise click.ClickException(f"review refused: {problem}")
    if recorded_by and recorded_by not in curators(catalog):
        raise click.ClickException(
            f"review refused: '{recorded_by}' is not a curator (a community manager), "
            "so cannot record a review on someone's behalf"
        )
    when = day.date() if day else dt.date.today()
    path = append_review(
        loaded.settings.root,
        loaded.settings.curation_dir,
        item,
        by=by,
        day=when,
        verdict=verdict,
        note=note,
        fingerprint=target.fingerprint,  # the newest scheme's
        recorded_by=recorded_by,
    )
    click.echo(path.relative_to(loaded.settings.root).as_posix())
