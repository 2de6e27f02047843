"""What a benchmark run prints and saves: the machine, each figure and its target.

A figure that could not be measured is ``NA``; a target is a comparison and a bound
(or "measured": shown without a bound, as issue 16's table asks for some figures), and
the table marks each figure PASS or MISS against it.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

NA = "n/a"
#: A figure the issue asks to see without a bound ("measured"): shown, never judged.
MEASURED = ("measured", 0.0)
PHONE_FIGURES = [
    f"phone_kb_{page}{side}" for side in ("", "_material") for page in ("home", "problem", "search")
]
SIZES = (1000, 10000, 50000)  #: make bench: 1,000 and 10,000; make bench-50k: 50,000

#: The target each figure is held to: (figure, size) -> (comparison, bound). The bound is
#: a number, or the key of another figure (the 50,000-item memory per 1,000 items against
#: the 10,000-item run's). Issue 16's table (build, memory, check cold and warm, rebuild,
#: search bundle, download and query, phone bytes), and the figures already met that are
#: to be kept (history, the git-plugins ratio, search readiness at 10,000).
TARGETS: dict[tuple[str, int], tuple[str, float | str]] = {
    ("build_ratio_vs_material", 1000): ("<=", 1.0),
    ("build_ratio_vs_material", 10000): ("<=", 1.0),
    ("build_ratio_vs_material", 50000): MEASURED,
    ("peak_mem_ratio", 1000): ("<=", 1.5),
    ("peak_mem_ratio", 10000): ("<=", 1.5),
    ("peak_mem_ratio", 50000): MEASURED,
    ("peak_mem_mb_per_1000_items", 1000): MEASURED,
    ("peak_mem_mb_per_1000_items", 10000): MEASURED,
    ("peak_mem_mb_per_1000_items", 50000): ("<=", "peak_mem_mb_per_1000_items_10000"),
    ("check_seconds", 1000): ("<=", 1.0),
    ("check_seconds", 10000): ("<=", 3.0),
    ("check_seconds", 50000): MEASURED,
    ("check_warm_seconds", 1000): ("<=", 0.3),
    ("check_warm_seconds", 10000): ("<=", 0.5),
    ("check_warm_seconds", 50000): MEASURED,
    ("rebuild_fraction", 1000): ("<=", 0.10),
    ("rebuild_fraction", 10000): ("<=", 0.10),
    ("search_bundle_seconds", 10000): ("<=", 1.0),
    ("search_bundle_seconds", 50000): ("<=", 5.0),
    ("search_gzip_mb", 10000): ("<=", 5.0),
    ("search_gzip_mb", 50000): ("<=", 5.0),
    ("search_query_ms", 10000): ("<=", 50.0),
    ("search_query_ms", 50000): ("<=", 50.0),
    ("search_ready_ms", 10000): ("<=", 1500.0),
    ("history_vs_floor", 10000): ("<=", 2.0),
    ("history_speedup", 10000): (">=", 500.0),
    ("build_ratio_vs_git_plugins", 1000): ("<=", 0.15),
    **{(name, size): MEASURED for name in PHONE_FIGURES for size in SIZES},
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


def verdict(
    name: str, size: int, value: Any, figures: dict[str, Any] | None = None
) -> tuple[str, str]:
    """The target's text and PASS or MISS; "—" when the figure (or its bound) is missing,
    "" for a figure that is only measured. ``figures`` resolves a bound that is a key."""
    target = TARGETS.get((name, size))
    if target is None:
        return "", ""
    op, bound = target
    if op == "measured":
        return op, "" if isinstance(value, int | float) else "—"
    if isinstance(bound, str):
        ref = (figures or {}).get(bound)
        at = bound.rpartition("_")[2]
        if not isinstance(ref, int | float):
            return f"{op} the {int(at):,} figure", "—"
        bound = ref
        text = f"{op} {fmt(bound)} ({int(at):,})"
    else:
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
            target, mark = verdict(name, int(size), value, figures)
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
        r = info["runs"][str(size)]
        print(
            f"corpus {size:,}: {c['items']:,} items, {c['commits']:,} commits, "
            f"{c['file_changes']:,} file changes, {c['words']:,} words; "
            f"{'generated in ' + fmt(c['generated_seconds']) + ' s' if c['fresh'] else 'cached'}"
        )
        print(
            f"  {r['builds']} timed build(s) per configuration"
            f"{' after a warm-up' if r['warm_up'] else ', no warm-up'}, "
            f"git plugins {r['git_plugins']}; commit {r['commit']}, {r['started']}, "
            f"{fmt(r['seconds'] / 60)} min"
        )
    # Figures without a place in FIGURE_ORDER (extra search detail) go last, by name.
    names = sorted(
        {k.rsplit("_", 1)[0] for k in figures},
        key=lambda n: (FIGURE_ORDER.index(n) if n in FIGURE_ORDER else len(FIGURE_ORDER), n),
    )
    print()
    print(f"{'figure':34}{'size':>8}{'value':>12}  {'target':20}{'':5}")
    for name in names:
        for size in sizes:
            key = f"{name}_{size}"
            if key not in figures:
                continue
            target, mark = verdict(name, size, figures[key], figures)
            print(f"{name:34}{size:>8,}{fmt(figures[key]):>12}  {target:20}{mark:5}".rstrip())
    for size in sizes:
        for note in sorted(set(info["notes"].get(str(size), []))):
            print(f"note ({size:,}): {note}")


FIGURE_ORDER = [
    "build_seconds_workscape",
    "build_seconds_material",
    "build_ratio_vs_material",
    "peak_mem_mb_workscape",
    "peak_mem_mb_material",
    "peak_mem_ratio",
    "peak_mem_mb_per_1000_items",
    "peak_mem_mb_workscape_wait4",
    "peak_mem_mb_workscape_tree",
    "peak_mem_mb_material_wait4",
    "peak_mem_mb_material_tree",
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
    *PHONE_FIGURES,
]


def ratio(a: float | None, b: float | None) -> float | str:
    return a / b if isinstance(a, float | int) and isinstance(b, float | int) and b else NA
