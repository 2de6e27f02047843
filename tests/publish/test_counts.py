"""Every number a page shows for a list equals the list a reader finds behind it.

Pages are parsed like a browser (html5lib) and every count is read as text; each
link a count stands beside is followed to the page it names, and the entries
listed there are counted. Deprecated tags lead to their replacement's page.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
from click.testing import CliRunner

import sitekit
from workscape.cli import main

HEADINGS = {"h1", "h2", "h3", "h4"}


# --- reading pages ------------------------------------------------------------------------


class Page:
    """A built page, parsed, with the parent links ElementTree lacks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = html5lib.parse(
            path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False
        )
        self.parent = {child: el for el in self.root.iter() for child in el}

    def by_id(self, element_id: str) -> ET.Element:
        found = self.find_id(element_id)
        assert found is not None, f"{self.path}: no element with id {element_id!r}"
        return found

    def find_id(self, element_id: str) -> ET.Element | None:
        found = [el for el in self.root.iter() if el.get("id") == element_id]
        assert len(found) <= 1, f"{self.path}: {len(found)} elements with id {element_id!r}"
        return found[0] if found else None

    def having(self, cls: str, within: ET.Element | None = None) -> list[ET.Element]:
        """Elements with the class ``cls``, in document order."""
        return [el for el in (within or self.root).iter() if cls in el.get("class", "").split()]

    def follow(self, href: str) -> Page:
        """The page a relative link from this page leads to."""
        path = urlsplit(href).path
        assert path and not urlsplit(href).scheme, f"{self.path}: not a site link: {href}"
        target = (self.path.parent / path).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        assert target.is_file(), f"{self.path}: {href} leads to no page"
        return Page(target)

    def listed_after(self, heading: ET.Element | None) -> list[ET.Element] | None:
        """The entries of the list(s) or table under ``heading``, up to the next heading."""
        if heading is None:
            return None
        siblings = list(self.parent[heading])
        level = int(heading.tag[1])
        entries: list[ET.Element] = []
        for el in siblings[siblings.index(heading) + 1 :]:
            if el.tag in HEADINGS and int(el.tag[1]) <= level:
                break
            for block in el.iter():
                if block.tag in ("ul", "ol"):
                    entries += [li for li in block if li.tag == "li"]
                elif block.tag == "tbody":
                    entries += [tr for tr in block if tr.tag == "tr"]
        return entries


def text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def count_in(el: ET.Element | None, page: Page) -> int | None:
    """The number in the element's ``ws-count``, read as a reader reads it (None: no number)."""
    counts = page.having("ws-count", el) if el is not None else []
    assert len(counts) <= 1, f"{page.path}: several counts in {text(el)!r}"  # type: ignore[arg-type]  # counts found: el is set
    return int(text(counts[0])) if counts else None


def number(pattern: str, words: str, where: object) -> int:
    match = re.search(pattern, words)
    assert match, f"{where}: no {pattern!r} in {words!r}"
    return int(match[1])


class Tally:
    """Every (where, number shown, entries listed) comparison made."""

    def __init__(self) -> None:
        self.checks: list[tuple[str, int | None, int | None]] = []

    def add(self, where: str, shown: int | None, listed: list[ET.Element] | int | None) -> None:
        """``None``: the page shows no number, or has no list, where one belongs."""
        self.checks.append((where, shown, len(listed) if isinstance(listed, list) else listed))

    def wrong(self) -> list[str]:
        return [
            f"{w}: shows {'nothing' if s is None else s}, lists {'nothing' if n is None else n}"
            for w, s, n in self.checks
            if s is None or s != n
        ]


# --- the example --------------------------------------------------------------------------


def _tags(site: Path, tally: Tally) -> int:
    index = Page(site / "tags/index.html")
    rows = [li for ul in index.having("ws-taglist") for li in ul if li.tag == "li"]
    for li in rows:
        link = li.find("a")
        assert link is not None
        tag = index.follow(link.get("href", ""))
        heading = tag.by_id("items")
        listed = tag.listed_after(heading)
        tally.add(f"/tags/ {text(link)}", count_in(li, index), listed)
        tally.add(f"{tag.path.parent.name} page heading", count_in(heading, tag), listed)
    return len(rows)


def _communities(site: Path, tally: Tally) -> int:
    index = Page(site / "communities/index.html")
    rows = [li for li in index.root.iter("li") if li.get("data-id")]
    for li in rows:
        words = text(li)
        link = li.find("a")
        assert link is not None
        page = index.follow(link.get("href", ""))
        items, members = page.find_id("items"), page.by_id("members")
        listed_items, listed_members = page.listed_after(items), page.listed_after(members)
        name = li.get("data-id")
        tally.add(
            f"/communities/ {name} items", number(r"(\d+) items?\b", words, name), listed_items
        )
        tally.add(
            f"/communities/ {name} members", number(r"(\d+) members?", words, name), listed_members
        )
        tally.add(f"{name} page items heading", count_in(items, page), listed_items)
        tally.add(f"{name} page members heading", count_in(members, page), listed_members)
    return len(rows)


