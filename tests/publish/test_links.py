"""No dead link under any policy; a held-back item leaves no trace on the site.

The link checker (tests/linkcheck.py) walks a built site as a reader's browser would
follow it: every internal href/src, every #fragment, the sitemap, the feeds and the
search documents. The bundled example is checked under both values of
``publish_unapproved_critical``; with ``false`` every held-back id must be absent from
every file of the site, and a small site shows what a reader sees in its place.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitekit
from conftest import REPO
from linkcheck import Broken, broken_links, report
from workscape.cli import main
from workscape.project import load_project

EXAMPLE_URL = "https://northwind.example/know-how/"
WITHHOLD = "publish_unapproved_critical: false\n"


def withholding(root: Path) -> None:
    """Set the policy to leave unapproved critical items off the site."""
    policy = root / "curation/policy.yml"
    text = policy.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^publish_unapproved_critical: true$", WITHHOLD.strip(), text)
    policy.write_text(changed if changed != text else text + WITHHOLD, encoding="utf-8")


@pytest.fixture(scope="module")
def withheld_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The example built with ``publish_unapproved_critical: false``, and its held-back ids."""
    root = tmp_path_factory.mktemp("withheld")
    shutil.copy(REPO / "mkdocs.yml", root)
    for folder in ("content", "curation", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    withholding(root)
    result = sitekit.run(["mkdocs", "build", "--strict", "-d", str(root / "site")], root)
    assert result.returncode == 0, result.stderr
    return root / "site", load_project(root).held_back


def traces(site: Path, ids: list[str]) -> dict[str, list[str]]:
    """Held-back id -> the site files that name it (in a path, or as a whole word)."""
    found: dict[str, list[str]] = {}
    words = {i: re.compile(rf"(?<![a-z0-9-]){re.escape(i)}(?![a-z0-9-])") for i in ids}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        for item_id, word in words.items():
            if word.search(rel) or word.search(text):
                found.setdefault(item_id, []).append(rel)
    return found


def test_example_has_no_dead_link_under_either_policy(
    example_site: Path, withheld_example: tuple[Path, list[str]]
) -> None:
    published = broken_links(example_site, EXAMPLE_URL)
    assert not published, f"with publish_unapproved_critical: true\n{report(published)}"
    withheld = broken_links(withheld_example[0], EXAMPLE_URL)
    assert not withheld, f"with publish_unapproved_critical: false\n{report(withheld)}"


def test_held_back_items_and_their_answers_leave_no_trace_in_the_example(
    withheld_example: tuple[Path, list[str]],
) -> None:
    site, held_back = withheld_example
    catalog = load_project(REPO).catalog
    critical_problems = {
        i for i in held_back if i in catalog.items and catalog.items[i].type == "problem"
    }
    answers = {a.id for p in critical_problems for a in catalog.answers_to(p)}
    assert answers, "the example should have answers to a problem it can hold back"
    assert answers <= set(held_back), "answers go with their held-back problem"
    found = traces(site, held_back)
    assert not found, "held-back ids on the site:\n" + "\n".join(
        f"{item_id}: {', '.join(files)}" for item_id, files in found.items()
    )


ISOLATE = sitekit.CRITICAL_PROBLEM
LOCK_AT_MCC = """\
---
title: Lock at the MCC and try the start button
author: bob
problem: isolate-motor
date: 2026-03-04
---
Lock at the MCC, then press start: nothing may turn.
"""
FIRST_WEEK = """\
---
title: First week on pumps
author: alice
tags: [pumps]
date: 2026-03-05
items: [isolate-motor, seal-weeps]
---
Start here.
"""


def test_a_held_back_problem_takes_its_answers_and_every_reference_to_it(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            "content/problems/isolate-motor.md": ISOLATE,
            # Approved in its own right, but it has no page without its problem's.
            "content/answers/lock-at-mcc.md": LOCK_AT_MCC,
            "curation/reviews/lock-at-mcc.yml": "- by: sme\n  date: 2026-03-05\n  verdict: approved\n",
            "content/problems/seal-weeps.md": sitekit.PROBLEM.replace(
                "date: 2026-03-02", "date: 2026-03-02\nrelated: [isolate-motor]"
            ),
            "content/resources/old-lockout-sheet.md": (
                "---\ntitle: Old lockout sheet\nauthor: cmgr\ntags: [pumps]\n"
                "url: https://intranet.example/loto.pdf\nformat: document\n"
                "superseded_by: isolate-motor\n---\nThe 2019 sheet.\n"
            ),
            "content/collections/first-week.md": FIRST_WEEK,
            "curation/featured.yml": "- item: isolate-motor\n  by: cmgr\n- item: lock-at-mcc\n  by: cmgr\n",
            "curation/ratings/lock-at-mcc/alice.yml": "stars: 5\ndate: 2026-03-06\n",
            "curation/ratings/isolate-motor/bob.yml": "stars: 4\ndate: 2026-03-06\n",
            "curation/policy.yml": WITHHOLD,
        },
    )
    result = sitekit.run(["mkdocs", "build"], root)  # not -q: held-back items log as info
    assert result.returncode == 0, result.stderr
    assert "held back (answers held-back problem isolate-motor): lock-at-mcc" in result.stderr
    site = root / "site"

    broken = broken_links(site, "https://example.test/kb/")
    assert broken == [], report(broken)
    assert traces(site, ["isolate-motor", "lock-at-mcc"]) == {}
    for title in ("Isolating the motor", "Lock at the MCC"):
        shown = [p for p in site.rglob("*.*ml") if title in p.read_text(encoding="utf-8")]
        assert shown == [], f"'{title}' is on {shown}"
    # What a reader sees instead: a one-step path, a resource with no banner to nowhere.
    problem = (site / "problems/seal-weeps/index.html").read_text(encoding="utf-8")
    assert 'Step 1 of 1 on <a href="../../collections/first-week/">First week on pumps' in problem
    resource = (site / "resources/old-lockout-sheet/index.html").read_text(encoding="utf-8")
    assert "has been superseded" not in resource

    # The core publishes one catalog every page family reads: nothing in it names them.
    published = load_project(root).published()
    hidden = {"isolate-motor", "lock-at-mcc"}
    assert hidden.isdisjoint(published.items)
    for item in published.items.values():
        refs = {*item.related, *item.items, item.superseded_by, item.accepted, item.problem}
        assert hidden.isdisjoint(refs), item.id
    assert hidden.isdisjoint(published.ratings) and hidden.isdisjoint(published.reviews)
    assert hidden.isdisjoint(f.ref for f in published.featured)

    check = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert (
        "held back from the site (answers held-back problem isolate-motor): lock-at-mcc"
        in check.output
    )


