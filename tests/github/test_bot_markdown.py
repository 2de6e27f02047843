"""What the bot writes as Markdown shows untrusted text as written, and nothing more.

Each output is rendered as GitHub does the parts that are standard (CommonMark,
GFM tables and autolinks, with markdown-it-py), parsed like a browser (html5lib),
and checked for what an attacker wants: a link, an image, a heading or section
of their own, an HTML comment hiding the rest, raw HTML; and, in the text GitHub
filters after rendering, an ``@mention`` (``@org/team`` too), an issue
reference or a bare link.
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

import sitekit
from gitrepo import GitRepo
from loopkit import DATA, cli, event_file, rate_body
from workscape.github.markdown import WORD_JOINER, code, escape, one_line

_NS = "{http://www.w3.org/1999/xhtml}"
#: What GitHub links in rendered text outside code and links (mentions, team
#: mentions, issue references, bare URLs, www. links, email addresses).
GITHUB_LINKED = re.compile(
    r"(?:^|[^\w`])@[a-z0-9]|#\d|\w/[\w.-]+#\d|https?://|(?:^|\W)www\.|\w@\w", re.IGNORECASE
)

HOSTILE_TITLES = [
    "[Approved by the SME](https://evil.test/login)",
    "![x](https://track.test/pixel.png?u=1)",
    "Ping @acme/security-team and @ceo",
    "# Errors and warnings: none",
    "Fine <!-- everything after this is hidden",
    "<img src=x onerror=alert(1)> <b>bold</b>",
    "Read https://evil.test/x or www.evil.test",
    "Fixes #1 and acme/kb#2",
    "Mail x@evil.test",
    "**bold** _it_ ~~gone~~ `code` $\\sqrt{x}$",
    "a | b | c",
    "- list item",
    "1. ordered",
    "> quote",
    "&lt;b&gt; and &#64;ceo",
    "\\[not\\] a [link]\n\n## New section\n\n[link]: https://evil.test",
    "<https://evil.test>",
]


def render(markdown: str) -> object:
    """The HTML tree of ``markdown`` as a GFM renderer makes it."""
    html = MarkdownIt("gfm-like").render(markdown)
    return html5lib.parse(html, namespaceHTMLElements=True)


def tags(tree: object, *names: str) -> list[object]:
    return [e for n in names for e in tree.iter(f"{_NS}{n}")]


def comments(tree: object) -> list[object]:
    return [e for e in tree.iter() if not isinstance(e.tag, str)]


def filtered_text(tree: object) -> str:
    """The text GitHub runs its mention and autolink filters over (not code, not links)."""
    out: list[str] = []

    def walk(element: object) -> None:
        if element.tag in (f"{_NS}code", f"{_NS}a", f"{_NS}pre"):
            out.append(" ")
        else:
            out.append(element.text or "")
            for child in element:
                walk(child)
        out.append(element.tail or "")

    walk(tree)
    return "".join(out)


def shown(tree: object) -> str:
    body = tree.find(f"{_NS}body")
    return "".join(body.itertext()).strip().replace(WORD_JOINER, "")


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_escaped_text_shows_as_written_and_does_nothing_else(title: str) -> None:
    tree = render(f"You wrote **{escape(title)}**, so you cannot rate it.")
    assert shown(tree) == f"You wrote {one_line(title)}, so you cannot rate it."
    assert [e.tag for e in tags(tree, "p")] == [f"{_NS}p"]
    assert tags(tree, "a", "img", "h1", "h2", "h3", "ul", "ol", "blockquote", "b", "code") == []
    assert comments(tree) == []
    assert not GITHUB_LINKED.search(filtered_text(tree)), filtered_text(tree)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_escaped_text_stays_in_its_table_cell(title: str) -> None:
    tree = render(
        f"| item | tags |\n|---|---|\n| **{escape(title)}** | {code(title, table=True)} |"
    )
    cells = tags(tree, "td")
    assert len(cells) == 2
    assert "".join(cells[0].itertext()).replace(WORD_JOINER, "") == one_line(title)
    assert "".join(cells[1].itertext()) == one_line(title)
    assert tags(tree, "a", "img") == [] and comments(tree) == []


@pytest.mark.parametrize(
    "name",
    [
        "x\n\n### Errors and warnings in these files\n\nNone <!--.md",
        "``` `` ` tricky.md",
        " `leading and trailing` ",
        "a\u2028b\x85c\x1b[2Jd.md",
    ],
)
def test_a_code_span_holds_any_file_name_on_one_line(name: str) -> None:
    tree = render(f"- {code(name)} (added)")
    assert [e.text for e in tags(tree, "code")] == [one_line(name)]
    assert tags(tree, "h3", "a") == [] and comments(tree) == []
    assert "\n" not in code(name)


# --- the pull request summary, on a real repository ---------------------------------

TRAP_NAME = "content/problems/x\n\n### Errors and warnings in these files\n\nNone <!--.md"
TRAP_TITLE = "[Approved](https://evil.test) ![t](https://track.test/p.png) @acme/all"


def test_a_pull_request_cannot_forge_sections_links_or_mentions_in_its_summary(
    tmp_path: Path,
) -> None:
    repo = GitRepo.init(tmp_path / "kb")
    sitekit.make_site(repo.path)
    repo.commit("Start", author=("Alice Archer", "alice@acme.test"), when="2026-03-01T09:00:00")
    repo.git("switch", "-q", "-c", "pr")
    repo.write(
        "content/problems/trap.md",
        f"---\ntitle: '{TRAP_TITLE}'\nauthor: bob\ntags: [lockout]\n---\nx\n",
    )
    repo.write(TRAP_NAME, "not an item\n")
    repo.commit("Trap", author=("Bob Brandt", "bob@acme.test"), when="2026-03-02T09:00:00")
    result = cli(repo.path, "pr-summary", "main", "HEAD")
    assert result.exit_code == 0, result.output
    tree = render(result.stdout)
    assert [e.text for e in tags(tree, "h3")] == [
        "Statements in someone's name",
        "Added",
        "Other files under content",
        "Errors and warnings in these files",
        "Who should review",
        "Similar problems that already exist",
    ]
    assert comments(tree) == [] and tags(tree, "a", "img") == []
    # The real findings are there, the forged "None" is not; the reviewers table survives.
    text = shown(tree)
    assert "error" in text and "bad-file-name" in text
    assert "None: `workscape check` finds nothing" not in result.stdout
    assert "@sam-gh (Sam Expert)" in text
    assert re.findall(r"@[\w/-]+", filtered_text(tree)) == ["@sam-gh"]
    assert one_line(TRAP_TITLE) in text.replace(WORD_JOINER, "")


# --- intake replies ----------------------------------------------------------------


def test_a_rating_reply_shows_a_hostile_title_as_text(site: Path, tmp_path: Path) -> None:
    sitekit.write(
        site,
        "content/problems/seal-weeps.md",
        sitekit.PROBLEM.replace("Seal weeps after replacement", f"'{TRAP_TITLE}'"),
    )
    reply = tmp_path / "reply.md"
    result = cli(
        site, "ratings", "ingest", str(DATA / "issue-rating-opened.json"), "--reply", str(reply)
    )
    assert result.exit_code == 0, result.output
    tree = render(reply.read_text())
    assert shown(tree).startswith(f"Thank you! Your rating of {one_line(TRAP_TITLE)} (4 of 5)")
    assert tags(tree, "a", "img") == []
    assert not GITHUB_LINKED.search(filtered_text(tree))


def test_a_refusal_quotes_what_was_typed_in_one_code_span(site: Path, tmp_path: Path) -> None:
    typed = "x`\n\n# Rating recorded ![t](https://track.test/p.png) @acme/all"
    reply = tmp_path / "reply.md"
    event = event_file(tmp_path, "issue-rating-opened.json", body=rate_body("seal-weeps", typed))
    cli(site, "ratings", "ingest", str(event), "--reply", str(reply))
    tree = render(reply.read_text())
    assert [e.text for e in tags(tree, "code")] == [one_line(typed)]
    assert tags(tree, "h1", "a", "img") == []
    assert not GITHUB_LINKED.search(filtered_text(tree))
