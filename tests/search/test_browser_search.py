"""Search in a real headless Chromium: the page, the URL, the header box, and parity with the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from workscape.project import load_project
from workscape.search.engine import Filters, SearchEngine
from workscape.search.index import scores
from workscape.search.terms import stem, words

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(load_project(REPO).published())


def _open_search(page, query: str = "") -> None:
    page.goto(page.base + "/search/" + query)
    page.wait_for_selector("form[data-ready]", state="attached")


def test_type_a_query_apply_a_filter_and_open_a_result(page) -> None:
    _open_search(page)
    page.fill("#ws-q", "seal leaking after replacement")
    page.wait_for_function("document.querySelectorAll('.ws-result').length > 0")
    assert page.locator(".ws-result").count() > 1
    page.select_option("select[name=type]", "answer")
    page.wait_for_function(
        "[...document.querySelectorAll('.ws-result')].every(r => r.matches('.ws-result--answer'))"
    )
    query = parse_qs(urlparse(page.url).query)
    assert query == {"q": ["seal leaking after replacement"], "type": ["answer"]}
    first = page.locator(".ws-result").first
    answer_id = first.get_attribute("data-id")
    first.locator(".ws-result__title").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path.startswith("/problems/")
    assert urlparse(page.url).fragment == f"answer-{answer_id}"
    assert page.locator(f"#answer-{answer_id}").count() == 1


def test_a_shared_url_restores_the_query_the_filters_and_the_results(page, engine) -> None:
    _open_search(page, "?q=vibration&tag=vibration-analysis&state=sme-approved")
    assert page.input_value("#ws-q") == "vibration"
    assert page.input_value("select[name=tag]") == "vibration-analysis"
    assert page.input_value("select[name=state]") == "sme-approved"
    page.wait_for_function(
        "document.querySelector('[data-ws-status]').textContent.includes('result')"
    )
    shown = page.locator(".ws-result").evaluate_all("rs => rs.map(r => r.dataset.id)")
    expected = engine.search("vibration", Filters(tag="vibration-analysis", state="sme-approved"))
    assert shown == [h.doc.id for h in expected][:20]
    assert shown
    # each result shows its type, title, review badge, rating and tags
    first = page.locator(".ws-result").first
    assert first.locator(".ws-badge").inner_text() == "SME approved"
    assert first.locator(".ws-rating").count() == 1
    assert first.locator(".ws-tags a").count() >= 1
    # and the counts next to the filter values are for the current query
    label = page.locator("select[name=type] option[value=problem]").inner_text()
    assert re.fullmatch(r"problem \(\d+\)", label)


def test_the_snippet_shows_the_match(page) -> None:
    _open_search(page, "?q=caustic")
    page.wait_for_selector(".ws-result__snippet mark")
    marks = page.locator(".ws-result__snippet mark").all_inner_texts()
    assert marks and all(m.lower().startswith("caustic") for m in marks)


QUERIES = [
    ("my new seal is dripping a day after I fitted it", {}),
    ("can I use the enable input on the inverter as lockout", {}),
    ("vibration", {"type": "answer"}),
    ("", {"community": "supply-chain"}),
    ("cavitaton", {}),  # a typo: the fuzzy fallback
    ("pump", {"tag": "mechanical-seals", "state": "community"}),
    ("day", {}),  # lunr.js stems it "day", the lunr package "dai"
]


@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_the_browser_ranks_exactly_like_the_core(page, engine, query: str, filters) -> None:
    _open_search(page)
    got = page.evaluate("([q, f]) => workscapeSearch.search(q, f)", [query, filters])
    expected = engine.search(query, Filters(**filters))
    assert [tuple(x) for x in got] == [(h.doc.id, h.score) for h in expected]
    assert got or query == "day"


def test_the_browser_computes_every_score_exactly_as_the_core(page, engine) -> None:
    _open_search(page)
    got = dict(page.evaluate("workscapeSearch.vectors()"))
    v = engine.vectors
    expected = {
        f"{field}/{ref}": [x for element in elements for x in element]
        for ref, per_field in zip(v.refs, scores(v), strict=True)
        for field, elements in zip(v.fields, per_field, strict=True)
    }
    assert got == expected


def test_the_browser_stems_every_word_of_the_example_like_the_core(page) -> None:
    vocabulary = sorted(
        {w for path in (REPO / "content").rglob("*.md") for w in words(path.read_text())}
    )
    _open_search(page)
    stems = page.evaluate(
        "ws => ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())", vocabulary
    )
    assert len(vocabulary) > 2000
    assert {w: s for w, s in zip(vocabulary, stems, strict=True) if stem(w) != s} == {}


def test_the_header_box_sends_the_query_to_the_search_page(page) -> None:
    page.goto(page.base + "/problems/")
    page.fill("#ws-header-q", "hydrotest hold time")
    page.press("#ws-header-q", "Enter")
    page.wait_for_selector(".ws-result")
    assert urlparse(page.url).path == "/search/"
    assert page.input_value("#ws-q") == "hydrotest hold time"
    assert page.locator(".ws-result").first.get_attribute("data-id") == "hydrotest-hold-time"


def test_without_javascript_the_page_says_what_to_do(browser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "/search/?q=seal")
    notice = page.locator(".ws-search__noscript")
    assert notice.is_visible()
    assert "needs JavaScript" in notice.inner_text()
    notice.locator("a", has_text="tags").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/tags/"
    context.close()