def _people(site: Path, tally: Tally) -> int:
    index = Page(site / "people/index.html")
    everyone = index.listed_after(index.by_id("everyone-h")) or []
    intro = next(p for p in index.root.iter("p") if "people." in text(p))
    tally.add("/people/ everyone", number(r"(\d+) people", text(intro), "/people/"), everyone)
    nav = index.having("ws-jump")[0]
    for p in nav.iter("p"):
        link = None
        for el in p:
            if el.tag == "a":
                link = el
            elif "ws-count" in el.get("class", "") and link is not None:
                anchor = link.get("href", "").lstrip("#")
                listed = index.listed_after(index.by_id(anchor))
                tally.add(f"/people/ {anchor}", int(text(el)), listed)
    profiles = 0
    for card in everyone:
        link = next(a for a in card.iter("a") if "ws-person" in a.get("class", ""))
        profile = index.follow(link.get("href", ""))
        profiles += 1
        handle = profile.path.parent.name
        for heading in profile.by_id("contributions").iter("h3"):
            listed = profile.listed_after(heading)
            tally.add(f"{handle} {heading.get('id')}", count_in(heading, profile), listed)
        summary = text(profile.having("ws-helpfulness")[0])
        if "reviewed" in summary:
            reviewed = {
                li.get("data-item") for li in profile.listed_after(profile.by_id("reviews")) or []
            }
            tally.add(
                f"{handle} items reviewed",
                number(r"(\d+) items? reviewed", summary, handle),
                len(reviewed),
            )
    return profiles


def _unanswered(site: Path, tally: Tally) -> Page:
    listing = Page(site / "unanswered/index.html")
    cards = listing.having("ws-card")
    intro = next(p for p in listing.root.iter("p") if "waiting for an answer" in text(p))
    tally.add("/unanswered/ intro", number(r"(\d+) problems?", text(intro), "/unanswered/"), cards)
    home = Page(site / "index.html")
    more = next(a for a in home.root.iter("a") if "unanswered problem" in text(a))
    shown = number(r"All (\d+) unanswered", text(more), "home")
    tally.add("home: all unanswered", shown, home.follow(more.get("href", "")).having("ws-card"))
    gaps = Page(site / "gaps/index.html")
    tally.add("/gaps/ unanswered", count_in(gaps.by_id("unanswered-h"), gaps), cards)
    for anchor in ("unapproved-h", "thin-tags-h"):
        heading = gaps.by_id(anchor)
        tally.add(f"/gaps/ {anchor}", count_in(heading, gaps), gaps.listed_after(heading))
    return listing


#: What each kind of count on /health/ links to, per section; every kind must be there.
HEALTH_COUNTS = {"unanswered", "tags", "sme-tags", "members", "role", "state"}


def _entries(target: Page, fragment: str) -> list[ET.Element]:
    """The entries of the list at ``#fragment``: under a heading, or the list itself."""
    element = target.by_id(fragment)
    if element.tag in HEADINGS:
        return target.listed_after(element) or []
    lists = [element] if element.tag in ("ul", "ol") else list(element.iter("ul"))
    return [li for ul in lists for li in ul if li.tag == "li"]


def _health(site: Path, tally: Tally) -> int:
    """Every count on /health/ is a link, and the list it opens has that many entries."""
    health = Page(site / "health/index.html")
    kinds: dict[str, set[str]] = {}
    links = 0
    for section in [*health.root.iter("section"), *health.root.iter("tr")]:
        key = section.get("data-section")
        if not key:
            continue
        for link in health.having("ws-count-link", section):
            href, kind = link.get("href", ""), link.get("data-counts", "")
            kinds.setdefault(key, set()).add(kind)
            path, _, fragment = href.partition("#")
            target = health.follow(path) if path else health
            listed = _entries(target, fragment) if fragment else target.having("ws-card")
            tally.add(f"/health/ {key} {kind} -> {href}", int(text(link)), listed)
            links += 1
    for key, found in kinds.items():
        assert found == HEALTH_COUNTS, f"/health/ {key}: counts of {sorted(found)} only"
    # every number a reader sees in a section's figures is one of the links counted
    for dd in health.root.iter("dd"):
        if dd.get("data-figure") in ("open", "sme"):
            assert all(a.get("class") == "ws-count-link" for a in dd.iter("a")), text(dd)
    return links


def _answers(site: Path, tally: Tally) -> int:
    problems = list((site / "problems").glob("*/index.html"))
    for path in problems:
        page = Page(path)
        words = text(page.by_id("answers"))
        shown = number(r"(\d+) answers?", words, path)
        tally.add(f"{path.parent.name} answers", shown, page.having("ws-answer"))
    return len(problems)


def test_every_count_on_the_example_equals_the_list_it_stands_for(example_site: Path) -> None:
    tally = Tally()
    tags = _tags(example_site, tally)
    communities = _communities(example_site, tally)
    profiles = _people(example_site, tally)
    _unanswered(example_site, tally)
    health_links = _health(example_site, tally)
    problems = _answers(example_site, tally)
    # every index row was compared, so nothing passes by being skipped: on /health/, the
    # site and 5 communities, each with 15 counts in its section and 3 in the summary
    assert tags >= 30 and communities == 5 and profiles >= 20 and problems >= 30
    assert health_links == 6 * (15 + 3)
    wrong = tally.wrong()
    assert not wrong, f"{len(wrong)} of {len(tally.checks)} counts differ:\n" + "\n".join(wrong)


