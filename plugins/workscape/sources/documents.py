"""Reading one Markdown file: bytes to text, front matter to values, the rest to body.

A file is refused with a finding rather than guessed at: not UTF-8, a byte-order
mark, Windows line endings, missing or unclosed front matter, or a size beyond
what a knowledge item needs. Guessing would publish the raw front matter as page
text, or a half-read file, without anyone noticing.

The Markdown body is bounded too (:func:`markdown_limits`). Python-Markdown's cost
grows faster than the text for a few shapes a few kilobytes can hold: nesting
(recursion), runs of unclosed ``[`` and emphasis delimiters in one paragraph
(quadratic, or deeper than Python's recursion limit) and thousands of code fences.
One cheap pass over the lines measures each and refuses what no knowledge item
needs, so a build always finishes; the limits sit far above real content.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..errors import Finding
from ..patterns import linear
from .yamlfile import parse_yaml

#: C0 controls other than tab and newline, and the non-characters XML 1.0 forbids: feeds
#: and pages cannot carry them, and they have no meaning in Markdown or YAML.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Any text file the loader reads (curation YAML included).
MAX_FILE_BYTES = 512 * 1024
#: A Markdown item or page: about 20,000 words, far more than one item needs.
MAX_MARKDOWN_BYTES = 128 * 1024
#: Front matter: a title, a description, a few ids; more is a mistake or an attack.
MAX_FRONT_MATTER_BYTES = 16 * 1024
#: Block containers (list items, quotes, 4-space indents) around one line.
MAX_NESTING = 16
#: ``[`` in one paragraph, list item, table row or heading.
MAX_BRACKETS = 64
#: Runs of ``*`` or ``_`` in one paragraph, list item, table row or heading.
MAX_EMPHASIS = 200
#: Code fences (opening and closing lines) in one file.
MAX_FENCES = 400
#: python-frontmatter's ``FM_BOUNDARY``, on RE2: its ``\s*`` crosses lines.
_BOUNDARY = linear(r"(?m)^-{3,}\s*$")


@dataclass
class Document:
    """A Markdown file split into front matter and body."""

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    raw: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def decode_text(
    data: bytes, path: str, findings: list[Finding], limit: int = MAX_FILE_BYTES
) -> str | None:
    """UTF-8 text without BOM or CR, or None with a finding saying what to fix."""
    if len(data) > limit:
        findings.append(
            Finding.error(
                path,
                (1, 1),
                "too-large",
                f"file is {math.ceil(len(data) / 1024)} KiB, more than the "
                f"{limit // 1024} KiB allowed",
                "split it into smaller items or link to the document as a resource",
            )
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(
            Finding.error(
                path,
                (1, 1),
                "byte-order-mark",
                "file starts with a UTF-8 byte-order mark",
                "save the file as UTF-8 without BOM",
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        findings.append(
            Finding.error(
                path,
                (line, col),
                "not-utf8",
                f"byte 0x{data[exc.start]:02x} is not UTF-8",
                "save the file as UTF-8",
            )
        )
        return None
    if "\r" in text:
        at = text.index("\r")
        line = text.count("\n", 0, at) + 1
        findings.append(
            Finding.error(
                path,
                (line, at - (text.rfind("\n", 0, at) + 1) + 1),
                "crlf",
                "file has Windows (CRLF) or CR line endings",
                "save with LF line endings (git config core.autocrlf input)",
            )
        )
        return None
    if "\x00" in text:
        at = text.index("\x00")
        findings.append(
            Finding.error(
                path,
                (text.count("\n", 0, at) + 1, 1),
                "binary",
                "file contains NUL bytes",
                "only text files belong here",
            )
        )
        return None
    control = _CONTROL.search(text)
    if control:
        at = control.start()
        findings.append(
            Finding.error(
                path,
                (text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1),
                "control-character",
                f"invisible control character U+{ord(control.group()):04X}",
                "delete it (it cannot appear in pages or feeds); paste the text as plain text",
            )
        )
        return None
    return text


def read_document(data: bytes, path: str) -> Document:
    """Split a Markdown file with YAML front matter; problems become findings."""
    doc = Document(path)
    text = decode_text(data, path, doc.findings, MAX_MARKDOWN_BYTES)
    if text is None:
        return doc
    doc.raw = text
    first = _BOUNDARY.match(text)
    if not first or first.start() != 0:
        doc.findings.append(
            Finding.error(
                path,
                (1, 1),
                "no-front-matter",
                "file does not start with front matter",
                "begin the file with a line '---', the YAML keys, then another '---'",
            )
        )
        return doc
    second = _BOUNDARY.search(text, first.end())
    if second is None:
        doc.findings.append(
            Finding.error(
                path,
                (1, 1),
                "unclosed-front-matter",
                "front matter is never closed",
                "add a line '---' after the last YAML key",
            )
        )
        return doc
    fm = text[first.end() : second.start()]
    first_line = text.count("\n", 0, first.end()) + 1
    if len(fm.encode()) > MAX_FRONT_MATTER_BYTES:
        doc.findings.append(
            Finding.error(
                path,
                (first_line, 1),
                "too-large",
                f"front matter is {math.ceil(len(fm.encode()) / 1024)} KiB, more than the "
                f"{MAX_FRONT_MATTER_BYTES // 1024} KiB allowed",
                "keep front matter to short values; long text belongs in the body",
            )
        )
        return doc
    parsed = parse_yaml(fm, path, first_line)
    doc.findings.extend(parsed.findings)
    if parsed.value is None and parsed.ok:
        parsed.value = {}
    if parsed.ok and not isinstance(parsed.value, dict):
        doc.findings.append(
            Finding.error(
                path,
                (first_line, 1),
                "front-matter-not-mapping",
                "front matter must be `key: value` lines",
                "write e.g. `title: ...` and `author: ...`",
            )
        )
    elif isinstance(parsed.value, dict):
        doc.meta = parsed.value
    doc.positions = parsed.positions
    body_start = second.end()
    if text.startswith("\n", body_start):
        body_start += 1
    doc.body = text[body_start:]
    doc.body_line = text.count("\n", 0, body_start) + 1
    doc.findings.extend(markdown_limits(doc.body, path, doc.body_line))
    return doc


def read_page(data: bytes, path: str) -> Document:
    """A plain Markdown page (not an item): front matter is optional."""
    if data.startswith(b"---\n"):
        return read_document(data, path)
    doc = Document(path)
    text = decode_text(data, path, doc.findings, MAX_MARKDOWN_BYTES)
    if text is not None:
        doc.raw = doc.body = text
        doc.findings.extend(markdown_limits(text, path, 1))
    return doc


# RE2 (see workscape.patterns): the guard against slow Markdown must not be slow itself; with
# backtracking, `[ \t>]*` then `.*\|` was quadratic on a long line of `>`.
_FENCE = linear(r"[ \t>]*(`{3,}|~{3,})")
_CONTAINER = linear(r">[ ]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def _starts_unit(line: str) -> bool:
    """Whether the line starts a new inline unit: a list item, heading or table row.

    A plain scan for what ``[ \\t>]*(?:(?:[-*+]|\\d{1,9}[.)]|#{1,6})[ \\t]|.*\\|)`` matched;
    with backtracking, that pattern was quadratic on a long line of `>`.
    """
    if "|" in line:
        return True
    rest = line.lstrip(" \t>")
    marker = len(rest) - len(rest.lstrip("#")) or len(rest) - len(rest.lstrip("0123456789"))
    if rest[:1] in ("-", "*", "+"):
        marker = 1
    elif rest[:1] == "#":
        marker = marker if marker <= 6 else 0
    elif 1 <= marker <= 9 and rest[marker : marker + 1] in (".", ")"):
        marker += 1
    else:
        marker = 0
    return marker > 0 and rest[marker : marker + 1] in (" ", "\t")


def _emphasis_runs(line: str) -> int:
    """How many runs of `*` or `_` the line holds (a plain scan)."""
    if "*" not in line and "_" not in line:
        return 0  # most lines: a substring test is far cheaper than the scan
    return sum(1 for is_mark, _ in groupby(line, "*_".__contains__) if is_mark)


def markdown_limits(body: str, path: str, first_line: int = 1) -> list[Finding]:
    """Findings for a Markdown body too deeply nested or too dense to render in bounded time.

    One pass, a few regular expressions per line: fenced code is skipped (its
    indentation and brackets are text), nesting counts quote markers, list markers
    and 4-column indents, and brackets and emphasis runs are counted per inline
    unit (consecutive lines up to a blank line, list item, heading or table row).
    Each limit is reported once, at the first line that crosses it.
    """
    findings: list[Finding] = []
    fence = ""
    fences = brackets = emphasis = 0
    for n, line in enumerate(body.split("\n")):
        lineno = first_line + n
        opener = _FENCE.match(line) if "```" in line or "~~~" in line else None
        if fence:
            if opener and opener.group(1).startswith(fence) and not line[opener.end() :].strip():
                fence = ""
            continue
        if opener:
            fence, fences = opener.group(1), fences + 2
            if fences > MAX_FENCES:
                findings.append(
                    Finding.error(
                        path,
                        (lineno, 1),
                        "too-many-code-blocks",
                        f"more than {MAX_FENCES // 2} code blocks in one file",
                        "split the item, or link to the code in a repository",
                    )
                )
            continue
        if not line.strip():
            brackets = emphasis = 0
            continue
        stripped = line.lstrip(" \t")
        depth = len(line[: len(line) - len(stripped)].expandtabs(4)) // 4
        pos = 0
        if stripped[:1] in (">", "-", "*", "+") or stripped[:1].isdigit():
            for marker in _CONTAINER.finditer(stripped):  # consecutive markers from the start
                if marker.start() != pos or depth > MAX_NESTING:
                    break
                depth, pos = depth + 1, marker.end()
        if depth > MAX_NESTING:
            findings.append(
                Finding.error(
                    path,
                    (lineno, 1),
                    "too-deeply-nested",
                    f"lists, quotes or indentation nested more than {MAX_NESTING} levels deep",
                    "flatten the structure: readers lose track after three or four levels",
                )
            )
        if _starts_unit(line):
            brackets = emphasis = 0
        brackets += line.count("[")
        emphasis += _emphasis_runs(line)
        if brackets > MAX_BRACKETS:
            findings.append(
                Finding.error(
                    path,
                    (lineno, 1),
                    "too-many-brackets",
                    f"more than {MAX_BRACKETS} '[' in one paragraph",
                    "split the paragraph, or put the text in a code block (```)",
                )
            )
        if emphasis > MAX_EMPHASIS:
            findings.append(
                Finding.error(
                    path,
                    (lineno, 1),
                    "too-much-emphasis",
                    f"more than {MAX_EMPHASIS} runs of '*' or '_' in one paragraph",
                    "split the paragraph, or put the text in a code block (```)",
                )
            )
    # Each limit once, at the first line that crosses it.
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.code, finding)
    return list(first.values())
