"""A rebuild the way ``mkdocs serve --dirty`` makes one equals a clean build of the edited tree.

The rebuild runs in this process, as serve runs it: one plugin instance kept from the
first build (``on_startup``), a fresh config per build, ``build(dirty=True)``; so what
the build keeps between rebuilds (the shared Markdown converter, the compiled templates,
generated files written straight to the site) is exercised. The clean build is
``mkdocs build`` in a fresh process.
"""

from __future__ import annotations

import filecmp
import os
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

import sitekit

SECOND = sitekit.second_problem(
    """\
The breaker trips within a second.[^relay]

[^relay]: The overload relay, set too low.
"""
)


def _differences(one: Path, other: Path) -> list[str]:
    """Files missing on either side or differing in bytes, by relative path."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], at: str) -> None:
        out.extend(f"{at}{n}" for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"{at}{n}" for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(one, other), "")
    return sorted(out)


def test_dirty_rebuild_after_an_edit_equals_a_clean_build(tmp_path: Path) -> None:
    site = sitekit.make_site(tmp_path / "kb", {"content/problems/trips.md": SECOND})
    served = tmp_path / "served"
    config_file = str(site / "mkdocs.yml")
    cwd = Path.cwd()
    os.chdir(site)
    try:
        config = load_config(config_file=config_file, site_dir=str(served))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        problem = site / "content/problems/seal-weeps.md"
        problem.write_text(
            problem.read_text(encoding="utf-8") + "\nThe flush line was blocked.\n",
            encoding="utf-8",
        )
        later = time.time() + 5  # newer than every page the first build wrote
        os.utime(problem, (later, later))
        build(load_config(config_file=config_file, site_dir=str(served)), dirty=True)
    finally:
        os.chdir(cwd)
    page = (served / "problems/seal-weeps/index.html").read_text(encoding="utf-8")
    assert "The flush line was blocked." in page
    other = (served / "problems/trips/index.html").read_text(encoding="utf-8")
    assert "The overload relay, set too low." in other  # its footnote, once
    assert other.count("The overload relay, set too low.") == 1
    clean = tmp_path / "clean"
    result = sitekit.run(["mkdocs", "build", "-q", "-d", str(clean)], site)
    assert result.returncode == 0, result.stderr
    assert _differences(served, clean) == []
