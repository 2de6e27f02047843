"""A typo retried: what the engine says it searched for, and the CLI's note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workscape.cli import main
from workscape.project import load_project
from workscape.search.correction import correct
from workscape.search.engine import SearchEngine

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(load_project(REPO).published())


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("vibraton", "vibration"),
        ("Cavitaton", "cavitation"),  # the stem "cavit" is shown as a word of a result
        ("hydrotset", "hydrotest"),
        ("presure vibraton", "pressure vibration"),
        ("cavitaton of the pumpp", "cavitation of the pump"),  # stop words stay as typed
    ],
)
def test_a_retried_typo_names_the_word_searched_for(engine, typed: str, searched: str) -> None:
    fixed = correct(engine, typed)
    assert fixed is not None
    assert fixed.query == searched
    assert fixed.original == typed.lower()
    # the word shown is one a reader finds in the results
    hits = engine.search(typed)
    for word in set(fixed.query.split()) - set(fixed.original.split()):
        assert any(word in f"{h.doc.title} {h.doc.text}".lower() for h in hits), word


@pytest.mark.parametrize("typed", ["vibration", "pump seal", "", "the", "xqzzyv"])
def test_a_query_searched_as_typed_has_no_correction(engine, typed: str) -> None:
    assert correct(engine, typed) is None


def test_exact_searches_the_words_as_typed(engine) -> None:
    assert engine.search("vibraton")
    assert engine.search("vibraton", exact=True) == []
    assert engine.search("vibration", exact=True) == engine.search("vibration")


def test_the_cli_says_what_a_typo_was_searched_as() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["search", "vibraton", "--limit", "1", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Showing results for 'vibration'. Search instead for 'vibraton': add --exact."
    )
    exact = runner.invoke(main, ["search", "vibraton", "--exact", "--root", str(REPO)])
    assert exact.output == "No results. Try other words, or fewer filters.\n"


def test_the_cli_takes_several_review_states(engine) -> None:
    result = CliRunner().invoke(
        main,
        ["search", "--state", "disputed", "--state", "review-expired", "--json"]
        + ["--limit", "0", "--root", str(REPO)],
    )
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    states = {d["state"] for d in got}
    assert states == {"disputed", "review-expired"}
    expected = [d.id for d in engine.docs if d.state in states]
    assert sorted(d["id"] for d in got) == sorted(expected)
