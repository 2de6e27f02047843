"""Link and anchor scans over Markdown shaped to stall a backtracking engine.

Each hostile body sits between real links and anchors: the scan must still report
those at their exact line and column, and find nothing in the junk.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from loopkit import cli
from workscape.insights.participation import linked_items
from workscape.project import load_project
from workscape.rules.link_scan import Link, anchors_in, links_in

N = 64 * 1024

JUNK = {
    "blank lines": "\n" * N,
    "blank lines with spaces": " \n" * (N // 2),
    "open brackets": "[" * N,
    "close brackets": "]" * N,
    "bracket-paren runs": "](" * (N // 2),
    "unclosed links": "[a](" * (N // 4),
    "unclosed links over lines": "[](\n" * (N // 4),
    "unclosed angle links": "](<" * (N // 3),
    "unclosed titles": '](x "' * (N // 5),
    "brackets on their own lines": "\n[" * (N // 2),
    "attribute braces": "{#a" * (N // 3),
    "unclosed tags": "<a " * (N // 3),
    "unclosed id attributes": "<a id=" * (N // 6),
    "backslashes": "\\" * N,
    "spaces": " " * N + "x",
}


def _around(junk: str) -> str:
    return f"See [the flush](../answers/check-flush.md).\n\n{junk}\n\n## Steps {{#steps}}\n\n[back](#steps)\n"


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
def test_links_around_hostile_text_are_found_where_they_are(junk: str) -> None:
    body = _around(junk)
    last = body.count("\n", 0, body.rindex("[back]")) + 1
    assert links_in(body) == [
        Link("../answers/check-flush.md", 1, 17),
        Link("#steps", last, 8),
    ]


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
def test_anchors_around_hostile_text(junk: str) -> None:
    found = anchors_in([_around(junk)])
    assert "steps" in found
    assert found <= {"steps", "a"}  # `{#a` is an attribute list only when closed


def test_a_site_of_hostile_bodies_checks_clean(tmp_path: Path) -> None:
    head = sitekit.PROBLEM.split("---\n")[1].replace("title: Seal weeps", "title: Junk")
    files = {
        f"content/problems/junk-{n}.md": f"---\n{head}---\n{_around(junk)}"
        for n, junk in enumerate(JUNK.values())
        # Brackets beyond the density limit and deep indentation are findings of their own.
        if "[" not in junk and not junk.startswith("  ")
    }
    root = sitekit.make_site(tmp_path / "kb", files)
    result = cli(root, "check")
    assert (result.exit_code, result.stdout) == (0, "")
    catalog = load_project(root).catalog
    assert linked_items(catalog, catalog.items["junk-0"]) == {"check-flush"}
