"""The core imports neither MkDocs nor publish, github, cli; the API is what __all__ says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "workscape",
    "workscape.model",
    "workscape.errors",
    "workscape.schema",
    "workscape.project",
    "workscape.publish.sanitize",
    "workscape.sources.content",
    "workscape.sources.curation_files",
    "workscape.sources.history",
    "workscape.rules.validation",
    "workscape.rules.reviews",
    "workscape.rules.ratings",
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


#: The core: what a catalog is, how it is read, what is checked and computed from it.
CORE = (
    "model",
    "errors",
    "schema",
    "suggest",
    "patterns",
    "names",
    "interface_language",
    "project",
    "pull_request",
    "sources",
    "rules",
    "insights",
    "search",
)
#: The outer layers, each a user of the core: MkDocs, the GitHub loop, the command.
OUTER = ("publish", "github", "cli", "starter", "importers")


def _package_modules() -> dict[str, Path]:
    import workscape

    package = Path(workscape.__file__).parent
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        name = ".".join(("workscape", *parts)).removesuffix(".__init__")
        modules[name] = path
    return modules


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "workscape"


def test_every_module_is_in_the_core_or_an_outer_layer() -> None:
    unplaced = [m for m in _package_modules() if _layer(m) not in ("workscape", *CORE, *OUTER)]
    assert unplaced == [], "add each new folder or top-level module to CORE or OUTER"


def test_the_core_imports_no_outer_layer_not_even_inside_a_function() -> None:
    import ast

    offenders = []
    for module, path in _package_modules().items():
        if _layer(module) in OUTER:
            continue
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = [node.module or ""]
                if node.level:
                    base = [*package[: len(package) - node.level + 1], *base[0].split(".")]
                target = ".".join(part for part in base if part)
                targets = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            else:
                continue
            offenders += [
                f"{module}:{node.lineno} imports {t}"
                for t in targets
                if t.startswith("workscape.") and _layer(t) in OUTER
            ]
    assert offenders == []


def test_loading_the_whole_core_loads_no_outer_layer_and_no_mkdocs() -> None:
    core = [m for m in _package_modules() if _layer(m) in ("workscape", *CORE)]
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        f"outer = {OUTER!r}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'\n"
        "                or (m.startswith('workscape.') and m.split('.')[1] in outer))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
