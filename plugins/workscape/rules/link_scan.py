"""The links a Markdown body holds, where they are, and the anchors a page of it carries.

A cheap scan of the source rather than a conversion: `workscape check` reads every
file on each run (and on each pre-commit), and a conversion costs as much as the
build. Code is blanked first (fences, indented blocks, code spans, HTML comments),
keeping every offset, so a link is reported at its own line and column and text in
code is never taken for a link. Every loop is linear in the text and every pattern
runs on RE2: a few kilobytes of unclosed backticks, brackets or braces cannot stall a
check.

Heading ids are the one thing not guessed: the headings alone go through
Python-Markdown with its ``toc`` and ``attr_list`` extensions, so an id is the one
the toc extension gives the built page, duplicates numbered alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import markdown

from ..patterns import linear

# RE2 (see workscape.patterns): linear in the text for every input, so no repetition needs
# a bound; `\s` is ASCII there, hence `[^\s\pZ]` where Unicode spaces end a run.
_FENCE = linear(r"[ \t>]*(`{3,}|~{3,})")
#: Lines after which indented text belongs to a container, not to an indented code block.
_CONTAINER = linear(r"[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|\[\^[^\]]+\]:|:[ \t])")
_BLANK_LINE = linear(r"\n[ \t]*\n")
_BACKTICKS = linear(r"`+")
_NEWLINE = linear(r"\n")
#: As Python-Markdown reads them: at the start of a line, no space needed after the #.
_ATX = linear(r"(?m)^#{1,6}[^\n]*$")
_SETEXT = linear(r"^[=-]+[ ]*$")
_LIST_OR_QUOTE = linear(r"[ \t]*(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|$)")
_REF_DEF = linear(r"(?m)^ {0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|[^\s\pZ]+)")
_HTML_ID = linear(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]+)\"|'([^']+)')")
_ATTR_ID = linear(r"\{:?[ \t]*[^}\n]*?#([\pL\pN_-]+)[^}\n]*\}")
#: An inline link from its ``](``: a destination (in angle brackets, or without spaces and
#: with balanced parentheses), an optional title, then ``)``, as Python-Markdown requires.
_INLINE_LINK = linear(
    r"\]\([ \t]*\n?[ \t]*(?:<([^>\n]*)>|((?:[^\s\pZ()]|\([^\s\pZ()]*\))+))"
    r"(?:(?:[ \t]+\n?|\n)[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?"
    r"[ \t]*\)"
)
_FOOTNOTE = linear(r"(?m)^\[\^([^\]\n]+)\]:")
_OUTPUT_ID = linear(r'<h[1-6][^>]*\sid="([^"]*)"')


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
        blanked = "\n".join(" " * len(line) for line in text[start:end].split("\n"))
        parts += [text[at:start], blanked]
        at = end
    return "".join([*parts, text[at:]])


def _blank_code_blocks(body: str) -> str:
    """Fenced and indented code blocks, and HTML comments, blanked out."""
    lines = body.split("\n")
    fence = ""
    previous_blank, in_container = True, False
    for n, line in enumerate(lines):
        # The `in` tests skip most lines for a fraction of a call into RE2.
        opener = _FENCE.match(line) if "```" in line or "~~~" in line else None
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
    if "`" not in text:
        return text
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        if text.find("`", start, end) == -1:
            start = match.end() if match else end
            continue
        # On the paragraph alone: RE2 re-encodes its whole input on every call.
        runs = [
            (start + m.start(), start + m.end())
            for m in _BACKTICKS.finditer(text[start:end])
            if text[start + m.start() - 1 : start + m.start()] != "\\"
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


def links_in(body: str) -> list[Link]:
    """Every link and image target of a Markdown body, in order, outside code."""
    if "](" not in body and "]:" not in body:
        return []  # most bodies: no link, no scan
    text = _masked(body)
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def link(url: str, offset: int) -> Link:
        line = bisect.bisect_right(line_starts, offset)
        return Link(url, line, offset - line_starts[line - 1] + 1)

    found: list[Link] = []
    # One pass: a ``](`` inside a link's destination or title starts no link of its own.
    for match in _INLINE_LINK.finditer(text):
        if text[match.start() - 1 : match.start()] == "\\":
            continue
        group = 1 if match.group(1) is not None else 2
        offset = match.start(group)
        found.append(link(body[offset : offset + len(match.group(group))], offset))
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
        below = _SETEXT.match(lines[n + 1]) if lines[n + 1][:1] in ("=", "-") else None
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
