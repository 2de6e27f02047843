"""The JSON Schemas are generated from the model, the committed copies are current, and the
README's format tables say what the declarations say."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import REPO
from workscape.cli import main
from workscape.schema import (
    COMMENT_FIELDS,
    COMMUNITY_FIELDS,
    FEATURED_FIELDS,
    ITEM_FIELDS,
    MODERATION_FIELDS,
    NEWS_FIELDS,
    PERSON_FIELDS,
    POLICY_FIELDS,
    RATING_FIELDS,
    REVIEW_FIELDS,
    TAG_FIELDS,
    Field,
    all_schemas,
)
from workscape.sources.documents import read_document


@pytest.mark.parametrize("folder", ["schemas", "plugins/workscape/schemas"])
def test_committed_schemas_are_current(folder: str) -> None:
    result = CliRunner().invoke(main, ["schema", "--check", "--dir", folder, "--root", str(REPO)])
    assert result.exit_code == 0, result.output


def test_the_package_ships_every_schema() -> None:
    """Adopters who install the package get the schemas: package-data names real files."""
    package = REPO / "plugins" / "workscape"
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["workscape"]
    shipped = {p.relative_to(package).as_posix() for g in patterns for p in package.glob(g)}
    assert all(any(package.glob(g)) for g in patterns), patterns
    assert {f"schemas/{name}" for name in all_schemas()} <= shipped


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


#: The README's "File formats" tables, by the heading above each.
README_TABLES = {
    "Problems": ITEM_FIELDS["problem"],
    "Answers": ITEM_FIELDS["answer"],
    "Resources": ITEM_FIELDS["resource"],
    "Collections": ITEM_FIELDS["collection"],
    "Taxonomy": TAG_FIELDS,
    "Communities": COMMUNITY_FIELDS,
    "People": PERSON_FIELDS,
    "Reviews": REVIEW_FIELDS,
    "Ratings": RATING_FIELDS,
    "Featured": FEATURED_FIELDS,
    "Policy": POLICY_FIELDS,
    "Comments": COMMENT_FIELDS,
    "News": NEWS_FIELDS,
    "Moderation": MODERATION_FIELDS,
}


def _table(fields: tuple[Field, ...]) -> list[str]:
    rows = ["| key | required | meaning |", "|---|---|---|"]
    for f in fields:
        extra = f" One of: {', '.join(f.choices)}." if f.choices and f.name != "type" else ""
        rows.append(f"| `{f.name}` | {'yes' if f.required else ''} | {f.doc}{extra} |")
    return rows


def _readme_tables() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    heading = None
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = (
                line.removeprefix("#### ").partition(":")[0] if line.startswith("####") else None
            )
        elif heading and line.startswith("|"):
            tables.setdefault(heading, []).append(line)
    return tables


def test_the_readme_lists_every_key_of_every_format_as_declared() -> None:
    tables = _readme_tables()
    assert set(tables) == set(README_TABLES)
    for heading, fields in README_TABLES.items():
        expected = _table(fields)
        assert tables[heading] == expected, f"README, {heading}: paste\n" + "\n".join(expected)
