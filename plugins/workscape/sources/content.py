"""Reading the knowledge items under the content folder (MkDocs' docs_dir).

Everything under it is untrusted: anyone can open a pull request. Besides items,
the scan refuses what would reach the site unchecked: symbolic links (which could
point outside the repository), file and folder names that are not plain
``[A-Za-z0-9._-]`` (they become URLs, titles and feed entries), file types that can
carry script (HTML, SVG, JavaScript...) whatever the policy says, other types unless
policy.yml allows them, and plain pages whose front matter asks for more than a
title, a description and which parts of the theme to hide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding
from ..model import FOLDERS, Item, ItemType, reader_fingerprints
from ..schema import ITEM_FIELDS, SLUG_PATTERN, Field
from .cache import CacheFolder, CacheStats
from .cache_codec import decode_item, encode_item
from .documents import MAX_MARKDOWN_BYTES, Document, read_document, read_page
from .fields import Checker
from .media import KIND_OF_EXTENSION
from .parsed_files import ParsedFiles

_TYPE_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
_SLUG = re.compile(SLUG_PATTERN)
#: Files MkDocs or editors put in a docs folder that are neither content nor a risk.
_IGNORED_NAMES = {".gitkeep", ".DS_Store"}
#: A file or folder name that needs no escaping in a URL, an attribute or a feed.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
#: Types a browser may run script from when served from the site's origin: MkDocs copies
#: them unsanitized, so the policy cannot allow them.
ACTIVE_TYPES = frozenset(
    {"html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt"}
    | {"js", "mjs", "cjs", "wasm", "swf", "hta"}
)
#: Front matter a plain page (not an item) may carry; the plugin passes on only these.
PAGE_FIELDS = (
    Field("title", "text", "Title shown in navigation and the browser tab."),
    Field("description", "text", "Summary for search engines and link previews."),
    Field("hide", "slugs", "Theme parts to hide: navigation, toc, footer, path."),
)
#: A problem's page shows its answers too: the whole page is bounded, not only each file.
MAX_PAGE_BYTES = 2 * MAX_MARKDOWN_BYTES


@dataclass
class ContentScan:
    """What the content folder holds: items, plain pages, and what is wrong."""

    items: list[Item] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  #: other Markdown pages, docs-relative
    findings: list[Finding] = field(default_factory=list)
    #: Each page's body and the line it starts on, by docs-relative path (for link checks).
    page_bodies: dict[str, tuple[str, int]] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)  #: allowed non-Markdown files, docs-relative
    stats: CacheStats = field(default_factory=CacheStats)  #: items parsed, and reused


def _walk(folder: Path) -> Iterator[Path]:
    # Sorted and without following symlinks, so the scan is deterministic and cannot
    # be pointed outside the repository.
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.startswith("."):
                yield from _walk(entry)
        else:
            yield entry


def scan_content(
    root: Path,
    docs_dir: str,
    allowed_assets: tuple[str, ...] = (),
    folder: CacheFolder | None = None,
    stats: CacheStats | None = None,
) -> ContentScan:
    """Read every file under ``root/docs_dir``; paths in findings are repository-relative.

    With a cache ``folder``, items parsed by an earlier run of the same code from the same
    bytes are taken from it, and it is updated; ``scan.stats`` counts both.
    """
    scan = ContentScan()
    base = root / docs_dir
    if not base.is_dir():
        scan.findings.append(
            Finding.error(
                docs_dir,
                (1, 1),
                "no-content",
                f"content folder '{docs_dir}' does not exist",
                "create it, or set docs_dir in mkdocs.yml",
            )
        )
        return scan
    if stats is not None:
        scan.stats = stats
    cache = _item_cache(folder, scan.stats)
    for file in _walk(base):
        rel_docs = file.relative_to(base).as_posix()
        rel = f"{docs_dir}/{rel_docs}"
        if file.name in _IGNORED_NAMES:
            continue
        if file.is_symlink():
            scan.findings.append(
                Finding.error(
                    rel,
                    (1, 1),
                    "symlink",
                    "symbolic links are not allowed in content",
                    "commit the file itself",
                )
            )
            continue
        bad = next((part for part in rel_docs.split("/") if not _SAFE_NAME.match(part)), None)
        if bad is not None:
            scan.findings.append(_name_finding(rel, bad))
            continue
        suffix = file.suffix.lower().lstrip(".")
        if suffix != "md":
            if suffix in ACTIVE_TYPES:
                scan.findings.append(
                    Finding.error(
                        rel,
                        (1, 1),
                        "file-type-not-allowed",
                        f"'.{suffix}' files can run script in readers' browsers and are "
                        "never published from content",
                        "convert it to Markdown or an image (png, jpg), or link to it as a resource",
                    )
                )
            elif suffix not in allowed_assets and suffix not in KIND_OF_EXTENSION:
                # Photos, videos and captions are always allowed: rules/media.py checks
                # their bytes. Other types only when the policy lists them.
                allowed = ", ".join((*KIND_OF_EXTENSION, *allowed_assets))
                scan.findings.append(
                    Finding.error(
                        rel,
                        (1, 1),
                        "file-type-not-allowed",
                        f"'.{suffix or file.name}' files are not allowed in content",
                        f"allowed types: md, {allowed} (more in policy.yml allowed_assets); "
                        "link to other documents as a resource instead",
                    )
                )
            else:
                scan.assets.append(rel_docs)
            continue
        parts = rel_docs.split("/")
        kind = _TYPE_OF_FOLDER.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            doc = _read_page(file.read_bytes(), rel, scan.findings)
            if doc is not None:
                scan.pages.append(rel_docs)
                scan.page_bodies[rel_docs] = (doc.body, doc.body_line)
            continue
        data = file.read_bytes()

        def parse(
            out: list[Finding], d: bytes = data, r: str = rel, k: ItemType = kind
        ) -> Item | None:
            return read_item(d, r, k, out)

        item, found = cache.read(data, (rel, kind), parse)
        scan.findings.extend(found)
        if item is not None:
            scan.items.append(item)
    scan.findings.extend(_page_sizes(scan.items))
    cache.save()
    return scan


def _name_finding(rel: str, part: str) -> Finding:
    suggestion = re.sub(r"[^a-z0-9.]+", "-", part.lower()).strip("-.") or "name"
    return Finding.error(
        rel,
        (1, 1),
        "bad-file-name",
        f"name {part!r} has characters that would need escaping in URLs and pages",
        f"rename it to {suggestion!r}: letters, digits, '.', '_' and '-' only",
    )


def _read_page(data: bytes, rel: str, findings: list[Finding]) -> Document | None:
    """Check a plain Markdown page; the page when it may be published."""
    doc = read_page(data, rel)
    findings.extend(doc.findings)
    if not doc.ok:
        return None
    checker = Checker(rel, doc.positions)
    checker.check(doc.meta, PAGE_FIELDS)
    findings.extend(checker.findings)
    return None if checker.findings else doc


def _page_sizes(items: list[Item]) -> list[Finding]:
    """Problems whose page (the problem and every answer) is too large to render in time."""
    answers: dict[str, list[Item]] = {}
    for item in items:
        if item.type == "answer" and item.problem:
            answers.setdefault(item.problem, []).append(item)
    out = []
    for item in items:
        parts = answers.get(item.id, []) if item.type == "problem" else []
        size = len(item.body.encode()) + sum(len(a.body.encode()) for a in parts)
        if size > MAX_PAGE_BYTES:
            largest = sorted(parts, key=lambda a: -len(a.body))[:3]
            out.append(
                Finding.error(
                    item.path,
                    (1, 1),
                    "page-too-large",
                    f"with its {len(parts)} answers this problem's page holds {size // 1024} KiB "
                    f"of Markdown, more than the {MAX_PAGE_BYTES // 1024} KiB allowed",
                    "move long answers into resources and link them; largest: "
                    + ", ".join(a.path for a in largest),
                )
            )
    return out


def _item_cache(folder: CacheFolder | None, stats: CacheStats) -> ParsedFiles[Item | None]:
    """Parsed items by path, type and bytes: `mkdocs serve` and the next run parse one
    edited file, not the whole knowledge base."""
    return ParsedFiles(
        "items",
        folder,
        stats,
        lambda item: None if item is None else encode_item(item),
        lambda value: None if value is None else decode_item(value),
    )


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
            Finding.error(
                rel,
                (1, 1),
                "bad-file-name",
                f"file name '{stem}' cannot be an id (it becomes the page's URL)",
                f"rename the file to '{suggestion}.md'",
            )
        )
        return None
    if values.get("type", kind) != kind:
        at = doc.positions.get("type", (1, 1))
        findings.append(
            Finding.error(
                rel,
                at,
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
        updated=values.get("updated"),
        description=values.get("description"),
        problem=values.get("problem"),
        accepted=values.get("accepted"),
        url=values.get("url"),
        format=values.get("format"),
        items=values.get("items", ()),
        related=values.get("related", ()),
        superseded_by=values.get("superseded_by"),
        recorded_by=values.get("recorded_by"),
        source=values.get("source"),
        fingerprints=reader_fingerprints(kind, title, doc.body, values),
        positions=dict(doc.positions),
        body_line=doc.body_line,
    )
