"""One measurement each: a build, `workscape check`, the history reader, the git floor,
a per-file git loop, a one-file rebuild, the search bundle. run.py decides what to measure and when.

Every timed command runs in a fresh child process; ``os.wait4`` returns the rusage of
exactly that child, so the peak memory is the build's own.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import CACHE_DIR

HERE = Path(__file__).resolve().parent
PERFILE_SAMPLE = 200
REBUILD_EDITS = 3
#: Material 9.8 prints a notice about MkDocs 2.0 on every build; keep the logs to errors.
CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_child(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int, str]:
    """Run ``cmd``; return wall seconds, its peak RSS in KiB, exit code and its output."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss, proc.returncode, text


#: Workscape's cache folder in a project (plugins/workscape/sources/cache.py).
CACHE_FOLDER = ".workscape-cache"


def build(config: Path, keep: bool = False) -> tuple[float, int, Path | None]:
    """One full build in a fresh process: seconds, peak RSS (KiB), the site if kept.

    Always cold, as the publish workflow builds: the project's cache folder goes first.
    """
    shutil.rmtree(config.parent / CACHE_FOLDER, ignore_errors=True)
    site = Path(tempfile.mkdtemp(prefix="site-", dir=CACHE_DIR / "tmp"))
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    wall, rss, code, text = run_child(cmd, cwd=config.parent)
    if code != 0:
        shutil.rmtree(site, ignore_errors=True)
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{text[-3000:]}")
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
        return wall, rss, None
    return wall, rss, site


def measure_builds(
    configs: dict[str, Path], runs: int, slow_runs: int
) -> tuple[dict[str, dict], Path | None]:
    """A warm-up each, then interleaved builds; medians of time and memory.

    The git-plugins baseline (``git_plugins``) is ten times slower than the rest: it gets
    no warm-up of its own (the others' warm-ups have read the same files) and
    ``slow_runs`` timed builds.
    """
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in configs}
    site = None
    for name, config in configs.items():
        if name != "git_plugins":
            print(f"  warm-up {name} ...", flush=True)
            build(config)
    for i in range(max(runs, slow_runs)):
        for name, config in configs.items():
            if i >= (slow_runs if name == "git_plugins" else runs):
                continue
            last = i == runs - 1 and name == "workscape"
            wall, rss, kept = build(config, keep=last)
            site = kept or site
            samples[name].append((wall, rss))
            print(f"  run {i + 1} {name}: {wall:.2f} s, {rss / 1024:.0f} MiB", flush=True)
    return {
        name: {
            "seconds": statistics.median(w for w, _ in s),
            "rss_mb": statistics.median(r for _, r in s) / 1024,
        }
        for name, s in samples.items()
    }, site


def median_of(runs: int, once: Callable[[], float | None]) -> float | None:
    """Median of ``runs`` calls after a warm-up call; None if the first call says n/a."""
    if once() is None:
        return None
    return statistics.median(t for t in (once() for _ in range(runs)) if t is not None)


def workscape_cli() -> Path | None:
    path = Path(sys.executable).with_name("workscape")
    return path if path.is_file() else None


def measure_check(repo: Path, runs: int, notes: list[str]) -> tuple[float | None, float | None]:
    """Median seconds of a cold `workscape check` (no cache folder) and of a warm one.

    Cold: the cache folder is deleted before each run. Warm: each run follows another on
    the unchanged project, as a pre-commit hook's second run does.
    """
    cli = workscape_cli()
    if cli is None:
        notes.append("check: no `workscape` command in this venv")
        return None, None

    def once(cold: bool) -> float | None:
        if cold:
            shutil.rmtree(repo / CACHE_FOLDER, ignore_errors=True)
        wall, _, code, text = run_child([str(cli), "check", "--root", str(repo)])
        if code not in (0, 1) or "Traceback" in text:
            notes.append(f"check: exit {code}: {text.strip().splitlines()[-1:] or ''}")
            return None
        if code == 1:
            notes.append(f"check: reported errors on the corpus: {text.strip()[-300:]}")
        return wall

    cold = median_of(runs, lambda: once(cold=True))
    warm = median_of(runs, lambda: once(cold=False))  # its warm-up run fills the cache
    shutil.rmtree(repo / CACHE_FOLDER, ignore_errors=True)
    return cold, warm


def measure_bundle(repo: Path, runs: int, notes: list[str]) -> float | None:
    """The search bundle built from a loaded catalog, in a fresh process (bench/probe.py)."""

    def once() -> float | None:
        _, _, code, text = run_child([sys.executable, str(HERE / "probe.py"), "bundle", str(repo)])
        if code != 0:
            notes.append(
                f"search bundle: {text.strip().splitlines()[-1] if text.strip() else code}"
            )
            return None
        return float(json.loads(text.strip().splitlines()[-1])["seconds"])

    return median_of(runs, once)


def measure_history(repo: Path, runs: int, notes: list[str]) -> float | None:
    def once() -> float | None:
        _, _, code, text = run_child([sys.executable, str(HERE / "probe.py"), "history", str(repo)])
        if code != 0:
            notes.append(f"history: {text.strip().splitlines()[-1] if text.strip() else code}")
            return None
        return float(json.loads(text.strip().splitlines()[-1])["seconds"])

    return median_of(runs, once)


#: The floor: one bare `git log --name-status` over the whole repository, the least any
#: history reader must pay (renames are detected by default). No pathspec: limiting the
#: log to content/ and curation/ makes git slower here (history simplification).
FLOOR_CMD = ["log", "--name-status", "HEAD"]


def measure_floor(repo: Path, runs: int) -> float:
    def once() -> float:
        wall, _, code, _ = run_child(["git", "-C", str(repo), *FLOOR_CMD])
        assert code == 0
        return wall

    return median_of(runs, once)  # type: ignore[return-value]  # once() never says n/a: a float


def measure_perfile(repo: Path) -> tuple[float, int]:
    """A per-file ``git log --follow`` loop over a sample, extrapolated to every file."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "content", "curation"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    step = max(1, len(listing) // PERFILE_SAMPLE)
    sample = listing[::step][:PERFILE_SAMPLE]
    started = time.perf_counter()
    for path in sample:
        subprocess.run(
            [
                "git",
                "-C",
                str(repo),
                "log",
                "--follow",
                "--format=%H%x09%an%x09%ae%x09%at",
                "--",
                path,
            ],
            check=True,
            capture_output=True,
        )
    return (time.perf_counter() - started) * len(listing) / len(sample), len(listing)


def measure_rebuild(repo: Path, config: Path, notes: list[str]) -> dict | None:
    problems = sorted((repo / "content" / "problems").glob("*.md"))
    edits = [problems[i * len(problems) // REBUILD_EDITS] for i in range(REBUILD_EDITS)]
    cmd = [sys.executable, str(HERE / "probe.py"), "rebuild", str(config)]
    shutil.rmtree(repo / CACHE_FOLDER, ignore_errors=True)  # its first build is a cold one
    for path in edits:
        cmd += ["--edit", str(path)]
    _, _, code, text = run_child(cmd, cwd=repo)
    if code != 0:
        notes.append(f"rebuild: failed: {text.strip()[-500:]}")
        return None
    return json.loads(text.strip().splitlines()[-1])
