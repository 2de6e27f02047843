"""Each community's weekly digest: the week before "now", as a page and as an email-ready file."""

from __future__ import annotations

import re
from pathlib import Path

import sitekit

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
    assert "https://example.test/kb/communities/field/feed.xml" in links
    assert 'style="' in email  # inline styles: mail clients drop stylesheets
    assert "&lt;b&gt;again&lt;/b&gt;" in email


def test_quiet_week_still_sends_something_useful(site: Path) -> None:
    out = build(site)  # the base site: everything is before the week
    html = (out / "communities/field/digest/index.html").read_text()
    assert "Nothing new this week." in html and "No new answers this week." in html
    assert section(html, "unanswered") == []
    assert "Every problem has an answer." in html
