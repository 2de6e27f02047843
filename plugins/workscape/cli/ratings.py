"""`workscape ratings ingest | import`: record ratings sent from outside the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import Finding, IntakeError, WorkscapeError, errors_in
from ..github.events import read_issue_event
from ..github.intake import (
    AcceptedRating,
    Outcome,
    decide_rating,
    newer_rating,
    rating_from_issue,
    rating_reply,
)
from ..model import Rating
from ..project import Loaded
from ..sources.atomic import replace_file
from ..sources.rating_exports import read_rating_export
from ..sources.records import rating_path, write_rating
from .common import emit, load, root_option


@click.group()
def ratings() -> None:
    """Record ratings from the GitHub issue form or a form tool's export."""


@ratings.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option(
    "--reply",
    "reply_file",
    type=click.Path(dir_okay=False),
    help="Write the reply for the issue (Markdown) to this file.",
)
@root_option
def ingest(event: str, reply_file: str | None, root: str | None) -> None:
    """Record the rating in a GitHub `issues` EVENT (JSON) sent by the Rate form.

    The rater is the issue's author (issue.user.login) mapped to a handle through
    the `github:` field in people.yml. Exit status: 0 recorded (or already
    recorded: a re-run changes nothing), 1 refused (the reply says why: unknown
    person or item, bad stars, self-rating), 2 the event or project could not be
    read (nothing decided; the workflow leaves the issue open).
    """
    try:
        loaded = load(root)
        _require_people(loaded)
        issue = read_issue_event(Path(event))
        # Held-back items are not on the site: their ratings are refused like those of
        # items that do not exist, and no reply names them (see Loaded.published).
        accepted = rating_from_issue(loaded.published(), issue)
    except IntakeError as refusal:
        _write_reply(reply_file, str(refusal))
        click.echo(f"refused: {refusal}", err=True)
        sys.exit(1)
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(2)
    outcome, rel, newer = record(loaded, accepted)
    _write_reply(reply_file, rating_reply(accepted, outcome, rel, newer))
    click.echo(f"{outcome}: {rel}")


@ratings.command("import")
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--date-format",
    default=None,
    help="strptime format of the timestamp column when it is not ISO 8601, e.g. '%d/%m/%Y %H:%M'.",
)
@root_option
def import_(export: str, date_format: str | None, root: str | None) -> None:
    """Record the ratings in a form tool's CSV EXPORT, with the same rules as `ingest`.

    Columns: timestamp, email (the form tool's authenticated address, mapped to a
    handle through `emails:` in people.yml), item, stars, comment. Rows are
    applied oldest first, so a re-rating replaces the earlier one, and importing
    the same export again changes nothing. Refused rows are reported with their
    line and the import exits 1; the other rows are recorded.
    """
    loaded = load(root)
    _require_people(loaded)
    catalog = loaded.published()  # held-back items take no ratings, as in `ingest`
    rows, findings = read_rating_export(Path(export), export, date_format)
    counts = dict.fromkeys(("recorded", "unchanged", "kept-newer", "refused"), 0)
    for row in sorted(rows, key=lambda r: (r.day, r.line)):
        try:
            accepted = decide_rating(
                catalog,
                catalog.person_by_email.get(row.email.lower()),
                identity=f"The email address {row.email or '(none)'}",
                item_text=row.item,
                stars_text=row.stars,
                comment=row.comment,
                day=row.day,
            )
        except IntakeError as refusal:
            counts["refused"] += 1
            findings.append(Finding.error(export, (row.line, 1), "rating-refused", str(refusal)))
            continue
        outcome, rel, _newer = record(loaded, accepted)
        counts[outcome] += 1
        if outcome == "recorded":
            click.echo(rel)
    emit(sorted(findings))
    click.echo(
        f"{counts['recorded']} recorded, {counts['unchanged']} already recorded, "
        f"{counts['kept-newer']} older than a recorded re-rating, "
        f"{counts['refused']} refused, {len(findings) - counts['refused']} unreadable",
        err=True,
    )
    if errors_in(findings):
        sys.exit(1)


def record(loaded: Loaded, accepted: AcceptedRating) -> tuple[Outcome, str, Rating | None]:
    """Write an accepted rating unless the person's recorded one is newer."""
    root, curation_dir = loaded.settings.root, loaded.settings.curation_dir
    item, handle = accepted.item.id, accepted.person.handle
    rel = rating_path(root, curation_dir, item, handle).relative_to(root).as_posix()
    newer = newer_rating(loaded.catalog, accepted)
    if newer is not None:
        return "kept-newer", rel, newer
    _path, changed = write_rating(
        root,
        curation_dir,
        item,
        handle,
        stars=accepted.stars,
        day=accepted.day,
        comment=accepted.comment,
    )
    return ("recorded" if changed else "unchanged"), rel, None


def _require_people(loaded: Loaded) -> None:
    """Refuse to decide on identities while people.yml itself is broken."""
    people = f"{loaded.settings.curation_dir}/people.yml"
    broken = [f for f in loaded.errors if f.path == people]
    if broken:
        raise WorkscapeError(
            f"{people} has errors, so nobody's identity can be trusted; fix them first", broken
        )


def _write_reply(reply_file: str | None, text: str) -> None:
    if reply_file:
        replace_file(Path(reply_file), text + "\n")
