"""Measurements that must run in a fresh interpreter; run.py starts one per measurement.

``probe.py history REPO``
    Time ``workscape.sources.history.read_history`` over the repository (the import is
    not timed), print ``{"seconds": ..., "files": ...}``; exit 3 when it cannot be imported.

``probe.py bundle REPO``
    Load the project, then time building its search bundle (``search/`` files: documents,
    index, postings, texts); print ``{"seconds": ..., "files": ...}``.

``probe.py rebuild CONFIG --edit FILE [--edit FILE ...]``
    Do what ``mkdocs serve --dirty`` does: load the config, run ``on_startup`` once, build
    into a temporary site; then for each FILE, change it, load a fresh config (plugins that
    define ``on_startup`` are kept, as serve keeps them) and time ``build(dirty=True)``.
    Each edited file gets its bytes back afterwards. Prints
    ``{"first_build": ..., "rebuilds": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"  # what serve sets site_url to for a local server


def history(repo: Path) -> None:
    try:
        from workscape.sources.history import read_history
    except ImportError as exc:
        print(json.dumps({"error": f"cannot import read_history: {exc}"}))
        sys.exit(3)
    started = time.perf_counter()
    result = read_history(repo, prefixes=("content/", "curation/"))
    seconds = time.perf_counter() - started
    files = getattr(result, "files", None)
    print(json.dumps({"seconds": seconds, "files": len(files) if files is not None else None}))


def bundle(repo: Path) -> None:
    from workscape.project import load_project
    from workscape.publish.pages.search import bundle as search_bundle

    catalog = load_project(repo).catalog
    started = time.perf_counter()
    made = search_bundle(catalog)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "files": len(made.files)}))


def rebuild(config_file: Path, edits: list[Path]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    originals = {path: path.read_bytes() for path in edits}

    def get_config():  # as mkdocs.commands.serve.serve defines it
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=True)
        started = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=True)
        first = time.perf_counter() - started
        times = []
        for n, path in enumerate(edits, start=1):
            text = originals[path].decode("utf-8")
            path.write_text(text + f"\nEdited while serving ({n}).\n", encoding="utf-8")
            later = time.time() + 2  # newer than every page the first build wrote
            os.utime(path, (later, later))
            config = get_config()
            started = time.perf_counter()
            build(config, serve_url=SERVE_URL, dirty=True)
            times.append(time.perf_counter() - started)
        config.plugins.on_shutdown()
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps({"first_build": first, "rebuilds": times}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    h = sub.add_parser("history")
    h.add_argument("repo", type=Path)
    b = sub.add_parser("bundle")
    b.add_argument("repo", type=Path)
    r = sub.add_parser("rebuild")
    r.add_argument("config", type=Path)
    r.add_argument("--edit", type=Path, action="append", required=True)
    args = parser.parse_args()
    if args.what == "history":
        history(args.repo)
    elif args.what == "bundle":
        bundle(args.repo)
    else:
        rebuild(args.config, args.edit)


if __name__ == "__main__":
    main()
