"""The postings in shards: a reader downloads only what a query needs, and ranks as the core does.

The example's postings fill only a few shards, so these tests build its search files with
small shards (``SHARD_BYTES``), as a site of tens of thousands of items has them, and
serve those files to a real Chromium in place of the built ones.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path
from urllib.parse import urlparse

import pytest

import workscape.publish.pages.search as search_files
from workscape.project import load_project
from workscape.search.correction import correct
from workscape.search.engine import Filters, SearchEngine
from workscape.search.index import scores
from workscape.search.terms import term

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent.parent
SMALL_SHARDS = 512  # bytes: the example's postings become dozens of shards


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(load_project(REPO).published())


@pytest.fixture
def sharded(monkeypatch, engine) -> dict[str, str | bytes]:
    """The example's search files with small shards (the same catalog as ``engine``)."""
    monkeypatch.setattr(search_files, "SHARD_BYTES", SMALL_SHARDS)
    monkeypatch.setattr(search_files, "_last", None)
    files = search_files.bundle(load_project(REPO).published()).files
    monkeypatch.setattr(search_files, "_last", None)  # other tests get the real shards
    return files


def _serve(page, files: dict[str, str | bytes]) -> list[str]:
    """Serve ``files`` for /search/'s data; returns the list of data paths the page fetches."""
    fetched: list[str] = []

    def serve(route) -> None:
        path = urlparse(route.request.url).path.lstrip("/")
        fetched.append(path)
        route.fulfill(body=files[path]) if path in files else route.abort()

    page.route(
        re.compile(r"/search/(documents\.json|index\.json|lengths\.bin|postings/|text/)"), serve
    )
    page.goto(page.base + "/search/")
    page.wait_for_selector("form[data-ready]", state="attached")
    return fetched


def _shards(fetched: list[str]) -> set[int]:
    return {
        int(p.removeprefix("search/postings/").removesuffix(".bin"))
        for p in fetched
        if "/postings/" in p
    }


QUERIES = [
    ("my new seal is dripping a day after I fitted it", {}),
    ("can I use the enable input on the inverter as lockout", {}),
    ("vibration", {"type": "answer"}),
    ("pump", {"tag": "mechanical-seals", "state": "community"}),
    ("cavitaton", {}),  # a typo: its variants reach shards all over the dictionary
    ("presure vibraton", {}),
    ("hydrotest hold time", {}),
    ("", {"community": "supply-chain"}),
]


def test_across_dozens_of_shards_the_browser_ranks_scores_and_corrects_like_the_core(
    page, engine, sharded
) -> None:
    shards = [p for p in sharded if p.startswith("search/postings/")]
    assert len(shards) > 20
    _serve(page, sharded)
    for query, filters in QUERIES:
        got = page.evaluate("([q, f]) => workscapeSearch.search(q, f)", [query, filters])
        expected = engine.search(query, Filters(**filters))
        assert [tuple(x) for x in got] == [(h.doc.id, h.score) for h in expected], query
        assert got, query
        fixed = page.evaluate("q => workscapeSearch.correction(q)", query)
        core = correct(engine, query)
        assert fixed == (core and {"original": core.original, "query": core.query}), query
    # and with every shard loaded, every field vector is the core's, score for score
    v = engine.vectors
    assert dict(page.evaluate("workscapeSearch.vectors()")) == {
        f"{field}/{ref}": [x for element in elements for x in element]
        for ref, per_field in zip(v.refs, scores(v), strict=True)
        for field, elements in zip(v.fields, per_field, strict=True)
    }


def test_a_query_fetches_only_the_shards_of_the_terms_it_reaches(page, engine, sharded) -> None:
    fetched = _serve(page, sharded)
    # Before any query: the documents, the dictionary and the lengths, no postings.
    assert set(fetched) == {"search/documents.json", "search/index.json", "search/lengths.bin"}
    index = json.loads(sharded["search/index.json"])
    terms, starts = index["terms"], index["shards"]
    query = "seal leak"
    wanted = engine.wanted(query)
    # its words' terms, and the terms its last word begins (the prefix clause)
    reached = {term(w) for w in wanted} | {t for t in terms if t.startswith(wanted[-1])}
    expected = {bisect_right(starts, terms.index(t)) - 1 for t in reached}
    before = len(fetched)
    shown = page.evaluate("q => workscapeSearch.show(q)", query)
    assert shown == len(engine.search(query))
    assert _shards(fetched[before:]) == expected
    assert len(expected) < len(starts) / 10  # a small part of the postings
    # the same query again fetches no postings: the shards stay loaded
    before = len(fetched)
    page.evaluate("q => workscapeSearch.search(q)", query)
    assert _shards(fetched[before:]) == set()
    # a typo fetches the shards of its variants, still not all of them
    page.evaluate("q => workscapeSearch.search(q)", "cavitaton")
    assert 0 < len(_shards(fetched)) < len(starts)


def test_a_shard_that_fails_to_arrive_is_said_and_fetched_again_next_time(page, engine) -> None:
    failing = {"on": True}

    def postings(route) -> None:
        route.abort() if failing["on"] else route.continue_()

    page.route(re.compile(r"/search/postings/"), postings)
    page.goto(page.base + "/search/")
    page.wait_for_selector("form[data-ready]", state="attached")
    page.fill("#ws-q", "hydrotest hold time")
    page.wait_for_function(
        "document.querySelector('[data-ws-status]').textContent.startsWith('Search could not load')"
    )
    assert page.locator(".ws-result").count() == 0
    failing["on"] = False
    page.fill("#ws-q", "hydrotest hold")
    page.wait_for_function("document.querySelectorAll('.ws-result').length > 0")
    shown = page.locator(".ws-result").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert shown == [h.doc.id for h in engine.search("hydrotest hold")][:20]
