"""The ``workscape`` command: a thin shell over the core.

Every subcommand loads the same catalog the site is built from, prints findings
in the ``path:line:col: severity code: message`` form and exits 1 on errors.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click

from . import scaffold
from .curation.reviews import reviewer_problem
from .errors import Finding, WorkscapeError
from .model import ITEM_TYPES, RESOURCE_FORMATS, VERDICTS, ItemType, content_fingerprint
from .project import Loaded, load_project
from .schema import all_schemas
from .sources.atomic import FileExists, create_file, replace_file
from .sources.records import append_review
from .sources.settings import find_root, read_settings

SCHEMA_DIR = "schemas"


def _load(root: str | None) -> Loaded:
    return load_project(Path(root) if root else None)


def _emit(findings: list[Finding], fmt: str) -> None:
    for finding in findings:
        click.echo(finding.format_github() if fmt == "github" else finding.format())


def _root_option(f):  # type: ignore[no-untyped-def]
    return click.option("--root", type=click.Path(file_okay=False), default=None,
                        help="Project folder (default: nearest mkdocs.yml).")(f)  # fmt: skip


@click.group()
@click.version_option(package_name="workscape")
def main() -> None:
    """Workscape: a curated social-learning site from a git repository of Markdown."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="github: print GitHub Actions annotations.")  # fmt: skip
@_root_option
def check(paths: tuple[str, ...], strict: bool, fmt: str, root: str | None) -> None:
    """Validate the project; with PATHS, report on those files only.

    The whole catalog is always read, so references resolve; only the findings
    for PATHS are shown, which keeps a pre-commit hook quiet about other files.
    """
    loaded = _load(root)
    findings = loaded.findings
    if paths:
        wanted = [_relative(p, loaded.settings.root) for p in paths]
        findings = [f for f in findings if any(f.path == w or f.path.startswith(w.rstrip("/") + "/")
                                               for w in wanted)]  # fmt: skip
    _emit(findings, fmt)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if loaded.held_back and not paths:
        click.echo(f"held back from the site (critical, not currently approved): "
                   f"{', '.join(loaded.held_back)}", err=True)  # fmt: skip
    files = len({f.path for f in findings})
    click.echo(f"{errors} error(s), {warnings} warning(s) in {files} file(s); "
               f"{len(loaded.catalog.items)} items checked", err=True)  # fmt: skip
    if errors or (strict and warnings):
        sys.exit(1)


def _relative(path: str, root: Path) -> str:
    full = Path(path).resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


@main.command()
@click.argument("kind", type=click.Choice(ITEM_TYPES))
@click.option("--id", "item_id", help="Id (and file name); default: from the title.")
@click.option("--title")
@click.option("--author", help="Your handle in people.yml.")
@click.option("--tags", help="Comma-separated taxonomy tags.")
@click.option("--community")
@click.option("--problem", help="answers: the problem's id.")
@click.option("--url", help="resources: where it lives.")
@click.option("--format", "fmt", type=click.Choice(RESOURCE_FORMATS), help="resources.")
@click.option("--items", help="collections: comma-separated ids, in order.")
@_root_option
def new(kind: ItemType, item_id: str | None, title: str | None, author: str | None,
        tags: str | None, community: str | None, problem: str | None, url: str | None,
        fmt: str | None, items: str | None, root: str | None) -> None:  # fmt: skip
    """Create a valid new item file; never overwrites one."""
    settings = read_settings(find_root(Path(root) if root else Path.cwd()))
    ask = sys.stdin.isatty()

    def need(value: str | None, prompt: str) -> str | None:
        if value is None and ask:
            return click.prompt(prompt, default="", show_default=False) or None
        return value

    if kind != "answer":
        title = need(title, "Title")
    author = need(author, "Your handle")
    if kind == "answer":
        problem = need(problem, "Problem id")
    if kind == "resource":
        url = need(url, "URL")
        fmt = fmt or (click.prompt("Format", type=click.Choice(RESOURCE_FORMATS)) if ask else None)
    if kind == "collection":
        items = need(items, "Item ids, comma-separated")
    tags = need(tags, "Tags, comma-separated")
    if not item_id:
        base = title or (f"{problem}-answer-{author}" if problem and author else "")
        item_id = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:60].strip("-")
    if not item_id:
        raise click.UsageError("give --id or --title")
    meta = {
        "title": title, "author": author,
        "problem": problem,
        "tags": _split(tags), "community": community,
        "url": url, "format": fmt, "items": _split(items),
    }  # fmt: skip
    rel = scaffold.item_path(settings.docs_dir, kind, item_id)
    try:
        create_file(settings.root / rel, scaffold.item_text(kind, meta))
    except FileExists:
        raise click.ClickException(f"{rel} already exists; choose another --id") from None
    click.echo(rel)
    loaded = load_project(settings=settings)
    mine = [f for f in loaded.findings if f.path == rel]
    _emit(mine, "text")
    if any(f.severity == "error" for f in mine):
        click.echo(f"{rel} was created; fix the findings above before committing.", err=True)
        sys.exit(1)


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@main.command()
@click.argument("item")
@click.option("--by", "by", required=True, help="Reviewer's handle.")
@click.option("--verdict", type=click.Choice(VERDICTS), required=True)
@click.option("--note", default="")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Default: today.")  # fmt: skip
@_root_option
def review(item: str, by: str, verdict: str, note: str, day: dt.datetime | None,
           root: str | None) -> None:  # fmt: skip
    """Record an SME review of ITEM (appended to curation/reviews/ITEM.yml)."""
    loaded = _load(root)
    catalog = loaded.catalog
    target = catalog.items.get(item)
    if target is None:
        raise click.ClickException(f"no item '{item}'")
    problem = reviewer_problem(catalog, target, by)
    if problem:
        raise click.ClickException(f"review refused: {problem}")
    when = day.date() if day else dt.date.today()
    path = append_review(loaded.settings.root, loaded.settings.curation_dir, item, by=by,
                         day=when, verdict=verdict, note=note,
                         fingerprint=content_fingerprint(target.title, target.body))  # fmt: skip
    click.echo(path.relative_to(loaded.settings.root).as_posix())


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed copy is stale.")
@_root_option
def schema(check_only: bool, root: str | None) -> None:
    """Write the JSON Schemas of every file format to schemas/."""
    base = find_root(Path(root) if root else Path.cwd()) / SCHEMA_DIR
    stale = []
    for name, document in all_schemas().items():
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        path = base / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check_only:
                replace_file(path, text)
    if check_only and stale:
        raise click.ClickException(f"stale schemas: {', '.join(stale)}; run `workscape schema`")
    click.echo(f"{len(stale)} schema file(s) {'stale' if check_only else 'written'}")


def run() -> None:
    """Entry point that turns our errors into messages, never tracebacks."""
    try:
        code = main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except WorkscapeError as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
