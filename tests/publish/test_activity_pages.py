"""Activity pages and feeds: an answer merged for someone's problem, read where they read it."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest

import sitekit
from discoverykit import section
from gitrepo import GitRepo
from loopkit import cli

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")
SAM = ("Sam Expert", "sam@acme.test")
ATOM = "{http://www.w3.org/2005/Atom}"

PEOPLE = (
    sitekit.PEOPLE
    + """\
- handle: quiet
  name: Quinn Quiet
  emails: [quinn@acme.test]
  github: quinn-gh
  listed: false
"""
)
QUIET_PROBLEM = (
    "---\ntitle: A private worry\nauthor: quiet\ntags: [pumps]\ndate: 2026-03-02\n---\nHm.\n"
)
# A title that would be markup if anything printed it unescaped.
HOSTILE = (
    "---\ntitle: '<img src=x onerror=alert(1)> pump'\nauthor: alice\ntags: [pumps]\n"
    "date: 2026-03-02\n---\nHm.\n"
)
HOSTILE_ANSWER = "---\nauthor: bob\nproblem: hostile\ndate: 2026-03-04\n---\nNo.\n"
QUIET_ANSWER = "---\nauthor: bob\nproblem: private-worry\ndate: 2026-03-04\n---\nFine.\n"
GLAND = (
    "---\ntitle: Replace the gland gasket too\nauthor: sme\nproblem: seal-weeps\n"
    "date: 2026-03-06\n---\nThe old gasket is the leak.\n"
)
SAYS_ALICE = (
    "Sam Expert answered your problem “Seal weeps after replacement” (Replace the gland gasket too)"
)


def text(fragment: str) -> str:
    """What a reader reads of some HTML: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    """Alice's problem answered by Bob; then a pull request with Sam's answer, merged; built."""
    repo = GitRepo.init(tmp_path_factory.mktemp("activity") / "kb")
    sitekit.make_site(
        repo.path,
        {
            "curation/people.yml": PEOPLE,
            "content/problems/private-worry.md": QUIET_PROBLEM,
            "content/answers/quiet-answer.md": QUIET_ANSWER,
            "content/problems/hostile.md": HOSTILE,
            "content/answers/hostile-answer.md": HOSTILE_ANSWER,
            "curation/ratings/check-flush/alice.yml": "stars: 4\ndate: 2026-03-05\n",
        },
    )
    repo.commit("Start", author=ALICE, when="2026-03-05T09:00:00")
    repo.git("checkout", "-q", "-b", "gland")
    repo.write("content/answers/gland.md", GLAND)
    repo.commit("Answer: the gland gasket", author=SAM, when="2026-03-06T09:00:00")
    repo.git("checkout", "-q", "main")
    repo.merge("gland", author=BOB, when="2026-03-06T10:00:00")
    result = sitekit.build(repo.path, "--strict")
    assert result.returncode == 0, result.stderr
    return repo


def _page(repo: GitRepo, handle: str) -> str:
    return (repo.path / "site" / "people" / handle / "activity" / "index.html").read_text()


def _feed(repo: GitRepo, handle: str) -> ET.Element:
    return ET.parse(repo.path / "site" / "people" / handle / "activity" / "feed.xml").getroot()


def test_the_merged_answer_is_first_on_the_problem_authors_activity_page(built: GitRepo) -> None:
    events = text(section(_page(built, "alice"), "activity"))
    assert events.startswith(
        f"Recent activity 3 {SAYS_ALICE} 2026-03-06 The old gasket is the leak."
    )
    assert "Bob Brandt answered your problem “Seal weeps after replacement” 2026-03-03" in events
    link = re.search(
        r'<li class="ws-event ws-event--answer"[^>]*>\s*<a href="([^"]+)"', _page(built, "alice")
    )
    assert link is not None and link[1] == "../../../problems/seal-weeps/#answer-gland"
    assert 'id="answer-gland"' in (built.path / "site/problems/seal-weeps/index.html").read_text()


def test_the_merged_answer_is_the_newest_entry_of_their_feed(built: GitRepo) -> None:
    feed = _feed(built, "alice")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][0] == SAYS_ALICE
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == (  # type: ignore[union-attr]  # the entry has a link
        "https://example.test/kb/problems/seal-weeps/#answer-gland"
    )
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Sam Expert"
    assert first.findtext(f"{ATOM}published") == "2026-03-06T00:00:00+00:00"
    assert first.findtext(f"{ATOM}summary") == "The old gasket is the leak."
    assert len(entries) == 3


def test_the_merged_answer_is_one_mention_for_the_workflow(built: GitRepo) -> None:
    out = cli(built.path, "notify", "main^1", "main").stdout
    assert re.findall(r"@[\w-]+", out) == ["@alice-gh"]
    assert "Replace the gland gasket too" in out


def test_an_answerer_follows_the_problem_and_hears_of_ratings_without_the_raters_name(
    built: GitRepo,
) -> None:
    events = text(section(_page(built, "bob"), "activity"))
    assert "Sam Expert answered “Seal weeps after replacement”, a problem you follow" in events
    rated = "Your answer “Answer by bob” was rated 4 of 5 stars (1 rating, average 4.0) 2026-03-05"
    assert rated in events
    assert "Alice" not in events


def test_an_unlisted_person_has_no_activity_page_feed_or_data(built: GitRepo) -> None:
    site = built.path / "site"
    assert not (site / "people/quiet").exists()
    data = json.loads((site / "activity.json").read_text())
    assert "quiet" not in data["people"]
    assert sorted(data["people"]) == ["alice", "bob", "cmgr", "sme"]
    # Everyone listed has a page and a feed, even with nothing to say yet.
    for handle in data["people"]:
        assert (site / data["people"][handle]["page"] / "index.html").exists()
        assert _feed(built, handle).findtext(f"{ATOM}title", "").startswith("Activity for ")


def test_the_browsers_data_holds_no_email_and_no_raters_handle(built: GitRepo) -> None:
    site = built.path / "site"
    for name in ("activity.json", "saved.json"):
        raw = (site / name).read_text()
        assert "@" not in raw, name
    saved = json.loads((site / "saved.json").read_text())["items"]
    assert sorted(saved) == [
        "hostile",
        "private-worry",
        "seal-weeps",
    ]  # answers are saved with their problem
    assert saved["seal-weeps"]["state"] == "Community content"
    assert [e["text"] for e in saved["seal-weeps"]["events"]] == [
        "Sam Expert answered “Seal weeps after replacement”, a problem you follow (Replace the gland gasket too)",
        "Bob Brandt answered “Seal weeps after replacement”, a problem you follow",
    ]
    # A rating's key is a hash: the rater's handle is not in it.
    keys = json.loads((site / "activity.json").read_text())["people"]["bob"]["keys"]
    assert all(re.fullmatch(r"[0-9a-f]{12}", k) for k in keys)


def test_a_profile_links_to_the_activity_page_and_feed(built: GitRepo) -> None:
    profile = (built.path / "site/people/alice/index.html").read_text()
    assert 'href="../../people/alice/activity/"' in profile
    assert 'href="../../people/alice/activity/feed.xml"' in profile


def test_a_title_with_markup_is_text_on_the_page_and_in_the_feed(built: GitRepo) -> None:
    page = _page(built, "alice")
    assert "<img src=x" not in page
    assert "Bob Brandt answered your problem “<img src=x onerror=alert(1)> pump”" in text(page)
    titles = [e.findtext(f"{ATOM}title") for e in _feed(built, "alice").findall(f"{ATOM}entry")]
    assert "Bob Brandt answered your problem “<img src=x onerror=alert(1)> pump”" in titles
