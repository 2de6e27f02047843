"""The links a Markdown body holds, where they are, and the anchors a page of it carries.

A cheap scan of the source rather than a conversion: `workscape check` reads every
file on each run (and on each pre-commit), and a conversion costs as much as the
build. Code is blanked first (fences, indented blocks, code spans, HTML comments),
keeping every offset, so a link is reported at its own line and column and text in
code is never taken for a link. Every loop is linear in the text: a few kilobytes
of unclosed backticks or brackets cannot stall a check.

Heading ids are the one thing not guessed: the headings alone go through
Python-Markdown with its ``toc`` and ``attr_list`` extensions, so an id is the one
the toc extension gives the built page, duplicates numbered alike.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import markdown

_FENCE = re.compile(r"[ \t>]*(`{3,}|~{3,})")
#: Lines after which indented text belongs to a container, not to an indented code block.
_CONTAINER = re.compile(
    r"[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|\[\^[^\]]+\]:|:[ \t])"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile(r"`+")
#: As Python-Markdown reads them: at the start of a line, no space needed after the #.
_ATX = re.compile(r"^#{1,6}[^\n]*$", re.M)
_SETEXT = re.compile(r"^[=-]+[ ]*$")
_LIST_OR_QUOTE = re.compile(r"[ \t]*(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|$)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
# Every repetition is bounded: a file of unclosed tags, braces or titles costs linear time.
_HTML_ID = re.compile(r"<[A-Za-z][^>]{0,300}?\s(?:id|name)\s*=\s*(?:\"([^\"]+)\"|'([^']+)')")
_ATTR_ID = re.compile(r"\{:?[ \t]*[^}\n]{0,200}?#([\w-]+)[^}\n]{0,200}\}")
_INLINE_DEST = re.compile(
    r"[ \t]*\n?[ \t]*(?:<([^>\n]{0,2000})>|((?:[^\s()]|\([^\s()]{0,2000}\)){1,2000}))"
    r"(?:(?:[ \t]+\n?|\n)[ \t]*(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'|\([^)\n]{0,300}\)))?"
    r"[ \t]*\)"
)
_FOOTNOTE = re.compile(r"^\[\^([^\]\n]+)\]:", re.M)
_OUTPUT_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]*)"')


@dataclass(frozen=True)
class Link:
    """One link target as written, and where it starts (1-based, within the body)."""

    url: str
    line: int
    col: int


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each [start, end) span (in order, apart) turned to spaces, newlines kept."""
    if not spans:
        return text
    parts, at = [], 0
    for start, end in spans:
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    return "".join([*parts, text[at:]])


