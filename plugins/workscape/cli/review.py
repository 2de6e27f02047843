"""`workscape review`: record an SME review, or list what waits for one (``--queue``)."""

from __future__ import annotations

import datetime as dt

import click

from ..insights.review_queue import Waiting, is_reviewer, queue_for
from ..model import VERDICTS, Catalog
from ..project import Loaded
from ..rules.reviews import reviewer_problem
from ..rules.statements import curators
from ..sources.records import append_review
from ..suggest import did_you_mean
from .common import load, root_option


@click.command()
@click.argument("item", required=False)
@click.option("--by", "by", help="Reviewer's handle (required to record a review).")
@click.option("--verdict", type=click.Choice(VERDICTS), help="Required to record a review.")
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
@click.option(
    "--queue",
    "queue",
    metavar="HANDLE",
    default=None,
    help="List what waits for HANDLE's review, most-read first, instead of recording one.",
)
@root_option
def review(
    item: str | None,
    by: str | None,
    verdict: str | None,
    note: str,
    day: dt.datetime | None,
    recorded_by: str,
    queue: str | None,
    root: str | None,
) -> None:
    """Record an SME review of ITEM (appended to curation/reviews/ITEM.yml).

    With --queue HANDLE, list instead what waits for HANDLE's review: the items they
    may review that nobody reviewed, that changed since or outlived their approval,
    or that a reviewer sent back; the same queue as the site's /review/ page.
    """
    if queue is not None:
        if item or by or verdict:
            raise click.UsageError(
                "--queue lists a queue; give ITEM, --by and --verdict without it"
            )
        show_queue(load(root), queue)
        return
    missing = [
        name for name, value in (("ITEM", item), ("--by", by), ("--verdict", verdict)) if not value
    ]
    if missing:
        raise click.UsageError(
            f"recording a review needs {', '.join(missing)} (or use --queue HANDLE)"
        )
    assert item and by and verdict  # checked just above, for the type checker
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


def show_queue(loaded: Loaded, handle: str) -> None:
    """Print what waits for ``handle``, most-read first, each with why and where to read it."""
    catalog = loaded.catalog  # the whole catalog: an item held back waits for review too
    person = catalog.people.get(handle)
    if person is None:
        hint = did_you_mean(handle, catalog.people, "Handles are listed in people.yml.")
        raise click.ClickException(f"no person '{handle}' in people.yml; {hint}")
    if not is_reviewer(catalog, handle):
        click.echo(
            f"{person.name} ({handle}) is neither an SME of a tag nor a community manager, "
            "so nothing waits for their review."
        )
        return
    rows = queue_for(catalog, handle)
    if not rows:
        click.echo(f"Nothing waits for {person.name}'s review ({handle}).")
        return
    count = f"{len(rows)} item{'s' if len(rows) != 1 else ''} wait{'s' if len(rows) == 1 else ''}"
    click.echo(f"{count} for {person.name}'s review ({handle}), most-read first:")
    for row in rows:
        click.echo("")
        for line in _row_lines(catalog, loaded, row):
            click.echo(line)
    click.echo("")
    click.echo(
        f"Record a verdict: workscape review ITEM --by {handle} "
        "--verdict approved|changes-requested|disputed --note '...'"
    )


def _row_lines(catalog: Catalog, loaded: Loaded, row: Waiting) -> list[str]:
    item = row.item
    views = f"{row.views} view{'s' if row.views != 1 else ''}"
    where = (
        f"held back from the site until approved: {item.path}"
        if item.id in loaded.held_back_why
        else _url(loaded, catalog, row)
    )
    return [
        f"{item.id}  ({item.type}, {views})",
        f"  {item.display_title}",
        f"  {row.why[:1].upper()}{row.why[1:]}.",
        f"  {where}",
    ]


def _url(loaded: Loaded, catalog: Catalog, row: Waiting) -> str:
    """Where the item is read on the site (an answer: on its problem's page)."""
    item = row.item
    path = item.url_path
    problem = catalog.items.get(item.problem or "")
    if item.type == "answer" and problem is not None:
        path = f"{problem.url_path}#answer-{item.id}"
    site = loaded.settings.site_url.rstrip("/")
    return f"{site}/{path}" if site else f"/{path}"
