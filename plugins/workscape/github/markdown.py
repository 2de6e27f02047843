"""Untrusted text in the Markdown the bot writes: pull request summaries and intake replies.

Titles, names, tags, file names and finding messages come from contributors. GitHub
renders what the bot writes as GitHub-flavoured Markdown and then runs its own
filters over the text, so a title could otherwise become a link, a tracking image,
an ``@org/team`` mention (a notification to a whole team), a cross-reference that
shows up in another repository's issue, a heading, or an HTML comment that hides
the rest of the summary. Every such value goes through :func:`escape` (prose) or
:func:`code` (paths, ids, what someone typed), and through nothing else:

- both put the text on one line (newlines and every other kind of line break become
  spaces), so nothing can start a section, a list item or a table row;
- :func:`escape` backslash-escapes the characters that open inline Markdown (links,
  images, emphasis, code, strikethrough, math, table cells), writes ``<``, ``>`` and
  ``&`` as entities (no HTML, no comment, no entity smuggled through), escapes a
  block marker at the start, and breaks what GitHub links *after* rendering, where
  no escape reaches: ``@name``, ``#123`` and bare ``https://`` or ``www.`` links get
  an invisible word joiner after their first character;
- :func:`code` shows the text literally in a code span fenced with more backticks
  than it holds; GitHub links nothing inside code.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Invisible, and not a letter or digit: GitHub's mention, reference and autolink
#: patterns all need one right after ``@``, ``#``, ``:`` or ``www``.
WORD_JOINER = "\u2060"
#: Characters that open inline Markdown wherever they stand (``!`` and ``(`` only
#: matter next to ``[``, which is escaped).
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
#: What GitHub turns into links or notifications after rendering.
_LINKED = re.compile(r"([@#])|(://)|\b(www)(?=\.)", re.IGNORECASE)
#: A block marker at the start of a line: list item, setext underline, ordered list.
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
#: Bidirectional overrides and isolates, which can make text read differently.
_BIDI = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def one_line(text: str) -> str:
    """``text`` on one line: runs of any whitespace become one space; invisible controls go.

    Control characters, lone surrogates and direction overrides become U+FFFD, so
    what is shown is what is there.
    """
    flat = " ".join(text.split())
    return "".join(
        "\ufffd"
        if unicodedata.category(c) in ("Cc", "Cs") or unicodedata.bidirectional(c) in _BIDI
        else c
        for c in flat
    )


def _unlinked(match: re.Match[str]) -> str:
    return match[0][0] + WORD_JOINER + match[0][1:]


def escape(text: str) -> str:
    """Untrusted ``text`` as inline Markdown that GitHub shows exactly as written.

    Safe in a paragraph, a list item, a table cell or between ``**``.
    """
    flat = one_line(text)
    flat = _LINKED.sub(_unlinked, flat)
    flat = html.escape(flat, quote=False)
    flat = _INLINE.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def code(text: str, *, table: bool = False) -> str:
    """Untrusted ``text`` in a code span, on one line; ``table=True`` inside a table cell.

    GitHub splits a table row at every ``|`` not escaped, even inside code, and
    removes the escaping backslash there; elsewhere a backslash would show.
    """
    flat = one_line(text)
    if not flat:
        return "` `"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    if flat[0] in "` " or flat[-1] in "` ":
        flat = f" {flat} "
    if table:
        flat = flat.replace("|", "\\|")
    return f"{fence}{flat}{fence}"