# --- what a tag and a community page list ------------------------------------------------

COUNTED = {
    "curation/communities.yml": """\
        - id: field
          name: Field service
          kind: vertical
          managers: [cmgr]
        - id: supply
          name: Supply chain
          kind: horizontal
          managers: [cmgr]
        """,
    # pumps only; its one answer is about seals and belongs to supply chain
    "content/problems/pump-noise.md": """\
        ---
        title: Pump hums at start
        author: alice
        tags: [pumps]
        community: field
        date: 2026-03-04
        ---
        It hums.
        """,
    "content/answers/noise-is-the-seal.md": """\
        ---
        author: bob
        problem: pump-noise
        tags: [seals]
        community: supply
        date: 2026-03-05
        ---
        A dry seal hums.
        """,
    # a second answer under seals to a problem already listed: still one entry
    "content/answers/flush-again.md": """\
        ---
        author: sme
        problem: seal-weeps
        date: 2026-03-06
        ---
        Flush it again.
        """,
    "content/resources/seal-guide.md": """\
        ---
        title: Seal guide
        author: sme
        tags: [seals]
        url: https://example.test/seal-guide
        format: document
        date: 2026-03-01
        ---
        """,
}


def _build(root: Path) -> Path:
    out = root / "site"
    result = sitekit.run(["mkdocs", "build", "--strict", "-d", str(out)], root)
    assert result.returncode == 0, result.stderr
    return out


def _card_ids(page: Page, heading_id: str) -> list[str]:
    return [li.get("data-id", "") for li in page.listed_after(page.by_id(heading_id)) or []]


def test_tag_and_community_pages_list_the_pages_a_reader_opens(tmp_path: Path) -> None:
    site = _build(sitekit.make_site(tmp_path / "kb", COUNTED))
    seals = Page(site / "tags/seals/index.html")
    # newest first; the problem reached through its answer's own tag, each page once
    assert _card_ids(seals, "items") == ["pump-noise", "seal-weeps", "seal-guide"]
    assert count_in(seals.by_id("items"), seals) == 3
    index = Page(site / "tags/index.html")
    row = next(li for li in index.root.iter("li") if text(li).startswith("Mechanical seals"))
    assert count_in(row, index) == 3
    supply = Page(site / "communities/supply/index.html")
    assert _card_ids(supply, "items") == ["pump-noise"]
    field = Page(site / "communities/field/index.html")
    assert _card_ids(field, "items") == ["pump-noise", "seal-weeps", "seal-guide"]
    rows = {
        li.get("data-id"): text(li) for li in Page(site / "communities/index.html").root.iter("li")
    }
    assert "3 items" in rows["field"] and "1 item ·" in rows["supply"]


# --- deprecated tags ----------------------------------------------------------------------

CHAIN = """\
    - id: older-seals
      label: Older seals <b>
      description: Deprecated twice.
      replaced_by: old-seals
    """


def test_a_deprecated_tag_redirects_to_the_end_of_its_replacement_chain(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb")
    taxonomy = root / "curation/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text() + textwrap.dedent(CHAIN))
    site = _build(root)
    for old, label in (("old-seals", "Old seals"), ("older-seals", "Older seals <b>")):
        page = Page(site / f"tags/{old}/index.html")
        words = text(page.root)
        assert "Nothing here yet" not in words
        # markup in a label stays text
        assert f"The tag {label} was replaced by Mechanical seals: go to Mechanical seals." in words
        refresh = next(m for m in page.root.iter("meta") if m.get("http-equiv") == "refresh")
        target = refresh.get("content", "").split("url=", 1)[1]
        link = next(a for a in page.root.iter("a"))
        assert link.get("href") == target
        # the chain is followed to its end, the page that lists what the old tag held
        landing = page.follow(target)
        assert landing.path == (site / "tags/seals/index.html").resolve()
        assert _card_ids(landing, "items") == ["seal-weeps"]
    # the index offers only current tags
    index = text(Page(site / "tags/index.html").root)
    assert "Old seals" not in index and "Mechanical seals" in index


def test_a_replacement_cycle_is_a_finding(tmp_path: Path) -> None:
    """A chain of replacements without an end would make redirects that never land."""
    root = sitekit.make_site(tmp_path / "kb")
    taxonomy = root / "curation/taxonomy.yml"
    label = "  label: Mechanical seals\n"
    taxonomy.write_text(taxonomy.read_text().replace(label, label + "  replaced_by: old-seals\n"))
    line = taxonomy.read_text().splitlines().index("  replaced_by: old-seals") + 1
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        f"curation/taxonomy.yml:{line}:16: error tag-replacement-cycle: "
        "replacements of 'seals' go round in a circle: seals -> old-seals -> seals"
    ) in result.stdout
