"""The core never imports MkDocs, and the public API is what __all__ says."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "workscape",
    "workscape.model",
    "workscape.errors",
    "workscape.schema",
    "workscape.project",
    "workscape.sanitize",
    "workscape.sources.content",
    "workscape.sources.curation_files",
    "workscape.sources.history",
    "workscape.curation.validation",
    "workscape.curation.reviews",
    "workscape.curation.ratings",
    "workscape.cli",
]


def test_core_and_cli_load_no_mkdocs_module() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_publish_is_the_only_package_that_names_mkdocs() -> None:
    from pathlib import Path

    import workscape

    package = Path(workscape.__file__).parent
    offenders = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "publish" not in p.parts and "import mkdocs" in p.read_text() or (
            "publish" not in p.parts and "from mkdocs" in p.read_text())
    ]  # fmt: skip
    assert offenders == []


def test_exported_members_match_all() -> None:
    import workscape

    assert sorted(workscape.__all__) == sorted(
        n for n in dir(workscape) if not n.startswith("_") and n not in {
            "annotations", "model", "errors", "project", "schema", "sources", "curation",
            "suggest", "sanitize"}
    )  # fmt: skip
