"""Peak memory of a process and every process it starts, sampled from /proc.

``os.wait4`` reports the peak RSS of one child (and of the largest descendant it waited
for), never a sum: a build that hands the search bundle to a second process while MkDocs
renders would look smaller than it is. :class:`TreeSampler` reads ``/proc/<pid>/stat``
of every process every ``INTERVAL`` seconds, sums the RSS of the child and all its
descendants, and keeps the largest sum. Shared pages (a forked worker's copy-on-write
memory) count once per process, as ``ps`` and ``top`` show them, so the sum is an upper
bound; a peak shorter than the interval can be missed, which is why a build's figure
is the larger of this and wait4's (measurements.Child.peak_kib).

No psutil: reading /proc is what it would do, and the benchmark needs nothing more.
"""

from __future__ import annotations

import os
import threading

INTERVAL = 0.1  #: seconds between samples: one costs a few ms of a core (a /proc scan)
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _stat(pid: bytes) -> tuple[int, int] | None:
    """(parent pid, RSS in KiB) of a process, None if it is gone or unreadable."""
    try:
        fd = os.open(b"/proc/" + pid + b"/stat", os.O_RDONLY)
    except OSError:
        return None
    try:
        text = os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)
    # "pid (comm) state ppid ... rss ...": comm may hold spaces and parentheses.
    fields = text.rpartition(b")")[2].split()
    try:
        return int(fields[1]), int(fields[21]) * PAGE_KIB
    except (IndexError, ValueError):
        return None


def tree_rss_kib(root: int) -> int:
    """The summed RSS (KiB) of ``root`` and all its live descendants, now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir(b"/proc"):
        if name.isdigit():
            stat = _stat(name)
            if stat is not None:
                pid = int(name)
                rss[pid] = stat[1]
                children.setdefault(stat[0], []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


class TreeSampler:
    """Samples ``tree_rss_kib(pid)`` in a thread until stopped; ``peak_kib`` is the largest."""

    def __init__(self, pid: int, interval: float = INTERVAL):
        self.pid = pid
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))
            self._stop.wait(self.interval)
