"""Search figures for `make bench`: what /search/ downloads, how soon it is ready, query speed.

``measure_search(site_dir, size)`` is what bench/run.py calls with a built Workscape
site. It returns, without the ``_<size>`` suffix run.py adds:

- ``search_raw_mb`` / ``search_gzip_mb``: what the /search/ page must download before the
  first query (lunr.min.js, search.js, documents.json, index.json, lengths.bin), raw and
  gzipped (level 6, what web servers use); the postings shards and snippets come later;
- ``search_documents_gzip_mb``, ``search_terms_gzip_mb``, ``search_lengths_gzip_mb``: the
  three data files of that download, each gzipped, so bytes per item of each part can be
  projected to larger sites (the documents and lengths grow with the items, the term
  dictionary more slowly);
- ``search_postings_gzip_mb`` and ``search_shards``: all postings shards, gzipped, and how
  many there are (a query fetches the few holding its terms);
- ``search_first_query_kb``: median, over the queries below each run first on a freshly
  loaded page, of the gzipped bytes the query added (postings shards, result snippets);
  ``search_first_query_max_kb`` the largest (a typo retried reaches the most shards);
  ``search_first_query_ms`` the median time such a first query takes to show, its shards
  fetched from the local server included (``search_query_ms`` below has them loaded);
- ``search_ready_ms``: median over fresh page loads in headless Chromium of the time from
  navigation start to the page's ``ws-search-ready`` mark (index decoded, lunr ready);
  ``search_index_load_ms`` is the part from ``search.js`` starting the index download
  (the rest is the page itself: HTML, Material's CSS and script, lunr.js);
- ``search_query_ms``: median over a fixed set of queries (three with filters), each run
  three times after a warm-up, of the time to search, rank, filter, count the facet
  values and render the first 20 results in the page;
- ``search_snippet_kb``: mean gzipped size of one result's snippet text.

Run alone, ``python bench/search_bench.py --sizes 1000 10000`` builds each corpus (from
bench/corpus.py) with only the Workscape plugin and prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from configurations import workscape_config
from corpus import ensure_corpus

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Downloaded before the first query can run.
READY_FILES = (
    "assets/search/lunr.min.js",
    "assets/search/search.js",
    "search/documents.json",
    "search/index.json",
    "search/lengths.bin",
)
#: The parts of that download reported one by one.
PARTS = {
    "search_documents_gzip_mb": "search/documents.json",
    "search_terms_gzip_mb": "search/index.json",
    "search_lengths_gzip_mb": "search/lengths.bin",
}
PAGE_LOADS = 5
#: A fixed mix: reader questions, single words, a code, a typo, prefixes as typed, filters.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("mechanical seal weeps after a day", {}),
    ("bearing runs hot after overhaul", {}),
    ("vibration after alignment", {}),
    ("supplier lead time delayed again", {}),
    ("calibration certificate out of tolerance", {}),
    ("how do I isolate the variable speed drive", {}),
    ("impeller", {}),
    ("pump", {}),
    ("E4012", {}),
    ("lockout tagout permit", {}),
    ("cavitaton", {}),
    ("vibr", {}),
    ("co", {}),
    ("safety stock reorder point", {}),
    ("warranty claim for a damaged gearbox", {}),
    ("root cause analysis template", {}),
    ("leak", {"type": "problem"}),
    ("", {"type": "resource"}),
    ("customs clearance", {"state": "sme-approved"}),
    ("noise complaint at night", {}),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a closing page's snippets
            super().handle_error(request, client_address)  # type: ignore[arg-type]  # passed on as received


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """The site on 127.0.0.1, as the browser tests serve it."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _gzip(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def sizes_mb(site_dir: Path) -> tuple[float, float]:
    raw = gz = 0
    for rel in READY_FILES:
        raw += (site_dir / rel).stat().st_size
        gz += _gzip(site_dir / rel)
    return raw / 1e6, gz / 1e6


def snippet_kb(site_dir: Path) -> float:
    texts = sorted((site_dir / "search" / "text").glob("*.txt"))[:500]
    sizes = [len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in texts]
    return statistics.mean(sizes) / 1e3 if sizes else 0.0


