"""`workscape import`: existing knowledge in, as a dry run unless --write."""

from __future__ import annotations

import sys
import xml.parsers.expat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import yaml

from ..errors import Finding, ProjectError
from ..importers import markdown_files, spreadsheet, stackexchange
from ..importers.plan import Draft, Mapper, plan, write_all
from ..project import Loaded, load_project
from .common import emit, load, root_option

Command = TypeVar("Command", bound=Callable[..., Any])


@click.group(name="import")
def import_() -> None:
    """Bring in existing knowledge: a Q&A site's dump, documents, a spreadsheet.

    Each importer is a dry run that lists what it would write; --write writes it.
    Running again updates what an earlier run wrote (found by `source:`), never duplicates.
    """


def _common(f: Command) -> Command:
    for option in reversed(
        [
            click.option(
                "--write", is_flag=True, help="Write the files (default: only list them)."
            ),
            click.option(
                "--people",
                "people_file",
                type=click.Path(dir_okay=False, exists=True, path_type=Path),
                help="YAML mapping of old user ids or names to handles in people.yml.",
            ),
            click.option(
                "--tag",
                "tag_pairs",
                multiple=True,
                metavar="OLD=TAG",
                help="Map an old tag onto a taxonomy tag (repeatable).",
            ),
            click.option(
                "--unknown-author",
                metavar="HANDLE",
                help="Write items by unmapped people under this handle, naming them in the body.",
            ),
            click.option("--community", help="Community for items whose tags name none."),
            root_option,
        ]
    ):
        f = option(f)
    return f


