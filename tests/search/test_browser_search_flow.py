"""The search page as a reader moves through it: more results, Back, typos, nothing found.

Real headless Chromium on the built example; what is asserted is what the page shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from workscape.project import load_project
from workscape.search.correction import correct
from workscape.search.engine import Filters, SearchEngine

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent.parent
PAGE = 20  # results search.js shows at a time


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(load_project(REPO).published())


def _open(page, query: str = "") -> None:
    page.goto(page.base + "/search/" + query)
    page.wait_for_selector("form[data-ready]", state="attached")


def _status(page) -> str:
    return page.locator("[data-ws-status]").inner_text()


def _titles(page) -> list[str]:
    return page.locator(".ws-result .ws-result__title").all_inner_texts()


def _wait_titles(page, titles: list[str]) -> None:
    page.wait_for_function(
        "t => JSON.stringify([...document.querySelectorAll('.ws-result .ws-result__title')]"
        ".map(a => a.textContent)) === JSON.stringify(t)",
        arg=titles,
    )


# -- Show more ----------------------------------------------------------------------------


def test_show_more_is_offered_only_while_more_results_exist(page, engine) -> None:
    total = len(engine.search("pump"))
    assert PAGE * 2 < total < PAGE * 4
    _open(page, "?q=pump")
    more = page.get_by_role("button", name="Show more results")
    assert _status(page) == f"{total} results"
    assert page.locator(".ws-result").count() == PAGE
    for shown in range(PAGE * 2, total + PAGE, PAGE):
        assert more.is_visible()
        more.click()
        assert page.locator(".ws-result").count() == min(shown, total)
    assert not more.is_visible()  # every result is on the page
    assert _titles(page) == [h.doc.title for h in engine.search("pump")]
    # a search whose results fit on one screen never offers more
    fits = len(engine.search("vibration analysis"))
    assert 0 < fits <= PAGE
    page.fill("#ws-q", "vibration analysis")
    page.wait_for_function(f"document.querySelectorAll('.ws-result').length === {fits}")
    assert not more.is_visible()


# -- Back, reload, a shared address -------------------------------------------------------


def test_back_after_a_filter_change_restores_the_filter_and_its_results(page, engine) -> None:
    _open(page, "?q=seal")
    before = [h.doc.title for h in engine.search("seal")][:PAGE]
    _wait_titles(page, before)
    page.select_option("select[name=type]", "answer")
    answers = [h.doc.title for h in engine.search("seal", Filters(type="answer"))][:PAGE]
    _wait_titles(page, answers)
    assert answers != before
    page.get_by_label("SME approved").check()
    approved = engine.search("seal", Filters(type="answer", state="sme-approved"))
    _wait_titles(page, [h.doc.title for h in approved][:PAGE])

    page.go_back()  # undoes the review filter, on the same page
    _wait_titles(page, answers)
    assert not page.get_by_label("SME approved").is_checked()
    assert page.input_value("select[name=type]") == "answer"
    page.go_back()  # and then the type
    _wait_titles(page, before)
    assert urlparse(page.url).path == "/search/"
    assert page.input_value("select[name=type]") == ""
    assert page.input_value("#ws-q") == "seal"
    assert _status(page) == f"{len(engine.search('seal'))} results"

    page.go_forward()
    _wait_titles(page, answers)
    assert page.input_value("select[name=type]") == "answer"
    page.reload()  # a reload shows the same search
    page.wait_for_selector("form[data-ready]", state="attached")
    _wait_titles(page, answers)
    assert parse_qs(urlparse(page.url).query) == {"q": ["seal"], "type": ["answer"]}


def test_back_after_typing_a_new_query_returns_to_the_previous_one(page, engine) -> None:
    _open(page, "?q=seal")
    _wait_titles(page, [h.doc.title for h in engine.search("seal")][:PAGE])
    page.fill("#ws-q", "impeller")
    _wait_titles(page, [h.doc.title for h in engine.search("impeller")][:PAGE])
    page.fill("#ws-q", "impeller trim")  # still typing: the same history entry
    _wait_titles(page, [h.doc.title for h in engine.search("impeller trim")][:PAGE])
    page.go_back()
    _wait_titles(page, [h.doc.title for h in engine.search("seal")][:PAGE])
    assert page.input_value("#ws-q") == "seal"
    assert page.input_value("#ws-header-q") == "seal"


# -- A corrected typo ---------------------------------------------------------------------


def test_a_corrected_typo_says_what_was_searched_and_offers_the_words_typed(page, engine) -> None:
    _open(page, "?q=vibraton")
    note = page.locator("[data-ws-corrected]")
    note.wait_for()
    assert note.inner_text() == "Showing results for vibration. Search instead for vibraton"
    assert _titles(page) == [h.doc.title for h in engine.search("vibraton")][:PAGE]
    note.get_by_role("link", name="vibraton").click()
    page.wait_for_function("document.querySelector('[data-ws-status]').textContent.includes('No')")
    assert _status(page) == "No results for “vibraton”."
    assert page.locator(".ws-result").count() == 0
    assert not note.is_visible()
    assert parse_qs(urlparse(page.url).query) == {"q": ["vibraton"], "exact": ["1"]}
    page.go_back()
    note.wait_for()
    assert page.locator(".ws-result").count() == len(engine.search("vibraton"))


@pytest.mark.parametrize(
    "typed",
    ["vibraton", "Cavitaton", "presure vibraton", "cavitaton of the pumpp", "pump", "xqzzyv"],
)
def test_the_browser_corrects_exactly_like_the_core(page, engine, typed: str) -> None:
    _open(page)
    got = page.evaluate("q => workscapeSearch.correction(q)", typed)
    fixed = correct(engine, typed)
    expected = fixed and {"original": fixed.original, "query": fixed.query}
    assert got == expected


# -- Nothing found ------------------------------------------------------------------------


def test_no_results_offer_the_closest_tags_all_tags_and_the_ask_link(page, engine) -> None:
    assert engine.search("obsolete") == []
    _open(page, "?q=obsolete")
    assert _status(page) == "No results for “obsolete”."
    help_ = page.locator("[data-ws-none]")
    assert help_.is_visible()
    assert not page.locator("[data-ws-fewer]").is_visible()  # no filter is on
    close = help_.locator("[data-ws-close-tags] a")
    assert close.first.inner_text() == "Obsolescence"
    # the ask link is the site's, as every other page builds it
    page.goto(page.base + "/unanswered/")
    ask_elsewhere = page.locator(".ws-ask__link").get_attribute("href")
    _open(page, "?q=obsolete")
    ask = help_.get_by_role("link", name=re.compile("^Ask a question"))
    assert ask.is_visible()
    assert ask.get_attribute("href") == ask_elsewhere
    # the tag links lead to the tag pages
    close.first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/tags/obsolescence/"
    assert page.locator("h1").first.inner_text() == "Obsolescence"
    page.go_back()
    page.wait_for_selector("form[data-ready]", state="attached")
    help_.get_by_role("link", name="all tags").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/tags/"
    assert page.locator("h1").first.inner_text() == "Tags"
    # with a filter on, dropping it would not help: the page says so rather than offer it
    _open(page, "?q=obsolete&type=problem")
    assert page.locator("[data-ws-fewer]").inner_text() == (
        "Try fewer filters: they would not help, no item has these words."
    )
    assert page.locator("[data-ws-fewer] a").count() == 0


def test_no_results_with_filters_on_offer_fewer_filters(page, engine) -> None:
    query = "?q=vibration&type=collection&state=disputed"
    assert engine.search("vibration", Filters(type="collection", state="disputed")) == []
    _open(page, query)
    assert _status(page) == "No results for “vibration”."
    fewer = page.locator("[data-ws-fewer]")
    assert fewer.is_visible()
    without_type = len(engine.search("vibration", Filters(state="disputed")))
    without_state = len(engine.search("vibration", Filters(type="collection")))
    everything = len(engine.search("vibration"))
    offered = [
        (f"without type “collection” ({without_type} result{'s' * (without_type != 1)})", without_type),
        (f"without review state “Disputed” ({without_state} result{'s' * (without_state != 1)})", without_state),
        (f"without any filter ({everything} results)", everything),
    ]  # fmt: skip
    # only the drops that bring results are offered (here: the type brings none)
    assert without_type == 0 < without_state
    assert fewer.locator("a").all_inner_texts() == [text for text, n in offered if n]
    fewer.locator("a").last.click()
    page.wait_for_function(
        f"document.querySelectorAll('.ws-result').length === {min(everything, PAGE)}"
    )
    assert _status(page) == f"{everything} results"
    assert parse_qs(urlparse(page.url).query) == {"q": ["vibration"]}
    page.go_back()  # the filters come back
    page.wait_for_function("!document.querySelector('[data-ws-none]').hidden")
    assert page.input_value("select[name=type]") == "collection"


# -- The review filter takes several states -----------------------------------------------


def test_the_review_filter_lists_any_of_the_states_ticked(page, engine) -> None:
    states = ("changes-requested", "review-expired", "disputed")
    each = {s: [h.doc.id for h in engine.search("", Filters(state=s))] for s in states}
    assert all(each.values())
    _open(page)
    for label in ("Changes requested", "Review expired", "Disputed"):
        page.get_by_label(label).check()
    union = sum(len(ids) for ids in each.values())
    page.wait_for_function(f"document.querySelectorAll('.ws-result').length === {union}")
    shown = page.locator(".ws-result").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert sorted(shown) == sorted(i for ids in each.values() for i in ids)
    assert shown == [h.doc.id for h in engine.search("", Filters(state=states))]
    badges = set(page.locator(".ws-result .ws-badge").all_inner_texts())
    assert badges == {"Changes requested", "Review expired", "Disputed"}
    assert _status(page) == f"{union} results"
    assert parse_qs(urlparse(page.url).query) == {"state": list(states)}
    # each state's count is of the results the other filters let through
    count = page.locator("label", has_text="Review expired").locator("[data-ws-count]")
    assert count.inner_text() == f"({len(each['review-expired'])})"
