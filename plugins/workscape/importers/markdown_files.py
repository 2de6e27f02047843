"""A folder of documents: Markdown from a wiki, a docs site or a notes tool, or exported HTML.

Decisions, as a reader would ask them:

- **Which files?** ``.md`` and ``.markdown``, and ``.html``/``.htm`` as Confluence and
  SharePoint export pages; folders whose name starts with a dot (``.git``) are skipped.
- **The title?** Front matter's ``title``, else the first heading (taken out of the body,
  since the page shows the title above it), else the file's name.
- **Foreign front matter?** ``title``, ``author``, ``tags``, ``date`` and ``description``
  are read as ours; any other key is mapped with ``--map KEY=FIELD`` or kept, with its
  value, in a comment at the end of the body, and reported.
- **Dates?** Front matter's, else the file's history when the folder is in a git
  repository: its first commit dates it, its last one is ``updated``.
- **Relative links and images?** A link to another document imported in the same run
  is rewritten to that item's file; anything else relative is rewritten to ``--base-url``
  when one is given, else replaced by its text and reported, so the result passes check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import unquote

import frontmatter
import yaml

from ..errors import Finding
from ..patterns import linear
from ..project import Loaded
from ..sources.git import Repository
from .html import html_title, to_markdown
from .plan import Draft, Mapper, Result, day, link_to, unknown_people_finding, unknown_tag_finding

SUFFIXES = (".md", ".markdown", ".html", ".htm")
#: The fields a foreign front-matter key can be mapped onto.
MAPPABLE = ("author", "tags", "date", "description", "title")

# A Markdown link or image: [text](target "title"). Contributor text: RE2, linear.
_LINK = linear(r'(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"\n]*")?\s*\)')
_HEADING = linear(r"(?m)^#\s+(.+?)\s*#*\s*$")


@dataclass
class Options:
    kind: Literal["problem", "resource"]
    author: str | None = None
    keys: dict[str, str] = field(default_factory=dict)  #: foreign key -> our field
    base_url: str = ""
    unknown_author: str | None = None
    community: str | None = None


def documents(folder: Path) -> list[Path]:
    """The documents under ``folder``, in a stable order, hidden folders left out."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read(folder: Path, mapper: Mapper, options: Options, loaded: Loaded) -> Result:
    """Drafts for the documents in ``folder``, and what could not be mapped."""
    result = Result()
    files = documents(folder)
    sources = {
        p.relative_to(folder).as_posix(): _source(options, p.relative_to(folder)) for p in files
    }
    history = _History(folder)
    unmapped_keys: Counter[str] = Counter()
    first_key: dict[str, tuple[str, int]] = {}
    unknown_people: Counter[str] = Counter()
    unknown_tags: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    base = options.base_url.rstrip("/")
    for path in files:
        rel = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        meta: dict[str, Any] = {}
        if path.suffix.lower() in (".html", ".htm"):
            title, body = html_title(text), to_markdown(text)
        else:
            try:
                post = frontmatter.loads(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 1 if mark else 1
                result.findings.append(
                    Finding.error(
                        str(path),
                        (line, 1),
                        "import-bad-front-matter",
                        f"front matter is not YAML: {exc}",
                        "fix it in the source and import again; the file is left out",
                    )
                )
                result.skipped["documents with broken front matter"] += 1
                continue
            meta, body, title = dict(post.metadata), post.content + "\n", ""
        ours: dict[str, Any] = {}
        notes = []
        for key, value in meta.items():
            target = options.keys.get(key, key if key in MAPPABLE else "")
            if target:
                ours[target] = value
            else:
                notes.append(f"{key}: {value}")
                unmapped_keys[key] += 1
                first_key.setdefault(key, (str(path), 1))
        title = str(ours.get("title") or title)
        if not title:
            heading = _HEADING.search(body)
            if heading:
                title = heading.group(1)
                body = body[: heading.start()] + body[heading.end() :]
        title = title or path.stem.replace("-", " ").replace("_", " ")
        body = _rewrite_links(body, path, folder, sources, base, result.findings)
        created, changed, git_author = history.dates(path)
        # Front matter names the author, else the file's first committer, else --author.
        named = [str(w) for w in (ours.get("author"), git_author, options.author) if w]
        who = named[0] if named else ""
        handle = next((h for h in map(mapper.person, named) if h), None)
        if handle is None and options.unknown_author:
            handle = options.unknown_author
            if who:
                body += f"\n*Written by {who} in the old documentation.*\n"
        if handle is None:
            unknown_people[who or "(no author)"] += 1
            first.setdefault(f"person:{who or '(no author)'}", (str(path), 1))
            result.skipped["documents by people not mapped"] += 1
            continue
        tags = []
        raw_tags = ours.get("tags") or []
        for name in [raw_tags] if isinstance(raw_tags, str) else raw_tags:
            tag = mapper.tag(str(name))
            if tag is None:
                unknown_tags[str(name)] += 1
                first.setdefault(f"tag:{name}", (str(path), 1))
            elif tag not in tags:
                tags.append(tag)
        when = _as_date(ours.get("date")) or created
        item_meta: dict[str, Any] = {
            "tags": tags,
            "community": options.community,
            "date": when,
            "updated": changed if when and changed and changed > when else None,
            "description": str(ours["description"]) if ours.get("description") else None,
        }
        if options.kind == "resource":
            item_meta["url"] = _url(base, rel)
            item_meta["format"] = "document"
        if notes:
            comment = "\n".join(notes).replace("--", "- -")
            body += f"\n<!--\nImported front matter that maps onto no field:\n{comment}\n-->\n"
        result.drafts.append(
            Draft(
                kind=options.kind,
                source=sources[rel],
                title=title,
                author=handle,
                body=body.strip() + "\n",
                origin=(str(path), 1),
                meta=item_meta,
            )
        )
    for key, count in sorted(unmapped_keys.items()):
        result.findings.append(
            Finding.warning(
                *_at(first_key[key]),
                "import-unmapped-key",
                f"front-matter key '{key}' ({count} document(s)) maps onto no field; "
                "kept in a comment at the end of each body",
                f"map it with --map {key}=FIELD, FIELD one of {', '.join(MAPPABLE)}",
            )
        )
    for who, count in sorted(unknown_people.items()):
        result.findings.append(unknown_people_finding(first[f"person:{who}"], who, count))
    for name, count in sorted(unknown_tags.items()):
        result.findings.append(unknown_tag_finding(first[f"tag:{name}"], name, count))
    return result


def _at(origin: tuple[str, int]) -> tuple[str, tuple[int, int]]:
    return origin[0], (origin[1], 1)


def _source(options: Options, rel: PurePosixPath | Path) -> str:
    return (
        _url(options.base_url.rstrip("/"), rel.as_posix()) if options.base_url else rel.as_posix()
    )


def _url(base: str, rel: str) -> str:
    return f"{base}/{rel}" if base else rel


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return day(str(value)) if value else None


def _rewrite_links(
    body: str, path: Path, folder: Path, sources: dict[str, str], base: str, findings: list[Finding]
) -> str:
    """Relative links to imported documents point at their items; others are resolved or reported."""
    out, at = [], 0
    for match in _LINK.finditer(body):
        bang, text, target = match.group(1), match.group(2), match.group(3)
        if ":" in target.split("/")[0] or target.startswith(("#", "/")):
            continue  # absolute, an anchor, or rooted: nothing to map
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / unquote(file_part)).resolve()
        try:
            rel = resolved.relative_to(folder.resolve()).as_posix()
        except ValueError:
            rel = ""
        out.append(body[at : match.start()])
        at = match.end()
        if rel in sources and not bang:
            out.append(f"[{text}]({link_to(sources[rel])}{'#' + anchor if anchor else ''})")
        elif base and rel:
            out.append(f"{bang}[{text}]({base}/{rel}{'#' + anchor if anchor else ''})")
        else:
            line = body.count("\n", 0, match.start()) + 1
            col = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
            findings.append(
                Finding.warning(
                    str(path),
                    (line, col),
                    "import-unmapped-link",
                    f"{'image' if bang else 'link'} '{target}' leads to nothing imported; "
                    "its text is kept without the link",
                    "give --base-url to link to where the old files still live, or copy the "
                    "file into the content folder and link it after the import",
                )
            )
            out.append(text)
    return "".join([*out, body[at:]])


class _History:
    """Dates and first authors of files in a git repository (nothing outside one)."""

    def __init__(self, folder: Path) -> None:
        self.repo = Repository(folder)
        status, _, _ = self.repo.attempt("rev-parse", "--is-inside-work-tree")
        self.active = status == 0

    def dates(self, path: Path) -> tuple[date | None, date | None, str]:
        """First and last commit dates of ``path``, and its first author's address."""
        if not self.active:
            return None, None, ""
        status, out, _ = self.repo.attempt(
            "log", "--follow", "--format=%as %ae", "--", str(path.resolve())
        )
        lines = out.split("\n") if status == 0 and out else []
        if not lines:
            return None, None, ""
        first_day, _, email = lines[-1].partition(" ")
        return day(first_day), day(lines[0].partition(" ")[0]), email
