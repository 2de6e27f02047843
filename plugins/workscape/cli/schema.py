"""`workscape schema`: write the JSON Schemas of the file formats."""

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
@root_option
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
