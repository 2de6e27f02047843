"""build/bench.json: the figures of every size measured, their targets, how each was run.

A run replaces the sizes it measured and keeps the others, so ``make bench`` (1,000 and
10,000) and ``make bench-50k`` (50,000) fill one file, and the 50,000-item memory target
(MB per 1,000 items no higher than at 10,000) can be judged against the other run's
figure. Each size's ``runs`` entry says when and at which commit it was measured. A
stand-in run (the harness test) never mixes with real figures: it starts a fresh file.

Layout: the figures (``<figure>_<size>``, plus ``patterns_*`` of the latest run), then
``targets`` (``{"target": "<= 1", "verdict": "PASS"}`` per targeted figure), then
``machine`` (of the latest run), ``stand_in`` and the per-size details: ``corpora``,
``runs``, ``history_files``, ``serve_first_build_seconds``, ``phone`` (each page's
requests), ``notes``; ``floor_command``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from report import targets_of

#: The details kept per size (a dict keyed by the size as a string).
PER_SIZE = ("corpora", "runs", "history_files", "serve_first_build_seconds", "phone", "notes")
#: Everything in bench.json that is not a figure.
INFO = (*PER_SIZE, "targets", "machine", "stand_in", "floor_command")


def size_of(key: str) -> str | None:
    """The size a figure key ends in (``build_ratio_vs_material_1000`` -> ``1000``)."""
    tail = key.rpartition("_")[2]
    return tail if tail.isdigit() else None


def load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def merged(
    old: dict[str, Any], info: dict[str, Any], figures: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """This run's info and figures, plus the sizes of ``old`` this run did not measure."""
    if old.get("stand_in") != info["stand_in"]:
        return info, figures
    sizes = set(info["runs"])
    kept = {
        k: v
        for k, v in old.items()
        if k not in INFO and (s := size_of(k)) is not None and s not in sizes
    }
    info = {**info}
    for part in PER_SIZE:
        before = old.get(part)
        if isinstance(before, dict):
            info[part] = {
                **{s: v for s, v in before.items() if s not in sizes},
                **info.get(part, {}),
            }
    by_size = sorted({**kept, **figures}.items(), key=lambda kv: int(size_of(kv[0]) or 0))
    return info, dict(by_size)


def save(path: Path, info: dict[str, Any], figures: dict[str, Any]) -> dict[str, Any]:
    """Merge this run into ``path`` and write it; return every figure now in the file."""
    info["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    info = {**info}
    info["notes"] = {s: sorted(set(n)) for s, n in info["notes"].items()}
    info, figures = merged(load(path), info, figures)
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
    data = {**rounded, "targets": targets_of(figures), **info}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return figures
