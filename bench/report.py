"""What a benchmark run prints and saves: the machine, each figure and its target.

A figure that could not be measured is ``NA``; a target is a comparison and a bound,
and the table marks each figure PASS or MISS against it.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

NA = "n/a"

#: The target each figure is held to: (figure, size) -> (comparison, bound). Issue 16's
#: table (build, memory, check, rebuild, search bundle), and the figures already met that
#: are to be kept (history, the git-plugins ratio, search download, readiness and queries).
TARGETS: dict[tuple[str, int], tuple[str, float]] = {
    ("build_ratio_vs_material", 1000): ("<=", 1.0),
    ("build_ratio_vs_material", 10000): ("<=", 1.0),
    ("peak_mem_ratio", 1000): ("<=", 1.5),
    ("peak_mem_ratio", 10000): ("<=", 1.5),
    ("check_seconds", 1000): ("<=", 1.0),
    ("check_seconds", 10000): ("<=", 3.0),
    ("check_warm_seconds", 1000): ("<=", 0.3),
    ("check_warm_seconds", 10000): ("<=", 0.5),
    ("rebuild_fraction", 1000): ("<=", 0.10),
    ("rebuild_fraction", 10000): ("<=", 0.10),
    ("search_bundle_seconds", 10000): ("<=", 1.0),
    ("history_vs_floor", 10000): ("<=", 2.0),
    ("history_speedup", 10000): (">=", 500.0),
    ("build_ratio_vs_git_plugins", 1000): ("<=", 0.15),
    ("search_gzip_mb", 10000): ("<=", 5.0),
    ("search_ready_ms", 10000): ("<=", 1500.0),
    ("search_query_ms", 10000): ("<=", 50.0),
}


def machine() -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return NA

    cpu = NA
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "git": git,
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "workscape": version("workscape"),
        "mkdocs-git-revision-date-localized-plugin": version(
            "mkdocs-git-revision-date-localized-plugin"
        ),
        "mkdocs-git-authors-plugin": version("mkdocs-git-authors-plugin"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def verdict(name: str, size: int, value: Any) -> tuple[str, str]:
    target = TARGETS.get((name, size))
    if target is None:
        return "", ""
    op, bound = target
    text = f"{op} {bound:g}"
    if not isinstance(value, int | float):
        return text, "—"
    ok = value <= bound if op == "<=" else value >= bound
    return text, "PASS" if ok else "MISS"


def targets_of(figures: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each figure's target and verdict by the figure's ``<figure>_<size>`` key."""
    out = {}
    for key, value in figures.items():
        name, _, size = key.rpartition("_")
        if size.isdigit():
            target, mark = verdict(name, int(size), value)
            if target:
                out[key] = {"target": target, "verdict": mark}
    return out


def missing_targets(size: int, measured: dict[str, Any]) -> dict[str, str]:
    """NA for every figure with a target at ``size`` that was not measured, so it shows."""
    return {name: NA for (name, at) in TARGETS if at == size and name not in measured}


def fmt(value: Any) -> str:
    if not isinstance(value, int | float):
        return str(value)
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if value < 1 else f"{value:.2f}"


def print_table(info: dict[str, Any], figures: dict[str, Any], sizes: list[int]) -> None:
    m = info["machine"]
    print()
    print(f"machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu']}, {m['platform']}")
    print(
        f"python {m['python']}, git {m['git']}, mkdocs {m['mkdocs']}, "
        f"mkdocs-material {m['mkdocs-material']}, workscape {m['workscape']}"
    )
    print(
        f"git plugins: git-revision-date-localized {m['mkdocs-git-revision-date-localized-plugin']}"
        f", git-authors {m['mkdocs-git-authors-plugin']}; load average at start "
        f"{m['load_average_at_start']}, at end {m.get('load_average_at_end')}"
    )
    if info["stand_in"]:
        print("STAND-IN: plain Material was built in place of Workscape (harness test)")
    for size in sizes:
        c = info["corpora"][str(size)]
        print(
            f"corpus {size:,}: {c['items']:,} items, {c['commits']:,} commits, "
            f"{c['file_changes']:,} file changes, {c['words']:,} words; "
            f"{'generated in ' + fmt(c['generated_seconds']) + ' s' if c['fresh'] else 'cached'}"
        )
    # Figures without a place in FIGURE_ORDER (extra search detail) go last, by name.
    names = sorted(
        {k.rsplit("_", 1)[0] for k in figures},
        key=lambda n: (FIGURE_ORDER.index(n) if n in FIGURE_ORDER else len(FIGURE_ORDER), n),
    )
    print()
    print(f"{'figure':34}{'size':>8}{'value':>12}  {'target':10}{'':5}")
    for name in names:
        for size in sizes:
            key = f"{name}_{size}"
            if key not in figures:
                continue
            target, mark = verdict(name, size, figures[key])
            print(f"{name:34}{size:>8,}{fmt(figures[key]):>12}  {target:10}{mark:5}")
    for note in info["notes"]:
        print(f"note: {note}")


FIGURE_ORDER = [
    "build_seconds_workscape",
    "build_seconds_material",
    "build_ratio_vs_material",
    "peak_mem_mb_workscape",
    "peak_mem_mb_material",
    "peak_mem_ratio",
    "build_seconds_git_plugins",
    "build_ratio_vs_git_plugins",
    "check_seconds",
    "check_warm_seconds",
    "history_seconds",
    "history_floor_seconds",
    "history_vs_floor",
    "history_perfile_seconds",
    "history_speedup",
    "rebuild_seconds",
    "rebuild_fraction",
    "search_bundle_seconds",
    "search_gzip_mb",
    "search_ready_ms",
    "search_query_ms",
]


def ratio(a: float | None, b: float | None) -> float | str:
    return a / b if isinstance(a, float | int) and isinstance(b, float | int) and b else NA
