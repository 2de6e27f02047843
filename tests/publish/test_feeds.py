"""Atom feeds checked against RFC 4287's rules, explicitly, and their links from pages.

Each rule asserted here is one of the RFC's MUSTs (section numbers in the
messages), not merely "the XML parses": a feed reader that follows the RFC must
be able to subscribe, deduplicate entries by id and order them by date.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sitekit

ATOM = "{http://www.w3.org/2005/Atom}"
#: RFC 3339 date-time (section 5.6), with the "T" and an explicit offset or Z.
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
EPOCH = "1773360000"  # 2026-03-13T00:00:00Z: "now" for sites without git

RESOURCE = """\
---
title: API 682 flush plans
author: sme
tags: [seals]
format: document
url: https://example.test/api682.pdf
date: 2026-03-01
---
The plans, one page each.
"""

LINKING_ANSWER = """\
---
title: Use the flush plan guide
author: alice
problem: trips
date: 2026-03-11
---
See [the guide](../resources/api-682.md) before you change anything.
"""

TRIPS = """\
---
title: Pump trips on start <b>again</b>
author: bob
tags: [pumps]
date: 2026-03-10
---
It trips & stops.
"""


def extra_site(root: Path) -> Path:
    return sitekit.make_site(
        root,
        {
            "content/resources/api-682.md": RESOURCE,
            "content/problems/trips.md": TRIPS,
            "content/answers/use-the-guide.md": LINKING_ANSWER,
        },
    )


def build(root: Path, out: str = "site") -> Path:
    result = sitekit.run(
        ["mkdocs", "build", "-q", "-d", out], root, env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert result.returncode == 0, result.stderr
    return root / out


def one(parent: ET.Element, name: str, where: str) -> ET.Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{where}: exactly one atom:{name} (RFC 4287 4.1.1/4.1.2)"
    return found[0]


def rfc3339(text: str | None, where: str) -> datetime:
    assert text and RFC3339.match(text), f"{where}: {text!r} is not an RFC 3339 date-time (3.3)"
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, where
    return value


def is_iri(text: str | None) -> bool:
    return bool(text) and bool(urlsplit(text or "").scheme)


def check_feed(path: Path) -> ET.Element:
    """Assert RFC 4287's rules for one feed document; return its root."""
    where = str(path)
    raw = path.read_bytes()
    assert b"@" not in raw.replace(b"xmlns", b""), f"{where}: an email address leaked"
    feed = ET.fromstring(raw)
    assert feed.tag == ATOM + "feed", f"{where}: the root is atom:feed (4.1.1)"
    assert is_iri(one(feed, "id", where).text), f"{where}: atom:id is an absolute IRI (4.2.6)"
    assert (one(feed, "title", where).text or "").strip(), f"{where}: non-empty atom:title"
    updated = rfc3339(one(feed, "updated", where).text, where)
    links = feed.findall(ATOM + "link")
    rels = [link.get("rel", "alternate") for link in links]
    assert "self" in rels, f"{where}: a feed SHOULD link to itself (4.1.1)"
    alternates = [
        (lk.get("type"), lk.get("hreflang")) for lk in links if lk.get("rel") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), f"{where}: one alternate per type (4.1.1)"
    assert all(link.get("href") for link in links), f"{where}: every atom:link has href (4.2.7.1)"
    feed_authors = feed.findall(ATOM + "author")
    for author in feed_authors:
        assert (one(author, "name", where).text or "").strip(), f"{where}: author has a name (3.2)"
        assert author.find(ATOM + "email") is None, f"{where}: no emails"
    ids = []
    entry_dates = []
    for entry in feed.findall(ATOM + "entry"):
        eid = one(entry, "id", where).text
        here = f"{where} entry {eid}"
        assert is_iri(eid), f"{here}: atom:id is an absolute IRI (4.2.6)"
        ids.append(eid)
        assert (one(entry, "title", here).text or "").strip(), f"{here}: non-empty title"
        entry_updated = rfc3339(one(entry, "updated", here).text, here)
        entry_dates.append(entry_updated)
        for published in entry.findall(ATOM + "published"):
            assert rfc3339(published.text, here) <= entry_updated, f"{here}: published <= updated"
        authors = entry.findall(ATOM + "author") or feed_authors
        assert authors, f"{here}: an author, in the entry or the feed (4.1.1, 4.1.2)"
        for author in entry.findall(ATOM + "author"):
            assert (one(author, "name", here).text or "").strip(), f"{here}: author name"
            assert author.find(ATOM + "email") is None, f"{here}: no emails"
        if entry.find(ATOM + "content") is None:
            alternate = [
                lk
                for lk in entry.findall(ATOM + "link")
                if lk.get("rel", "alternate") == "alternate"
            ]
            assert alternate, f"{here}: without content, a rel=alternate link (4.1.2)"
            assert alternate[0].get("href"), here
    assert len(ids) == len(set(ids)), f"{where}: entry ids are unique"
    if entry_dates:
        assert updated == max(entry_dates), f"{where}: updated is the newest entry's"
    return feed


