"""Reading curator-owned data under the curation folder.

``taxonomy.yml``, ``communities.yml``, ``people.yml``, ``policy.yml``,
``featured.yml``, ``reviews/<item>.yml``, ``ratings/<item>/<handle>.yml``,
``views/YYYY-MM.csv``, and comments, news and moderation (``conversation.py``). Each reader returns model objects and findings.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ..errors import Finding, Position
from ..model import (
    Community,
    Featured,
    Person,
    Policy,
    PopularityWeights,
    Positions,
    Rating,
    Review,
    Tag,
    ViewCount,
)
from ..schema import (
    COMMUNITY_FIELDS,
    FEATURED_FIELDS,
    MONTH_PATTERN,
    PERSON_FIELDS,
    POLICY_FIELDS,
    RATING_FIELDS,
    REVIEW_FIELDS,
    TAG_FIELDS,
    Field,
)
from .access_logs import MAX_MONTHLY_VIEWS, view_count
from .cache import CacheFolder, CacheStats
from .cache_codec import decode_record, encode_record
from .conversation import ConversationData, read_conversation
from .documents import decode_text
from .fields import Checker
from .parsed_files import ParsedFiles
from .yamlfile import parse_yaml


@dataclass
class CurationData:
    """Everything under curation/, as read."""

    tags: list[Tag] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    policy: Policy = Policy()
    featured: list[Featured] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    views: list[ViewCount] = field(default_factory=list)
    #: The URL path (``/problems/x/``) each view row named, for checking later.
    view_paths: list[tuple[str, int, str]] = field(default_factory=list)
    #: comments/, news/ and moderation/ (see sources/conversation.py).
    conversation: ConversationData = field(default_factory=ConversationData)
    findings: list[Finding] = field(default_factory=list)


def _missing(rel: str) -> Finding:
    return Finding.error(
        rel,
        (1, 1),
        "missing-file",
        f"{rel} does not exist",
        "create it; the README shows its format",
    )


def _read_yaml(
    root: Path, rel: str, findings: list[Finding], required: bool
) -> tuple[Any, Positions]:
    file = root / rel
    if file.is_symlink():
        findings.append(Finding.error(rel, (1, 1), "symlink", "symbolic links are not allowed"))
        return None, {}
    if not file.is_file():
        if required:
            findings.append(_missing(rel))
        return None, {}
    return _parse_yaml(file.read_bytes(), rel, findings)


def _parse_yaml(data: bytes, rel: str, findings: list[Finding]) -> tuple[Any, Positions]:
    text = decode_text(data, rel, findings)
    if text is None:
        return None, {}
    parsed = parse_yaml(text, rel)
    findings.extend(parsed.findings)
    return (parsed.value if parsed.ok else None), parsed.positions


def _records(
    root: Path, rel: str, fields: tuple[Field, ...], findings: list[Finding], required: bool = True
) -> list[tuple[dict[str, Any], Positions, str]]:
    """Checked entries of a YAML list file: (values, positions, key prefix) each."""
    return _entries(*_read_yaml(root, rel, findings, required), rel, fields, findings)


def _entries(
    value: Any, positions: Positions, rel: str, fields: tuple[Field, ...], findings: list[Finding]
) -> list[tuple[dict[str, Any], Positions, str]]:
    """The checked entries of a parsed YAML list file."""
    if value is None:
        return []
    if not isinstance(value, list):
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "not-a-list",
                f"{rel} must be a list of entries",
                "start each entry with '- '",
            )
        )
        return []
    # Each entry's positions, split off once: filtering every key per entry was quadratic
    # in the file's length (2.4 s of a 10,000-item load).
    by_entry: dict[str, dict[str, Position]] = {}
    for key, at in positions.items():
        head, dot, rest = key.partition(".")
        if dot:
            by_entry.setdefault(head, {})[rest] = at
    out: list[tuple[dict[str, Any], Positions, str]] = []
    for i, entry in enumerate(value):
        prefix = f"{i}."
        if not isinstance(entry, dict):
            at = positions.get(str(i), (1, 1))
            findings.append(
                Finding.error(
                    rel, at, "not-a-mapping", "each entry must be a mapping of key: value"
                )
            )
            continue
        checker = Checker(rel, positions, prefix)
        values = checker.check(entry, fields)
        findings.extend(checker.findings)
        if all(f.name in values for f in fields if f.required):
            local = dict(by_entry.get(str(i), {}))
            local[""] = positions.get(str(i), (1, 1))
            out.append((values, local, prefix))
    return out


def read_curation(
    root: Path,
    curation_dir: str = "curation",
    folder: CacheFolder | None = None,
    stats: CacheStats | None = None,
) -> CurationData:
    """Read every curation file under ``root/curation_dir``.

    With a cache ``folder``, review and rating files (thousands of small files) read by
    an earlier run of the same code from the same bytes are taken from it; ``stats``
    counts them.
    """
    data = CurationData()
    stats = stats if stats is not None else CacheStats()
    f = data.findings
    base = f"{curation_dir}/"
    for values, pos, _ in _records(root, base + "taxonomy.yml", TAG_FIELDS, f):
        data.tags.append(Tag(**_tuples(values), positions=pos))
    for values, pos, _ in _records(root, base + "communities.yml", COMMUNITY_FIELDS, f):
        data.communities.append(Community(**_tuples(values), positions=pos))
    for values, pos, _ in _records(root, base + "people.yml", PERSON_FIELDS, f):
        data.people.append(Person(**_tuples(values), positions=pos))
    for values, pos, _ in _records(root, base + "featured.yml", FEATURED_FIELDS, f, False):
        data.featured.extend(_featured(values, pos, base + "featured.yml", f))
    data.policy = _policy(root, base + "policy.yml", f)
    data.reviews = _reviews(root, base, f, folder, stats)
    data.ratings = _ratings(root, base, f, folder, stats)
    data.views, data.view_paths = _views(root, base, f)
    data.conversation = read_conversation(root, curation_dir)
    f.extend(data.conversation.findings)
    return data


def _tuples(values: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}


def _featured(
    values: dict[str, Any], pos: Positions, rel: str, findings: list[Finding]
) -> list[Featured]:
    kinds: tuple[Literal["item", "person"], ...] = ("item", "person")
    refs = [(k, values[k]) for k in kinds if k in values]
    if len(refs) != 1:
        at = pos.get("", (1, 1))
        findings.append(
            Finding.error(rel, at, "featured-target", "give exactly one of `item:` or `person:`")
        )
        return []
    kind, ref = refs[0]
    return [
        Featured(
            kind=kind,
            ref=ref,
            by=values["by"],
            until=values.get("until"),
            note=values.get("note", ""),
            recorded_by=values.get("recorded_by", ""),
            path=rel,
            positions=pos,
        )
    ]


def _policy(root: Path, rel: str, findings: list[Finding]) -> Policy:
    value, positions = _read_yaml(root, rel, findings, required=False)
    if value is None:
        return Policy()
    if not isinstance(value, dict):
        findings.append(Finding.error(rel, (1, 1), "not-a-mapping", "policy.yml must be a mapping"))
        return Policy()
    checker = Checker(rel, positions)
    values = checker.check(value, POLICY_FIELDS)
    popularity = values.pop("popularity", {})
    pop_fields = tuple(
        Field(name, "number", name, minimum=0) for name in PopularityWeights.__dataclass_fields__
    )
    checker.prefix = "popularity."
    pop_values = checker.check(popularity, pop_fields)
    targets = values.pop("participation_targets", None)
    checker.prefix = "participation_targets."
    if targets is not None:
        role_fields = tuple(
            Field(r, "number", r, minimum=0, maximum=1) for r in Policy().participation_targets
        )
        values["participation_targets"] = checker.check(targets, role_fields)
    findings.extend(checker.findings)
    return Policy(**_tuples(values), popularity=PopularityWeights(**pop_values))


def _files(root: Path, rel: str, pattern: str) -> list[Path]:
    folder = root / rel
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def _listing(root: Path, rel: str, nested: bool) -> list[tuple[str, bool, bool]]:
    """The ``*.yml`` files in ``rel`` (``*/*.yml`` if ``nested``): (path, is a symbolic link,
    is a file) each, in the order ``sorted(glob())`` gives, from one pass of the folders
    whose entries carry their types (a stat per file was a fifth of reading ratings)."""
    folders = [(rel, root / rel)]
    if nested:
        try:
            with os.scandir(root / rel) as found:
                folders = sorted((f"{rel}/{e.name}", Path(e.path)) for e in found if e.is_dir())
        except OSError:
            return []
    out: list[tuple[str, bool, bool]] = []
    for folder_rel, folder in folders:
        try:
            with os.scandir(folder) as found:
                entries = sorted(
                    (e for e in found if e.name.endswith(".yml")), key=lambda e: e.name
                )
        except OSError:
            continue
        out += [(f"{folder_rel}/{e.name}", e.is_symlink(), e.is_file()) for e in entries]
    return out


def _file_bytes(
    root: Path, rel: str, link: bool, is_file: bool, findings: list[Finding]
) -> bytes | None:
    """A listed file's bytes, or None with the finding `_read_yaml` gives (required)."""
    if link:
        findings.append(Finding.error(rel, (1, 1), "symlink", "symbolic links are not allowed"))
        return None
    if not is_file:
        findings.append(_missing(rel))
        return None
    try:
        return (root / rel).read_bytes()
    except OSError:
        return _file_bytes(root, rel, False, False, findings)


def _reviews(
    root: Path, base: str, findings: list[Finding], folder: CacheFolder | None, stats: CacheStats
) -> list[Review]:
    cache: ParsedFiles[list[Review]] = ParsedFiles(
        "reviews",
        folder,
        stats,
        lambda reviews: [encode_record(r) for r in reviews],
        lambda value: [decode_record(Review, r) for r in value],
    )
    out = []
    for rel, link, is_file in _listing(root, base + "reviews", nested=False):
        data = _file_bytes(root, rel, link, is_file, findings)
        if data is None:
            continue

        def parse(found: list[Finding], data: bytes = data, rel: str = rel) -> list[Review]:
            value, positions = _parse_yaml(data, rel, found)
            stem = PurePosixPath(rel).stem
            return [
                Review(item=stem, path=rel, positions=pos, **values)
                for values, pos, _ in _entries(value, positions, rel, REVIEW_FIELDS, found)
            ]

        reviews, found = cache.read(data, (rel,), parse)
        findings.extend(found)
        out.extend(reviews)
    cache.save()
    return out


def _ratings(
    root: Path, base: str, findings: list[Finding], folder: CacheFolder | None, stats: CacheStats
) -> list[Rating]:
    cache: ParsedFiles[Rating | None] = ParsedFiles(
        "ratings",
        folder,
        stats,
        lambda rating: None if rating is None else encode_record(rating),
        lambda value: None if value is None else decode_record(Rating, value),
    )
    out = []
    for rel, link, is_file in _listing(root, base + "ratings", nested=True):
        data = _file_bytes(root, rel, link, is_file, findings)
        if data is None:
            continue

        def parse(found: list[Finding], data: bytes = data, rel: str = rel) -> Rating | None:
            return _rating(*_parse_yaml(data, rel, found), rel, found)

        rating, found = cache.read(data, (rel,), parse)
        findings.extend(found)
        if rating is not None:
            out.append(rating)
    cache.save()
    return out


def read_rating(data: bytes, rel: str, findings: list[Finding]) -> Rating | None:
    """A rating file's bytes read as `check` reads them; None when they hold no rating.

    Intake runs the file it is about to write through this, so it never commits
    a rating that `check` or the build would refuse.
    """
    return _rating(*_parse_yaml(data, rel, findings), rel, findings)


def _rating(value: Any, positions: Positions, rel: str, findings: list[Finding]) -> Rating | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        findings.append(
            Finding.error(
                rel,
                (1, 1),
                "not-a-mapping",
                "a rating file is `stars:`, `date:` and `comment:`",
            )
        )
        return None
    checker = Checker(rel, positions)
    values = checker.check(value, RATING_FIELDS)
    findings.extend(checker.findings)
    if "stars" not in values or "date" not in values:
        return None
    item, name = rel.rsplit("/", 2)[-2:]
    return Rating(item=item, by=name.removesuffix(".yml"), path=rel, positions=positions, **values)


_ITEM_FOLDERS = frozenset({"problems", "answers", "resources", "collections"})
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _item_of(path: str) -> str | None:
    """The id in an item's URL path, ``/problems/<id>/`` (last slash optional), or None.

    A plain scan of what ``^/(problems|answers|...)/([a-z0-9-]+)/?$`` matched: calling the
    pattern once per row was most of reading the views of 10,000 items.
    """
    if not path.startswith("/"):
        return None
    folder, slash, rest = path[1:].partition("/")
    ident = rest[:-1] if rest.endswith("/") else rest
    if not slash or folder not in _ITEM_FOLDERS or not ident or not set(ident) <= _ID_CHARS:
        return None
    return ident


def _shown(text: str, limit: int = 40) -> str:
    """``text`` cut short for a message: a hostile row can be kilobytes long."""
    return text if len(text) <= limit else text[:limit] + "…"


#: A views file holds one row per item for its month (``workscape views import`` writes
#: it), about 60 bytes each: 16 MiB is room for some 250,000 items, where the 512 KiB of
#: a hand-written file would stop a knowledge base of about 8,000.
MAX_VIEWS_FILE_BYTES = 16 * 1024 * 1024


def _views(
    root: Path, base: str, findings: list[Finding]
) -> tuple[list[ViewCount], list[tuple[str, int, str]]]:
    out: list[ViewCount] = []
    paths: list[tuple[str, int, str]] = []
    for file in _files(root, base + "views", "*.csv"):
        rel = file.relative_to(root).as_posix()
        if not re.match(MONTH_PATTERN, file.stem):
            findings.append(
                Finding.error(rel, (1, 1), "bad-file-name", "views files are named YYYY-MM.csv")
            )
            continue
        text = decode_text(file.read_bytes(), rel, findings, MAX_VIEWS_FILE_BYTES)
        if text is None:
            continue
        rows = csv.reader(io.StringIO(text))
        header = next(rows, None)
        if header != ["path", "views"]:
            findings.append(
                Finding.error(rel, (1, 1), "bad-header", "the first line must be `path,views`")
            )
            continue
        for number, row in enumerate(rows, start=2):
            item = _item_of(row[0]) if len(row) == 2 else None
            if item is None:
                findings.append(
                    Finding.error(
                        rel,
                        (number, 1),
                        "bad-row",
                        f"expected `/problems/<id>/,<count>`, got {_shown(repr(row))}",
                    )
                )
                continue
            count = view_count(row[1])
            if count is None:
                findings.append(
                    Finding.error(
                        rel,
                        (number, len(row[0]) + 2),
                        "bad-view-count",
                        f"{_shown(repr(row[1]))} is not a view count",
                        f"write the count in digits 0-9, at most {MAX_MONTHLY_VIEWS:,} views "
                        "of one item in a month",
                    )
                )
                continue
            out.append(ViewCount(item=item, month=file.stem, views=count))
            paths.append((rel, number, item))
    return out, paths
