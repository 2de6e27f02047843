"""`workscape check` agrees with `mkdocs build --strict`: links, anchors, reserved paths.

Each case is a real site in tmp_path: the check prints the exact findings (and exits
1), the build refuses with the same findings and publishes nothing; a site whose
links are all good builds strictly, and every link a reader clicks lands on a file
and on the element its anchor names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib
from click.testing import CliRunner

import sitekit
from conftest import REPO
from workscape.cli import main
from workscape.project import load_project
from workscape.rules.link_scan import links_in


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    return result.exit_code, result.stdout.splitlines()


def assert_refused(root: Path, expected: list[str]) -> None:
    """The check prints exactly ``expected`` and fails; the build fails with the same."""
    code, lines = check(root)
    assert (code, lines) == (1, expected)
    result = sitekit.build(root)
    assert result.returncode == 1
    for line in expected:
        assert line in result.stderr
    assert not (root / "site").exists()


PUMP_TRIPS = """\
---
title: Pump trips on start
author: alice
tags: [pumps]
date: 2026-03-05
---
## Before you start

Read [the seal problem](seal-weeps.md) first, then
[the pump curve](../resources/pump-curve.md) and [the flush](seal-weeps.md#flush-plan).
Back to [the top](#before-you-strat), or see [the list](/problems/seal-weeps/).

```
[not a link](in-code.md)
```
"""

RESTART = """\
---
author: alice
problem: seal-weeps
date: 2026-03-04
---
As [Bob said](check-flush.md), check the flush plan.
"""

GUIDE = """\
# Guide

See [every problem](problems/index.md) and [the seal](problems/seal-weep.md).
"""


def test_broken_links_and_anchors_are_findings_and_stop_the_build(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/pump-trips.md": PUMP_TRIPS,
            "content/answers/restart-slowly.md": RESTART,
            "content/guide.md": GUIDE,
        },
    )
    assert_refused(
        root,
        [
            "content/answers/restart-slowly.md:6:15: error broken-link: link 'check-flush.md' "
            "leads nowhere: there is no problems/check-flush.md in the content",
            "  hint: did you mean '../answers/check-flush.md'? a link to a page names its file, "
            "relative to its problem's file (problems/seal-weeps.md): an answer is part of "
            "that page",
            "content/guide.md:3:55: error broken-link: link 'problems/seal-weep.md' leads "
            "nowhere: there is no problems/seal-weep.md in the content",
            "  hint: did you mean 'problems/seal-weeps.md'? a link to a page names its file, "
            "relative to this page's file",
            "content/problems/pump-trips.md:10:18: error broken-link: link "
            "'../resources/pump-curve.md' leads nowhere: there is no resources/pump-curve.md "
            "in the content",
            "  hint: a link to a page names its file, relative to this page's file",
            "content/problems/pump-trips.md:10:62: error broken-anchor: link "
            "'seal-weeps.md#flush-plan': content/problems/seal-weeps.md has no heading or id "
            "'flush-plan'",
            "  hint: did you mean 'answer-check-flush'? an anchor is a heading's id: lowercase, "
            "spaces as '-' (the page's table of contents links to each)",
            "content/problems/pump-trips.md:11:19: error broken-anchor: link '#before-you-strat': "
            "this page has no heading or id 'before-you-strat'",
            "  hint: did you mean 'before-you-start'? an anchor is a heading's id: lowercase, "
            "spaces as '-' (the page's table of contents links to each)",
            "content/problems/pump-trips.md:11:57: error broken-link: link "
            "'/problems/seal-weeps/' leaves the site, which lives under /kb/",
            "  hint: did you mean 'seal-weeps.md'? link to the page's file instead, relative "
            "to this one: the build checks those",
        ],
    )


GOOD_PROBLEM = """\
---
title: Pump trips on start
author: alice
tags: [pumps]
date: 2026-03-05
---
## Before you start {#start}

## Check the `VFD` ramp

Read [the seal problem](seal-weeps.md), [Bob's answer](../answers/check-flush.md),
[the same answer in place](seal-weeps.md#answer-check-flush),
[the ramp](#check-the-vfd-ramp), [the start](#start), [pumps](../tags/pumps.md),
[Alice](../people/alice.md), [the guide](../guide.md#why-links-matter),
[the feed](../feed.xml), [the list](../../problems/) and
[the seal page](../../problems/seal-weeps/).
"""

GOOD_GUIDE = """\
# Guide

## Why links matter

See [pump trips](problems/pump-trips.md#start).
"""

LINK_TEXTS = {
    "the seal problem",
    "Bob's answer",
    "the same answer in place",
    "the ramp",
    "the start",
    "pumps",
    "Alice",
    "the guide",
    "the feed",
    "the list",
    "the seal page",
}


def _parse(path: Path) -> ET.Element:
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _lands(site: Path, page_url: str, href: str) -> str:
    """Where ``href`` on ``page_url`` lands: '' if on a file and element, else why not."""
    parts = urlsplit(urljoin("https://h/" + page_url, href))
    rel = parts.path.lstrip("/")
    target = site / rel
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"no file {rel}"
    if parts.fragment:
        ids = {el.get("id") for el in _parse(target).iter() if el.get("id")}
        if parts.fragment not in ids:
            return f"no #{parts.fragment} in {rel}"
    return ""


def test_good_links_build_strictly_and_every_one_lands(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {"content/problems/pump-trips.md": GOOD_PROBLEM, "content/guide.md": GOOD_GUIDE},
    )
    assert check(root) == (0, [])
    # Not -q: MkDocs' quiet mode drops warnings before --strict can count them.
    result = sitekit.run(["mkdocs", "build", "--strict"], root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    body = next(
        el
        for el in _parse(site / "problems/pump-trips/index.html").iter("div")
        if el.get("class") == "ws-body"
    )
    links = {"".join(a.itertext()): a.get("href") or "" for a in body.iter("a")}
    links = {text: href for text, href in links.items() if text in LINK_TEXTS}
    assert set(links) == LINK_TEXTS
    problems = {
        text: why
        for text, href in links.items()
        if (why := _lands(site, "problems/pump-trips/", href))
    }
    assert problems == {}
    # The answer's own address sends the reader to its place on its problem's page.
    redirect = (site / "answers/check-flush/index.html").read_text(encoding="utf-8")
    assert "../../problems/seal-weeps/#answer-check-flush" in redirect
    assert (
        _lands(site, "answers/check-flush/", "../../problems/seal-weeps/#answer-check-flush") == ""
    )
    guide = {
        "".join(a.itertext()): a.get("href") for a in _parse(site / "guide/index.html").iter("a")
    }
    assert _lands(site, "guide/", guide["pump trips"] or "") == ""


PROBLEM_NAMED_INDEX = """\
---
title: Pump index drifts
id: index
author: alice
---
The index mark drifts.
"""


def test_contributed_files_may_not_take_a_generated_page(tmp_path: Path) -> None:
    page = "# Mine\n\nMy own page.\n"
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/index.md": page,
            "content/people/alice.md": page,
            "content/health/index.md": page,
            "content/tags/pumps/index.md": page,
            "content/communities/field.md": page,
            "content/communities/field/digest.md": page,
            "content/new.md": page,
            "content/search/index.md": page,
            "content/problems/pump-index.md": PROBLEM_NAMED_INDEX,
        },
    )
    hint = "  hint: rename or move the file: the site builds that page itself"
    assert_refused(
        root,
        [
            "content/communities/field.md:1:1: error reserved-path: this page would be "
            "published at /communities/field/, where the site generates the page of "
            "community 'field'",
            hint,
            "content/communities/field/digest.md:1:1: error reserved-path: this page would be "
            "published at /communities/field/digest/, where the site generates the weekly "
            "digest of 'field'",
            hint,
            "content/health/index.md:1:1: error reserved-path: this page would be published "
            "at /health/, where the site generates the health dashboard",
            hint,
            "content/index.md:1:1: error reserved-path: this page would be published at /, "
            "where the site generates the home page",
            hint,
            "content/new.md:1:1: error reserved-path: this page would be published at /new/, "
            "where the site generates what's new",
            hint,
            "content/people/alice.md:1:1: error reserved-path: this page would be published "
            "at /people/alice/, where the site generates the profile of 'alice'",
            hint,
            "content/problems/pump-index.md:3:5: error reserved-id: id 'index' is reserved for "
            "the site's own list pages, such as /problems/",
            "  hint: rename the file or set another `id:` (lowercase words joined by '-')",
            "content/search/index.md:1:1: error reserved-path: this page would be published "
            "at /search/, where the site generates the search page",
            hint,
            "content/tags/pumps/index.md:1:1: error reserved-path: this page would be "
            "published at /tags/pumps/, where the site generates the page of tag 'pumps'",
            hint,
        ],
    )


def test_a_problem_file_named_index_is_refused(tmp_path: Path) -> None:
    problem = "---\ntitle: Index\nauthor: alice\n---\nText.\n"
    root = sitekit.make_site(tmp_path / "kb", {"content/problems/index.md": problem})
    code, lines = check(root)
    assert (code, lines[0]) == (
        1,
        "content/problems/index.md:1:1: error reserved-id: id 'index' is reserved for the "
        "site's own list pages, such as /problems/",
    )


def test_the_example_has_links_and_every_one_is_good() -> None:
    loaded = load_project(REPO)
    links = [link for item in loaded.catalog.items.values() for link in links_in(item.body)]
    assert len(links) >= 10  # the example links its resources: the check has work to do
    codes = {f.code for f in loaded.findings}
    assert not codes & {"broken-link", "broken-anchor", "reserved-path", "reserved-id"}
    code, lines = check(REPO)
    assert code == 0
    assert not [line for line in lines if "broken-" in line or "reserved-" in line]