def _blank_code_blocks(body: str) -> str:
    """Fenced and indented code blocks, and HTML comments, blanked out."""
    lines = body.split("\n")
    fence = ""
    previous_blank, in_container = True, False
    for n, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1).startswith(fence) and not line[opener.end() :].strip():
                fence = ""
            lines[n] = " " * len(line)
            continue
        if opener:
            fence = opener.group(1)
            lines[n] = " " * len(line)
            continue
        if not line.strip():
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and previous_blank and not in_container:
            lines[n] = " " * len(line)  # an indented code block: its text is not Markdown
            continue
        if not indented:
            in_container = bool(_CONTAINER.match(line))
        previous_blank = False
    text = "\n".join(lines)
    spans, at = [], 0
    while (start := text.find("<!--", at)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        spans.append((start, end + 3))
        at = end + 3
    return _blank(text, spans)


def _blank_code_spans(text: str) -> str:
    """Inline code blanked out: a run of n backticks up to the next run of exactly n.

    Runs pair within a paragraph (a blank line ends every span), as Python-Markdown's
    inline patterns see one block at a time.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        runs = [
            (m.start(), m.end())
            for m in _BACKTICKS.finditer(text, start, end)
            if text[m.start() - 1 : m.start()] != "\\"
        ]
        by_length: dict[int, list[int]] = {}
        for i, (a, b) in enumerate(runs):
            by_length.setdefault(b - a, []).append(i)
        i = 0
        while i < len(runs):
            same = by_length[runs[i][1] - runs[i][0]]
            k = bisect.bisect_right(same, i)
            if k == len(same):
                i += 1
                continue
            spans.append((runs[i][0], runs[same[k]][1]))
            i = same[k] + 1
        start = match.end() if match else end
    return _blank(text, spans)


def _masked(body: str) -> str:
    return _blank_code_spans(_blank_code_blocks(body))


def _destination(text: str, at: int) -> tuple[str, int] | None:
    """The destination of the inline link whose ``](`` ends at ``at``, and where it starts.

    None unless the link is closed as Python-Markdown requires: a destination (in
    angle brackets, or without spaces and with balanced parentheses), an optional
    title, then ``)``. Lengths are bounded, so a run of ``[a](`` costs linear time.
    """
    match = _INLINE_DEST.match(text, at)
    if match is None:
        return None
    group = 1 if match.group(1) is not None else 2
    return match.group(group), match.start(group)


def links_in(body: str) -> list[Link]:
    """Every link and image target of a Markdown body, in order, outside code."""
    if "](" not in body and "]:" not in body:
        return []  # most bodies: no link, no scan
    text = _masked(body)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def link(url: str, offset: int) -> Link:
        line = bisect.bisect_right(line_starts, offset)
        return Link(url, line, offset - line_starts[line - 1] + 1)

    found: list[Link] = []
    for match in re.finditer(r"\]\(", text):
        if text[match.start() - 1 : match.start()] == "\\":
            continue
        dest = _destination(text, match.end())
        if dest:
            found.append(link(body[dest[1] : dest[1] + len(dest[0])], dest[1]))
    for match in _REF_DEF.finditer(text):
        url, offset = match.group(2), match.start(2)
        if url.startswith("<"):
            url, offset = url[1:-1], offset + 1
        found.append(link(body[offset : offset + len(url)], offset))
    return sorted(found, key=lambda x: (x.line, x.col))


def _headings(text: str, body: str) -> list[str]:
    """The page's headings as ATX lines (setext ones rewritten), in order.

    ``text`` is the body with code blanked, which says where headings are; their words
    come from ``body``, where code spans still hold theirs.
    """
    out = [(m.start(), body[m.start() : m.end()].strip()) for m in _ATX.finditer(text)]
    lines, originals = text.split("\n"), body.split("\n")
    offset = 0
    for n, line in enumerate(lines[:-1]):
        below = _SETEXT.match(lines[n + 1])
        if (
            below
            and line.strip()
            and not line.startswith(("    ", "\t"))
            and not _LIST_OR_QUOTE.match(line)
            and not _ATX.match(line)
            and not _SETEXT.match(line)
        ):
            level = "#" if below.group().startswith("=") else "##"
            out.append((offset, f"{level} {originals[n].strip()}"))
        offset += len(line) + 1
    return [heading for _, heading in sorted(out)]


_converter: markdown.Markdown | None = None


def heading_ids(headings: list[str]) -> set[str]:
    """The ids the toc extension gives these headings on one page."""
    global _converter
    if not headings:
        return set()
    if _converter is None:
        _converter = markdown.Markdown(extensions=["toc", "attr_list"])
    html = _converter.reset().convert("\n\n".join(headings))
    return set(_OUTPUT_ID.findall(html))


def anchors_in(bodies: Iterable[str]) -> set[str]:
    """The ids a page built from these bodies (in this order) carries."""
    headings: list[str] = []
    ids: set[str] = set()
    for body in bodies:
        text = _masked(body)
        headings += _headings(text, body)
        ids.update(m.group(1) for m in _ATTR_ID.finditer(text))
        ids.update(m.group(1) or m.group(2) for m in _HTML_ID.finditer(text))
        for label in _FOOTNOTE.findall(text):
            ids.update({f"fn:{label}", f"fnref:{label}"})
    return ids | heading_ids(headings)
