"""From drafts to files: ids, references between drafts, and what a run would change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import Finding
from ..model import ItemType
from ..names import candidate_ids, slugify
from ..project import Loaded
from ..rules.generated import RESERVED_IDS
from ..rules.taxonomy import names
from ..sources.atomic import replace_file
from ..sources.scaffold import item_path, item_text

#: Draft fields that name another draft by its source; resolved to that draft's id.
REFERENCES = ("problem", "accepted")


@dataclass
class Draft:
    """One item to import, before it has an id."""

    kind: ItemType
    source: str  #: where it came from: the old URL or path; its identity across runs
    title: str
    author: str
    body: str
    origin: tuple[str, int] = ("", 1)  #: the file and line it was read from, for findings
    meta: dict[str, Any] = field(default_factory=dict)  #: date, tags, url, format...
    refs: dict[str, str] = field(default_factory=dict)  #: field -> the source of a draft
    slug_hint: str = ""  #: for answers, which have no title of their own


#: Marks a link to another imported document in a draft's body, until its id is known.
LINK_MARK = "\x00"


def link_to(source: str) -> str:
    """A placeholder for the file of the draft from ``source``, replaced when ids are set."""
    return f"{LINK_MARK}{source}{LINK_MARK}"


@dataclass
class Result:
    """What an importer read: the drafts, what it could not map, what it left out."""

    drafts: list[Draft] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  #: what was left out, by reason


@dataclass(frozen=True)
class Write:
    """A file an import would write."""

    path: str
    text: str
    source: str
    action: Literal["create", "update", "unchanged"]


class Mapper:
    """People and tags of the target project, with the mappings given on the command line."""

    def __init__(
        self,
        loaded: Loaded,
        people_map: Mapping[str, str] | None = None,
        tag_map: Mapping[str, str] | None = None,
    ) -> None:
        catalog = loaded.catalog
        self.people = dict(people_map or {})
        self.handles = set(catalog.people)
        self.by_name = {p.name.casefold(): p.handle for p in catalog.people.values() if p.name}
        self.by_name.update(
            {e.casefold(): p.handle for p in catalog.people.values() for e in p.emails}
        )
        self.tag_names = names(catalog.tags)
        self.tag_map = {k.casefold(): v for k, v in (tag_map or {}).items()}

    def person(self, *keys: str) -> str | None:
        """The handle for the first key the mapping file, a handle or a display name knows."""
        for key in keys:
            if not key:
                continue
            if key in self.people:
                return self.people[key]
            if key in self.handles:
                return key
            if key.casefold() in self.by_name:
                return self.by_name[key.casefold()]
        return None

    def tag(self, name: str) -> str | None:
        """The taxonomy id for a foreign tag (mapped, an id or a synonym), else None."""
        mapped = self.tag_map.get(name.casefold(), name)
        tag = self.tag_names.get(mapped) or self.tag_names.get(slugify(mapped))
        return tag.id if tag else None


def plan(loaded: Loaded, drafts: Iterable[Draft]) -> list[Write]:
    """Ids for the drafts (kept from an earlier import of the same source), then their files."""
    drafts = list(drafts)
    by_source = {i.source: i for i in loaded.catalog.items.values() if i.source}
    taken = set(loaded.catalog.items) | set(RESERVED_IDS)
    ids: dict[str, str] = {}
    paths: dict[str, str] = {}
    # Earlier imports keep their ids first, so a new draft never takes one of them.
    for d in drafts:
        if d.source in by_source:
            ids[d.source] = by_source[d.source].id
            paths[d.source] = by_source[d.source].path
    for d in drafts:
        if d.source in ids:
            continue
        base = slugify(d.title if d.kind != "answer" else d.slug_hint) or d.kind
        item_id = next(i for i in candidate_ids(base) if i not in taken)
        taken.add(item_id)
        ids[d.source] = item_id
        paths[d.source] = item_path(loaded.settings.docs_dir, d.kind, item_id)
    writes = []
    for d in drafts:
        meta: dict[str, Any] = {"title": d.title if d.kind != "answer" else None}
        meta["author"] = d.author
        meta.update({k: v for k, v in d.meta.items() if k not in REFERENCES})
        for key, target in d.refs.items():
            if target in ids:
                meta[key] = ids[target]
        meta["source"] = d.source
        ordered = {k: meta[k] for k in _ORDER if k in meta}
        path = paths[d.source]
        text = item_text(d.kind, ordered, _linked(d.body, path, paths))
        file = loaded.settings.root / path
        old = file.read_text(encoding="utf-8") if file.is_file() else None
        action: Literal["create", "update", "unchanged"] = (
            "create" if old is None else "unchanged" if old == text else "update"
        )
        writes.append(Write(path, text, d.source, action))
    return writes


def _linked(body: str, here: str, paths: Mapping[str, str]) -> str:
    """The body with each placeholder replaced by the relative path of that draft's file."""
    if LINK_MARK not in body:
        return body
    parts = body.split(LINK_MARK)
    for n in range(1, len(parts), 2):
        target = paths.get(parts[n], "")
        parts[n] = _relative(here, target) if target else parts[n]
    return "".join(parts)


def _relative(here: str, target: str) -> str:
    h, t = here.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(h), len(t) - 1) and h[common] == t[common]:
        common += 1
    return "/".join([".."] * (len(h) - common) + t[common:])


#: Front matter keys in the order the schema documents them.
_ORDER = (
    "title",
    "author",
    "tags",
    "community",
    "date",
    "updated",
    "description",
    "problem",
    "accepted",
    "url",
    "format",
    "source",
)


def day(value: str) -> date | None:
    """The date of an ISO timestamp (``2019-03-04T10:11:12.345``), or None."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def write_all(root: Path, writes: Iterable[Write]) -> int:
    """Write what changed; the number of files written."""
    count = 0
    for w in writes:
        if w.action != "unchanged":
            replace_file(root / w.path, w.text)
            count += 1
    return count


def unknown_people_finding(origin: tuple[str, int], who: str, count: int) -> Finding:
    return Finding.warning(
        origin[0],
        (origin[1], 1),
        "import-unknown-person",
        f"'{who}' ({count} item(s)) is not in people.yml; those items are not written",
        f"map them with --people FILE (a YAML mapping of '{who}' to a handle), add them to "
        "curation/people.yml, or write them under a curator with --unknown-author HANDLE",
    )


def unknown_tag_finding(origin: tuple[str, int], tag: str, count: int) -> Finding:
    return Finding.warning(
        origin[0],
        (origin[1], 1),
        "import-unknown-tag",
        f"tag '{tag}' ({count} item(s)) is not in the taxonomy; it is left off those items",
        f"map it with --tag {tag}=TAG, or propose it in curation/taxonomy.yml: "
        f"- {{id: {slugify(tag) or tag}, label: {tag}, description: ..., community: ...}}",
    )
