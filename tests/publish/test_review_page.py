"""The review queue as readers get it: /review/, each reviewer's Atom feed, the digest section,
and the links from home, health and profiles, on a site built from a real git repository.

Pages are parsed like a browser (html5lib); every assertion reads the text a person sees,
counts are compared with the rows beside them, and links are followed to the files built.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
import reviewkit

import sitekit

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(path: Path) -> ET.Element:
    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    found = [el for el in root.iter() if el.get("id") == element_id]
    assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
    return found[0]


def rows(section: ET.Element) -> list[ET.Element]:
    return [tr for tr in section.iter("tr") if tr.get("data-id")]


def cells(tr: ET.Element) -> list[str]:
    return [text(td) for td in tr.findall("td")]


def count(section: ET.Element) -> int:
    """The number a section's heading shows."""
    heading = next(el for el in section.iter() if el.tag in ("h2", "h3"))
    badge = next(el for el in heading.iter() if "ws-count" in el.get("class", ""))
    return int(text(badge))


def resolve(page: Path, href: str) -> Path:
    """The file a relative link on ``page`` leads to (its fragment's element checked too)."""
    parts = urlsplit(href)
    assert not parts.scheme, f"not a site link: {href}"
    target = (page.parent / parts.path).resolve() if parts.path else page
    if parts.path.endswith("/"):
        target = target / "index.html"
    assert target.is_file(), f"{href} from {page} leads to no file"
    if parts.fragment and target.suffix == ".html":
        by_id(parse(target), parts.fragment)
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-site") / "kb"
    reviewkit.make(root)
    result = sitekit.run(
        ["mkdocs", "build", "-q", "--strict"], root, env={"SOURCE_DATE_EPOCH": reviewkit.EPOCH}
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_review_page_lists_exactly_the_waiting_items_with_why_and_views(site: Path) -> None:
    page = site / "review/index.html"
    root = parse(page)
    everything = by_id(root, "all")
    listed = rows(everything)
    assert count(everything) == len(listed) == len(reviewkit.EXPECTED)
    assert [(tr.get("data-id"), tr.get("data-state")) for tr in listed] == [
        (i, s) for i, s, _why, _c in reviewkit.EXPECTED
    ]
    for tr, (item_id, _state, why, critical) in zip(listed, reviewkit.EXPECTED, strict=True):
        item, said, views, who, how = cells(tr)
        assert said == why, item_id
        assert ("Lockout/tagout" in item) is critical
        if item_id in reviewkit.VIEWS:
            assert views == str(reviewkit.VIEWS[item_id])
        who_may = [h for h, queue in reviewkit.QUEUE_OF.items() if item_id in queue]
        names = {"sme": "Sam Expert", "cmgr": "Carla Manager"}
        assert who == ", ".join(names[h] for h in sorted(who_may, key=names.get))
        assert how == "How to review"
        links = [a.get("href", "") for a in tr.iter("a")]
        # the item's link leads to its page (an answer: its place on its problem's page)
        target = resolve(page, links[0])
        if item_id in ("old", "check-flush"):
            assert links[0].endswith(f"problems/seal-weeps/#answer-{item_id}")
        else:
            assert target.parent.name == item_id
            assert text(next(parse(target).iter("h1"))) in item
        how_to = resolve(page, links[-1])
        assert how_to == page and links[-1].endswith("#how-to-review")
    assert "good" not in {tr.get("data-id") for tr in listed}  # approved, not waiting


def test_summary_counts_each_state_and_equals_the_rows_in_it(site: Path) -> None:
    root = parse(site / "review/index.html")
    summary = by_id(root, "summary")
    listed = rows(by_id(root, "all"))
    lines = {li.get("data-state"): text(li) for li in summary.iter("li")}
    assert lines["community"].startswith("5 not yet reviewed")
    assert lines["changed-since-review"] == "1 changed since review"
    assert lines["review-expired"] == "1 review expired (approved more than 365 days ago)"
    assert lines["changes-requested"] == "1 changes requested"
    assert lines["disputed"] == "1 disputed"
    assert lines["critical"] == "1 under a critical tag without a current approval"
    for state, line in lines.items():
        shown = int(line.split()[0])
        if state == "critical":
            assert shown == sum(1 for tr in listed if tr.get("data-critical") == "true")
        else:
            assert shown == sum(1 for tr in listed if tr.get("data-state") == state)
    assert count(summary) == len(listed)


def test_each_reviewer_has_a_section_with_their_queue_feed_and_command(site: Path) -> None:
    page = site / "review/index.html"
    root = parse(page)
    for handle, expected in reviewkit.QUEUE_OF.items():
        section = by_id(root, f"sme-{handle}")
        assert [tr.get("data-id") for tr in rows(section)] == expected
        assert count(section) == len(expected)
        said = text(section)
        assert f"{len(expected)} items wait for" in said
        assert f"workscape review --queue {handle}" in said
        feed = next(a.get("href", "") for a in section.iter("a") if "Atom feed" in text(a))
        assert resolve(page, feed) == site / f"review/{handle}/feed.xml"
    # people who review nothing get no section and no feed
    assert not [el for el in root.iter() if el.get("id") == "sme-alice"]
    assert not (site / "review/alice").exists()


def test_each_tag_with_waiting_items_has_its_section(site: Path) -> None:
    root = parse(site / "review/index.html")
    lockout = by_id(root, "tag-lockout")
    assert [tr.get("data-id") for tr in rows(lockout)] == ["loto"]
    assert count(lockout) == 1
    assert "SMEs: Sam Expert" in text(lockout)
    pumps = by_id(root, "tag-pumps")
    assert [tr.get("data-id") for tr in rows(pumps)] == [
        "seal-weeps",
        "loto",
        "sent-back",
        "old",
        "check-flush",
    ]
    assert "No SME yet" in text(pumps)


def test_each_reviewers_feed_has_an_entry_per_waiting_item(site: Path) -> None:
    feed = ET.parse(site / "review/sme/feed.xml").getroot()
    assert feed.findtext(f"{ATOM}title") == "Waiting for review by Sam Expert · Test Know-How"
    entries = feed.findall(f"{ATOM}entry")
    expected = {i: why for i, _s, why, _c in reviewkit.EXPECTED}
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]  # every entry has a link, asserted by the list below
    assert links == [
        "https://example.test/kb/problems/seal-weeps/",
        "https://example.test/kb/resources/changed/",
        "https://example.test/kb/problems/loto/",
        "https://example.test/kb/problems/fresh/",
        "https://example.test/kb/resources/argued/",
        "https://example.test/kb/problems/seal-weeps/#answer-old",
        "https://example.test/kb/problems/seal-weeps/#answer-check-flush",
    ]
    for entry, item_id in zip(entries, reviewkit.QUEUE_OF["sme"], strict=True):
        summary = entry.findtext(f"{ATOM}summary") or ""
        assert summary.startswith(expected[item_id] + ". "), summary
        assert (entry.findtext(f"{ATOM}title") or "").startswith("Review: ")
    changed = entries[1]
    assert changed.findtext(f"{ATOM}updated") == "2026-03-10T00:00:00+00:00"
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    cmgr = ET.parse(site / "review/cmgr/feed.xml").getroot()
    assert len(cmgr.findall(f"{ATOM}entry")) == len(reviewkit.QUEUE_OF["cmgr"])


