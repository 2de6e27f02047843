"""The JSON Schemas are generated from the model, and the committed copy is current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import REPO
from workscape.cli import main
from workscape.schema import all_schemas
from workscape.sources.documents import read_document


def test_committed_schemas_are_current() -> None:
    result = CliRunner().invoke(main, ["schema", "--check", "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_schema_check_fails_when_stale(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "--check", "--root", str(tmp_path)]).exit_code == 1
    assert runner.invoke(main, ["schema", "--root", str(tmp_path)]).exit_code == 0
    assert runner.invoke(main, ["schema", "--check", "--root", str(tmp_path)]).exit_code == 0


@pytest.mark.parametrize("kind", ["problem", "answer", "resource", "collection"])
def test_example_front_matter_validates_against_the_schema(kind: str) -> None:
    schema = all_schemas()[f"{kind}.schema.json"]
    files = sorted((REPO / "content" / f"{kind}s").glob("*.md"))
    assert files
    for file in files:
        meta = read_document(file.read_bytes(), file.name).meta
        jsonschema.validate(json.loads(json.dumps(meta, default=str)), schema)


def test_schema_rejects_an_unknown_key() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"title": "x", "author": "a", "colour": "red"}, all_schemas()["problem.schema.json"]
        )
