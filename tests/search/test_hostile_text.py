"""Search text from Markdown shaped to stall a backtracking engine: the result, at sizes
within the body limit where quadratic or cubic patterns would never finish."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from workscape.project import load_project
from workscape.search.engine import _without_addresses, plain_text, search_documents

N = 64 * 1024  # half the 128 KiB a body may hold

HOSTILE = {
    "blank lines": ("\n" * N, ""),  # the table rule was cubic on these
    "blank lines with spaces": (" \n" * (N // 2), ""),
    "spaces": (" " * N, ""),
    "table marks": ("|\n" * (N // 2), ""),
    "table rule runs": ("|-" * (N // 2) + "\n", ""),
    "open brackets": ("[" * N, "[" * N),
    "image openers": ("![" * (N // 2), "![" * (N // 2)),
    "unclosed links": ("[a](" * (N // 4), "[a](" * (N // 4)),
    "backslashes": ("\\" * N, "\\" * N),
    "headings without text": ("#\n" * (N // 2), ""),
    "admonition markers": ("!!!\n" * (N // 4), "!!!" + " !!!" * (N // 4 - 1)),
}


@pytest.mark.parametrize(("body", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_gives_its_plain_text(body: str, expected: str) -> None:
    assert plain_text(body) == expected
    # The real words around the junk survive, in order.
    assert plain_text(f"alpha\n\n{body}\n\n| a | b |\n|---|---|\n\nomega") == (
        f"alpha {expected} a b omega".replace("  ", " ")
    )


@pytest.mark.parametrize(
    "junk",
    ["a" * N + "@", "-" * N + "@x", "x@" + "a" * N, ("a." * (N // 2)) + "@"],
    ids=["letters then @", "hyphens then @", "@ then letters", "dotted then @"],
)
def test_addresses_are_removed_from_hostile_text(junk: str) -> None:
    text = f"mail jörg.berg@werk.example or {junk} then ana@example.test"
    out = _without_addresses(text)
    assert out.startswith("mail (email address) or ")
    assert out.endswith(" then (email address)")


def test_an_item_of_blank_lines_is_indexed_by_its_words(tmp_path: Path) -> None:
    body = "Drain the casing.\n" + "\n" * N + "| step | why |\n|---|---|\n| vent | air |\n"
    problem = sitekit.PROBLEM.replace("The new seal weeps within a day.\n", body)
    root = sitekit.make_site(tmp_path / "kb", {"content/problems/seal-weeps.md": problem})
    loaded = load_project(root)
    assert not loaded.errors
    doc = next(d for d in search_documents(loaded.catalog) if d.url.endswith("seal-weeps/"))
    assert doc.text == "Drain the casing. step why vent air"