def test_the_weekly_digest_brings_the_queue_to_the_experts(site: Path) -> None:
    for name in ("index.html", "email.html"):
        path = site / "communities/field/digest" / name
        root = parse(path)
        heading = by_id(root, "waiting-for-review")
        assert text(heading) == f"Waiting for your review ({len(reviewkit.EXPECTED)})"
        # the list right after the heading
        body = list(next(el for el in root.iter() if heading in list(el)))
        listed = body[body.index(heading) + 1]
        items = [li.get("data-id") for li in listed.iter("li")]
        assert items == [i for i, *_ in reviewkit.EXPECTED]
        first = text(listed.find("li"))  # type: ignore[arg-type]  # the list has items, asserted above
        assert "Not yet reviewed by an expert · 120 views · for Carla Manager, Sam Expert" in first
        queues = body[body.index(heading) + 2]
        assert text(queues) == "Your queue: Carla Manager (9), Sam Expert (7)"


def test_home_health_and_profiles_link_to_the_queue(site: Path) -> None:
    for rel in ("index.html", "health/index.html"):
        page = site / rel
        link = next(a for a in parse(page).iter("a") if "wait for review" in text(a))
        assert text(link) == "9 items wait for review"
        assert resolve(page, link.get("href", "")) == site / "review/index.html"
    for handle, expected in reviewkit.QUEUE_OF.items():
        page = site / f"people/{handle}/index.html"
        link = next(a for a in parse(page).iter("a") if "for your review" in text(a))
        assert text(link) == f"{len(expected)} items wait for your review"
        assert link.get("href", "").endswith(f"review/#sme-{handle}")
        resolve(page, link.get("href", ""))
    alice = parse(site / "people/alice/index.html")
    assert not [a for a in alice.iter("a") if "your review" in text(a)]


def test_a_long_queue_shows_the_most_read_and_says_how_many_more(tmp_path: Path) -> None:
    problems = {
        f"content/problems/p{n:03}.md": (
            f"---\ntitle: Problem {n}\nauthor: bob\ntags: [seals]\ndate: 2026-03-01\n---\nText.\n"
        )
        for n in range(120)
    }
    views = "path,views\n" + "".join(f"/problems/p{n:03}/,{n + 1}\n" for n in range(120))
    kb = sitekit.make_site(tmp_path / "kb", {**problems, "curation/views/2026-02.csv": views})
    built = sitekit.build(kb)
    assert built.returncode == 0, built.stderr
    root = parse(kb / "site/review/index.html")
    total = 120 + 2  # and the kit's problem and answer
    everything = by_id(root, "all")
    listed = [tr.get("data-id") for tr in rows(everything)]
    assert count(everything) == total
    assert listed == [f"p{n:03}" for n in range(119, 19, -1)]  # the 100 most read
    assert "Showing the 100 most read of 122;" in text(everything)
    sam = by_id(root, "sme-sme")
    assert count(sam) == total and len(rows(sam)) == 50
    assert "Showing the 50 most read of 122; workscape review --queue sme lists them all." in text(
        sam
    )
