"""Every page of a build converts with one Markdown converter, reset between pages.

What one page defines (footnotes, abbreviations, heading anchors, its table of
contents) must never show on the next: each page here reads as if it were alone.
"""

from __future__ import annotations

from pathlib import Path

import sitekit

FIRST = """\
---
title: Pump cavitates at low suction head
author: alice
tags: [pumps]
community: field
date: 2026-03-04
---
## Setup

The NPSH margin is small.[^npsh]

*[NPSH]: Net positive suction head

[^npsh]: Measured at the flange.
"""

SECOND = sitekit.second_problem(
    """\
## Setup

The NPSH reading is fine, the breaker trips.
"""
)


def test_one_page_leaves_nothing_on_the_next(tmp_path: Path) -> None:
    yml = sitekit.MKDOCS_YML.replace("markdown_extensions:\n", "markdown_extensions:\n  - abbr\n")
    site = sitekit.make_site(
        tmp_path,
        {
            "mkdocs.yml": yml,
            "content/problems/a-cavitates.md": FIRST,
            "content/problems/b-trips.md": SECOND,
        },
    )
    result = sitekit.build(site)
    assert result.returncode == 0, result.stderr
    first = (site / "site/problems/a-cavitates/index.html").read_text(encoding="utf-8")
    second = (site / "site/problems/b-trips/index.html").read_text(encoding="utf-8")
    # The first page has all it defined...
    assert '<abbr title="Net positive suction head">NPSH</abbr>' in first
    assert "Measured at the flange." in first
    assert 'id="setup"' in first
    # ...and the second, built after it by the same converter, none of it.
    assert "<abbr" not in second
    assert "Measured at the flange." not in second
    assert 'class="footnote"' not in second
    assert 'id="setup"' in second  # not "setup_1": anchors are counted per page
    assert 'id="setup_1"' not in second
    assert second.count('href="#setup"') == first.count('href="#setup"')
