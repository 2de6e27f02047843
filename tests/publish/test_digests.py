"""Each community's weekly digest: the week before "now", as a page and as an email-ready file."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

import sitekit
from gitrepo import GitRepo

ALICE = ("Alice Archer", "alice@acme.test")
BOB = ("Bob Brandt", "bob@acme.test")

EPOCH = "1773360000"  # 2026-03-13T00:00:00Z: the week is 2026-03-07 .. 2026-03-13

FILES = {
    "content/problems/trips.md": """\
        ---
        title: Pump trips on start <b>again</b>
        author: bob
        tags: [pumps]
        date: 2026-03-10
        ---
        It trips.
        """,
    "content/answers/soft-start.md": """\
        ---
        title: Lengthen the ramp
        author: alice
        problem: trips
        date: 2026-03-11
        ---
        Ramp it.
        """,
    "content/problems/waiting.md": """\
        ---
        title: Bearing runs hot
        author: alice
        tags: [pumps]
        date: 2026-03-05
        ---
        Hot.
        """,
    "content/problems/older-open.md": """\
        ---
        title: Gland leaks
        author: bob
        tags: [seals]
        date: 2026-01-05
        ---
        Leaks.
        """,
    "content/resources/guide.md": """\
        ---
        title: Seal guide
        author: sme
        tags: [seals]
        format: document
        url: https://example.test/guide.pdf
        date: 2026-02-01
        ---
        The guide.
        """,
    "curation/ratings/guide/bob.yml": "stars: 5\ndate: 2026-03-12\n",
    "curation/ratings/check-flush/alice.yml": "stars: 4\ndate: 2026-03-04\n",
}


def build(root: Path) -> Path:
    result = sitekit.run(["mkdocs", "build", "-q"], root, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return root / "site"


def section(html: str, anchor: str) -> list[str]:
    """The item ids listed under one digest heading."""
    block = html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]
    return re.findall(r'data-id="([a-z0-9-]+)"', block)


def test_digest_lists_the_week_before_now(site: Path) -> None:
    out = build(sitekit.make_site(site, FILES))
    html = (out / "communities/field/digest/index.html").read_text()
    assert '<time datetime="2026-03-07">2026-03-07</time> to <time datetime="2026-03-13">' in html
    assert section(html, "new") == ["trips"]  # waiting (03-05) is before the week
    assert section(html, "newly-answered") == ["trips"]
    answered = html.split('id="newly-answered"', 1)[1].split("<h2", 1)[0]
    assert "1 new answer, by Alice Archer" in answered
    # Longest waiting first.
    assert section(html, "unanswered") == ["older-open", "waiting"]
    assert "waiting 8 days" in html
    assert section(html, "top-rated") == ["guide", "check-flush"]
    top = html.split('id="top-rated"', 1)[1]
    assert top.count("rated this week") == 1  # the guide; check-flush was rated before
    # Contributor text is escaped, and the answer is linked where it is read.
    assert "&lt;b&gt;again&lt;/b&gt;" in html and "<b>again" not in html
    assert 'href="../../../problems/seal-weeps/#answer-check-flush"' in html


def test_email_version_is_self_contained_with_absolute_links(site: Path) -> None:
    out = build(sitekit.make_site(site, FILES))
    email = (out / "communities/field/digest/email.html").read_text()
    assert email.startswith("<!doctype html>")
    for forbidden in ("<script", "<link", "<img", "<style", "@acme.test"):
        assert forbidden not in email
    links = re.findall(r'href="([^"]+)"', email)
    assert links and all(link.startswith("https://example.test/kb/") for link in links), links
    assert "https://example.test/kb/problems/trips/" in links
    assert "https://example.test/kb/subscribe/communities/field/" in links
    assert 'style="' in email  # inline styles: mail clients drop stylesheets
    assert "&lt;b&gt;again&lt;/b&gt;" in email


def text_of(html: str) -> str:
    """What a reader reads: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def titles(html: str, anchor: str) -> list[str]:
    """The titles listed under one digest heading, as read."""
    block = html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]
    return [text_of(t) for t in re.findall(r'<a href="[^"]*">(.*?)</a>', block)]