def entries(feed: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext(ATOM + "id") or "": e for e in feed.findall(ATOM + "entry")}


def test_every_feed_follows_rfc_4287(site: Path) -> None:
    out = build(extra_site(site))
    feeds = sorted(out.rglob("feed.xml"))
    assert out / "feed.xml" in feeds
    assert out / "tags/seals/feed.xml" in feeds and out / "tags/old-seals/feed.xml" in feeds
    assert out / "communities/field/feed.xml" in feeds
    for path in feeds:
        check_feed(path)


def test_site_feed_entries_carry_the_content_dates_and_absolute_links(site: Path) -> None:
    out = build(extra_site(site))
    feed = check_feed(out / "feed.xml")
    assert feed.findtext(ATOM + "id") == "https://example.test/kb/feed.xml"
    assert feed.findtext(ATOM + "updated") == "2026-03-11T00:00:00+00:00"
    found = entries(feed)
    problem = found["https://example.test/kb/problems/trips/"]
    assert problem.findtext(ATOM + "title") == "Pump trips on start <b>again</b>"  # text, escaped
    assert problem.findtext(ATOM + "published") == "2026-03-10T00:00:00+00:00"
    assert problem.find(f"{ATOM}author/{ATOM}name").text == "Bob Brandt"
    assert [c.get("term") for c in problem.findall(ATOM + "category")] == ["pumps"]
    # An answer is read on its problem's page, so that is where its entry points.
    answer = found["https://example.test/kb/problems/trips/#answer-use-the-guide"]
    assert answer.find(ATOM + "link").get("href") == (
        "https://example.test/kb/problems/trips/#answer-use-the-guide"
    )
    # Summaries are plain text: Markdown link targets and marks are dropped.
    assert answer.findtext(ATOM + "summary") == "See the guide before you change anything."
    untitled = found["https://example.test/kb/problems/seal-weeps/#answer-check-flush"]
    assert untitled.findtext(ATOM + "title") == "Answer by bob"
    # Newest first, so a reader that keeps the top entries keeps the newest.
    published = [e.findtext(ATOM + "published") for e in feed.findall(ATOM + "entry")]
    assert published == sorted(published, reverse=True)
    self_link = [lk for lk in feed.findall(ATOM + "link") if lk.get("rel") == "self"][0]
    assert self_link.get("href") == "https://example.test/kb/feed.xml"


def test_tag_and_community_feeds_hold_their_own_items(site: Path) -> None:
    out = build(extra_site(site))
    seals = entries(check_feed(out / "tags/seals/feed.xml"))
    assert set(seals) == {
        "https://example.test/kb/resources/api-682/",
        "https://example.test/kb/problems/seal-weeps/",
        # The answer inherits its problem's tags.
        "https://example.test/kb/problems/seal-weeps/#answer-check-flush",
    }
    field = entries(check_feed(out / "communities/field/feed.xml"))
    assert "https://example.test/kb/problems/seal-weeps/" in field
    assert "https://example.test/kb/problems/trips/" in field  # community from its first tag
    empty = check_feed(out / "tags/old-seals/feed.xml")
    assert empty.findall(ATOM + "entry") == []
    # An empty feed is still valid: its date is "now", never the wall clock.
    assert empty.findtext(ATOM + "updated") == "2026-03-13T00:00:00+00:00"


def test_ids_are_stable_across_builds_and_new_content(site: Path) -> None:
    extra_site(site)
    first = build(site, "one")
    again = build(site, "two")
    for path in first.rglob("feed.xml"):
        assert path.read_bytes() == (again / path.relative_to(first)).read_bytes(), path
    before = entries(check_feed(first / "feed.xml"))
    sitekit.write(site, "content/problems/later.md", TRIPS.replace("2026-03-10", "2026-03-12"))
    after = entries(check_feed(build(site, "three") / "feed.xml"))
    assert set(before) < set(after)
    for entry_id, entry in before.items():
        assert after[entry_id].findtext(ATOM + "published") == entry.findtext(ATOM + "published")


