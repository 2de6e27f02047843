"""`workscape schema`: write the JSON Schemas of the file formats.

A project's editors read them from its ``schemas/``; Workscape's own repository also
keeps the copy the package ships (``plugins/workscape/schemas/``, ``make schema``).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..schema import all_schemas
from ..sources.atomic import replace_file
from ..sources.settings import find_root
from .common import root_option

SCHEMA_DIR = "schemas"


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Fail if the committed copy is stale.")
@click.option(
    "--dir",
    "folder",
    default=SCHEMA_DIR,
    show_default=True,
    help="The folder to write, relative to the project's root.",
)
@root_option
def schema(check_only: bool, folder: str, root: str | None) -> None:
    """Write the JSON Schemas of every file format to schemas/ (or --dir)."""
    base = find_root(Path(root) if root else Path.cwd()) / folder
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
