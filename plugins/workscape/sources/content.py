"""Reading the knowledge items under the content folder (MkDocs' docs_dir)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding
from ..model import FOLDERS, Item, ItemType, content_fingerprint
from ..schema import ITEM_FIELDS, SLUG_PATTERN
from .documents import read_document
from .fields import Checker

_TYPE_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
_SLUG = re.compile(SLUG_PATTERN)
#: Files MkDocs or editors put in a docs folder that are neither content nor a risk.
_IGNORED_NAMES = {".gitkeep", ".DS_Store"}


@dataclass
class ContentScan:
    """What the content folder holds: items, plain pages, and what is wrong."""

    items: list[Item] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  #: other Markdown pages, docs-relative
    findings: list[Finding] = field(default_factory=list)


def _walk(folder: Path) -> Iterator[Path]:
    # Sorted and without following symlinks, so the scan is deterministic and cannot
    # be pointed outside the repository.
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.startswith("."):
                yield from _walk(entry)
        else:
            yield entry


def scan_content(root: Path, docs_dir: str, allowed_assets: tuple[str, ...] = ()) -> ContentScan:
    """Read every file under ``root/docs_dir``; paths in findings are repository-relative."""
    scan = ContentScan()
    base = root / docs_dir
    if not base.is_dir():
        scan.findings.append(
            Finding(
                docs_dir,
                1,
                1,
                "error",
                "no-content",
                f"content folder '{docs_dir}' does not exist",
                "create it, or set docs_dir in mkdocs.yml",
            )
        )
        return scan
    for file in _walk(base):
        rel_docs = file.relative_to(base).as_posix()
        rel = f"{docs_dir}/{rel_docs}"
        if file.name in _IGNORED_NAMES:
            continue
        if file.is_symlink():
            scan.findings.append(
                Finding(
                    rel,
                    1,
                    1,
                    "error",
                    "symlink",
                    "symbolic links are not allowed in content",
                    "commit the file itself",
                )
            )
            continue
        suffix = file.suffix.lower().lstrip(".")
        if suffix != "md":
            if suffix not in allowed_assets:
                allowed = ", ".join(allowed_assets) or "none"
                scan.findings.append(
                    Finding(
                        rel,
                        1,
                        1,
                        "error",
                        "file-type-not-allowed",
                        f"'.{suffix or file.name}' files are not allowed in content",
                        f"allowed types: md, {allowed} (policy.yml allowed_assets); "
                        "link to other documents as a resource instead",
                    )
                )
            continue
        parts = rel_docs.split("/")
        kind = _TYPE_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            scan.pages.append(rel_docs)
            continue
        item = _read_cached(file.read_bytes(), rel, kind, scan.findings)
        if item is not None:
            scan.items.append(item)
    return scan


#: Parsed items by (path, type, content digest). `mkdocs serve` keeps the process, so
#: a rebuild after a one-file edit parses one file, not the whole knowledge base.
_PARSED: dict[tuple[str, str, bytes], tuple[Item | None, tuple[Finding, ...]]] = {}


def _read_cached(data: bytes, rel: str, kind: ItemType, findings: list[Finding]) -> Item | None:
    key = (rel, kind, hashlib.blake2b(data, digest_size=16).digest())
    if key not in _PARSED:
        found: list[Finding] = []
        _PARSED[key] = (read_item(data, rel, kind, found), tuple(found))
    item, found_before = _PARSED[key]
    findings.extend(found_before)
    return item


def read_item(data: bytes, rel: str, kind: ItemType, findings: list[Finding]) -> Item | None:
    """One item from its file's bytes, or None (with findings) when it cannot be read."""
    doc = read_document(data, rel)
    findings.extend(doc.findings)
    if not doc.ok:
        return None
    checker = Checker(rel, doc.positions)
    values = checker.check(doc.meta, ITEM_FIELDS[kind])
    findings.extend(checker.findings)
    stem = rel.rsplit("/", 1)[-1][:-3]
    item_id = values.get("id", stem)
    if "id" not in values and not _SLUG.match(stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-item"
        findings.append(
            Finding(
                rel,
                1,
                1,
                "error",
                "bad-file-name",
                f"file name '{stem}' cannot be an id (it becomes the page's URL)",
                f"rename the file to '{suggestion}.md'",
            )
        )
        return None
    if values.get("type", kind) != kind:
        line, col = doc.positions.get("type", (1, 1))
        findings.append(
            Finding(
                rel,
                line,
                col,
                "error",
                "type-mismatch",
                f"type '{values['type']}' disagrees with the folder, which holds {kind}s",
                f"remove `type:` or move the file to {FOLDERS[values['type']]}/",
            )
        )
    if "author" not in values:
        return None
    title = values.get("title", "")
    return Item(
        id=item_id,
        type=kind,
        path=rel,
        title=title,
        author=values["author"],
        body=doc.body,
        tags=values.get("tags", ()),
        community=values.get("community"),
        date=values.get("date"),
        description=values.get("description"),
        problem=values.get("problem"),
        accepted=values.get("accepted"),
        url=values.get("url"),
        format=values.get("format"),
        items=values.get("items", ()),
        related=values.get("related", ()),
        superseded_by=values.get("superseded_by"),
        fingerprint=content_fingerprint(title, doc.body),
        positions=dict(doc.positions),
    )