def test_without_site_url_ids_are_urns_and_links_relative(site: Path) -> None:
    extra_site(site)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("site_url: https://example.test/kb/\n", ""))
    out = build(site)
    feed = check_feed(out / "tags/seals/feed.xml")
    assert feed.findtext(ATOM + "id", "").startswith("urn:uuid:")
    found = {e.find(ATOM + "link").get("href") for e in feed.findall(ATOM + "entry")}
    assert "../../resources/api-682/" in found
    assert "../../problems/seal-weeps/#answer-check-flush" in found


def test_relative_links_match_relpath_for_every_pair_of_site_paths() -> None:
    """The feeds' own relpath (no getcwd per link) gives posixpath.relpath's answer."""
    import posixpath

    from workscape.publish.feeds import _relpath

    paths = [".", "feed.xml", "tags", "tags/seals", "tags/seals/feed.xml", "problems/seal-weeps/"]
    paths += ["communities/field/digest/", "review", "tags/seal", "a/b/c/d", "people/ann/"]
    for path in paths:
        for start in paths:
            assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)


def test_pages_link_their_feeds(site: Path) -> None:
    out = build(extra_site(site))
    link = '<link rel="alternate" type="application/atom+xml" title="Test Know-How" href="{}">'
    home = (out / "index.html").read_text()
    assert link.format("feed.xml") in home or link.format("./feed.xml") in home
    tag = (out / "tags/seals/index.html").read_text()
    assert 'href="../../tags/seals/feed.xml"' in tag
    digest = (out / "communities/field/digest/index.html").read_text()
    assert 'href="../../../communities/field/feed.xml"' in digest
    problem = (out / "problems/trips/index.html").read_text()
    assert 'type="application/atom+xml"' in problem  # the site feed, from every page


def git(root: Path, *args: str, when: str = "2026-03-05T09:00:00+00:00", who: tuple = ()) -> None:
    name, email = who or ("Alice Archer", "alice@acme.test")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("stranger", ["Temp Contractor <temp.contractor@elsewhere.test>"])
def test_no_email_reaches_a_feed_even_from_git_history(tmp_path: Path, stranger: str) -> None:
    root = extra_site(sitekit.make_site(tmp_path / "kb"))
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    name, email = stranger[:-1].split(" <")
    sitekit.write(root, "content/problems/trips.md", TRIPS + "\nEdited by a contractor.\n")
    git(root, "commit", "-q", "-am", "edit", when="2026-03-12T09:00:00+00:00", who=(name, email))
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr
    for path in (root / "site").rglob("*.xml"):
        text = path.read_text()
        assert email not in text and "@acme.test" not in text, path


def same_day(item_id: str, updated: str = "") -> str:
    return (
        f"---\ntitle: Same day {item_id}\nauthor: alice\ntags: [pumps]\ndate: 2026-03-05\n"
        + (f"updated: {updated}\n" if updated else "")
        + "---\nWritten the same day.\n"
    )


def test_a_list_a_tag_page_and_the_feeds_order_same_day_items_alike(site: Path) -> None:
    # Three problems of one day: the one changed since comes first, then by id.
    out = build(
        sitekit.make_site(
            site,
            {
                "content/problems/day-a.md": same_day("day-a"),
                "content/problems/day-b.md": same_day("day-b", updated="2026-03-09"),
                "content/problems/day-c.md": same_day("day-c"),
            },
        )
    )
    expected = ["day-b", "day-a", "day-c"]

    def on_page(page: str) -> list[str]:
        ids = re.findall(r'data-id="([^"]+)"', (out / page).read_text(encoding="utf-8"))
        return [i for i in ids if i.startswith("day-")]

    def in_feed(feed: str) -> list[str]:
        found = [e.rstrip("/").rsplit("/", 1)[-1] for e in entries(check_feed(out / feed))]
        return [i for i in found if i.startswith("day-")]

    assert on_page("problems/index.html") == expected
    assert on_page("tags/pumps/index.html") == expected
    assert in_feed("feed.xml") == expected
    assert in_feed("tags/pumps/feed.xml") == expected