def test_link_checker_reports_each_link_a_reader_would_find_dead(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sitekit.write(
        site,
        "index.html",
        '<a href="a/">a</a><a href="a/#top">top</a><a href="a/#gone">gone</a>'
        '<a href="missing/">missing</a><img src="img/x.png"><a href="/elsewhere/">root</a>'
        '<a href="/kb/a/">rooted</a><a href="https://other.test/x">out</a>'
        '<a href="mailto:a@b.test">mail</a><a href="#here">self</a><p id="here"></p>',
    )
    sitekit.write(site, "a/index.html", '<h1 id="top">A</h1><a name="old"></a>')
    sitekit.write(
        site,
        "b/index.html",
        '<meta http-equiv="refresh" content="0; url=../a/#old">'
        '<meta http-equiv="refresh" content="0; url=../c/">',
    )
    sitekit.write(
        site,
        "sitemap.xml",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://example.test/kb/a/</loc></url>"
        "<url><loc>https://example.test/kb/d/</loc></url></urlset>",
    )
    sitekit.write(
        site,
        "feed.xml",
        '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://example.test/kb/"/>'
        '<entry><link href="https://example.test/kb/e/"/></entry></feed>',
    )
    sitekit.write(
        site,
        "search/documents.json",
        '{"columns": ["id", "url"], "docs": [["a", "a/#top"], ["f", "f/#x"]]}',
    )
    assert broken_links(site, "https://example.test/kb/") == [
        Broken("b/index.html", "../c/", "no file for /c/"),
        Broken("feed.xml", "https://example.test/kb/e/", "no file for /e/"),
        Broken("index.html", "/elsewhere/", "outside the site's path /kb/"),
        Broken("index.html", "a/#gone", "no id 'gone' on /a/"),
        Broken("index.html", "img/x.png", "no file for /img/x.png"),
        Broken("index.html", "missing/", "no file for /missing/"),
        Broken("search/documents.json", "f/#x", "no file for /f/"),
        Broken("sitemap.xml", "https://example.test/kb/d/", "no file for /d/"),
    ]


def test_a_link_to_a_held_back_item_keeps_its_words_and_is_a_warning(tmp_path: Path) -> None:
    # An expiring approval must not stop the site: the link becomes its words, and
    # `workscape check` says so without failing.
    site = sitekit.make_site(
        tmp_path / "kb",
        {
            "curation/policy.yml": WITHHOLD,
            "content/resources/lockout-card.md": (
                "---\ntitle: Lockout card\nauthor: alice\ntags: [lockout]\n"
                "url: https://intranet.example/loto.pdf\nformat: document\n---\nThe card.\n"
            ),
            "content/problems/isolate.md": (
                "---\ntitle: Isolate the motor\nauthor: bob\ntags: [pumps]\n---\n"
                "Follow [the lockout card](../resources/lockout-card.md) first.\n"
            ),
        },
    )
    result = sitekit.run(["workscape", "check"], site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "content/problems/isolate.md:6:27: warning link-to-held-back: "
        "link '../resources/lockout-card.md' leads to content/resources/lockout-card.md, "
        "but it is held back from the site"
    ) in result.stdout
    built = sitekit.build(site, "--strict")
    assert built.returncode == 0, built.stderr
    page = (site / "site/problems/isolate/index.html").read_text(encoding="utf-8")
    assert (
        'Follow <span class="ws-withheld" title="Not published until an SME approves it">'
        "the lockout card</span> first." in page
    )
    assert not (site / "site/resources/lockout-card").exists()
    assert not broken_links(site / "site", "https://example.test/kb/")
