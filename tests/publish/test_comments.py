"""Comments on built sites: under their item or answer, replies nested, hidden ones redacted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from lxml import etree
from lxml import html as lxml_html

import sitekit
from workscape.cli import main
from workscape.insights.participation import Period, roles
from workscape.project import load_project
from workscape.search.engine import SearchEngine


def comment(by: str, day: str, body: str, reply_to: str = "") -> str:
    extra = f"reply_to: {reply_to}\n" if reply_to else ""
    return f"---\nby: {by}\ndate: {day}\n{extra}---\n{body}\n"


COMMENTS = {
    "curation/comments/seal-weeps/20260304-0910-bob.md": comment(
        "bob", "2026-03-04", "Which seal kit did you fit? Ask @sme too."
    ),
    "curation/comments/seal-weeps/20260304-1015-alice.md": comment(
        "alice", "2026-03-04", "The OEM kit, part 2231.", reply_to="20260304-0910-bob"
    ),
    "curation/comments/seal-weeps/20260303-0800-sme.md": comment(
        "sme", "2026-03-03", "Photos of the **seal face** would help."
    ),
    "curation/comments/check-flush/20260305-1200-alice.md": comment(
        "alice", "2026-03-05", "Plan 11 fixed it, thanks."
    ),
    "curation/comments/seal-weeps/20260305-1300-bob.md": comment(
        "bob", "2026-03-05", "Buy cheap seals at spam.example, secret word xyzzy-plugh."
    ),
    "curation/moderation/comments/seal-weeps/20260305-1300-bob.yml": (
        "by: cmgr\ndate: 2026-03-06\nreason: Advertising, not about the problem.\n"
    ),
}


def page(site: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / rel).read_text(encoding="utf-8"))


def text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def test_comments_show_oldest_first_with_replies_nested_and_smes_marked(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb", COMMENTS)
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    doc = page(root / "site", "problems/seal-weeps/index.html")
    section = doc.xpath('//section[@class="ws-comments"][@data-item="seal-weeps"]')[0]
    # Every comment is counted, replies and hidden ones too: the hidden one is there, unreadable.
    assert text(section.xpath("./h3")[0]) == "4 comments"
    tops = section.xpath('./article[contains(@class, "ws-comment")]')
    assert [t.get("data-id") for t in tops] == [
        "20260303-0800-sme",
        "20260304-0910-bob",
        "20260305-1300-bob",
    ]
    assert "Photos of the seal face would help." in text(tops[0])
    assert "SME" in text(tops[0].xpath('./p[@class="ws-meta"]')[0])
    assert "SME" not in text(tops[1].xpath('./p[@class="ws-meta"]')[0])
    reply = tops[1].xpath('.//div[@class="ws-replies"]/article')[0]
    assert "The OEM kit, part 2231." in text(reply)
    assert "Alice Archer" in text(reply)
    mention = tops[1].xpath('.//a[@class="ws-mention"]')[0]
    assert mention.text == "@sme" and mention.get("href").endswith("/people/sme/")
    # Comments on an answer show under that answer, not under the problem.
    answer = doc.xpath('//article[@id="answer-check-flush"]')[0]
    assert "Plan 11 fixed it, thanks." in text(answer)
    assert "Plan 11" not in text(section)


def test_a_hidden_comment_shows_only_who_hid_it_and_why(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb", COMMENTS)
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    doc = page(site, "problems/seal-weeps/index.html")
    hidden = doc.xpath('//article[@data-id="20260305-1300-bob"]')[0]
    assert "Hidden by a curator (Carla Manager" in text(hidden)
    assert "Advertising, not about the problem." in text(hidden)
    leaks = [
        f.relative_to(site).as_posix()
        for f in site.rglob("*")
        if f.is_file() and b"xyzzy-plugh" in f.read_bytes()
    ]
    assert leaks == []
    # The commenter's file is untouched: hiding is a record of its own.
    assert "xyzzy-plugh" in (root / "curation/comments/seal-weeps/20260305-1300-bob.md").read_text()


NEWS = {
    "curation/news/field/2026-03-01-new-seal-kits.md": (
        "---\ntitle: New seal kits in the van stock\nby: cmgr\n---\nAsk @alice where they are.\n"
    ),
    "curation/news/field/2026-01-10-winter-checks.md": (
        "---\ntitle: Winter checks start\nby: cmgr\n---\nOld news by now.\n"
    ),
}


def test_news_shows_on_home_until_it_expires_and_stays_on_its_community_page(
    tmp_path: Path,
) -> None:
    root = sitekit.make_site(tmp_path / "kb", {**NEWS, "curation/policy.yml": "news_days: 30\n"})
    # "Now" without git is the newest item date, 2026-03-03: the January post is 52 days old.
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    home = page(root / "site", "index.html")
    titles = [text(h) for h in home.xpath('//section[@id="news"]//h3')]
    assert titles == ["New seal kits in the van stock"]
    post = home.xpath('//li[@data-id="2026-03-01-new-seal-kits"]')[0]
    assert "Ask @alice where they are." in text(post)
    assert "Field service" in text(post)
    community = page(root / "site", "communities/field/index.html")
    assert [text(h) for h in community.xpath('//ul[@class="ws-news"]//h3')] == [
        "New seal kits in the van stock",
        "Winter checks start",
    ]
    # A longer window brings the older post back to the home page.
    sitekit.write(root, "curation/policy.yml", "news_days: 60\n")
    assert sitekit.build(root, "--strict").returncode == 0
    home = page(root / "site", "index.html")
    assert len(home.xpath('//section[@id="news"]//h3')) == 2


def test_news_by_someone_who_does_not_manage_the_community_is_refused(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {"curation/news/field/2026-03-01-hello.md": "---\ntitle: Hello\nby: bob\n---\nHi all.\n"},
    )
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        "curation/news/field/2026-03-01-hello.md:3:5: error not-a-manager: 'bob' is not a "
        "manager of Field service, so cannot post its news"
    ) in result.output
    refused = CliRunner().invoke(
        main,
        ["news", "field", "Hi all.", "--by", "bob", "--title", "Hello", "--root", str(root)],
    )
    assert refused.exit_code == 1 and "not-a-manager" in refused.output
    posted = CliRunner().invoke(
        main,
        [
            "news",
            "field",
            "Kits are in.",
            "--by",
            "cmgr",
            "--title",
            "Seal kits: in!",
            "--date",
            "2026-03-02",
            "--root",
            str(root),
        ],
    )
    assert posted.exit_code == 0, posted.output
    assert posted.output.strip() == "curation/news/field/2026-03-02-seal-kits-in.md"


def test_comments_feed_search_and_community_feed_carry_visible_text_only(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb", {**COMMENTS, **NEWS})
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    doc = page(site, "problems/seal-weeps/index.html")
    feed_link = doc.xpath('//a[@class="ws-comment-feed"]')[0].get("href")
    assert feed_link.endswith("problems/seal-weeps/comments.xml")
    feed = etree.parse(str(site / "problems/seal-weeps/comments.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = feed.xpath("//a:entry/a:title/text()", namespaces=ns)
    assert titles == [
        "Comment by Alice Archer on Answer by bob",
        "Reply by Alice Archer on Seal weeps after replacement",
        "Comment by Bob Brandt on Seal weeps after replacement",
        "Comment by Sam Expert on Seal weeps after replacement",
    ]
    assert "Photos of the seal face would help." in feed.xpath(
        "//a:entry/a:summary/text()", namespaces=ns
    )
    community = etree.parse(str(site / "communities/field/feed.xml"))
    assert "New seal kits in the van stock" in community.xpath(
        "//a:entry/a:title/text()", namespaces=ns
    )
    # Search finds an item by the words of its comments, never by a hidden one's.
    engine = SearchEngine.build(load_project(root).published())
    assert [h.doc.id for h in engine.search("2231")] == ["seal-weeps"]
    assert engine.search("xyzzy") == []
    terms = (site / "search/index.json").read_text()
    assert '"2231"' in terms and "xyzzy" not in terms


def test_commenting_counts_as_discussing_and_a_hidden_comment_counts_for_nothing(
    tmp_path: Path,
) -> None:
    root = sitekit.make_site(tmp_path / "kb", COMMENTS)
    catalog = load_project(root).catalog
    # sme is in no community, so only their comment of 2026-03-03 makes them take part.
    since_march_2 = roles(catalog, "field", Period(date(2026, 3, 2), date(2026, 3, 31)))
    assert "sme" in since_march_2["creator"] and "sme" in since_march_2["consumer"]
    # From 5 March: alice's comment on the answer, and bob's, which a curator hid.
    since_march_5 = roles(catalog, "field", Period(date(2026, 3, 4), date(2026, 3, 31)))
    assert since_march_5["creator"] == ("alice",)


def test_the_weekly_digest_carries_the_news_and_the_discussed_items(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb", {**COMMENTS, **NEWS})
    # "Now" is 2026-03-03 without git; SOURCE_DATE_EPOCH moves it to 2026-03-06 12:00 UTC.
    result = sitekit.run(["mkdocs", "build", "--strict"], root, {"SOURCE_DATE_EPOCH": "1772798400"})
    assert result.returncode == 0, result.stderr
    for rel in ("communities/field/digest/index.html", "communities/field/digest/email.html"):
        digest = page(root / "site", rel)
        assert [text(a) for a in digest.xpath('//h2[@id="news"]/following-sibling::ul[1]//a')] == [
            "New seal kits in the van stock"
        ]
        discussed = digest.xpath('//h2[@id="discussed"]/following-sibling::ul[1]/li')
        lines = [text(li) for li in discussed]
        assert any(line.startswith("Seal weeps after replacement") for line in lines)
        # The hidden comment is not news: three visible ones on the problem this week.
        assert any(
            "3 new comments, by Alice Archer, Bob Brandt, Sam Expert" in line for line in lines
        )
        assert "xyzzy" not in (root / "site" / rel).read_text()


def test_new_comments_on_critical_items_are_listed_for_curators(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path / "kb",
        {
            **COMMENTS,
            "content/problems/lockout-motor.md": sitekit.CRITICAL_PROBLEM,
            "curation/comments/lockout-motor/20260302-1600-bob.md": comment(
                "bob", "2026-03-02", "Step 3 skips the try-start: that is dangerous."
            ),
        },
    )
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    gaps = page(root / "site", "gaps/index.html")
    rows = gaps.xpath('//ul[@class="ws-watch"]/li')
    assert [text(r) for r in rows] == [
        "Isolating the motor before opening the pump Bob Brandt · 2026-03-02 16:00 "
        "Step 3 skips the try-start: that is dangerous."
    ]
    href = rows[0].xpath(".//a")[0].get("href")
    assert href.endswith("problems/lockout-motor/#comment-lockout-motor-20260302-1600-bob")
    target = page(root / "site", "problems/lockout-motor/index.html")
    assert target.xpath('//*[@id="comment-lockout-motor-20260302-1600-bob"]')


def test_a_hidden_news_post_leaves_home_and_feed_and_says_why_on_its_page(tmp_path: Path) -> None:
    root = sitekit.make_site(tmp_path / "kb", NEWS)
    rel = "curation/news/field/2026-03-01-new-seal-kits.md"
    hide = CliRunner().invoke(
        main,
        [
            "hide",
            rel,
            "--by",
            "cmgr",
            "--reason",
            "Wrong part number.",
            "--date",
            "2026-03-02",
            "--root",
            str(root),
        ],
    )
    assert hide.exit_code == 0, hide.output
    result = sitekit.build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert page(site, "index.html").xpath('//section[@id="news"]') == []
    post = page(site, "communities/field/index.html").xpath(
        '//li[@data-id="2026-03-01-new-seal-kits"]'
    )[0]
    assert text(post) == "A news post hidden by a curator (2026-03-02): Wrong part number."
    for f in site.rglob("*"):
        if f.is_file():
            assert b"van stock" not in f.read_bytes(), f