def _mapper(loaded: Loaded, people_file: Path | None, tag_pairs: tuple[str, ...]) -> Mapper:
    people: dict[str, str] = {}
    if people_file:
        data = yaml.safe_load(people_file.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise click.BadParameter(
                "must be a mapping of old ids or names to handles", param_hint="--people"
            )
        people = {str(k): str(v) for k, v in data.items()}
    tags = {}
    for pair in tag_pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise click.BadParameter(f"{pair!r} is not OLD=TAG", param_hint="--tag")
        tags[old] = new
    known = loaded.catalog.people
    strangers = sorted({h for h in people.values() if h not in known})
    if strangers:
        raise click.BadParameter(
            f"maps onto {', '.join(map(repr, strangers))}, not in people.yml; add them there first",
            param_hint="--people",
        )
    return Mapper(loaded, people, tags)


def _known_handle(loaded: Loaded, handle: str | None, flag: str) -> None:
    if handle and handle not in loaded.catalog.people:
        raise click.BadParameter(f"'{handle}' is not a handle in people.yml", param_hint=flag)


def _finish(
    loaded: Loaded,
    drafts: list[Draft],
    findings: list[Finding],
    skipped: dict[str, int],
    write: bool,
) -> None:
    """List (or write) the planned files with progress, report what was not mapped."""
    writes = plan(loaded, drafts)
    total = len(writes)
    for n, w in enumerate(writes, 1):
        click.echo(f"[{n}/{total}] {w.action} {w.path}  <- {w.source}")
    emit(findings)
    for reason, count in sorted(skipped.items()):
        click.echo(f"left out: {count} {reason}", err=True)
    changed = sum(w.action != "unchanged" for w in writes)
    if not write:
        click.echo(
            f"dry run: {changed} of {total} files would be written; --write writes them", err=True
        )
        return
    written = write_all(loaded.settings.root, writes)
    click.echo(f"wrote {written} of {total} files", err=True)
    after = load_project(settings=loaded.settings)
    mine = {w.path for w in writes}
    problems = [f for f in after.findings if f.path in mine]
    emit(problems)
    if any(f.severity == "error" for f in problems):
        click.echo("the imported files above need fixing before they are committed", err=True)
        sys.exit(1)


@import_.command(name="stackexchange")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--site-url", default="", help="The old site's address: sources become its URLs.")
@_common
def stackexchange_command(
    folder: Path,
    site_url: str,
    write: bool,
    people_file: Path | None,
    tag_pairs: tuple[str, ...],
    unknown_author: str | None,
    community: str | None,
    root: str | None,
) -> None:
    """Questions and answers from a Stack Exchange data dump (Posts.xml, Users.xml, Tags.xml)."""
    loaded = load(root)
    _known_handle(loaded, unknown_author, "--unknown-author")
    for name in ("Posts.xml", "Users.xml"):
        if not (folder / name).is_file():
            raise click.ClickException(
                f"{folder / name} is missing: a data dump has Posts.xml and Users.xml"
            )
    options = stackexchange.Options(site_url, unknown_author, community)
    try:
        result = stackexchange.read(folder, _mapper(loaded, people_file, tag_pairs), options)
    except xml.parsers.expat.ExpatError as exc:
        raise ProjectError(
            "the dump is not well-formed XML",
            [
                Finding.error(
                    str(folder),
                    (exc.lineno, exc.offset + 1),
                    "import-bad-xml",
                    f"not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}",
                    "export the dump again, or fix the file at this line",
                )
            ],
        ) from None
    _finish(loaded, result.drafts, result.findings, dict(result.skipped), write)


@import_.command(name="markdown")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--as",
    "kind",
    type=click.Choice(["resource", "problem"]),
    required=True,
    help="What each document becomes.",
)
@click.option(
    "--author", metavar="HANDLE", help="Author of documents whose front matter names none."
)
@click.option(
    "--map",
    "key_pairs",
    multiple=True,
    metavar="KEY=FIELD",
    help="Map a foreign front-matter key onto a field (author, tags, date, description).",
)
@click.option("--base-url", default="", help="The old site's address: sources become its URLs.")
@_common
def markdown_command(
    folder: Path,
    kind: str,
    author: str | None,
    key_pairs: tuple[str, ...],
    base_url: str,
    write: bool,
    people_file: Path | None,
    tag_pairs: tuple[str, ...],
    unknown_author: str | None,
    community: str | None,
    root: str | None,
) -> None:
    """A folder of Markdown or exported HTML documents (a wiki, a docs site, notes)."""
    if kind == "resource" and not base_url:
        raise click.UsageError(
            "--as resource needs --base-url: a resource's url is where the document lives"
        )
    loaded = load(root)
    _known_handle(loaded, unknown_author, "--unknown-author")
    _known_handle(loaded, author, "--author")
    keys = {}
    for pair in key_pairs:
        old, sep, new = pair.partition("=")
        if not sep or new not in markdown_files.MAPPABLE:
            raise click.BadParameter(
                f"{pair!r}: give KEY=FIELD, FIELD one of {', '.join(markdown_files.MAPPABLE)}",
                param_hint="--map",
            )
        keys[old] = new
    options = markdown_files.Options(
        kind="problem" if kind == "problem" else "resource",
        author=author,
        keys=keys,
        base_url=base_url,
        unknown_author=unknown_author,
        community=community,
    )
    result = markdown_files.read(folder, _mapper(loaded, people_file, tag_pairs), options, loaded)
    _finish(loaded, result.drafts, result.findings, dict(result.skipped), write)


@import_.command(name="csv")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--title-column", default="title", show_default=True)
@click.option("--question-column", default="question", show_default=True)
@click.option("--answer-column", default="answer", show_default=True)
@click.option("--author-column", default="author", show_default=True)
@click.option("--answerer-column", default="answered_by", show_default=True)
@click.option("--tags-column", default="tags", show_default=True)
@click.option("--date-column", default="date", show_default=True)
@click.option(
    "--source-column", default="", help="A column with each row's old URL (default: FILE#row)."
)
@_common
def csv_command(
    file: Path,
    title_column: str,
    question_column: str,
    answer_column: str,
    author_column: str,
    answerer_column: str,
    tags_column: str,
    date_column: str,
    source_column: str,
    write: bool,
    people_file: Path | None,
    tag_pairs: tuple[str, ...],
    unknown_author: str | None,
    community: str | None,
    root: str | None,
) -> None:
    """Question and answer rows of a spreadsheet saved as CSV, by named columns."""
    loaded = load(root)
    _known_handle(loaded, unknown_author, "--unknown-author")
    columns = spreadsheet.Columns(
        title=title_column,
        question=question_column,
        answer=answer_column,
        author=author_column,
        answerer=answerer_column,
        tags=tags_column,
        date=date_column,
        source=source_column,
    )
    result = spreadsheet.read(
        file, columns, _mapper(loaded, people_file, tag_pairs), unknown_author, community
    )
    _finish(loaded, result.drafts, result.findings, dict(result.skipped), write)
