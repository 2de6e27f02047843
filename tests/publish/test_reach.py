"""Reaching people and leaving the site: "Ask <name>", follow pages, outbound actions, words.

Each test builds the tiny site of sitekit and reads its pages as a browser parses
them (html5lib): the words a reader sees, where each link goes, and what never
reaches a page (a contact in search data or feeds).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import html5lib

import sitekit

CHAT = "https://acme.slack.com/team/U0SAMEXPERT"
HIDDEN = "https://acme.slack.com/team/U0HIDDEN"
PEOPLE = sitekit.PEOPLE.replace(
    "  sme_for: [seals, lockout]\n", f"  sme_for: [seals, lockout]\n  contact: {CHAT}\n"
) + (
    "- handle: quiet\n  name: Quentin Quiet\n  sme_for: [seals]\n  listed: false\n"
    f"  contact: {HIDDEN}\n"
)
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(path: Path) -> ElementTree.Element:
    tree: ElementTree.Element = html5lib.parse(
        path.read_text(encoding="utf-8"), namespaceHTMLElements=False
    )
    return tree


def words(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def links(tree: ElementTree.Element, cls: str) -> list[ElementTree.Element]:
    return [a for a in tree.iter("a") if cls in (a.get("class") or "").split()]


def built(site: Path, people: str = PEOPLE) -> Path:
    sitekit.write(site, "curation/people.yml", people)
    result = sitekit.build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_a_published_contact_is_ask_name_on_the_profile_and_in_expert_lists(site: Path) -> None:
    out = built(site)
    for page in ("people/sme/index.html", "tags/seals/index.html", "communities/field/index.html"):
        asks = links(parse(out / page), "ws-contact")
        assert [(words(a), a.get("href")) for a in asks] == [("Ask Sam Expert", CHAT)], page
        assert asks[0].get("target") == "_blank" and asks[0].get("rel") == "noopener", page
    profile = (out / "people/sme/index.html").read_text(encoding="utf-8")
    assert 'Ask Sam Expert</a> <small class="ws-contact__where">opens acme.slack.com</small>' in (
        profile
    )
    # An unlisted person has no profile and is in no expert list: their contact shows nowhere.
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".bin", ""):
            assert b"U0HIDDEN" not in path.read_bytes(), path


def test_a_contact_never_reaches_search_data_or_feeds(site: Path) -> None:
    out = built(site)
    assert CHAT in (out / "people/sme/index.html").read_text(encoding="utf-8")
    data = [p for p in (out / "search").rglob("*") if p.is_file() and p.name != "index.html"]
    feeds = list(out.rglob("feed.xml"))
    assert data and len(feeds) >= 3
    for path in [*data, *feeds]:
        assert b"U0SAMEXPERT" not in path.read_bytes(), path
    # The expert's name does reach the feed (as an author), only the contact stays out.
    sitekit.write(
        site,
        "content/resources/seal-guide.md",
        "---\ntitle: Seal guide\nauthor: sme\ntags: [seals]\ndate: 2026-03-04\n"
        "url: https://example.test/guide.pdf\nformat: document\n---\nRead it.\n",
    )
    out = built(site)
    feed = (out / "tags/seals/feed.xml").read_text(encoding="utf-8")
    assert "<name>Sam Expert</name>" in feed and "U0SAMEXPERT" not in feed


def test_a_mailto_contact_opens_mail_in_place(site: Path) -> None:
    out = built(site, PEOPLE.replace(CHAT, "mailto:ask-seals@acme.test"))
    [ask] = links(parse(out / "people/sme/index.html"), "ws-contact")
    assert ask.get("href") == "mailto:ask-seals@acme.test" and ask.get("target") is None
    assert 'Ask Sam Expert</a> <small class="ws-contact__where">by email</small>' in (
        (out / "people/sme/index.html").read_text(encoding="utf-8")
    )


def test_every_outbound_action_says_where_it_goes_and_opens_a_new_tab(site: Path) -> None:
    out = built(site, sitekit.PEOPLE)
    problem = parse(out / "problems/seal-weeps/index.html")
    actions = links(problem, "ws-outbound")
    labels = [words(a) for a in actions]
    assert labels == [
        "Rate this", "Edit this page", "Answer this", "Answer in the editor", "Rate this answer", "Edit"
    ]  # fmt: skip
    for a in actions:
        assert a.get("target") == "_blank" and "noopener" in (a.get("rel") or "").split()
        assert a.get("href", "").startswith("https://github.com/acme/kb/")
    wheres = [
        words(s)
        for s in problem.iter("small")
        if "ws-outbound__where" in (s.get("class") or "").split()
    ]
    comment_links = links(problem, "ws-comment-this")  # the problem's and its answer's
    assert len(comment_links) == 2
    assert wheres == ["opens GitHub, needs a GitHub account · how it works"] * (
        len(actions) + len(comment_links)
    )
    helps = [a.get("href") for a in links(problem, "ws-help-link")]
    for anchor in ("#rating", "#editing", "#answer"):
        assert f"../../help/{anchor}" in helps, anchor
    # "Answer this" says which fields a contributor fills in, and links to the steps.
    fields = next(p for p in problem.iter("p") if p.get("id") == "answer-fields")
    assert "Replace your-handle with your handle" in words(fields)
    assert "attach photos or a video from your phone" in words(fields)
    assert "../../help/#answer" in [a.get("href") for a in fields.iter("a")]
    # The home page sends newcomers to the help page too, above its sections.
    home = parse(out / "index.html")
    [newcomer] = [p for p in home.iter("p") if "ws-newcomer" in (p.get("class") or "")]
    assert ("How this site works", "./help/") in [(words(a), a.get("href")) for a in newcomer]
    # The help page has every anchor those links name.
    help_ids = {e.get("id") for e in parse(out / "help/index.html").iter() if e.get("id")}
    assert {"asking", "answer", "rating", "editing", "review", "review-states"} <= help_ids


def test_rating_through_the_organisations_form_names_its_host(site: Path) -> None:
    yml = site / "mkdocs.yml"
    yml.write_text(
        yml.read_text().replace(
            "  - workscape/catalog\n",
            "  - workscape/catalog:\n      rating_form_url: https://forms.example/r/rate?i={item}\n",
        )
    )
    out = built(site, sitekit.PEOPLE)
    problem = parse(out / "problems/seal-weeps/index.html")
    rate = links(problem, "ws-rate")[0]
    assert rate.get("href") == "https://forms.example/r/rate?i=seal-weeps"
    assert rate.get("target") == "_blank"
    where = next(s for s in problem.iter("small") if "ws-outbound__where" in (s.get("class") or ""))
    assert words(where) == "opens forms.example · how it works"
    assert "opens forms.example, the organisation's form" in words(parse(out / "help/index.html"))


def test_follow_links_lead_to_a_page_with_the_feeds_address(site: Path) -> None:
    out = built(site, sitekit.PEOPLE)
    tag = parse(out / "tags/seals/index.html")
    [follow] = links(tag, "ws-follow")
    assert follow.get("href") == "../../subscribe/tags/seals/"
    # No link on a page leads a reader into raw XML.
    for page in ("tags/seals/index.html", "communities/field/index.html", "index.html"):
        hrefs = [a.get("href") or "" for a in parse(out / page).iter("a")]
        assert not [h for h in hrefs if h.endswith(".xml")], page
    page = parse(out / "subscribe/tags/seals/index.html")
    [field] = [i for i in page.iter("input") if i.get("id") == "ws-feed-address"]
    address = field.get("value")
    assert address == "https://example.test/kb/tags/seals/feed.xml"
    feed = ElementTree.parse(out / "tags/seals/feed.xml").getroot()
    assert feed.findtext(f"{ATOM}id") == address  # the very feed a reader gets
    assert "Follow Mechanical seals" in words(page.find(".//h1"))
    digest = [a.get("href") for a in page.iter("a") if "digest" in (a.get("href") or "")]
    assert "../../../communities/field/digest/" in digest


def test_the_subscribe_page_lists_every_feed_and_the_mailing_list_recipe(site: Path) -> None:
    out = built(site, sitekit.PEOPLE)
    page = parse(out / "subscribe/index.html")
    follows = [a.get("href") for a in links(page, "ws-follow")]
    # The site, each current tag (not the deprecated one, which redirects), each community.
    assert follows == [
        "../subscribe/site/",
        "../subscribe/tags/lockout/",
        "../subscribe/tags/seals/",
        "../subscribe/tags/pumps/",
        "../subscribe/communities/field/",
    ]
    for href in follows:
        assert (out / href.removeprefix("../") / "index.html").is_file(), href
    text = words(page)
    assert "curl -s https://example.test/kb/communities/field/digest/email.html" in text
    assert "../communities/field/digest/email.html" in [a.get("href") for a in page.iter("a")]


def test_words_say_what_a_state_means_and_tag_pages_are_titled_with_the_tag(site: Path) -> None:
    out = built(site, sitekit.PEOPLE)
    tag = parse(out / "tags/seals/index.html")
    assert words(tag.find(".//title")).startswith("Mechanical seals - ")
    card = next(li for li in tag.iter("li") if li.get("data-id") == "seal-weeps")
    text = words(card)
    assert "Community content not yet reviewed by an expert" in text
    # Title and author are apart: the title on its own, the author after "by".
    title = links(card, "ws-card__title")[0]
    assert words(title) == "Seal weeps after replacement"
    assert "by Alice Archer" in text
    problem = parse(out / "problems/seal-weeps/index.html")
    rating = next(s for s in problem.iter("span") if "ws-rating" in (s.get("class") or ""))
    assert "score" not in words(rating)
