"""The Markdown limits pass over text shaped to stall it: its findings, exactly."""

from __future__ import annotations

import itertools
import re

import pytest

from workscape.sources import documents
from workscape.sources.documents import markdown_limits

N = 64 * 1024

SHAPES = {
    "a line of quote markers": (">" * N + "x", ["p:1:1: too-deeply-nested"]),
    "spaces then text": (" " * 80 + "x", ["p:1:1: too-deeply-nested"]),
    "a line of spaces then a marker": (" " * N + "x|", ["p:1:1: too-deeply-nested"]),
    "blank lines": ("\n" * N, []),
    # One paragraph: the 65th bracket crosses the limit, on line 66 (the first is blank).
    "brackets on their own lines": ("\n[" * (N // 2), ["p:66:1: too-many-brackets"]),
    "emphasis runs": ("*a" * (N // 2), ["p:1:1: too-much-emphasis"]),
    "backticks": ("`" * N, []),
    "list markers": ("- " * (N // 2) + "x", ["p:1:1: too-deeply-nested"]),
}


@pytest.mark.parametrize(("body", "expected"), SHAPES.values(), ids=SHAPES.keys())
def test_limits_over_hostile_shapes(body: str, expected: list[str]) -> None:
    found = [f"{f.path}:{f.line}:{f.col}: {f.code}" for f in markdown_limits(body, "p")]
    assert found == expected


#: What decided where an inline unit starts before it became a plain scan.
_OLD_UNIT_START = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]|.*\|)")


def test_the_unit_scan_agrees_with_the_pattern_it_replaces() -> None:
    """Every line up to five characters from the characters that matter."""
    _starts_unit = documents._starts_unit
    alphabet = [" ", "\t", ">", "-", "*", "#", "1", ".", ")", "a", "|"]
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            line = "".join(chars)
            assert _starts_unit(line) == bool(_OLD_UNIT_START.match(line)), repr(line)
    assert _starts_unit("123456789. x") and not _starts_unit("1234567890. x")
    assert _starts_unit("###### x") and not _starts_unit("####### x")
