"""Workscape's benchmark (`make bench`): ratios against plain Material on generated corpora.

For each size it builds (or reuses) a corpus with bench/corpus.py, writes one mkdocs.yml
per configuration into it, and measures, as medians after a warm-up:

- full builds, each in a fresh ``python -m mkdocs build`` process: wall time and peak
  RSS of that process (``os.wait4`` returns the rusage of exactly that child);
- ``workscape check`` over the whole project, through the CLI;
- the history reader (``read_history`` in a fresh process) against the floor, one bare
  ``git log --name-status`` process, and against a per-file ``git log --follow`` loop
  (a sample of 200 files, extrapolated to all of them);
- a one-file rebuild the way ``mkdocs serve --dirty`` does it (bench/probe.py), as a
  fraction of a full build;
- search: what /search/ downloads, how soon it is ready in Chromium, query speed
  (bench/search_bench.py), on the site of the last timed Workscape build;
- once per run, patterns: the slowest scan of each hostile shape at the body limit
  (bench/patterns_bench.py).

The configurations are in configurations.py, each measurement in measurements.py, the
table and its targets in report.py. Figures go to build/bench.json as
``<figure>_<size>``, with ``targets`` holding each one's target and verdict under the same
key; a table with the machine and each figure against its target is
printed. ``--stand-in`` builds plain Material in place of Workscape, to test the
harness itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time
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
from report import NA, machine, missing_targets, print_table, ratio, targets_of
from search_bench import measure_search

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "build" / "bench.json"
RUNS = {1000: 3, 10000: 2}  #: timed builds per configuration, after one warm-up
GIT_PLUGIN_RUNS = 1  #: the git-plugins baseline takes minutes a build (see measure_builds)


def bench_size(
    size: int, runs: int, git_runs: int, stand_in: bool, info: dict, figures: dict
) -> None:
    notes: list[str] = info["notes"]
    started = time.perf_counter()
    repo, corpus = ensure_corpus(size)
    fresh = time.perf_counter() - started > 0.5
    info["corpora"][str(size)] = {**corpus, "fresh": fresh}
    print(f"corpus {size:,}: {repo} ({'generated' if fresh else 'cached'})", flush=True)
    with_git = size == 1000
    if with_git:
        ensure_git_plugins()
    configs = write_configs(repo, with_git, stand_in)
    info["runs"][str(size)] = {"builds": runs, "git_plugins": git_runs if with_git else 0}
    builds, site = measure_builds(configs, runs, git_runs)
    f: dict[str, Any] = {
        "build_seconds_workscape": builds["workscape"]["seconds"],
        "build_seconds_material": builds["material"]["seconds"],
        "build_ratio_vs_material": ratio(
            builds["workscape"]["seconds"], builds["material"]["seconds"]
        ),
        "peak_mem_mb_workscape": builds["workscape"]["rss_mb"],
        "peak_mem_mb_material": builds["material"]["rss_mb"],
        "peak_mem_ratio": ratio(builds["workscape"]["rss_mb"], builds["material"]["rss_mb"]),
    }
    if with_git:
        f["build_seconds_git_plugins"] = builds["git_plugins"]["seconds"]
        f["build_ratio_vs_git_plugins"] = ratio(
            builds["workscape"]["seconds"], builds["git_plugins"]["seconds"]
        )
    print("  workscape check ...", flush=True)
    check, check_warm = measure_check(repo, runs, notes)
    f["check_seconds"] = check if check is not None else NA
    f["check_warm_seconds"] = check_warm if check_warm is not None else NA
    print("  search bundle ...", flush=True)
    made = measure_bundle(repo, runs, notes)
    f["search_bundle_seconds"] = made if made is not None else NA
    print("  history ...", flush=True)
    hist = measure_history(repo, runs, notes)
    floor = measure_floor(repo, max(runs, 3))
    perfile, files = measure_perfile(repo)
    f["history_seconds"] = hist if hist is not None else NA
    f["history_floor_seconds"] = floor
    f["history_vs_floor"] = ratio(hist, floor)
    f["history_perfile_seconds"] = perfile
    f["history_speedup"] = ratio(perfile, hist)
    info["history_files"][str(size)] = files
    print("  one-file rebuild (mkdocs serve --dirty) ...", flush=True)
    rebuilt = measure_rebuild(repo, configs["workscape"], notes)
    if rebuilt:
        f["rebuild_seconds"] = statistics.median(rebuilt["rebuilds"])
        f["rebuild_fraction"] = ratio(f["rebuild_seconds"], f["build_seconds_workscape"])
        info["serve_first_build_seconds"][str(size)] = rebuilt["first_build"]
    else:
        f["rebuild_seconds"] = f["rebuild_fraction"] = NA
    if site is not None:
        f.update(measure_search(site, size))
        shutil.rmtree(site, ignore_errors=True)
    f.update(missing_targets(size, f))  # e.g. no Chromium: the search figures show as n/a
    figures.update({f"{k}_{size}": v for k, v in f.items()})


def save(info: dict[str, Any], figures: dict[str, Any]) -> None:
    """Write build/bench.json: the figures, their targets, then the machine, corpora, notes."""
    info["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    info["notes"] = sorted(set(info["notes"]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
    data = {**rounded, "targets": targets_of(figures), **info}
    RESULTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="timed runs per configuration (default: 3 at 1,000, 2 above)",
    )
    parser.add_argument(
        "--git-runs",
        type=int,
        default=GIT_PLUGIN_RUNS,
        help="timed builds of Material + git plugins (1,000 items only; minutes each)",
    )
    parser.add_argument(
        "--stand-in",
        action="store_true",
        help="build plain Material in place of Workscape (harness test)",
    )
    args = parser.parse_args()
    shutil.rmtree(CACHE_DIR / "tmp", ignore_errors=True)  # sites left by an interrupted run
    (CACHE_DIR / "tmp").mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "machine": machine(),
        "stand_in": args.stand_in,
        "corpora": {},
        "history_files": {},
        "runs": {},
        "serve_first_build_seconds": {},
        "notes": [],
        "floor_command": "git " + " ".join(FLOOR_CMD),
    }
    figures: dict[str, Any] = {}
    print("patterns over hostile text (128 KiB shapes) ...", flush=True)
    figures.update(measure_patterns())
    for size in args.sizes:
        bench_size(
            size, args.runs or RUNS.get(size, 2), args.git_runs, args.stand_in, info, figures
        )
        save(info, figures)  # after each size, so a long run that is stopped keeps its figures
    print_table(info, figures, args.sizes)
    print(f"\nwritten to {RESULTS.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
