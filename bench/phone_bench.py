"""Bytes a phone downloads (gzip): home, a problem page, and search with a first query.

``measure_phone(workscape_site, material_site, corpus, size)`` opens three pages of each
site the way a phone does: headless Chromium with a 390 x 844 viewport (mobile, touch,
device pixel ratio 3), a fresh browser context per page (a cold cache), the site served
from 127.0.0.1. The server records every response body it sends, whichever part of the
page asked for it (the document, its scripts, styles, fonts, images, a worker's fetches,
the search index, each result's snippet); a figure is the sum of each body gzipped at
level 6, what web servers commonly use and what ``search_gzip_mb`` uses, in kB (1,000
bytes). Fonts and images are stored compressed already and gzip leaves them about as
large; both configurations turn the theme's web fonts off, and nothing is loaded from
another host (a request elsewhere is refused and noted).

The pages, the same corpus files in both sites:

- ``home``: ``/``, until the network is idle. Plain Material fetches its whole
  ``search/search_index.json`` on every page, so its home page counts it.
- ``problem``: ``/problems/<id>/`` of the first problem (by file name) with an answer.
- ``search``: Workscape's ``/search/`` page, the query typed and sent, until the results
  and their snippets are shown; Material's home page, its search opened and the same
  query typed, until its results are shown (its index is its own search_index.json).

The query is the first of search_bench.QUERIES. Figures (run.py adds ``_<size>``):
``phone_kb_<page>`` for Workscape, ``phone_kb_<page>_material`` for Material; the
requests of each page (path, status, raw bytes, gzip bytes; largest first) go to
bench.json's ``phone`` details.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from search_bench import CHROMIUM, CHROMIUM_FLAGS, QUERIES

GZIP_LEVEL = 6
PHONE = {"width": 390, "height": 844}
PAGES = ("home", "problem", "search")
QUERY = QUERIES[0][0]
TIMEOUT_MS = 600_000  #: Material builds its lunr index in the browser: minutes at 50,000


class _Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves the site; appends (path, body) of each response it sends to ``sent``."""

    def __init__(self, *args: Any, sent: list[tuple[str, int, bytes]], **kwargs: Any):
        self.sent = sent
        super().__init__(*args, **kwargs)

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]  # the base class types them loosely
        data = source.read()
        self.sent.append((self.path, 200, data))
        outputfile.write(data)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code) not in ("200", "-"):  # a redirect, a 404: counted, with no body
            self.sent.append((self.path, int(code), b""))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a page closed while a snippet was still on its way


@contextmanager
def recording(site: Path) -> Iterator[tuple[str, list[tuple[str, int, bytes]]]]:
    sent: list[tuple[str, int, bytes]] = []
    handler = functools.partial(_Recorder, directory=str(site), sent=sent)
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()


def a_problem(corpus: Path, sites: list[Path]) -> str | None:
    """The first problem file (by name) with an answer that every site has a page for."""
    answered = set()
    for answer in (corpus / "content" / "answers").glob("*.md"):
        for line in answer.read_text(encoding="utf-8").splitlines()[1:]:
            if line == "---":
                break
            if line.startswith("problem:"):
                answered.add(line.partition(":")[2].strip())
    for path in sorted((corpus / "content" / "problems").glob("*.md")):
        here = all((site / "problems" / path.stem / "index.html").is_file() for site in sites)
        if path.stem in answered and here:
            return f"problems/{path.stem}/"
    return None


def workscape_search(page: Any, url: str) -> None:
    page.goto(f"{url}/search/")
    page.wait_for_selector("form[data-ready]", state="attached", timeout=TIMEOUT_MS)
    box = page.locator("form[data-ws-search] input[name=q]")
    box.press_sequentially(QUERY)  # typed, as on Material's side, then sent
    box.press("Enter")
    shown = "[data-ws-results] .ws-result, [data-ws-none]:not([hidden])"  # results, or none
    page.wait_for_selector(shown, timeout=TIMEOUT_MS)


