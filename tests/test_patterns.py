"""Every pattern run on contributor text or logs is RE2: linear time by construction.

The modules below read what contributors write or what clients send. A compiled
pattern at their top level must come from :func:`workscape.patterns.linear`, unless
it is listed here with the reason it is safe under a backtracking engine.
"""

from __future__ import annotations

import importlib
import re

import pytest

from workscape.model import Item
from workscape.patterns import is_linear, linear
from workscape.publish.feeds import summary

MODULES = [
    "workscape.search.engine",
    "workscape.publish.feeds",
    "workscape.rules.link_scan",
    "workscape.insights.participation",
    "workscape.sources.access_logs",
    "workscape.sources.documents",
    "workscape.sources.curation_files",
    "workscape.publish.withheld_links",
    "workscape.sources.contact",
    "workscape.sources.conversation",
    "workscape.insights.conversation",
    "workscape.publish.comments",
    "workscape.github.attachments",
    "workscape.importers.markdown_files",
    "workscape.importers.spreadsheet",
]
#: Patterns that stay on `re`, and why that is safe.
BACKTRACKING_ALLOWED = {
    # One character class repeated: each character is read once, whatever the text.
    "workscape.search.engine._TOKEN",
    "workscape.sources.documents._CONTROL",
    # A curator's file name, never log content; its look-around needs `re`.
    "workscape.sources.access_logs._MONTH_IN_NAME",
}


@pytest.mark.parametrize("name", MODULES)
def test_patterns_over_contributor_text_are_linear(name: str) -> None:
    module = importlib.import_module(name)
    found = {
        f"{name}.{attr}": value
        for attr, value in vars(module).items()
        if isinstance(value, re.Pattern) or is_linear(value)
    }
    markup = getattr(module, "_MARKUP", None)
    if isinstance(markup, list):  # search text: (pattern, replacement, literals)
        found.update((f"{name}._MARKUP[{n}]", p) for n, (p, *_) in enumerate(markup))
    backtracking = sorted(k for k, v in found.items() if not is_linear(v))
    assert [k for k in backtracking if k not in BACKTRACKING_ALLOWED] == []


def test_re2_refuses_what_cannot_be_linear() -> None:
    for source in (r"(a)\1", r"a(?=b)", r"(?<!a)b"):
        with pytest.raises(Exception, match="invalid"):
            linear(source)


def test_a_feed_summary_of_hostile_markdown() -> None:
    for junk in ["](" * 4096, "[" * 8192, "<" * 8192, "\n" * 8192, "\\" * 8192]:
        body = f"**Bold** [start](a.md) {junk}"
        item = Item(id="x", type="problem", path="p.md", title="T", author="a", body=body)
        text = summary(item)
        assert text.startswith("Bold start")
        assert len(text) <= 281
