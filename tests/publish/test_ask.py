"""Ask is one click away: home, /unanswered/, tag and community pages link to the ask form.

Each page is parsed as a browser would (html5lib) and the link read as a reader
sees it: its words, and where its href goes with which fields filled in.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import html5lib
import yaml

import sitekit

REPO = Path(__file__).resolve().parent.parent.parent
ASK_FORM = REPO / ".github/ISSUE_TEMPLATE/ask.yml"
#: Page, and the tag and community its question is about (the tag's community on a tag page).
PAGES = {
    "index.html": ("", ""),
    "unanswered/index.html": ("", ""),
    "tags/seals/index.html": ("seals", "field"),
    "tags/pumps/index.html": ("pumps", "field"),
    "communities/field/index.html": ("", "field"),
}


def ask_links(page: Path) -> list[tuple[str, str, bool]]:
    """Each "Ask a question" link of the page's content: (visible text, href, before any h2)."""
    tree = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    content = tree.find(".//article[@class='md-content__inner md-typeset']")
    assert content is not None, page
    out, seen_h2 = [], False
    for element in content.iter():
        seen_h2 = seen_h2 or element.tag == "h2"
        if element.tag == "a" and "ws-ask__link" in (element.get("class") or "").split():
            text = " ".join("".join(element.itertext()).split())
            out.append((text, element.get("href") or "", not seen_h2))
    return out


def ask_field_ids() -> set[str]:
    form = yaml.safe_load(ASK_FORM.read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def test_asking_pages_link_to_the_github_ask_form_with_their_topic(site: Path) -> None:
    assert sitekit.build(site).returncode == 0
    fields = ask_field_ids()
    for rel, (tag, community) in PAGES.items():
        links = ask_links(site / "site" / rel)
        assert len(links) == 1, rel
        text, href, near_top = links[0]
        assert text == "Ask a question opens GitHub, needs a GitHub account", rel
        assert near_top, f"{rel}: the ask link comes after the page's sections"
        url = urlsplit(href)
        assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/acme/kb/issues/new")
        query = parse_qs(url.query)
        expected = {"template": ["ask.yml"]}
        if tag:
            expected["tags"] = [tag]
        if community:
            expected["community"] = [community]
        assert query == expected, rel
        # Prefilled through the issue form's own field ids, so GitHub fills them in.
        assert set(query) - {"template"} <= fields, rel
    # Without a repository (and no form tool) there is nowhere to ask: no dead link.
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("repo_url: https://github.com/acme/kb\n", ""))
    assert sitekit.build(site).returncode == 0
    for rel in PAGES:
        assert ask_links(site / "site" / rel) == [], rel
        assert "Ask a question" not in (site / "site" / rel).read_text(), rel


def test_a_form_tool_gets_the_tag_and_community_in_its_placeholders(site: Path) -> None:
    yml = site / "mkdocs.yml"
    yml.write_text(
        yml.read_text().replace(
            "  - workscape/catalog\n",
            "  - workscape/catalog:\n"
            "      ask_form_url: https://forms.example/r/ask?t={tag}&c={community}&x=a%20b\n",
        )
    )
    assert sitekit.build(site).returncode == 0
    for rel, (tag, community) in PAGES.items():
        [(text, href, near_top)] = ask_links(site / "site" / rel)
        assert text == "Ask a question opens forms.example", rel
        assert near_top, rel
        assert href == f"https://forms.example/r/ask?t={tag}&c={community}&x=a%20b", rel