def test_a_quiet_week_gives_way_to_the_latest_week_with_news(site: Path) -> None:
    # The base site's news is from 2 and 3 March; the week up to now (7-13 March) had none.
    sitekit.write(site, "curation/communities.yml", sitekit.COMMUNITIES + OFFICE)
    out = build(site)
    html = (out / "communities/field/digest/index.html").read_text()
    meta = html.split('<p class="ws-meta">', 1)[1].split("</p>", 1)[0]
    assert text_of(meta).split(" · ")[0] == (
        "Latest activity: 28 February \u2013 6 March 2026 "
        "(nothing new in the week up to 13 March 2026)"
    )
    assert '<time datetime="2026-02-28">28 February</time>' in meta
    assert titles(html, "new") == ["Seal weeps after replacement"]
    assert titles(html, "newly-answered") == ["Seal weeps after replacement"]
    assert "1 new answer, by Bob Brandt" in text_of(html)
    assert "Every problem has an answer." in html
    # A community that never had news says so, for the week up to now.
    quiet = (out / "communities/office/digest/index.html").read_text()
    assert "The week 2026-03-07 to 2026-03-13" in text_of(quiet)
    assert "Nothing new this week." in quiet and "No new answers this week." in quiet
    assert "Latest activity" not in quiet


OFFICE = """\
- id: office
  name: Office
  kind: horizontal
  managers: [cmgr]
"""

STALE = {
    "content/problems/seal-weeps.md": sitekit.PROBLEM.replace("2026-03-02", "2026-01-20"),
    "content/answers/check-flush.md": sitekit.ANSWER.replace("2026-03-03", "2026-01-21"),
    "content/problems/trips.md": FILES["content/problems/trips.md"].replace("03-10", "02-10"),
    "content/answers/soft-start.md": FILES["content/answers/soft-start.md"].replace(
        "03-11", "02-11"
    ),
    "curation/ratings/trips/sme.yml": "stars: 5\ndate: 2026-02-12\n",
}


def test_a_digest_weeks_after_the_last_news_shows_that_week(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real repository whose last item is a month older than HEAD's commit: the digest
    names the week that had news (weeks counted back from now) and lists it by title."""
    root = sitekit.make_site(tmp_path / "kb", STALE)
    repo = GitRepo.init(root)
    repo.commit("February's questions", author=ALICE, when="2026-02-12T16:00:00")
    repo.write("curation/ratings/seal-weeps/bob.yml", "stars: 4\ndate: 2026-03-13\n")
    repo.commit("A rating is not news", author=BOB, when="2026-03-13T09:30:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # now is HEAD's commit time
    result = sitekit.run(["mkdocs", "build", "-q"], root)
    assert result.returncode == 0, result.stderr

    html = (root / "site/communities/field/digest/index.html").read_text()
    article = text_of(html.split("<article", 1)[1].split("</article>", 1)[0])
    assert "Latest activity: 7\u201313 February 2026 (nothing new in the week up to " in article
    assert "13 March 2026)" in article
    assert titles(html, "new") == ["Pump trips on start <b>again</b>"]
    assert titles(html, "newly-answered") == ["Pump trips on start <b>again</b>"]
    assert "New that week" in article and "1 new answer, by Alice Archer" in article
    top = html.split('id="top-rated"', 1)[1]
    assert text_of(top).count("rated that week") == 1  # trips, on 12 February
    email = text_of((root / "site/communities/field/digest/email.html").read_text())
    assert "weekly digest · Latest activity: 7\u201313 February 2026" in email
    assert "Pump trips on start <b>again</b>" in email


def test_every_example_digest_has_news_and_names_its_week(example_site: Path) -> None:
    for page in sorted(example_site.glob("communities/*/digest/index.html")):
        html = page.read_text()
        meta = text_of(html.split('<p class="ws-meta">', 1)[1].split("</p>", 1)[0])
        assert re.match(r"(The week \d{4}-\d\d-\d\d to |Latest activity: \d)", meta), page
        # Something happened that week: new items, new answers, or the community's own news.
        news = titles(html, "news") if 'id="news"' in html else []
        assert titles(html, "new") + titles(html, "newly-answered") + news, page
