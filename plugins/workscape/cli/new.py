"""`workscape new`: scaffold a valid item file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model import ITEM_TYPES, RESOURCE_FORMATS, ItemType
from ..names import slugify
from ..project import load_project
from ..sources import scaffold
from ..sources.atomic import FileExists, create_file
from ..sources.settings import find_root, read_settings
from .common import emit, root_option


@click.command()
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
@root_option
def new(
    kind: ItemType,
    item_id: str | None,
    title: str | None,
    author: str | None,
    tags: str | None,
    community: str | None,
    problem: str | None,
    url: str | None,
    fmt: str | None,
    items: str | None,
    root: str | None,
) -> None:
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
        item_id = slugify(base)
    if not item_id:
        raise click.UsageError("give --id or --title")
    meta = {
        "title": title,
        "author": author,
        "problem": problem,
        "tags": _split(tags),
        "community": community,
        "url": url,
        "format": fmt,
        "items": _split(items),
    }
    rel = scaffold.item_path(settings.docs_dir, kind, item_id)
    try:
        create_file(settings.root / rel, scaffold.item_text(kind, meta))
    except FileExists:
        raise click.ClickException(f"{rel} already exists; choose another --id") from None
    click.echo(rel)
    loaded = load_project(settings=settings)
    mine = [f for f in loaded.findings if f.path == rel]
    emit(mine, "text")
    if any(f.severity == "error" for f in mine):
        click.echo(f"{rel} was created; fix the findings above before committing.", err=True)
        sys.exit(1)


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]
