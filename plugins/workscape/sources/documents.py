"""Reading one Markdown file: bytes to text, front matter to values, the rest to body.

A file is refused with a finding rather than guessed at: not UTF-8, a byte-order
mark, Windows line endings, missing or unclosed front matter, or a size beyond
what a knowledge item needs. Guessing would publish the raw front matter as page
text, or a half-read file, without anyone noticing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from ..errors import Finding
from .yamlfile import parse_yaml

MAX_FILE_BYTES = 512 * 1024
_BOUNDARY = YAMLHandler.FM_BOUNDARY


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


def decode_text(data: bytes, path: str, findings: list[Finding]) -> str | None:
    """UTF-8 text without BOM or CR, or None with a finding saying what to fix."""
    if len(data) > MAX_FILE_BYTES:
        findings.append(
            Finding(
                path,
                1,
                1,
                "error",
                "too-large",
                f"file is {len(data) // 1024} KiB, more than the {MAX_FILE_BYTES // 1024} KiB allowed",
                "split it into smaller items or link to the document as a resource",
            )
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(
            Finding(
                path,
                1,
                1,
                "error",
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
            Finding(
                path,
                line,
                col,
                "error",
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
            Finding(
                path,
                line,
                at - (text.rfind("\n", 0, at) + 1) + 1,
                "error",
                "crlf",
                "file has Windows (CRLF) or CR line endings",
                "save with LF line endings (git config core.autocrlf input)",
            )
        )
        return None
    if "\x00" in text:
        at = text.index("\x00")
        findings.append(
            Finding(
                path,
                text.count("\n", 0, at) + 1,
                1,
                "error",
                "binary",
                "file contains NUL bytes",
                "only text files belong here",
            )
        )
        return None
    return text


def read_document(data: bytes, path: str) -> Document:
    """Split a Markdown file with YAML front matter; problems become findings."""
    doc = Document(path)
    text = decode_text(data, path, doc.findings)
    if text is None:
        return doc
    doc.raw = text
    first = _BOUNDARY.match(text)
    if not first or first.start() != 0:
        doc.findings.append(
            Finding(
                path,
                1,
                1,
                "error",
                "no-front-matter",
                "file does not start with front matter",
                "begin the file with a line '---', the YAML keys, then another '---'",
            )
        )
        return doc
    second = _BOUNDARY.search(text, first.end())
    if second is None:
        doc.findings.append(
            Finding(
                path,
                1,
                1,
                "error",
                "unclosed-front-matter",
                "front matter is never closed",
                "add a line '---' after the last YAML key",
            )
        )
        return doc
    fm = text[first.end() : second.start()]
    first_line = text.count("\n", 0, first.end()) + 1
    parsed = parse_yaml(fm, path, first_line)
    doc.findings.extend(parsed.findings)
    if parsed.value is None and parsed.ok:
        parsed.value = {}
    if parsed.ok and not isinstance(parsed.value, dict):
        doc.findings.append(
            Finding(
                path,
                first_line,
                1,
                "error",
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
    return doc
