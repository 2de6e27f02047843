"""Foreign HTML (Stack Exchange bodies, Confluence and SharePoint exports) as Markdown.

Why markdownify? It is kept, small, and converts what these sources use (headings, lists,
tables, code, links, images) to the Markdown our contributors write. What it cannot turn
into Markdown it keeps as text. Elements that carry no knowledge and can run or load
something (scripts, styles, frames, forms) are dropped with their content first, since
markdownify would otherwise keep a script's code as text. Whatever remains is rendered and
sanitized by the site like any contribution.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

#: Dropped with everything inside them.
_DROPPED = ("script", "style", "iframe", "object", "embed", "form", "noscript", "template")


def to_markdown(html: str) -> str:
    """Markdown for an HTML fragment or page, ending in one newline."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_DROPPED):
        element.decompose()
    body = soup.body or soup
    text = MarkdownConverter(heading_style="ATX", bullets="-", escape_misc=False).convert_soup(body)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def html_title(html: str) -> str:
    """The page's <title> or first <h1>, for an exported page without front matter."""
    soup = BeautifulSoup(html, "html.parser")
    for found in (soup.find("h1"), soup.title):
        if found and found.get_text(strip=True):
            return found.get_text(" ", strip=True)
    return ""