def measure_search(site_dir: Path, size: int) -> dict[str, float | str]:
    """The search figures of a built site (see the module docstring)."""
    if not (site_dir / "search" / "lengths.bin").is_file():
        return {"search_gzip_mb": "n/a", "search_ready_ms": "n/a", "search_query_ms": "n/a"}
    raw, gz = sizes_mb(site_dir)
    shards = sorted((site_dir / "search" / "postings").glob("*.bin"))
    figures: dict[str, float | str] = {
        "search_raw_mb": round(raw, 3),
        "search_gzip_mb": round(gz, 3),
        **{key: round(_gzip(site_dir / rel) / 1e6, 3) for key, rel in PARTS.items()},
        "search_postings_gzip_mb": round(sum(map(_gzip, shards)) / 1e6, 3),
        "search_shards": len(shards),
        "search_snippet_kb": round(snippet_kb(site_dir), 2),
    }
    if not Path(CHROMIUM).exists():
        return {**figures, "search_ready_ms": "n/a", "search_query_ms": "n/a"}
    from playwright.sync_api import sync_playwright

    with served(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        ready = []
        for _ in range(PAGE_LOADS):
            context = browser.new_context()  # a cold cache every time
            page = context.new_page()
            page.goto(f"{url}/search/")
            page.wait_for_selector("form[data-ready]", state="attached", timeout=120_000)
            ready.append(
                page.evaluate(
                    "['ws-search-start', 'ws-search-ready'].map("
                    "name => performance.getEntriesByName(name)[0].startTime)"
                )
            )
            context.close()
        first = [_first_query(browser, url, site_dir, q, f) for q, f in QUERIES]
        page = browser.new_page()
        page.goto(f"{url}/search/")
        page.wait_for_selector("form[data-ready]", state="attached", timeout=120_000)
        timings = page.evaluate(
            """async (queries) => {
                const out = [];
                for (const [q, f] of queries) await workscapeSearch.show(q, f); // warm-up
                for (let round = 0; round < 3; round++) {
                    for (const [q, f] of queries) {
                        const t = performance.now();
                        await workscapeSearch.show(q, f);
                        out.push(performance.now() - t);
                    }
                }
                return out;
            }""",
            [[q, f] for q, f in QUERIES],
        )
        browser.close()
    figures["search_ready_ms"] = round(statistics.median(r for _, r in ready), 1)
    figures["search_index_load_ms"] = round(statistics.median(r - s for s, r in ready), 1)
    figures["search_query_ms"] = round(statistics.median(timings), 2)
    figures["search_query_max_ms"] = round(max(timings), 2)
    figures["search_first_query_ms"] = round(statistics.median(ms for ms, _ in first), 1)
    figures["search_first_query_kb"] = round(statistics.median(b for _, b in first) / 1e3, 1)
    figures["search_first_query_max_kb"] = round(max(b for _, b in first) / 1e3, 1)
    return figures


def _first_query(
    browser: object, url: str, site_dir: Path, query: str, filters: dict[str, str]
) -> tuple[float, int]:
    """A fresh page's first query: milliseconds until shown, and the gzipped bytes of the
    files it fetched (its shards, then the snippets of the results shown)."""
    context = browser.new_context()  # type: ignore[attr-defined]  # a Playwright Browser
    page = context.new_page()
    page.goto(f"{url}/search/")
    page.wait_for_selector("form[data-ready]", state="attached", timeout=120_000)
    # What the page fetched after it was ready: the query's shards, then the snippets and
    # a typo's note, fetched after the list shows, so wait until no new fetch starts.
    ms, fetched = page.evaluate(
        """async ([q, f]) => {
            const before = performance.getEntriesByType("resource").length;
            const started = performance.now();
            await workscapeSearch.show(q, f);
            const ms = performance.now() - started;
            let seen = -1;
            while (seen !== performance.getEntriesByType("resource").length) {
                seen = performance.getEntriesByType("resource").length;
                await new Promise((resolve) => setTimeout(resolve, 300));
            }
            return [ms, performance.getEntriesByType("resource").slice(before).map((e) => e.name)];
        }""",
        [query, filters],
    )
    context.close()
    paths = {name.split("?")[0].removeprefix(url) for name in fetched}
    return ms, sum(_gzip(site_dir / rel.lstrip("/")) for rel in paths if rel.startswith("/search/"))


def _build(size: int, out: Path) -> float:
    """Build corpus ``size`` with the Workscape configuration into ``out``; seconds taken."""
    repo, _ = ensure_corpus(size)
    config = repo / "mkdocs-search-bench.yml"
    config.write_text(yaml.safe_dump(workscape_config(), sort_keys=False), encoding="utf-8")
    try:
        started = time.perf_counter()
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
        subprocess.run(cmd, cwd=repo, check=True)
        return time.perf_counter() - started
    finally:
        config.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        site = Path(tempfile.mkdtemp(prefix=f"search-site-{size}-"))
        try:
            seconds = _build(size, site)
            figures = measure_search(site, size)
            results.update({f"{k}_{size}": v for k, v in figures.items()})
            results[f"search_build_seconds_{size}"] = round(seconds, 1)
            print(json.dumps({size: figures}), flush=True)
        finally:
            shutil.rmtree(site, ignore_errors=True)
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
