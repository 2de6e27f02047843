"""`updated:` in front matter: the last meaningful change, where git's date says nothing useful."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo

ALICE = ("Alice Archer", "alice@acme.test")
NOW = "1773360000"  # 2026-03-13T00:00:00Z


def problem(extra: str) -> str:
    return (
        "---\ntitle: Seal weeps after replacement\nauthor: alice\ntags: [pumps, seals]\n"
        f"date: 2026-03-02\n{extra}---\nThe new seal weeps within a day.\n"
    )


@pytest.mark.parametrize(
    ("line", "expected", "hint"),
    [
        (
            "updated: 2026-02-27\n",
            "content/problems/seal-weeps.md:6:10: error updated-before-date: updated 2026-02-27 "
            "is before the item's date 2026-03-02",
            "  hint: `updated:` is the last meaningful change, so it cannot come before `date:`; "
            "fix the one that is wrong",
        ),
        (
            "updated: 2026-03-15\n",
            "content/problems/seal-weeps.md:6:10: error updated-in-future: updated 2026-03-15 "
            "is in the future (today is 2026-03-13)",
            "  hint: write the day of the last meaningful change, today at the latest",
        ),
        (
            "updated: last week\n",
            "content/problems/seal-weeps.md:6:10: error bad-date: 'last week' is not a date",
            "  hint: write the date as YYYY-MM-DD",
        ),
    ],
    ids=["before-date", "in-future", "not-a-date"],
)
def test_a_wrong_updated_is_a_finding_at_its_line(
    site: Path, line: str, expected: str, hint: str
) -> None:
    sitekit.write(site, "content/problems/seal-weeps.md", problem(line))
    result = sitekit.run(["workscape", "check"], site, env={"SOURCE_DATE_EPOCH": NOW})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected, hint]


def test_today_somewhere_on_earth_is_not_the_future(site: Path) -> None:
    """Now is 2026-03-13 10:00 UTC: it is already the 14th in Auckland, where Alice writes."""
    sitekit.write(site, "content/problems/seal-weeps.md", problem("updated: 2026-03-14\n"))
    result = sitekit.run(["workscape", "check"], site, env={"SOURCE_DATE_EPOCH": "1773396000"})
    assert (result.returncode, result.stdout) == (0, "")


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_updated_wins_over_git_on_the_page_and_in_the_feed(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    sitekit.make_site(root)
    answer = root / "content/answers/check-flush.md"
    dated = "date: 2026-03-03\n"
    answer.write_text(answer.read_text().replace(dated, dated + "updated: 2026-03-09\n"))
    sitekit.write(root, "content/problems/seal-weeps.md", problem("updated: 2026-03-10\n"))
    repo = GitRepo.init(root)
    # Everything reaches git in one bulk commit weeks later, which says nothing about the items.
    repo.commit("Import the knowledge base", author=ALICE, when="2026-04-20T08:00:00")
    result = sitekit.build(root)
    assert result.returncode == 0, result.stderr

    html = (root / "site/problems/seal-weeps/index.html").read_text()
    byline = re.search(r'<p class="ws-meta">By (.*?)</p>', html, re.S)
    assert byline is not None
    assert text_of(byline[1]) == "Alice Archer · 2026-03-02 · updated 2026-03-10"
    card = html.split('id="answer-check-flush"', 1)[1].split("</header>", 1)[0]
    card_meta = re.search(r'<p class="ws-meta">(.*?)</p>', card, re.S)
    assert card_meta is not None
    assert text_of(card_meta[1]) == "Bob Brandt · 2026-03-03 · updated 2026-03-09 · link"

    feed = (root / "site/feed.xml").read_text()
    entries = {
        m[1]: m[2]
        for m in re.finditer(r"<entry>.*?<id>([^<]+)</id>.*?<updated>([^<]+)<", feed, re.S)
    }
    assert entries["https://example.test/kb/problems/seal-weeps/"] == "2026-03-10T00:00:00+00:00"


def test_the_example_shows_each_items_own_last_change(example_site: Path) -> None:
    """The example's files change in bulk commits by maintainers (non-authors): a page says
    "updated" only where the item's front matter records a meaningful change."""
    from conftest import REPO
    from workscape.sources.documents import read_document

    expected = {}
    for folder in ("problems", "resources", "collections"):
        for file in sorted((REPO / "content" / folder).glob("*.md")):
            meta = read_document(file.read_bytes(), file.name).meta
            updated = meta.get("updated")
            expected[f"{folder}/{file.stem}"] = f" · updated {updated}" if updated else ""
    shown = {}
    for page in expected:
        html = (example_site / page / "index.html").read_text()
        byline = text_of(re.search(r'<p class="ws-meta">By (.*?)</p>', html, re.S)[1])
        shown[page] = byline[byline.index(" · updated") :] if " · updated" in byline else ""
    assert shown == expected
    # four resources (one changed after its approval, for the review queue) and a learning path
    assert sum(bool(v) for v in shown.values()) == 5
