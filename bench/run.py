"""Workscape's benchmark (`make bench`, `make bench-50k`): ratios against plain Material.

For each size it builds (or reuses) a corpus with bench/corpus.py, writes one mkdocs.yml
per configuration into it, and measures, as medians:

- full builds, each in a fresh ``python -m mkdocs build`` process, interleaved, after a
  warm-up build each; with ``--no-warm-up`` (the default at 50,000, where the issue asks
  for one run each) there is no warm-up build, and the search bundle and history probes
  and the git floor make no warm-up call either, so each is timed once (``workscape
  check`` keeps its own warm-up, which the warm figure needs). The corpus files are read
  once beforehand either way, so the first build does not pay for the disk. Time is
  wall time; memory the larger of ``os.wait4``'s peak RSS of the build process and the
  peak of the summed RSS of it and every process it starts (sampled from /proc,
  treemem.py);
- ``workscape check`` over the whole project, through the CLI, cold and warm;
- the history reader (``read_history`` in a fresh process) against the floor, one bare
  ``git log --name-status`` process, and (up to 10,000 items) against a per-file
  ``git log --follow`` loop (a sample of 200 files, extrapolated to all of them);
- up to 10,000 items, a one-file rebuild the way ``mkdocs serve --dirty`` does it
  (bench/probe.py), as a fraction of a full build (the issue sets none at 50,000);
- search: what /search/ downloads, how soon it is ready in Chromium, query speed
  (bench/search_bench.py), on the site of the last timed Workscape build;
- the bytes a phone downloads, gzipped, for the home page, a problem page and a search
  with a first query, of that site and of the last plain Material site (phone_bench.py);
- once per run, patterns: the slowest scan of each hostile shape at the body limit
  (bench/patterns_bench.py).

The configurations are in configurations.py, each measurement in measurements.py, the
table and its targets in report.py, bench.json in results.py. Figures go to
build/bench.json as ``<figure>_<size>``, with ``targets`` holding each one's target and
verdict under the same key; a run replaces the sizes it measured and keeps the others. A
table with the machine and each figure against its target is printed. ``--stand-in``
builds plain Material in place of Workscape, to test the harness itself (tests/test_bench.py
runs it on a corpus of a few items with ``--cache-dir`` and ``--results`` in a temporary
folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from configurations import ensure_git_plugins, write_configs
from corpus import CACHE_DIR, ensure_corpus
from measurements import (
    FLOOR_CMD,
    measure_builds,
    measure_bundle,
    measure_check,
    measure_floor,
    measure_history,
    measure_perfile,
    measure_rebuild,
)
from patterns_bench import measure_patterns
from phone_bench import measure_phone
from report import NA, machine, missing_targets, print_table, ratio
from results import save
from search_bench import measure_search

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "build" / "bench.json"
RUNS = {1000: 3, 10000: 2, 50000: 1}  #: timed builds per configuration (2 elsewhere)
NO_WARM_UP = {50000}  #: sizes built once each, without a warm-up build (make bench-50k)
GIT_PLUGIN_RUNS = 1  #: the git-plugins baseline takes minutes a build (see measure_builds)
GIT_PLUGIN_SIZES = {1000}  #: at 10,000 it would take hours
SERVE_UP_TO = 10000  #: the one-file rebuild and the per-file git loop: no target above


@dataclass
class Plan:
    runs: int  #: timed builds per configuration
    git_runs: int  #: timed builds of Material + git plugins (0: not built)
    warm_up: bool
    stand_in: bool
    cache: Path  #: where the corpora are
    sites: Path  #: where the sites being measured are built


def commit() -> str:
    """The commit measured, marked ``+changes`` when the work tree differs from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(PROJECT), *args], capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short=12", "HEAD") or NA
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def bench_size(size: int, plan: Plan, info: dict, figures: dict) -> None:
    begun = time.perf_counter()
    notes: list[str] = info["notes"].setdefault(str(size), [])
    started = time.perf_counter()
    repo, corpus = ensure_corpus(size, plan.cache)
    fresh = time.perf_counter() - started > 0.5
    info["corpora"][str(size)] = {**corpus, "fresh": fresh}
    print(f"corpus {size:,}: {repo} ({'generated' if fresh else 'cached'})", flush=True)
    git_runs = plan.git_runs if size in GIT_PLUGIN_SIZES else 0
    if git_runs:
        ensure_git_plugins()
    configs = write_configs(repo, git_runs > 0, plan.stand_in)
    run = info["runs"][str(size)] = {
        "builds": plan.runs,
        "warm_up": plan.warm_up,
        "git_plugins": git_runs,
        "commit": commit(),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    builds, kept = measure_builds(configs, plan.runs, git_runs, plan.sites, plan.warm_up)
    ws, mat = builds["workscape"], builds["material"]
    f: dict[str, Any] = {
        "build_seconds_workscape": ws["seconds"],
        "build_seconds_material": mat["seconds"],
        "build_ratio_vs_material": ratio(ws["seconds"], mat["seconds"]),
        "peak_mem_mb_workscape": ws["rss_mb"],
        "peak_mem_mb_material": mat["rss_mb"],
        "peak_mem_ratio": ratio(ws["rss_mb"], mat["rss_mb"]),
        "peak_mem_mb_per_1000_items": ws["rss_mb"] * 1000 / size,
        "peak_mem_mb_workscape_wait4": ws["wait4_mb"],
        "peak_mem_mb_workscape_tree": ws["tree_mb"],
        "peak_mem_mb_material_wait4": mat["wait4_mb"],
        "peak_mem_mb_material_tree": mat["tree_mb"],
    }
    if "git_plugins" in builds:
        f["build_seconds_git_plugins"] = builds["git_plugins"]["seconds"]
        f["build_ratio_vs_git_plugins"] = ratio(ws["seconds"], builds["git_plugins"]["seconds"])
    print("  workscape check ...", flush=True)
    check, check_warm = measure_check(repo, plan.runs, notes)
    f["check_seconds"] = check if check is not None else NA
    f["check_warm_seconds"] = check_warm if check_warm is not None else NA
    print("  search bundle ...", flush=True)
    made = measure_bundle(repo, plan.runs, notes, plan.warm_up)
    f["search_bundle_seconds"] = made if made is not None else NA
    print("  history ...", flush=True)
    hist = measure_history(repo, plan.runs, notes, plan.warm_up)
    # The floor is cheap up to 10,000 items (a median of three); at 50,000 it takes minutes.
    floor = measure_floor(repo, max(plan.runs, 3) if plan.warm_up else plan.runs, plan.warm_up)
    f["history_seconds"] = hist if hist is not None else NA
    f["history_floor_seconds"] = floor
    f["history_vs_floor"] = ratio(hist, floor)
    if size <= SERVE_UP_TO:
        perfile, files = measure_perfile(repo)
        f["history_perfile_seconds"] = perfile
        f["history_speedup"] = ratio(perfile, hist)
        info["history_files"][str(size)] = files
        print("  one-file rebuild (mkdocs serve --dirty) ...", flush=True)
        rebuilt = measure_rebuild(repo, configs["workscape"], notes)
        if rebuilt:
            f["rebuild_seconds"] = statistics.median(rebuilt["rebuilds"])
            f["rebuild_fraction"] = ratio(f["rebuild_seconds"], ws["seconds"])
            info["serve_first_build_seconds"][str(size)] = rebuilt["first_build"]
        else:
            f["rebuild_seconds"] = f["rebuild_fraction"] = NA
    try:
        print("  search in the browser ...", flush=True)
        f.update(measure_search(kept["workscape"], size))
        print("  bytes a phone downloads ...", flush=True)
        phone, info["phone"][str(size)] = measure_phone(
            kept["workscape"], kept["material"], repo, notes, plan.stand_in
        )
        f.update(phone)
    finally:
        for site in kept.values():
            shutil.rmtree(site, ignore_errors=True)
    f.update(missing_targets(size, f))  # e.g. no Chromium: the search figures show as n/a
    figures.update({f"{k}_{size}": v for k, v in f.items()})
    run["seconds"] = round(time.perf_counter() - begun, 1)
    run["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="timed runs per configuration (default: 3 at 1,000, 2 at 10,000, 1 at 50,000)",
    )
    parser.add_argument(
        "--warm-up",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a warm-up build (and probe call) before the timed ones (default: not at 50,000)",
    )
    parser.add_argument(
        "--git-runs",
        type=int,
        default=GIT_PLUGIN_RUNS,
        help="timed builds of Material + git plugins (1,000 items only; minutes each; 0: none)",
    )
    parser.add_argument(
        "--stand-in",
        action="store_true",
        help="build plain Material in place of Workscape (harness test)",
    )
    parser.add_argument(
        "--patterns",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time the patterns over hostile text (once per run)",
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=CACHE_DIR, help="where corpora are kept (and tmp/)"
    )
    parser.add_argument(
        "--sites",
        type=Path,
        default=None,
        help="where the sites are built, emptied first (default: tmp/ in the cache dir)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="the bench.json to update")
    args = parser.parse_args()
    sites = args.sites or args.cache_dir / "tmp"
    shutil.rmtree(sites, ignore_errors=True)  # sites left by an interrupted run
    sites.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "machine": machine(),
        "stand_in": args.stand_in,
        "corpora": {},
        "runs": {},
        "history_files": {},
        "serve_first_build_seconds": {},
        "phone": {},
        "notes": {},
        "floor_command": "git " + " ".join(FLOOR_CMD),
    }
    figures: dict[str, Any] = {}
    if args.patterns:
        print("patterns over hostile text (128 KiB shapes) ...", flush=True)
        figures.update(measure_patterns())
    everything = figures
    for size in args.sizes:
        plan = Plan(
            runs=args.runs or RUNS.get(size, 2),
            git_runs=args.git_runs,
            warm_up=args.warm_up if args.warm_up is not None else size not in NO_WARM_UP,
            stand_in=args.stand_in,
            cache=args.cache_dir,
            sites=sites,
        )
        bench_size(size, plan, info, figures)
        # after each size, so a long run that is stopped keeps its figures
        everything = save(args.results, info, figures)
    print_table(info, everything, args.sizes)
    print(f"\nwritten to {args.results}")


if __name__ == "__main__":
    main()
