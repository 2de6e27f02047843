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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_publish_is_the_only_package_that_names_mkdocs() -> None:
    import re
    from pathlib import Path

    import workscape

    package = Path(workscape.__file__).parent
    importing = re.compile(r"^\s*(?:import|from)\s+mkdocs\b", re.MULTILINE)
    offenders = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "publish" not in p.parts and importing.search(p.read_text())
    ]
    assert offenders == []


def test_exported_members_match_all() -> None:
    import types

    import workscape

    public = {
        name
        for name in dir(workscape)
        if not name.startswith("_")
        and name != "annotations"
        and not isinstance(getattr(workscape, name), types.ModuleType)
    }
    assert sorted(workscape.__all__) == sorted(public)
    for name in workscape.__all__:
        assert getattr(workscape, name).__module__.startswith("workscape.")