def material_search(page: Any, url: str) -> None:
    page.goto(f"{url}/")
    page.click('label[for="__search"]')
    page.locator("input[data-md-component=search-query]").press_sequentially(QUERY)
    page.wait_for_function(  # results, or Material's "No matching documents"
        "document.querySelector('.md-search-result__item') || /^No matching/.test("
        "document.querySelector('.md-search-result__meta').textContent)",
        timeout=TIMEOUT_MS,
    )


def _open(path: str) -> Callable[[Any, str], None]:
    return lambda page, url: page.goto(f"{url}/{path}")


def _visit(browser: Any, site: Path, action: Callable[[Any, str], None]) -> dict[str, Any]:
    """One page in a fresh context; what the server sent for it."""
    elsewhere: list[str] = []
    with recording(site) as (url, sent):
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True
        )

        def refuse(route: Any) -> None:
            elsewhere.append(route.request.url)
            route.abort()

        context.route(lambda u: not u.startswith((url, "data:", "blob:", "about:")), refuse)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)  # a 50,000-item page or index takes its time
        action(page, url)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        context.close()
        responses = list(sent)
    requests = [
        (path, code, len(body), len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if body else 0)
        for path, code, body in responses
    ]
    return {
        "gzip_kb": round(sum(r[3] for r in requests) / 1e3, 1),
        "raw_kb": round(sum(r[2] for r in requests) / 1e3, 1),
        "not_ok": sorted({f"{code} {path}" for path, code, _, _ in requests if code >= 400}),
        "elsewhere": elsewhere,
        "requests": [list(r) for r in sorted(requests, key=lambda r: (-r[3], r[0]))],
    }


def phone_pages(
    browser: Any, site: Path, problem: str | None, search: Callable[[Any, str], None]
) -> dict[str, dict[str, Any] | str]:
    """What each page of ``site`` downloads (see ``_visit``); a message for a page that failed."""
    actions = {"home": _open(""), "problem": _open(problem or ""), "search": search}
    seen: dict[str, dict[str, Any] | str] = {}
    for name, action in actions.items():
        if name == "problem" and problem is None:
            seen[name] = "no answered problem with a page in both sites"
            continue
        try:
            seen[name] = _visit(browser, site, action)
        except Exception as exc:  # a page that never settles: n/a, and say why
            seen[name] = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
    return seen


def measure_phone(
    workscape: Path, material: Path, corpus: Path, notes: list[str], stand_in: bool = False
) -> tuple[dict[str, float | str], dict[str, Any]]:
    """The phone figures of both sites, and each page's requests for bench.json's details.

    With ``stand_in`` the "Workscape" site is plain Material (the harness test), so its
    search is Material's too."""
    names = [f"phone_kb_{p}{side}" for side in ("", "_material") for p in PAGES]
    if not Path(CHROMIUM).exists():
        notes.append(f"phone: no Chromium at {CHROMIUM}")
        return dict.fromkeys(names, "n/a"), {}
    problem = a_problem(corpus, [workscape, material])
    from playwright.sync_api import sync_playwright

    figures: dict[str, float | str] = {}
    details: dict[str, Any] = {"query": QUERY, "problem": problem, "gzip_level": GZIP_LEVEL}
    sides = {
        "": (workscape, material_search if stand_in else workscape_search),
        "_material": (material, material_search),
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for side, (site, search) in sides.items():
            for name, seen in phone_pages(browser, site, problem, search).items():
                key = f"phone_kb_{name}{side}"
                if isinstance(seen, str):
                    notes.append(f"{key}: {seen}")
                    figures[key] = "n/a"
                    continue
                details[key] = seen
                figures[key] = seen["gzip_kb"]
                for what in ("not_ok", "elsewhere"):
                    if seen[what]:
                        notes.append(f"{key}: {what.replace('_', ' ')}: {seen[what][:5]}")
        browser.close()
    return figures, details
