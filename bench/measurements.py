"""One measurement each: a build, `workscape check`, the history reader, the git floor,
a per-file git loop, a one-file rebuild, the search bundle. run.py decides what to measure and when.

Every timed command runs in a fresh child process. A build's peak memory counts every
process it starts: the larger of ``os.wait4``'s peak RSS of the child and the peak of the
summed RSS of the child and its descendants, sampled from /proc (treemem.py).
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
from dataclasses import dataclass
from pathlib import Path

from treemem import TreeSampler

HERE = Path(__file__).resolve().parent
PERFILE_SAMPLE = 200
REBUILD_EDITS = 3
#: Material 9.8 prints a notice about MkDocs 2.0 on every build; keep the logs to errors.
CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Child:
    """What one finished child process cost."""

    wall: float  #: seconds
    maxrss_kib: int  #: wait4's peak RSS of the child (or of its largest waited-for descendant)
    tree_kib: int  #: peak of the summed RSS of the child and its descendants (0: not sampled)
    code: int
    text: str  #: stdout and stderr

    @property
    def peak_kib(self) -> int:
        return max(self.maxrss_kib, self.tree_kib)


def spawn(cmd: list[str], cwd: Path | None = None, tree: bool = False) -> Child:
    """Run ``cmd`` to its end; with ``tree``, sample the memory of its process tree too."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=CHILD_ENV)
        if tree:
            with TreeSampler(proc.pid) as sampler:
                _, status, usage = os.wait4(proc.pid, 0)
            tree_kib = sampler.peak_kib
        else:
            _, status, usage = os.wait4(proc.pid, 0)
            tree_kib = 0
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Child(wall, usage.ru_maxrss, tree_kib, proc.returncode, text)


#: Workscape's cache folder in a project (plugins/workscape/sources/cache.py).
CACHE_FOLDER = ".workscape-cache"


def run_child(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int, str]:
    """Run ``cmd``; return wall seconds, its peak RSS in KiB, exit code and its output."""
    c = spawn(cmd, cwd)
    return c.wall, c.maxrss_kib, c.code, c.text


def build(config: Path, sites: Path, keep: bool = False) -> tuple[Child, Path | None]:
    """One full build in a fresh process, its memory sampled; the site if kept.

    Always cold, as the publish workflow builds: the project's cache folder goes first.
    """
    shutil.rmtree(config.parent / CACHE_FOLDER, ignore_errors=True)
    site = Path(tempfile.mkdtemp(prefix="site-", dir=sites))
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    child = spawn(cmd, cwd=config.parent, tree=True)
    if child.code != 0:
        shutil.rmtree(site, ignore_errors=True)
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{child.text[-3000:]}")
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
        return child, None
    return child, site


def read_corpus(repo: Path) -> int:
    """Read every file of the corpus once, so the first build does not pay for the disk."""
    total = 0
    for folder in ("content", "curation"):
        for path in (repo / folder).rglob("*"):
            if path.is_file():
                total += len(path.read_bytes())
    return total


def measure_builds(
    configs: dict[str, Path], runs: int, slow_runs: int, sites: Path, warm_up: bool = True
) -> tuple[dict[str, dict], dict[str, Path]]:
    """Interleaved builds, after a warm-up each unless ``warm_up`` is off; medians.

    The git-plugins baseline (``git_plugins``) is ten times slower than the rest: it gets
    no warm-up of its own (the others' warm-ups have read the same files) and
    ``slow_runs`` timed builds. The last timed site of each other configuration is kept
    (the search and phone figures are taken from them); the caller removes them.
    """
    read_corpus(next(iter(configs.values())).parent)
    samples: dict[str, list[Child]] = {name: [] for name in configs}
    kept: dict[str, Path] = {}
    for name, config in configs.items():
        if warm_up and name != "git_plugins":
            print(f"  warm-up {name} ...", flush=True)
            build(config, sites)
    for i in range(max(runs, slow_runs)):
        for name, config in configs.items():
            if i >= (slow_runs if name == "git_plugins" else runs):
                continue
            child, site = build(config, sites, keep=i == runs - 1 and name != "git_plugins")
            if site is not None:
                kept[name] = site
            samples[name].append(child)
            print(
                f"  run {i + 1} {name}: {child.wall:.2f} s, {child.peak_kib / 1024:.0f} MiB "
                f"(wait4 {child.maxrss_kib / 1024:.0f}, process tree {child.tree_kib / 1024:.0f})",
                flush=True,
            )
    return {
        name: {
            "seconds": statistics.median(c.wall for c in s),
            "rss_mb": statistics.median(c.peak_kib for c in s) / 1024,
            "wait4_mb": statistics.median(c.maxrss_kib for c in s) / 1024,
            "tree_mb": statistics.median(c.tree_kib for c in s) / 1024,
        }
        for name, s in samples.items()
        if s
    }, kept


def median_of(runs: int, once: Callable[[], float | None], warm_up: bool = True) -> float | None:
    """Median of ``runs`` calls, after a warm-up call unless ``warm_up`` is off; None if
    the first call says n/a."""
    first = once()
    if first is None:
        return None
    timed = [t for t in (once() for _ in range(runs if warm_up else runs - 1)) if t is not None]
    timed = timed if warm_up else [first, *timed]
    return statistics.median(timed) if timed else None


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


def measure_bundle(repo: Path, runs: int, notes: list[str], warm_up: bool = True) -> float | None:
    """The search bundle built from a loaded catalog, in a fresh process (bench/probe.py)."""

    def once() -> float | None:
        _, _, code, text = run_child([sys.executable, str(HERE / "probe.py"), "bundle", str(repo)])
        if code != 0:
            notes.append(
                f"search bundle: {text.strip().splitlines()[-1] if text.strip() else code}"
            )
            return None
        return float(json.loads(text.strip().splitlines()[-1])["seconds"])

    return median_of(runs, once, warm_up)


def measure_history(repo: Path, runs: int, notes: list[str], warm_up: bool = True) -> float | None:
    def once() -> float | None:
        _, _, code, text = run_child([sys.executable, str(HERE / "probe.py"), "history", str(repo)])
        if code != 0:
            notes.append(f"history: {text.strip().splitlines()[-1] if text.strip() else code}")
            return None
        return float(json.loads(text.strip().splitlines()[-1])["seconds"])

    return median_of(runs, once, warm_up)


#: The floor: one bare `git log --name-status` over the whole repository, the least any
#: history reader must pay (renames are detected by default). No pathspec: limiting the
#: log to content/ and curation/ makes git slower here (history simplification).
FLOOR_CMD = ["log", "--name-status", "HEAD"]


def measure_floor(repo: Path, runs: int, warm_up: bool = True) -> float:
    def once() -> float:
        wall, _, code, _ = run_child(["git", "-C", str(repo), *FLOOR_CMD])
        assert code == 0
        return wall

    return median_of(runs, once, warm_up)  # type: ignore[return-value]  # once() never says n/a: a float


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
